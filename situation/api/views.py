"""Operator incident API (/api/situation/...) and citizens' appeal API (/api/appeals/...).

Views parse, call one service or selector, and serialize. Operators (and admins) only for the
incident API, limited to their districts by the selectors; appeals may be filed anonymously.
"""

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.generics import ListAPIView
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import Serializer
from rest_framework.views import APIView

from accounts.permissions import HasRole
from audit.net import client_ip
from core.pagination import FeaturePagination
from core.params import InvalidParameterError, parse_bbox, parse_choice, parse_positive_int
from core.schema import BBOX_PARAMETER, ERROR_RESPONSES, query_parameter
from situation import selectors, services
from situation.access import OPERATOR_ROLES
from situation.api.fields import point_from_params
from situation.api.serializers import (
    AppealCreateSerializer,
    AppealDetailSerializer,
    AppealSerializer,
    AppealTriageSerializer,
    CommentSerializer,
    DepartmentSerializer,
    DistrictCountSerializer,
    IncidentCreateSerializer,
    IncidentDetailSerializer,
    IncidentEventSerializer,
    IncidentFeatureSerializer,
    IncidentTypeSerializer,
    IncidentUpdateSerializer,
    TransitionSerializer,
    TriageAppealSerializer,
)
from situation.models import Appeal, Department, Incident, IncidentType, State

IsOperator = HasRole.of(*OPERATOR_ROLES)

_MAX_CODES = 20


def _codes(raw: str | None, *, name: str, choices: list[str]) -> tuple[str, ...] | None:
    """A comma-separated list of known codes, or None when absent."""
    if raw is None or not raw.strip():
        return None
    parts = [part.strip() for part in raw.split(",") if part.strip()]
    if len(parts) > _MAX_CODES:
        raise InvalidParameterError(
            _("%(name)s: at most %(limit)s values.") % {"name": name, "limit": _MAX_CODES}
        )
    return tuple(parse_choice(part, name=name, choices=choices) or "" for part in parts)


def _overdue(raw: str | None) -> bool | None:
    value = parse_choice(raw, name="overdue", choices=["true", "false", "1", "0"])
    if value is None:
        return None
    return value in {"true", "1"}


def _incident(request: Request, incident_id: int) -> Incident:
    """The incident if the user may see it (404 otherwise: the selector decides)."""
    return selectors.incident_get_for_user(user=request.user, incident_id=incident_id)


def _detail(request: Request, incident_id: int) -> Response:
    return Response(IncidentDetailSerializer(_incident(request, incident_id)).data)


def _validated(serializer_class: type[Serializer], request: Request) -> dict:
    """The request body checked by `serializer_class` (400 with its messages when invalid)."""
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _comment(request: Request) -> str:
    """The optional `comment` of a body checked by CommentSerializer."""
    return _validated(CommentSerializer, request).get("comment", "")


class IncidentListApi(ListAPIView):
    """Incidents in the operator's districts (GeoJSON, EPSG:4326); overdue first."""

    permission_classes = [IsOperator]
    serializer_class = IncidentFeatureSerializer
    pagination_class = FeaturePagination

    @extend_schema(
        summary="Incidents (operators)",
        parameters=[
            BBOX_PARAMETER,
            query_parameter("type", "Incident type codes, comma-separated."),
            query_parameter("state", "States, comma-separated.", choices=None),
            query_parameter("district", "District id."),
            query_parameter("department", "Department id."),
            query_parameter("overdue", "true: only overdue; false: only not overdue."),
        ],
        responses={200: IncidentFeatureSerializer, **ERROR_RESPONSES},
    )
    def get(self, request: Request) -> Response:
        return self.list(request)

    @extend_schema(
        summary="Report an incident (operators)",
        request=IncidentCreateSerializer,
        responses={201: IncidentDetailSerializer, **ERROR_RESPONSES},
    )
    def post(self, request: Request) -> Response:
        data = _validated(IncidentCreateSerializer, request)
        incident = services.incident_create(
            user=request.user,
            incident_type=data["type"],
            geom=data["geometry"],
            severity=data.get("severity"),
            address=data.get("address", ""),
            description=data.get("description", ""),
            department=data.get("department"),
        )
        response = _detail(request, incident.pk)
        response.status_code = status.HTTP_201_CREATED
        return response

    def get_queryset(self) -> QuerySet:
        params = self.request.query_params
        filters = selectors.IncidentFilters(
            type_codes=_codes(
                params.get("type"),
                name="type",
                choices=list(IncidentType.objects.values_list("code", flat=True)),
            ),
            states=_codes(params.get("state"), name="state", choices=list(State.values)),
            district_id=parse_positive_int(params.get("district"), name="district"),
            department_id=parse_positive_int(params.get("department"), name="department"),
            overdue=_overdue(params.get("overdue")),
            bbox=parse_bbox(params.get("bbox")),
        )
        return selectors.incident_list_for_user(user=self.request.user, filters=filters)


