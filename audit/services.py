"""Writing the audit log. Every entry is written in the caller's transaction."""

from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.http import HttpRequest

from audit.models import Action, AuditEntry
from audit.net import client_ip
from core.exceptions import InvalidInputError

PURPOSE_MAX_LENGTH = AuditEntry._meta.get_field("purpose").max_length


def record(
    *,
    actor: User | AnonymousUser | None,
    action: str,
    object_type: str,
    object_id: object,
    cadastral_number: str = "",
    purpose: str = "",
    request: HttpRequest | None = None,
    detail: dict[str, Any] | None = None,
    actor_username: str = "",
) -> AuditEntry:
    """Append one hash-chained entry (the database fills id, time and hashes).

    Runs in the caller's transaction, so the entry exists exactly when what it records does.
    `actor_username` names an anonymous actor, e.g. the username typed in a failed sign-in.
    """
    if action not in Action.values:
        raise ValueError(f"Unknown audit action {action!r}; add it to audit.models.Action.")
    purpose = (purpose or "").strip()
    if len(purpose) > PURPOSE_MAX_LENGTH:
        raise InvalidInputError(f"The purpose is longer than {PURPOSE_MAX_LENGTH} characters.")
    user = actor if actor is not None and actor.is_authenticated else None
    return AuditEntry.objects.create(
        actor=user,
        actor_username=user.get_username() if user is not None else actor_username[:150],
        action=action,
        object_type=object_type,
        object_id="" if object_id is None else str(object_id)[:64],
        cadastral_number=cadastral_number or "",
        purpose=purpose,
        ip=client_ip(request) if request is not None else None,
        detail=detail or {},
    )
