from datetime import timedelta

import pytest
from django.contrib.gis.geos import Point
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.utils import timezone

from situation.catalogue import catalogue_ensure
from situation.models import DepartmentRoute, Incident, IncidentEvent, IncidentType

pytestmark = pytest.mark.django_db


def _incident() -> Incident:
    catalogue_ensure()
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


def test_catalogue_is_seeded_with_a_default_department_for_every_type():
    catalogue_ensure()
    assert IncidentType.objects.count() >= 10
    assert not IncidentType.objects.filter(default_department__isnull=True).exists()
    assert not DepartmentRoute.objects.exists()  # district routes come with the districts


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


def test_catalogue_ensure_restores_what_a_flush_removed_and_keeps_edits():
    catalogue_ensure()
    IncidentType.objects.filter(code="sanitation").update(sla_hours=12)
    IncidentType.objects.filter(code="dangerous_tree").delete()
    assert catalogue_ensure() == 1
    assert IncidentType.objects.get(code="sanitation").sla_hours == 12
    assert IncidentType.objects.get(code="dangerous_tree").default_department.code == "amenities"
