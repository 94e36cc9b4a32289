"""What can go wrong in the situation centre, as errors whose message a person understands."""

from core.exceptions import ConflictError, DomainError, InvalidInputError


class IllegalTransitionError(ConflictError):
    code = "illegal_transition"


class DisputeNotAllowedError(ConflictError):
    code = "dispute_not_allowed"


class AppealAlreadyTriagedError(ConflictError):
    code = "appeal_already_triaged"


class OutsideCityError(InvalidInputError):
    code = "outside_city"


class UnknownServiceError(InvalidInputError):
    code = "unknown_service"


class InvalidPhotoError(InvalidInputError):
    code = "invalid_photo"


class PhotoTooLargeError(DomainError):
    status_code = 413
    code = "photo_too_large"


class RateLimitedError(DomainError):
    status_code = 429
    code = "rate_limited"

    def __init__(self, message: str, *, retry_after_seconds: int) -> None:
        super().__init__(message)
        self.retry_after_seconds = retry_after_seconds
