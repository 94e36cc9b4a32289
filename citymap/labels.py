"""Names of the register's and the networks' codes as the map pages show them (uz, ru, en).

The choice labels of cadastre and gis models are English only, and the map pages hand their
names to the browser in the visitor's language: every code a page shows has its name here,
through gettext. The operator console (situation) shows the network codes with these names too.
"""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

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

# In a context of their own: "Commercial" or "Industrial" also name land uses, and in Russian
# the two agree with different nouns (земля / здание).
BUILDING_USES: dict[str, Promise] = {
    "house": pgettext_lazy("building use", "Individual house"),
    "apartments": pgettext_lazy("building use", "Apartment building"),
    "commercial": pgettext_lazy("building use", "Commercial"),
    "public": pgettext_lazy("building use", "Public"),
    "industrial": pgettext_lazy("building use", "Industrial"),
    "auxiliary": pgettext_lazy("building use", "Auxiliary"),
}

NETWORKS: dict[str, Promise] = {
    "water": _("Water supply"),
    "sewer": _("Sewerage"),
    "gas": _("Gas"),
    "power": _("Power"),
    "heating": _("District heating"),
    "road": _("Road"),
    "telecom": _("Telecom"),
}

NETWORK_NODE_KINDS: dict[str, Promise] = {
    "valve": _("Valve"),
    "hydrant": _("Fire hydrant"),
    "manhole": _("Manhole"),
    "substation": _("Substation"),
    "transformer": _("Transformer"),
    "pump": _("Pump station"),
    "junction": _("Junction"),
}

ASSET_STATUSES: dict[str, Promise] = {
    "operational": _("Operational"),
    "under_repair": _("Under repair"),
    "planned": _("Planned"),
    "abandoned": _("Abandoned"),
}


def names(table: dict[str, Promise], *, leave_out: tuple[str, ...] = ()) -> dict[str, str]:
    """`table` in the active language, for a page's JSON configuration."""
    return {code: str(name) for code, name in table.items() if code not in leave_out}
