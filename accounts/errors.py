"""Expected sign-in failures; their messages are safe to show."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.exceptions import DomainError


class InvalidCredentialsError(DomainError):
    status_code = 400
    code = "invalid_credentials"

    def __init__(self) -> None:
        super().__init__(_("The username or password is not correct."))


class LoginLockedError(DomainError):
    """Too many failed sign-ins: answered 429 with Retry-After."""

    status_code = 429
    code = "locked_out"

    def __init__(self, *, retry_after_seconds: int, by_username: bool) -> None:
        minutes = max(1, -(-retry_after_seconds // 60))
        if by_username:
            text = ngettext(
                "Too many failed sign-ins for this account. Try again in %(minutes)d minute.",
                "Too many failed sign-ins for this account. Try again in %(minutes)d minutes.",
                minutes,
            )
        else:
            text = ngettext(
                "Too many failed sign-ins from your network address. "
                "Try again in %(minutes)d minute.",
                "Too many failed sign-ins from your network address. "
                "Try again in %(minutes)d minutes.",
                minutes,
            )
        super().__init__(text % {"minutes": minutes})
        self.retry_after_seconds = retry_after_seconds


class SingleSignOnError(DomainError):
    """The single sign-on round trip failed: a bad answer from the browser or the provider."""

    status_code = 400
    code = "sso_failed"


class SingleSignOnUnavailableError(DomainError):
    """The single sign-on provider could not be reached or answered nonsense."""

    status_code = 502
    code = "sso_unavailable"
