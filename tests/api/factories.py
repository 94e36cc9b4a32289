"""Small builders for the public API tests: real rows, tiny deterministic geometry."""

import itertools
from decimal import Decimal

from django.contrib.gis.geos import LineString, MultiPolygon
from pyproj import Transformer

from cadastre.models import Building, BuildingUnit, LandUse, Parcel
from gis.models import AdminArea, Camera, InfrastructureSegment, Network
from tests.geometry import ORIGIN_X, ORIGIN_Y, point, rectangle, square

_counter = itertools.count(1)
_to_lonlat = Transformer.from_crs("EPSG:32642", "EPSG:4326", always_xy=True)


def lonlat(x: float, y: float) -> tuple[float, float]:
    """Longitude and latitude of the point (x, y) metres from the test origin (pyproj)."""
    return _to_lonlat.transform(ORIGIN_X + x, ORIGIN_Y + y)


def bbox_around(x0: float, y0: float, x1: float, y1: float) -> str:
    """A lon/lat bbox parameter enclosing the metric rectangle (x0, y0)-(x1, y1)."""
    corners = [lonlat(x, y) for x in (x0, x1) for y in (y0, y1)]
    lons = [lon for lon, _ in corners]
    lats = [lat for _, lat in corners]
    return f"{min(lons)},{min(lats)},{max(lons)},{max(lats)}"


def make_area_chain(*, prefix: str = "10:01") -> dict[str, AdminArea]:
    """A city, one district, one mahalla and one block, each covering the last."""
    city, _ = AdminArea.objects.get_or_create(
        code="10",
        defaults={
            "level": AdminArea.Level.CITY,
            "name_uz": "Toshkent",
            "name_ru": "Ташкент",
            "name_en": "Tashkent",
            "geom": rectangle(-5000, -5000, 10000, 10000),
        },
    )
    district = AdminArea.objects.create(
        level=AdminArea.Level.DISTRICT,
        code=prefix,
        name_uz=f"Tuman {prefix}",
        name_ru=f"Район {prefix}",
        name_en=f"District {prefix}",
        parent=city,
        geom=rectangle(-1000, -1000, 3000, 2000),
    )
    mahalla = AdminArea.objects.create(
        level=AdminArea.Level.MAHALLA,
        code=f"{prefix}:01:01",
        name_uz=f"Mahalla {prefix}",
        name_ru=f"Махалля {prefix}",
        name_en=f"Mahalla {prefix}",
        parent=district,
        geom=rectangle(-500, -500, 2000, 1000),
    )
    block = AdminArea.objects.create(
        level=AdminArea.Level.BLOCK,
        code=f"{prefix}:01:01:01",
        name_uz=f"Kvartal {prefix}",
        name_ru=f"Квартал {prefix}",
        name_en=f"Block {prefix}",
        parent=mahalla,
        geom=rectangle(-100, -100, 1500, 500),
    )
    return {"city": city, "district": district, "mahalla": mahalla, "block": block}


def make_parcel(
    *,
    block: AdminArea | None = None,
    geom: MultiPolygon | None = None,
    number: str | None = None,
    **fields: object,
) -> Parcel:
    n = next(_counter)
    prefix = block.code if block is not None else "10:01:01:01:01"
    return Parcel.objects.create(
        cadastral_number=number or f"{prefix}:{n:04d}",
        geom=geom if geom is not None else square(n * 30, 0),
        land_use=fields.pop("land_use", LandUse.RESIDENTIAL),
        address=fields.pop("address", f"Navoiy ko'chasi, {n}"),
        block=block,
        **fields,
    )


def make_building(*, parcel: Parcel, suffix: str = "0001", **fields: object) -> Building:
    return Building.objects.create(
        cadastral_number=f"{parcel.cadastral_number}:{suffix}",
        geom=MultiPolygon(parcel.geom.buffer(-2), srid=parcel.geom.srid),
        use=fields.pop("use", Building.Use.HOUSE),
        floors=fields.pop("floors", 2),
        **fields,
    )


def make_units(*, building: Building, count: int) -> list[BuildingUnit]:
    return [
        BuildingUnit.objects.create(
            cadastral_number=f"{building.cadastral_number}:{n:03d}",
            number=str(n),
            floor=1 + (n - 1) // 4,
            area_m2=Decimal("54.30"),
        )
        for n in range(1, count + 1)
    ]


def make_camera(*, x: float = 0, y: float = 0, **fields: object) -> Camera:
    return Camera.objects.create(
        name=fields.pop("name", "Amir Temur xiyoboni"),
        direction_deg=fields.pop("direction_deg", 90.0),
        field_of_view_deg=fields.pop("field_of_view_deg", 60.0),
        range_m=fields.pop("range_m", 80.0),
        geom=point(x, y),
        **fields,
    )


def make_segment(
    *, x: float = 0, y: float = 0, length: float = 100, **fields: object
) -> InfrastructureSegment:
    start, end = point(x, y), point(x + length, y)
    return InfrastructureSegment.objects.create(
        network=fields.pop("network", Network.WATER),
        name=fields.pop("name", "Bunyodkor"),
        owner_body=fields.pop("owner_body", "Suvsoz"),
        geom=LineString(start.coords, end.coords, srid=start.srid),
        **fields,
    )