class IncidentDetailApi(APIView):
    """One incident; PATCH changes its department, severity, address or description."""

    permission_classes = [IsOperator]

    @extend_schema(summary="One incident (operators)", responses={200: IncidentDetailSerializer})
    def get(self, request: Request, incident_id: int) -> Response:
        return _detail(request, incident_id)

    @extend_schema(
        summary="Change an incident's details (operators)",
        request=IncidentUpdateSerializer,
        responses={200: IncidentDetailSerializer, **ERROR_RESPONSES},
    )
    def patch(self, request: Request, incident_id: int) -> Response:
        incident = _incident(request, incident_id)
        changes = _validated(IncidentUpdateSerializer, request)
        services.incident_update(user=request.user, incident=incident, **changes)
        return _detail(request, incident_id)


class IncidentTransitionApi(APIView):
    """Move an incident to another state; 409 when the state machine does not allow it."""

    permission_classes = [IsOperator]

    @extend_schema(
        summary="Change an incident's state (operators)",
        request=TransitionSerializer,
        responses={200: IncidentDetailSerializer, **ERROR_RESPONSES},
    )
    def post(self, request: Request, incident_id: int) -> Response:
        incident = _incident(request, incident_id)
        data = _validated(TransitionSerializer, request)
        duplicate_of = None
        if "duplicate_of" in data:
            duplicate_of = _incident(request, data["duplicate_of"])
        services.transition(
            request.user,
            incident,
            data["to_state"],
            comment=data.get("comment", ""),
            resolution_code=data.get("resolution_code") or None,
            department=data.get("department"),
            duplicate_of=duplicate_of,
        )
        return _detail(request, incident_id)


class IncidentEscalateApi(APIView):
    """Raise an open incident to its department's head."""

    permission_classes = [IsOperator]

    @extend_schema(
        summary="Escalate an incident (operators)",
        request=CommentSerializer,
        responses={200: IncidentDetailSerializer, **ERROR_RESPONSES},
    )
    def post(self, request: Request, incident_id: int) -> Response:
        incident = _incident(request, incident_id)
        services.incident_escalate(
            user=request.user,
            incident=incident,
            comment=_comment(request),
        )
        return _detail(request, incident_id)


class IncidentEventListApi(APIView):
    """The incident's history, oldest first (after=<event id> for only newer ones)."""

    permission_classes = [IsOperator]

    @extend_schema(
        summary="Events of an incident (operators)",
        parameters=[query_parameter("after", "Only events with a greater id.")],
        responses={200: IncidentEventSerializer(many=True), **ERROR_RESPONSES},
    )
    def get(self, request: Request, incident_id: int) -> Response:
        incident = _incident(request, incident_id)
        after = parse_positive_int(request.query_params.get("after"), name="after")
        events = selectors.incident_events(incident=incident, after_id=after)
        return Response(IncidentEventSerializer(events, many=True).data)


