"""The admin's document form checks a scan like the upload API: by content and size."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cadastre.models import Source

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _post(admin_client, name: str, content: bytes, content_type: str):
    data = {
        "kind": "court_decision",
        "number": "2-77/2024",
        "issued_on": date(2024, 2, 1).isoformat(),
        "issuer": "Toshkent shahar sudi",
        "file": SimpleUploadedFile(name, content, content_type=content_type),
    }
    return admin_client.post(reverse("admin:cadastre_source_add"), data)


def test_the_admin_stores_the_type_the_content_shows_not_the_one_claimed(admin_client):
    response = _post(admin_client, "decision.pdf", PNG, "application/pdf")
    assert response.status_code == 302
    assert Source.objects.get(number="2-77/2024").content_type == "image/png"


def test_the_admin_refuses_a_web_page_named_like_a_pdf(admin_client):
    response = _post(admin_client, "decision.pdf", b"<html><script>x</script>", "application/pdf")
    assert response.status_code == 200
    assert "is not a PDF, JPEG or PNG document" in response.content.decode()
    assert not Source.objects.exists()


def test_the_admin_refuses_a_file_over_the_limit(admin_client, settings):
    settings.MAKON_DOCUMENT_MAX_BYTES = 100
    response = _post(admin_client, "big.png", PNG + b"\x00" * 100, "image/png")
    assert response.status_code == 200
    assert "a document may be at most" in response.content.decode()
    assert not Source.objects.exists()
