"""Verifying an extract by its code (public), and its PDF byte for byte when one is uploaded.

The answer says whether the extract is genuine, valid, expired or revoked, what it certified,
and whether the register has changed since. Codes that match nothing are counted per client
address (extracts.throttle); an address over the limit is refused every code.
"""

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import Action
from audit.net import client_ip
from audit.services import record
from core.exceptions import DomainError
from documents.content import UnsupportedDocumentTypeError, check_bytes
from extracts import codes, labels, throttle
from extracts.models import Extract
from extracts.services.ordering import EXTRACT_OBJECT
from extracts.snapshot import PropertyNotCertifiableError, changes, snapshot_build


class VerificationThrottledError(DomainError):
    status_code = 429
    code = "too_many_attempts"

    def __init__(self, retry_after: int) -> None:
        minutes = max(1, round(retry_after / 60))
        super().__init__(
            f"Too many codes that match no extract were tried from your address. Try again "
            f"in about {minutes} minute{'s' if minutes != 1 else ''}."
        )
        self.retry_after = retry_after


class Status(StrEnum):
    VALID = "valid"
    EXPIRED = "expired"
    REVOKED = "revoked"
    NOT_GENUINE = "not_genuine"


@dataclass(frozen=True)
class Verification:
    """The answer to "is this extract genuine, and does it still hold?"."""

    status: Status
    code: str
    extract: Extract | None = None
    pdf_checked: bool = False
    pdf_matches: bool | None = None
    register_changed: bool | None = None
    changed_sections: list[str] = field(default_factory=list)

    @property
    def is_genuine(self) -> bool:
        return self.status != Status.NOT_GENUINE

    @property
    def message(self) -> str:
        """The answer in words, in the active language."""
        extract = self.extract
        if self.status == Status.NOT_GENUINE:
            if extract is None:
                return _(
                    "Not genuine: no extract has this code. Check the code as printed on the "
                    "extract; a made-up or altered code matches nothing."
                )
            return _(
                "Not genuine: the uploaded file is not the extract issued under this code. It "
                "has been altered, or it is another document."
            )
        assert extract is not None  # noqa: S101 - every other status has its extract
        if self.status == Status.REVOKED:
            return _("Revoked on %(date)s: %(reason)s Do not rely on this extract.") % {
                "date": _when(extract.revoked_at),
                "reason": extract.revocation_reason.rstrip(".") + ".",
            }
        if self.status == Status.EXPIRED:
            text = _(
                "Genuine, but no longer valid: its validity ended on %(date)s. Order a new extract."
            ) % {"date": _when(extract.valid_until)}
        else:
            text = _(
                "Genuine and valid: Makon issued extract No. %(number)s, valid until %(date)s."
            ) % {"number": extract.number, "date": _when(extract.valid_until)}
        if self.pdf_matches:
            text += " " + _("The uploaded file is byte for byte the one issued.")
        return text

    @property
    def register_message(self) -> str:
        """Whether the register still holds what the extract certified, in words."""
        if self.extract is None or self.register_changed is None:
            return ""
        if not self.register_changed:
            return _("The register still holds exactly what this extract certifies.")
        parts = ", ".join(labels.label(labels.SECTION_NAMES, s) for s in self.changed_sections)
        return _(
            "The register has changed since this extract was issued (%(parts)s): ask for a "
            "current extract before relying on it."
        ) % {"parts": parts}


def _when(moment: datetime | None) -> str:
    return "" if moment is None else f"{timezone.localtime(moment):%Y-%m-%d %H:%M}"


def _register_changes(extract: Extract) -> list[str]:
    try:
        current = snapshot_build(prop=extract.property, moment=timezone.now())
    except PropertyNotCertifiableError:
        current = None
    return changes(stored=extract.snapshot, current=current)


def _status(extract: Extract, *, pdf_matches: bool | None) -> Status:
    if pdf_matches is False:
        return Status.NOT_GENUINE
    if extract.revoked_at is not None:
        return Status.REVOKED
    if extract.valid_until <= timezone.now():
        return Status.EXPIRED
    return Status.VALID


def verify(
    code: str,
    pdf_bytes: bytes | None = None,
    *,
    actor: User | AnonymousUser | None = None,
    request: HttpRequest | None = None,
    address: str | None = None,
) -> Verification:
    """Check a code (and the PDF, byte for byte, when given) against the issued extracts.

    Codes that match nothing are counted per client address (`address`, else the request's);
    an address over the limit gets VerificationThrottledError (429) for every code.
    """
    pdf_sha256 = _pdf_digest(pdf_bytes) if pdf_bytes is not None else None
    address = address or (client_ip(request) if request is not None else None)
    now = timezone.now()
    wait = None
    with transaction.atomic():
        if address is not None:
            throttle.lock_address(address)
            wait = throttle.retry_after_seconds(address=address, now=now)
        if wait is None:
            result = _verification(code, pdf_sha256, address=address, now=now)
            record(
                actor=actor,
                action=Action.EXTRACT_VERIFY,
                object_type=EXTRACT_OBJECT,
                object_id=result.extract.number if result.extract else "",
                cadastral_number=result.extract.cadastral_number if result.extract else "",
                request=request,
                detail={
                    "status": result.status.value,
                    "pdf_checked": result.pdf_checked,
                    "pdf_matches": result.pdf_matches,
                },
            )
    if wait is not None:
        raise VerificationThrottledError(wait)
    return result


def _pdf_digest(pdf_bytes: bytes) -> str:
    """sha256 of an uploaded extract; 4xx for an empty, oversized or non-PDF file."""
    checked = check_bytes(pdf_bytes)
    if checked.content_type != "application/pdf":
        raise UnsupportedDocumentTypeError(
            "The file is not a PDF (judged by its content): upload the extract's PDF file."
        )
    return checked.sha256


def _verification(
    code: str, pdf_sha256: str | None, *, address: str | None, now: datetime
) -> Verification:
    printed = codes.normalise(code)
    extract = (
        Extract.objects.select_related("property").filter(code=printed).first() if printed else None
    )
    if extract is None:
        if address is not None:
            throttle.failure_record(address=address, now=now)
        return Verification(status=Status.NOT_GENUINE, code=printed or str(code)[:40])
    pdf_matches = None if pdf_sha256 is None else pdf_sha256 == extract.pdf_sha256
    changed = _register_changes(extract)
    return Verification(
        status=_status(extract, pdf_matches=pdf_matches),
        code=extract.code,
        extract=extract,
        pdf_checked=pdf_sha256 is not None,
        pdf_matches=pdf_matches,
        register_changed=bool(changed),
        changed_sections=changed,
    )
