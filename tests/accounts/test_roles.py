"""Roles, the party link and the permission helpers every app builds on."""

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory, force_authenticate
from rest_framework.views import APIView

from accounts.decorators import role_required
from accounts.models import Role
from accounts.permissions import HasRole
from accounts.roles import district_ids_of, has_role, roles_of
from accounts.selectors import party_of
from accounts.services import profile_set_national_id
from accounts.testing import make_user
from gis.models import AdminArea
from tests.factories import make_person
from tests.geometry import square

pytestmark = pytest.mark.django_db


def test_a_person_may_hold_several_roles():
    user = make_user(roles=[Role.NOTARY, Role.CITIZEN])
    assert roles_of(user) == {"notary", "citizen"}
    assert has_role(user, Role.REGISTRAR, Role.NOTARY)
    assert not has_role(user, Role.REGISTRAR, Role.ADMIN)


def test_anonymous_and_inactive_people_hold_no_role():
    inactive = make_user(roles=[Role.ADMIN])
    inactive.is_active = False
    inactive.save()
    assert roles_of(AnonymousUser()) == frozenset()
    assert not has_role(AnonymousUser(), *Role.values)
    assert not has_role(User.objects.get(pk=inactive.pk), Role.ADMIN)


def test_a_superuser_holds_admin():
    root = User.objects.create_superuser("root", "root@example.org", "Demo-pass-2026")
    assert has_role(root, Role.ADMIN)
    assert district_ids_of(root, Role.ADMIN) is None


def test_operator_districts():
    city = AdminArea.objects.create(
        level="city", code="T", name_uz="Toshkent", geom=square(0, 0, 900)
    )
    district = AdminArea.objects.create(
        level="district", code="T-1", name_uz="Chilonzor", parent=city, geom=square(0, 0, 400)
    )
    whole_city = make_user(roles=[Role.OPERATOR])
    one = make_user(roles=[Role.OPERATOR, Role.PLANNER], district_ids=[district.pk])

    assert district_ids_of(whole_city, Role.OPERATOR) is None
    assert district_ids_of(whole_city, Role.REGISTRAR) == frozenset()
    assert district_ids_of(one, Role.OPERATOR) == {district.pk}


def test_a_citizen_is_linked_to_their_party_by_national_id():
    party = make_person(last_name="Rahimova", first_name="Dilnoza")
    user = make_user(roles=[Role.CITIZEN], party=party)
    assert party_of(User.objects.get(pk=user.pk)) == party
    assert party_of(AnonymousUser()) is None
    assert party_of(make_user()) is None


def test_national_id_set_later_links_the_party_and_unknown_id_links_none():
    party = make_person()
    user = make_user(roles=[Role.CITIZEN])
    profile_set_national_id(user=user, national_id="12345678901234")
    assert party_of(user) is None
    profile_set_national_id(user=user, national_id=party.pinfl)
    assert party_of(User.objects.get(pk=user.pk)) == party


class _RegistrarOnly(APIView):
    permission_classes = [HasRole.of(Role.REGISTRAR, Role.ADMIN)]

    def get(self, request):
        return Response({"ok": True})


@pytest.mark.parametrize(
    ("roles", "status"),
    [(None, 401), ((Role.CITIZEN,), 403), ((Role.REGISTRAR,), 200), ((Role.ADMIN,), 200)],
)
def test_has_role_answers_401_403_or_lets_through(roles, status):
    request = APIRequestFactory().get("/x/")
    if roles is not None:
        force_authenticate(request, user=make_user(roles=roles))
    assert _RegistrarOnly.as_view()(request).status_code == status


@role_required(Role.NOTARY)
def _notary_page(request):
    return HttpResponse("ok")


def test_role_required_sends_anonymous_to_login_and_refuses_other_roles():
    request = RequestFactory().get("/lookup/?n=1")
    request.user = AnonymousUser()
    response = _notary_page(request)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")

    request.user = make_user(roles=[Role.CITIZEN])
    with pytest.raises(PermissionDenied):
        _notary_page(request)

    request.user = make_user(roles=[Role.NOTARY])
    assert _notary_page(request).status_code == 200
