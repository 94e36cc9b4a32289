"""Versioned facts through the admin: a change is a new version, nothing is deleted."""

import json
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.models import LogEntry
from django.contrib.gis.geos import GEOSGeometry
from django.utils import timezone

from audit.models import AuditEntry
from cadastre.models import Parcel, Right, Source
from core.versioning import version_replace
from tests.admin.helpers import (
    admin_url,
    as_multipolygon,
    mercator_square,
    parcel_data,
    widget_value,
)
from tests.factories import make_parcel

pytestmark = pytest.mark.django_db


def test_adding_a_parcel_registers_version_1(admin_client, register):
    # given: a 50 m square drawn on the Web Mercator map near the test parcel
    x, y = GEOSGeometry(register.parcel.geom.transform(3857, clone=True).centroid).coords
    drawn = mercator_square(x + 500, y, 50)
    data = {
        "cadastral_number": "10:01:01:01:01:0777",
        "land_use": "commercial",
        "address": "Amir Temur ko'chasi, 7",
        "block": "",
        "source_srid": "",
        "area_official_m2": "",
        "geom": drawn,
    }
    # when
    response = admin_client.post(admin_url(Parcel, "add"), data)
    # then
    assert response.status_code == 302
    parcel = Parcel.objects.get(cadastral_number="10:01:01:01:01:0777")
    assert (parcel.version, parcel.valid_until) == (1, None)
    assert parcel.block == register.block  # found from the number
    assert parcel.geom.srid == settings.MAKON_SRID
    assert parcel.geom.equals_exact(as_multipolygon(drawn, settings.MAKON_SRID), 1e-6)
    # 50 m of Web Mercator at 41.3 N is about 37.6 m on the ground
    assert parcel.area_computed_m2 == pytest.approx(37.56**2, rel=0.01)


def test_a_saved_change_is_version_2_and_ends_version_1(admin_client, register):
    # given
    first = register.parcel
    data = parcel_data(admin_client, first, address="Navoiy ko'chasi, 12A")
    # when
    response = admin_client.post(admin_url(Parcel, "change", first.pk), data)
    # then
    assert response.status_code == 302
    first.refresh_from_db()
    second = Parcel.objects.get(uid=first.uid, version=2)
    assert first.valid_until is not None
    assert second.valid_until is None
    assert second.valid_from == first.valid_until
    assert second.address == "Navoiy ko'chasi, 12A"
    assert response["Location"] == admin_url(Parcel, "changelist")
    assert Parcel.objects.filter(uid=first.uid).count() == 2
    assert LogEntry.objects.filter(object_id=str(second.pk)).exists()


def test_an_untouched_boundary_is_kept_to_the_last_digit(admin_client, register):
    # given: the widget's Web Mercator copy differs from the stored boundary by nanometres
    first = register.parcel
    data = parcel_data(admin_client, first, address="Boshqa manzil")
    assert not as_multipolygon(data["geom"], settings.MAKON_SRID).equals_exact(first.geom, 0)
    # when
    admin_client.post(admin_url(Parcel, "change", first.pk), data)
    # then
    second = Parcel.objects.get(uid=first.uid, version=2)
    assert second.geom.wkb == first.geom.wkb


def test_moving_one_vertex_keeps_the_others_exact(admin_client, register):
    # given: the first corner (and so the closing one) moved 3 m east on the map
    first = register.parcel
    data = parcel_data(admin_client, first)
    ring = [list(corner) for corner in GEOSGeometry(data["geom"]).coords[0][0]]
    ring[0][0] += 3
    ring[-1][0] += 3
    data["geom"] = json.dumps({"type": "MultiPolygon", "coordinates": [[ring]]})
    # when
    response = admin_client.post(admin_url(Parcel, "change", first.pk), data)
    # then
    assert response.status_code == 302
    second = Parcel.objects.get(uid=first.uid, version=2)
    old, new = first.geom.coords[0][0], second.geom.coords[0][0]
    assert new[1:4] == old[1:4]
    assert new[0] != old[0]
    assert new[0] == new[-1]


