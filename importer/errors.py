"""Failures of a whole import run; their message is one readable line for the operator."""

from core.exceptions import DomainError


class ImportRefusedError(DomainError):
    """The file, its CRS, the layer or the field mapping cannot be imported as asked."""

    code = "import_refused"
