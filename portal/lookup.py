"""A notary's look-up of a property: holders, shares, encumbrances and deal blockers as of a date.

A look-up reads personal data for a stated purpose. In one transaction it reads the register,
writes one audit entry per property it shows (the holder later sees who looked and why) and
tells the current holders; if any of that fails, none of it happened.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role
from accounts.roles import has_role
from audit.models import Action
from audit.services import PURPOSE_MAX_LENGTH, record
from cadastre.models import Party, PartyGroupMember, Property, Responsibility, Restriction, Right
from cadastre.selectors.register import RegisterState, register_state_as_of
from core import cadastral_number as cn
from core.exceptions import InvalidInputError, NotFoundError
from portal.models import Notification
from portal.services import notify_watchers
from portal.shares import Share

# Restrictions a notary must clear before a property changes hands.
BLOCKING_TYPES = (Restriction.Type.ARREST, Restriction.Type.MORTGAGE)
# Stated plainly in every answer until the register keeps pending applications (changes).
NO_PENDING_REGISTER = "no pending-change register yet"


@dataclass(frozen=True)
class HolderRow:
    """One holder of a right: the party, and their part of the property."""

    name: str
    kind: str
    national_id: str  # PINFL of a person, TIN of an entity: what the notary checks papers against
    share: Share


@dataclass(frozen=True)
class LookupRight:
    right: Right
    share: Share
    holders: list[HolderRow]


@dataclass(frozen=True)
class LookupProperty:
    property: Property
    rights: list[LookupRight]
    restrictions: list[Restriction]
    responsibilities: list[Responsibility]


@dataclass(frozen=True)
class Blocker:
    """A registered fact that stops or conditions a deal, and why."""

    cadastral_number: str
    restriction: Restriction
    reason: str


@dataclass(frozen=True)
class LookupResult:
    asked: str
    purpose: str
    as_of: date | None  # None: the register as it stands now
    state: RegisterState
    properties: list[LookupProperty]
    blockers: list[Blocker]


def clean_purpose(raw: str | None) -> str:
    """The stated purpose, required; InvalidInputError (400) when it is blank or too long."""
    purpose = (raw or "").strip()
    if not purpose:
        raise InvalidInputError(
            "purpose is required: state why you look this property up, for example the "
            "reference of the deal."
        )
    if len(purpose) > PURPOSE_MAX_LENGTH:
        raise InvalidInputError(f"purpose is longer than {PURPOSE_MAX_LENGTH} characters.")
    return purpose


def _national_id(party: Party) -> str:
    return party.pinfl or party.tin or ""


def _holders(right: Right, share: Share) -> list[HolderRow]:
    if right.party_id is not None:
        party = right.party
        return [HolderRow(party.display_name, party.kind, _national_id(party), share)]
    return [
        HolderRow(
            m.party.display_name,
            m.party.kind,
            _national_id(m.party),
            share * Share.of(m.share_numerator, m.share_denominator),
        )
        for m in right.party_group.memberships.all()
    ]


def _concerns(prop: Property, number: cn.CadastralNumber, components: set[str]) -> bool:
    """True when the property is about the asked object or a part of it."""
    asked = str(number)
    if number.level == cn.Level.PARCEL:
        return True
    return (
        prop.cadastral_number == asked
        or prop.cadastral_number.startswith(f"{asked}:")
        or asked in components
    )


def _blocker_reason(restriction: Restriction) -> str:
    if restriction.restriction_type == Restriction.Type.ARREST:
        return _("Arrest %(number)s of %(day)s: the property may not be sold or pledged.") % {
            "number": restriction.registration_number,
            "day": restriction.registered_on.isoformat(),
        }
    holder = restriction.beneficiary.display_name if restriction.beneficiary else ""
    return _(
        "Mortgage %(number)s (rank %(rank)s, %(holder)s): a sale needs the mortgagee's "
        "consent or the loan repaid."
    ) % {"number": restriction.registration_number, "rank": restriction.rank, "holder": holder}


def _lookup_properties(state: RegisterState, number: cn.CadastralNumber) -> list[LookupProperty]:
    members = Prefetch(
        "memberships", queryset=PartyGroupMember.objects.select_related("party").order_by("pk")
    )
    result = []
    for prop_state in state.properties:
        prop = prop_state.property
        components = set(prop.components.values_list("cadastral_number", flat=True))
        if not _concerns(prop, number, components):
            continue
        groups = [r.party_group for r in prop_state.rights if r.party_group_id is not None]
        if groups:
            prefetch_related_objects(groups, members)
        rights = []
        for right in prop_state.rights:
            share = Share.of(right.share_numerator, right.share_denominator)
            rights.append(LookupRight(right=right, share=share, holders=_holders(right, share)))
        result.append(
            LookupProperty(
                property=prop,
                rights=rights,
                restrictions=prop_state.restrictions,
                responsibilities=prop_state.responsibilities,
            )
        )
    return result


def _check_object_registered(state: RegisterState, number: cn.CadastralNumber) -> None:
    asked = str(number)
    if number.level == cn.Level.BUILDING:
        present = any(b.cadastral_number == asked for b in state.buildings)
    elif number.level == cn.Level.UNIT:
        present = any(u.cadastral_number == asked for u in state.units)
    else:
        return
    if not present:
        raise NotFoundError(
            f"No {number.level.name.lower()} {asked} was registered on {state.moment:%Y-%m-%d}."
        )


def _when(as_of: date | None) -> date | datetime:
    if as_of is None:
        return timezone.now()
    if as_of > timezone.localdate():
        raise InvalidInputError(
            f"as_of {as_of.isoformat()} is in the future; the register answers up to today."
        )
    return as_of


def _notary_name(user: User) -> str:
    return user.get_full_name() or user.get_username()


@transaction.atomic
def notary_lookup(
    user: User | AnonymousUser,
    *,
    cadastral_number: str,
    purpose: str | None,
    as_of: date | None = None,
    request: HttpRequest | None = None,
) -> LookupResult:
    """The registered state of a parcel, building or unit for a notary, now or as of a date.

    Audited (one LOOKUP entry per property shown, with the purpose) and notified to the
    current holders, in the same transaction. 400 for a blank purpose or a malformed number,
    404 for a number not registered at that date.
    """
    if not user.is_authenticated or not has_role(user, Role.NOTARY):
        raise PermissionDenied("Only a notary may look up a property's holders.")
    clean = clean_purpose(purpose)
    number = cn.parse(cadastral_number)
    state = register_state_as_of(cadastral_number=number.parcel_number, when=_when(as_of))
    _check_object_registered(state, number)
    properties = _lookup_properties(state, number)
    blockers = [
        Blocker(p.property.cadastral_number, r, _blocker_reason(r))
        for p in properties
        for r in p.restrictions
        if r.restriction_type in BLOCKING_TYPES
    ]
    detail = {"asked": str(number), "as_of": as_of.isoformat() if as_of else None}
    if not properties:
        record(
            actor=user,
            action=Action.LOOKUP,
            object_type="parcel",
            object_id=state.parcel.pk,
            cadastral_number=str(number),
            purpose=clean,
            request=request,
            detail=detail,
        )
    text_values = {
        "notary": _notary_name(user),
        "day": timezone.localdate().isoformat(),
        "purpose": clean,
    }
    for found in properties:
        record(
            actor=user,
            action=Action.LOOKUP,
            object_type="property",
            object_id=found.property.pk,
            cadastral_number=found.property.cadastral_number,
            purpose=clean,
            request=request,
            detail=detail,
        )
        text = _(
            "Notary %(notary)s looked up your property %(number)s on %(day)s. "
            "Stated purpose: %(purpose)s"
        ) % {**text_values, "number": found.property.cadastral_number}
        notify_watchers(found.property, Notification.Kind.LOOKUP, text, actor=user)
    return LookupResult(
        asked=str(number),
        purpose=clean,
        as_of=as_of,
        state=state,
        properties=properties,
        blockers=blockers,
    )
