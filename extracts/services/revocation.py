"""Revoking an extract: registrars and admins, with a reason everyone who verifies it sees."""

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from accounts.models import Role
from accounts.roles import has_role
from audit.models import Action
from audit.services import record
from core.exceptions import ConflictError, InvalidInputError
from extracts.models import Extract
from extracts.services.ordering import EXTRACT_OBJECT

REVOKERS = (Role.REGISTRAR, Role.ADMIN)
REASON_MAX_LENGTH = Extract._meta.get_field("revocation_reason").max_length


class ExtractAlreadyRevokedError(ConflictError):
    code = "extract_already_revoked"


@transaction.atomic
def revoke(
    user: User | AnonymousUser,
    extract: Extract,
    reason: str,
    *,
    request: HttpRequest | None = None,
) -> Extract:
    """Revoke an issued extract with a stated reason (registrars and admins)."""
    if not user.is_authenticated or not has_role(user, *REVOKERS):
        raise PermissionDenied("Only a registrar or an admin may revoke an extract.")
    reason = reason.strip() if isinstance(reason, str) else ""
    if not reason:
        raise InvalidInputError("Give the reason for revoking the extract; it is shown to all.")
    if len(reason) > REASON_MAX_LENGTH:
        raise InvalidInputError(f"The reason is longer than {REASON_MAX_LENGTH} characters.")
    locked = Extract.objects.select_for_update().get(pk=extract.pk)
    if locked.revoked_at is not None:
        raise ExtractAlreadyRevokedError(
            f"Extract {locked.number} was already revoked on "
            f"{timezone.localtime(locked.revoked_at):%Y-%m-%d %H:%M}."
        )
    locked.revoked_at = timezone.now()
    locked.revoked_by = user
    locked.revocation_reason = reason
    locked.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
    record(
        actor=user,
        action=Action.EXTRACT_REVOKE,
        object_type=EXTRACT_OBJECT,
        object_id=locked.number,
        cadastral_number=locked.cadastral_number,
        request=request,
        detail={"reason": reason},
    )
    return locked
