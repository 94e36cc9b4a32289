"""Open311 GeoReport v2 at /open311/v2/: existing 311 apps list services and file requests.

A service is an incident type offered to citizens; a service request is an appeal. Answers are
JSON or XML by the path's extension; errors are the standard's list of {code, description} with
a 4xx status. Requests are public in GeoReport, so a request carries no contact details of its
appellant. Anonymous filing is rate-limited per client address; a deployment may instead
require an api_key (MAKON_OPEN311_API_KEY_REQUIRED), and keyed clients are not rate-limited.
"""

import hashlib
import re
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any
from xml.etree import ElementTree

from django.core.exceptions import RequestDataTooBig
from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from audit.net import client_ip
from core.exceptions import DomainError
from situation import conf, services
from situation.api.fields import point_from_params
from situation.errors import RateLimitedError, UnknownServiceError
from situation.models import (
    OPEN_STATES,
    Appeal,
    AppealState,
    IncidentType,
    Open311Client,
    Photo,
)

FORMATS = ("json", "xml")
#: The standard's defaults: 90 days back, at most 1000 requests per answer.
DEFAULT_WINDOW_DAYS = 90
MAX_REQUESTS = 1000
_ID = re.compile(r"[1-9][0-9]{0,17}")
_MAX_IDS = 200
#: When this endpoint's shape last changed (discovery's changeset).
CHANGESET = "2026-01-01T00:00:00+05:00"


class Open311Error(DomainError):
    """An error answered in GeoReport's format."""


class ForbiddenError(Open311Error):
    status_code = 403
    code = "forbidden"


class NotFoundError(Open311Error):
    status_code = 404
    code = "not_found"


def _errors(status: int, description: str) -> list[dict[str, Any]]:
    return [{"code": status, "description": description}]


def _to_xml(root: str, item: str, rows: list[dict[str, Any]]) -> bytes:
    element = ElementTree.Element(root)
    for row in rows:
        child = ElementTree.SubElement(element, item)
        for key, value in row.items():
            field = ElementTree.SubElement(child, key)
            if isinstance(value, list):
                for entry in value:
                    sub = ElementTree.SubElement(field, "keyword" if key == "keywords" else "item")
                    sub.text = str(entry)
            elif isinstance(value, bool):
                field.text = "true" if value else "false"
            elif value is not None:
                field.text = str(value)
    return _xml_bytes(element)


def _xml_bytes(element: ElementTree.Element) -> bytes:
    return (
        b'<?xml version="1.0" encoding="utf-8"?>\n'
        + ElementTree.tostring(element, "unicode").encode()
    )


def _respond(
    fmt: str, rows: list[dict[str, Any]], *, root: str, item: str, status: int = 200
) -> HttpResponse:
    if fmt == "xml":
        return HttpResponse(
            _to_xml(root, item, rows), status=status, content_type="text/xml; charset=utf-8"
        )
    return JsonResponse(rows, status=status, safe=False, json_dumps_params={"ensure_ascii": False})


def _error_response(fmt: str, status: int, description: str) -> HttpResponse:
    return _respond(fmt, _errors(status, description), root="errors", item="error", status=status)


def open311_view(
    view: Callable[..., HttpResponse],
) -> Callable[..., HttpResponse]:
    """Map domain errors (and an oversized body) to GeoReport error answers."""

    def wrapped(request: HttpRequest, fmt: str, *args: Any, **kwargs: Any) -> HttpResponse:
        if fmt not in FORMATS:
            return _error_response("json", 404, "Use the .json or .xml form of this address.")
        try:
            return view(request, fmt, *args, **kwargs)
        except RateLimitedError as error:
            response = _error_response(fmt, error.status_code, error.message)
            response["Retry-After"] = str(error.retry_after_seconds)
            return response
        except DomainError as error:
            return _error_response(fmt, error.status_code, error.message)
        except RequestDataTooBig:
            return _error_response(fmt, 413, "The request is too large.")

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return csrf_exempt(wrapped)


def _iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return timezone.localtime(moment).isoformat(timespec="seconds")


def _service_name(kind: IncidentType, language: str | None) -> str:
    names = {"uz": kind.name_uz, "ru": kind.name_ru, "en": kind.name_en}
    return names.get((language or "")[:2]) or kind.name_en or kind.name_uz


def _services() -> QuerySet[IncidentType]:
    return IncidentType.objects.filter(is_active=True, is_open311=True).order_by(
        "sort_order", "code"
    )


def _service(code: str) -> IncidentType:
    kind = _services().filter(code=code[:40]).first()
    if kind is None:
        raise UnknownServiceError(f"Unknown service_code {code[:40]!r}; see services.json.")
    return kind


def _service_row(kind: IncidentType, language: str | None) -> dict[str, Any]:
    return {
        "service_code": kind.code,
        "service_name": _service_name(kind, language),
        "description": kind.description or _service_name(kind, language),
        "metadata": False,
        "type": "realtime",
        "keywords": [part for part in (kind.network, kind.group.lower()) if part],
        "group": kind.group,
    }


