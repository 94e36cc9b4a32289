"""The world the security walk runs in: a small demo city with a person of every role.

Citizen A ("citizen") holds property, documents, an extract, an appeal with a photo and a
notification; every other user is "another user" to A. A also co-holds a parcel of its own
making with Zaynabbonu Qahhorova at the distinctive shares 7/13 and 6/13, so that a leaked
share is recognisable in any answer. Markers are the strings that must never reach someone
without a right to them.
"""

import io
import math
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.contrib.gis.geos import Point
from PIL import Image

from accounts.demo import create_demo_accounts
from cadastre.models import Building, Parcel, Party, Property, Right, Source
from democity.build import city_build
from documents.demo import attach_demo_files
from extracts.services import order_extract
from gis.models import Camera, InfrastructureSegment
from portal.services import notify_watchers
from situation.demo import build_demo_incidents
from situation.models import Appeal, Incident, IncidentType, Photo
from situation.services.appeals import appeal_file
from tests.factories import make_parcel, make_person, make_property, make_right

ROLE_USERNAMES = {
    "citizen": "citizen",  # A, the holder
    "citizen2": "citizen2",  # B, another citizen
    "notary": "notary",
    "planner": "planner",
    "registrar": "registrar",
    "operator": "operator",
    "operator_district": "operator-district",
    "admin": "admin",
}

MISSING_NUMBER = "10:99:99:99:99:9999"
MISSING_ID = "987654321"


@dataclass
class World:
    users: dict[str, User]
    a_party: Party
    coholder: Party
    a_land: Property  # a parcel A holds (from the demo city)
    a_shared: Property  # A 7/13, Qahhorova 6/13
    a_building_number: str
    a_numbers: list[str]  # every property A holds
    a_source: Source  # a document of A's property, with its scan
    a_extract_code: str
    a_appeal: Appeal
    a_photo: Photo
    foreign_incident: Incident  # outside the district of operator-district
    public_parcel_number: str
    public_building_number: str
    district_code: str
    segment_id: int
    camera_id: int
    incident_type_code: str
    tile: tuple[int, int, int]
    markers: dict[str, str] = field(default_factory=dict)


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def _tile_of(point: Point, z: int) -> tuple[int, int, int]:
    lon, lat = point.transform(4326, clone=True).coords
    n = 2**z
    x = int((lon + 180) / 360 * n)
    y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
    return z, x, y


def build_world() -> World:
    city_build(parcels=150, seed=1)
    create_demo_accounts()
    build_demo_incidents(seed=1, count=40, waiting_appeals=4)
    users = {role: User.objects.get(username=name) for role, name in ROLE_USERNAMES.items()}
    a_party = users["citizen"].profile.party

    held_ids = Right.objects.current().filter(party=a_party).values("property_id")
    a_land = Property.objects.filter(pk__in=held_ids, kind=Property.Kind.LAND).order_by("pk")[0]

    # A's parcel with a distinctive share and a co-holder of its own.
    shared_parcel = make_parcel(number="10:01:99:99:99:0777")
    a_shared = make_property(number=shared_parcel.cadastral_number)
    coholder = make_person(
        last_name="Qahhorova",
        first_name="Zaynabbonu",
        pinfl="39912345678901",
        passport="ZZ9876543",
    )
    make_right(prop=a_shared, party=a_party, share=(7, 13))
    make_right(prop=a_shared, party=coholder, share=(6, 13))

    attach_demo_files()
    a_numbers = sorted(
        Property.objects.filter(
            pk__in=Right.objects.current().filter(party=a_party).values("property_id")
        ).values_list("cadastral_number", flat=True)
    )
    a_source = (
        Source.objects.filter(rights__property=a_land, rights__valid_until__isnull=True)
        .exclude(file="")
        .order_by("pk")[0]
    )
    extract = order_extract(
        users["citizen"], a_land.cadastral_number, "en", base_url="http://testserver"
    )
    notify_watchers(a_land, "lookup", "Walk notification for the holder.")

    category = IncidentType.objects.filter(is_active=True, is_open311=True).order_by("code")[0]
    parcel_point = make_point_inside(a_land.cadastral_number)
    appeal = appeal_file(
        user=users["citizen"],
        category=category,
        geom=parcel_point.transform(4326, clone=True),
        text="Walk appeal: water on the street.",
        photos=[_png()],
        contact_name="Zaynab Walker",
        contact_email="zaynab.walker@example.org",
        contact_phone="+998901234567",
        rate_limited=False,
    )
    photo = Photo.objects.filter(appeal=appeal).get()

    limited = users["operator_district"]
    own_district = limited.role_grants.get(role="operator").districts.get()
    foreign_incident = Incident.objects.exclude(district=own_district).order_by("pk")[0]

    public_parcel = (
        Property.objects.filter(kind=Property.Kind.LAND).exclude(pk__in=held_ids).order_by("pk")[0]
    )
    building = Building.objects.current().filter(parcel_number=a_land.cadastral_number).first()
    public_building = (
        Building.objects.current()
        .exclude(cadastral_number=None)
        .exclude(parcel_number__in=a_numbers)
        .order_by("pk")[0]
    )
    world = World(
        users=users,
        a_party=a_party,
        coholder=coholder,
        a_land=a_land,
        a_shared=a_shared,
        a_building_number=building.cadastral_number if building else MISSING_NUMBER,
        a_numbers=a_numbers,
        a_source=a_source,
        a_extract_code=extract.code,
        a_appeal=appeal,
        a_photo=photo,
        foreign_incident=foreign_incident,
        public_parcel_number=public_parcel.cadastral_number,
        public_building_number=public_building.cadastral_number,
        district_code=own_district.code,
        segment_id=InfrastructureSegment.objects.order_by("pk")[0].pk,
        camera_id=Camera.objects.order_by("pk")[0].pk,
        incident_type_code=category.code,
        tile=_tile_of(parcel_point, 16),
    )
    world.markers = {
        "A's PINFL": a_party.pinfl,
        "A's passport": a_party.passport,
        "A's name": a_party.display_name,
        "co-holder's PINFL": coholder.pinfl,
        "co-holder's passport": coholder.passport,
        "co-holder's name": coholder.display_name,
        "A's share": "7/13",
        "co-holder's share": "6/13",
        "appellant's e-mail": "zaynab.walker@example.org",
        "appellant's phone": "+998901234567",
        "appellant's name": "Zaynab Walker",
    }
    return world


def make_point_inside(number: str) -> Point:
    parcel = Parcel.objects.current().get(cadastral_number=number)
    return parcel.geom.point_on_surface
