"""Demo incidents over a small committed demo city: spread, consistency with the state machine,
a realistic share overdue, and bulk inserts."""

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from democity import load
from democity.build import city_build
from situation import workflow
from situation.catalogue import catalogue_ensure
from situation.demo import build_demo_incidents
from situation.models import OPEN_STATES, Appeal, Incident, IncidentEvent, IncidentType, State

NOW = datetime(2026, 6, 15, 9, 0, tzinfo=UTC)
COUNT = 800


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """A committed demo city with demo incidents for this module; emptied afterwards."""
    with django_db_blocker.unblock():
        city_build(parcels=420, seed=3, replace=True)
        catalogue_ensure()  # restored first if a live-server test flushed the database
        with CaptureQueriesContext(connection) as queries:
            summary = build_demo_incidents(seed=3, count=COUNT, now=NOW)
        yield summary, len(queries)
        load.empty_all()


pytestmark = pytest.mark.django_db


def test_every_incident_is_placed_and_counted(demo):
    summary, _ = demo
    assert summary.incidents == Incident.objects.count() == COUNT
    assert summary.events == IncidentEvent.objects.count()
    assert summary.appeals == Appeal.objects.count()


def test_rows_are_inserted_in_bulk(demo):
    _, queries = demo
    # a few per district and network, never one per incident, appeal or event
    assert queries < 150


def test_spread_over_sixty_days_every_type_and_district(demo):
    oldest = Incident.objects.order_by("created_at").first().created_at
    newest = Incident.objects.order_by("-created_at").first().created_at
    assert NOW - timedelta(days=60) <= oldest < NOW - timedelta(days=45)
    assert NOW - timedelta(days=2) < newest <= NOW
    types = set(Incident.objects.values_list("incident_type__code", flat=True))
    assert len(types) >= 12
    districts = Counter(Incident.objects.values_list("district__level", flat=True))
    assert districts["district"] == COUNT  # every incident lies in a district
    assert Incident.objects.values("district").distinct().count() == 12
    assert not Incident.objects.filter(department__isnull=True).exists()
    kinds = set(Incident.objects.values_list("geom", flat=True).iterator())
    shapes = {geom.geom_type for geom in kinds}
    assert {"Point", "LineString", "Polygon"} <= shapes


def test_a_realistic_share_is_open_and_overdue(demo):
    summary, _ = demo
    open_share = summary.open / summary.incidents
    overdue_share = summary.overdue / summary.open
    assert 0.05 < open_share < 0.5
    assert 0.1 < overdue_share < 0.5
    overdue = Incident.objects.filter(
        state__in=sorted(OPEN_STATES - {State.ON_HOLD}), sla_due_at__lt=NOW
    ).count()
    assert overdue == summary.overdue
    assert Incident.objects.filter(state="closed").exists()
    assert Incident.objects.filter(state="resolved", resolution_code="fixed").exists()
    assert Incident.objects.exclude(resolution_code__in=["", "fixed"]).exists()


def test_every_history_follows_the_state_machine(demo):
    events = IncidentEvent.objects.order_by("incident_id", "at", "id").values_list(
        "incident_id", "kind", "from_state", "to_state", "at"
    )
    by_incident: dict[int, list[tuple]] = {}
    for row in events:
        by_incident.setdefault(row[0], []).append(row[1:])
    incidents = {i.pk: i for i in Incident.objects.all()}
    for incident_id, history in by_incident.items():
        incident = incidents[incident_id]
        assert history[0][:3] == ("created", "", "new")
        assert history[0][3] == incident.created_at
        state = "new"
        for kind, from_state, to_state, at in history[1:]:
            assert at <= NOW
            if kind == "transition":
                assert from_state == state
                assert workflow.is_legal(from_state, to_state), (
                    incident.number,
                    from_state,
                    to_state,
                )
                state = to_state
            else:
                assert from_state == to_state == state
        assert state == incident.state, incident.number
        escalations = [h for h in history if h[0] == "escalated"]
        assert len(escalations) == (1 if incident.escalated else 0)
    assert set(by_incident) == set(incidents)


def test_appeals_hang_on_incidents_and_some_wait_for_triage(demo):
    summary, _ = demo
    linked = Appeal.objects.filter(state="linked")
    assert linked.count() == IncidentEvent.objects.filter(kind="appeal_linked").count()
    assert (
        Appeal.objects.filter(state="submitted", incident__isnull=True).count()
        == summary.waiting_appeals
    )
    several = Counter(linked.values_list("incident_id", flat=True))
    assert max(several.values()) >= 2
    assert 0.5 < len(several) / summary.incidents < 0.9
    for appeal in linked.select_related("incident")[:50]:
        assert appeal.category_id == appeal.incident.incident_type_id


def test_on_hold_and_duplicates_carry_their_columns(demo):
    assert Incident.objects.filter(state="duplicate", duplicate_of__isnull=False).exists()
    assert not Incident.objects.filter(state="duplicate", duplicate_of__isnull=True).exists()
    assert Incident.objects.filter(sla_paused_seconds__gt=0).exists()
    critical = Incident.objects.filter(severity=4)
    assert critical.exists()
    assert not critical.filter(escalated=False).exists()


def test_types_keep_their_default_department_and_districts_get_services(demo):
    assert not IncidentType.objects.filter(default_department__isnull=True).exists()
    local = Incident.objects.filter(department__code__startswith="water-sewer-").count()
    assert local > 0