# --- Discovery and services --------------------------------------------------------------------


@require_http_methods(["GET"])
@open311_view
def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    """Where this endpoint is and what it speaks."""
    url = request.build_absolute_uri(reverse("situation:open311-discovery", args=[fmt]))
    endpoint = {
        "specification": "http://wiki.open311.org/GeoReport_v2",
        "url": url.rsplit("/", 1)[0],
        "changeset": CHANGESET,
        "type": "production",
        "formats": ["application/json", "text/xml"],
    }
    if fmt == "xml":
        element = ElementTree.Element("discovery")
        ElementTree.SubElement(element, "changeset").text = CHANGESET
        endpoints = ElementTree.SubElement(element, "endpoints")
        node = ElementTree.SubElement(endpoints, "endpoint")
        for key in ("specification", "url", "changeset", "type"):
            ElementTree.SubElement(node, key).text = endpoint[key]
        formats = ElementTree.SubElement(node, "formats")
        for name in endpoint["formats"]:
            ElementTree.SubElement(formats, "format").text = name
        return HttpResponse(_xml_bytes(element), content_type="text/xml; charset=utf-8")
    return JsonResponse({"changeset": CHANGESET, "endpoints": [endpoint]})


@require_http_methods(["GET"])
@open311_view
def service_list(request: HttpRequest, fmt: str) -> HttpResponse:
    """services.json: the categories citizens can report."""
    language = request.GET.get("locale") or request.LANGUAGE_CODE
    rows = [_service_row(kind, language) for kind in _services()]
    return _respond(fmt, rows, root="services", item="service")


@require_http_methods(["GET"])
@open311_view
def service_definition(request: HttpRequest, fmt: str, code: str) -> HttpResponse:
    """services/{code}.json: no extra attributes are asked for any service."""
    try:
        kind = _service(code)
    except UnknownServiceError as error:
        raise NotFoundError(error.message) from None
    if fmt == "xml":
        element = ElementTree.Element("service_definition")
        ElementTree.SubElement(element, "service_code").text = kind.code
        ElementTree.SubElement(element, "attributes")
        return HttpResponse(_xml_bytes(element), content_type="text/xml; charset=utf-8")
    return JsonResponse({"service_code": kind.code, "attributes": []})


# --- Requests ----------------------------------------------------------------------------------


def _status(appeal: Appeal) -> tuple[str, str]:
    """GeoReport status (open/closed) and status_notes of an appeal."""
    if appeal.state == AppealState.REJECTED:
        return "closed", appeal.triage_comment
    incident = appeal.incident
    if incident is None:
        return "open", ""
    if incident.state in OPEN_STATES:
        return "open", str(incident.get_state_display())
    notes = str(incident.get_state_display())
    if incident.resolution_code:
        notes = f"{notes}: {incident.get_resolution_code_display()}"
    return "closed", notes


def _request_row(appeal: Appeal, request: HttpRequest, language: str | None) -> dict[str, Any]:
    status, notes = _status(appeal)
    point = appeal.geom.transform(4326, clone=True)
    incident = appeal.incident
    photos: list[Photo] = list(appeal.photos.all())
    updated = max(
        [moment for moment in (appeal.created_at, appeal.triaged_at) if moment]
        + ([incident.updated_at] if incident else [])
    )
    return {
        "service_request_id": str(appeal.pk),
        "status": status,
        "status_notes": notes or None,
        "service_name": _service_name(appeal.category, language),
        "service_code": appeal.category.code,
        "description": appeal.text,
        "agency_responsible": str(incident.department)
        if incident is not None and incident.department_id
        else None,
        "service_notice": None,
        "requested_datetime": _iso(appeal.created_at),
        "updated_datetime": _iso(updated),
        "expected_datetime": _iso(incident.sla_due_at) if incident is not None else None,
        "address": appeal.address or None,
        "address_id": None,
        "zipcode": None,
        "lat": round(point.y, 7),
        "long": round(point.x, 7),
        "media_url": request.build_absolute_uri(
            reverse("situation:photo", kwargs={"token": photos[0].token})
        )
        if photos
        else None,
    }


def _appeals() -> QuerySet[Appeal]:
    return Appeal.objects.select_related(
        "category", "incident", "incident__department"
    ).prefetch_related(Prefetch("photos", queryset=Photo.objects.order_by("id")))


def _parse_date(raw: str | None, *, name: str) -> datetime | None:
    if raw is None or not raw.strip():
        return None
    try:
        value = parse_datetime(raw.strip())
    except ValueError:
        value = None
    if value is None:
        raise Open311Error(f"{name} must be a W3C date-time such as 2026-01-31T09:00:00+05:00.")
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