def test_a_stale_save_is_refused_with_a_message(admin_client, register):
    # given: a clerk opened version 1, then someone else registered version 2
    first = register.parcel
    data = parcel_data(admin_client, first, address="Mening o'zgarishim")
    other = Parcel.objects.get(pk=first.pk)
    other.address = "Boshqa kotibning o'zgarishi"
    second = version_replace(edited=other)
    # when
    response = admin_client.post(admin_url(Parcel, "change", first.pk), data)
    # then
    assert response.status_code == 200
    page = response.content.decode()
    assert "Version 1 of this parcel ended" in page
    assert "Version 2 is the current one" in page
    assert Parcel.objects.filter(uid=first.uid).count() == 2
    second.refresh_from_db()
    assert (second.address, second.valid_until) == ("Boshqa kotibning o'zgarishi", None)


def test_an_ended_version_is_shown_read_only_with_its_versions(admin_client, register):
    # given
    first = register.parcel
    other = Parcel.objects.get(pk=first.pk)
    other.address = "Yangi manzil"
    second = version_replace(edited=other)
    # when
    response = admin_client.get(admin_url(Parcel, "change", first.pk))
    # then
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="_save"' not in page
    assert '"read_only": true' in page
    assert admin_url(Parcel, "change", second.pk) in page
    assert admin_url(Parcel, "change", first.pk) in page


def test_delete_is_not_offered(admin_client, register):
    # when
    change_page = admin_client.get(admin_url(Parcel, "change", register.parcel.pk))
    changelist = admin_client.get(admin_url(Parcel, "changelist"))
    delete = admin_client.post(admin_url(Parcel, "delete", register.parcel.pk), {"post": "yes"})
    # then
    assert 'class="deletelink"' not in change_page.content.decode()
    assert 'value="delete_selected"' not in changelist.content.decode()
    assert 'value="end_current_version"' in changelist.content.decode()
    assert delete.status_code == 403
    assert Parcel.objects.filter(pk=register.parcel.pk, valid_until__isnull=True).exists()


def test_the_end_action_ends_the_current_version(admin_client, register):
    # given
    parcel = register.parcel
    # when
    response = admin_client.post(
        admin_url(Parcel, "changelist"),
        {"action": "end_current_version", ACTION_CHECKBOX_NAME: [parcel.pk]},
        follow=True,
    )
    # then
    parcel.refresh_from_db()
    assert parcel.valid_until is not None
    assert Parcel.objects.filter(uid=parcel.uid).count() == 1
    assert "Ended 1 current version(s)" in response.content.decode()


def test_the_end_action_leaves_ended_versions_alone(admin_client, register):
    # given
    first = register.parcel
    second = version_replace(edited=Parcel.objects.get(pk=first.pk))
    # when
    response = admin_client.post(
        admin_url(Parcel, "changelist") + "?version_state=all",
        {"action": "end_current_version", ACTION_CHECKBOX_NAME: [first.pk, second.pk]},
        follow=True,
    )
    # then
    page = response.content.decode()
    assert "Ended 1 current version(s)" in page
    assert "1 selected version(s) had already ended" in page
    assert not Parcel.objects.filter(uid=first.uid, valid_until__isnull=True).exists()


def test_the_end_action_works_for_rights_too(admin_client, register):
    # when
    admin_client.post(
        admin_url(Right, "changelist"),
        {"action": "end_current_version", ACTION_CHECKBOX_NAME: [register.right.pk]},
    )
    # then
    register.right.refresh_from_db()
    assert register.right.valid_until is not None


@pytest.mark.parametrize(
    ("state", "shows_first", "shows_second"),
    [("", False, True), ("current", False, True), ("ended", True, False), ("all", True, True)],
)
def test_changelist_shows_current_versions_unless_asked(
    admin_client, register, state, shows_first, shows_second
):
    # given
    first = register.parcel
    second = version_replace(edited=Parcel.objects.get(pk=first.pk))
    # when
    query = f"?version_state={state}" if state else ""
    page = admin_client.get(admin_url(Parcel, "changelist") + query).content.decode()
    # then
    assert (admin_url(Parcel, "change", first.pk) in page) is shows_first
    assert (admin_url(Parcel, "change", second.pk) in page) is shows_second


