"""Tile addresses, checked before any SQL runs."""

import re
from dataclasses import dataclass

from core.exceptions import InvalidInputError, NotFoundError
from tiles.layers import LAYERS, MAX_ZOOM, Layer

# Optional minus sign and ASCII digits only: int() would also take "+1", " 1", "1_0" and
# non-ASCII digits.
_INTEGER = re.compile(r"-?[0-9]+")
# More digits than 2**MAX_ZOOM has are out of range whatever they say; int() is not asked to
# read an arbitrarily long number.
_MAX_DIGITS = len(str(2**MAX_ZOOM))


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
            f"There is no tile layer {_shown(name)!r}. Layers: {', '.join(LAYERS)}."
        )
    return layer


def _integer(value: str, *, name: str) -> int | None:
    """`value` as an int; None when it is a number too long to be in range."""
    if not _INTEGER.fullmatch(value):
        raise TileAddressError(f"The tile {name} must be a whole number, not {_shown(value)!r}.")
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
            f"Zoom {_shown(z)} does not exist: tiles go from zoom 0 to {MAX_ZOOM}."
        )
    if not layer.min_zoom <= zoom <= layer.max_zoom:
        below = f" {layer.below_min_zoom}" if zoom < layer.min_zoom else ""
        raise TileNotFoundError(
            f"Layer {layer.name} has tiles from zoom {layer.min_zoom} to {layer.max_zoom}, "
            f"not at zoom {zoom}.{below}"
        )
    size = 2**zoom
    for name, value, raw in (("x", column, x), ("y", row, y)):
        if value is None or not 0 <= value < size:
            raise TileNotFoundError(
                f"Tile {name} {_shown(raw)} does not exist at zoom {zoom}: "
                f"{name} goes from 0 to {size - 1}."
            )
    return TileAddress(z=zoom, x=column, y=row)  # type: ignore[arg-type]
