"""Watch my property: holders are told in the app, and by e-mail once a mail server is named."""

import pytest
from django.core import mail

from accounts.models import Role
from accounts.testing import make_user
from portal.models import Notification
from portal.services import notify_watchers

pytestmark = pytest.mark.django_db


def inbox(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("text", flat=True))


def test_every_current_holder_is_told_and_nobody_else(register, dilnoza_user, karim_user):
    jasur = make_user("jasur", roles=[Role.CITIZEN], party=register.jasur)
    notify_watchers(register.home, Notification.Kind.LOOKUP, "Looked up")
    assert inbox(dilnoza_user) == ["Looked up"]
    assert inbox(jasur) == ["Looked up"]
    assert inbox(karim_user) == []


def test_members_of_a_holding_family_group_are_told(register, dilnoza_user, karim_user):
    notify_watchers(register.flat, Notification.Kind.REGISTRATION, "Registered")
    assert inbox(dilnoza_user) == ["Registered"]
    assert inbox(karim_user) == ["Registered"]


def test_the_actor_is_not_told_about_their_own_act(register, dilnoza_user, karim_user):
    notify_watchers(register.flat, Notification.Kind.REGISTRATION, "Registered", actor=karim_user)
    assert inbox(karim_user) == []
    assert inbox(dilnoza_user) == ["Registered"]


def test_a_linked_user_without_the_citizen_role_is_not_told(register):
    staff = make_user("planner-dilnoza", roles=[Role.PLANNER], party=register.dilnoza)
    notify_watchers(register.home, Notification.Kind.LOOKUP, "Looked up")
    assert inbox(staff) == []


def test_no_mail_without_a_mail_server(
    register, dilnoza_user, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_HOST = ""
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notify_watchers(register.home, Notification.Kind.LOOKUP, "Looked up")
    assert callbacks == []
    assert mail.outbox == []


def test_mail_leaves_after_the_commit_when_a_mail_server_is_named(
    register, dilnoza_user, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_HOST = "smtp.example.uz"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify_watchers(register.home, Notification.Kind.LOOKUP, "A notary looked it up")
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert [(m.to, m.body) for m in mail.outbox] == [
        (["dilnoza@example.org"], "A notary looked it up")
    ]
    assert register.home.cadastral_number in mail.outbox[0].subject
    assert Notification.objects.get(recipient=dilnoza_user).emailed_at is not None


def test_a_refusing_mail_server_leaves_the_notification_in_the_app(
    register, dilnoza_user, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 9  # discard port: nothing listens, the connection is refused
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_TIMEOUT = 2
    with django_capture_on_commit_callbacks(execute=True):
        notify_watchers(register.home, Notification.Kind.LOOKUP, "Looked up")
    notification = Notification.objects.get(recipient=dilnoza_user)
    assert notification.text == "Looked up"
    assert notification.emailed_at is None
