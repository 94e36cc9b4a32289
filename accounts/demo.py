"""Demo accounts, one per role, for the demo city (build_demo_city creates them at its end).

The passwords are for the demo only: they are printed by the command and written in the README.
Running it again resets the same accounts (same usernames, roles and links), so it is safe after
`build_demo_city --replace`, whose TRUNCATE ... CASCADE empties profiles and district grants.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Exists, OuterRef

from accounts.models import Role, RoleGrant
from accounts.roles import forget_cached_roles
from accounts.services import profile_set_national_id, role_grant
from cadastre.models import Party, Property, Right
from gis.models import AdminArea

DEMO_PASSWORD = "Makon-demo-2026"  # noqa: S105 - published demo password, demo database only


@dataclass(frozen=True)
class DemoAccount:
    """One demo account as the command prints it and the README lists it."""

    username: str
    roles: tuple[str, ...]
    note: str


def _holds_directly(kind: str) -> Exists:
    """A right in force held by the party itself on a property of `kind`."""
    return Exists(
        Right.objects.filter(party=OuterRef("pk"), valid_until__isnull=True, property__kind=kind)
    )


def _properties_of(party: Party) -> set[int]:
    return set(
        Right.objects.filter(party=party, valid_until__isnull=True).values_list(
            "property_id", flat=True
        )
    )


def _demo_citizens() -> tuple[Party | None, Party | None]:
    """Two people with property: the first holds a parcel and a flat, the second other property.

    Chosen by PINFL, so the same demo city always gives the same two people.
    """
    persons = Party.objects.filter(kind=Party.Kind.PERSON).order_by("pinfl")
    first = (
        persons.filter(
            _holds_directly(Property.Kind.LAND), _holds_directly(Property.Kind.UNIT)
        ).first()
        or persons.filter(_holds_directly(Property.Kind.LAND)).first()
    )
    if first is None:
        return None, None
    own = _properties_of(first)
    shared = Right.objects.filter(property_id__in=own, valid_until__isnull=True)
    second = (
        persons.filter(_holds_directly(Property.Kind.UNIT))
        .exclude(pk__in=shared.exclude(party=None).values("party_id"))
        .first()
    )
    return first, second


def _user(username: str, *, first_name: str = "", last_name: str = "") -> User:
    user, _ = User.objects.get_or_create(username=username)
    user.first_name, user.last_name = first_name, last_name
    user.email = f"{username}@demo.makon.uz"
    user.is_active = True
    user.set_password(DEMO_PASSWORD)
    user.save()
    RoleGrant.objects.filter(user=user).delete()
    forget_cached_roles(user)
    return user


@transaction.atomic
def create_demo_accounts(stdout: Callable[[str], object] | None = None) -> list[DemoAccount]:
    """Create or reset one demo account per role; returns what was made (and prints it)."""
    made: list[DemoAccount] = []

    def account(username: str, roles: tuple[str, ...], note: str, **names: str) -> User:
        user = _user(username, **names)
        for role in roles:
            role_grant(user=user, role=role)
        made.append(DemoAccount(username, roles, note))
        return user

    first, second = _demo_citizens()
    for username, party in (("citizen", first), ("citizen2", second)):
        if party is None:
            continue
        user = account(
            username,
            (Role.CITIZEN,),
            f"{party.display_name}, holds {len(_properties_of(party))} properties",
            first_name=party.first_name,
            last_name=party.last_name,
        )
        profile_set_national_id(user=user, national_id=party.pinfl)

    account("notary", (Role.NOTARY,), "looks up any property, every look-up logged")
    account("planner", (Role.PLANNER,), "prepares changes of the register")
    account("registrar", (Role.REGISTRAR,), "approves changes, searches the audit log")
    account("operator", (Role.OPERATOR,), "situation centre, whole city")
    district = AdminArea.objects.filter(level=AdminArea.Level.DISTRICT).order_by("code").first()
    if district is not None:
        user = account(
            "operator-district", (Role.OPERATOR,), f"situation centre, {district.name_uz} only"
        )
        role_grant(user=user, role=Role.OPERATOR, district_ids=[district.pk])
    admin = account("admin", (Role.ADMIN,), "administrator, Django admin at /admin/")
    admin.is_staff = admin.is_superuser = True
    admin.save(update_fields=["is_staff", "is_superuser"])

    if stdout is not None:
        stdout(f"Demo accounts (password {DEMO_PASSWORD!r}, for the demo only):")
        width = max(len(a.username) for a in made)
        for a in made:
            stdout(f"  {a.username:<{width}}  {', '.join(a.roles):<10}  {a.note}")
    return made
