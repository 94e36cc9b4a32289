"""The admin edits the situation centre's reference lists; incidents and appeals are read-only."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tests.situation.helpers import make_city, make_incident

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client():
    make_city()
    client = Client()
    client.force_login(User.objects.create_superuser("root", "root@example.org", "x"))
    return client


@pytest.mark.parametrize(
    "page",
    [
        "incidenttype/",
        "incidenttype/add/",
        "department/",
        "departmentroute/",
        "open311client/",
        "incident/",
        "appeal/",
    ],
)
def test_pages_open(admin_client, page):
    assert admin_client.get(f"/admin/situation/{page}").status_code == 200


def test_an_incident_is_shown_with_its_events_and_cannot_be_edited_or_added(admin_client):
    incident = make_incident(100, 0)
    page = admin_client.get(f"/admin/situation/incident/{incident.pk}/change/")
    assert page.status_code == 200
    assert b"created" in page.content
    assert b'name="_save"' not in page.content
    assert admin_client.get("/admin/situation/incident/add/").status_code == 403
    assert admin_client.post(f"/admin/situation/incident/{incident.pk}/delete/").status_code == 403
