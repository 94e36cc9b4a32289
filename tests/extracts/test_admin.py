"""Extracts in the admin: listed and shown, never added, changed or deleted there."""

import pytest
from django.urls import reverse

from extracts.models import Extract
from extracts.services import order_extract

pytestmark = pytest.mark.django_db


def test_the_admin_lists_and_shows_extracts_read_only(admin_client, register, citizen):
    extract = order_extract(citizen, register.house.cadastral_number, "en", base_url="https://m.uz")
    listing = admin_client.get(reverse("admin:extracts_extract_changelist"), {"q": extract.code})
    assert listing.status_code == 200
    assert extract.number in listing.content.decode()
    detail = admin_client.get(reverse("admin:extracts_extract_change", args=[extract.pk]))
    assert detail.status_code == 200
    assert reverse("extracts:verify", args=[extract.code]) in detail.content.decode()
    assert admin_client.get(reverse("admin:extracts_extract_add")).status_code == 403
    delete = admin_client.post(
        reverse("admin:extracts_extract_delete", args=[extract.pk]), {"post": "yes"}
    )
    assert delete.status_code == 403
    assert Extract.objects.filter(pk=extract.pk).exists()
    orders = admin_client.get(reverse("admin:extracts_extractorder_changelist"))
    assert orders.status_code == 200
