"""Public verification: genuine, revoked, expired or not; changes since; forged codes throttled."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from audit.models import Action, AuditEntry
from cadastre.models import Right
from core.versioning import version_end
from extracts import codes
from extracts.models import Extract, VerificationFailure
from extracts.services import order_extract, revoke
from tests.extracts.conftest import client_for

pytestmark = pytest.mark.django_db

FORGED = "7K3M-Q9XD-2HFA-PB4T-W8CZ"


@pytest.fixture
def extract(register, citizen) -> Extract:
    return order_extract(citizen, register.house.cadastral_number, "en", base_url="https://m.uz")


def api(code: str) -> str:
    return reverse("extracts:api-verify", args=[code])


def page(code: str) -> str:
    return reverse("extracts:verify", args=[code])


def anonymous(address: str = "192.0.2.10") -> APIClient:
    return APIClient(REMOTE_ADDR=address)


def pdf_upload(content: bytes, name: str = "extract.pdf") -> dict:
    return {"pdf": SimpleUploadedFile(name, content, content_type="application/pdf")}


def test_a_genuine_code_is_valid_with_what_it_certified(extract, register):
    response = anonymous().get(api(extract.code))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "valid"
    assert body["number"] == extract.number
    assert body["cadastral_number"] == register.house.cadastral_number
    assert body["snapshot"] == extract.snapshot
    assert body["register_changed"] is False
    assert body["changed_sections"] == []
    assert "Genuine and valid" in body["message"]
    assert body["pdf_checked"] is False
    entry = AuditEntry.objects.get(action=Action.EXTRACT_VERIFY)
    assert (entry.actor, entry.object_id, entry.ip) == (None, extract.number, "192.0.2.10")
    assert entry.detail["status"] == "valid"


def test_the_code_may_be_typed_in_lower_case_without_dashes(extract):
    typed = extract.code.lower().replace("-", "")
    assert anonymous().get(api(typed)).json()["status"] == "valid"


def test_the_personal_data_shown_is_only_what_the_extract_printed(extract, register):
    text = anonymous().get(api(extract.code)).content.decode()
    assert register.karimov.pinfl not in text
    assert register.karimov.passport not in text
    assert "Karimov Aziz Rustamovich" in text  # printed on the extract


def test_a_forged_code_is_not_genuine_and_counted(extract):
    response = anonymous().get(api(FORGED))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "not_genuine"
    assert body["snapshot"] is None
    assert body["number"] is None
    assert "no extract has this code" in body["message"]
    assert VerificationFailure.objects.filter(address="192.0.2.10").count() == 1
    entry = AuditEntry.objects.get(action=Action.EXTRACT_VERIFY)
    assert (entry.object_id, entry.detail["status"]) == ("", "not_genuine")


@pytest.mark.parametrize("garbage", ["x", "A" * 300, "%00", "7K3M-Q9XD-2HFA-PB4T-W8CU", "😀" * 20])
def test_garbage_codes_are_not_genuine_never_500(extract, garbage):
    response = anonymous().get(api(garbage))
    assert response.status_code == 200
    assert response.json()["status"] == "not_genuine"


def test_the_issued_pdf_uploaded_is_byte_for_byte_genuine(extract):
    response = anonymous().post(api(extract.code), pdf_upload(bytes(extract.pdf)))
    body = response.json()
    assert (body["status"], body["pdf_checked"], body["pdf_matches"]) == ("valid", True, True)
    assert "byte for byte" in body["message"]


@pytest.mark.parametrize("position", [0.1, 0.5, 0.99])
def test_a_pdf_with_one_byte_changed_is_not_genuine(extract, position):
    tampered = bytearray(extract.pdf)
    tampered[int(len(tampered) * position)] ^= 0x20
    response = anonymous().post(api(extract.code), pdf_upload(bytes(tampered)))
    body = response.json()
    assert response.status_code == 200
    assert (body["status"], body["pdf_matches"]) == ("not_genuine", False)
    assert "not the extract issued under this code" in body["message"]
    # altering a PDF is no code guess: it does not count towards the throttle
    assert not VerificationFailure.objects.exists()


def test_another_extracts_pdf_is_not_genuine_for_this_code(extract, register, citizen):
    other = order_extract(citizen, register.house.cadastral_number, "ru", base_url="https://m.uz")
    body = anonymous().post(api(extract.code), pdf_upload(bytes(other.pdf))).json()
    assert body["status"] == "not_genuine"


@pytest.mark.parametrize(
    ("upload", "status", "message"),
    [
        ({"pdf": SimpleUploadedFile("e.pdf", b"")}, 400, "empty"),
        ({"pdf": SimpleUploadedFile("e.pdf", b"<html>")}, 415, "not a PDF"),
        ({"pdf": SimpleUploadedFile("e.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20)}, 415, "PDF"),
        ({}, 400, "pdf"),
        ({"pdf": "not a file"}, 400, "pdf"),
    ],
)
def test_bad_uploads_get_4xx(extract, upload, status, message):
    response = anonymous().post(api(extract.code), upload, format="multipart")
    assert response.status_code == status
    assert message in response.content.decode()


def test_an_oversized_upload_gets_413(extract, settings):
    settings.MAKON_DOCUMENT_MAX_BYTES = 1000
    response = anonymous().post(api(extract.code), pdf_upload(b"%PDF-" + b"0" * 2000))
    assert response.status_code == 413


def test_a_revoked_extract_says_so_with_the_reason(extract, registrar):
    revoke(registrar, extract, "The right was registered on a forged deed.")
    body = anonymous().get(api(extract.code)).json()
    assert body["status"] == "revoked"
    assert body["revocation_reason"] == "The right was registered on a forged deed."
    assert "Revoked on" in body["message"]
    assert "forged deed" in body["message"]
    # even its exact PDF does not make it valid again
    body = anonymous().post(api(extract.code), pdf_upload(bytes(extract.pdf))).json()
    assert (body["status"], body["pdf_matches"]) == ("revoked", True)


def test_an_extract_past_its_validity_is_genuine_but_expired(extract):
    Extract.objects.filter(pk=extract.pk).update(
        issued_at=extract.issued_at - timedelta(days=60),
        certifies_at=extract.certifies_at - timedelta(days=60),
        valid_until=timezone.now() - timedelta(days=1),
    )
    body = anonymous().get(api(extract.code)).json()
    assert body["status"] == "expired"
    assert "no longer valid" in body["message"]


def test_a_change_in_the_register_since_is_reported(extract, register):
    version_end(instance=register.mortgage, moment=timezone.now())
    body = anonymous().get(api(extract.code)).json()
    assert body["status"] == "valid"
    assert body["register_changed"] is True
    assert body["changed_sections"] == ["restrictions"]
    assert "encumbrances" in body["register_message"]


def test_a_new_holder_since_is_reported(extract, register):
    right = Right.objects.current().get(party=register.karimov, property=register.house)
    version_end(instance=right, moment=timezone.now())
    body = anonymous().get(api(extract.code)).json()
    assert body["changed_sections"] == ["rights"]


def test_forged_codes_are_throttled_per_address_with_retry_after(extract, settings):
    settings.MAKON_VERIFY_FAILURE_LIMIT = 3
    settings.MAKON_VERIFY_FAILURE_WINDOW_SECONDS = 600
    guesser = anonymous("198.51.100.7")
    for n in range(3):
        assert guesser.get(api(f"{FORGED[:-1]}{n}")).json()["status"] == "not_genuine"
    refused = guesser.get(api(FORGED))
    assert refused.status_code == 429
    assert 590 <= int(refused["Retry-After"]) <= 600
    assert "Too many codes" in refused.json()["detail"]
    # a real code from the same address is refused too: the answer would tell a guess
    assert guesser.get(api(extract.code)).status_code == 429
    # nothing is counted or audited while refused
    assert VerificationFailure.objects.count() == 3
    assert AuditEntry.objects.filter(action=Action.EXTRACT_VERIFY).count() == 3
    # another address is not affected
    assert anonymous("198.51.100.8").get(api(extract.code)).json()["status"] == "valid"


def test_the_throttle_forgets_attempts_older_than_the_window(extract, settings):
    settings.MAKON_VERIFY_FAILURE_LIMIT = 2
    settings.MAKON_VERIFY_FAILURE_WINDOW_SECONDS = 60
    old = timezone.now() - timedelta(seconds=61)
    VerificationFailure.objects.bulk_create(
        [VerificationFailure(address="203.0.113.5", at=old) for _ in range(5)]
    )
    response = anonymous("203.0.113.5").get(api(extract.code))
    assert response.json()["status"] == "valid"
    anonymous("203.0.113.5").get(api(FORGED))
    # the expired rows were dropped when the new one was counted
    assert VerificationFailure.objects.filter(address="203.0.113.5").count() == 1


def test_retry_after_counts_down_to_when_the_oldest_attempt_leaves_the_window(settings, db):
    settings.MAKON_VERIFY_FAILURE_LIMIT = 2
    settings.MAKON_VERIFY_FAILURE_WINDOW_SECONDS = 100
    now = timezone.now()
    VerificationFailure.objects.bulk_create(
        [
            VerificationFailure(address="203.0.113.9", at=now - timedelta(seconds=70)),
            VerificationFailure(address="203.0.113.9", at=now - timedelta(seconds=10)),
        ]
    )
    response = anonymous("203.0.113.9").get(api(FORGED))
    assert response.status_code == 429
    assert 29 <= int(response["Retry-After"]) <= 30


def test_a_signed_in_notary_is_named_in_the_audit_entry(extract, notary):
    client_for(notary).get(api(extract.code))
    assert AuditEntry.objects.get(action=Action.EXTRACT_VERIFY).actor == notary


# --- the page -------------------------------------------------------------------------------


def test_the_page_shows_a_genuine_extract_and_its_holders(extract):
    response = Client(REMOTE_ADDR="192.0.2.20").get(page(extract.code))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-status="valid"' in html
    assert "Karimov Aziz Rustamovich" in html
    assert extract.snapshot_sha256 in html
    assert "Revoke this extract" not in html  # only registrars see the revoke form


def test_the_page_in_russian(extract):
    response = Client(REMOTE_ADDR="192.0.2.20", HTTP_ACCEPT_LANGUAGE="ru").get(page(extract.code))
    assert "Подлинная и действительная" in response.content.decode()


def test_the_page_checks_an_uploaded_pdf(extract):
    client = Client(REMOTE_ADDR="192.0.2.20")
    tampered = bytearray(extract.pdf)
    tampered[-10] ^= 1
    good = client.post(page(extract.code), pdf_upload(bytes(extract.pdf)))
    bad = client.post(page(extract.code), pdf_upload(bytes(tampered)))
    assert 'data-status="valid"' in good.content.decode()
    assert "The file is the one issued." in good.content.decode()
    assert 'data-status="not_genuine"' in bad.content.decode()


def test_the_page_answers_bad_uploads_with_4xx(extract):
    client = Client(REMOTE_ADDR="192.0.2.20")
    assert client.post(page(extract.code), {}).status_code == 400
    assert client.post(page(extract.code), pdf_upload(b"")).status_code == 400
    assert client.post(page(extract.code), pdf_upload(b"GIF89a")).status_code == 415


def test_the_page_shows_a_forged_code_as_not_genuine_and_throttles(extract, settings):
    settings.MAKON_VERIFY_FAILURE_LIMIT = 1
    client = Client(REMOTE_ADDR="192.0.2.30")
    assert 'data-status="not_genuine"' in client.get(page(FORGED)).content.decode()
    refused = client.get(page(extract.code))
    assert refused.status_code == 429
    assert refused["Retry-After"]


def test_the_form_leads_to_the_page_of_the_typed_code(extract):
    client = Client()
    response = client.get(reverse("extracts:verify-form"), {"code": extract.code.lower()})
    assert response.status_code == 302
    assert response["Location"] == page(extract.code)
    assert client.get(reverse("extracts:verify-form")).status_code == 200
    bad = client.get(reverse("extracts:verify-form"), {"code": "not/a/code"})
    assert bad.status_code == 400
    assert "That is not a verification code" in bad.content.decode()


def test_codes_are_unguessable_enough_for_the_throttle():
    # 10 guesses per 15 minutes for a year hit a given extract's code with odds below 1e-24
    guesses_per_year = 10 * 4 * 24 * 365
    assert guesses_per_year / 2**codes.BITS < 1e-24
