"""Login throttling: repeated failed sign-ins lock a username, and an address, for a while.

Failures are rows in the database (accounts.LoginFailure), so the web workers share them. The
window slides: a key is locked while it has at least the limit of failures younger than the
lockout period, and it opens again when the oldest of those ages out.
"""

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import LoginFailure


@dataclass(frozen=True)
class Lockout:
    """A refused sign-in: which key is locked and for how many more seconds."""

    by_username: bool
    retry_after_seconds: int


def _window() -> timedelta:
    return timedelta(seconds=settings.MAKON_LOGIN_LOCKOUT_SECONDS)


def normalise_username(username: str) -> str:
    return (username or "").strip().lower()[:150]


def _seconds_left(failures: QuerySet[LoginFailure], limit: int, now: datetime) -> int | None:
    """Seconds until fewer than `limit` of `failures` are younger than the window, else None."""
    recent = failures.filter(at__gt=now - _window()).order_by("-at")
    times = list(recent.values_list("at", flat=True)[:limit])
    if limit <= 0 or len(times) < limit:
        return None
    opens_at = times[-1] + _window()
    return max(1, math.ceil((opens_at - now).total_seconds()))


def serialise_attempts(username: str) -> None:
    """Queue concurrent sign-ins for one username until the caller's transaction ends.

    Two workers checking the same account at once would otherwise both see the count below
    the limit and both let a guess through.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))",
            ["makon-login:" + normalise_username(username)],
        )


def lockout_for(*, ip: str | None, username: str) -> Lockout | None:
    """The lockout that refuses a sign-in as `username` from `ip` now, or None."""
    now = timezone.now()
    name = normalise_username(username)
    if name:
        left = _seconds_left(
            LoginFailure.objects.filter(username=name), settings.MAKON_LOGIN_FAILURE_LIMIT, now
        )
        if left is not None:
            return Lockout(by_username=True, retry_after_seconds=left)
    if ip:
        left = _seconds_left(
            LoginFailure.objects.filter(ip=ip), settings.MAKON_LOGIN_IP_FAILURE_LIMIT, now
        )
        if left is not None:
            return Lockout(by_username=False, retry_after_seconds=left)
    return None


def failure_record(*, ip: str | None, username: str) -> None:
    """Count one failed sign-in; failures older than the window are dropped on the way."""
    LoginFailure.objects.filter(at__lt=timezone.now() - _window()).delete()
    LoginFailure.objects.create(ip=ip, username=normalise_username(username))


def failures_forget(*, username: str) -> None:
    """A successful sign-in clears the username's failures (not the address's)."""
    LoginFailure.objects.filter(username=normalise_username(username)).delete()