def test_a_right_change_keeps_its_documents(admin_client, register):
    # given
    right = register.right
    data = {
        "property": right.property_id,
        "right_type": right.right_type,
        "party": right.party_id,
        "party_group": "",
        "share_numerator": 1,
        "share_denominator": 3,
        "registration_number": right.registration_number,
        "registered_on": right.registered_on.isoformat(),
        "term_from": "",
        "term_until": "",
        "sources": [s.pk for s in right.sources.all()],
    }
    # when
    response = admin_client.post(admin_url(Right, "change", right.pk), data)
    # then
    assert response.status_code == 302
    second = Right.objects.get(uid=right.uid, version=2)
    assert (second.share_numerator, second.share_denominator) == (1, 3)
    assert list(second.sources.all()) == list(right.sources.all())


def test_the_change_form_renders_the_stored_boundary(admin_client, register):
    page = admin_client.get(admin_url(Parcel, "change", register.parcel.pk)).content.decode()
    rendered = as_multipolygon(widget_value(page), settings.MAKON_SRID)
    assert rendered.equals_exact(register.parcel.geom, 1e-6)


def test_a_refusal_by_the_version_service_is_a_message(admin_client, register):
    # given: a version registered to start tomorrow cannot be followed by one starting now
    tomorrow = timezone.now() + timedelta(days=1)
    parcel = make_parcel(number="10:01:01:01:01:0050", valid_from=tomorrow)
    data = parcel_data(admin_client, parcel, address="Bugungi o'zgarish")
    # when
    response = admin_client.post(admin_url(Parcel, "change", parcel.pk), data, follow=True)
    # then
    assert response.status_code == 200
    assert "A new version must start after the one it replaces." in response.content.decode()
    assert Parcel.objects.filter(uid=parcel.uid).count() == 1
    parcel.refresh_from_db()
    assert parcel.valid_until is None


def test_a_cited_document_cannot_be_deleted_but_a_stray_upload_can(admin_client, register):
    cited = register.source
    stray = Source.objects.create(
        kind=Source.Kind.CONTRACT, number="X-1", issued_on=date(2024, 1, 1), issuer="Test"
    )
    changelist = admin_client.get(admin_url(Source, "changelist"))

    refused = admin_client.post(admin_url(Source, "delete", cited.pk), {"post": "yes"})
    allowed = admin_client.post(admin_url(Source, "delete", stray.pk), {"post": "yes"})

    assert 'value="delete_selected"' not in changelist.content.decode()
    assert refused.status_code == 403
    assert Source.objects.filter(pk=cited.pk).exists()
    assert allowed.status_code == 302
    assert not Source.objects.filter(pk=stray.pk).exists()


def test_every_admin_change_is_in_the_audit_log_with_who_and_which_number(
    admin_client, admin_user, register
):
    first = register.parcel
    data = parcel_data(admin_client, first, address="Navoiy ko'chasi, 14")
    admin_client.post(admin_url(Parcel, "change", first.pk), data)
    second = Parcel.objects.get(uid=first.uid, valid_until__isnull=True)
    admin_client.post(
        admin_url(Parcel, "changelist"),
        {"action": "end_current_version", ACTION_CHECKBOX_NAME: [second.pk]},
    )
    stray = Source.objects.create(
        kind=Source.Kind.CONTRACT, number="X-2", issued_on=date(2024, 1, 1), issuer="Test"
    )
    admin_client.post(admin_url(Source, "delete", stray.pk), {"post": "yes"})

    entries = list(
        AuditEntry.objects.filter(actor=admin_user)
        .order_by("id")
        .values_list("action", "object_type", "object_id", "cadastral_number")
    )
    assert entries == [
        ("change", "cadastre.Parcel", str(second.pk), first.cadastral_number),
        ("end", "cadastre.Parcel", str(second.pk), first.cadastral_number),
        ("end", "cadastre.Source", str(stray.pk), ""),
    ]
