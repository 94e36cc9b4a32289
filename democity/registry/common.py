"""What the register generator shares: codes, dates, row collectors."""

from dataclasses import dataclass, field

import numpy as np

# Registrations happen between these days (the register's "today" is fixed so that a seed always
# gives the same history).
FIRST_DAY = np.datetime64("1996-01-02")
LAST_DAY = np.datetime64("2025-12-30")

# What a property is, for the register.
HOUSE, FLATS_LAND, COMMERCIAL, INDUSTRIAL, PUBLIC, GREEN, FLAT, SHOP = range(8)

RIGHT_TYPES = np.array(["ownership", "lifetime_possession", "permanent_use", "lease"], dtype=object)
OWNERSHIP, LIFETIME, PERMANENT_USE, LEASE = range(4)

SOURCE_KINDS = np.array(
    [
        "notarial_deed",
        "court_decision",
        "khokim_decision",
        "contract",
        "survey_plan",
        "mortgage_agreement",
        "inheritance",
    ],
    dtype=object,
)
DEED, COURT, KHOKIM, CONTRACT, SURVEY, MORTGAGE_DEAL, INHERITANCE = range(7)

# Holder patterns: (role, share numerator, share denominator) per co-holder.
ADULT, HUSBAND, WIFE, CHILD, WIDOW, FATHER = range(6)
PATTERNS: tuple[tuple[tuple[int, int, int], ...], ...] = (
    ((ADULT, 1, 1),),
    ((HUSBAND, 1, 2), (WIFE, 1, 2)),
    ((CHILD, 1, 3), (CHILD, 1, 3), (CHILD, 1, 3)),
    ((WIDOW, 2, 3), (CHILD, 1, 6), (CHILD, 1, 6)),
    ((CHILD, 1, 4), (CHILD, 1, 4), (CHILD, 1, 4), (CHILD, 1, 4)),
    ((HUSBAND, 1, 2), (WIFE, 1, 2)),  # held as a family group
)
SINGLE, COUPLE, HEIRS_3, WIDOW_HEIRS, HEIRS_4, FAMILY_GROUP = range(6)
INHERITED = (HEIRS_3, WIDOW_HEIRS, HEIRS_4)


@dataclass(frozen=True)
class PropertyInput:
    """Properties the register is about, in id order (ids 1..n)."""

    number: list[str]
    kind: np.ndarray  # "land" / "unit"
    use: np.ndarray  # HOUSE .. SHOP
    district: np.ndarray  # 0-based
    address: np.ndarray  # object: the address an owner living there gives
    registered: np.ndarray  # datetime64[D]: first registration
    campaign: np.ndarray  # first registered in a block-wide campaign (its id), else -1
    centrality: np.ndarray  # 0 at the centre, 1 at the edge
    region: str  # first group of cadastral and registration numbers


@dataclass
class Rows:
    """Columns collected in chunks and glued together at the end."""

    chunks: dict[str, list[np.ndarray]] = field(default_factory=dict)
    count: int = 0

    def add(self, **columns: np.ndarray) -> np.ndarray:
        """Append rows; returns their 0-based positions."""
        size = max(np.size(v) for v in columns.values())
        for key, value in columns.items():
            self.chunks.setdefault(key, []).append(np.asarray(value))
        start = self.count
        self.count += size
        return np.arange(start, self.count)

    def column(self, key: str) -> np.ndarray:
        return np.concatenate(self.chunks[key]) if self.chunks.get(key) else np.array([])


@dataclass
class Facts:
    """Rights, restrictions or responsibilities, and the sources each one cites."""

    rows: Rows = field(default_factory=Rows)
    citations: list[tuple[np.ndarray, np.ndarray]] = field(default_factory=list)

    def add(self, sources: list[np.ndarray], **columns: np.ndarray) -> np.ndarray:
        """Append facts citing `sources` (one id array per citation, 0 = none)."""
        positions = self.rows.add(**columns)
        for source in sources:
            keep = source > 0
            self.citations.append((positions[keep] + 1, source[keep]))
        return positions


def days_between(rng: np.random.Generator, low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """A random day in [low, high] for each pair (low where high < low)."""
    low = low.astype("datetime64[D]")
    high = high.astype("datetime64[D]")
    span = np.maximum((high - low).astype(np.int64), 0)
    return low + np.floor(rng.uniform(0, 1, low.size) * (span + 1)).astype("timedelta64[D]")


def pick(rng: np.random.Generator, pool: np.ndarray, share: float, minimum: int = 1) -> np.ndarray:
    """About `share` of `pool` (at least `minimum` while the pool lasts), in pool order."""
    wanted = min(pool.size, max(minimum, round(pool.size * share)))
    return np.sort(pool[rng.permutation(pool.size)[:wanted]])


def nat_days(count: int) -> np.ndarray:
    return np.full(count, np.datetime64("NaT"), dtype="datetime64[D]")


def nat_seconds(count: int) -> np.ndarray:
    return np.full(count, np.datetime64("NaT"), dtype="datetime64[s]")
