"""The operator console: its page, its reads and its live stream. Views parse, call one
selector, serialize; who may see what is decided in situation.access and the selectors.
"""

from dataclasses import asdict
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_GET
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.decorators import role_required
from accounts.permissions import HasRole
from citymap import labels
from core.exceptions import DomainError
from core.params import (
    InvalidParameterError,
    bbox_search_polygon,
    parse_bbox,
    parse_positive_int,
    require,
)
from situation import spatial
from situation.access import OPERATOR_ROLES, is_operator
from situation.console_selectors import (
    appeal_payloads,
    district_dashboard,
    incident_surroundings,
    localized_name,
    stream_payloads,
)
from situation.models import (
    OPEN_STATES,
    Department,
    IncidentType,
    ResolutionCode,
    Severity,
    State,
)
from situation.stream import ClientWatch, EventStream, last_event_id_parse, latest_event_id

#: Radius the console opens a selected incident with, in metres.
DEFAULT_RADIUS_M = 100
#: Widest box (degrees) the camera wedges are drawn for: a few city blocks at street zoom.
MAX_WEDGE_BOX_DEG = 0.05


class ConsoleDashboardApi(APIView):
    """Per district: open, overdue and escalated incidents, resolved and fixed since midnight,
    mean hours from report to resolution (last 30 days)."""

    permission_classes = [HasRole.of(*OPERATOR_ROLES)]

    @extend_schema(responses={200: dict})
    def get(self, request: Request) -> Response:
        figures = district_dashboard(user=request.user)
        totals = {
            key: sum(getattr(f, key) for f in figures)
            for key in ("open", "overdue", "escalated", "resolved_today", "fixed_today")
        }
        return Response({"districts": [asdict(f) for f in figures], "totals": totals})


def _camera_json(view: spatial.CameraView) -> dict[str, Any]:
    data = asdict(view)
    data["distance_m"] = round(view.distance_m, 1)
    if view.bearing_deg is not None:
        data["bearing_deg"] = round(view.bearing_deg, 1)
    return data


def _object_json(obj: spatial.NearbyObject) -> dict[str, Any]:
    data = asdict(obj)
    data["distance_m"] = round(obj.distance_m, 1)
    return data


def _network_json(feature: spatial.NetworkFeature) -> dict[str, Any]:
    data = asdict(feature)
    data["distance_m"] = round(feature.distance_m, 1)
    if feature.length_m is not None:
        data["length_m"] = round(feature.length_m, 1)
    return data


class IncidentSurroundingsApi(APIView):
    """For one incident: the cameras that see it (nearest first), the parcels, buildings,
    apartments and holders within `radius_m` metres, and its network's segments and nodes."""

    permission_classes = [HasRole.of(*OPERATOR_ROLES)]

    @extend_schema(
        parameters=[
            OpenApiParameter("radius_m", int, description=f"Metres, 1 to {spatial.MAX_RADIUS_M:g}.")
        ],
        responses={200: dict},
    )
    def get(self, request: Request, incident_id: str) -> Response:
        pk = require(parse_positive_int(incident_id, name="incident id"), name="incident id")
        radius = parse_positive_int(
            request.query_params.get("radius_m"),
            name="radius_m",
            maximum=int(spatial.MAX_RADIUS_M),
        )
        found = incident_surroundings(
            user=request.user,
            incident_id=pk,
            radius_m=radius or DEFAULT_RADIUS_M,
            request=request._request,
        )
        objects = found.objects
        network = found.network
        return Response(
            {
                "incident": found.incident.pk,
                "radius_m": objects.radius_m,
                "cameras": [_camera_json(c) for c in found.cameras],
                "parcels": [_object_json(o) for o in objects.parcels],
                "buildings": [_object_json(o) for o in objects.buildings],
                "parcels_truncated": objects.parcels_truncated,
                "buildings_truncated": objects.buildings_truncated,
                "apartments": objects.apartments,
                "holders_to_notify": objects.holders_to_notify,
                "names_shown": objects.names_shown,
                "network": network.network,
                "segments": [_network_json(s) for s in network.segments],
                "nodes": [_network_json(n) for n in network.nodes],
            }
        )


class CameraWedgesApi(APIView):
    """Cameras standing in a bbox with their field-of-view wedges, as GeoJSON (EPSG:4326)."""

    permission_classes = [HasRole.of(*OPERATOR_ROLES)]

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "bbox", str, required=True, description="minlon,minlat,maxlon,maxlat (degrees)."
            )
        ],
        responses={200: dict},
    )
    def get(self, request: Request) -> Response:
        box = require(parse_bbox(request.query_params.get("bbox")), name="bbox")
        if box.east - box.west > MAX_WEDGE_BOX_DEG or box.north - box.south > MAX_WEDGE_BOX_DEG:
            raise InvalidParameterError(
                _(
                    "bbox is too large for camera wedges: zoom in to at most %(degrees)s "
                    "degrees across."
                )
                % {"degrees": MAX_WEDGE_BOX_DEG}
            )
        area = bbox_search_polygon(box)
        wedges = [] if area is None else spatial.camera_wedges(area)
        return Response(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "id": w.camera_id,
                        "geometry": w.wedge,
                        "properties": {
                            "id": w.camera_id,
                            "name": w.name,
                            "kind": w.kind,
                            "status": w.status,
                            "direction_deg": w.direction_deg,
                            "field_of_view_deg": w.field_of_view_deg,
                            "range_m": w.range_m,
                            "range_assumed": w.range_assumed,
                            "field_of_view_assumed": w.field_of_view_assumed,
                            "position": w.position["coordinates"],
                        },
                    }
                    for w in wedges
                ],
            }
        )


