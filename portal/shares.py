"""Exact shares of a property, as a fraction and as a percent for people to read."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

_HUNDREDTH = Decimal("0.01")


@dataclass(frozen=True)
class Share:
    """A part of a property in (0, 1], kept exact; the percent is only for reading."""

    value: Fraction

    @classmethod
    def of(cls, numerator: int, denominator: int) -> "Share":
        return cls(Fraction(numerator, denominator))

    @property
    def text(self) -> str:
        """The reduced fraction, e.g. "1/6"; a whole property is "1/1"."""
        return f"{self.value.numerator}/{self.value.denominator}"

    @property
    def percent(self) -> str:
        """The share in percent with two decimals, rounded half up, e.g. "16.67"."""
        exact = Decimal(self.value.numerator * 100) / Decimal(self.value.denominator)
        return str(exact.quantize(_HUNDREDTH, rounding=ROUND_HALF_UP))

    def __add__(self, other: "Share") -> "Share":
        return Share(self.value + other.value)

    def __mul__(self, other: "Share") -> "Share":
        return Share(self.value * other.value)
