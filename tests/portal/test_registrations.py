"""Registrations against a property reach its holders once they are committed."""

from datetime import date

import pytest
from django.db import transaction

from cadastre.models import Restriction
from core.versioning import version_end, version_replace
from portal.models import Notification

pytestmark = pytest.mark.django_db


def arrest(prop, number="A-9"):
    return Restriction.objects.create(
        property=prop,
        restriction_type=Restriction.Type.ARREST,
        registration_number=number,
        registered_on=date(2026, 1, 10),
        description="Sud ajrimi",
    )


def test_an_arrest_registered_against_my_property_tells_me_after_commit(
    register, karim_user, dilnoza_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        arrest(register.karims)
    assert not Notification.objects.exists()
    for callback in callbacks:
        callback()
    (told,) = Notification.objects.all()
    assert told.recipient == karim_user
    assert told.kind == Notification.Kind.REGISTRATION
    assert "A-9" in told.text
    assert register.karims.cadastral_number in told.text


def test_a_new_version_is_reported_as_a_change(
    register, karim_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registered = arrest(register.karims)
    Notification.objects.all().delete()
    registered.description = "Sud ajrimi, muddati uzaytirildi"
    with django_capture_on_commit_callbacks(execute=True):
        version_replace(edited=registered)
    (told,) = Notification.objects.filter(recipient=karim_user)
    assert "was changed" in told.text


def test_a_rolled_back_registration_tells_no_one(
    register, karim_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                arrest(register.karims)
                raise RuntimeError("registration refused")
        except RuntimeError:
            pass
    assert callbacks == []
    assert not Notification.objects.exists()


def test_an_ended_arrest_is_reported_with_its_end_date(
    register, karim_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registered = arrest(register.karims, number="A-10")
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        ended = version_end(instance=registered)
    (told,) = Notification.objects.filter(recipient=karim_user)
    assert "A-10" in told.text
    assert f"ended on {ended.valid_until.date().isoformat()}" in told.text
