"""Throttle on guessing verification codes: wrong codes per client address, kept in the database.

Every code that matches no extract leaves a row (address, time). An address with
MAKON_VERIFY_FAILURE_LIMIT such rows inside the last MAKON_VERIFY_FAILURE_WINDOW_SECONDS is
refused every verification, right or wrong, until the oldest row leaves the window: otherwise a
guesser would still learn which codes exist. The rows live in the database so every
application process and server counts the same attempts.
"""

import math
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection

from extracts.models import VerificationFailure

# Advisory lock class for "verification attempts of one address" (first of the two int4 keys).
_LOCK_CLASS = 0x4D56  # "MV"


def _window() -> timedelta:
    return timedelta(seconds=int(settings.MAKON_VERIFY_FAILURE_WINDOW_SECONDS))


def lock_address(address: str) -> None:
    """Serialise attempts from `address` until the transaction ends, so none slips past."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, hashtext(%s))", [_LOCK_CLASS, address])


def retry_after_seconds(*, address: str, now: datetime) -> int | None:
    """Seconds `address` must wait before its next attempt; None when it may try now."""
    limit = int(settings.MAKON_VERIFY_FAILURE_LIMIT)
    recent = list(
        VerificationFailure.objects.filter(address=address, at__gt=now - _window())
        .order_by("at")
        .values_list("at", flat=True)
    )
    if len(recent) < limit:
        return None
    # The attempt that must leave the window before one more is allowed.
    frees_a_slot = recent[len(recent) - limit]
    return max(1, math.ceil((frees_a_slot + _window() - now).total_seconds()))


def failure_record(*, address: str, now: datetime) -> None:
    """Count one wrong code from `address`; rows that left the window are dropped."""
    VerificationFailure.objects.filter(address=address, at__lte=now - _window()).delete()
    VerificationFailure.objects.create(address=address, at=now)
