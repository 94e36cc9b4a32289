"""What an extract certifies: the register's facts about one property at one moment, as JSON.

The snapshot is exactly what the extract prints, and nothing more: the objects (parcels,
buildings, unit) with their numbers, addresses, areas and outlines, the rights with their
holders' names and shares, the encumbrances and responsibilities, and the documents they rest
on. Its canonical JSON (sorted keys, no spaces, UTF-8) is hashed, so the same facts always give
the same digest, and `changes` tells which parts of a stored snapshot the register no longer
holds.
"""

import hashlib
import json
from datetime import datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db.models import Prefetch, Q

from cadastre.models import (
    Building,
    BuildingUnit,
    Parcel,
    PartyGroupMember,
    Property,
    Responsibility,
    Restriction,
    Right,
    Source,
)
from core import cadastral_number as cn
from core.exceptions import ConflictError

FORMAT = 1
# Sections compared to tell whether the register changed since an extract was issued.
SECTIONS = (
    "property",
    "parcels",
    "buildings",
    "units",
    "rights",
    "restrictions",
    "responsibilities",
)
# Centimetres: finer than any survey in the register, coarse enough to survive a round trip.
_COORDINATE_DECIMALS = 2
_SOURCES = Prefetch("sources", queryset=Source.objects.order_by("issued_on", "number", "pk"))
_MEMBERS = Prefetch(
    "party_group__memberships",
    queryset=PartyGroupMember.objects.select_related("party").order_by("pk"),
)


class PropertyNotCertifiableError(ConflictError):
    code = "property_not_certifiable"