def _parse_ids(raw: str) -> list[int]:
    parts = [part.strip() for part in raw.split(",") if part.strip()]
    if not parts or len(parts) > _MAX_IDS:
        raise Open311Error(f"service_request_id takes 1 to {_MAX_IDS} ids, comma-separated.")
    if not all(_ID.fullmatch(part) for part in parts):
        raise Open311Error("service_request_id must be whole numbers, comma-separated.")
    return [int(part) for part in parts]


def _request_list(request: HttpRequest, fmt: str) -> HttpResponse:
    params = request.GET
    language = params.get("locale") or request.LANGUAGE_CODE
    appeals = _appeals()
    if params.get("service_request_id", "").strip():
        appeals = appeals.filter(pk__in=_parse_ids(params["service_request_id"]))
    else:
        start = _parse_date(params.get("start_date"), name="start_date")
        end = _parse_date(params.get("end_date"), name="end_date")
        if start is None and end is None:
            start = timezone.now() - timedelta(days=DEFAULT_WINDOW_DAYS)
        if start is not None and end is not None and start > end:
            raise Open311Error("start_date is after end_date.")
        if start is not None:
            appeals = appeals.filter(created_at__gte=start)
        if end is not None:
            appeals = appeals.filter(created_at__lte=end)
        codes = [part.strip() for part in params.get("service_code", "").split(",") if part]
        if codes:
            for code in codes:
                _service(code)
            appeals = appeals.filter(category__code__in=codes)
        status = params.get("status", "").strip()
        if status:
            wanted = {part.strip() for part in status.split(",")}
            if not wanted <= {"open", "closed"}:
                raise Open311Error("status is open, closed or both (comma-separated).")
            if wanted == {"open"}:
                appeals = appeals.filter(_open_q())
            elif wanted == {"closed"}:
                appeals = appeals.exclude(_open_q())
    rows = [
        _request_row(appeal, request, language)
        for appeal in appeals.order_by("-created_at", "-id")[:MAX_REQUESTS]
    ]
    return _respond(fmt, rows, root="service_requests", item="request")


def _open_q() -> Q:
    return Q(state=AppealState.SUBMITTED) | Q(
        state=AppealState.LINKED, incident__state__in=sorted(OPEN_STATES)
    )


def _check_api_key(raw: str | None) -> bool:
    """True for a registered client's key; ForbiddenError when one is required and missing/wrong."""
    key = (raw or "").strip()
    known = (
        bool(key)
        and Open311Client.objects.filter(
            key_sha256=hashlib.sha256(key.encode()).hexdigest(), is_active=True
        ).exists()
    )
    if conf.open311_api_key_required() and not known:
        raise ForbiddenError("A valid api_key is required to file requests here.")
    if key and not known:
        raise ForbiddenError("The api_key is not known.")
    return known


def _request_create(request: HttpRequest, fmt: str) -> HttpResponse:
    data = request.POST
    keyed = _check_api_key(data.get("api_key"))
    code = (data.get("service_code") or "").strip()
    if not code:
        raise Open311Error("service_code is required; see services.json.")
    kind = _service(code)
    if not data.get("lat") and not data.get("long"):
        raise Open311Error(
            "lat and long are required (an address_string alone cannot be placed on the map)."
        )
    point = point_from_params(data.get("long"), data.get("lat"))
    name = " ".join(
        part
        for part in ((data.get("first_name") or "").strip(), (data.get("last_name") or "").strip())
        if part
    )
    appeal = services.appeal_file(
        user=request.user,
        category=kind,
        geom=point,
        text=data.get("description") or "",
        address=data.get("address_string") or "",
        photos=request.FILES.getlist("media"),
        channel=Appeal.Channel.OPEN311,
        contact_name=name,
        contact_email=data.get("email") or "",
        contact_phone=data.get("phone") or "",
        client_address=client_ip(request),
        rate_limited=not keyed,
    )
    row = {
        "service_request_id": str(appeal.pk),
        "service_notice": None,
        "account_id": None,
    }
    return _respond(fmt, [row], root="service_requests", item="request", status=201)


@require_http_methods(["GET", "POST"])
@open311_view
def requests(request: HttpRequest, fmt: str) -> HttpResponse:
    """requests.json: GET lists service requests, POST files one."""
    if request.method == "POST":
        return _request_create(request, fmt)
    return _request_list(request, fmt)


@require_http_methods(["GET"])
@open311_view
def request_detail(request: HttpRequest, fmt: str, request_id: str) -> HttpResponse:
    """requests/{id}.json: one service request, as a list of one (as the standard answers)."""
    if not _ID.fullmatch(request_id):
        raise NotFoundError(f"No service request {request_id[:20]!r}.")
    appeal = _appeals().filter(pk=int(request_id)).first()
    if appeal is None:
        raise NotFoundError(f"No service request {request_id}.")
    language = request.GET.get("locale") or request.LANGUAGE_CODE
    return _respond(
        fmt, [_request_row(appeal, request, language)], root="service_requests", item="request"
    )
