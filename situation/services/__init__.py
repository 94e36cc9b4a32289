"""Situation centre use cases (writes). Each is one transaction; see the modules for details."""

from situation.services.appeals import appeal_file, appeal_reject, appeal_triage
from situation.services.incidents import (
    escalate_due,
    incident_create,
    incident_dispute,
    incident_escalate,
    incident_lock,
    incident_update,
    should_escalate,
    transition,
)
from situation.services.routing import department_for

__all__ = [
    "appeal_file",
    "appeal_reject",
    "appeal_triage",
    "department_for",
    "escalate_due",
    "incident_create",
    "incident_dispute",
    "incident_escalate",
    "incident_lock",
    "incident_update",
    "should_escalate",
    "transition",
]
