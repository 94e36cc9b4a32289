"""A tiny city for situation tests: a city boundary and two districts, west and east.

In metres from the test origin (central Tashkent, storage CRS): the city spans
x -2000..2000, y -1000..1000; district W is x < 0, district E is x >= 0.
"""

from datetime import timedelta

from django.contrib.gis.geos import Point

from gis.models import AdminArea
from situation.catalogue import catalogue_ensure
from situation.models import Department, DepartmentRoute, Incident, IncidentType
from situation.services import incident_create
from tests.api.factories import make_area_chain
from tests.geometry import point, rectangle


def make_city() -> dict[str, AdminArea]:
    catalogue_ensure()  # a flushed test database (after a live-server test) lost the seed
    city = AdminArea.objects.create(
        level=AdminArea.Level.CITY,
        code="TC",
        name_uz="Test city",
        geom=rectangle(-2000, -1000, 4000, 2000),
    )
    west = AdminArea.objects.create(
        level=AdminArea.Level.DISTRICT,
        code="TC-W",
        name_uz="West",
        parent=city,
        geom=rectangle(-2000, -1000, 2000, 2000),
    )
    east = AdminArea.objects.create(
        level=AdminArea.Level.DISTRICT,
        code="TC-E",
        name_uz="East",
        parent=city,
        geom=rectangle(0, -1000, 2000, 2000),
    )
    return {"city": city, "west": west, "east": east}


def make_chain_and_east() -> tuple[dict[str, AdminArea], AdminArea]:
    """The register's area chain 10:01 (its district west of x = 2000) and district 10:02
    "Sharqiy" east of it, for tests that need parcels with cadastral numbers on both sides."""
    chain = make_area_chain(prefix="10:01")
    east = AdminArea.objects.create(
        level=AdminArea.Level.DISTRICT,
        code="10:02",
        name_uz="Sharqiy",
        parent=chain["city"],
        geom=rectangle(2000, -1000, 2000, 2000),
    )
    return chain, east


def lonlat(x: float, y: float) -> Point:
    """The test point (x, y) metres from the origin, as EPSG:4326 degrees."""
    return point(x, y).transform(4326, clone=True)


def incident_type(code: str = "water_leak") -> IncidentType:
    catalogue_ensure()
    return IncidentType.objects.get(code=code)


def route_to(code: str, district: AdminArea) -> Department:
    """A department of its own for `code` incidents in `district`."""
    department = Department.objects.create(
        code=f"{code}-{district.code}".lower().replace("_", "-"), name_uz=f"{code} {district.code}"
    )
    DepartmentRoute.objects.create(
        incident_type=incident_type(code), district=district, department=department
    )
    return department


def make_incident(
    x: float = 100, y: float = 100, *, code: str = "water_leak", user=None, **fields
) -> Incident:
    return incident_create(user=user, incident_type=incident_type(code), geom=point(x, y), **fields)


def backdate(incident: Incident, *, hours: float) -> Incident:
    """Shift the incident's clock `hours` into the past (created and due times)."""
    Incident.objects.filter(pk=incident.pk).update(
        created_at=incident.created_at - timedelta(hours=hours),
        sla_due_at=incident.sla_due_at - timedelta(hours=hours),
    )
    incident.refresh_from_db()
    return incident


def png_bytes(width: int = 2, height: int = 2) -> bytes:
    """A real, decodable PNG of `width` x `height` grey pixels."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
