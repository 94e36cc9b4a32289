"""Cadastral numbers in the national format AA:BB:CC:DD:EE:FFFF[:GGGG[:HHH]].

Groups: region, administrative district, cadastral zone, massif, block, parcel, building, unit.
A parcel has six groups, a building seven, a building unit (apartment) eight.
"""

import re
from dataclasses import dataclass
from enum import IntEnum

from core.exceptions import InvalidInputError

# Kept in step with the CHECK constraints in the cadastre migrations (POSIX regex there).
PARCEL_PATTERN = r"^[0-9]{2}:[0-9]{2}:[0-9]{2}:[0-9]{2}:[0-9]{2}:[0-9]{4}$"
BUILDING_PATTERN = r"^[0-9]{2}:[0-9]{2}:[0-9]{2}:[0-9]{2}:[0-9]{2}:[0-9]{4}:[0-9]{4}$"
UNIT_PATTERN = r"^[0-9]{2}:[0-9]{2}:[0-9]{2}:[0-9]{2}:[0-9]{2}:[0-9]{4}:[0-9]{4}:[0-9]{3}$"
ANY_PATTERN = r"^[0-9]{2}:[0-9]{2}:[0-9]{2}:[0-9]{2}:[0-9]{2}:[0-9]{4}(:[0-9]{4}(:[0-9]{3})?)?$"

PARCEL_NUMBER_LENGTH = 19  # "AA:BB:CC:DD:EE:FFFF"
BUILDING_NUMBER_LENGTH = 24  # parcel + ":GGGG"
UNIT_NUMBER_LENGTH = 28  # building + ":HHH"

_GROUP_WIDTHS = (2, 2, 2, 2, 2, 4, 4, 3)
_GROUP_NAMES = ("region", "district", "zone", "massif", "block", "parcel", "building", "unit")
_ANY = re.compile(ANY_PATTERN)


class Level(IntEnum):
    PARCEL = 6
    BUILDING = 7
    UNIT = 8


@dataclass(frozen=True)
class CadastralNumber:
    """A parsed cadastral number; `str()` gives the canonical form."""

    groups: tuple[str, ...]

    @property
    def level(self) -> Level:
        return Level(len(self.groups))

    @property
    def region(self) -> str:
        return self.groups[0]

    @property
    def district(self) -> str:
        return self.groups[1]

    @property
    def parcel_number(self) -> str:
        return ":".join(self.groups[:6])

    @property
    def building_number(self) -> str | None:
        return ":".join(self.groups[:7]) if len(self.groups) >= 7 else None

    def __str__(self) -> str:
        return ":".join(self.groups)


def parse(value: str, *, level: Level | None = None) -> CadastralNumber:
    """Parse `value`, raising InvalidInputError with a message that says what is wrong."""
    if not isinstance(value, str):
        raise InvalidInputError("A cadastral number must be text such as 10:01:02:03:04:0005.")
    text = value.strip()
    if not _ANY.match(text):
        groups = text.split(":")
        if len(groups) not in (6, 7, 8):
            raise InvalidInputError(
                f"{text!r} is not a cadastral number: expected 6 groups (parcel), 7 (building) "
                f"or 8 (unit) separated by ':', as in 10:01:02:03:04:0005."
            )
        for name, width, group in zip(_GROUP_NAMES, _GROUP_WIDTHS, groups, strict=False):
            if len(group) != width or not group.isdigit():
                raise InvalidInputError(
                    f"{text!r} is not a cadastral number: the {name} group must be "
                    f"{width} digits, not {group!r}."
                )
    number = CadastralNumber(groups=tuple(text.split(":")))
    if level is not None and number.level != level:
        raise InvalidInputError(
            f"{text!r} is a {number.level.name.lower()} number; "
            f"a {level.name.lower()} number was expected."
        )
    return number


def is_valid(value: str, *, level: Level | None = None) -> bool:
    try:
        parse(value, level=level)
    except InvalidInputError:
        return False
    return True
