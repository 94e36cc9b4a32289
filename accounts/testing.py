"""Users for the tests of every app: real rows, real passwords, real role grants."""

import itertools
from collections.abc import Iterable

from django.contrib.auth.models import User

from accounts.services import profile_set_national_id, role_grant
from cadastre.models import Party

_counter = itertools.count(1)


def make_user(
    username: str | None = None,
    *,
    roles: Iterable[str] = (),
    party: Party | None = None,
    district_ids: Iterable[int] = (),
    password: str = "Demo-pass-2026",  # noqa: S107 - tests' well-known password
) -> User:
    """A user holding `roles` (districts apply to each), linked to `party` by its PINFL."""
    name = username or f"user{next(_counter)}"
    user = User.objects.create_user(username=name, password=password, email=f"{name}@example.org")
    if party is not None:
        if not party.pinfl:
            raise ValueError("Only a natural person with a PINFL can be linked to a user.")
        profile_set_national_id(user=user, national_id=party.pinfl)
    districts = list(district_ids)
    for role in roles:
        role_grant(user=user, role=role, district_ids=districts)
    return user
