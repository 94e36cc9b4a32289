"""Incident and appeal services: routing, SLA pause, dispute, escalation, duplicates, triage."""

import io
from datetime import timedelta

import pytest
from django.contrib.gis.geos import LineString, MultiPoint, Point, Polygon
from django.core.management import call_command
from django.utils import timezone

from accounts.testing import make_user
from core.exceptions import InvalidGeometryError, InvalidInputError, NotFoundError
from situation.errors import (
    AppealAlreadyTriagedError,
    DisputeNotAllowedError,
    IllegalTransitionError,
    OutsideCityError,
)
from situation.models import Appeal, Incident, IncidentEvent, State
from situation.selectors import appeal_duplicates, duplicate_candidates, with_flags
from situation.services import (
    appeal_file,
    appeal_reject,
    appeal_triage,
    escalate_due,
    incident_create,
    incident_dispute,
    incident_update,
    transition,
)
from tests.geometry import point, rectangle
from tests.situation.helpers import (
    backdate,
    incident_type,
    lonlat,
    make_city,
    make_incident,
    route_to,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def city():
    return make_city()


def kinds(incident: Incident) -> list[str]:
    return list(incident.events.order_by("id").values_list("kind", flat=True))


# --- Routing -----------------------------------------------------------------------------------


def test_department_is_routed_by_the_district_the_location_falls_in(city):
    # given a water department of its own in the east district only
    east_water = route_to("water_leak", city["east"])
    # when
    in_east = make_incident(500, 0)
    in_west = make_incident(-500, 0)
    # then
    assert (in_east.district, in_east.department) == (city["east"], east_water)
    assert in_west.district == city["west"]
    assert in_west.department.code == "water-sewer"  # the type's city-wide default


def test_a_line_or_area_is_placed_in_the_district_of_its_representative_point(city):

    east_water = route_to("water_leak", city["east"])
    pipe = LineString(point(100, 0), point(900, 0), srid=point(0, 0).srid)
    area = rectangle(-900, -100, 200, 200)[0]
    line_incident = incident_create(user=None, incident_type=incident_type(), geom=pipe)
    area_incident = incident_create(user=None, incident_type=incident_type(), geom=area)
    assert line_incident.department == east_water
    assert area_incident.district == city["west"]


def test_the_department_can_be_changed_with_one_event(city):
    other = route_to("road_damage", city["west"])
    incident = make_incident(500, 0)
    incident_update(user=None, incident=incident, department=other, comment="roads own it")
    incident.refresh_from_db()
    assert incident.department == other
    event = incident.events.order_by("id").last()
    assert (event.kind, event.comment) == ("updated", "roads own it")
    assert event.data["changes"]["department"][1] == other.pk


def test_a_location_outside_the_city_is_refused_and_nothing_is_written(city):
    with pytest.raises(OutsideCityError):
        make_incident(5000, 0)
    assert not Incident.objects.exists()


def test_without_a_city_area_the_deployment_envelope_decides():
    make_incident(0, 0)  # Tashkent is inside Uzbekistan's envelope
    with pytest.raises(OutsideCityError):
        incident_create(
            user=None, incident_type=incident_type(), geom=Point(2.35, 48.85, srid=4326)
        )


def test_geometry_of_the_wrong_kind_or_invalid_is_refused(city):
    with pytest.raises(InvalidGeometryError, match="one of"):
        incident_create(user=None, incident_type=incident_type(), geom=MultiPoint(point(0, 0)))
    bow_tie = Polygon(
        (
            (point(0, 0).x, point(0, 0).y),
            (point(10, 10).x, point(10, 10).y),
            (point(10, 0).x, point(10, 0).y),
            (point(0, 10).x, point(0, 10).y),
            (point(0, 0).x, point(0, 0).y),
        ),
        srid=point(0, 0).srid,
    )
    with pytest.raises(InvalidGeometryError, match="not a valid geometry"):
        incident_create(user=None, incident_type=incident_type(), geom=bow_tie)


# --- SLA ---------------------------------------------------------------------------------------


def test_the_due_time_comes_from_the_type(city):
    incident = make_incident(100, 0, code="gas_leak")
    assert incident.sla_due_at - incident.created_at == timedelta(hours=2)


def test_on_hold_pauses_the_sla_clock_and_moves_the_due_time_by_the_pause(city):
    # given an assigned incident put on hold three hours ago
    incident = make_incident(100, 0)
    transition(None, incident, State.ASSIGNED)
    transition(None, incident, State.ON_HOLD, comment="waiting for a permit")
    incident.refresh_from_db()
    due_before = incident.sla_due_at
    Incident.objects.filter(pk=incident.pk).update(
        on_hold_since=incident.on_hold_since - timedelta(hours=3)
    )
    # when it resumes
    incident = transition(None, incident, State.IN_PROGRESS)
    # then the due time moved three hours later and the pause is recorded
    assert incident.sla_due_at - due_before == pytest.approx(
        timedelta(hours=3), abs=timedelta(seconds=5)
    )
    assert 3 * 3600 <= incident.sla_paused_seconds <= 3 * 3600 + 5
    assert incident.on_hold_since is None
    assert incident.events.order_by("id").last().data["paused_seconds"] >= 3 * 3600


def test_an_incident_on_hold_is_never_overdue_but_one_past_due_is(city):
    late = backdate(make_incident(100, 0), hours=48)
    held = backdate(make_incident(200, 0), hours=48)
    Incident.objects.filter(pk=held.pk).update(state=State.ON_HOLD, on_hold_since=timezone.now())
    flags = dict(with_flags(Incident.objects.all()).values_list("pk", "is_overdue"))
    assert flags == {late.pk: True, held.pk: False}


# --- Resolution, dispute -----------------------------------------------------------------------


def _resolved_with_appeal(citizen, code: str = "fixed") -> tuple[Incident, Appeal]:
    appeal = appeal_file(
        user=citizen, category=incident_type(), geom=lonlat(100, 0), text="Water on the street"
    )
    incident = appeal_triage(user=None, appeal=appeal)
    transition(None, incident, State.ASSIGNED)
    transition(None, incident, State.RESOLVED, resolution_code=code)
    appeal.refresh_from_db()
    return Incident.objects.get(pk=incident.pk), appeal


def test_resolving_needs_a_code_and_closing_keeps_it(city):
    incident = make_incident(100, 0)
    transition(None, incident, State.ASSIGNED)
    with pytest.raises(InvalidInputError, match="resolution_code"):
        transition(None, incident, State.RESOLVED)
    with pytest.raises(InvalidInputError, match="Unknown resolution_code"):
        transition(None, incident, State.RESOLVED, resolution_code="done")
    transition(None, incident, State.RESOLVED, resolution_code="not_reproducible")
    closed = transition(None, incident, State.CLOSED)
    assert (closed.state, closed.resolution_code) == ("closed", "not_reproducible")
    # "closed" is never "fixed": fixed ones are counted by their code
    assert not Incident.objects.filter(resolution_code="fixed").exists()


def test_the_appellant_disputes_a_resolution_and_it_reopens(city):
    citizen = make_user(roles=["citizen"])
    _incident, appeal = _resolved_with_appeal(citizen)
    reopened = incident_dispute(user=citizen, appeal=appeal, comment="Still leaking")
    assert (reopened.state, reopened.resolution_code, reopened.resolved_at) == (
        "assigned",
        "",
        None,
    )
    event = reopened.events.order_by("id").last()
    assert (event.kind, event.from_state, event.to_state, event.actor) == (
        "disputed",
        "resolved",
        "assigned",
        citizen,
    )
    assert event.data["disputed_resolution_code"] == "fixed"


def test_a_closed_incident_can_still_be_disputed_within_the_window(city):
    citizen = make_user(roles=["citizen"])
    incident, appeal = _resolved_with_appeal(citizen)
    transition(None, incident, State.CLOSED)
    assert incident_dispute(user=citizen, appeal=appeal, comment="No").state == "assigned"


def test_a_dispute_after_the_window_is_refused(city, settings):
    settings.MAKON_SITUATION_DISPUTE_DAYS = 7
    citizen = make_user(roles=["citizen"])
    incident, appeal = _resolved_with_appeal(citizen)
    Incident.objects.filter(pk=incident.pk).update(resolved_at=timezone.now() - timedelta(days=8))
    with pytest.raises(DisputeNotAllowedError, match="within 7 days"):
        incident_dispute(user=citizen, appeal=appeal, comment="Still leaking")
    assert Incident.objects.get(pk=incident.pk).state == "resolved"


def test_only_the_appellant_may_dispute_and_only_a_resolution(city):
    citizen = make_user(roles=["citizen"])
    stranger = make_user(roles=["citizen"])
    _incident, appeal = _resolved_with_appeal(citizen)
    with pytest.raises(NotFoundError):
        incident_dispute(user=stranger, appeal=appeal, comment="Mine too")
    incident_dispute(user=citizen, appeal=appeal, comment="Still leaking")
    with pytest.raises(DisputeNotAllowedError, match="only a resolution"):
        incident_dispute(user=citizen, appeal=appeal, comment="again")


# --- Escalation --------------------------------------------------------------------------------


def test_a_critical_incident_is_escalated_when_reported(city):
    incident = make_incident(100, 0, code="gas_leak")  # default severity 4
    assert incident.escalated
    assert kinds(incident) == ["created", "escalated"]
    assert incident.events.get(kind="escalated").data["reason"] == "severity"


def test_the_escalation_command_flags_overdue_incidents_once(city):
    # given one overdue, one on time, one overdue but on hold
    overdue = backdate(make_incident(100, 0), hours=30)
    on_time = make_incident(200, 0)
    held = backdate(make_incident(300, 0), hours=30)
    Incident.objects.filter(pk=held.pk).update(state=State.ON_HOLD, on_hold_since=timezone.now())
    # when the command runs twice
    output = io.StringIO()
    call_command("situation_escalate", stdout=output)
    call_command("situation_escalate", stdout=output)
    assert output.getvalue().splitlines() == [
        "1 incident(s) escalated.",
        "0 incident(s) escalated.",
    ]
    # then only the overdue one is escalated, with exactly one event
    escalated = set(Incident.objects.filter(escalated=True).values_list("pk", flat=True))
    assert escalated == {overdue.pk}
    assert IncidentEvent.objects.filter(kind="escalated").count() == 1
    assert escalate_due() == []
    assert not Incident.objects.get(pk=on_time.pk).escalated


def test_overdue_shows_as_needing_escalation_before_the_command_runs(city):
    overdue = backdate(make_incident(100, 0), hours=30)
    row = with_flags(Incident.objects.filter(pk=overdue.pk)).get()
    assert (row.escalated, row.is_overdue, row.needs_escalation) == (False, True, True)


def test_the_department_head_is_named_on_the_escalation(city):
    head = make_user()
    incident = make_incident(100, 0)
    incident.department.head = head
    incident.department.save()
    backdate(incident, hours=30)
    escalate_due()
    assert incident.events.get(kind="escalated").data["department_head"] == head.pk


# --- Duplicates --------------------------------------------------------------------------------


def test_an_appeal_near_an_open_incident_of_the_same_type_is_offered_as_duplicate(city, settings):
    settings.MAKON_SITUATION_DUPLICATE_RADIUS_M = 100
    settings.MAKON_SITUATION_DUPLICATE_WINDOW_HOURS = 48
    near = make_incident(100, 0)
    nearer = make_incident(130, 0)
    make_incident(300, 0)  # 200 m away: too far
    make_incident(110, 0, code="road_damage")  # other type
    old = backdate(make_incident(120, 0), hours=72)  # outside the time window
    closed = make_incident(115, 0)
    transition(None, closed, State.CANCELLED)
    appeal = appeal_file(user=None, category=incident_type(), geom=lonlat(140, 0), text="Leak")
    found = appeal_duplicates(appeal=appeal)
    assert [c.incident.pk for c in found] == [nearer.pk, near.pk]
    assert found[0].distance_m == pytest.approx(10, abs=0.5)
    assert found[1].distance_m == pytest.approx(40, abs=0.5)
    assert old.pk not in [c.incident.pk for c in found]


def test_a_suggested_duplicate_is_linked_and_several_appeals_hang_on_one_incident(city):
    incident = make_incident(100, 0)
    first = appeal_file(user=None, category=incident_type(), geom=lonlat(101, 0), text="Leak")
    second = appeal_file(user=None, category=incident_type(), geom=lonlat(99, 0), text="Leak!")
    for appeal in (first, second):
        (candidate,) = appeal_duplicates(appeal=appeal)
        appeal_triage(user=None, appeal=appeal, incident=candidate.incident)
    assert set(incident.appeals.values_list("pk", flat=True)) == {first.pk, second.pk}
    assert kinds(incident) == ["created", "appeal_linked", "appeal_linked"]


def test_duplicate_distance_is_measured_in_metres_for_lines_too(city):
    line = LineString(point(0, 0), point(1000, 0), srid=point(0, 0).srid)
    pipe = incident_create(user=None, incident_type=incident_type(), geom=line)
    found = duplicate_candidates(incident_type=incident_type(), geom=point(500, 50))
    assert [c.incident.pk for c in found] == [pipe.pk]
    assert found[0].distance_m == pytest.approx(50, abs=0.5)


# --- Triage ------------------------------------------------------------------------------------


def test_triage_into_a_new_incident(city):
    operator = make_user(roles=["operator"])
    appeal = appeal_file(
        user=None, category=incident_type(), geom=lonlat(500, 0), text="Leak", address="Navoi 1"
    )
    incident = appeal_triage(user=operator, appeal=appeal, severity=2, comment="crew informed")
    appeal.refresh_from_db()
    assert (appeal.state, appeal.incident, appeal.triaged_by) == ("linked", incident, operator)
    assert (incident.state, incident.severity, incident.address, incident.description) == (
        "triaged",
        2,
        "Navoi 1",
        "Leak",
    )
    assert kinds(incident) == ["created", "appeal_linked", "transition"]


def test_an_appeal_is_triaged_once(city):
    appeal = appeal_file(user=None, category=incident_type(), geom=lonlat(500, 0), text="Leak")
    appeal_triage(user=None, appeal=appeal)
    with pytest.raises(AppealAlreadyTriagedError):
        appeal_triage(user=None, appeal=appeal)
    with pytest.raises(AppealAlreadyTriagedError):
        appeal_reject(user=None, appeal=appeal, comment="spam")


def test_an_appeal_cannot_join_a_finished_incident(city):
    incident = make_incident(100, 0)
    transition(None, incident, State.CANCELLED)
    appeal = appeal_file(user=None, category=incident_type(), geom=lonlat(100, 0), text="Leak")
    with pytest.raises(IllegalTransitionError):
        appeal_triage(user=None, appeal=appeal, incident=incident)
    appeal.refresh_from_db()
    assert appeal.state == "submitted"


def test_a_rejected_appeal_tells_why(city):
    appeal = appeal_file(user=None, category=incident_type(), geom=lonlat(100, 0), text="x")
    with pytest.raises(InvalidInputError):
        appeal_reject(user=None, appeal=appeal, comment="  ")
    appeal = appeal_reject(user=None, appeal=appeal, comment="Not a city matter")
    assert (appeal.state, appeal.triage_comment) == ("rejected", "Not a city matter")
