"""Reads of the operator console: the live feed's payload, the district dashboard and what
surrounds a selected incident.

Visibility is decided once, in situation.access / situation.selectors (by role and district);
everything here starts from those querysets.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q
from django.utils import timezone
from django.utils.translation import get_language

from gis.models import AdminArea
from situation import spatial
from situation.access import operator_district_ids
from situation.api.serializers import AppealSerializer, IncidentFeatureSerializer
from situation.models import OPEN_STATES, Incident, IncidentEvent
from situation.selectors import (
    appeal_list_to_triage,
    appeals_visible_to,
    incident_get_for_user,
    incident_list_for_user,
    overdue_q,
)

#: Resolution times are averaged over incidents resolved in this many past days.
MEAN_RESOLVE_DAYS = 30


def localized_name(obj: Any) -> str:
    """`obj.name_<language>` for the active language, falling back to the Uzbek name."""
    if obj is None:
        return ""
    language = (get_language() or "uz").split("-")[0]
    return getattr(obj, f"name_{language}", "") or obj.name_uz


def incident_features_by_id(
    *, user: User | AnonymousUser, incident_ids: list[int]
) -> dict[int, dict[str, Any]]:
    """The incidents `incident_ids` that `user` may see, as the incident API's features."""
    incidents = incident_list_for_user(user=user).filter(pk__in=incident_ids)
    return {row.pk: IncidentFeatureSerializer(row).data for row in incidents}


def _event_data(event: IncidentEvent) -> dict[str, Any]:
    actor = event.actor
    return {
        "id": event.pk,
        "incident": event.incident_id,
        "kind": event.kind,
        "kind_label": str(IncidentEvent.Kind(event.kind).label),
        "from_state": event.from_state,
        "to_state": event.to_state,
        "at": event.at.isoformat(),
        "actor": (actor.get_full_name() or actor.get_username()) if actor else "",
        "comment": event.comment,
    }


def stream_payloads(
    user: User | AnonymousUser, events: list[IncidentEvent]
) -> list[dict[str, Any]]:
    """The live feed's message for each event: the event and its incident as it is now."""
    features = incident_features_by_id(
        user=user, incident_ids=sorted({event.incident_id for event in events})
    )
    actors = {
        u.pk: u for u in User.objects.filter(pk__in={e.actor_id for e in events if e.actor_id})
    }
    payloads = []
    for event in events:
        event.actor = actors.get(event.actor_id)
        payloads.append({"event": _event_data(event), "incident": features.get(event.incident_id)})
    return payloads


#: Appeals waiting for triage sent to a console at most (oldest first).
APPEAL_QUEUE_LIMIT = 500


def appeal_payloads(
    user: User | AnonymousUser, appeal_ids: list[int] | None
) -> list[dict[str, Any]]:
    """Appeals `appeal_ids` the operator may see, as the appeal API shows them; None: the queue
    of submitted appeals waiting for triage."""
    if appeal_ids is None:
        appeals = appeal_list_to_triage(user=user)[:APPEAL_QUEUE_LIMIT]
    else:
        wanted = list(dict.fromkeys(appeal_ids))
        found = {
            appeal.pk: appeal
            for appeal in appeals_visible_to(user)
            .filter(pk__in=wanted)
            .select_related("category", "incident")
        }
        appeals = [found[pk] for pk in wanted if pk in found]
    return list(AppealSerializer(appeals, many=True).data)


# --- Dashboard -----------------------------------------------------------------------------


@dataclass(frozen=True)
class DistrictFigures:
    """What the dashboard shows for one district (district None: outside every district)."""

    district_id: int | None
    name: str
    open: int
    overdue: int
    escalated: int
    resolved_today: int
    fixed_today: int
    mean_hours_to_resolve: float | None


def _start_of_today(now: datetime) -> datetime:
    local = timezone.localtime(now)
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


def district_dashboard(
    *, user: User | AnonymousUser, now: datetime | None = None
) -> list[DistrictFigures]:
    """Per district the operator may see: open, overdue and escalated incidents, those resolved
    (and fixed) since local midnight, and the mean hours from report to resolution over the last
    MEAN_RESOLVE_DAYS days. Overdue districts first."""
    now = now or timezone.now()
    today = _start_of_today(now)
    recent = now - timedelta(days=MEAN_RESOLVE_DAYS)
    open_q = Q(state__in=sorted(OPEN_STATES))
    rows = (
        incident_list_for_user(user=user)
        .order_by()
        .values("district_id")
        .annotate(
            open=Count("id", filter=open_q),
            overdue=Count("id", filter=overdue_q(now)),
            escalated=Count("id", filter=open_q & Q(escalated=True)),
            resolved_today=Count("id", filter=Q(resolved_at__gte=today)),
            fixed_today=Count("id", filter=Q(resolved_at__gte=today, resolution_code="fixed")),
            mean_to_resolve=Avg(
                ExpressionWrapper(F("resolved_at") - F("created_at"), output_field=DurationField()),
                filter=Q(resolved_at__gte=recent),
            ),
        )
    )
    by_district = {row["district_id"]: row for row in rows}
    allowed = operator_district_ids(user)
    districts = AdminArea.objects.filter(level=AdminArea.Level.DISTRICT).only(
        "id", "name_uz", "name_ru", "name_en"
    )
    if allowed is not None:
        districts = districts.filter(pk__in=allowed)
    figures = [
        _figures(district.pk, localized_name(district), by_district.get(district.pk))
        for district in districts
    ]
    if None in by_district:
        figures.append(_figures(None, "", by_district[None]))
    return sorted(figures, key=lambda f: (-f.overdue, -f.open, f.name))


def _figures(district_id: int | None, name: str, row: dict[str, Any] | None) -> DistrictFigures:
    row = row or {}
    mean = row.get("mean_to_resolve")
    return DistrictFigures(
        district_id=district_id,
        name=name,
        open=row.get("open", 0),
        overdue=row.get("overdue", 0),
        escalated=row.get("escalated", 0),
        resolved_today=row.get("resolved_today", 0),
        fixed_today=row.get("fixed_today", 0),
        mean_hours_to_resolve=None if mean is None else round(mean.total_seconds() / 3600, 1),
    )


# --- Around a selected incident ------------------------------------------------------------


@dataclass(frozen=True)
class IncidentSurroundings:
    """Cameras that see the incident, objects and holders around it, its network nearby."""

    incident: Incident
    cameras: list[spatial.CameraView]
    objects: spatial.AffectedObjects
    network: spatial.NearbyNetwork


def incident_surroundings(
    *,
    user: User | AnonymousUser,
    incident_id: int,
    radius_m: float,
    request: Any = None,
) -> IncidentSurroundings:
    """What surrounds an incident the operator may see (404 otherwise); metres throughout.

    The network searched is the one the incident's type concerns (a water leak: water mains),
    or every network when the type names none.
    """
    incident = incident_get_for_user(user=user, incident_id=incident_id)
    return IncidentSurroundings(
        incident=incident,
        cameras=spatial.cameras_seeing(incident.geom),
        objects=spatial.objects_near(
            incident.geom, radius_m, user, about=incident.number, request=request
        ),
        network=spatial.network_near(
            incident.geom, radius_m, incident.incident_type.network or None
        ),
    )
