""" "My property": what a citizen holds, with their share, co-holders, encumbrances and history.

Every function here takes the user and reads only through portal.access, so a citizen never
reaches another person's property (404, as for one that does not exist). Each answer names
parties and shares, so each read is written to the audit log in the same transaction.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from itertools import chain

from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest

from audit.models import Action, AuditEntry
from audit.selectors import entries_for_property
from audit.services import record
from cadastre.models import (
    Building,
    BuildingUnit,
    Parcel,
    Party,
    PartyGroupMember,
    Property,
    Responsibility,
    Restriction,
    Right,
    Source,
)
from core.geojson import geojson_4326
from portal.access import held_properties, held_property_for, holder_party
from portal.models import Notification
from portal.shares import Share


@dataclass(frozen=True)
class MapObject:
    """A parcel, building or unit a property comprises, with its outline for the map.

    A unit has no outline of its own: it is drawn with its building's footprint.
    """

    kind: str  # "parcel", "building" or "unit"
    cadastral_number: str
    address: str
    geometry_geojson: str | None  # EPSG:4326
    detail: dict[str, object]


@dataclass(frozen=True)
class RightRow:
    """A right in force, its holders' names, its share and the part of it that is mine."""

    right: Right
    holder_names: list[str]
    share: Share
    my_share: Share | None


@dataclass(frozen=True)
class HeldProperty:
    """One property as its holder sees it now."""

    property: Property
    objects: list[MapObject]
    rights: list[RightRow]
    my_shares: dict[str, Share]  # right type -> my total share of that right
    co_holders: list[str]
    restrictions: list[Restriction]
    responsibilities: list[Responsibility]

    @property
    def address(self) -> str:
        return next((o.address for o in self.objects if o.address), "")


@dataclass(frozen=True)
class HistoryEntry:
    """One registered version of a right, restriction, responsibility or object."""

    kind: str  # "right", "restriction", "responsibility", "parcel", "building", "unit"
    type: str
    type_label: str
    cadastral_number: str
    registration_number: str
    version: int
    valid_from: datetime
    valid_until: datetime | None
    holder_names: list[str]
    share: Share | None


@dataclass(frozen=True)
class HeldPropertyDetail:
    """A held property with every registered version and who read or changed it."""

    held: HeldProperty
    history: list[HistoryEntry]
    audit_entries: list[AuditEntry]


# The newest audit entries shown with a property; older ones remain in the log.
_AUDIT_LIMIT = 200
_VERSION_FIELDS = ("cadastral_number", "version", "valid_from", "valid_until")
_SOURCES = Prefetch("sources", queryset=Source.objects.order_by("issued_on", "pk"))
_MEMBERS = Prefetch(
    "party_group__memberships",
    queryset=PartyGroupMember.objects.select_related("party").order_by("pk"),
)


def _numbers_of(props: Iterable[Property]) -> dict[int, list[str]]:
    """Property id -> the cadastral numbers of the objects it comprises (its own first)."""
    numbers = {p.pk: [p.cadastral_number] for p in props}
    for prop in props:
        for component in prop.components.all():
            if component.cadastral_number not in numbers[prop.pk]:
                numbers[prop.pk].append(component.cadastral_number)
    return numbers


def _map_objects(numbers: set[str]) -> dict[str, MapObject]:
    """Current parcels, buildings and units among `numbers`, by number."""
    found: dict[str, MapObject] = {}
    parcels = (
        Parcel.objects.current()
        .filter(cadastral_number__in=numbers)
        .annotate(geometry_geojson=geojson_4326())
        .defer("geom", "geom_3857")
    )
    for parcel in parcels:
        found[parcel.cadastral_number] = MapObject(
            kind="parcel",
            cadastral_number=parcel.cadastral_number,
            address=parcel.address,
            geometry_geojson=parcel.geometry_geojson,
            detail={
                "land_use": parcel.land_use,
                "area_official_m2": parcel.area_official_m2,
                "area_computed_m2": round(parcel.area_computed_m2, 2),
            },
        )
    units = list(BuildingUnit.objects.current().filter(cadastral_number__in=numbers))
    building_numbers = numbers | {unit.building_number for unit in units}
    buildings = {
        b.cadastral_number: b
        for b in Building.objects.current()
        .filter(cadastral_number__in=building_numbers)
        .annotate(geometry_geojson=geojson_4326())
        .defer("geom", "geom_3857")
    }
    for number, building in buildings.items():
        if number in numbers:
            found[number] = MapObject(
                kind="building",
                cadastral_number=number,
                address=building.address,
                geometry_geojson=building.geometry_geojson,
                detail={"use": building.use, "floors": building.floors},
            )
    for unit in units:
        building = buildings.get(unit.building_number)
        found[unit.cadastral_number] = MapObject(
            kind="unit",
            cadastral_number=unit.cadastral_number,
            address=building.address if building else "",
            geometry_geojson=building.geometry_geojson if building else None,
            detail={
                "number": unit.number,
                "floor": unit.floor,
                "area_m2": unit.area_m2,
                "rooms": unit.rooms,
            },
        )
    return found


