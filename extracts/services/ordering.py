"""Ordering and issuing extracts: the order, its fee step, and the certified extract.

ordered -> awaiting_payment -> issued; an order with no fee (MAKON_EXTRACT_FEE = 0) goes from
ordered to issued at once. Who may order an extract of which property is decided by
portal.access.property_for (404 for another person's property, as for a missing one).
"""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from audit.models import Action
from audit.services import record
from core.exceptions import ConflictError, DomainError, InvalidInputError
from documents.content import check_bytes
from extracts import codes
from extracts.models import LANGUAGES, Extract, ExtractOrder
from extracts.pdf import ExtractPrint, render_extract_pdf
from extracts.snapshot import snapshot_build, snapshot_sha256
from portal.access import property_for

ORDER_OBJECT = "extracts.order"
EXTRACT_OBJECT = "extracts.extract"
_LANGUAGE_CODES = [code for code, _name in LANGUAGES]
_TRANSITIONS = {
    ExtractOrder.State.ORDERED: {ExtractOrder.State.AWAITING_PAYMENT, ExtractOrder.State.ISSUED},
    ExtractOrder.State.AWAITING_PAYMENT: {ExtractOrder.State.ISSUED},
    ExtractOrder.State.ISSUED: set(),
}


class PaymentRequiredError(DomainError):
    status_code = 402
    code = "payment_required"


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
