"""Incident use cases: report, change details, move through the state machine, dispute, escalate.

Each function is one transaction that locks the incident and appends exactly one event per
change, so the event table stays the complete history and the live feed's source.
"""

from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.contrib.gis.geos import GEOSGeometry
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.exceptions import InvalidInputError, NotFoundError
from situation import conf, workflow
from situation.errors import DisputeNotAllowedError, IllegalTransitionError
from situation.location import district_of, ensure_in_city, to_storage
from situation.models import (
    OPEN_STATES,
    Appeal,
    Department,
    Incident,
    IncidentEvent,
    IncidentType,
    ResolutionCode,
    State,
)
from situation.services.events import actor_or_none, event_append
from situation.services.routing import department_for

Kind = IncidentEvent.Kind

DESCRIPTION_MAX_LENGTH = 5000
COMMENT_MAX_LENGTH = 2000
# How the length messages name the texts they check.
_FIELD_NAMES = {
    "address": gettext_lazy("address"),
    "description": gettext_lazy("description"),
    "comment": gettext_lazy("comment"),
}


def incident_lock(*, incident_id: int) -> Incident:
    """The incident row, locked until the transaction ends (the one place incidents are locked)."""
    try:
        return Incident.objects.select_for_update(of=("self",)).get(pk=incident_id)
    except Incident.DoesNotExist:
        raise NotFoundError(_("No such incident.")) from None


def _clean_text(value: str, *, name: str, max_length: int) -> str:
    text = (value or "").strip()
    if len(text) > max_length:
        raise InvalidInputError(
            _("The %(name)s is longer than %(limit)s characters.")
            % {"name": _FIELD_NAMES.get(name, name), "limit": max_length}
        )
    return text


def _check_severity(severity: int) -> int:
    if not isinstance(severity, int) or isinstance(severity, bool) or not 1 <= severity <= 4:
        raise InvalidInputError(
            _("The severity must be a whole number from 1 (low) to 4 (critical).")
        )
    return severity


def should_escalate(incident: Incident, *, now: datetime) -> str:
    """Why `incident` must be raised to its department's head now ("" when it need not be)."""
    if incident.escalated or incident.state not in OPEN_STATES:
        return ""
    if incident.severity >= conf.escalate_severity():
        return "severity"
    if incident.state != State.ON_HOLD and incident.sla_due_at < now:
        return "overdue"
    return ""


def _escalate(incident: Incident, *, actor: User | None, reason: str, comment: str = "") -> None:
    now = timezone.now()
    incident.escalated = True
    incident.escalated_at = now
    incident.updated_at = now
    incident.save(update_fields=["escalated", "escalated_at", "updated_at"])
    head = incident.department.head if incident.department_id else None
    event_append(
        incident=incident,
        actor=actor,
        kind=Kind.ESCALATED,
        from_state=incident.state,
        comment=comment,
        data={"reason": reason, "department_head": head.pk if head else None},
        at=now,
    )
    if head is not None and head.email:
        from situation.services.notify import escalation_mail_send

        transaction.on_commit(lambda: escalation_mail_send(incident_id=incident.pk, to=head.email))


def _escalate_if_due(incident: Incident, *, now: datetime) -> bool:
    """Escalate `incident` when it is now past its SLA or severe enough; whether it was."""
    if reason := should_escalate(incident, now=now):
        _escalate(incident, actor=None, reason=reason)
        return True
    return False


def _save_with_event(
    incident: Incident,
    *,
    actor: User | AnonymousUser | None,
    kind: str,
    from_state: str,
    comment: str,
    data: dict[str, Any],
    now: datetime,
) -> None:
    """Save the changed incident and append the event that says what changed, at one moment."""
    incident.updated_at = now
    incident.save()
    event_append(
        incident=incident,
        actor=actor,
        kind=kind,
        from_state=from_state,
        to_state=incident.state,
        comment=comment,
        data=data,
        at=now,
    )


