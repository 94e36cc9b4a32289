"""Plain factory functions for the register's objects (tiny, deterministic, real rows)."""

import itertools
from datetime import date, datetime
from decimal import Decimal

from django.contrib.gis.geos import MultiPolygon
from django.utils import timezone

from cadastre.models import Building, LandUse, Parcel, Party, Property, Restriction, Right, Source
from tests.geometry import square

_counter = itertools.count(1)


def at(day: str) -> datetime:
    """Noon of an ISO day in the project's time zone: a moment well inside that day."""
    return timezone.make_aware(datetime.fromisoformat(day + "T12:00"))


def next_parcel_number(block: str = "10:01:01:01:01") -> str:
    return f"{block}:{next(_counter):04d}"


def make_parcel(
    *,
    number: str | None = None,
    geom: MultiPolygon | None = None,
    valid_from: datetime | None = None,
    land_use: str = LandUse.RESIDENTIAL,
    **fields: object,
) -> Parcel:
    n = next(_counter)
    extra = {"valid_from": valid_from} if valid_from else {}
    return Parcel.objects.create(
        cadastral_number=number or f"10:01:01:01:01:{n:04d}",
        geom=square(n * 30, 0) if geom is None else geom,
        land_use=land_use,
        address=f"Navoiy ko'chasi, {n}",
        **extra,
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


def make_property(*, number: str, kind: str = Property.Kind.LAND) -> Property:
    return Property.objects.create(cadastral_number=number, kind=kind)


def make_person(*, last_name: str = "Karimov", first_name: str = "Aziz", **fields: object) -> Party:
    n = next(_counter)
    return Party.objects.create(
        kind=Party.Kind.PERSON,
        last_name=last_name,
        first_name=first_name,
        patronymic=fields.pop("patronymic", "Rustamovich"),
        pinfl=fields.pop("pinfl", f"{30101199000000 + n:014d}"),
        passport=fields.pop("passport", f"AB{n:07d}"),
        **fields,
    )


def make_bank(*, name: str = "Xalq banki") -> Party:
    n = next(_counter)
    return Party.objects.create(
        kind=Party.Kind.LEGAL, organisation_name=name, tin=f"{200000000 + n:09d}"
    )


def make_source(*, kind: str = Source.Kind.NOTARIAL_DEED, issued_on: date | None = None) -> Source:
    n = next(_counter)
    return Source.objects.create(
        kind=kind,
        number=f"N-{n}",
        issued_on=issued_on or date(2015, 3, 1),
        issuer="Toshkent shahar notariusi",
    )


def make_right(
    *,
    prop: Property,
    party: Party,
    share: tuple[int, int] = (1, 1),
    right_type: str = Right.Type.OWNERSHIP,
    valid_from: datetime | None = None,
    **fields: object,
) -> Right:
    extra = {"valid_from": valid_from} if valid_from else {}
    right = Right.objects.create(
        property=prop,
        party=party,
        right_type=right_type,
        share_numerator=share[0],
        share_denominator=share[1],
        registration_number=f"R-{next(_counter)}",
        registered_on=(valid_from.date() if valid_from else date(2015, 3, 1)),
        **extra,
        **fields,
    )
    right.sources.add(make_source())
    return right


def make_mortgage(
    *,
    prop: Property,
    amount: str,
    registration_number: str,
    registered_on: date,
    beneficiary: Party | None = None,
    source: Source | None = None,
    valid_from: datetime | None = None,
) -> Restriction:
    """A first-rank mortgage to a bank, with its agreement (a new one unless `source`)."""
    extra = {"valid_from": valid_from} if valid_from else {}
    mortgage = Restriction.objects.create(
        property=prop,
        restriction_type=Restriction.Type.MORTGAGE,
        beneficiary=beneficiary or make_bank(),
        amount=Decimal(amount),
        rank=1,
        registration_number=registration_number,
        registered_on=registered_on,
        **extra,
    )
    mortgage.sources.add(source or make_source(kind=Source.Kind.MORTGAGE_AGREEMENT))
    return mortgage
