"""A document is what its first bytes say, not what its name or the browser claims."""

import hashlib

import pytest

from documents.content import (
    DocumentTooLargeError,
    EmptyDocumentError,
    UnsupportedDocumentTypeError,
    check_bytes,
    sniff,
)

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 32


@pytest.mark.parametrize(
    ("content", "content_type", "extension"),
    [(PDF, "application/pdf", "pdf"), (JPEG, "image/jpeg", "jpg"), (PNG, "image/png", "png")],
)
def test_the_accepted_formats_are_told_by_their_signature(content, content_type, extension):
    checked = check_bytes(content)
    assert (checked.content_type, checked.extension) == (content_type, extension)
    assert checked.size_bytes == len(content)
    assert checked.sha256 == hashlib.sha256(content).hexdigest()


@pytest.mark.parametrize(
    "content",
    [
        b"<html><body>deed</body></html>",
        b"<svg xmlns='http://www.w3.org/2000/svg'/>",
        b"GIF89a\x01\x00",
        b"PK\x03\x04 a zip",
        b" %PDF-1.7 shifted by a space",
        b"%PDF",  # shorter than the signature
        b"\xff\xd8",  # half a JPEG marker
        b"\x89PNG\r\n",  # cut PNG signature
    ],
)
def test_anything_else_is_refused_with_415(content):
    with pytest.raises(UnsupportedDocumentTypeError, match="not a PDF, JPEG or PNG") as error:
        check_bytes(content)
    assert error.value.status_code == 415
    assert sniff(content[:8]) is None


def test_an_empty_file_is_refused_with_400():
    with pytest.raises(EmptyDocumentError, match="The file is empty") as error:
        check_bytes(b"")
    assert error.value.status_code == 400


def test_a_file_over_the_limit_is_refused_with_413_naming_the_limit(settings):
    settings.MAKON_DOCUMENT_MAX_BYTES = 1024
    check_bytes(PDF + b"\x00" * (1024 - len(PDF)))  # exactly the limit passes
    with pytest.raises(DocumentTooLargeError, match=r"at most 0.0 MB \(1024 bytes\)") as error:
        check_bytes(PDF + b"\x00" * (1025 - len(PDF)))
    assert error.value.status_code == 413


def test_the_default_limit_is_20_megabytes(settings):
    from config.settings import base

    assert base.MAKON_DOCUMENT_MAX_BYTES == 20 * 1024 * 1024
