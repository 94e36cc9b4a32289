"""Domain errors: expected failures whose message is safe to show to a person."""


class DomainError(Exception):
    """An expected business failure; its message is safe to show to clients."""

    status_code = 400
    code = "invalid"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFoundError(DomainError):
    status_code = 404
    code = "not_found"


class InvalidInputError(DomainError):
    status_code = 400
    code = "invalid"


class InvalidGeometryError(DomainError):
    status_code = 400
    code = "invalid_geometry"


class ConflictError(DomainError):
    status_code = 409
    code = "conflict"
