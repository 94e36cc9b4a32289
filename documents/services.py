"""Scanned documents (the files of cadastre.Source): stored with their sha256, served after a check.

Who may read a document is decided in one place, portal.access.source_for; every read and every
upload is written to the audit log in the transaction that does it.
"""

import hashlib
import logging
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.files.base import ContentFile, File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest

from audit.models import Action
from audit.services import record
from cadastre.models import Property, Source
from core.exceptions import ConflictError, NotFoundError
from documents.content import SNIFF_BYTES, CheckedDocument, check_bytes, check_upload, sniff
from portal.access import source_for

logger = logging.getLogger(__name__)

OBJECT_TYPE = "cadastre.source"
# A source shared by a whole block's registration campaign is cited by hundreds of properties;
# the audit entry names this many of them.
_AUDIT_PROPERTIES = 50


class DocumentFileMissingError(NotFoundError):
    code = "document_file_missing"


class DocumentDamagedError(ConflictError):
    """The stored file is not the one registered: its digest differs or it is gone."""

    code = "document_damaged"


class DocumentAlreadyFiledError(ConflictError):
    code = "document_already_filed"


@dataclass(frozen=True)
class OpenedDocument:
    """A document's verified bytes, ready to be sent."""

    source: Source
    content: bytes
    content_type: str
    extension: str


def _actor(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def _citing_property_numbers(source: Source) -> list[str]:
    """Cadastral numbers of the properties whose rights or restrictions (any version) cite it."""
    properties: QuerySet[Property] = Property.objects.filter(
        pk__in=source.rights.values("property_id")
        .union(source.restrictions.values("property_id"))
        .union(source.responsibilities.values("property_id"))
    )
    return list(
        properties.order_by("cadastral_number").values_list("cadastral_number", flat=True)[
            : _AUDIT_PROPERTIES + 1
        ]
    )


def _read_stored(source: Source) -> bytes | None:
    try:
        with source.file.open("rb") as handle:
            return handle.read()
    except OSError:
        return None


def document_open(
    *, user: Any, source_id: int, request: HttpRequest | None = None
) -> OpenedDocument:
    """The file of source `source_id` after its sha256 matched the registered one.

    Http404 when `user` may not read the source (exactly as when it does not exist),
    DocumentFileMissingError (404) when it has no file, DocumentDamagedError (409, logged and
    recorded as an incident) when the stored bytes are not the registered ones.
    """
    with transaction.atomic():
        source = source_for(user, source_id)
        if not source.file:
            raise DocumentFileMissingError(
                f"Document {source.number} is registered without a scanned file."
            )
        numbers = _citing_property_numbers(source)
        content = _read_stored(source)
        actual = hashlib.sha256(content).hexdigest() if content is not None else None
        intact = actual == source.sha256
        detail = {"number": source.number, "properties": numbers[:_AUDIT_PROPERTIES]}
        if not intact:
            logger.error(
                "Document %s (source %s, file %s) fails its check: sha256 %s, registered %s.",
                source.number,
                source.pk,
                source.file.name,
                actual or "(file unreadable)",
                source.sha256,
            )
        record(
            actor=_actor(user),
            action=Action.DOCUMENT_READ if intact else Action.INCIDENT,
            object_type=OBJECT_TYPE,
            object_id=source.pk,
            cadastral_number=numbers[0] if len(numbers) == 1 else "",
            request=request,
            detail=detail if intact else {**detail, "fault": "sha256 mismatch", "sha256": actual},
        )
    # Raised after the block so that the incident entry is committed, not rolled back with it.
    if not intact:
        raise DocumentDamagedError(
            f"The stored file of document {source.number} is not the registered one (its "
            f"fingerprint differs), so it is not shown. The registry has been alerted."
        )
    assert content is not None  # noqa: S101 - intact implies the file was read
    kind = sniff(content[:SNIFF_BYTES])
    return OpenedDocument(
        source=source,
        content=content,
        content_type=kind.content_type if kind else "application/octet-stream",
        extension=kind.extension if kind else "bin",
    )


def _stored_name(checked: CheckedDocument) -> str:
    # Named by content, never by the sender's file name, which may hold personal data.
    return f"{checked.sha256[:24]}.{checked.extension}"


def _fill(source: Source, *, checked: CheckedDocument, content: File) -> str:
    """Store `content` for `source` and set its digest, type and size; the stored name."""
    source.file.save(_stored_name(checked), content, save=False)
    source.sha256 = checked.sha256
    source.content_type = checked.content_type
    source.size_bytes = checked.size_bytes
    return source.file.name


def _discard(stored_name: str | None) -> None:
    """Remove a file stored for a transaction that did not commit."""
    if stored_name:
        Source._meta.get_field("file").storage.delete(stored_name)


def document_upload(
    *,
    actor: Any,
    upload: UploadedFile,
    kind: str,
    number: str,
    issued_on: date,
    issuer: str,
    request: HttpRequest | None = None,
) -> Source:
    """Register a new source document with its checked file, stored under its digest."""
    checked = check_upload(upload)
    source = Source(kind=kind, number=number, issued_on=issued_on, issuer=issuer)
    stored_name = None
    try:
        with transaction.atomic():
            stored_name = _fill(source, checked=checked, content=upload)
            source.full_clean()
            source.save()
            record(
                actor=_actor(actor),
                action=Action.DOCUMENT_UPLOAD,
                object_type=OBJECT_TYPE,
                object_id=source.pk,
                request=request,
                detail={"number": number, "sha256": checked.sha256, "bytes": checked.size_bytes},
            )
    except BaseException:
        _discard(stored_name)
        raise
    return source


def source_file_attach(
    *, actor: Any, source: Source, content: bytes, request: HttpRequest | None = None
) -> Source:
    """Give a source registered without a file its scan; a filed source keeps its file (409)."""
    checked = check_bytes(content)
    stored_name = None
    try:
        with transaction.atomic():
            locked = Source.objects.select_for_update().get(pk=source.pk)
            if locked.file:
                raise DocumentAlreadyFiledError(
                    f"Document {locked.number} already has its file; a registered document's "
                    f"file is never replaced. Register a new document instead."
                )
            stored_name = _fill(locked, checked=checked, content=ContentFile(content))
            locked.save(update_fields=["file", "sha256", "content_type", "size_bytes"])
            record(
                actor=_actor(actor),
                action=Action.DOCUMENT_UPLOAD,
                object_type=OBJECT_TYPE,
                object_id=locked.pk,
                request=request,
                detail={
                    "number": locked.number,
                    "sha256": checked.sha256,
                    "bytes": checked.size_bytes,
                },
            )
    except BaseException:
        _discard(stored_name)
        raise
    return locked
