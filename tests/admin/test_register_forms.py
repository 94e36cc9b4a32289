"""The register's rules are checked by the admin forms, so a clerk reads what is wrong."""

import hashlib
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cadastre.models import Parcel, Party, Property, Restriction, Right, Source
from gis.models import AdminArea, Camera
from tests.admin.helpers import admin_url, parcel_data
from tests.factories import make_person

pytestmark = pytest.mark.django_db


def right_data(register, **changes):
    data = {
        "property": register.property.pk,
        "right_type": "ownership",
        "party": register.person.pk,
        "party_group": "",
        "share_numerator": 1,
        "share_denominator": 2,
        "registration_number": "R-NEW",
        "registered_on": "2024-02-01",
        "term_from": "",
        "term_until": "",
        "sources": [register.source.pk],
    }
    data.update(changes)
    return data


def test_shares_above_one_are_refused_with_the_sum(admin_client, register):
    # given: 1/2 is already held
    other = make_person(last_name="Aliyev")
    # when
    response = admin_client.post(
        admin_url(Right, "add"),
        right_data(register, party=other.pk, share_numerator=2, share_denominator=3),
    )
    # then
    assert response.status_code == 200
    assert "would sum to 7/6" in response.content.decode()
    assert "at most 1/2 is left" in response.content.decode()
    assert Right.objects.count() == 1


def test_the_other_half_is_accepted(admin_client, register):
    other = make_person(last_name="Aliyev")
    response = admin_client.post(admin_url(Right, "add"), right_data(register, party=other.pk))
    assert response.status_code == 302
    assert Right.objects.current().count() == 2
    assert Right.objects.get(party=other).version == 1


def test_a_right_needs_exactly_one_holder(admin_client, register):
    both = right_data(register, party_group=register.group.pk, share_numerator=1)
    response = admin_client.post(admin_url(Right, "add"), both)
    assert response.status_code == 200
    assert "either one party or one party group" in response.content.decode()


def test_a_right_cites_a_document(admin_client, register):
    response = admin_client.post(admin_url(Right, "add"), right_data(register, sources=[]))
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()


def test_a_second_mortgage_of_the_same_rank_is_refused(admin_client, register):
    data = {
        "property": register.property.pk,
        "restriction_type": "mortgage",
        "beneficiary": register.bank.pk,
        "amount": "1000000",
        "rank": 1,
        "description": "",
        "registration_number": "M-2",
        "registered_on": "2024-02-01",
        "term_from": "",
        "term_until": "",
        "sources": [register.source.pk],
    }
    response = admin_client.post(admin_url(Restriction, "add"), data)
    assert response.status_code == 200
    assert "already has a mortgage of rank 1 (M-1)" in response.content.decode()
    data["rank"] = 2
    assert admin_client.post(admin_url(Restriction, "add"), data).status_code == 302


def test_a_mortgage_without_bank_or_sum_is_refused(admin_client, register):
    data = {
        "property": register.property.pk,
        "restriction_type": "mortgage",
        "beneficiary": "",
        "amount": "",
        "rank": "",
        "description": "",
        "registration_number": "M-3",
        "registered_on": "2024-02-01",
        "term_from": "2024-02-01",
        "term_until": "2023-02-01",
        "sources": [register.source.pk],
    }
    page = admin_client.post(admin_url(Restriction, "add"), data).content.decode()
    assert "A mortgage names the bank it secures." in page
    assert "A mortgage secures a sum above zero." in page
    assert "A mortgage has a rank" in page
    assert "The term must end after it starts." in page


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("10:01:01:01:01", "expected 6 groups (parcel)"),
        ("10:01:01:01:01:12", "the parcel group must be 4 digits"),
        ("10:01:01:01:01:0001:0001", "has at most 19 characters"),
        ("11:01:01:01:01:0001", "belongs to region 11; this register keeps region 10"),
        ("10:01:01:01:01:0001", "is already registered"),
    ],
)
def test_a_bad_parcel_number_is_explained(admin_client, register, number, message):
    data = parcel_data(admin_client, register.parcel)
    data.update(cadastral_number=number, block="")
    response = admin_client.post(admin_url(Parcel, "add"), data)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_a_parcel_in_another_block_than_its_number_says_is_refused(admin_client, register):
    other_block = AdminArea.objects.create(
        level="block",
        code="10:01:01:01:02",
        name_uz="Blok 2",
        parent=register.district,
        geom=register.block.geom,
    )
    data = parcel_data(admin_client, register.parcel, block=other_block.pk)
    response = admin_client.post(admin_url(Parcel, "change", register.parcel.pk), data)
    assert response.status_code == 200
    assert "lies in block 10:01:01:01:01, not in 10:01:01:01:02" in response.content.decode()


