"""Web sign-in and sign-out with sessions, and the OpenID Connect round trip."""

import secrets
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import oidc
from accounts.errors import LoginLockedError
from accounts.forms import LoginForm
from accounts.services import oidc_sign_in, session_login, session_logout, sso_failure_record
from core.exceptions import DomainError

OIDC_SESSION_KEY = "makon_oidc"


def _safe_next(request: HttpRequest, candidate: str | None) -> str:
    """Where to go after signing in: `candidate` when it stays on this site, else the default."""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return settings.LOGIN_REDIRECT_URL


def _login_page(
    request: HttpRequest,
    form: LoginForm,
    *,
    next_url: str,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    context: dict[str, Any] = {
        "form": form,
        "next": next_url,
        "error": error,
        "sso_enabled": oidc.config() is not None,
    }
    return render(request, "accounts/login.html", context, status=status)


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    """Sign in with username and password; too many failures answer 429 with Retry-After."""
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next"))
    if request.method == "GET":
        return _login_page(request, LoginForm(), next_url=next_url)
    form = LoginForm(request.POST)
    if not form.is_valid():
        return _login_page(request, form, next_url=next_url, status=400)
    try:
        session_login(
            request=request,
            username=form.cleaned_data["username"],
            password=form.cleaned_data["password"],
        )
    except LoginLockedError as locked:
        response = _login_page(request, form, next_url=next_url, error=locked.message, status=429)
        response["Retry-After"] = str(locked.retry_after_seconds)
        return response
    except DomainError as failure:
        return _login_page(
            request, form, next_url=next_url, error=failure.message, status=failure.status_code
        )
    return HttpResponseRedirect(next_url)


@require_POST
@csrf_protect
def logout_view(request: HttpRequest) -> HttpResponse:
    """Sign out (POST only, so a link on another site cannot sign anyone out)."""
    session_logout(request=request)
    return HttpResponseRedirect(settings.LOGOUT_REDIRECT_URL)


def _callback_uri(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("accounts:oidc-callback"))


@never_cache
@require_GET
def oidc_login_view(request: HttpRequest) -> HttpResponse:
    """Send the browser to the single sign-on provider (404 while single sign-on is off)."""
    provider = oidc.config()
    if provider is None:
        raise Http404(_("Single sign-on is not configured."))
    next_url = _safe_next(request, request.GET.get("next"))
    try:
        auth = oidc.authorization_request(provider, redirect_uri=_callback_uri(request))
    except DomainError as failure:
        return _login_page(
            request,
            LoginForm(),
            next_url=next_url,
            error=failure.message,
            status=failure.status_code,
        )
    request.session[OIDC_SESSION_KEY] = {
        "state": auth.state,
        "nonce": auth.nonce,
        "code_verifier": auth.code_verifier,
        "next": next_url,
    }
    return HttpResponseRedirect(auth.url)


@never_cache
@require_GET
def oidc_callback_view(request: HttpRequest) -> HttpResponse:
    """Finish single sign-on: check state, trade the code, check the ID token, sign in."""
    provider = oidc.config()
    if provider is None:
        raise Http404(_("Single sign-on is not configured."))
    pending = request.session.pop(OIDC_SESSION_KEY, None)  # one use only
    next_url = _safe_next(request, pending.get("next") if pending else None)

    def failed(message: str, reason: str, status: int = 400) -> HttpResponse:
        sso_failure_record(request=request, reason=reason)
        return _login_page(request, LoginForm(), next_url=next_url, error=message, status=status)

    state = request.GET.get("state", "")
    if not pending or not state or not secrets.compare_digest(state, pending["state"]):
        return failed(
            _("This sign-in has expired or was already used. Please sign in again."), "state"
        )
    if request.GET.get("error"):
        return failed(
            _("The sign-on provider did not sign you in. Please try again."), "provider_error"
        )
    code = request.GET.get("code", "")
    if not code or len(code) > 2048:
        return failed(_("The sign-on provider sent no authorization code."), "no_code")
    try:
        id_token = oidc.exchange_code(
            provider,
            code=code,
            redirect_uri=_callback_uri(request),
            code_verifier=pending["code_verifier"],
        )
        claims = oidc.verify_id_token(provider, id_token, nonce=pending["nonce"])
        oidc_sign_in(request=request, provider=provider, claims=claims)
    except DomainError as failure:
        return failed(failure.message, failure.code, failure.status_code)
    return HttpResponseRedirect(next_url)
