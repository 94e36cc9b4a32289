"""Ordering, issuing, revoking and verifying extracts.

Each use case is one transaction and writes its audit entry in it. Who may order an extract of
which property is decided by portal.access.property_for (404 for another person's property).
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import connection, transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role
from accounts.roles import has_role
from audit.models import Action
from audit.net import client_ip
from audit.services import record
from core.exceptions import ConflictError, DomainError, InvalidInputError
from documents.content import UnsupportedDocumentTypeError, check_bytes
from extracts import codes, labels, throttle
from extracts.models import LANGUAGES, Extract, ExtractOrder
from extracts.pdf import ExtractPrint, render_extract_pdf
from extracts.snapshot import (
    PropertyNotCertifiableError,
    changes,
    snapshot_build,
    snapshot_sha256,
)
from portal.access import property_for

ORDER_OBJECT = "extracts.order"
EXTRACT_OBJECT = "extracts.extract"
REVOKERS = (Role.REGISTRAR, Role.ADMIN)
REASON_MAX_LENGTH = Extract._meta.get_field("revocation_reason").max_length
_LANGUAGE_CODES = [code for code, _name in LANGUAGES]
_TRANSITIONS = {
    ExtractOrder.State.ORDERED: {ExtractOrder.State.AWAITING_PAYMENT, ExtractOrder.State.ISSUED},
    ExtractOrder.State.AWAITING_PAYMENT: {ExtractOrder.State.ISSUED},
    ExtractOrder.State.ISSUED: set(),
}


class PaymentRequiredError(DomainError):
    status_code = 402
    code = "payment_required"


class ExtractAlreadyRevokedError(ConflictError):
    code = "extract_already_revoked"


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


def _language(language: Any) -> str:
    if language not in _LANGUAGE_CODES:
        raise InvalidInputError(
            f"language must be one of {', '.join(_LANGUAGE_CODES)} (the extract's language)."
        )
    return str(language)


def _base_url(*, request: HttpRequest | None, base_url: str | None) -> str:
    """The site address QR codes point to: the argument, the setting, the request's, or else
    the first allowed host (the deployment's own name when MAKON_ALLOWED_HOSTS is set)."""
    chosen = base_url or settings.MAKON_PUBLIC_BASE_URL
    if not chosen and request is not None:
        chosen = request.build_absolute_uri("/")
    if not chosen:
        hosts = [h for h in settings.ALLOWED_HOSTS if h and "*" not in h and not h.startswith(".")]
        if not hosts:
            raise ImproperlyConfigured(
                "Set MAKON_PUBLIC_BASE_URL: an extract ordered outside a web request needs the "
                "site's address for its QR code."
            )
        scheme = "https" if settings.SESSION_COOKIE_SECURE else "http"
        chosen = f"{scheme}://{hosts[0]}"
    return chosen.rstrip("/")


def verify_url(*, base_url: str, code: str) -> str:
    """The absolute address of the public verification page of `code`."""
    return base_url + reverse("extracts:verify", args=[code])


def _advance(order: ExtractOrder, state: ExtractOrder.State) -> None:
    if state not in _TRANSITIONS[ExtractOrder.State(order.state)]:
        raise ConflictError(
            f"Extract order {order.pk} is {order.state} and cannot become {state.value}."
        )
    order.state = state
    order.save(update_fields=["state"])


def _next_number(year: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval('extracts_extract_number_seq')")
        (serial,) = cursor.fetchone()
    return f"{year}-{serial:07d}"


def _valid_days() -> int:
    days = int(settings.MAKON_EXTRACT_VALID_DAYS)
    if days < 1:
        raise ImproperlyConfigured("MAKON_EXTRACT_VALID_DAYS must be 1 or more.")
    return days


def _issue(order: ExtractOrder, *, request: HttpRequest | None) -> Extract:
    """Certify the order's property as registered now: snapshot, PDF, digests, audit entry."""
    moment = timezone.now()
    snapshot = snapshot_build(prop=order.property, moment=moment)
    digest = snapshot_sha256(snapshot)
    code = codes.new_code()
    number = _next_number(timezone.localtime(moment).year)
    valid_until = moment + timedelta(days=_valid_days())
    pdf = render_extract_pdf(
        snapshot=snapshot,
        info=ExtractPrint(
            number=number,
            code=code,
            verify_url=verify_url(base_url=order.base_url, code=code),
            issued_at=moment,
            valid_until=valid_until,
            snapshot_sha256=digest,
            language=order.language,
        ),
    )
    pdf_digest = check_bytes(pdf).sha256
    extract = Extract.objects.create(
        order=order,
        number=number,
        code=code,
        property=order.property,
        cadastral_number=order.property.cadastral_number,
        language=order.language,
        snapshot=snapshot,
        snapshot_sha256=digest,
        pdf=pdf,
        pdf_sha256=pdf_digest,
        certifies_at=moment,
        issued_at=moment,
        valid_until=valid_until,
    )
    _advance(order, ExtractOrder.State.ISSUED)
    record(
        actor=order.orderer,
        action=Action.EXTRACT_ISSUE,
        object_type=EXTRACT_OBJECT,
        object_id=number,
        cadastral_number=extract.cadastral_number,
        request=request,
        detail={"order": order.pk, "snapshot_sha256": digest, "pdf_sha256": pdf_digest},
    )
    return extract


@transaction.atomic
def extract_order_place(
    *,
    user: User | AnonymousUser,
    cadastral_number: str,
    language: str,
    request: HttpRequest | None = None,
    base_url: str | None = None,
) -> ExtractOrder:
    """Order an extract of a property `user` may see; issued at once when there is no fee."""
    language = _language(language)
    prop = property_for(user, cadastral_number)
    fee = int(settings.MAKON_EXTRACT_FEE)
    order = ExtractOrder.objects.create(
        orderer=user,
        property=prop,
        language=language,
        fee_soum=fee,
        base_url=_base_url(request=request, base_url=base_url),
    )
    record(
        actor=user,
        action=Action.CREATE,
        object_type=ORDER_OBJECT,
        object_id=order.pk,
        cadastral_number=prop.cadastral_number,
        request=request,
        detail={"language": language, "fee_soum": fee},
    )
    if fee > 0:
        # Payments will call extract_order_issue_paid once the fee is paid.
        _advance(order, ExtractOrder.State.AWAITING_PAYMENT)
    else:
        _issue(order, request=request)
    return order


def order_extract(
    user: User | AnonymousUser,
    cadastral_number: str,
    language: str,
    *,
    request: HttpRequest | None = None,
    base_url: str | None = None,
) -> Extract:
    """Order and receive an extract; PaymentRequiredError (402) when it waits for its fee."""
    order = extract_order_place(
        user=user,
        cadastral_number=cadastral_number,
        language=language,
        request=request,
        base_url=base_url,
    )
    if order.state != ExtractOrder.State.ISSUED:
        raise PaymentRequiredError(
            f"Extract order {order.pk} waits for its fee of {order.fee_soum} soum; the extract "
            f"is issued once it is paid."
        )
    return order.extract


@transaction.atomic
def extract_order_issue_paid(*, order: ExtractOrder, request: HttpRequest | None = None) -> Extract:
    """Issue the extract of an order whose fee has been paid (awaiting_payment -> issued)."""
    locked = ExtractOrder.objects.select_for_update().select_related("property").get(pk=order.pk)
    if locked.state != ExtractOrder.State.AWAITING_PAYMENT:
        raise ConflictError(f"Extract order {locked.pk} is {locked.state}, not awaiting payment.")
    return _issue(locked, request=request)


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