def _error(status: int, code: str, detail: str) -> JsonResponse:
    return JsonResponse({"code": code, "detail": detail}, status=status)


@require_GET
def console_stream(request: HttpRequest) -> HttpResponse:
    """Server-sent events of incident changes for this operator (see situation.stream)."""
    if not request.user.is_authenticated:
        return _error(401, "not_authenticated", _("Sign in to follow the live incident feed."))
    if not is_operator(request.user):
        return _error(403, "permission_denied", _("The live feed is for situation operators."))
    try:
        after = last_event_id_parse(
            header=request.headers.get("Last-Event-ID"),
            query=request.GET.get("last_event_id"),
        )
    except DomainError as error:
        return _error(error.status_code, error.code, error.message)
    response = StreamingHttpResponse(
        EventStream(
            user=request.user,
            after=after,
            render=stream_payloads,
            render_appeals=appeal_payloads,
            client=ClientWatch(request.META.get("gunicorn.socket")),
        ),
        content_type="text/event-stream; charset=utf-8",
    )
    response["Cache-Control"] = "no-cache, no-transform"
    # nginx passes each event on at once instead of filling its buffer first.
    response["X-Accel-Buffering"] = "no"
    return response


def _texts() -> dict[str, str]:
    """Messages the console's scripts show, translated with the rest of the page."""
    return {
        "loading": _("Loading…"),
        "loadFailed": _("The incidents could not be loaded. Try again later."),
        "live": _("Live"),
        "reconnecting": _("Reconnecting…"),
        "offline": _("Live feed stopped. Reload the page."),
        "noIncidents": _("No incident matches the filters."),
        "overdue": _("Overdue"),
        "escalated": _("Escalated"),
        "due": _("Due"),
        "appeals": _("appeals"),
        "noCameras": _("No camera sees this place."),
        "turnCamera": _("turn it"),
        "directionUnknown": _("direction not recorded"),
        "assumed": _("assumed"),
        "noObjects": _("No parcel or building within the radius."),
        "noNetwork": _("No network segment within the radius."),
        "holdersHidden": _("names not shown for your role here"),
        "holders": _("holders"),
        "holdersToNotify": _("holders to notify"),
        "buildings": _("buildings"),
        "parcels": _("parcels"),
        "apartments": _("apartments"),
        "floors": _("floors"),
        "metres": _("m"),
        "transitionFailed": _("The change was refused"),
        "resolutionCode": _("Resolution"),
        "comment": _("Comment"),
        "wholeCity": _("Whole city"),
        "outsideDistricts": _("Outside districts"),
        "hours": _("h"),
        "parcel": _("Parcel"),
        "building": _("Building"),
        "newIncident": _("New"),
        "changed": _("Changed"),
    }


@ensure_csrf_cookie
@role_required(*OPERATOR_ROLES)
def console_page(request: HttpRequest) -> HttpResponse:
    """The full-screen operator map with the incident list, dashboard and live feed."""
    language = (get_language() or "en").split("-")[0]
    types = IncidentType.objects.filter(is_active=True).order_by("sort_order", "code")
    config = {
        "language": language,
        "center": list(settings.MAKON_MAP_CENTER),
        "radius": DEFAULT_RADIUS_M,
        "maxRadius": spatial.MAX_RADIUS_M,
        "urls": {
            "style": reverse("tiles:style"),
            # Layers drawn over the shared style when it leaves them out (as on the city map).
            "tilejson": {
                layer: reverse("tiles:tilejson", kwargs={"layer": layer})
                for layer in ("infrastructure", "cameras")
            },
            "incidents": reverse("situation:incident-list"),
            "incident": reverse("situation:incident-detail", args=[0]),
            "transition": reverse("situation:incident-transition", args=[0]),
            "dashboard": reverse("situation-console-dashboard"),
            "surroundings": reverse("situation-console-surroundings", args=[0]),
            "wedges": reverse("situation-console-camera-wedges"),
            "stream": reverse("situation-stream"),
            "appeal": reverse("situation:triage-appeal", args=[0]),
            "appealTriage": reverse("situation:triage-appeal-into", args=[0]),
            "appealReject": reverse("situation:triage-appeal-reject", args=[0]),
        },
        "types": {t.code: localized_name(t) for t in types},
        "states": {value: str(label) for value, label in State.choices},
        "openStates": sorted(OPEN_STATES),
        "severities": {value: str(label) for value, label in Severity.choices},
        "departments": {d.pk: localized_name(d) for d in Department.objects.order_by("code")},
        "resolutionCodes": {value: str(label) for value, label in ResolutionCode.choices},
        "network": labels.names(labels.NETWORKS),
        "networkNodeKinds": labels.names(labels.NETWORK_NODE_KINDS),
        "assetStatuses": labels.names(labels.ASSET_STATUSES),
        "text": _texts(),
        # Read before the browser loads the list: a change in between comes again, never lost.
        "latestEventId": latest_event_id(),
    }
    return render(request, "situation/console.html", {"config": config})
