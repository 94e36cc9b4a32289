from datetime import timedelta

import pytest
from django.contrib.gis.geos import Point
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.utils import timezone

from situation.models import Incident, IncidentEvent, IncidentType

pytestmark = pytest.mark.django_db


def _incident() -> Incident:
    now = timezone.now()
    kind = IncidentType.objects.get(code="water_leak")
    point = Point(69.28, 41.31, srid=4326).transform(32642, clone=True)
    return Incident.objects.create(
        incident_type=kind,
        severity=3,
        geom=point,
        sla_due_at=now + timedelta(hours=24),
        created_at=now,
        updated_at=now,
    )


def test_catalogue_is_seeded_with_a_default_route_for_every_type():
    assert IncidentType.objects.count() >= 10
    assert not IncidentType.objects.filter(routes__isnull=True).exists()


def test_number_is_generated_from_the_id():
    incident = _incident()
    incident.refresh_from_db()
    assert incident.number == f"INC-{incident.pk:06d}"


def test_events_refuse_update_and_delete():
    incident = _incident()
    event = IncidentEvent.objects.create(
        incident=incident, at=timezone.now(), kind="created", to_state="new"
    )
    for statement in (
        "UPDATE situation_incidentevent SET comment = 'x' WHERE id = %s",
        "DELETE FROM situation_incidentevent WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement, [event.pk])
