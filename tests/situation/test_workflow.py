"""The incident state machine: every (from, to) pair, legal or not, through the service."""

from datetime import timedelta

import pytest
from django.utils import timezone

from situation import workflow
from situation.errors import IllegalTransitionError
from situation.models import Incident, IncidentEvent, State
from situation.services import transition
from tests.situation.helpers import make_city, make_incident

pytestmark = pytest.mark.django_db

EXPECTED_LEGAL = {
    ("new", "triaged"),
    ("new", "assigned"),
    ("new", "rejected"),
    ("new", "duplicate"),
    ("new", "cancelled"),
    ("triaged", "assigned"),
    ("triaged", "on_hold"),
    ("triaged", "rejected"),
    ("triaged", "duplicate"),
    ("triaged", "cancelled"),
    ("assigned", "in_progress"),
    ("assigned", "on_hold"),
    ("assigned", "resolved"),
    ("assigned", "duplicate"),
    ("assigned", "cancelled"),
    ("in_progress", "resolved"),
    ("in_progress", "on_hold"),
    ("in_progress", "cancelled"),
    ("on_hold", "triaged"),
    ("on_hold", "assigned"),
    ("on_hold", "in_progress"),
    ("on_hold", "cancelled"),
    ("resolved", "closed"),
}
ALL_PAIRS = [(a, b) for a in State.values for b in State.values]


def put_in_state(incident: Incident, state: str) -> Incident:
    """Place `incident` in `state` directly, with the columns that state carries."""
    fields = {"state": state, "on_hold_since": None, "resolution_code": "", "resolved_at": None}
    if state == State.ON_HOLD:
        fields["on_hold_since"] = timezone.now() - timedelta(hours=1)
    if state in {State.RESOLVED, State.CLOSED}:
        fields["resolution_code"] = "fixed"
        fields["resolved_at"] = timezone.now()
    Incident.objects.filter(pk=incident.pk).update(**fields)
    incident.refresh_from_db()
    return incident


def arguments_for(to_state: str, other: Incident) -> dict:
    if to_state == State.RESOLVED:
        return {"resolution_code": "fixed"}
    if to_state == State.DUPLICATE:
        return {"duplicate_of": other}
    return {}


def test_the_table_is_the_documented_machine():
    table = {(a, b) for a, targets in workflow.TRANSITIONS.items() for b in targets}
    assert table == EXPECTED_LEGAL
    assert set(workflow.TRANSITIONS) == set(State.values)


@pytest.mark.parametrize(("from_state", "to_state"), ALL_PAIRS)
def test_every_transition_is_allowed_or_refused_as_the_table_says(from_state, to_state):
    # given
    make_city()
    original = make_incident(100, 100)
    incident = put_in_state(make_incident(120, 100), from_state)
    events_before = IncidentEvent.objects.filter(incident=incident).count()
    # when / then
    if (from_state, to_state) in EXPECTED_LEGAL:
        changed = transition(
            None, incident, to_state, comment="ok", **arguments_for(to_state, original)
        )
        assert changed.state == to_state
        events = list(IncidentEvent.objects.filter(incident=incident).order_by("id"))
        assert len(events) == events_before + 1
        last = events[-1]
        assert (last.kind, last.from_state, last.to_state, last.comment) == (
            "transition",
            from_state,
            to_state,
            "ok",
        )
    else:
        with pytest.raises(IllegalTransitionError) as caught:
            transition(None, incident, to_state, **arguments_for(to_state, original))
        assert caught.value.status_code == 409
        assert from_state in str(caught.value)
        assert to_state in str(caught.value)
        incident.refresh_from_db()
        assert incident.state == from_state
        assert IncidentEvent.objects.filter(incident=incident).count() == events_before
