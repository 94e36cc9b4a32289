"""Every URL pattern of the site, and how to fill each of its parameters for the walk.

FILLERS is the explicit table: a parameter name the table does not know fails the walk, so a
new URL cannot escape it. Each filler gives a value per kind: "foreign" (an object of citizen A,
which every other user must not reach), "missing" (nothing has that id) and "public" (an object
anyone may see); a kind a parameter has no value for falls back to "foreign".
"""

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern

from cadastre.models import Parcel
from tests.security.world import MISSING_ID, MISSING_NUMBER, World

KINDS = ("foreign", "missing", "public")


@dataclass(frozen=True)
class Pattern:
    """One URL pattern: its full route (with parameters), qualified name and parameters."""

    route: str
    name: str
    params: tuple[str, ...]

    @property
    def is_admin(self) -> bool:
        return self.name.startswith("admin:")


def _params(pattern: RoutePattern | RegexPattern) -> list[str]:
    if isinstance(pattern, RoutePattern):
        return list(pattern.converters)
    return list(pattern.regex.groupindex)


def all_patterns() -> list[Pattern]:
    """Every URL pattern under the root URLconf, resolvers walked recursively."""

    def walk(patterns: list, prefix: str, names: list[str], params: list[str]) -> Iterator[Pattern]:
        for entry in patterns:
            piece = str(entry.pattern)
            if isinstance(entry.pattern, RegexPattern):
                piece = "\x00" + piece  # marks a regex piece for the builder
            if isinstance(entry, URLResolver):
                namespace = [*names, entry.namespace] if entry.namespace else names
                yield from walk(
                    entry.url_patterns, prefix + piece, namespace, params + _params(entry.pattern)
                )
            elif isinstance(entry, URLPattern):
                name = ":".join([*names, entry.name or f"<unnamed {piece}>"])
                yield Pattern(prefix + piece, name, tuple(params + _params(entry.pattern)))

    return list(walk(get_resolver().url_patterns, "", [], []))


_ROUTE_PARAM = re.compile(r"<(?:\w+:)?(\w+)>")
_REGEX_GROUP = re.compile(r"\(\?P<(\w+)>[^()]*\)")


def build_url(route: str, values: dict[str, str]) -> str:
    """The path for `route` with its parameters replaced by `values`."""
    parts = route.split("\x00")
    out = []
    for index, part in enumerate(parts):
        if index == 0:
            out.append(_ROUTE_PARAM.sub(lambda m: values[m.group(1)], part))
            continue
        # A regex piece, possibly followed by route text of nested includes.
        regex = part
        text = _REGEX_GROUP.sub(lambda m: values[m.group(1)], regex)
        text = text.replace("^", "").replace("$", "").replace("\\.", ".").replace("\\-", "-")
        out.append(_ROUTE_PARAM.sub(lambda m: values[m.group(1)], text))
    return "/" + "".join(out)


Filler = Callable[[World, Pattern, str], str | None]


def _number(world: World, pattern: Pattern, kind: str) -> str | None:
    building = "building" in pattern.route
    return {
        "foreign": world.a_building_number if building else world.a_land.cadastral_number,
        "missing": MISSING_NUMBER + (":0001" if building else ""),
        "public": world.public_building_number if building else world.public_parcel_number,
    }.get(kind)


def _code(world: World, pattern: Pattern, kind: str) -> str | None:
    if "admin-areas" in pattern.route:
        return {"missing": "99:99", "public": world.district_code}.get(kind, world.district_code)
    if "open311" in pattern.route:
        return {"missing": "no_such_service"}.get(kind, world.incident_type_code)
    # extracts and their verification: A's extract code, or a well-formed code nobody has
    return {"missing": "ABCD-EFGH-JKMN-PQRS-TVWX"}.get(kind, world.a_extract_code)


def _admin_object(world: World, pattern: Pattern, kind: str) -> str | None:
    """An object of the model the admin URL is about (A's own where the model is a person's)."""
    if kind == "missing":
        return MISSING_ID
    name = pattern.name.removeprefix("admin:")
    a_parcel = Parcel.objects.current().get(cadastral_number=world.a_land.cadastral_number)
    for model in admin.site._registry:
        if name.startswith(f"{model._meta.app_label}_{model._meta.model_name}_"):
            if model is Parcel:
                return str(a_parcel.pk)
            if model._meta.label == "cadastre.Party":
                return str(world.a_party.pk)
            if model._meta.label == "auth.User":
                return str(world.users["citizen"].pk)
            first = model._default_manager.order_by("pk").first()
            return str(first.pk) if first is not None else MISSING_ID
    # view_on_site: r/<content_type_id>/<object_id>/
    return str(a_parcel.pk)


def _tile(index: int) -> Filler:
    def fill(world: World, pattern: Pattern, kind: str) -> str | None:
        if kind == "missing":
            return ("31", "0", "0")[index]
        return str(world.tile[index])

    return fill


FILLERS: dict[str, Filler] = {
    "cadastral_number": _number,
    "code": _code,
    "segment_id": lambda w, p, k: MISSING_ID if k == "missing" else str(w.segment_id),
    "camera_id": lambda w, p, k: MISSING_ID if k == "missing" else str(w.camera_id),
    "layer": lambda w, p, k: "no-such-layer" if k == "missing" else "parcels",
    "z": _tile(0),
    "x": _tile(1),
    "y": _tile(2),
    "source_id": lambda w, p, k: MISSING_ID if k == "missing" else str(w.a_source.pk),
    "incident_id": lambda w, p, k: MISSING_ID if k == "missing" else str(w.foreign_incident.pk),
    "appeal_id": lambda w, p, k: MISSING_ID if k == "missing" else str(w.a_appeal.pk),
    "request_id": lambda w, p, k: MISSING_ID if k == "missing" else str(w.a_appeal.pk),
    "token": lambda w, p, k: "no-such-token" if k == "missing" else w.a_photo.token,
    "fmt": lambda w, p, k: "json",
    # the Django admin
    "app_label": lambda w, p, k: "cadastre",
    "object_id": _admin_object,
    "id": _admin_object,
    "content_type_id": lambda w, p, k: str(ContentType.objects.get_for_model(Parcel).pk),
    "url": lambda w, p, k: "no/such/admin/page/",
}


def unknown_parameters(patterns: list[Pattern]) -> dict[str, list[str]]:
    """Parameters the FILLERS table cannot fill, with the routes that use them."""
    unknown: dict[str, list[str]] = {}
    for pattern in patterns:
        for param in pattern.params:
            if param not in FILLERS:
                unknown.setdefault(param, []).append(pattern.route.replace("\x00", ""))
    return unknown


def urls_for(world: World, pattern: Pattern) -> dict[str, str]:
    """kind -> path; patterns without parameters have a single "public" path."""
    if not pattern.params:
        return {"public": build_url(pattern.route, {})}
    urls = {}
    for kind in KINDS:
        values = {}
        for param in pattern.params:
            value = FILLERS[param](world, pattern, kind)
            values[param] = (
                value if value is not None else FILLERS[param](world, pattern, "foreign")
            )
        urls[kind] = build_url(pattern.route, values)
    return urls
