"""Reads for the situation centre. Each selector takes the user and decides visibility itself:
an incident or appeal the user may not see is answered exactly like one that does not exist.

Flags are computed on read, so an overdue incident shows as overdue (and as needing escalation)
even before the periodic `situation_escalate` command has flagged it.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.models import AnonymousUser, User
from django.contrib.gis.db.models import GeometryField
from django.contrib.gis.geos import GEOSGeometry
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    OuterRef,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exceptions import NotFoundError
from core.geojson import geojson_4326
from core.params import MAX_DATABASE_ID, BBox, bbox_search_polygon
from gis.models import AdminArea
from situation import conf
from situation.access import incidents_visible_to, is_operator, operator_district_ids
from situation.models import (
    OPEN_STATES,
    Appeal,
    AppealState,
    Incident,
    IncidentEvent,
    IncidentType,
    State,
)

#: Open states in which the SLA clock runs (on hold pauses it).
_CLOCK_STATES = sorted(OPEN_STATES - {State.ON_HOLD})


class GeographyDistance(Func):
    """Distance in metres on the WGS 84 ellipsoid between two geometries of any CRS."""

    template = "ST_Distance(ST_Transform(%(expressions)s, 4326)::geography)"
    arg_joiner = ", 4326)::geography, ST_Transform("
    output_field = FloatField()
    arity = 2


def overdue_q(now: datetime | None = None) -> Q:
    """Open, clock running, and past the SLA due time (now() of the database by default)."""
    moment = now if now is not None else Now()
    return Q(state__in=_CLOCK_STATES, sla_due_at__lt=moment)


def with_flags(incidents: QuerySet[Incident], *, now: datetime | None = None) -> QuerySet[Incident]:
    """Annotate `is_overdue` and `needs_escalation` (stored flag or what escalation would do)."""
    overdue = overdue_q(now)
    return incidents.annotate(
        is_overdue=ExpressionWrapper(overdue, output_field=BooleanField()),
        needs_escalation=ExpressionWrapper(
            Q(escalated=True)
            | overdue
            | Q(state__in=sorted(OPEN_STATES), severity__gte=conf.escalate_severity()),
            output_field=BooleanField(),
        ),
    )


@dataclass(frozen=True)
class IncidentFilters:
    """What the operator list can be narrowed by; None = not filtered."""

    type_codes: tuple[str, ...] | None = None
    states: tuple[str, ...] | None = None
    district_id: int | None = None
    department_id: int | None = None
    overdue: bool | None = None
    bbox: BBox | None = None


def incident_list_for_user(
    *, user: User | AnonymousUser, filters: IncidentFilters | None = None
) -> QuerySet[Incident]:
    """Incidents the operator may see, filtered; overdue first, then most severe, soonest due."""
    filters = filters or IncidentFilters()
    incidents = (
        with_flags(incidents_visible_to(user))
        .annotate(geometry_geojson=geojson_4326())
        .select_related("incident_type", "department", "district")
    )
    if filters.type_codes:
        incidents = incidents.filter(incident_type__code__in=filters.type_codes)
    if filters.states:
        incidents = incidents.filter(state__in=filters.states)
    if filters.district_id is not None:
        incidents = incidents.filter(district_id=filters.district_id)
    if filters.department_id is not None:
        incidents = incidents.filter(department_id=filters.department_id)
    if filters.overdue is not None:
        incidents = incidents.filter(is_overdue=filters.overdue)
    if filters.bbox is not None:
        area = bbox_search_polygon(filters.bbox)
        if area is None:
            return incidents.none()
        incidents = incidents.filter(geom__intersects=area)
    return incidents.order_by("-is_overdue", "-severity", "sla_due_at", "-id")


def incident_get_for_user(*, user: User | AnonymousUser, incident_id: int) -> Incident:
    """One incident the operator may see; NotFoundError (404) for missing and not-yours alike."""
    if not 0 < incident_id <= MAX_DATABASE_ID:
        raise NotFoundError(_("No such incident."))
    incident = (
        with_flags(incidents_visible_to(user))
        .annotate(geometry_geojson=geojson_4326())
        .select_related("incident_type", "department", "district", "duplicate_of")
        .filter(pk=incident_id)
        .first()
    )
    if incident is None:
        raise NotFoundError(_("No such incident."))
    return incident


def incident_ids_visible_to(*, user: User | AnonymousUser, ids: list[int]) -> set[int]:
    """Those of `ids` the operator may see."""
    return set(incidents_visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))


def incident_events(*, incident: Incident, after_id: int | None = None) -> QuerySet[IncidentEvent]:
    """The incident's events in order (only after `after_id` when given)."""
    events = IncidentEvent.objects.filter(incident=incident).select_related("actor")
    if after_id is not None:
        events = events.filter(pk__gt=after_id)
    return events.order_by("id")


def district_counts(*, user: User | AnonymousUser) -> list[dict[str, object]]:
    """Open and overdue incidents per district the operator may see (no district: None)."""
    rows = (
        with_flags(incidents_visible_to(user))
        .filter(state__in=sorted(OPEN_STATES))
        .values("district_id", "district__name_uz")
        .annotate(open=Count("id"), overdue=Count("id", filter=overdue_q()))
        .order_by("district__name_uz")
    )
    return [
        {
            "district_id": row["district_id"],
            "district": row["district__name_uz"],
            "open": row["open"],
            "overdue": row["overdue"],
        }
        for row in rows
    ]


