"""`{{ code|label_of:"RIGHT_TYPES" }}`: a register code's translated name (extracts.labels)."""

from django import template

from extracts import labels

register = template.Library()

_TABLES = {
    name: getattr(labels, name)
    for name in (
        "PROPERTY_KINDS",
        "LAND_USES",
        "BUILDING_USES",
        "UNIT_USES",
        "RIGHT_TYPES",
        "RESTRICTION_TYPES",
        "RESPONSIBILITY_TYPES",
        "SOURCE_KINDS",
    )
}


@register.filter
def label_of(code: str | None, table: str) -> str:
    return labels.label(_TABLES[table], code)
