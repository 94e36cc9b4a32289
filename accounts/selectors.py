"""Reads about people who sign in."""

from django.contrib.auth.models import AnonymousUser, User

from cadastre.models import Party


def party_of(user: User | AnonymousUser) -> Party | None:
    """The register's party the signed-in person is (by national ID), or None."""
    if not user.is_authenticated:
        return None
    profile = getattr(user, "profile", None)
    if profile is None or profile.party_id is None:
        return None
    return profile.party
