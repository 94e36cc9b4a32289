"""Rows to load, column by column, and the text helpers that turn numpy arrays into COPY text."""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

TASHKENT_UTC_OFFSET = "+05"  # no daylight saving since 1992


@dataclass(frozen=True)
class Table:
    """Rows for one database table: column names and one equally long sequence per column.

    A sequence is a numpy array (numbers, booleans, datetime64) or a list/object array of str
    with None for NULL.
    """

    name: str
    columns: tuple[str, ...]
    values: tuple[Sequence, ...]

    def __post_init__(self) -> None:
        lengths = {len(column) for column in self.values}
        if len(self.columns) != len(self.values) or len(lengths) > 1:
            raise ValueError(f"Columns of {self.name} do not line up.")

    def __len__(self) -> int:
        return len(self.values[0]) if self.values else 0


def timestamps(days: np.ndarray, seconds: np.ndarray) -> np.ndarray:
    """Local Tashkent date-times as datetime64[s] from a day and seconds after midnight."""
    return days.astype("datetime64[D]").astype("datetime64[s]") + seconds.astype("timedelta64[s]")


def office_seconds(rng: np.random.Generator, count: int) -> np.ndarray:
    """Times of day a registry office works: 09:00 to 17:59."""
    return rng.integers(9 * 3600, 18 * 3600, count)


def uuids(rng: np.random.Generator, count: int) -> list[str]:
    """Random (version 4) UUIDs from `rng`, as text."""
    raw = np.frombuffer(rng.bytes(16 * count), dtype=np.uint8).reshape(count, 16).copy()
    raw[:, 6] = (raw[:, 6] & 0x0F) | 0x40
    raw[:, 8] = (raw[:, 8] & 0x3F) | 0x80
    text = raw.tobytes().hex()
    return [
        f"{text[i : i + 8]}-{text[i + 8 : i + 12]}-{text[i + 12 : i + 16]}-"
        f"{text[i + 16 : i + 20]}-{text[i + 20 : i + 32]}"
        for i in range(0, len(text), 32)
    ]


def nullable(values: np.ndarray, missing: np.ndarray) -> list[str | None]:
    """Numbers as text, None where `missing`."""
    text = values.astype(str).tolist()
    return [None if gone else value for value, gone in zip(text, missing.tolist(), strict=True)]


def copy_text(column: Sequence) -> list[str]:
    """One column as COPY text fields (\\N for NULL)."""
    if isinstance(column, np.ndarray):
        if column.dtype == bool:
            return np.where(column, "t", "f").tolist()
        if np.issubdtype(column.dtype, np.datetime64):
            unit = np.datetime_data(column.dtype)[0]
            text = np.datetime_as_string(column, unit=unit)
            if unit == "s":
                return [
                    "\\N" if value == "NaT" else value + TASHKENT_UTC_OFFSET
                    for value in text.tolist()
                ]
            return ["\\N" if value == "NaT" else value for value in text.tolist()]
        if column.dtype != object:
            return column.astype(str).tolist()
    return ["\\N" if value is None else value for value in column]
