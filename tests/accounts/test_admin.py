"""The user admin: roles and national ID on the user's page, role changes audited."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from accounts.models import LoginFailure, Role
from accounts.roles import roles_of
from accounts.testing import make_user
from audit.models import Action, AuditEntry
from tests.factories import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_():
    admin = make_user("root", roles=[Role.ADMIN])
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client = Client()
    client.force_login(admin)
    return client


def _change_form(user: User, *, national_id: str = "", roles: list[str]) -> dict[str, str]:
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
        "profile-TOTAL_FORMS": "1",
        "profile-INITIAL_FORMS": "1" if hasattr(user, "profile") else "0",
        "profile-MIN_NUM_FORMS": "0",
        "profile-MAX_NUM_FORMS": "1",
        "profile-0-national_id": national_id,
        "profile-0-user": str(user.pk),
        "role_grants-TOTAL_FORMS": str(len(roles)),
        "role_grants-INITIAL_FORMS": "0",
        "role_grants-MIN_NUM_FORMS": "0",
        "role_grants-MAX_NUM_FORMS": "1000",
    }
    if hasattr(user, "profile"):
        data["profile-0-id"] = str(user.profile.pk)
    for n, role in enumerate(roles):
        data[f"role_grants-{n}-role"] = role
        data[f"role_grants-{n}-user"] = str(user.pk)
    return data


def test_user_pages_answer(admin_client_):
    user = make_user("dilnoza", roles=[Role.CITIZEN], party=make_person())
    assert admin_client_.get("/admin/auth/user/").status_code == 200
    page = admin_client_.get(f"/admin/auth/user/{user.pk}/change/")
    assert page.status_code == 200
    assert "national_id" in page.content.decode()


def test_granting_a_role_in_the_admin_is_audited_and_links_the_party(admin_client_):
    person = make_person()
    user = make_user("aziz")
    response = admin_client_.post(
        f"/admin/auth/user/{user.pk}/change/",
        _change_form(user, national_id=person.pinfl, roles=[Role.NOTARY]),
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    user = User.objects.get(pk=user.pk)
    assert roles_of(user) == {Role.NOTARY}
    assert user.profile.party == person
    change = AuditEntry.objects.get(action=Action.ROLE_CHANGE)
    assert change.actor_username == "root"
    assert change.detail["after"] == {"notary": []}
    assert change.detail["before"] == {}


def test_login_failures_can_be_deleted_to_lift_a_lockout(admin_client_):
    failure = LoginFailure.objects.create(username="dilnoza", ip="192.0.2.1")
    assert admin_client_.get("/admin/accounts/loginfailure/").status_code == 200
    response = admin_client_.post(
        f"/admin/accounts/loginfailure/{failure.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    assert not LoginFailure.objects.exists()
