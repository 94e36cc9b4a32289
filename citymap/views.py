"""The public city map. One page; a parcel or building link opens it on that object's card.

The page itself holds no register data: the browser draws Makon's vector tiles and asks the
public read API for cards, districts and search suggestions. A link to an object that is not
(or no longer) in force still opens the map, answering 404 with a notice.
"""

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from cadastre.selectors.public import building_get_public, parcel_get_public
from citymap import labels
from core import cadastral_number as cn
from core.exceptions import InvalidInputError, NotFoundError

_TEMPLATE = "citymap/map.html"
# Tile layers the page draws itself when the tiles app's style leaves them out.
_OVERLAY_LAYERS = ("infrastructure", "cameras")

# Links that open no object: (level, reason) -> notice; %(text)s is the number in the link.
_NOTICES: dict[tuple[cn.Level, str], Promise] = {
    (cn.Level.PARCEL, "missing"): gettext_lazy(
        "No parcel in force has the cadastral number %(text)s."
    ),
    (cn.Level.BUILDING, "missing"): gettext_lazy(
        "No building in force has the cadastral number %(text)s."
    ),
    (cn.Level.PARCEL, "other_level"): gettext_lazy(
        "“%(text)s” is not a parcel number: a land parcel's number has six groups of digits "
        "separated by colons, as in 10:01:02:03:04:0005."
    ),
    (cn.Level.BUILDING, "other_level"): gettext_lazy(
        "“%(text)s” is not a building number: a building's number has seven groups of digits "
        "separated by colons, as in 10:01:02:03:04:0005:0001."
    ),
    (cn.Level.PARCEL, "malformed"): gettext_lazy(
        "“%(text)s” is not a cadastral number: a land parcel's number has six groups of "
        "digits separated by colons, as in 10:01:02:03:04:0005."
    ),
    (cn.Level.BUILDING, "malformed"): gettext_lazy(
        "“%(text)s” is not a cadastral number: a building's number has seven groups of "
        "digits separated by colons, as in 10:01:02:03:04:0005:0001."
    ),
}


def _texts() -> dict[str, str]:
    """Messages the page's scripts show, translated here with the rest of the page."""
    return {
        "loading": _("Loading…"),
        "searching": _("Searching…"),
        "noResults": _("Nothing found. Try the start of a cadastral number or other words."),
        "searchFailed": _("The search is not available right now."),
        "cardFailed": _("The record could not be loaded. Try again later."),
        "districtsFailed": _("The list of districts could not be loaded."),
        "mapFailed": _("Map data could not be loaded. Try again later."),
        "noWebgl": _("This browser cannot draw the map (WebGL is switched off)."),
        "notRecorded": _("not recorded"),
        "squareMetres": _("m²"),
        "areaDiffers": _(
            "The computed area differs from the official one by {percent} "
            "(more than {tolerance}): the boundary is due for a surveyor's check."
        ),
        "copied": _("Copied"),
        "wholeCity": _("Whole city"),
        "parcel": _("Land parcel"),
        "building": _("Building"),
        "zoomInToSelect": _("Zoom in to select a parcel."),
        "floors": _("floors"),
        "parcelShort": _("Parcel"),
        "buildingShort": _("Building"),
    }


def _page(
    request: HttpRequest,
    *,
    selected: dict[str, str] | None = None,
    title: str = "",
    description: str = "",
    notice: str = "",
    status: int = 200,
) -> HttpResponse:
    language = (get_language() or "en").split("-")[0]
    config: dict[str, Any] = {
        "language": language,
        "selected": selected,
        "notice": notice,
        "urls": {
            "home": reverse("city-map"),
            "style": reverse("tiles:style"),
            "tilejson": {
                layer: reverse("tiles:tilejson", kwargs={"layer": layer})
                for layer in _OVERLAY_LAYERS
            },
            "search": reverse("search"),
            "areas": reverse("admin-area-list"),
            "parcelApi": reverse("parcel-list"),
            "buildingApi": reverse("building-list"),
            "parcelPage": reverse("city-map-parcel", args=["NUMBER"]),
            "buildingPage": reverse("city-map-building", args=["NUMBER"]),
        },
        "landUse": labels.names(labels.LAND_USES),
        "buildingUse": labels.names(labels.BUILDING_USES),
        # Roads are drawn by the style itself, not in the networks' legend.
        "network": labels.names(labels.NETWORKS, leave_out=("road",)),
        "areaTolerance": float(settings.MAKON_AREA_TOLERANCE),
        "text": _texts(),
    }
    context = {"config": config, "title": title, "description": description, "notice": notice}
    return render(request, _TEMPLATE, context, status=status)


def city_map(request: HttpRequest) -> HttpResponse:
    return _page(request)


def _notice(*, raw_number: str, level: cn.Level, missing: bool) -> str:
    """Why a link opens no object, in the visitor's language (the register's own messages,
    raised below the page, are English)."""
    text = raw_number.strip()
    if missing:
        reason = "missing"
    elif cn.is_valid(text):
        reason = "other_level"
    else:
        reason = "malformed"
    return _NOTICES[level, reason] % {"text": text if len(text) <= 40 else text[:40] + "…"}


def _object_page(
    request: HttpRequest, *, kind: str, raw_number: str, level: cn.Level
) -> HttpResponse:
    try:
        number = cn.parse(raw_number, level=level)
        found = (
            parcel_get_public(cadastral_number=number)
            if level == cn.Level.PARCEL
            else building_get_public(cadastral_number=number)
        )
    except (InvalidInputError, NotFoundError) as error:
        notice = _notice(
            raw_number=raw_number, level=level, missing=isinstance(error, NotFoundError)
        )
        return _page(request, notice=notice, status=404)
    label = _("Land parcel") if level == cn.Level.PARCEL else _("Building")
    return _page(
        request,
        selected={"kind": kind, "number": str(number)},
        title=f"{label} {number}",
        description=found.address,
    )


def parcel_map(request: HttpRequest, cadastral_number: str) -> HttpResponse:
    return _object_page(request, kind="parcel", raw_number=cadastral_number, level=cn.Level.PARCEL)


def building_map(request: HttpRequest, cadastral_number: str) -> HttpResponse:
    return _object_page(
        request, kind="building", raw_number=cadastral_number, level=cn.Level.BUILDING
    )