@transaction.atomic
def incident_create(
    *,
    user: User | AnonymousUser | None,
    incident_type: IncidentType,
    geom: GEOSGeometry,
    severity: int | None = None,
    address: str = "",
    description: str = "",
    department: Department | None = None,
) -> Incident:
    """Report an incident: district from the location, department routed, SLA from the type."""
    if not incident_type.is_active:
        raise InvalidInputError(
            _("The incident type %(code)s is no longer in use.")
            % {"code": repr(incident_type.code)}
        )
    stored = to_storage(geom)
    ensure_in_city(stored)
    district = district_of(stored)
    now = timezone.now()
    incident = Incident.objects.create(
        incident_type=incident_type,
        severity=_check_severity(incident_type.default_severity if severity is None else severity),
        state=State.NEW,
        geom=stored,
        address=_clean_text(address, name="address", max_length=300),
        description=_clean_text(description, name="description", max_length=DESCRIPTION_MAX_LENGTH),
        department=department or department_for(incident_type=incident_type, district=district),
        district=district,
        sla_due_at=now + timedelta(hours=incident_type.sla_hours),
        created_by=actor_or_none(user),
        created_at=now,
        updated_at=now,
    )
    event_append(
        incident=incident,
        actor=user,
        kind=Kind.CREATED,
        to_state=State.NEW,
        data={
            "type": incident_type.code,
            "severity": incident.severity,
            "department": incident.department_id,
            "district": incident.district_id,
        },
        at=now,
    )
    _escalate_if_due(incident, now=now)
    return incident


@transaction.atomic
def incident_update(
    *,
    user: User | AnonymousUser | None,
    incident: Incident,
    department: Department | None = None,
    severity: int | None = None,
    address: str | None = None,
    description: str | None = None,
    comment: str = "",
) -> Incident:
    """Change an incident's department, severity, address or description (one event)."""
    incident = incident_lock(incident_id=incident.pk)
    if incident.state not in OPEN_STATES:
        raise IllegalTransitionError(
            _("Incident %(number)s is %(state)s; only open incidents can be changed.")
            % {"number": incident.number, "state": incident.state}
        )
    changes: dict[str, list[object]] = {}
    if department is not None and department.pk != incident.department_id:
        changes["department"] = [incident.department_id, department.pk]
        incident.department = department
    if severity is not None and _check_severity(severity) != incident.severity:
        changes["severity"] = [incident.severity, severity]
        incident.severity = severity
    if address is not None:
        address = _clean_text(address, name="address", max_length=300)
        if address != incident.address:
            changes["address"] = [incident.address, address]
            incident.address = address
    if description is not None:
        description = _clean_text(
            description, name="description", max_length=DESCRIPTION_MAX_LENGTH
        )
        if description != incident.description:
            changes["description"] = [None, None]
            incident.description = description
    if not changes:
        return incident
    now = timezone.now()
    _save_with_event(
        incident,
        actor=user,
        kind=Kind.UPDATED,
        from_state=incident.state,
        comment=_clean_text(comment, name="comment", max_length=COMMENT_MAX_LENGTH),
        data={"changes": changes},
        now=now,
    )
    _escalate_if_due(incident, now=now)
    return incident


def _check_resolution(to_state: str, resolution_code: str | None) -> str:
    code = (resolution_code or "").strip()
    if to_state == State.RESOLVED:
        if not code:
            names = ", ".join(sorted(workflow.RESOLVE_CODES))
            raise InvalidInputError(
                _("A resolution needs a resolution_code: one of %(codes)s.") % {"codes": names}
            )
        if code not in workflow.RESOLVE_CODES:
            names = ", ".join(sorted(workflow.RESOLVE_CODES))
            raise InvalidInputError(
                _("Unknown resolution_code %(code)s: use one of %(codes)s.")
                % {"code": repr(code), "codes": names}
            )
        return code
    if to_state == State.REJECTED:
        if code and code not in workflow.REJECT_CODES:
            names = ", ".join(sorted(workflow.REJECT_CODES))
            raise InvalidInputError(
                _("A rejection's resolution_code is one of %(codes)s.") % {"codes": names}
            )
        return code
    if to_state == State.DUPLICATE:
        return ResolutionCode.DUPLICATE
    if code:
        raise InvalidInputError(_("A resolution_code is only given when resolving or rejecting."))
    return ""


