"""Pages of extracts: order one from "my property", my extracts, the PDF, and public verification.

The pages parse the request, call one service or selector and render; who may see what is
decided there. A refused input is shown on the page with its 4xx status, never as a 500.
"""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.roles import has_role
from core.exceptions import DomainError
from documents.content import read_upload
from extracts import codes
from extracts.api import pdf_response
from extracts.models import LANGUAGES, ExtractOrder
from extracts.selectors import extract_get_for_user, extract_order_list_for_user, extract_pdf_open
from extracts.services import (
    REVOKERS,
    Status,
    Verification,
    VerificationThrottledError,
    extract_order_place,
    revoke,
    verify,
)
from portal.access import property_for

_UPLOAD_FIELD = "pdf"


def _error_page(request: HttpRequest, error: DomainError) -> HttpResponse:
    return render(
        request, "extracts/error.html", {"error": error.message}, status=error.status_code
    )


def _language() -> str:
    language = (get_language() or "en").split("-")[0]
    return language if language in dict(LANGUAGES) else "en"


@login_required
@require_http_methods(["GET", "POST"])
def order_page(request: HttpRequest, cadastral_number: str) -> HttpResponse:
    """Confirm the order of an extract of one of my properties (language, fee), then place it."""
    try:
        prop = property_for(request.user, cadastral_number)
    except DomainError as error:
        return _error_page(request, error)
    context: dict[str, Any] = {
        "property": prop,
        "languages": LANGUAGES,
        "language": request.POST.get("language") or _language(),
        "fee": int(settings.MAKON_EXTRACT_FEE),
    }
    if request.method == "GET":
        return render(request, "extracts/order.html", context)
    try:
        order = extract_order_place(
            user=request.user,
            cadastral_number=prop.cadastral_number,
            language=request.POST.get("language", ""),
            request=request,
        )
    except DomainError as error:
        context["error"] = error.message
        return render(request, "extracts/order.html", context, status=error.status_code)
    if order.state == ExtractOrder.State.ISSUED:
        messages.success(
            request,
            _("Extract No. %(number)s is issued. Download it below.")
            % {"number": order.extract.number},
        )
    else:
        messages.info(
            request,
            _("Your order waits for its fee of %(fee)s soum; the extract is issued once paid.")
            % {"fee": order.fee_soum},
        )
    return redirect("extracts:mine")


@login_required
@require_GET
def my_extracts_page(request: HttpRequest) -> HttpResponse:
    """The extracts I ordered, newest first, with their state and downloads."""
    orders = list(extract_order_list_for_user(user=request.user)[:200])
    return render(request, "extracts/mine.html", {"orders": orders})


@login_required
@require_GET
def pdf_download(request: HttpRequest, code: str) -> HttpResponse:
    """The PDF of an extract I ordered (registrars and admins: any), as issued."""
    return pdf_response(extract_pdf_open(user=request.user, code=code, request=request))


@require_GET
def verify_form_page(request: HttpRequest) -> HttpResponse:
    """Where a code read off paper is typed; it leads to that code's verification page."""
    typed = request.GET.get("code", "").strip()
    if not typed:
        return render(request, "extracts/verify_form.html")
    printed = codes.normalise(typed)
    if printed is None:
        error = _(
            "That is not a verification code: a code has 20 letters and digits, printed in five "
            "groups of four such as 7K3M-Q9XD-2HFA-PB4T-W8CZ."
        )
        return render(request, "extracts/verify_form.html", {"error": error}, status=400)
    return redirect("extracts:verify", code=printed)


def _verify_context(request: HttpRequest, result: Verification) -> dict[str, Any]:
    extract = result.extract
    return {
        "result": result,
        "extract": extract,
        "snapshot": extract.snapshot if extract is not None else None,
        "is_genuine": result.is_genuine,
        "status": result.status.value,
        "Status": Status,
        "may_revoke": (
            extract is not None
            and extract.revoked_at is None
            and request.user.is_authenticated
            and has_role(request.user, *REVOKERS)
        ),
    }


@require_http_methods(["GET", "POST"])
def verify_page(request: HttpRequest, code: str) -> HttpResponse:
    """Public: whether the extract with `code` is genuine and valid; a PDF may be checked too."""
    pdf_bytes = None
    try:
        if request.method == "POST":
            upload = request.FILES.get(_UPLOAD_FIELD)
            if upload is None:
                return render(
                    request,
                    "extracts/verify_form.html",
                    {"error": _("Choose the extract's PDF file to check it."), "code": code},
                    status=400,
                )
            pdf_bytes = read_upload(upload)
        result = verify(code, pdf_bytes, actor=request.user, request=request)
    except VerificationThrottledError as error:
        response = render(
            request, "extracts/verify_form.html", {"error": error.message}, status=429
        )
        response["Retry-After"] = str(error.retry_after)
        return response
    except DomainError as error:
        return render(
            request,
            "extracts/verify_form.html",
            {"error": error.message, "code": code},
            status=error.status_code,
        )
    return render(request, "extracts/verify.html", _verify_context(request, result))


@login_required
@require_POST
def revoke_page(request: HttpRequest, code: str) -> HttpResponse:
    """A registrar revokes an extract from its verification page, giving the reason."""
    if not has_role(request.user, *REVOKERS):
        context = {"error": _("Only a registrar or an admin may revoke an extract.")}
        return render(request, "extracts/error.html", context, status=403)
    extract = extract_get_for_user(user=request.user, code=code)
    try:
        revoke(request.user, extract, request.POST.get("reason", ""), request=request)
    except DomainError as error:
        return _error_page(request, error)
    messages.success(request, _("Extract No. %(number)s is revoked.") % {"number": extract.number})
    return HttpResponseRedirect(reverse("extracts:verify", args=[extract.code]))
