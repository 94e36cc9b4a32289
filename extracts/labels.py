"""Names of the register's codes as an extract prints them, translated (uz, ru, en).

The register's own choice labels are English only; an extract is a legal document in the
language it was ordered in, so every code it prints has its name here, through gettext.
"""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

PROPERTY_KINDS: dict[str, Promise] = {
    "land": _("Land parcel with its buildings"),
    "building": _("Building"),
    "unit": _("Apartment or unit"),
    "complex": _("Set of objects"),
}

LAND_USES: dict[str, Promise] = {
    "residential": _("Residential (individual housing)"),
    "apartments": _("Multi-apartment housing"),
    "commercial": _("Commercial"),
    "industrial": _("Industrial"),
    "public": _("Public and social"),
    "agricultural": _("Agricultural"),
    "green": _("Parks and green areas"),
    "transport": _("Transport"),
}

BUILDING_USES: dict[str, Promise] = {
    "house": _("Individual house"),
    "apartments": _("Apartment building"),
    "commercial": _("Commercial"),
    "public": _("Public"),
    "industrial": _("Industrial"),
    "auxiliary": _("Auxiliary"),
}

UNIT_USES: dict[str, Promise] = {
    "apartment": _("Apartment"),
    "non_residential": _("Non-residential"),
    "parking": _("Parking place"),
}

RIGHT_TYPES: dict[str, Promise] = {
    "ownership": _("Ownership"),
    "lifetime_possession": _("Lifetime inheritable possession"),
    "permanent_use": _("Permanent use"),
    "lease": _("Lease"),
}

RESTRICTION_TYPES: dict[str, Promise] = {
    "mortgage": _("Mortgage"),
    "arrest": _("Arrest (seizure)"),
    "servitude": _("Servitude"),
    "lease": _("Lease encumbrance"),
}

RESPONSIBILITY_TYPES: dict[str, Promise] = {
    "heritage": _("Heritage protection"),
    "maintenance": _("Maintenance of common parts"),
    "public_access": _("Keep public access"),
    "utility_access": _("Allow utility access"),
}

SOURCE_KINDS: dict[str, Promise] = {
    "notarial_deed": _("Notarial deed"),
    "court_decision": _("Court decision"),
    "khokim_decision": _("Khokim's decision"),
    "contract": _("Contract"),
    "survey_plan": _("Survey plan"),
    "mortgage_agreement": _("Mortgage agreement"),
    "inheritance": _("Certificate of inheritance"),
}

SECTION_NAMES: dict[str, Promise] = {
    "property": _("the property"),
    "parcels": _("the parcel"),
    "buildings": _("the buildings"),
    "units": _("the unit"),
    "rights": _("rights and holders"),
    "restrictions": _("encumbrances"),
    "responsibilities": _("responsibilities"),
}


def label(table: dict[str, Promise], code: str | None) -> str:
    """The translated name of `code`, or the code itself for one this table does not know."""
    if code is None:
        return ""
    name = table.get(code)
    return str(name) if name is not None else code
