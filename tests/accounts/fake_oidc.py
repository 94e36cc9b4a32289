"""A small OpenID Connect provider that really runs over HTTP, for the single sign-on tests.

It serves discovery, an authorization endpoint that signs in a preset person at once, a token
endpoint that checks client credentials, redirect URI and PKCE, and its JWKS. ID tokens are
RS256-signed with its own RSA key. Knobs let a test make it misbehave (wrong nonce, audience,
key, expiry) to see Makon refuse.
"""

import base64
import hashlib
import json
import secrets
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@dataclass
class Grant:
    client_id: str
    redirect_uri: str
    nonce: str
    code_challenge: str
    code_challenge_method: str


@dataclass
class FakeProvider:
    client_id: str = "makon"
    client_secret: str = "s3cret/with:odd+chars"  # noqa: S105 - the fake provider's own
    claims: dict[str, Any] = field(default_factory=dict)
    # Misbehaviour knobs.
    nonce_override: str | None = None
    audience_override: str | None = None
    issuer_override: str | None = None
    expires_in: int = 300
    signing_key: rsa.RSAPrivateKey | None = None  # sign with another key than the published one
    algorithm: str = "RS256"
    deny: bool = False

    def __post_init__(self) -> None:
        self.key = new_key()
        self.kid = "key-1"
        self.grants: dict[str, Grant] = {}
        self.token_requests: list[dict[str, str]] = []
        self._server: WSGIServer | None = None

    # --- lifecycle ---------------------------------------------------------------------------

    def start(self) -> "FakeProvider":
        self._server = make_server("127.0.0.1", 0, self, handler_class=_QuietHandler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    @property
    def issuer(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_port}"

    # --- WSGI ----------------------------------------------------------------------------------

    def __call__(self, environ: dict[str, Any], start_response: Any) -> list[bytes]:
        path = environ["PATH_INFO"]
        query = dict(urllib.parse.parse_qsl(environ.get("QUERY_STRING", "")))
        if path == "/.well-known/openid-configuration":
            return self._json(start_response, self.discovery())
        if path == "/jwks":
            return self._json(start_response, self.jwks())
        if path == "/authorize":
            return self._authorize(start_response, query)
        if path == "/token" and environ["REQUEST_METHOD"] == "POST":
            length = int(environ.get("CONTENT_LENGTH") or 0)
            form = dict(urllib.parse.parse_qsl(environ["wsgi.input"].read(length).decode()))
            return self._token(start_response, form, environ.get("HTTP_AUTHORIZATION", ""))
        return self._json(start_response, {"error": "not_found"}, "404 Not Found")

    def _json(self, start_response: Any, body: Any, status: str = "200 OK") -> list[bytes]:
        data = json.dumps(body).encode()
        start_response(status, [("Content-Type", "application/json")])
        return [data]

    def discovery(self) -> dict[str, Any]:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": self.issuer + "/authorize",
            "token_endpoint": self.issuer + "/token",
            "jwks_uri": self.issuer + "/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
        }

    def jwks(self) -> dict[str, Any]:
        public = jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
        return {"keys": [{**public, "kid": self.kid, "use": "sig", "alg": "RS256"}]}

    def _authorize(self, start_response: Any, query: dict[str, str]) -> list[bytes]:
        redirect_uri = query.get("redirect_uri", "")
        params: dict[str, str] = {"state": query.get("state", "")}
        if self.deny:
            params["error"] = "access_denied"
        elif query.get("client_id") != self.client_id or query.get("response_type") != "code":
            params["error"] = "unauthorized_client"
        else:
            code = secrets.token_urlsafe(24)
            self.grants[code] = Grant(
                client_id=query["client_id"],
                redirect_uri=redirect_uri,
                nonce=query.get("nonce", ""),
                code_challenge=query.get("code_challenge", ""),
                code_challenge_method=query.get("code_challenge_method", ""),
            )
            params["code"] = code
        location = redirect_uri + "?" + urllib.parse.urlencode(params)
        start_response("302 Found", [("Location", location)])
        return [b""]

    def _client_authenticated(self, authorization: str) -> bool:
        if not authorization.startswith("Basic "):
            return False
        decoded = base64.b64decode(authorization.removeprefix("Basic ")).decode()
        client_id, _, secret = decoded.partition(":")
        return (urllib.parse.unquote(client_id), urllib.parse.unquote(secret)) == (
            self.client_id,
            self.client_secret,
        )

    def _token(self, start_response: Any, form: dict[str, str], authorization: str) -> list[bytes]:
        self.token_requests.append(form)
        if not self._client_authenticated(authorization):
            return self._json(start_response, {"error": "invalid_client"}, "401 Unauthorized")
        grant = self.grants.pop(form.get("code", ""), None)  # a code works once
        if grant is None or form.get("grant_type") != "authorization_code":
            return self._json(start_response, {"error": "invalid_grant"}, "400 Bad Request")
        if form.get("redirect_uri") != grant.redirect_uri:
            return self._json(start_response, {"error": "invalid_grant"}, "400 Bad Request")
        digest = hashlib.sha256(form.get("code_verifier", "").encode()).digest()
        challenge = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
        if grant.code_challenge_method != "S256" or challenge != grant.code_challenge:
            return self._json(start_response, {"error": "invalid_grant"}, "400 Bad Request")
        return self._json(
            start_response,
            {"access_token": "opaque", "token_type": "Bearer", "id_token": self.id_token(grant)},
        )

    def id_token(self, grant: Grant) -> str:
        now = int(time.time())
        payload = {
            "iss": self.issuer_override or self.issuer,
            "aud": self.audience_override or grant.client_id,
            "iat": now,
            "exp": now + self.expires_in,
            "nonce": self.nonce_override if self.nonce_override is not None else grant.nonce,
            **self.claims,
        }
        key: Any = self.signing_key or self.key
        if self.algorithm == "HS256":
            key = "not-the-rsa-key-but-a-shared-secret-32b"
        return jwt.encode(payload, key, algorithm=self.algorithm, headers={"kid": self.kid})
