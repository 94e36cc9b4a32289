"""What lies around a place in the city: cameras that see it, objects and holders, networks.

The situation console asks these for a selected incident, but they take a geometry (point,
line or area, any SRID with the SRID set), so an appeal's pin or a drawn area works as well.
Everything is computed by PostGIS in the metric storage CRS (`MAKON_SRID`): distances and radii
are metres on the ground, never Web Mercator units.

Camera visibility. A camera sees a place when part of it lies within the camera's reach AND
inside its field-of-view wedge: the compass bearing from the camera lies within
direction +- field of view / 2 (the wedge is built as a polygon, so the wrap at north needs no
special case, and lines and areas count when any part is in view). OpenStreetMap's
`camera:angle` is the tilt and plays no part; a `camera:direction` range was turned into a
bearing and a width by the importer. Where a camera has no recorded reach or width, the
defaults in `CAMERA_DEFAULTS` apply (and the answer says so):

| kind  | reach | field of view | why |
|-------|-------|---------------|-----|
| fixed | 100 m | 75 degrees    | a 3.6-4 mm street lens; faces recognisable to about 100 m |
| dome  |  50 m | 360 degrees   | a ceiling or pole dome sees all round, at short range |
| ptz   | 300 m | 360 degrees   | a pan-tilt-zoom camera can be turned and zoomed anywhere |
| anpr  |  60 m | 30 degrees    | number-plate cameras look narrowly down one lane |

A pan-tilt-zoom camera is offered whenever the place is within its reach; when its recorded
direction does not cover the place the answer flags `needs_turning`. A camera whose bearing is
unknown is offered too (`direction_known` False): it may see the place, and only a look tells.
Offline cameras and those under maintenance are left out unless asked for.
"""

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.contrib.gis.geos import GEOSGeometry, Polygon
from django.db import connection
from django.http import HttpRequest
from django.utils.translation import gettext as _

from accounts.models import Role
from accounts.roles import district_ids_of, has_role
from audit.models import Action
from audit.services import record as audit_record
from core.exceptions import InvalidInputError
from core.geo import storage_srid
from gis.models import Camera, Network

#: No camera reaches further (the Camera model's range check): the index-served search radius.
MAX_CAMERA_RANGE_M = 5000.0
#: Largest radius the console may ask objects and networks for.
MAX_RADIUS_M = 1000.0
#: At most this many objects of each kind are listed; the answer says when more were found.
MAX_OBJECTS = 500
MAX_CAMERAS = 100


@dataclass(frozen=True)
class CameraDefaults:
    """What a camera of a kind is taken to see when its record does not say."""

    range_m: float
    field_of_view_deg: float


CAMERA_DEFAULTS: dict[str, CameraDefaults] = {
    Camera.Kind.FIXED: CameraDefaults(range_m=100.0, field_of_view_deg=75.0),
    Camera.Kind.DOME: CameraDefaults(range_m=50.0, field_of_view_deg=360.0),
    Camera.Kind.PTZ: CameraDefaults(range_m=300.0, field_of_view_deg=360.0),
    Camera.Kind.ANPR: CameraDefaults(range_m=60.0, field_of_view_deg=30.0),
}
#: Kinds that can be turned to look anywhere within their reach.
PANNING_KINDS = (Camera.Kind.PTZ,)


@cache
def _sql(name: str) -> str:
    return (files("situation") / "sql" / f"spatial_{name}.sql").read_text()


def _checked(geom: GEOSGeometry) -> bytes:
    """`geom` as EWKB once it is known to be a valid, non-empty geometry with an SRID."""
    if not isinstance(geom, GEOSGeometry):
        raise InvalidInputError(_("A geometry is needed."))
    if not geom.srid:
        raise InvalidInputError(_("The geometry has no coordinate reference system (SRID)."))
    if geom.empty:
        raise InvalidInputError(_("The geometry is empty."))
    if not geom.valid:
        raise InvalidInputError(
            _("The geometry is not valid: %(reason)s.") % {"reason": geom.valid_reason}
        )
    return bytes(geom.ewkb)


def _checked_radius(radius_m: float) -> float:
    try:
        radius = float(radius_m)
    except (TypeError, ValueError):
        raise InvalidInputError(_("The radius must be a number of metres.")) from None
    if not 0 < radius <= MAX_RADIUS_M:
        raise InvalidInputError(
            _("The radius must be more than 0 and at most %(largest)s metres.")
            % {"largest": f"{MAX_RADIUS_M:g}"}
        )
    return radius


def _checked_limit(limit: int, largest: int) -> int:
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= largest:
        raise InvalidInputError(
            _("The limit must be a whole number from 1 to %(largest)s.") % {"largest": largest}
        )
    return limit


def _defaults_params() -> dict[str, list[Any]]:
    kinds = list(CAMERA_DEFAULTS)
    return {
        "kinds": [str(kind) for kind in kinds],
        "default_ranges": [CAMERA_DEFAULTS[kind].range_m for kind in kinds],
        "default_fovs": [CAMERA_DEFAULTS[kind].field_of_view_deg for kind in kinds],
    }


