"""What a stored document may be: its type told by its first bytes, its size, its digest.

A file name or a browser's Content-Type header is what the sender claims; the first bytes are
what the file is. Only the formats a scan arrives in are accepted, so nothing that a browser
would run (HTML, SVG, scripts) is ever stored and served back from Makon's own address.
"""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from core.exceptions import DomainError

# Signatures from the formats' specifications: PDF 1.7 (ISO 32000-1, 7.5.2), JPEG (ITU T.81,
# SOI marker followed by another marker), PNG (RFC 2083, 3.1).
_SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
)
SNIFF_BYTES = 8
ACCEPTED_TYPES = tuple(content_type for _, content_type, _ in _SIGNATURES)


class EmptyDocumentError(DomainError):
    status_code = 400
    code = "empty_document"


class DocumentTooLargeError(DomainError):
    status_code = 413
    code = "document_too_large"


class UnsupportedDocumentTypeError(DomainError):
    status_code = 415
    code = "unsupported_document_type"


@dataclass(frozen=True)
class DocumentKind:
    content_type: str
    extension: str


@dataclass(frozen=True)
class CheckedDocument:
    """A file that passed the checks: what it is, how big, and its sha256 (hex)."""

    content_type: str
    extension: str
    size_bytes: int
    sha256: str


def max_document_bytes() -> int:
    return int(settings.MAKON_DOCUMENT_MAX_BYTES)


def sniff(head: bytes) -> DocumentKind | None:
    """The accepted format whose signature `head` starts with, or None."""
    for signature, content_type, extension in _SIGNATURES:
        if head.startswith(signature):
            return DocumentKind(content_type=content_type, extension=extension)
    return None


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _too_large(size_bytes: int, limit: int) -> DocumentTooLargeError:
    return DocumentTooLargeError(
        f"The file is {_megabytes(size_bytes)}; a document may be at most "
        f"{_megabytes(limit)} ({limit} bytes). Scan it at a lower resolution or split it."
    )


def read_upload(upload: UploadedFile) -> bytes:
    """The bytes of an uploaded file; one above the size limit is refused (413) unread."""
    limit = max_document_bytes()
    if (upload.size or 0) > limit:
        raise _too_large(upload.size or 0, limit)
    upload.seek(0)
    return upload.read()


def check_document(*, head: bytes, size_bytes: int, chunks: Iterable[bytes]) -> CheckedDocument:
    """Check a file by its first bytes and size, then digest it; DomainError (4xx) if refused.

    `chunks` is read only after the cheap checks pass, so an oversized or foreign file is
    refused without reading it through.
    """
    if size_bytes == 0:
        raise EmptyDocumentError("The file is empty: choose the scanned document itself.")
    limit = max_document_bytes()
    if size_bytes > limit:
        raise _too_large(size_bytes, limit)
    kind = sniff(head)
    if kind is None:
        raise UnsupportedDocumentTypeError(
            "The file is not a PDF, JPEG or PNG document (judged by its content, not its name). "
            "Scan or save the document in one of these formats."
        )
    digest = hashlib.sha256()
    for chunk in chunks:
        digest.update(chunk)
    return CheckedDocument(
        content_type=kind.content_type,
        extension=kind.extension,
        size_bytes=size_bytes,
        sha256=digest.hexdigest(),
    )


def check_bytes(content: bytes) -> CheckedDocument:
    """check_document for content already in memory."""
    return check_document(head=content[:SNIFF_BYTES], size_bytes=len(content), chunks=[content])


def check_upload(upload: UploadedFile) -> CheckedDocument:
    """check_document for an uploaded file; it is read through once, in chunks."""
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    checked = check_document(head=head, size_bytes=upload.size or 0, chunks=upload.chunks())
    upload.seek(0)
    return checked