@transaction.atomic
def transition(
    user: User | AnonymousUser | None,
    incident: Incident,
    to_state: str,
    *,
    comment: str = "",
    resolution_code: str | None = None,
    department: Department | None = None,
    duplicate_of: Incident | None = None,
) -> Incident:
    """Move `incident` to `to_state`; an illegal move raises IllegalTransitionError (409).

    Leaving on_hold moves the SLA due time later by the time spent on hold. Resolving needs a
    resolution code; marking a duplicate needs the incident it duplicates; assigning needs a
    department (the routed one unless another is given).
    """
    if to_state not in State.values:
        names = ", ".join(State.values)
        raise InvalidInputError(
            _("Unknown state %(state)s: use one of %(states)s.")
            % {"state": repr(to_state), "states": names}
        )
    comment = _clean_text(comment, name="comment", max_length=COMMENT_MAX_LENGTH)
    incident = incident_lock(incident_id=incident.pk)
    from_state = incident.state
    if not workflow.is_legal(from_state, to_state):
        allowed = ", ".join(workflow.allowed_targets(from_state)) or _("none")
        raise IllegalTransitionError(
            _(
                "Incident %(number)s cannot go from %(from)s to %(to)s "
                "(allowed from %(from)s: %(allowed)s)."
            )
            % {"number": incident.number, "from": from_state, "to": to_state, "allowed": allowed}
        )
    code = _check_resolution(to_state, resolution_code)
    now = timezone.now()
    data: dict[str, object] = {}

    if to_state == State.DUPLICATE:
        if duplicate_of is None:
            raise InvalidInputError(_("Name the incident this one duplicates (duplicate_of)."))
        if duplicate_of.pk == incident.pk:
            raise InvalidInputError(_("An incident cannot duplicate itself."))
        if duplicate_of.state == State.DUPLICATE:
            raise InvalidInputError(
                _("%(number)s is itself a duplicate; name the incident it duplicates.")
                % {"number": duplicate_of.number}
            )
        incident.duplicate_of = duplicate_of
        data["duplicate_of"] = duplicate_of.pk
    elif duplicate_of is not None:
        raise InvalidInputError(_("duplicate_of is only given when marking a duplicate."))

    if department is not None and department.pk != incident.department_id:
        if to_state != State.ASSIGNED:
            raise InvalidInputError(
                _("A department is given when assigning (or through an update).")
            )
        data["department"] = [incident.department_id, department.pk]
        incident.department = department
    if to_state == State.ASSIGNED and incident.department_id is None:
        raise InvalidInputError(_("No department is routed for this incident; name one to assign."))

    if from_state == State.ON_HOLD:
        paused = max(0, int((now - incident.on_hold_since).total_seconds()))
        incident.sla_due_at += timedelta(seconds=paused)
        incident.sla_paused_seconds += paused
        incident.on_hold_since = None
        data["paused_seconds"] = paused
    if to_state == State.ON_HOLD:
        incident.on_hold_since = now

    if to_state in {State.RESOLVED, State.REJECTED, State.DUPLICATE}:
        incident.resolution_code = code
        incident.resolved_at = now
        if code:
            data["resolution_code"] = code
    incident.state = to_state
    _save_with_event(
        incident,
        actor=user,
        kind=Kind.TRANSITION,
        from_state=from_state,
        comment=comment,
        data=data,
        now=now,
    )
    _tell_appellants(incident)
    return incident


