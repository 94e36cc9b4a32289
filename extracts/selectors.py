"""Reading extracts: a person's own orders, and one extract for whoever may have it.

An extract names holders and shares, so it is shown to the person who ordered it and to
registrars and admins; to anyone else it is missing (Http404), as for a code that was never
issued. Verification by code (public) is services.verify.
"""

from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from accounts.models import Role
from accounts.roles import has_role
from audit.models import Action
from audit.services import record
from extracts import codes
from extracts.models import Extract, ExtractOrder

READERS = (Role.REGISTRAR, Role.ADMIN)
EXTRACT_NOT_FOUND = "No extract has the code {code}."


def extract_order_list_for_user(*, user: User | AnonymousUser) -> QuerySet[ExtractOrder]:
    """The extract orders `user` placed, newest first, with their extracts (without the PDF)."""
    if not user.is_authenticated:
        return ExtractOrder.objects.none()
    return (
        ExtractOrder.objects.filter(orderer=user)
        .select_related("property", "extract")
        .defer("extract__pdf", "extract__snapshot")
        .order_by("-ordered_at", "-pk")
    )


def extract_get_for_user(*, user: User | AnonymousUser, code: str) -> Extract:
    """The extract with `code` if `user` ordered it or is a registrar or admin; else Http404."""
    printed = codes.normalise(code)
    extract = (
        Extract.objects.select_related("order").filter(code=printed).first() if printed else None
    )
    allowed = extract is not None and (
        (user.is_authenticated and extract.order.orderer_id == user.pk)
        or (user.is_authenticated and has_role(user, *READERS))
    )
    if not allowed:
        raise Http404(EXTRACT_NOT_FOUND.format(code=printed or "given"))
    return extract


@transaction.atomic
def extract_pdf_open(
    *, user: User | AnonymousUser, code: str, request: HttpRequest | None = None
) -> Extract:
    """The extract with `code` for downloading its PDF; the read is written to the audit log."""
    extract = extract_get_for_user(user=user, code=code)
    record(
        actor=user,
        action=Action.READ_PERSONAL,
        object_type="extracts.extract",
        object_id=extract.number,
        cadastral_number=extract.cadastral_number,
        request=request,
        detail={"what": "extract pdf"},
    )
    return extract