def _rows(name: str, params: dict[str, Any]) -> list[tuple]:
    """The rows of query `name`; every query gets the storage SRID as `srid`."""
    with connection.cursor() as cursor:
        cursor.execute(_sql(name), {"srid": storage_srid(), **params})
        return cursor.fetchall()


# --- Cameras -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CameraView:
    """A camera that sees a place, how far it is, and which of its figures were assumed."""

    camera_id: int
    name: str
    kind: str
    status: str
    distance_m: float
    #: Compass bearing from the camera to the nearest point it sees; None when it stands on it.
    bearing_deg: float | None
    direction_deg: float | None
    field_of_view_deg: float
    range_m: float
    range_assumed: bool
    field_of_view_assumed: bool
    direction_known: bool
    needs_turning: bool
    lon: float
    lat: float


def cameras_seeing(
    geom: GEOSGeometry, *, limit: int = 10, include_inactive: bool = False
) -> list[CameraView]:
    """Cameras that can see `geom` (in reach and in view), nearest first; distances in metres."""
    rows = _rows(
        "cameras_seeing",
        {
            "target": _checked(geom),
            "search_m": MAX_CAMERA_RANGE_M,
            "pan_kinds": [str(kind) for kind in PANNING_KINDS],
            "include_inactive": bool(include_inactive),
            "limit": _checked_limit(limit, MAX_CAMERAS),
            **_defaults_params(),
        },
    )
    return [
        CameraView(
            camera_id=row[0],
            name=row[1],
            kind=row[2],
            status=row[3],
            distance_m=float(row[4]),
            bearing_deg=None if row[5] is None else float(row[5]),
            direction_deg=row[6],
            field_of_view_deg=float(row[7]),
            range_m=float(row[8]),
            range_assumed=row[9],
            field_of_view_assumed=row[10],
            direction_known=row[11],
            needs_turning=row[12],
            lon=row[13],
            lat=row[14],
        )
        for row in rows
    ]


@dataclass(frozen=True)
class CameraWedge:
    """One camera and the area it looks at, as GeoJSON geometries in EPSG:4326."""

    camera_id: int
    name: str
    kind: str
    status: str
    direction_deg: float | None
    field_of_view_deg: float
    range_m: float
    range_assumed: bool
    field_of_view_assumed: bool
    position: dict[str, Any]
    wedge: dict[str, Any]


def camera_wedges(area: Polygon, *, limit: int = 2000) -> list[CameraWedge]:
    """Cameras standing in `area` with their field-of-view wedges (GeoJSON, EPSG:4326)."""
    rows = _rows(
        "camera_wedges",
        {
            "area": _checked(area),
            "limit": _checked_limit(limit, 10_000),
            **_defaults_params(),
        },
    )
    return [
        CameraWedge(
            camera_id=row[0],
            name=row[1],
            kind=row[2],
            status=row[3],
            direction_deg=row[4],
            field_of_view_deg=float(row[5]),
            range_m=float(row[6]),
            range_assumed=row[7],
            field_of_view_assumed=row[8],
            position=json.loads(row[9]),
            wedge=json.loads(row[10]),
        )
        for row in rows
    ]


# --- Parcels, buildings and their holders --------------------------------------------------


@dataclass(frozen=True)
class Holder:
    """Someone holding a current right; the name only where the reader may see it."""

    party_id: int
    name: str | None


@dataclass(frozen=True)
class NearbyObject:
    """A current parcel or building near the place, and who holds rights in it."""

    kind: str  # "parcel" or "building"
    object_id: int
    cadastral_number: str | None
    address: str
    use: str
    floors: int | None
    units: int
    apartments: int
    distance_m: float
    district_id: int | None
    holders_count: int
    #: The holders with their names; None when the reader may not see them for this object.
    holders: list[Holder] | None


@dataclass(frozen=True)
class AffectedObjects:
    """Parcels and buildings within `radius_m` of a place, nearest first, with totals."""

    radius_m: float
    parcels: list[NearbyObject]
    buildings: list[NearbyObject]
    parcels_truncated: bool
    buildings_truncated: bool
    apartments: int
    #: Distinct parties holding a right in any listed object: the people to notify.
    holders_to_notify: int
    #: True when the reader saw at least one holder's name (a personal-data read).
    names_shown: bool


def holder_name_scope(user: User | AnonymousUser) -> frozenset[int] | None:
    """Districts where `user` may read holders' names: None = everywhere, empty = nowhere.

    Registrars and administrators read the register anyway; an operator reads the names of
    those to notify in the districts the operator role covers. Anyone else sees counts only.
    """
    if has_role(user, Role.ADMIN, Role.REGISTRAR):
        return None
    if has_role(user, Role.OPERATOR):
        return district_ids_of(user, Role.OPERATOR)
    return frozenset()


