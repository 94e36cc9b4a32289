"""What the register held for a parcel at a moment: the as-of reading of versioned facts.

Not public: the answer names parties and shares. Callers decide who may read it.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from cadastre.models import (
    Building,
    BuildingUnit,
    Parcel,
    Property,
    Responsibility,
    Restriction,
    Right,
    Source,
)
from core import cadastral_number as cn
from core.exceptions import NotFoundError


@dataclass(frozen=True)
class PropertyState:
    """One property and the rights, restrictions and responsibilities in force on it."""

    property: Property
    rights: list[Right]
    restrictions: list[Restriction]
    responsibilities: list[Responsibility]


@dataclass(frozen=True)
class RegisterState:
    """The registered state of one parcel, its buildings, units and properties at `moment`."""

    moment: datetime
    parcel: Parcel
    buildings: list[Building]
    units: list[BuildingUnit]
    properties: list[PropertyState]


def moment_of(*, when: date | datetime) -> datetime:
    """The instant a date stands for: the end of that day in the deployment's time zone."""
    if isinstance(when, datetime):
        if timezone.is_naive(when):
            raise ValueError("An as-of moment needs a time zone.")
        return when
    next_midnight = datetime.combine(when + timedelta(days=1), time.min)
    return timezone.make_aware(next_midnight) - timedelta(microseconds=1)


def _in_force(queryset: QuerySet, moment: datetime) -> QuerySet:
    return queryset.filter(valid_from__lte=moment).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gt=moment)
    )


def register_state_as_of(*, cadastral_number: str, when: date | datetime) -> RegisterState:
    """The parcel `cadastral_number` as registered at `when` (a date means its end of day)."""
    number = str(cn.parse(cadastral_number, level=cn.Level.PARCEL))
    moment = moment_of(when=when)
    parcel = _in_force(Parcel.objects.filter(cadastral_number=number), moment).first()
    if parcel is None:
        raise NotFoundError(f"No parcel {number} was registered on {moment:%Y-%m-%d %H:%M}.")
    prefix = f"{number}:"
    buildings = list(
        _in_force(Building.objects.filter(parcel_number=number), moment).order_by(
            "cadastral_number"
        )
    )
    units = list(
        _in_force(
            BuildingUnit.objects.filter(cadastral_number__startswith=prefix), moment
        ).order_by("cadastral_number")
    )
    sources = Prefetch("sources", queryset=Source.objects.order_by("issued_on", "pk"))
    properties = (
        Property.objects.filter(
            Q(cadastral_number=number)
            | Q(cadastral_number__startswith=prefix)
            | Q(components__cadastral_number=number)
        )
        .distinct()
        .order_by("cadastral_number")
    )
    property_ids = [p.pk for p in properties]
    rights = _in_force(Right.objects.filter(property_id__in=property_ids), moment)
    rights = rights.select_related("party", "party_group").prefetch_related(sources)
    restrictions = _in_force(Restriction.objects.filter(property_id__in=property_ids), moment)
    restrictions = restrictions.select_related("beneficiary").prefetch_related(sources)
    responsibilities = (
        _in_force(Responsibility.objects.filter(property_id__in=property_ids), moment)
        .select_related("party")
        .prefetch_related(sources)
    )
    by_property = {
        p.pk: PropertyState(property=p, rights=[], restrictions=[], responsibilities=[])
        for p in properties
    }
    for right in rights.order_by("right_type", "registered_on", "pk"):
        by_property[right.property_id].rights.append(right)
    for restriction in restrictions.order_by("restriction_type", "rank", "registered_on", "pk"):
        by_property[restriction.property_id].restrictions.append(restriction)
    for responsibility in responsibilities.order_by("registered_on", "pk"):
        by_property[responsibility.property_id].responsibilities.append(responsibility)
    return RegisterState(
        moment=moment,
        parcel=parcel,
        buildings=buildings,
        units=units,
        properties=list(by_property.values()),
    )
