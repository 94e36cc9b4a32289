"""The document page: a source's scan shown in the browser or downloaded, after every check.

Who may read it is decided by portal.access.source_for (404 for anyone else, as for a document
that does not exist); the bytes are sent only after their sha256 matched the registered one.
"""

import re

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from core.exceptions import DomainError
from core.params import MAX_DATABASE_ID
from documents.services import OpenedDocument, document_open

_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def download_name(opened: OpenedDocument) -> str:
    """A file name from the document's kind and number, safe in any file system."""
    source = opened.source
    stem = _UNSAFE_NAME.sub("-", f"{source.kind}-{source.number}").strip("-.") or "document"
    return f"{stem[:80]}.{opened.extension}"


def document_response(opened: OpenedDocument, *, download: bool) -> HttpResponse:
    """The verified bytes, shown inline or as an attachment; never cached by shared caches."""
    # A type the checks did not recognise (an old upload) is only ever offered as a download.
    attachment = download or opened.content_type == "application/octet-stream"
    response = HttpResponse(opened.content, content_type=opened.content_type)
    response["Content-Disposition"] = content_disposition_header(attachment, download_name(opened))
    response["Content-Length"] = str(len(opened.content))
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def document_page(request: HttpRequest, source_id: int) -> HttpResponse:
    """`/documents/<id>/`: the scan inline, or as a download with `?download=1`."""
    source_id = source_id if source_id <= MAX_DATABASE_ID else 0
    try:
        opened = document_open(user=request.user, source_id=source_id, request=request)
    except DomainError as error:
        context = {"message": error.message}
        return render(request, "documents/unavailable.html", context, status=error.status_code)
    return document_response(opened, download=request.GET.get("download") == "1")