def _nearby(row: tuple, scope: frozenset[int] | None) -> NearbyObject:
    holders = [Holder(party_id=h["id"], name=h["name"]) for h in _json(row[10])]
    district_id = row[9]
    names_allowed = scope is None or (district_id is not None and district_id in scope)
    return NearbyObject(
        kind=row[0],
        object_id=row[1],
        cadastral_number=row[2],
        address=row[3],
        use=row[4],
        floors=row[5],
        units=row[6],
        apartments=row[7],
        distance_m=float(row[8]),
        district_id=district_id,
        holders_count=len(holders),
        holders=holders if names_allowed else None,
    )


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def _holders_named(objects: Iterable[NearbyObject]) -> list[str]:
    """Cadastral numbers of the objects whose holders' names were shown (for the audit log)."""
    return [o.cadastral_number for o in objects if o.holders and o.cadastral_number]


def objects_near(
    geom: GEOSGeometry,
    radius_m: float,
    user: User | AnonymousUser,
    *,
    limit: int = MAX_OBJECTS,
    about: str = "",
    request: HttpRequest | None = None,
) -> AffectedObjects:
    """Current parcels and buildings within `radius_m` metres of `geom`, with their holders.

    Names of holders appear only where `holder_name_scope(user)` allows; counts always do.
    Showing any name is a personal-data read: it is written to the audit log, naming `about`
    (what the search was for, such as an incident number) and the objects whose holders showed.
    """
    rows = _rows(
        "objects_near",
        {
            "target": _checked(geom),
            "radius_m": _checked_radius(radius_m),
            "limit": _checked_limit(limit, MAX_OBJECTS),
        },
    )
    scope = holder_name_scope(user)
    found = [_nearby(row, scope) for row in rows]
    parcels = [o for o in found if o.kind == "parcel"]
    buildings = [o for o in found if o.kind == "building"]
    parcels_truncated = len(parcels) > limit
    buildings_truncated = len(buildings) > limit
    parcels, buildings = parcels[:limit], buildings[:limit]
    party_ids = {h["id"] for row in rows for h in _json(row[10])}
    named = _holders_named((*parcels, *buildings))
    if named:
        audit_record(
            actor=user,
            action=Action.READ_PERSONAL,
            object_type="situation.nearby",
            object_id=about,
            purpose="holders to notify around a place in the situation console",
            request=request,
            detail={"radius_m": float(radius_m), "cadastral_numbers": named},
        )
    return AffectedObjects(
        radius_m=float(radius_m),
        parcels=parcels,
        buildings=buildings,
        parcels_truncated=parcels_truncated,
        buildings_truncated=buildings_truncated,
        apartments=sum(b.apartments for b in buildings),
        holders_to_notify=len(party_ids),
        names_shown=bool(named),
    )


# --- Networks ----------------------------------------------------------------------------


@dataclass(frozen=True)
class NetworkFeature:
    """A network segment or node near the place."""

    what: str  # "segment" or "node"
    feature_id: int
    network: str
    kind: str
    name: str
    owner_body: str
    status: str
    diameter_mm: int | None
    material: str
    distance_m: float
    length_m: float | None
    geometry: dict[str, Any]


@dataclass(frozen=True)
class NearbyNetwork:
    """Segments and nodes within `radius_m` of a place, nearest first."""

    radius_m: float
    network: str | None
    segments: list[NetworkFeature]
    nodes: list[NetworkFeature]
    segments_truncated: bool
    nodes_truncated: bool


def _checked_network(network: str | None) -> str | None:
    if network in (None, ""):
        return None
    if network not in Network.values:
        known = ", ".join(Network.values)
        raise InvalidInputError(
            _("Unknown network %(network)s; known networks: %(known)s.")
            % {"network": repr(network), "known": known}
        )
    return str(network)


def network_near(
    geom: GEOSGeometry,
    radius_m: float,
    network: str | None = None,
    *,
    limit: int = 100,
) -> NearbyNetwork:
    """Segments and nodes of `network` (or of all) within `radius_m` metres of `geom`."""
    wanted = _checked_network(network)
    rows = _rows(
        "network_near",
        {
            "target": _checked(geom),
            "radius_m": _checked_radius(radius_m),
            "network": wanted,
            "limit": _checked_limit(limit, MAX_OBJECTS),
        },
    )
    features = [
        NetworkFeature(
            what=row[0],
            feature_id=row[1],
            network=row[2],
            kind=row[3],
            name=row[4],
            owner_body=row[5],
            status=row[6],
            diameter_mm=row[7],
            material=row[8],
            distance_m=float(row[9]),
            length_m=None if row[10] is None else float(row[10]),
            geometry=json.loads(row[11]),
        )
        for row in rows
    ]
    segments = [f for f in features if f.what == "segment"]
    nodes = [f for f in features if f.what == "node"]
    return NearbyNetwork(
        radius_m=float(radius_m),
        network=wanted,
        segments=segments[:limit],
        nodes=nodes[:limit],
        segments_truncated=len(segments) > limit,
        nodes_truncated=len(nodes) > limit,
    )