def test_a_person_needs_a_pinfl_and_an_entity_a_name(admin_client, register):
    base = {
        "last_name": "",
        "first_name": "",
        "patronymic": "",
        "organisation_name": "",
        "pinfl": "",
        "passport": "",
        "tin": "",
        "birth_date": "",
        "address": "",
    }
    person = admin_client.post(admin_url(Party, "add"), {**base, "kind": "person"})
    entity = admin_client.post(admin_url(Party, "add"), {**base, "kind": "legal", "tin": "12"})
    assert "A natural person needs a last name." in person.content.decode()
    assert "A natural person needs a PINFL." in person.content.decode()
    assert "A legal entity or state body needs its name." in entity.content.decode()
    assert "A TIN is 9 digits." in entity.content.decode()
    assert Party.objects.count() == 2


def test_a_person_is_registered_with_a_normalised_passport(admin_client, register):
    data = {
        "kind": "person",
        "last_name": "Yusupova",
        "first_name": "Malika",
        "patronymic": "",
        "organisation_name": "",
        "pinfl": "41234567890123",
        "passport": "ac 1234567",
        "tin": "",
        "birth_date": "1990-04-02",
        "address": "",
    }
    assert admin_client.post(admin_url(Party, "add"), data).status_code == 302
    party = Party.objects.get(pinfl="41234567890123")
    assert (party.passport, party.tin) == ("AC1234567", None)


def test_a_property_number_must_fit_its_kind(admin_client, register):
    data = {"cadastral_number": "10:01:01:01:01:0002:0001", "kind": "land"}
    data.update({"components-TOTAL_FORMS": 0, "components-INITIAL_FORMS": 0})
    response = admin_client.post(admin_url(Property, "add"), data)
    assert response.status_code == 200
    assert "has a parcel number" in response.content.decode()


def test_an_uploaded_document_gets_its_sha256(admin_client, register):
    content = b"%PDF-1.4 notarial deed"
    data = {
        "kind": "notarial_deed",
        "number": "ND-2024-1",
        "issued_on": date(2024, 1, 5).isoformat(),
        "issuer": "Notarius",
        "file": SimpleUploadedFile("deed.pdf", content, content_type="application/pdf"),
    }
    assert admin_client.post(admin_url(Source, "add"), data).status_code == 302
    source = Source.objects.get(number="ND-2024-1")
    assert source.sha256 == hashlib.sha256(content).hexdigest()
    assert (source.size_bytes, source.content_type) == (len(content), "application/pdf")


def test_a_district_inside_a_mahalla_is_refused(admin_client, register):
    mahalla = AdminArea.objects.create(
        level="mahalla",
        code="M-1",
        name_uz="Mahalla",
        parent=register.district,
        geom=register.block.geom,
    )
    data = {
        "level": "district",
        "code": "10:09",
        "name_uz": "Yangi",
        "name_ru": "",
        "name_en": "",
        "parent": mahalla.pk,
        "source_ref": "",
        "geom": "",
    }
    response = admin_client.post(admin_url(AdminArea, "add"), data)
    assert "lies in an area of a higher level" in response.content.decode()


def test_a_camera_bearing_of_360_is_refused(admin_client, register):
    camera = register.camera
    data = {
        "name": camera.name,
        "kind": camera.kind,
        "status": camera.status,
        "direction_deg": "360",
        "field_of_view_deg": "60",
        "range_m": "9000",
        "stream_ref": "",
        "source_ref": "",
        "geom": camera.geom.transform(3857, clone=True).json,
    }
    response = admin_client.post(admin_url(Camera, "change", camera.pk), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "less than or equal to 359.999" in page
    assert "less than or equal to 5000" in page
