"""POST /api/documents/: registrars and admins register a document with its checked scan."""

import hashlib
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from audit.models import Action, AuditEntry
from cadastre.models import Source
from documents.services import document_upload
from tests.documents.test_content import JPEG, PDF, PNG
from tests.extracts.conftest import client_for

pytestmark = pytest.mark.django_db

URL = reverse("documents:api-upload")


def _form(content: bytes = PDF, name: str = "deed.pdf", **fields: str) -> dict:
    data = {
        "kind": "notarial_deed",
        "number": "ND-2024-17",
        "issued_on": "2024-05-02",
        "issuer": "Toshkent shahar 2-son notarial idorasi",
        "file": SimpleUploadedFile(name, content, content_type="application/octet-stream"),
    }
    data.update(fields)
    return data


def _stored_files() -> list[Path]:
    root = Path(django_settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.mark.parametrize(
    ("content", "content_type"),
    [(PDF, "application/pdf"), (JPEG, "image/jpeg"), (PNG, "image/png")],
)
def test_a_registrar_uploads_a_scan_and_its_digest_is_stored(registrar, content, content_type):
    response = client_for(registrar).post(URL, _form(content, name="scan.bin"), format="multipart")
    assert response.status_code == 201, response.content
    body = response.json()
    source = Source.objects.get(pk=body["id"])
    digest = hashlib.sha256(content).hexdigest()
    assert (source.sha256, source.content_type, source.size_bytes) == (
        digest,
        content_type,
        len(content),
    )
    assert body["sha256"] == digest
    assert body["file_url"] == reverse("documents:view", args=[source.pk])
    # stored under its digest, never under the sender's file name
    assert Path(source.file.path).name.startswith(digest[:24])
    assert Path(source.file.path).read_bytes() == content
    entry = AuditEntry.objects.get(action=Action.DOCUMENT_UPLOAD)
    assert (entry.actor, entry.object_id) == (registrar, str(source.pk))


def test_an_admin_may_upload_too(makon_admin):
    response = client_for(makon_admin).post(URL, _form(), format="multipart")
    assert response.status_code == 201


@pytest.mark.parametrize(
    ("case", "form", "status", "message"),
    [
        ("html_named_pdf", _form(b"<html>deed</html>", name="deed.pdf"), 415, "not a PDF, JPEG"),
        ("empty", _form(b""), 400, "The file is empty"),
        ("no_file", {k: v for k, v in _form().items() if k != "file"}, 400, "file"),
        ("bad_kind", _form(kind="passport"), 400, "kind"),
        ("bad_date", _form(issued_on="2024-13-45"), 400, "issued_on"),
        ("blank_number", _form(number=""), 400, "number"),
        ("long_number", _form(number="9" * 61), 400, "number"),
    ],
)
def test_bad_uploads_get_a_clear_4xx_and_leave_nothing(registrar, case, form, status, message):
    response = client_for(registrar).post(URL, form, format="multipart")
    assert response.status_code == status, response.content
    assert message in response.content.decode()
    assert not Source.objects.exists()
    assert _stored_files() == []
    assert not AuditEntry.objects.filter(action=Action.DOCUMENT_UPLOAD).exists()


def test_an_oversized_scan_gets_413_and_is_not_stored(registrar, settings):
    settings.MAKON_DOCUMENT_MAX_BYTES = 2048
    response = client_for(registrar).post(URL, _form(PDF + b"\x00" * 4096), format="multipart")
    assert response.status_code == 413
    assert "a document may be at most" in response.json()["detail"]
    assert not Source.objects.exists()
    assert _stored_files() == []


def test_a_json_body_is_refused_with_415(registrar):
    response = client_for(registrar).post(URL, {"kind": "contract"}, format="json")
    assert response.status_code == 415


@pytest.mark.parametrize("role_user", ["citizen", "notary"])
def test_only_registrars_and_admins_upload(request, role_user):
    user = request.getfixturevalue(role_user)
    response = client_for(user).post(URL, _form(), format="multipart")
    assert response.status_code == 403
    assert not Source.objects.filter(number="ND-2024-17").exists()


def test_anonymous_uploads_get_401(db):
    response = APIClient().post(URL, _form(), format="multipart")
    assert response.status_code == 401
    assert not Source.objects.exists()


def test_a_refused_record_leaves_no_stored_file(registrar):
    # the file is stored before the row is validated; a refused row takes its file away
    upload = SimpleUploadedFile("deed.pdf", PDF)
    with pytest.raises(ValidationError, match="passport"):
        document_upload(
            actor=registrar,
            upload=upload,
            kind="passport",
            number="X-1",
            issued_on=date(2024, 1, 1),
            issuer="Notarius",
        )
    assert not Source.objects.exists()
    assert _stored_files() == []