class DistrictCountsApi(APIView):
    """Open and overdue incidents per district the operator may see."""

    permission_classes = [IsOperator]

    @extend_schema(
        summary="Incident counts per district (operators)",
        responses={200: DistrictCountSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        return Response(selectors.district_counts(user=request.user))


class IncidentTypeListApi(APIView):
    """The incident catalogue (public: the appeal form lists its categories)."""

    permission_classes = [AllowAny]

    @extend_schema(summary="Incident types", responses={200: IncidentTypeSerializer(many=True)})
    def get(self, request: Request) -> Response:
        types = IncidentType.objects.filter(is_active=True).order_by("sort_order", "code")
        return Response(IncidentTypeSerializer(types, many=True).data)


class DepartmentListApi(APIView):
    permission_classes = [IsOperator]

    @extend_schema(
        summary="Departments (operators)", responses={200: DepartmentSerializer(many=True)}
    )
    def get(self, request: Request) -> Response:
        return Response(
            [
                {"id": department.pk, "code": department.code, "name": str(department)}
                for department in Department.objects.order_by("code")
            ]
        )


# --- Operators' appeal triage ------------------------------------------------------------------


class TriageQueueApi(APIView):
    """Submitted appeals in the operator's districts, oldest first."""

    permission_classes = [IsOperator]

    @extend_schema(
        summary="Appeals to triage (operators)", responses={200: AppealSerializer(many=True)}
    )
    def get(self, request: Request) -> Response:
        appeals = selectors.appeal_list_to_triage(user=request.user)[:500]
        return Response(AppealSerializer(appeals, many=True).data)


class TriageAppealApi(APIView):
    """One appeal with the open incidents it probably duplicates."""

    permission_classes = [IsOperator]

    @extend_schema(
        summary="An appeal and its duplicate suggestions (operators)",
        responses={200: TriageAppealSerializer, **ERROR_RESPONSES},
    )
    def get(self, request: Request, appeal_id: int) -> Response:
        appeal = selectors.appeal_get_for_user(user=request.user, appeal_id=appeal_id)
        candidates = selectors.appeal_duplicates(appeal=appeal)
        visible = selectors.incident_ids_visible_to(
            user=request.user, ids=[candidate.incident.pk for candidate in candidates]
        )
        body = AppealSerializer(appeal).data
        body["duplicate_candidates"] = [
            {
                "incident": candidate.incident.pk,
                "number": candidate.incident.number,
                "state": candidate.incident.state,
                "distance_m": round(candidate.distance_m, 1),
                "created_at": candidate.incident.created_at,
            }
            for candidate in candidates
            if candidate.incident.pk in visible
        ]
        return Response(body)


class TriageApi(APIView):
    """Take an appeal into an existing incident (`incident`) or a new one."""

    permission_classes = [IsOperator]

    @extend_schema(
        summary="Triage an appeal (operators)",
        request=AppealTriageSerializer,
        responses={200: IncidentDetailSerializer, **ERROR_RESPONSES},
    )
    def post(self, request: Request, appeal_id: int) -> Response:
        appeal = selectors.appeal_get_for_user(user=request.user, appeal_id=appeal_id)
        data = _validated(AppealTriageSerializer, request)
        target = None
        if "incident" in data:
            target = _incident(request, data["incident"])
        incident = services.appeal_triage(
            user=request.user,
            appeal=appeal,
            incident=target,
            severity=data.get("severity"),
            comment=data.get("comment", ""),
        )
        return _detail(request, incident.pk)


class RejectAppealApi(APIView):
    permission_classes = [IsOperator]

    @extend_schema(
        summary="Reject an appeal (operators)",
        request=CommentSerializer,
        responses={200: AppealSerializer, **ERROR_RESPONSES},
    )
    def post(self, request: Request, appeal_id: int) -> Response:
        appeal = selectors.appeal_get_for_user(user=request.user, appeal_id=appeal_id)
        appeal = services.appeal_reject(user=request.user, appeal=appeal, comment=_comment(request))
        return Response(AppealSerializer(appeal).data)


# --- Citizens ----------------------------------------------------------------------------------


class AppealCreateApi(APIView):
    """File an appeal on the map: signed in, or anonymously (rate-limited per address)."""

    permission_classes = [AllowAny]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema(
        summary="File an appeal",
        request=AppealCreateSerializer,
        responses={201: AppealDetailSerializer, **ERROR_RESPONSES},
    )
    def post(self, request: Request) -> Response:
        data = _validated(AppealCreateSerializer, request)
        appeal = services.appeal_file(
            user=request.user,
            category=data["category"],
            geom=point_from_params(data["longitude"], data["latitude"]),
            text=data["text"],
            address=data.get("address", ""),
            photos=data.get("photos", []),
            channel=Appeal.Channel.MAP,
            contact_email=data.get("contact_email", ""),
            client_address=client_ip(request),
        )
        body = AppealDetailSerializer(appeal).data
        return Response(body, status=status.HTTP_201_CREATED)


class MyAppealsApi(APIView):
    """The signed-in person's appeals with their incidents' states."""

    permission_classes = [IsAuthenticated]

    @extend_schema(summary="My appeals", responses={200: AppealSerializer(many=True)})
    def get(self, request: Request) -> Response:
        appeals = selectors.appeal_list_for_citizen(user=request.user).prefetch_related("photos")
        return Response(AppealSerializer(appeals[:500], many=True).data)


class AppealDetailApi(APIView):
    """One of my appeals with its incident's state and timeline (404 for anyone else's)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(summary="One of my appeals", responses={200: AppealDetailSerializer})
    def get(self, request: Request, appeal_id: int) -> Response:
        appeal = selectors.appeal_get_for_user(user=request.user, appeal_id=appeal_id)
        return Response(AppealDetailSerializer(appeal).data)


class AppealDisputeApi(APIView):
    """Dispute the resolution of my appeal's incident: reopens it within the dispute window."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Dispute a resolution",
        request=CommentSerializer,
        responses={200: AppealDetailSerializer, **ERROR_RESPONSES},
    )
    def post(self, request: Request, appeal_id: int) -> Response:
        appeal = selectors.appeal_get_own(user=request.user, appeal_id=appeal_id)
        services.incident_dispute(user=request.user, appeal=appeal, comment=_comment(request))
        appeal = selectors.appeal_get_own(user=request.user, appeal_id=appeal_id)
        return Response(AppealDetailSerializer(appeal).data)