# --- Appeals -----------------------------------------------------------------------------------


def appeals_visible_to(user: User | AnonymousUser) -> QuerySet[Appeal]:
    """Appeals `user` may read: their own; an operator's, those in their districts too."""
    appeals = Appeal.objects.all()
    if is_operator(user):
        districts = operator_district_ids(user)
        if districts is None:
            return appeals
        in_district = AdminArea.objects.filter(pk__in=districts, geom__covers=OuterRef("geom"))
        return appeals.filter(
            Q(citizen_id=user.pk) | Q(Exists(in_district)) | Q(incident__district_id__in=districts)
        )
    if not user.is_authenticated:
        return appeals.none()
    return appeals.filter(citizen_id=user.pk)


def appeal_get_for_user(*, user: User | AnonymousUser, appeal_id: int) -> Appeal:
    """One appeal `user` may read; NotFoundError (404) for missing and not-yours alike."""
    if not 0 < appeal_id <= MAX_DATABASE_ID:
        raise NotFoundError(_("No such appeal."))
    appeal = (
        appeals_visible_to(user)
        .select_related("category", "incident", "incident__incident_type", "incident__department")
        .filter(pk=appeal_id)
        .first()
    )
    if appeal is None:
        raise NotFoundError(_("No such appeal."))
    return appeal


def appeal_get_own(*, user: User | AnonymousUser, appeal_id: int) -> Appeal:
    """One of the signed-in person's own appeals (what only its appellant may do, e.g. dispute)."""
    if not user.is_authenticated or not 0 < appeal_id <= MAX_DATABASE_ID:
        raise NotFoundError(_("No such appeal."))
    appeal = (
        Appeal.objects.filter(pk=appeal_id, citizen_id=user.pk)
        .select_related("category", "incident", "incident__department")
        .first()
    )
    if appeal is None:
        raise NotFoundError(_("No such appeal."))
    return appeal


def appeal_list_for_citizen(*, user: User | AnonymousUser) -> QuerySet[Appeal]:
    """The signed-in person's own appeals, newest first."""
    if not user.is_authenticated:
        return Appeal.objects.none()
    return (
        Appeal.objects.filter(citizen_id=user.pk)
        .select_related("category", "incident")
        .order_by("-created_at", "-id")
    )


def appeal_list_to_triage(*, user: User | AnonymousUser) -> QuerySet[Appeal]:
    """Submitted appeals waiting for the operator, oldest first."""
    if not is_operator(user):
        return Appeal.objects.none()
    return (
        appeals_visible_to(user)
        .filter(state=AppealState.SUBMITTED)
        .select_related("category")
        .order_by("created_at", "id")
    )


#: Event kinds an appellant sees on their timeline (escalations and edits are internal).
CITIZEN_EVENT_KINDS = (
    IncidentEvent.Kind.CREATED,
    IncidentEvent.Kind.TRANSITION,
    IncidentEvent.Kind.DISPUTED,
    IncidentEvent.Kind.APPEAL_LINKED,
)


def appeal_timeline(*, appeal: Appeal) -> QuerySet[IncidentEvent]:
    """The events of the appeal's incident an appellant may see, in order."""
    if appeal.incident_id is None:
        return IncidentEvent.objects.none()
    return IncidentEvent.objects.filter(
        incident_id=appeal.incident_id, kind__in=CITIZEN_EVENT_KINDS
    ).order_by("id")


# --- Duplicates --------------------------------------------------------------------------------


@dataclass(frozen=True)
class DuplicateCandidate:
    incident: Incident
    distance_m: float


def duplicate_candidates(
    *,
    incident_type: IncidentType,
    geom: GEOSGeometry,
    now: datetime | None = None,
    radius_m: float | None = None,
    window_hours: int | None = None,
    exclude_id: int | None = None,
) -> list[DuplicateCandidate]:
    """Open incidents of the same type within `radius_m` metres reported within the window.

    Distances are on the ellipsoid (metres), nearest first. The storage CRS is metric, so an
    ST_DWithin in it (widened by 1 % for the projection's scale error) lets the GiST index
    narrow the candidates before the exact distance is computed.
    """
    radius = conf.duplicate_radius_m() if radius_m is None else radius_m
    hours = conf.duplicate_window_hours() if window_hours is None else window_hours
    since = (now or timezone.now()) - timedelta(hours=hours)
    candidates = Incident.objects.filter(
        incident_type=incident_type,
        state__in=sorted(OPEN_STATES),
        created_at__gte=since,
        geom__dwithin=(geom, radius * 1.01 + 1),
    )
    if exclude_id is not None:
        candidates = candidates.exclude(pk=exclude_id)
    candidates = (
        candidates.annotate(
            distance_m=GeographyDistance(
                F("geom"), Value(geom, output_field=GeometryField(srid=geom.srid))
            ),
        )
        .filter(distance_m__lte=radius)
        .order_by("distance_m", "id")
    )
    return [DuplicateCandidate(incident=row, distance_m=row.distance_m) for row in candidates]


def appeal_duplicates(*, appeal: Appeal) -> list[DuplicateCandidate]:
    """Open incidents the appeal probably reports again (same category, near, recent)."""
    return duplicate_candidates(incident_type=appeal.category, geom=appeal.geom)
