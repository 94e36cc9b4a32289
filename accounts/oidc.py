"""OpenID Connect relying party: authorization code flow with state, nonce and PKCE (S256).

Only the protocol lives here: building the authorization request, exchanging the code and
checking the ID token (RS256 signature against the provider's JWKS, issuer, audience, expiry,
nonce). Who the person is in Makon is decided by accounts.services.oidc_sign_in.
The provider is found through its discovery document; both it and the JWKS are cached a few
minutes per process (they are public and the same for every worker).
"""

import base64
import hashlib
import json
import secrets
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

import jwt
from django.conf import settings
from django.utils.translation import gettext as _

from accounts.errors import SingleSignOnError, SingleSignOnUnavailableError

HTTP_TIMEOUT_SECONDS = 10
CACHE_SECONDS = 300
MAX_RESPONSE_BYTES = 1024 * 1024
# Tolerated clock difference with the provider when checking exp/iat.
LEEWAY_SECONDS = 60
ALGORITHMS = ["RS256"]


@dataclass(frozen=True)
class ProviderConfig:
    issuer: str
    client_id: str
    client_secret: str
    scopes: str
    national_id_claim: str


@dataclass(frozen=True)
class AuthorizationRequest:
    """Where to send the browser, and what to keep in the session until it comes back."""

    url: str
    state: str
    nonce: str
    code_verifier: str


def config() -> ProviderConfig | None:
    """The configured provider, or None when single sign-on is off (no issuer set)."""
    if not settings.MAKON_OIDC_ISSUER:
        return None
    return ProviderConfig(
        issuer=settings.MAKON_OIDC_ISSUER.rstrip("/"),
        client_id=settings.MAKON_OIDC_CLIENT_ID,
        client_secret=settings.MAKON_OIDC_CLIENT_SECRET,
        scopes=settings.MAKON_OIDC_SCOPES,
        national_id_claim=settings.MAKON_OIDC_NATIONAL_ID_CLAIM,
    )


_cache: dict[str, tuple[float, Any]] = {}
_cache_lock = threading.Lock()


def _fetch_json(
    url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None
) -> Any:
    if urllib.parse.urlsplit(url).scheme not in {"http", "https"}:
        raise SingleSignOnUnavailableError(
            _("The sign-on provider gave an address Makon cannot use.")
        )
    request = urllib.request.Request(url, data=data, headers=headers or {})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=HTTP_TIMEOUT_SECONDS) as response:  # noqa: S310
            body = response.read(MAX_RESPONSE_BYTES + 1)
    except urllib.error.HTTPError as error:
        body = error.read(MAX_RESPONSE_BYTES)
        if data is not None and 400 <= error.code < 500:
            # The token endpoint refusing the code: the round trip is over, start again.
            raise SingleSignOnError(
                _("The sign-on provider refused the sign-in. Please try again.")
            ) from error
        raise SingleSignOnUnavailableError(
            _("The sign-on provider is not available. Please try again later.")
        ) from error
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise SingleSignOnUnavailableError(
            _("The sign-on provider is not available. Please try again later.")
        ) from error
    if len(body) > MAX_RESPONSE_BYTES:
        raise SingleSignOnUnavailableError(_("The sign-on provider's answer is too large."))
    try:
        return json.loads(body)
    except ValueError as error:
        raise SingleSignOnUnavailableError(
            _("The sign-on provider's answer could not be read.")
        ) from error


def _cached(key: str, load: Any, *, refresh: bool = False) -> Any:
    now = time.monotonic()
    with _cache_lock:
        hit = _cache.get(key)
        if hit is not None and not refresh and now - hit[0] < CACHE_SECONDS:
            return hit[1]
    value = load()
    with _cache_lock:
        _cache[key] = (now, value)
    return value


def discovery(provider: ProviderConfig) -> dict[str, Any]:
    """The provider's metadata (authorization, token and JWKS endpoints)."""
    url = provider.issuer + "/.well-known/openid-configuration"
    document = _cached("discovery:" + url, lambda: _fetch_json(url))
    needed = ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri")
    if not isinstance(document, dict) or any(not document.get(k) for k in needed):
        raise SingleSignOnUnavailableError(_("The sign-on provider's metadata is incomplete."))
    if document["issuer"].rstrip("/") != provider.issuer:
        raise SingleSignOnUnavailableError(_("The sign-on provider names another issuer."))
    return document


