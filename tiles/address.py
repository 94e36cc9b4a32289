"""Tile addresses, checked before any SQL runs. Refusals are told in the client's language."""

import re
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.exceptions import InvalidInputError, NotFoundError
from tiles.layers import LAYERS, MAX_ZOOM, Layer

# Optional minus sign and ASCII digits only: int() would also take "+1", " 1", "1_0" and
# non-ASCII digits.
_INTEGER = re.compile(r"-?[0-9]+")
# More digits than 2**MAX_ZOOM has are out of range whatever they say; int() is not asked to
# read an arbitrarily long number.
_MAX_DIGITS = len(str(2**MAX_ZOOM))

_NOT_A_NUMBER: dict[str, Promise] = {
    "zoom": gettext_lazy("The tile zoom must be a whole number, not %(value)s."),
    "x": gettext_lazy("The tile x must be a whole number, not %(value)s."),
    "y": gettext_lazy("The tile y must be a whole number, not %(value)s."),
}


class TileNotFoundError(NotFoundError):
    code = "tile_not_found"


class TileAddressError(InvalidInputError):
    code = "invalid_tile_address"


@dataclass(frozen=True)
class TileAddress:
    z: int
    x: int
    y: int


def _shown(value: str) -> str:
    """`value` for a message, shortened so a huge path part is not sent back whole."""
    return value if len(value) <= 24 else value[:24] + "..."


def layer_get(*, name: str) -> Layer:
    """The layer called `name`; TileNotFoundError (404) naming the layers there are."""
    layer = LAYERS.get(name)
    if layer is None:
        raise TileNotFoundError(
            _("There is no tile layer %(name)s. Layers: %(layers)s.")
            % {"name": repr(_shown(name)), "layers": ", ".join(LAYERS)}
        )
    return layer


def _integer(value: str, *, name: str) -> int | None:
    """`value` as an int; None when it is a number too long to be in range."""
    if not _INTEGER.fullmatch(value):
        raise TileAddressError(_NOT_A_NUMBER[name] % {"value": repr(_shown(value))})
    if len(value.lstrip("-")) > _MAX_DIGITS:
        return None
    return int(value)


def tile_address_parse(*, layer: Layer, z: str, x: str, y: str) -> TileAddress:
    """Check a tile address from a URL against `layer`.

    Non-numbers are a bad request (400); a zoom outside 0..MAX_ZOOM or the layer's range, or
    x/y outside 0..2**z-1, is a tile that does not exist (404). The zoom is checked before
    2**z is computed.
    """
    zoom, column, row = _integer(z, name="zoom"), _integer(x, name="x"), _integer(y, name="y")
    if zoom is None or not 0 <= zoom <= MAX_ZOOM:
        raise TileNotFoundError(
            _("Zoom %(zoom)s does not exist: tiles go from zoom 0 to %(max)s.")
            % {"zoom": _shown(z), "max": MAX_ZOOM}
        )
    if not layer.min_zoom <= zoom <= layer.max_zoom:
        message = _(
            "Layer %(layer)s has tiles from zoom %(min)s to %(max)s, not at zoom %(zoom)s."
        ) % {"layer": layer.name, "min": layer.min_zoom, "max": layer.max_zoom, "zoom": zoom}
        if zoom < layer.min_zoom and layer.below_min_zoom:
            message += " " + _(layer.below_min_zoom)
        raise TileNotFoundError(message)
    size = 2**zoom
    for name, value, raw in (("x", column, x), ("y", row, y)):
        if value is None or not 0 <= value < size:
            raise TileNotFoundError(
                _(
                    "Tile %(axis)s %(value)s does not exist at zoom %(zoom)s: "
                    "%(axis)s goes from 0 to %(last)s."
                )
                % {"axis": name, "value": _shown(raw), "zoom": zoom, "last": size - 1}
            )
    return TileAddress(z=zoom, x=column, y=row)  # type: ignore[arg-type]
