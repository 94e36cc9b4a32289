from datetime import timedelta

import pytest
from django.utils import timezone

from cadastre.models import Parcel, Right
from core.exceptions import ConflictError
from core.versioning import version_end, version_replace
from tests.factories import make_parcel, make_person, make_property, make_right
from tests.geometry import square

pytestmark = pytest.mark.django_db


def test_replace_ends_the_old_version_and_registers_the_next():
    # given
    parcel = make_parcel(valid_from=timezone.now() - timedelta(days=30))
    first_id, uid = parcel.pk, parcel.uid
    # when
    parcel.geom = square(1000, 1000, size=25)
    parcel.address = "Amir Temur ko'chasi, 5"
    new = version_replace(edited=parcel)
    # then
    old = Parcel.objects.get(pk=first_id)
    assert old.valid_until == new.valid_from
    assert (new.uid, new.version, new.valid_until) == (uid, 2, None)
    assert new.address == "Amir Temur ko'chasi, 5"
    assert old.address != new.address
    assert Parcel.objects.filter(uid=uid).current().get() == new
    assert new.area_computed_m2 == pytest.approx(625, rel=0.002)


def test_replace_carries_the_sources_of_a_right():
    prop = make_property(number=make_parcel().cadastral_number)
    right = make_right(prop=prop, party=make_person(), valid_from=timezone.now() - timedelta(1))
    sources = set(right.sources.all())
    right.term_until = timezone.now().date() + timedelta(days=365)
    new = version_replace(edited=right)
    assert set(new.sources.all()) == sources
    assert Right.objects.filter(uid=right.uid).count() == 2


def test_a_stale_edit_is_refused_and_changes_nothing():
    parcel = make_parcel(valid_from=timezone.now() - timedelta(days=30))
    stale = Parcel.objects.get(pk=parcel.pk)
    parcel.address = "first edit"
    version_replace(edited=parcel, moment=timezone.now() - timedelta(days=1))
    stale.address = "second edit, made on the old version"
    with pytest.raises(ConflictError, match="changed since version 1"):
        version_replace(edited=stale)
    assert Parcel.objects.filter(uid=stale.uid).count() == 2
    assert Parcel.objects.current().get(uid=stale.uid).address == "first edit"


def test_end_retires_the_object():
    parcel = make_parcel(valid_from=timezone.now() - timedelta(days=3))
    ended = version_end(instance=parcel)
    assert ended.valid_until is not None
    assert not Parcel.objects.current().filter(uid=parcel.uid).exists()
    with pytest.raises(ConflictError):
        version_end(instance=parcel)


def test_a_new_version_cannot_start_before_the_old_one():
    parcel = make_parcel(valid_from=timezone.now())
    with pytest.raises(ConflictError, match="must start after"):
        version_replace(edited=parcel, moment=parcel.valid_from - timedelta(seconds=1))
    assert Parcel.objects.filter(uid=parcel.uid).count() == 1
