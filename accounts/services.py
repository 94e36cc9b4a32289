"""Writes about people who sign in: roles, the link to their party."""

from collections.abc import Iterable

from django.contrib.auth.models import User
from django.db import transaction

from accounts.models import Profile, Role, RoleGrant
from accounts.roles import forget_cached_roles
from cadastre.models import Party


@transaction.atomic
def profile_set_national_id(*, user: User, national_id: str | None) -> Profile:
    """Store `user`'s PINFL and link them to the party with that PINFL (or to none)."""
    profile, _ = Profile.objects.select_for_update().get_or_create(user=user)
    profile.national_id = national_id or None
    profile.party = Party.objects.filter(pinfl=national_id).first() if profile.national_id else None
    profile.full_clean(exclude=["user", "party"])
    profile.save()
    user.profile = profile
    return profile


@transaction.atomic
def role_grant(*, user: User, role: str, district_ids: Iterable[int] = ()) -> RoleGrant:
    """Give `user` `role`, limited to `district_ids` (none = the whole city)."""
    if role not in Role.values:
        raise ValueError(f"Unknown role {role!r}.")
    grant, _ = RoleGrant.objects.get_or_create(user=user, role=role)
    grant.districts.set(list(district_ids))
    forget_cached_roles(user)
    return grant
