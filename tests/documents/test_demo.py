"""Demo scans: the demo accounts' documents get a deterministic one-page PDF each."""

import hashlib
from io import BytesIO, StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from accounts.selectors import party_of
from audit.models import Action, AuditEntry
from cadastre.models import Property, Right, Source
from documents.demo import attach_demo_files, demo_scan_pdf

pytestmark = pytest.mark.django_db


def test_the_linked_citizens_documents_get_scans_and_no_one_elses(register, citizen):
    attached = attach_demo_files()
    house_sources = Source.objects.filter(rights__property=register.house) | Source.objects.filter(
        restrictions__property=register.house
    )
    assert attached == house_sources.distinct().count() == 2
    for source in house_sources:
        assert source.file
        assert source.content_type == "application/pdf"
        assert hashlib.sha256(Path(source.file.path).read_bytes()).hexdigest() == source.sha256
    flat_source = Source.objects.get(rights__property=register.flat)
    assert not flat_source.file
    assert AuditEntry.objects.filter(action=Action.DOCUMENT_UPLOAD).count() == 2


def test_a_second_run_attaches_nothing(register, citizen):
    attach_demo_files()
    assert attach_demo_files() == 0


def test_explicit_parties_choose_whose_documents(register):
    assert attach_demo_files(parties=[register.ivanov]) == 1


def test_a_scan_is_deterministic_and_names_its_document(register):
    numbers = [register.house.cadastral_number]
    first = demo_scan_pdf(register.deed, cadastral_numbers=numbers)
    assert first == demo_scan_pdf(register.deed, cadastral_numbers=numbers)
    text = PdfReader(BytesIO(first)).pages[0].extract_text()
    assert register.deed.number in text
    assert register.house.cadastral_number in text
    assert "DEMO" in text
    assert len(first) < 100_000


def test_the_demo_city_command_gives_the_demo_citizen_readable_scans(db):
    call_command("build_demo_city", parcels=300, seed=1, stdout=StringIO())
    citizen = User.objects.get(username="citizen")
    held = Property.objects.filter(
        pk__in=Right.objects.filter(party=party_of(citizen)).values("property_id")
    )
    sources = Source.objects.filter(rights__property__in=held).distinct()
    assert sources.exists()
    assert not sources.filter(file="").exists()
    client = Client()
    client.force_login(citizen)
    response = client.get(reverse("documents:view", args=[sources.first().pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