def _tell_appellants(incident: Incident) -> None:
    from situation.services.notify import appellants_mail_send

    incident_id = incident.pk
    transaction.on_commit(lambda: appellants_mail_send(incident_id=incident_id))


@transaction.atomic
def incident_dispute(*, user: User, appeal: Appeal, comment: str) -> Incident:
    """The appellant disputes the resolution of the incident their appeal hangs on: reopened.

    Allowed within conf.dispute_days() of the resolution. The incident goes back to its
    department (assigned), or to triage when it has none; the original SLA due time stands.
    """
    if appeal.citizen_id is None or appeal.citizen_id != user.pk:
        raise NotFoundError(_("No such appeal."))
    comment = _clean_text(comment, name="comment", max_length=COMMENT_MAX_LENGTH)
    if not comment:
        raise InvalidInputError(_("Say why the resolution is wrong (comment)."))
    if appeal.incident_id is None:
        raise DisputeNotAllowedError(_("This appeal has not been taken into an incident yet."))
    incident = incident_lock(incident_id=appeal.incident_id)
    if incident.state not in workflow.DISPUTABLE_STATES:
        raise DisputeNotAllowedError(
            _("Incident %(number)s is %(state)s: only a resolution can be disputed.")
            % {"number": incident.number, "state": incident.state}
        )
    now = timezone.now()
    deadline = incident.resolved_at + timedelta(days=conf.dispute_days())
    if now > deadline:
        raise DisputeNotAllowedError(
            _(
                "A resolution can be disputed within %(days)s days; "
                "this one could be disputed until %(deadline)s."
            )
            % {"days": conf.dispute_days(), "deadline": f"{deadline:%Y-%m-%d}"}
        )
    from_state = incident.state
    to_state = State.ASSIGNED if incident.department_id else State.TRIAGED
    disputed_code = incident.resolution_code
    incident.state = to_state
    incident.resolution_code = ""
    incident.resolved_at = None
    _save_with_event(
        incident,
        actor=user,
        kind=Kind.DISPUTED,
        from_state=from_state,
        comment=comment,
        data={"appeal": appeal.pk, "disputed_resolution_code": disputed_code},
        now=now,
    )
    _escalate_if_due(incident, now=now)
    return incident


@transaction.atomic
def incident_escalate(
    *, user: User | AnonymousUser | None, incident: Incident, comment: str = ""
) -> Incident:
    """An operator raises an open incident to its department's head (once)."""
    incident = incident_lock(incident_id=incident.pk)
    if incident.state not in OPEN_STATES:
        raise IllegalTransitionError(
            _("Incident %(number)s is %(state)s; only open incidents are escalated.")
            % {"number": incident.number, "state": incident.state}
        )
    if incident.escalated:
        raise IllegalTransitionError(
            _("Incident %(number)s is already escalated.") % {"number": incident.number}
        )
    _escalate(
        incident,
        actor=actor_or_none(user),
        reason="operator",
        comment=_clean_text(comment, name="comment", max_length=COMMENT_MAX_LENGTH),
    )
    return incident


def escalate_due(*, now: datetime | None = None) -> list[int]:
    """Escalate every open incident past its SLA or at the escalation severity; their ids.

    Idempotent: an escalated incident is skipped, and each is re-checked under its lock, so two
    runs at once raise nothing twice. One short transaction per incident.
    """
    now = now or timezone.now()
    candidates = (
        Incident.objects.filter(escalated=False, state__in=OPEN_STATES)
        .filter(
            Q(severity__gte=conf.escalate_severity())
            | (Q(sla_due_at__lt=now) & ~Q(state=State.ON_HOLD))
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    escalated: list[int] = []
    for incident_id in list(candidates):
        with transaction.atomic():
            incident = incident_lock(incident_id=incident_id)
            if _escalate_if_due(incident, now=now):
                escalated.append(incident_id)
    return escalated
