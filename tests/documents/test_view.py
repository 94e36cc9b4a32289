"""/documents/<id>/: a scan for whoever may read it, after its sha256 check; every read audited."""

import hashlib
import logging
from pathlib import Path

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from audit.models import Action, AuditEntry
from cadastre.models import Source
from documents.services import DocumentAlreadyFiledError, document_open, source_file_attach
from tests.documents.test_content import PNG
from tests.extracts.conftest import client_for

pytestmark = pytest.mark.django_db


def page_client(user=None) -> Client:
    client = Client(REMOTE_ADDR="10.0.0.9")
    if user is not None:
        client.force_login(user)
    return client


def url(source: Source) -> str:
    return reverse("documents:view", args=[source.pk])


def test_a_holder_sees_the_scan_inline_and_the_read_is_audited(register, citizen, filed_deed):
    response = page_client(citizen).get(url(filed_deed))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline;")
    assert response["Cache-Control"] == "private, no-store"
    content = b"".join(response)
    assert hashlib.sha256(content).hexdigest() == filed_deed.sha256
    entry = AuditEntry.objects.get(action=Action.DOCUMENT_READ)
    assert (entry.actor, entry.object_id, entry.ip) == (citizen, str(filed_deed.pk), "10.0.0.9")
    assert entry.cadastral_number == register.house.cadastral_number


def test_download_1_sends_an_attachment_named_after_the_document(citizen, filed_deed):
    response = page_client(citizen).get(url(filed_deed), {"download": "1"})
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"notarial_deed-{filed_deed.number}.pdf" in disposition


def test_a_notary_may_read_any_document(notary, filed_deed):
    assert page_client(notary).get(url(filed_deed)).status_code == 200


@pytest.mark.parametrize("who", ["neighbour", "anonymous"])
def test_others_get_404_exactly_as_for_a_missing_document(request, who, filed_deed):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    client = page_client(user)
    foreign = client.get(url(filed_deed))
    missing = client.get(reverse("documents:view", args=[filed_deed.pk + 1000]))
    assert foreign.status_code == missing.status_code == 404
    assert filed_deed.number.encode() not in foreign.content
    assert not AuditEntry.objects.filter(action=Action.DOCUMENT_READ).exists()


def test_an_id_beyond_bigint_is_404_not_500(citizen):
    response = page_client(citizen).get(f"/documents/{'9' * 30}/")
    assert response.status_code == 404


def test_a_document_without_a_scan_says_so_with_404(register, citizen):
    response = page_client(citizen).get(url(register.mortgage.sources.get()))
    assert response.status_code == 404
    assert "registered without a scanned file" in response.content.decode()


def test_a_tampered_file_is_not_served_but_reported_logged_and_audited(citizen, filed_deed, caplog):
    path = Path(filed_deed.file.path)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    with caplog.at_level(logging.ERROR, logger="documents.services"):
        response = page_client(citizen).get(url(filed_deed))
    assert response.status_code == 409
    assert "is not the registered one" in response.content.decode()
    assert bytes(data) not in response.content
    assert any("fails its check" in r.getMessage() for r in caplog.records)
    incident = AuditEntry.objects.get(action=Action.INCIDENT)
    assert incident.object_id == str(filed_deed.pk)
    assert incident.detail["sha256"] == hashlib.sha256(bytes(data)).hexdigest()
    assert not AuditEntry.objects.filter(action=Action.DOCUMENT_READ).exists()


def test_a_missing_file_is_reported_like_a_tampered_one(citizen, filed_deed):
    Path(filed_deed.file.path).unlink()
    response = page_client(citizen).get(url(filed_deed))
    assert response.status_code == 409
    assert AuditEntry.objects.get(action=Action.INCIDENT).detail["sha256"] is None


def test_the_read_and_its_audit_entry_share_one_transaction(citizen, filed_deed):
    entries_inside = []

    @transaction.atomic
    def read_then_fail() -> None:
        document_open(user=citizen, source_id=filed_deed.pk)
        entries_inside.append(AuditEntry.objects.filter(action=Action.DOCUMENT_READ).count())
        raise RuntimeError

    # when the caller's transaction rolls back, the audit entry goes with it
    with pytest.raises(RuntimeError):
        read_then_fail()
    assert entries_inside == [1]
    assert not AuditEntry.objects.filter(action=Action.DOCUMENT_READ).exists()


def test_an_old_upload_of_unknown_type_is_only_offered_as_a_download(citizen, filed_deed):
    # a file stored before content checks existed: its digest matches, its type is unknown
    path = Path(filed_deed.file.path)
    path.write_bytes(b"plain text stored long ago")
    Source.objects.filter(pk=filed_deed.pk).update(
        sha256=hashlib.sha256(b"plain text stored long ago").hexdigest()
    )
    response = page_client(citizen).get(url(filed_deed))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")


def test_images_are_served_with_their_own_type(registrar, citizen, register):
    scan = source_file_attach(actor=registrar, source=register.mortgage.sources.get(), content=PNG)
    response = page_client(registrar).get(url(scan))
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].endswith('.png"')


def test_a_filed_document_keeps_its_file(filed_deed):
    with pytest.raises(DocumentAlreadyFiledError, match="never replaced"):
        source_file_attach(actor=None, source=filed_deed, content=PNG)
    filed_deed.refresh_from_db()
    assert filed_deed.content_type == "application/pdf"


def test_the_api_gives_the_record_and_the_file(citizen, filed_deed):
    client = client_for(citizen)
    record = client.get(reverse("documents:api-detail", args=[filed_deed.pk]))
    assert record.status_code == 200
    assert record.json()["sha256"] == filed_deed.sha256
    assert record.json()["file_url"] == url(filed_deed)
    file = client.get(reverse("documents:api-file", args=[filed_deed.pk]), {"download": "1"})
    assert file.status_code == 200
    assert hashlib.sha256(file.content).hexdigest() == filed_deed.sha256
    assert file["Content-Disposition"].startswith("attachment;")


def test_the_api_answers_others_404_and_anonymous_401(neighbour, filed_deed):
    for path in ("documents:api-detail", "documents:api-file"):
        target = reverse(path, args=[filed_deed.pk])
        assert client_for(neighbour).get(target).status_code == 404
        assert APIClient().get(target).status_code == 401
