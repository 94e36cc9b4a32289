"""Writes about people who sign in: sign-in itself, tokens, roles, the link to their party."""

import hashlib
import re
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.models import User
from django.db import connection, transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from accounts import lockout
from accounts.errors import InvalidCredentialsError, LoginLockedError, SingleSignOnError
from accounts.models import Profile, Role, RoleGrant
from accounts.oidc import ProviderConfig
from accounts.roles import forget_cached_roles
from audit.models import Action
from audit.net import client_ip
from audit.services import record
from cadastre.models import Party

T = TypeVar("T")

NATIONAL_ID_PATTERN = re.compile(r"[0-9]{14}")


def _audit_by(
    *, request: HttpRequest, user: User, action: str, detail: dict[str, Any] | None = None
) -> None:
    """Audit `action` that `user` did to their own account (sign-in, token, sign-out)."""
    record(
        actor=user,
        action=action,
        object_type="user",
        object_id=user.pk,
        request=request,
        detail=detail,
    )


def _audit_anonymous(
    *, request: HttpRequest, action: str, detail: dict[str, Any], username: str | None = None
) -> None:
    """Audit a sign-in that signed no one in, under the username typed (if any)."""
    record(
        actor=None,
        action=action,
        object_type="user",
        object_id="",
        request=request,
        actor_username=lockout.normalise_username(username) if username is not None else "",
        detail=detail,
    )


def _sign_in(
    *, request: HttpRequest, username: str, password: str, method: str, then: Callable[[User], T]
) -> T:
    """Check the password under the lockout rules; on success run `then` in the same transaction.

    A failure is counted and audited in a transaction that commits, and only then raised.
    """
    ip = client_ip(request)
    with transaction.atomic():
        lockout.serialise_attempts(username)
        locked = lockout.lockout_for(ip=ip, username=username)
        if locked is not None:
            _audit_anonymous(
                request=request,
                action=Action.LOGIN_LOCKED,
                username=username,
                detail={"method": method, "by_username": locked.by_username},
            )
            failure: Exception = LoginLockedError(
                retry_after_seconds=locked.retry_after_seconds, by_username=locked.by_username
            )
        else:
            user = authenticate(request, username=username, password=password)
            if user is not None:
                lockout.failures_forget(username=username)
                _audit_by(
                    request=request, user=user, action=Action.LOGIN, detail={"method": method}
                )
                return then(user)
            lockout.failure_record(ip=ip, username=username)
            _audit_anonymous(
                request=request,
                action=Action.LOGIN_FAILED,
                username=username,
                detail={"method": method},
            )
            failure = InvalidCredentialsError()
    raise failure


def session_login(*, request: HttpRequest, username: str, password: str) -> User:
    """Sign `username` in to a web session; LoginLockedError or InvalidCredentialsError."""

    def start_session(user: User) -> User:
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return user

    return _sign_in(
        request=request,
        username=username,
        password=password,
        method="password",
        then=start_session,
    )


def token_issue(*, request: HttpRequest, username: str, password: str) -> Token:
    """The API token of `username` (created at the first request); same lockout as the web."""

    def issue(user: User) -> Token:
        token, _ = Token.objects.get_or_create(user=user)
        _audit_by(request=request, user=user, action=Action.TOKEN_ISSUE)
        return token

    return _sign_in(
        request=request, username=username, password=password, method="token", then=issue
    )


@transaction.atomic
def token_revoke(*, request: HttpRequest, user: User) -> None:
    """Delete `user`'s API token; the next request with it is refused."""
    Token.objects.filter(user=user).delete()
    _audit_by(request=request, user=user, action=Action.LOGOUT, detail={"method": "token"})


@transaction.atomic
def session_logout(*, request: HttpRequest) -> None:
    """End the web session (audited when someone was signed in)."""
    user = request.user
    if user.is_authenticated:
        _audit_by(request=request, user=user, action=Action.LOGOUT, detail={"method": "session"})
    logout(request)