def _holder_names(right: Right) -> list[str]:
    if right.party_id is not None:
        return [right.party.display_name]
    return [m.party.display_name for m in right.party_group.memberships.all()]


def _my_part(right: Right, me: Party | None) -> Share | None:
    """My part of `right`: its share if I hold it, its share times mine in its party group."""
    share = Share.of(right.share_numerator, right.share_denominator)
    if me is None:
        return None
    if right.party_id is not None:
        return share if right.party_id == me.pk else None
    for member in right.party_group.memberships.all():
        if member.party_id == me.pk:
            return share * Share.of(member.share_numerator, member.share_denominator)
    return None


def _co_holders(rights: list[Right], me: Party | None) -> list[str]:
    """Names of the other parties holding a right in force, each once, in register order."""
    names: dict[int, str] = {}
    for right in rights:
        parties = (
            [right.party]
            if right.party_id is not None
            else [m.party for m in right.party_group.memberships.all()]
        )
        for party in parties:
            if me is None or party.pk != me.pk:
                names.setdefault(party.pk, party.display_name)
    return list(names.values())


def _current_facts(
    model: type[Right] | type[Restriction] | type[Responsibility], props: list[Property]
) -> QuerySet:
    return model.objects.current().filter(property__in=props).prefetch_related(_SOURCES)


def _held(props: list[Property], me: Party | None) -> list[HeldProperty]:
    """The register in force now for `props`, seen by the party `me`."""
    numbers = _numbers_of(props)
    objects = _map_objects(set(chain.from_iterable(numbers.values())))
    rights: dict[int, list[Right]] = defaultdict(list)
    for right in (
        _current_facts(Right, props)
        .select_related("party", "party_group")
        .prefetch_related(_MEMBERS)
        .order_by("right_type", "registered_on", "pk")
    ):
        rights[right.property_id].append(right)
    restrictions: dict[int, list[Restriction]] = defaultdict(list)
    for restriction in (
        _current_facts(Restriction, props)
        .select_related("beneficiary")
        .order_by("restriction_type", "rank", "registered_on", "pk")
    ):
        restrictions[restriction.property_id].append(restriction)
    responsibilities: dict[int, list[Responsibility]] = defaultdict(list)
    for responsibility in (
        _current_facts(Responsibility, props)
        .select_related("party")
        .order_by("registered_on", "pk")
    ):
        responsibilities[responsibility.property_id].append(responsibility)

    held = []
    for prop in props:
        rows = [
            RightRow(
                right=right,
                holder_names=_holder_names(right),
                share=Share.of(right.share_numerator, right.share_denominator),
                my_share=_my_part(right, me),
            )
            for right in rights[prop.pk]
        ]
        my_shares: dict[str, Share] = {}
        for row in rows:
            if row.my_share is not None:
                earlier = my_shares.get(row.right.right_type)
                my_shares[row.right.right_type] = (
                    row.my_share if earlier is None else earlier + row.my_share
                )
        held.append(
            HeldProperty(
                property=prop,
                objects=[objects[n] for n in numbers[prop.pk] if n in objects],
                rights=rows,
                my_shares=my_shares,
                co_holders=_co_holders(rights[prop.pk], me),
                restrictions=restrictions[prop.pk],
                responsibilities=responsibilities[prop.pk],
            )
        )
    return held


def _record_read(
    user: User | AnonymousUser, prop: Property, request: HttpRequest | None, view: str
) -> None:
    record(
        actor=user,
        action=Action.READ_PERSONAL,
        object_type="property",
        object_id=prop.pk,
        cadastral_number=prop.cadastral_number,
        request=request,
        detail={"view": view},
    )


