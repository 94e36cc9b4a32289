"""Who holds which role: one place every app asks."""

from collections.abc import Iterable

from django.contrib.auth.models import AnonymousUser, User

from accounts.models import Role, RoleGrant

_CACHE_ATTRIBUTE = "_makon_role_grants"


def _grants(user: User | AnonymousUser) -> dict[str, frozenset[int] | None]:
    """Role -> district ids it is limited to (None = whole city); cached on the user object."""
    if not user.is_authenticated or not user.is_active:
        return {}
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is not None:
        return cached
    grants: dict[str, frozenset[int] | None] = {}
    rows = RoleGrant.objects.filter(user=user).prefetch_related("districts")
    for grant in rows:
        district_ids = frozenset(d.pk for d in grant.districts.all())
        grants[grant.role] = district_ids or None
    if user.is_superuser:
        grants[Role.ADMIN] = None
    setattr(user, _CACHE_ATTRIBUTE, grants)
    return grants


def forget_cached_roles(user: User) -> None:
    """Drop the cached roles after a grant changed within the same request."""
    if hasattr(user, _CACHE_ATTRIBUTE):
        delattr(user, _CACHE_ATTRIBUTE)


def roles_of(user: User | AnonymousUser) -> frozenset[str]:
    """The roles `user` holds; empty for anonymous and inactive users."""
    return frozenset(_grants(user))


def has_role(user: User | AnonymousUser, *roles: str) -> bool:
    """True if `user` holds any of `roles` (a superuser holds admin)."""
    held = _grants(user)
    return any(role in held for role in roles)


def district_ids_of(user: User | AnonymousUser, role: str) -> frozenset[int] | None:
    """District ids `user`'s `role` is limited to; None = the whole city, empty = not held."""
    held = _grants(user)
    if role not in held:
        return frozenset()
    return held[role]


def role_labels(roles: Iterable[str]) -> list[str]:
    """Display names of `roles` in Role's order."""
    wanted = set(roles)
    return [str(label) for value, label in Role.choices if value in wanted]