@transaction.atomic
def profile_set_national_id(*, user: User, national_id: str | None) -> Profile:
    """Store `user`'s PINFL and link them to the party with that PINFL (or to none)."""
    profile, _ = Profile.objects.select_for_update().get_or_create(user=user)
    profile.national_id = national_id or None
    profile.party = Party.objects.filter(pinfl=national_id).first() if profile.national_id else None
    profile.full_clean(exclude=["user", "party"])
    profile.save()
    user.profile = profile
    return profile


@transaction.atomic
def role_grant(*, user: User, role: str, district_ids: Iterable[int] = ()) -> RoleGrant:
    """Give `user` `role`, limited to `district_ids` (none = the whole city)."""
    if role not in Role.values:
        raise ValueError(f"Unknown role {role!r}.")
    grant, _ = RoleGrant.objects.get_or_create(user=user, role=role)
    grant.districts.set(list(district_ids))
    forget_cached_roles(user)
    return grant


@transaction.atomic
def sso_failure_record(*, request: HttpRequest, reason: str) -> None:
    """Audit a single sign-on that did not sign anyone in, and why (a code, not a message)."""
    _audit_anonymous(
        request=request, action=Action.LOGIN_FAILED, detail={"method": "oidc", "reason": reason}
    )


def _lock_national_id(national_id: str) -> None:
    """Queue concurrent first sign-ins of one person, so only one account is created."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", ["makon-pinfl:" + national_id]
        )


def _sso_username(subject: str) -> str:
    """A stable username that does not spell out the national ID."""
    return "sso-" + hashlib.sha256(subject.encode()).hexdigest()[:12]


@transaction.atomic
def oidc_sign_in(*, request: HttpRequest, provider: ProviderConfig, claims: dict[str, Any]) -> User:
    """Sign in the person a checked ID token names: matched by subject, then by national ID.

    A person unknown to Makon gets a citizen account (MAKON_OIDC_CREATE_USERS), linked to
    their party by the national ID the provider vouches for.
    """
    national_id = claims.get(provider.national_id_claim)
    if not isinstance(national_id, str) or not NATIONAL_ID_PATTERN.fullmatch(national_id):
        raise SingleSignOnError(_("The sign-on account carries no valid national ID (PINFL)."))
    subject = f"{provider.issuer} {claims['sub']}"
    _lock_national_id(national_id)
    profile = Profile.objects.select_related("user").filter(oidc_subject=subject).first()
    if profile is not None and profile.national_id != national_id:
        raise SingleSignOnError(
            _("The national ID of this sign-on account changed; ask an administrator.")
        )
    if profile is None:
        profile = Profile.objects.select_related("user").filter(national_id=national_id).first()
        if profile is not None and profile.oidc_subject not in (None, subject):
            raise SingleSignOnError(
                _("This national ID is already linked to another sign-on account.")
            )
    if profile is None:
        if not settings.MAKON_OIDC_CREATE_USERS:
            raise SingleSignOnError(_("No Makon account belongs to this person."))
        user = User.objects.create_user(
            username=_sso_username(subject),
            first_name=str(claims.get("given_name") or "")[:150],
            last_name=str(claims.get("family_name") or "")[:150],
        )
        role_grant(user=user, role=Role.CITIZEN)
        _audit_by(
            request=request,
            user=user,
            action=Action.CREATE,
            detail={"method": "oidc", "roles": [Role.CITIZEN]},
        )
    else:
        user = profile.user
    if not user.is_active:
        raise SingleSignOnError(_("This account is disabled."))
    # Re-linked each time: the party may have been registered after the account was made.
    profile = profile_set_national_id(user=user, national_id=national_id)
    profile.oidc_subject = subject
    profile.save(update_fields=["oidc_subject"])
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    _audit_by(
        request=request,
        user=user,
        action=Action.LOGIN,
        detail={"method": "oidc", "issuer": provider.issuer},
    )
    return user
