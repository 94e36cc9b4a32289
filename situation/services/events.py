"""Appending to the incident event table: the only way an event row is written."""

from datetime import datetime
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.utils import timezone

from situation.models import Incident, IncidentEvent


def actor_or_none(user: User | AnonymousUser | None) -> User | None:
    """The signed-in user, or None for anonymous callers and the system itself."""
    if user is None or not user.is_authenticated:
        return None
    return user


def event_append(
    *,
    incident: Incident,
    actor: User | AnonymousUser | None,
    kind: str,
    from_state: str = "",
    to_state: str | None = None,
    comment: str = "",
    data: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> IncidentEvent:
    """Insert one event in the caller's transaction; the database announces it after commit."""
    return IncidentEvent.objects.create(
        incident=incident,
        actor=actor_or_none(actor),
        at=at or timezone.now(),
        kind=kind,
        from_state=from_state,
        to_state=to_state or incident.state,
        comment=comment,
        data=data or {},
    )