def _text(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def _day(value: Any) -> str | None:
    return None if value is None else value.isoformat()


def _share(numerator: int, denominator: int) -> str:
    share = Fraction(numerator, denominator)
    return f"{share.numerator}/{share.denominator}"


def _outline(geom: Any) -> dict[str, Any]:
    def ring(points: Any) -> list[list[float]]:
        return [[round(x, _COORDINATE_DECIMALS), round(y, _COORDINATE_DECIMALS)] for x, y in points]

    return {
        "type": "MultiPolygon",
        "srid": geom.srid,
        "coordinates": [[ring(r) for r in polygon] for polygon in geom.coords],
    }


def _party(party: Any) -> dict[str, Any]:
    entry = {"kind": party.kind, "name": party.display_name}
    if party.kind != party.Kind.PERSON and party.tin:
        entry["tin"] = party.tin
    return entry


def _holder(right: Right) -> dict[str, Any]:
    if right.party_id is not None:
        return _party(right.party)
    group = right.party_group
    return {
        "kind": "group",
        "name": group.name,
        "members": [
            {**_party(m.party), "share": _share(m.share_numerator, m.share_denominator)}
            for m in group.memberships.all()
        ],
    }


def _source_refs(fact: Any, seen: dict[int, dict[str, Any]]) -> list[str]:
    refs = []
    for source in fact.sources.all():
        seen.setdefault(
            source.pk,
            {
                "kind": source.kind,
                "number": source.number,
                "issued_on": _day(source.issued_on),
                "issuer": source.issuer,
            },
        )
        refs.append(source.number)
    return refs


def _facts(prop: Property, moment: datetime) -> dict[str, list[dict[str, Any]]]:
    seen: dict[int, dict[str, Any]] = {}
    rights = (
        Right.objects.as_of(moment)
        .filter(property=prop)
        .select_related("party", "party_group")
        .prefetch_related(_SOURCES, _MEMBERS)
        .order_by("right_type", "registered_on", "registration_number", "pk")
    )
    restrictions = (
        Restriction.objects.as_of(moment)
        .filter(property=prop)
        .select_related("beneficiary")
        .prefetch_related(_SOURCES)
        .order_by("restriction_type", "rank", "registered_on", "registration_number", "pk")
    )
    responsibilities = (
        Responsibility.objects.as_of(moment)
        .filter(property=prop)
        .select_related("party")
        .prefetch_related(_SOURCES)
        .order_by("responsibility_type", "registered_on", "registration_number", "pk")
    )

    def registration(fact: Any) -> dict[str, Any]:
        return {
            "registration_number": fact.registration_number,
            "registered_on": _day(fact.registered_on),
            "term_from": _day(fact.term_from),
            "term_until": _day(fact.term_until),
            "sources": _source_refs(fact, seen),
        }

    facts = {
        "rights": [
            {
                "type": r.right_type,
                "holder": _holder(r),
                "share": _share(r.share_numerator, r.share_denominator),
                **registration(r),
            }
            for r in rights
        ],
        "restrictions": [
            {
                "type": r.restriction_type,
                "beneficiary": _party(r.beneficiary) if r.beneficiary_id else None,
                "amount_soum": _text(r.amount),
                "rank": r.rank,
                "description": r.description,
                **registration(r),
            }
            for r in restrictions
        ],
        "responsibilities": [
            {
                "type": r.responsibility_type,
                "party": _party(r.party) if r.party_id else None,
                "description": r.description,
                **registration(r),
            }
            for r in responsibilities
        ],
    }
    facts["sources"] = sorted(seen.values(), key=lambda s: (s["issued_on"], s["number"]))
    return facts


def _objects(prop: Property, moment: datetime) -> dict[str, list[dict[str, Any]]]:
    numbers = {prop.cadastral_number, *prop.components.values_list("cadastral_number", flat=True)}
    parsed = [cn.parse(number) for number in sorted(numbers)]
    units = BuildingUnit.objects.as_of(moment).filter(
        cadastral_number__in=[str(n) for n in parsed if n.level == cn.Level.UNIT]
    )
    units = list(units.order_by("cadastral_number"))
    building_numbers = {str(n) for n in parsed if n.level == cn.Level.BUILDING}
    building_numbers |= {unit.building_number for unit in units}
    whole_parcels = [str(n) for n in parsed if n.level == cn.Level.PARCEL]
    buildings = Building.objects.as_of(moment).filter(
        Q(cadastral_number__in=building_numbers) | Q(parcel_number__in=whole_parcels)
    )
    buildings = list(buildings.order_by("cadastral_number"))
    parcel_numbers = {n.parcel_number for n in parsed}
    parcels = list(
        Parcel.objects.as_of(moment)
        .filter(cadastral_number__in=parcel_numbers)
        .order_by("cadastral_number")
    )
    if not parcels:
        raise PropertyNotCertifiableError(
            f"The register holds no parcel in force for property {prop.cadastral_number}, so "
            f"no extract can be issued for it. Ask the registry to check the record."
        )
    return {
        "parcels": [
            {
                "cadastral_number": p.cadastral_number,
                "address": p.address,
                "land_use": p.land_use,
                "area_official_m2": _text(p.area_official_m2),
                "area_computed_m2": f"{p.area_computed_m2:.2f}",
                "outline": _outline(p.geom),
            }
            for p in parcels
        ],
        "buildings": [
            {
                "cadastral_number": b.cadastral_number,
                "address": b.address,
                "use": b.use,
                "floors": b.floors,
                "year_built": b.year_built,
                "outline": _outline(b.geom),
            }
            for b in buildings
        ],
        "units": [
            {
                "cadastral_number": u.cadastral_number,
                "number": u.number,
                "floor": u.floor,
                "area_m2": _text(u.area_m2),
                "rooms": u.rooms,
                "use": u.use,
            }
            for u in units
        ],
    }


def snapshot_build(*, prop: Property, moment: datetime) -> dict[str, Any]:
    """The snapshot of `prop` as registered at `moment` (aware), ready to store and print."""
    return {
        "format": FORMAT,
        "certified_at": moment.isoformat(),
        "property": {"cadastral_number": prop.cadastral_number, "kind": prop.kind},
        **_objects(prop, moment),
        **_facts(prop, moment),
    }


def canonical_json(snapshot: dict[str, Any]) -> bytes:
    """The one byte form of a snapshot that its digest is taken over."""
    return json.dumps(snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def snapshot_sha256(snapshot: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_json(snapshot)).hexdigest()


def changes(*, stored: dict[str, Any], current: dict[str, Any] | None) -> list[str]:
    """The sections of `stored` that `current` differs in; every section if there is none."""
    if current is None:
        return list(SECTIONS)
    return [section for section in SECTIONS if stored.get(section) != current.get(section)]
