"""Demo accounts: one per role, the citizens linked to demo parties that really hold property."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.core.management import call_command

from accounts.demo import DEMO_PASSWORD, create_demo_accounts
from accounts.models import Role
from accounts.roles import district_ids_of, roles_of
from accounts.selectors import party_of
from cadastre.models import Property, Right
from democity.build import city_build
from gis.models import AdminArea

pytestmark = pytest.mark.django_db

EXPECTED_ROLES = {
    "citizen": {Role.CITIZEN},
    "citizen2": {Role.CITIZEN},
    "notary": {Role.NOTARY},
    "planner": {Role.PLANNER},
    "registrar": {Role.REGISTRAR},
    "operator": {Role.OPERATOR},
    "operator-district": {Role.OPERATOR},
    "admin": {Role.ADMIN},
}


@pytest.fixture
def demo_city():
    """A small demo city, built inside the test's transaction (rolled back after)."""
    city_build(parcels=300, seed=1)


def _kinds_held(user: User) -> set[str]:
    rights = Right.objects.filter(party=party_of(user), valid_until__isnull=True)
    return set(
        Property.objects.filter(pk__in=rights.values("property_id")).values_list("kind", flat=True)
    )


def test_one_account_per_role_with_the_demo_password(demo_city):
    made = create_demo_accounts()

    assert {a.username for a in made} == set(EXPECTED_ROLES)
    for username, roles in EXPECTED_ROLES.items():
        user = authenticate(username=username, password=DEMO_PASSWORD)
        assert user is not None, username
        assert roles_of(user) == roles, username


def test_citizens_are_linked_to_different_parties_with_property(demo_city):
    create_demo_accounts()
    citizen = User.objects.get(username="citizen")
    citizen2 = User.objects.get(username="citizen2")

    assert party_of(citizen) is not None
    assert party_of(citizen2) not in (None, party_of(citizen))
    assert {Property.Kind.LAND, Property.Kind.UNIT} <= _kinds_held(citizen)
    assert _kinds_held(citizen2)
    own = set(Right.objects.filter(party=party_of(citizen)).values_list("property_id", flat=True))
    other = set(
        Right.objects.filter(party=party_of(citizen2)).values_list("property_id", flat=True)
    )
    assert not own & other


def test_operators_cover_the_whole_city_or_one_district(demo_city):
    create_demo_accounts()
    first = AdminArea.objects.filter(level="district").order_by("code").first()
    assert district_ids_of(User.objects.get(username="operator"), Role.OPERATOR) is None
    one = User.objects.get(username="operator-district")
    assert district_ids_of(one, Role.OPERATOR) == {first.pk}


def test_admin_can_use_the_django_admin(demo_city):
    create_demo_accounts()
    admin = User.objects.get(username="admin")
    assert admin.is_staff
    assert admin.is_superuser


def test_running_it_again_resets_the_same_accounts(demo_city):
    first = create_demo_accounts()
    citizen = User.objects.get(username="citizen")
    citizen.set_password("changed")
    citizen.save()

    again = create_demo_accounts()

    assert again == first
    assert User.objects.count() == len(EXPECTED_ROLES)
    assert authenticate(username="citizen", password=DEMO_PASSWORD) is not None


def test_build_demo_city_ends_with_the_accounts():
    out = StringIO()
    call_command("build_demo_city", "--parcels", "200", "--seed", "2", stdout=out)
    assert "Demo accounts" in out.getvalue()
    assert "citizen2" in out.getvalue()
    assert User.objects.filter(username__in=EXPECTED_ROLES).count() == len(EXPECTED_ROLES)