def _pkce_challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def authorization_request(provider: ProviderConfig, *, redirect_uri: str) -> AuthorizationRequest:
    """A fresh authorization request: new state, nonce and PKCE verifier each time."""
    state = secrets.token_urlsafe(32)
    nonce = secrets.token_urlsafe(32)
    verifier = secrets.token_urlsafe(64)
    query = urllib.parse.urlencode(
        {
            "response_type": "code",
            "client_id": provider.client_id,
            "redirect_uri": redirect_uri,
            "scope": provider.scopes,
            "state": state,
            "nonce": nonce,
            "code_challenge": _pkce_challenge(verifier),
            "code_challenge_method": "S256",
        }
    )
    endpoint = discovery(provider)["authorization_endpoint"]
    separator = "&" if "?" in endpoint else "?"
    return AuthorizationRequest(
        url=f"{endpoint}{separator}{query}", state=state, nonce=nonce, code_verifier=verifier
    )


def exchange_code(
    provider: ProviderConfig, *, code: str, redirect_uri: str, code_verifier: str
) -> str:
    """Trade the authorization code for tokens at the token endpoint; returns the ID token."""
    body = urllib.parse.urlencode(
        {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri,
            "code_verifier": code_verifier,
        }
    ).encode("ascii")
    # client_secret_basic: the credentials are form-encoded before they are joined (RFC 6749).
    credentials = ":".join(
        urllib.parse.quote(part, safe="") for part in (provider.client_id, provider.client_secret)
    )
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "application/json",
        "Authorization": "Basic " + base64.b64encode(credentials.encode()).decode("ascii"),
    }
    answer = _fetch_json(discovery(provider)["token_endpoint"], data=body, headers=headers)
    id_token = answer.get("id_token") if isinstance(answer, dict) else None
    if not isinstance(id_token, str) or not id_token:
        raise SingleSignOnUnavailableError(_("The sign-on provider sent no ID token."))
    return id_token


def _signing_key(provider: ProviderConfig, kid: str | None) -> jwt.PyJWK:
    jwks_uri = discovery(provider)["jwks_uri"]

    def load() -> jwt.PyJWKSet:
        try:
            return jwt.PyJWKSet.from_dict(_fetch_json(jwks_uri))
        except jwt.PyJWKSetError as error:
            raise SingleSignOnUnavailableError(
                _("The sign-on provider's keys could not be read.")
            ) from error

    for refresh in (False, True):  # a key the cache does not know may be a rotated one
        keys = _cached("jwks:" + jwks_uri, load, refresh=refresh)
        for key in keys.keys:
            if kid is None or key.key_id == kid:
                return key
    raise SingleSignOnError(_("The sign-on answer is signed with an unknown key."))


def verify_id_token(provider: ProviderConfig, id_token: str, *, nonce: str) -> dict[str, Any]:
    """The ID token's claims once signature, issuer, audience, times and nonce all check out."""
    try:
        header = jwt.get_unverified_header(id_token)
    except jwt.InvalidTokenError as error:
        raise SingleSignOnError(_("The sign-on answer is not a valid ID token.")) from error
    if header.get("alg") not in ALGORITHMS:
        raise SingleSignOnError(_("The sign-on answer is not signed with RS256."))
    key = _signing_key(provider, header.get("kid"))
    try:
        claims = jwt.decode(
            id_token,
            key=key.key,
            algorithms=ALGORITHMS,
            audience=provider.client_id,
            issuer=discovery(provider)["issuer"],
            leeway=LEEWAY_SECONDS,
            options={"require": ["iss", "sub", "aud", "exp", "iat"]},
        )
    except jwt.InvalidTokenError as error:
        raise SingleSignOnError(_("The sign-on answer did not pass its checks.")) from error
    audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
    if len(audiences) > 1 and claims.get("azp") != provider.client_id:
        raise SingleSignOnError(_("The sign-on answer was issued to another application."))
    if not isinstance(claims.get("nonce"), str) or not secrets.compare_digest(
        claims["nonce"], nonce
    ):
        raise SingleSignOnError(_("The sign-on answer does not belong to this sign-in."))
    return claims
