"""Object-level access to the register: a citizen sees what they hold, and nothing else."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from accounts.models import Role
from accounts.testing import make_user
from cadastre.models import Right
from core.exceptions import InvalidInputError
from core.versioning import version_end
from portal.access import (
    can_read_source,
    property_for,
    source_for,
    visible_properties,
)
from tests.factories import make_source

pytestmark = pytest.mark.django_db


def numbers(queryset) -> set[str]:
    return set(queryset.values_list("cadastral_number", flat=True))


def test_citizen_sees_properties_held_alone_and_through_a_family_group(register, dilnoza_user):
    assert numbers(visible_properties(dilnoza_user)) == {
        register.home.cadastral_number,
        register.flat.cadastral_number,
    }


def test_citizen_never_sees_another_citizens_property(register, karim_user):
    assert numbers(visible_properties(karim_user)) == {
        register.flat.cadastral_number,
        register.karims.cadastral_number,
    }


def test_a_right_that_ended_no_longer_shows_the_property(register, karim_user):
    version_end(instance=Right.objects.current().get(property=register.karims))
    assert register.karims.cadastral_number not in numbers(visible_properties(karim_user))


@pytest.mark.parametrize("role", [Role.NOTARY, Role.REGISTRAR, Role.ADMIN])
def test_register_readers_see_every_property(register, role):
    user = make_user(f"reader-{role}", roles=[role])
    assert numbers(visible_properties(user)) == {
        register.home.cadastral_number,
        register.flat.cadastral_number,
        register.karims.cadastral_number,
    }


def test_superuser_reads_the_whole_register(register):
    user = make_user("root")
    user.is_superuser = True
    user.save()
    assert visible_properties(user).count() == 3


@pytest.mark.parametrize("role", [Role.PLANNER, Role.OPERATOR])
def test_other_roles_see_no_property(register, role):
    user = make_user(f"staff-{role}", roles=[role])
    assert visible_properties(user).count() == 0


def test_anonymous_sees_no_property(register):
    assert visible_properties(AnonymousUser()).count() == 0


def test_citizen_without_a_linked_party_sees_nothing(register):
    user = make_user("unlinked", roles=[Role.CITIZEN])
    assert visible_properties(user).count() == 0


def test_a_party_link_without_the_citizen_role_grants_nothing(register):
    user = make_user("no-role", party=register.dilnoza)
    assert visible_properties(user).count() == 0


def test_property_for_returns_own_property(register, dilnoza_user):
    number = register.home.cadastral_number
    assert property_for(dilnoza_user, number) == register.home


def test_foreign_property_is_answered_exactly_like_a_missing_one(register, dilnoza_user):
    with pytest.raises(Http404) as foreign:
        property_for(dilnoza_user, register.karims.cadastral_number)
    missing_number = "10:09:09:09:09:9999"
    with pytest.raises(Http404) as missing:
        property_for(dilnoza_user, missing_number)
    assert str(foreign.value) == str(missing.value).replace(
        missing_number, register.karims.cadastral_number
    )
    assert "Karim" not in str(foreign.value)


def test_property_for_refuses_a_malformed_number_with_a_message(dilnoza_user):
    with pytest.raises(InvalidInputError, match="not a cadastral number"):
        property_for(dilnoza_user, "10:01:nope")


def test_notary_may_look_up_anyones_property(register, notary_user):
    assert property_for(notary_user, register.karims.cadastral_number) == register.karims


def test_holder_reads_the_sources_of_their_property_including_ended_rights(register, dilnoza_user):
    assert can_read_source(dilnoza_user, register.mortgage_deed)
    assert can_read_source(dilnoza_user, register.old_deed)
    assert source_for(dilnoza_user, register.old_deed.pk) == register.old_deed


def test_holder_cannot_read_another_propertys_sources(register, dilnoza_user):
    assert not can_read_source(dilnoza_user, register.arrest_order)
    assert not can_read_source(dilnoza_user, register.karims_deed)


def test_a_source_cited_by_nothing_is_readable_only_by_register_readers(
    register, dilnoza_user, notary_user
):
    orphan = make_source()
    assert not can_read_source(dilnoza_user, orphan)
    assert can_read_source(notary_user, orphan)


def test_foreign_source_is_answered_exactly_like_a_missing_one(register, dilnoza_user):
    pk = register.arrest_order.pk
    with pytest.raises(Http404) as foreign:
        source_for(dilnoza_user, pk)
    missing_pk = pk + 10_000
    with pytest.raises(Http404) as missing:
        source_for(dilnoza_user, missing_pk)
    assert str(foreign.value) == str(missing.value).replace(str(missing_pk), str(pk))


@pytest.mark.parametrize("role", [Role.NOTARY, Role.REGISTRAR, Role.ADMIN])
def test_register_readers_read_every_source(register, role):
    user = make_user(f"reader-{role}", roles=[role])
    assert source_for(user, register.arrest_order.pk) == register.arrest_order


@pytest.mark.parametrize("role", [Role.PLANNER, Role.OPERATOR])
def test_other_roles_read_no_source(register, role):
    user = make_user(f"staff-{role}", roles=[role], party=register.karim)
    assert not can_read_source(user, register.karims_deed)


def test_anonymous_reads_no_source(register):
    assert not can_read_source(AnonymousUser(), register.karims_deed)
    with pytest.raises(Http404):
        source_for(AnonymousUser(), register.karims_deed.pk)