@transaction.atomic
def my_property_list(
    user: User | AnonymousUser, *, request: HttpRequest | None = None
) -> list[HeldProperty]:
    """The properties the citizen `user` holds now, by cadastral number; each read audited."""
    props = list(held_properties(user).prefetch_related("components").order_by("cadastral_number"))
    held = _held(props, holder_party(user))
    for prop in props:
        _record_read(user, prop, request, "my_property_list")
    return held


def _fact_entry(
    kind: str,
    fact: Right | Restriction | Responsibility,
    *,
    type: str,
    type_label: str,
    prop: Property,
    holder_names: list[str] | None = None,
    share: Share | None = None,
) -> HistoryEntry:
    """One version of a registered fact (right, restriction, responsibility) on `prop`."""
    return HistoryEntry(
        kind=kind,
        type=type,
        type_label=type_label,
        cadastral_number=prop.cadastral_number,
        registration_number=fact.registration_number,
        version=fact.version,
        valid_from=fact.valid_from,
        valid_until=fact.valid_until,
        holder_names=holder_names or [],
        share=share,
    )


def _history(prop: Property, numbers: list[str]) -> list[HistoryEntry]:
    """Every version of the property's facts and objects, oldest first."""
    entries: list[HistoryEntry] = []
    rights = (
        Right.objects.filter(property=prop)
        .select_related("party", "party_group")
        .prefetch_related(_MEMBERS)
    )
    for right in rights:
        entries.append(
            _fact_entry(
                "right",
                right,
                type=right.right_type,
                type_label=right.get_right_type_display(),
                prop=prop,
                holder_names=_holder_names(right),
                share=Share.of(right.share_numerator, right.share_denominator),
            )
        )
    for restriction in Restriction.objects.filter(property=prop):
        entries.append(
            _fact_entry(
                "restriction",
                restriction,
                type=restriction.restriction_type,
                type_label=restriction.get_restriction_type_display(),
                prop=prop,
            )
        )
    for responsibility in Responsibility.objects.filter(property=prop):
        entries.append(
            _fact_entry(
                "responsibility",
                responsibility,
                type=responsibility.responsibility_type,
                type_label=responsibility.get_responsibility_type_display(),
                prop=prop,
            )
        )
    objects: list[tuple[str, QuerySet]] = [
        ("parcel", Parcel.objects.filter(cadastral_number__in=numbers).only(*_VERSION_FIELDS)),
        ("building", Building.objects.filter(cadastral_number__in=numbers).only(*_VERSION_FIELDS)),
        ("unit", BuildingUnit.objects.filter(cadastral_number__in=numbers).only(*_VERSION_FIELDS)),
    ]
    for kind, versions in objects:
        for version in versions:
            entries.append(
                HistoryEntry(
                    kind=kind,
                    type=kind,
                    type_label=version._meta.verbose_name.capitalize(),
                    cadastral_number=version.cadastral_number,
                    registration_number="",
                    version=version.version,
                    valid_from=version.valid_from,
                    valid_until=version.valid_until,
                    holder_names=[],
                    share=None,
                )
            )
    entries.sort(key=lambda e: (e.valid_from, e.kind, e.registration_number, e.version))
    return entries


@transaction.atomic
def my_property_get(
    user: User | AnonymousUser, cadastral_number: str, *, request: HttpRequest | None = None
) -> HeldPropertyDetail:
    """One property the citizen `user` holds now, with its history and audit trail.

    Http404 for a property that is missing or not theirs; the read is audited.
    """
    found = held_property_for(user, cadastral_number)
    prop = Property.objects.prefetch_related("components").get(pk=found.pk)
    (held,) = _held([prop], holder_party(user))
    numbers = _numbers_of([prop])[prop.pk]
    audit_entries = list(entries_for_property(user, prop.cadastral_number)[:_AUDIT_LIMIT])
    _record_read(user, prop, request, "my_property_detail")
    return HeldPropertyDetail(
        held=held, history=_history(prop, numbers), audit_entries=audit_entries
    )


@dataclass(frozen=True)
class Inbox:
    unread: int
    notifications: list[Notification]


def my_notifications(user: User | AnonymousUser, *, limit: int = 100) -> Inbox:
    """The newest `limit` notifications to `user`, and how many of all of them are unread."""
    if not user.is_authenticated:
        return Inbox(unread=0, notifications=[])
    mine = Notification.objects.filter(recipient=user)
    newest = mine.select_related("property").order_by("-created_at", "-pk")[:limit]
    return Inbox(unread=mine.filter(read_at__isnull=True).count(), notifications=list(newest))
