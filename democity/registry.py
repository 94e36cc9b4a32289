"""The rights register of the demo city: parties, documents, rights, restrictions, duties.

Who holds what follows the land use: families own their houses and flats (one owner, spouses
1/2 each, heirs 1/3 or 2/3 + 1/6 + 1/6 ...), companies own or lease commercial land, state
bodies use schools and parks permanently, homeowners' partnerships use the land under apartment
buildings. Every right and restriction cites the document it was registered on. Some properties
show history: an earlier owner whose right ended with a sale or an inheritance, a lease extended
by a new version of the same right, a repaid mortgage.
"""

from dataclasses import dataclass, field

import numpy as np

from democity import names
from democity.tables import Table, nullable, office_seconds, timestamps, uuids

FIRST_DAY = np.datetime64("1996-01-02")
LAST_DAY = np.datetime64("2025-12-30")

# What a property is, for the register.
HOUSE, FLATS_LAND, COMMERCIAL, INDUSTRIAL, PUBLIC, GREEN, FLAT, SHOP = range(8)

OWNERSHIP, LIFETIME, PERMANENT_USE, LEASE = (
    "ownership",
    "lifetime_possession",
    "permanent_use",
    "lease",
)
RIGHT_TYPES = np.array([OWNERSHIP, LIFETIME, PERMANENT_USE, LEASE], dtype=object)

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
    centrality: np.ndarray  # 0 at the centre, 1 at the edge
    region: str  # first group of cadastral and registration numbers


@dataclass
class _Rows:
    """Columns collected in chunks and glued together at the end."""

    chunks: dict[str, list[np.ndarray]] = field(default_factory=dict)
    count: int = 0

    def add(self, **columns: np.ndarray) -> np.ndarray:
        """Append rows; returns their 0-based positions."""
        sizes = {np.size(v) for v in columns.values()}
        size = max(sizes)
        for key, value in columns.items():
            array = np.asarray(value)
            if array.ndim == 0:
                array = np.full(size, value, dtype=object if isinstance(value, str) else None)
            self.chunks.setdefault(key, []).append(array)
        start = self.count
        self.count += size
        return np.arange(start, self.count)

    def column(self, key: str) -> np.ndarray:
        return np.concatenate(self.chunks[key]) if self.chunks.get(key) else np.array([])


def _days_between(rng: np.random.Generator, low: np.ndarray, high: np.ndarray) -> np.ndarray:
    low = low.astype("datetime64[D]")
    high = high.astype("datetime64[D]")
    span = np.maximum((high - low).astype(np.int64), 0)
    return low + np.floor(rng.uniform(0, 1, low.size) * (span + 1)).astype("timedelta64[D]")


def _pick(rng: np.random.Generator, pool: np.ndarray, share: float, minimum: int = 1) -> np.ndarray:
    """About `share` of `pool` (at least `minimum` while the pool lasts), in pool order."""
    wanted = min(pool.size, max(minimum, round(pool.size * share)))
    return np.sort(pool[rng.permutation(pool.size)[:wanted]])


class _Parties:
    """Parties with their ids (1-based, in insertion order)."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        self.rows = _Rows()
        self.tin_next = {"state": 201_000_000, "legal": 302_000_000, "bank": 200_100_000}

    def organisations(
        self, kind: str, labels: list[str], tin_group: str, address: np.ndarray | None = None
    ) -> np.ndarray:
        """Register organisations with unique TINs; returns their ids."""
        count = len(labels)
        tin = self.tin_next[tin_group] + np.arange(count) * 7 + self.rng.integers(0, 7, count)
        self.tin_next[tin_group] += count * 7
        positions = self.rows.add(
            kind=np.full(count, kind, dtype=object),
            male=np.zeros(count, dtype=bool),
            surname=np.full(count, -1),
            first=np.full(count, -1),
            father=np.full(count, -1),
            birth=np.full(count, np.datetime64("NaT"), dtype="datetime64[D]"),
            organisation=np.array(labels, dtype=object),
            tin=tin,
            region=np.full(count, -1),
            address=np.full(count, "", dtype=object) if address is None else address,
        )
        return positions + 1

    def people(
        self,
        *,
        male: np.ndarray,
        surname: np.ndarray,
        first: np.ndarray,
        father: np.ndarray,
        birth: np.ndarray,
        district: np.ndarray,
        address: np.ndarray,
    ) -> np.ndarray:
        count = male.size
        positions = self.rows.add(
            kind=np.full(count, "person", dtype=object),
            male=male,
            surname=surname,
            first=first,
            father=father,
            birth=birth.astype("datetime64[D]"),
            organisation=np.full(count, "", dtype=object),
            tin=np.full(count, -1),
            region=district,
            address=address,
        )
        return positions + 1

    def table(self) -> Table:
        r = self.rows
        kind = r.column("kind")
        male = r.column("male").astype(bool)
        person = kind == "person"
        surname_idx = r.column("surname").astype(np.int64)
        first_idx = r.column("first").astype(np.int64)
        father_idx = r.column("father").astype(np.int64)
        surnames = np.array(names.SURNAMES, dtype=object)
        males = np.array(names.MALE_FIRST_NAMES, dtype=object)
        females = np.array(names.FEMALE_FIRST_NAMES, dtype=object)
        count = kind.size
        last = np.full(count, "", dtype=object)
        first = np.full(count, "", dtype=object)
        patronymic = np.full(count, "", dtype=object)
        last[person] = surnames[surname_idx[person]] + np.where(male[person], "", "a")
        first[person] = np.where(
            male[person],
            males[np.where(male, first_idx, 0)[person]],
            females[np.where(male, 0, first_idx)[person]],
        )
        patronymic[person] = (
            males[father_idx[person]]
            + " "
            + np.where(male[person], names.SON_OF, names.DAUGHTER_OF)
        )
        birth = r.column("birth").astype("datetime64[D]")
        pinfl = self._pinfl(person, male, birth, r.column("region").astype(np.int64))
        passport = self._passports(person)
        tin = r.column("tin").astype(np.int64)
        return Table(
            "cadastre_party",
            (
                "id",
                "kind",
                "last_name",
                "first_name",
                "patronymic",
                "organisation_name",
                "pinfl",
                "passport",
                "tin",
                "birth_date",
                "address",
            ),
            (
                np.arange(1, count + 1),
                kind,
                last,
                first,
                patronymic,
                r.column("organisation"),
                pinfl,
                passport,
                nullable(tin, tin < 0),
                birth,
                r.column("address"),
            ),
        )

    def _pinfl(
        self, person: np.ndarray, male: np.ndarray, birth: np.ndarray, region: np.ndarray
    ) -> list[str | None]:
        """PINFL: sex and century, birth date DDMMYY, issuing office, serial, check digit."""
        who = np.flatnonzero(person)
        day = birth[who]
        years = day.astype("datetime64[Y]").astype(np.int64) + 1970
        months = day.astype("datetime64[M]").astype(np.int64) % 12 + 1
        days = (day - day.astype("datetime64[M]")).astype(np.int64) + 1
        century = np.where(years >= 2000, 5, 3) + np.where(male[who], 0, 1)
        office = 261 + region[who]
        group = (day.astype(np.int64) * 2 + male[who]) * 100 + region[who]
        order = np.argsort(group, kind="stable")
        sorted_group = group[order]
        new = np.concatenate([[True], sorted_group[1:] != sorted_group[:-1]])
        first_of_group = np.maximum.accumulate(np.where(new, np.arange(order.size), 0))
        serial = np.empty(order.size, dtype=np.int64)
        serial[order] = np.arange(order.size) - first_of_group + 1
        if serial.size and serial.max() > 999:
            raise ValueError("Too many people born on one day for unique PINFLs.")
        prefix = (
            century * 10**12
            + days * 10**10
            + months * 10**8
            + (years % 100) * 10**6
            + office * 10**3
            + serial
        )
        digits = (prefix[:, None] // 10 ** np.arange(12, -1, -1)[None, :]) % 10
        number = prefix * 10 + names.pinfl_check_digit(digits)
        out: list[str | None] = [None] * person.size
        for position, value in zip(who.tolist(), number.astype(str).tolist(), strict=True):
            out[position] = value
        return out

    def _passports(self, person: np.ndarray) -> np.ndarray:
        """Series and a number that no other person in the city has."""
        who = np.flatnonzero(person)
        series = np.array(["AA", "AB", "AC", "AD", "AE", "FA"], dtype=object)
        # 1_000_003 is prime, so i -> i * 7_919 mod 10^7 hits every number at most once.
        number = (np.arange(who.size, dtype=np.int64) * 7_919 + 1_000_003) % 10_000_000
        out = np.full(person.size, "", dtype=object)
        chosen = series[self.rng.integers(0, series.size, who.size)]
        out[who] = chosen + np.char.zfill(number.astype(str), 7).astype(object)
        return out


class _Sources:
    def __init__(self) -> None:
        self.rows = _Rows()

    def add(self, kind: int, issued: np.ndarray, issuer: np.ndarray) -> np.ndarray:
        """Register documents of one kind; returns their ids."""
        count = issued.size
        positions = self.rows.add(
            kind=np.full(count, kind), issued=issued.astype("datetime64[D]"), issuer=issuer
        )
        return positions + 1

    def table(self) -> Table:
        kind = self.rows.column("kind").astype(np.int64)
        issued = self.rows.column("issued").astype("datetime64[D]")
        count = kind.size
        ids = np.arange(1, count + 1)
        year = (issued.astype("datetime64[Y]").astype(np.int64) + 1970).astype(str).tolist()
        number = []
        for k, i, y in zip(kind.tolist(), ids.tolist(), year, strict=True):
            if k == KHOKIM:
                number.append(f"{i}-q")
            elif k == COURT:
                number.append(f"2-{i}/{y}")
            elif k == CONTRACT:
                number.append(f"{i}/{y[2:]}")
            elif k == MORTGAGE_DEAL:
                number.append(f"IP-{i}")
            elif k == INHERITANCE:
                number.append(f"M-{i}")
            elif k == SURVEY:
                number.append(f"KR-{y}-{i}")
            else:
                number.append(f"{y[2:]}-{i}")
        created = issued.astype("datetime64[s]") + np.timedelta64(12 * 3600, "s")
        return Table(
            "cadastre_source",
            (
                "id",
                "kind",
                "number",
                "issued_on",
                "issuer",
                "file",
                "sha256",
                "content_type",
                "created_at",
            ),
            (
                ids,
                SOURCE_KINDS[kind],
                number,
                issued,
                self.rows.column("issuer"),
                np.full(count, "", dtype=object),
                np.full(count, "", dtype=object),
                np.full(count, "", dtype=object),
                created,
            ),
        )


@dataclass
class _Facts:
    """Rights, restrictions or responsibilities with the sources each cites."""

    rows: _Rows = field(default_factory=_Rows)
    citations: list[tuple[np.ndarray, np.ndarray]] = field(default_factory=list)

    def add(self, sources: list[np.ndarray], **columns: np.ndarray) -> np.ndarray:
        positions = self.rows.add(**columns)
        for source in sources:
            keep = source > 0
            self.citations.append((positions[keep] + 1, source[keep]))
        return positions


def _issuers(rng: np.random.Generator, district: np.ndarray, kind: int) -> np.ndarray:
    """Who issued a document of `kind` for a property in `district`."""
    d = names.DISTRICTS
    if kind in (DEED, MORTGAGE_DEAL, INHERITANCE):
        public = np.array([names.district_notary(x) for x in d], dtype=object)[district]
        surnames = np.array(names.SURNAMES, dtype=object)
        initials = np.array([n[0] for n in names.MALE_FIRST_NAMES], dtype=object)
        private = (
            "Xususiy notarius "
            + surnames[rng.integers(0, surnames.size, district.size)]
            + np.where(rng.uniform(0, 1, district.size) < 0.5, "a ", " ")
            + initials[rng.integers(0, initials.size, district.size)]
            + "."
        )
        return np.where(rng.uniform(0, 1, district.size) < 0.6, private, public)
    if kind == KHOKIM:
        return np.array([names.district_khokim(x) for x in d], dtype=object)[district]
    if kind == COURT:
        return np.array([names.district_court(x) for x in d], dtype=object)[district]
    if kind == SURVEY:
        return np.full(district.size, names.KADASTR_AGENCY, dtype=object)
    return np.array([names.district_khokimiyat(x) for x in d], dtype=object)[district]


@dataclass(frozen=True)
class _Holdings:
    """Who holds which share of which property; the family arrays are per property."""

    prop: np.ndarray
    party: np.ndarray  # 0 where a group holds the right
    group: np.ndarray  # 0 where a person holds it
    numerator: np.ndarray
    denominator: np.ndarray
    family_surname: np.ndarray
    family_father: np.ndarray


@dataclass(frozen=True)
class Register:
    tables: list[Table]


def build_register(props: PropertyInput, *, seed: int) -> Register:
    """Parties, documents and registered facts for `props`; same input and seed, same register."""
    rng = np.random.default_rng([seed, 6])
    builder = _RegisterBuilder(props, rng)
    builder.state_and_companies()
    builder.family_rights()
    builder.organisation_rights()
    builder.restrictions()
    builder.responsibilities()
    return Register(tables=builder.tables())


class _RegisterBuilder:
    def __init__(self, props: PropertyInput, rng: np.random.Generator) -> None:
        self.p = props
        self.rng = rng
        self.parties = _Parties(rng)
        self.sources = _Sources()
        self.rights = _Facts()
        self.restrictions_ = _Facts()
        self.duties = _Facts()
        self.groups = _Rows()
        self.members = _Rows()
        self.right_uid_count = 0
        self.count = len(props.number)
        # Current holders' registration day per property, for restrictions that come after.
        self.current_from = props.registered.astype("datetime64[D]").copy()
        self.person_owned = np.zeros(self.count, dtype=bool)
        self.house_owners = np.array([], dtype=np.int64)

    # --- parties that are organisations ---------------------------------------------------

    def state_and_companies(self) -> None:
        p, rng = self.p, self.rng
        self.city_bodies = self.parties.organisations("state", list(names.CITY_BODIES), "state")
        districts = names.DISTRICTS
        self.khokimiyat = self.parties.organisations(
            "state", [names.district_khokimiyat(d) for d in districts], "state"
        )
        self.bailiffs = self.parties.organisations(
            "state", [names.district_bailiffs(d) for d in districts], "state"
        )
        self.banks = self.parties.organisations("legal", list(names.BANKS), "bank")
        utilities = ("gas", "power", "water")
        self.utilities = self.parties.organisations(
            "legal", [names.UTILITY_OPERATORS[u] for u in utilities], "legal"
        )
        business = np.flatnonzero(np.isin(p.use, (COMMERCIAL, INDUSTRIAL, SHOP)))
        company_count = max(3, round(business.size * 0.6))
        seat = business[rng.integers(0, business.size, company_count)] if business.size else None
        self.companies = self.parties.organisations(
            "legal",
            names.company_names(company_count, rng),
            "legal",
            None if seat is None else p.address[seat],
        )
        flats_land = np.flatnonzero(p.use == FLATS_LAND)
        self.partnership_of = np.zeros(self.count, dtype=np.int64)
        if flats_land.size:
            labels = [
                f"«{p.address[i].rsplit(', ', 2)[-2]} {p.address[i].rsplit(', ', 1)[-1]}» XUJMSH"
                for i in flats_land.tolist()
            ]
            self.partnership_of[flats_land] = self.parties.organisations(
                "legal", labels, "legal", p.address[flats_land]
            )

    # --- rights of families ---------------------------------------------------------------

    def _family_people(
        self,
        role: np.ndarray,
        family: np.ndarray,
        family_surname: np.ndarray,
        family_father: np.ndarray,
        district: np.ndarray,
        address: np.ndarray,
        known: np.ndarray | None = None,
    ) -> np.ndarray:
        """Party ids, one per slot; relatives share the family's surname and father's name.

        Slots marked `known` are filled with people who already own a house in the city.
        """
        rng = self.rng
        if known is not None and known.any() and self.house_owners.size:
            ids = np.empty(role.size, dtype=np.int64)
            ids[known] = self.house_owners[rng.integers(0, self.house_owners.size, known.sum())]
            ids[~known] = self._family_people(
                role[~known],
                family[~known],
                family_surname,
                family_father,
                district[~known],
                address[~known],
            )
            return ids
        count = role.size
        male = np.select(
            [role == HUSBAND, role == FATHER, role == WIFE, role == WIDOW],
            [True, True, False, False],
            rng.uniform(0, 1, count) < 0.55,
        )
        surname = family_surname[family]
        first = np.where(
            male,
            rng.integers(0, len(names.MALE_FIRST_NAMES), count),
            rng.integers(0, len(names.FEMALE_FIRST_NAMES), count),
        )
        first = np.where(role == FATHER, family_father[family], first)
        # A son is rarely named after his father.
        namesake = (role == CHILD) & male & (first == family_father[family])
        first = np.where(namesake, (first + 1) % len(names.MALE_FIRST_NAMES), first)
        own_father = rng.integers(0, len(names.MALE_FIRST_NAMES), count)
        father = np.where(role == CHILD, family_father[family], own_father)
        earliest = np.select(
            [role == FATHER, role == WIDOW, role == CHILD],
            [np.datetime64("1925-01-01"), np.datetime64("1935-01-01"), np.datetime64("1955-01-01")],
            np.datetime64("1940-01-01"),
        ).astype("datetime64[D]")
        latest = np.select(
            [role == FATHER, role == WIDOW, role == CHILD],
            [np.datetime64("1962-12-31"), np.datetime64("1970-12-31"), np.datetime64("2005-12-31")],
            np.datetime64("2001-12-31"),
        ).astype("datetime64[D]")
        latest = np.maximum(latest, earliest)
        birth = _days_between(rng, earliest, latest)
        return self.parties.people(
            male=male,
            surname=surname,
            first=first,
            father=father,
            birth=birth,
            district=district,
            address=address,
        )

    def _holders(self, properties: np.ndarray, pattern: np.ndarray) -> "_Holdings":
        """People (or family groups) holding each property by its pattern."""
        rng, p = self.rng, self.p
        families = properties.size
        family_surname = rng.integers(0, len(names.SURNAMES), families)
        family_father = rng.integers(0, len(names.MALE_FIRST_NAMES), families)
        sizes = np.array([len(x) for x in PATTERNS])[pattern]
        family = np.repeat(np.arange(families), sizes)
        slot = np.arange(family.size) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        table = np.zeros((len(PATTERNS), 4, 3), dtype=np.int64)
        for i, holders in enumerate(PATTERNS):
            table[i, : len(holders)] = holders
        role, numerator, denominator = table[pattern[family], slot].T
        prop = properties[family]
        # Some owners of a single flat already own a house elsewhere in the city.
        known = (pattern[family] == SINGLE) & (p.kind[prop] == "unit")
        known &= rng.uniform(0, 1, role.size) < 0.3
        people = self._family_people(
            role,
            family,
            family_surname,
            family_father,
            p.district[prop],
            p.address[prop],
            known,
        )
        group_ids = np.zeros(role.size, dtype=np.int64)
        grouped = pattern[family] == FAMILY_GROUP
        if grouped.any():
            group_of_family = np.zeros(families, dtype=np.int64)
            group_families = np.unique(family[grouped])
            surnames = np.array(names.SURNAMES, dtype=object)
            labels = surnames[family_surname[group_families]] + "lar oilasi"
            group_of_family[group_families] = (
                self.groups.add(name=labels, kind=np.full(labels.size, "family", dtype=object)) + 1
            )
            group_ids = np.where(grouped, group_of_family[family], 0)
            self.members.add(
                group=group_ids[grouped],
                party=people[grouped],
                numerator=numerator[grouped],
                denominator=denominator[grouped],
            )
        holder_party = np.where(grouped, 0, people)
        # A group holds the whole right once: keep its first member's slot.
        keep = ~grouped | (slot == 0)
        numerator = np.where(grouped, 1, numerator)
        denominator = np.where(grouped, 1, denominator)
        return _Holdings(
            prop=prop[keep],
            party=holder_party[keep],
            group=group_ids[keep],
            numerator=numerator[keep],
            denominator=denominator[keep],
            family_surname=family_surname,
            family_father=family_father,
        )

    def _right_rows(
        self,
        *,
        prop: np.ndarray,
        right_type: np.ndarray | int,
        party: np.ndarray,
        group: np.ndarray,
        numerator: np.ndarray,
        denominator: np.ndarray,
        start: np.ndarray,
        seconds: np.ndarray,
        end: np.ndarray | None,
        sources: list[np.ndarray],
        uid: np.ndarray | None = None,
        version: np.ndarray | int = 1,
        term_from: np.ndarray | None = None,
        term_until: np.ndarray | None = None,
    ) -> np.ndarray:
        count = prop.size
        if uid is None:
            uid = self.right_uid_count + np.arange(count)
            self.right_uid_count += count
        nat = np.full(count, np.datetime64("NaT"), dtype="datetime64[D]")
        valid_from = timestamps(start, seconds)
        valid_until = (
            np.full(count, np.datetime64("NaT"), dtype="datetime64[s]")
            if end is None
            else end.astype("datetime64[s]")
        )
        return self.rights.add(
            sources,
            prop=prop,
            type=np.broadcast_to(np.asarray(right_type), (count,)).copy(),
            party=party,
            group=group,
            numerator=numerator,
            denominator=denominator,
            valid_from=valid_from,
            valid_until=valid_until,
            registered=start.astype("datetime64[D]"),
            uid=uid,
            version=np.broadcast_to(np.asarray(version), (count,)).copy(),
            term_from=nat if term_from is None else term_from.astype("datetime64[D]"),
            term_until=nat if term_until is None else term_until.astype("datetime64[D]"),
        )

    def family_rights(self) -> None:
        """Houses and flats: current owners, and for some the owner before them."""
        p, rng = self.p, self.rng
        for uses, probabilities in (
            ((HOUSE,), (0.62, 0.2, 0.06, 0.05, 0.03, 0.04)),
            ((FLAT,), (0.68, 0.2, 0.04, 0.03, 0.01, 0.04)),
        ):
            props = np.flatnonzero(np.isin(p.use, uses))
            if props.size == 0:
                continue
            pattern = rng.choice(len(PATTERNS), props.size, p=probabilities)
            # Small cities still show every pattern once.
            for wanted in range(len(PATTERNS)):
                if props.size > 3 * len(PATTERNS) and not (pattern == wanted).any():
                    pattern[rng.integers(0, props.size)] = wanted
            self._family_rights_for(props, pattern, is_house=uses == (HOUSE,))

        shops = np.flatnonzero(p.use == SHOP)
        if shops.size:
            owner = self.companies[rng.integers(0, self.companies.size, shops.size)]
            day = p.registered[shops]
            source = self.sources.add(DEED, day - 3, _issuers(rng, p.district[shops], DEED))
            self._right_rows(
                prop=shops,
                right_type=0,
                party=owner,
                group=np.zeros(shops.size, dtype=np.int64),
                numerator=np.ones(shops.size, dtype=np.int64),
                denominator=np.ones(shops.size, dtype=np.int64),
                start=day,
                seconds=office_seconds(rng, shops.size),
                end=None,
                sources=[source],
            )

    def _family_rights_for(self, props: np.ndarray, pattern: np.ndarray, *, is_house: bool) -> None:
        p, rng = self.p, self.rng
        first_day = p.registered[props].astype("datetime64[D]")
        inherited = np.isin(pattern, INHERITED)
        sold = ~inherited & (rng.uniform(0, 1, props.size) < 0.1)
        has_past = inherited | sold
        # The current holders registered later than the first registration when there was a
        # previous holder.
        latest = np.maximum(first_day + 60, LAST_DAY - 30)
        change_day = _days_between(rng, first_day + 60, latest)
        change_day = np.minimum(change_day, LAST_DAY)
        current_day = np.where(has_past, change_day, first_day)
        self.current_from[props] = current_day
        if is_house:
            right_type = np.where(rng.uniform(0, 1, props.size) < 0.25, 1, 0)
        else:
            right_type = np.zeros(props.size, dtype=np.int64)

        holdings = self._holders(props, pattern)
        prop, party, group = holdings.prop, holdings.party, holdings.group
        numerator, denominator = holdings.numerator, holdings.denominator
        surname, father = holdings.family_surname, holdings.family_father
        index_of = np.full(self.count, -1, dtype=np.int64)
        index_of[props] = np.arange(props.size)
        at = index_of[prop]
        if is_house:
            self.house_owners = party[(party > 0) & (pattern[at] == SINGLE)]
        self.person_owned[props] = True
        district = p.district[props]

        # Documents of the current holders: a sale deed, an inheritance certificate, or for
        # first holders a khokim's decision (land) or a privatisation contract (flat).
        kind = np.where(
            inherited, INHERITANCE, np.where(sold, DEED, KHOKIM if is_house else CONTRACT)
        )
        current_source = np.zeros(props.size, dtype=np.int64)
        for k in np.unique(kind).tolist():
            which = np.flatnonzero(kind == k)
            issued = current_day[which] - rng.integers(1, 25, which.size)
            current_source[which] = self.sources.add(k, issued, _issuers(rng, district[which], k))
        survey = np.zeros(props.size, dtype=np.int64)
        if is_house:
            surveyed = np.flatnonzero(rng.uniform(0, 1, props.size) < 0.2)
            survey[surveyed] = self.sources.add(
                SURVEY, current_day[surveyed] - 30, _issuers(rng, district[surveyed], SURVEY)
            )
        seconds = office_seconds(rng, props.size)
        self._right_rows(
            prop=prop,
            right_type=right_type[at],
            party=party,
            group=group,
            numerator=numerator,
            denominator=denominator,
            start=current_day[at],
            seconds=seconds[at],
            end=None,
            sources=[current_source[at], survey[at]],
        )

        # Previous holders: the deceased father of the heirs, or the seller(s).
        past = np.flatnonzero(has_past)
        if past.size == 0:
            return
        seller_couple = sold[past] & (rng.uniform(0, 1, past.size) < 0.2)
        roles = np.where(inherited[past], FATHER, np.where(seller_couple, HUSBAND, ADULT))
        size = np.where(seller_couple, 2, 1)
        slot_prop = np.repeat(past, size)
        slot = np.arange(slot_prop.size) - np.repeat(np.cumsum(size) - size, size)
        slot_role = np.where(slot == 1, WIFE, np.repeat(roles, size))
        # Sellers are another family; the father belongs to the heirs' family.
        fam_surname = np.where(
            inherited[past], surname[past], rng.integers(0, len(names.SURNAMES), past.size)
        )
        fam_father = np.where(
            inherited[past], father[past], rng.integers(0, len(names.MALE_FIRST_NAMES), past.size)
        )
        family_of_slot = np.repeat(np.arange(past.size), size)
        # Half of the single sellers still own another house in the city.
        known = (slot_role == ADULT) & (rng.uniform(0, 1, slot_role.size) < 0.5)
        prev_people = self._family_people(
            slot_role,
            family_of_slot,
            fam_surname,
            fam_father,
            p.district[props[slot_prop]],
            p.address[props[slot_prop]],
            known,
        )
        prev_kind = np.where(is_house, KHOKIM, CONTRACT)
        prev_source = self.sources.add(
            int(prev_kind),
            first_day[past] - rng.integers(1, 25, past.size),
            _issuers(rng, district[past], int(prev_kind)),
        )
        prev_seconds = office_seconds(rng, past.size)
        end = timestamps(current_day[past], seconds[past])
        self._right_rows(
            prop=props[slot_prop],
            right_type=right_type[slot_prop],
            party=prev_people,
            group=np.zeros(slot_prop.size, dtype=np.int64),
            numerator=np.ones(slot_prop.size, dtype=np.int64),
            denominator=np.where(slot_role == ADULT, 1, np.where(slot_role == FATHER, 1, 2)),
            start=first_day[slot_prop],
            seconds=prev_seconds[family_of_slot],
            end=end[family_of_slot],
            sources=[prev_source[family_of_slot]],
        )

    # --- rights of organisations ----------------------------------------------------------

    def organisation_rights(self) -> None:
        p, rng = self.p, self.rng
        zeros = np.zeros(self.count, dtype=np.int64)
        ones = np.ones(self.count, dtype=np.int64)

        def holders(props: np.ndarray, party: np.ndarray, right_type: int, kind: int) -> None:
            day = p.registered[props].astype("datetime64[D]")
            source = self.sources.add(
                kind, day - rng.integers(1, 25, props.size), _issuers(rng, p.district[props], kind)
            )
            self._right_rows(
                prop=props,
                right_type=right_type,
                party=party,
                group=zeros[: props.size],
                numerator=ones[: props.size],
                denominator=ones[: props.size],
                start=day,
                seconds=office_seconds(rng, props.size),
                end=None,
                sources=[source],
            )

        flats_land = np.flatnonzero(p.use == FLATS_LAND)
        holders(flats_land, self.partnership_of[flats_land], 2, KHOKIM)
        public = np.flatnonzero(p.use == PUBLIC)
        body = np.where(
            rng.uniform(0, 1, public.size) < 0.6,
            self.city_bodies[names.EDUCATION_BODY],
            self.city_bodies[names.HEALTH_BODY],
        )
        holders(public, body, 2, KHOKIM)
        green = np.flatnonzero(p.use == GREEN)
        holders(green, np.full(green.size, self.city_bodies[names.LANDSCAPING_BODY]), 2, KHOKIM)

        business = np.flatnonzero(np.isin(p.use, (COMMERCIAL, INDUSTRIAL)))
        leased = rng.uniform(0, 1, business.size) < np.where(
            p.use[business] == COMMERCIAL, 0.5, 0.3
        )
        if business.size >= 2 and not leased.any():
            leased[0] = True
        company = self.companies[rng.integers(0, self.companies.size, business.size)]
        owned = business[~leased]
        # A tenth of company-owned land belongs to two companies in halves.
        halves = rng.uniform(0, 1, owned.size) < 0.1
        single = owned[~halves]
        holders(single, company[~leased][~halves], 0, CONTRACT)
        pair = owned[halves]
        if pair.size:
            day = p.registered[pair].astype("datetime64[D]")
            source = self.sources.add(DEED, day - 5, _issuers(rng, p.district[pair], DEED))
            first = company[~leased][halves]
            second = self.companies[
                (np.searchsorted(self.companies, first) + 1) % self.companies.size
            ]
            both = np.concatenate([first, second])
            order = np.argsort(np.concatenate([np.arange(pair.size)] * 2), kind="stable")
            self._right_rows(
                prop=np.concatenate([pair, pair])[order],
                right_type=0,
                party=both[order],
                group=np.zeros(2 * pair.size, dtype=np.int64),
                numerator=np.ones(2 * pair.size, dtype=np.int64),
                denominator=np.full(2 * pair.size, 2),
                start=np.concatenate([day, day])[order],
                seconds=np.repeat(office_seconds(rng, pair.size), 2),
                end=None,
                sources=[np.concatenate([source, source])[order]],
            )
        self._leases(business[leased], company[leased])
        self._flat_leases()

    def _leases(self, props: np.ndarray, tenant: np.ndarray) -> None:
        """State land leased to companies; some leases were extended (a second version)."""
        p, rng = self.p, self.rng
        if props.size == 0:
            return
        district = p.district[props]
        day = p.registered[props].astype("datetime64[D]")
        count = props.size
        zeros = np.zeros(count, dtype=np.int64)
        ones = np.ones(count, dtype=np.int64)
        # The land stays the city's.
        source = self.sources.add(KHOKIM, day - 20, _issuers(rng, district, KHOKIM))
        self._right_rows(
            prop=props,
            right_type=0,
            party=self.khokimiyat[district],
            group=zeros,
            numerator=ones,
            denominator=ones,
            start=day,
            seconds=office_seconds(rng, count),
            end=None,
            sources=[source],
        )
        years = rng.choice([10, 15, 25, 49], count)
        term_until = (day.astype("datetime64[Y]") + years).astype("datetime64[D]") + (
            day - day.astype("datetime64[Y]").astype("datetime64[D]")
        )
        contract = self.sources.add(CONTRACT, day - 2, _issuers(rng, district, CONTRACT))
        extended = rng.uniform(0, 1, count) < 0.3
        if count >= 2 and not extended.any():
            extended[0] = True
        ext_day = np.minimum(
            _days_between(rng, day + 365, np.maximum(day + 365, LAST_DAY - 10)), LAST_DAY
        )
        extended &= ext_day > day
        uid = self.right_uid_count + np.arange(count)
        self.right_uid_count += count
        seconds = office_seconds(rng, count)
        end = np.where(extended, timestamps(ext_day, seconds), np.datetime64("NaT"))
        self._right_rows(
            prop=props,
            right_type=3,
            party=tenant,
            group=zeros,
            numerator=ones,
            denominator=ones,
            start=day,
            seconds=office_seconds(rng, count),
            end=end.astype("datetime64[s]"),
            sources=[contract, source],
            uid=uid,
            term_from=day,
            term_until=term_until,
        )
        ext = np.flatnonzero(extended)
        if ext.size:
            new_until = term_until[ext] + (rng.choice([5, 10, 15], ext.size) * 365)
            addendum = self.sources.add(
                CONTRACT, ext_day[ext] - 3, _issuers(rng, district[ext], CONTRACT)
            )
            self._right_rows(
                prop=props[ext],
                right_type=3,
                party=tenant[ext],
                group=zeros[: ext.size],
                numerator=ones[: ext.size],
                denominator=ones[: ext.size],
                start=ext_day[ext],
                seconds=seconds[ext],
                end=None,
                sources=[addendum[:], contract[ext]],
                uid=uid[ext],
                version=2,
                term_from=day[ext],
                term_until=new_until,
            )

    def _flat_leases(self) -> None:
        """A few flats let to a tenant for one to three years."""
        p, rng = self.p, self.rng
        flats = np.flatnonzero(p.use == FLAT)
        let = _pick(rng, flats, 0.02)
        if let.size == 0:
            return
        day = np.minimum(self.current_from[let] + rng.integers(30, 900, let.size), LAST_DAY)
        tenants = self._family_people(
            np.full(let.size, ADULT),
            np.arange(let.size),
            rng.integers(0, len(names.SURNAMES), let.size),
            rng.integers(0, len(names.MALE_FIRST_NAMES), let.size),
            p.district[let],
            p.address[let],
        )
        contract = self.sources.add(CONTRACT, day - 2, _issuers(rng, p.district[let], DEED))
        self._right_rows(
            prop=let,
            right_type=3,
            party=tenants,
            group=np.zeros(let.size, dtype=np.int64),
            numerator=np.ones(let.size, dtype=np.int64),
            denominator=np.ones(let.size, dtype=np.int64),
            start=day,
            seconds=office_seconds(rng, let.size),
            end=None,
            sources=[contract],
            term_from=day,
            term_until=day + rng.choice([365, 730, 1095], let.size),
        )

    # --- restrictions and responsibilities ------------------------------------------------

    def _restriction_rows(
        self,
        *,
        prop: np.ndarray,
        restriction_type: str,
        beneficiary: np.ndarray,
        day: np.ndarray,
        end: np.ndarray | None,
        source: np.ndarray,
        amount: np.ndarray | None = None,
        rank: np.ndarray | None = None,
        description: str = "",
        term_years: np.ndarray | None = None,
    ) -> None:
        count = prop.size
        rng = self.rng
        seconds = office_seconds(rng, count)
        term_until = (
            np.full(count, np.datetime64("NaT"), dtype="datetime64[D]")
            if term_years is None
            else day + term_years * 365
        )
        self.restrictions_.add(
            [source],
            prop=prop,
            type=np.full(count, restriction_type, dtype=object),
            beneficiary=beneficiary,
            valid_from=timestamps(day, seconds),
            valid_until=(
                np.full(count, np.datetime64("NaT"), dtype="datetime64[s]")
                if end is None
                else timestamps(end, seconds)
            ),
            registered=day.astype("datetime64[D]"),
            amount=np.full(count, -1.0) if amount is None else amount,
            rank=np.full(count, -1) if rank is None else rank,
            description=np.full(count, description, dtype=object),
            term_from=(
                np.full(count, np.datetime64("NaT"), dtype="datetime64[D]")
                if term_years is None
                else day.astype("datetime64[D]")
            ),
            term_until=term_until,
        )

    def restrictions(self) -> None:
        p, rng = self.p, self.rng
        owned = np.flatnonzero(self.person_owned)
        after = self.current_from
        # Mortgages: rank 1 at a bank, some with a second rank at another bank.
        mortgaged = _pick(rng, owned, 0.07)
        day = np.minimum(
            _days_between(
                rng, after[mortgaged] + 10, np.maximum(after[mortgaged] + 10, LAST_DAY - 40)
            ),
            LAST_DAY - 20,
        )
        bank = rng.integers(0, self.banks.size, mortgaged.size)
        is_flat = p.use[mortgaged] == FLAT
        amount = np.round(
            np.where(
                is_flat,
                rng.uniform(60e6, 600e6, mortgaged.size),
                rng.uniform(80e6, 900e6, mortgaged.size),
            ),
            -5,
        )
        source = self.sources.add(
            MORTGAGE_DEAL, day - 2, _issuers(rng, p.district[mortgaged], MORTGAGE_DEAL)
        )
        self._restriction_rows(
            prop=mortgaged,
            restriction_type="mortgage",
            beneficiary=self.banks[bank],
            day=day,
            end=None,
            source=source,
            amount=amount,
            rank=np.ones(mortgaged.size, dtype=np.int64),
            term_years=rng.choice([5, 10, 15, 20], mortgaged.size),
        )
        second = np.flatnonzero(rng.uniform(0, 1, mortgaged.size) < 0.15)
        if mortgaged.size >= 2 and second.size == 0:
            second = np.array([0])
        day2 = np.minimum(day[second] + rng.integers(30, 700, second.size), LAST_DAY - 5)
        source2 = self.sources.add(
            MORTGAGE_DEAL, day2 - 2, _issuers(rng, p.district[mortgaged[second]], MORTGAGE_DEAL)
        )
        self._restriction_rows(
            prop=mortgaged[second],
            restriction_type="mortgage",
            beneficiary=self.banks[(bank[second] + 1) % self.banks.size],
            day=day2,
            end=None,
            source=source2,
            amount=np.round(amount[second] * rng.uniform(0.2, 0.5, second.size), -5),
            rank=np.full(second.size, 2),
            term_years=rng.choice([3, 5, 7], second.size),
        )
        # Repaid mortgages: registered and ended before today.
        repaid = _pick(rng, owned, 0.03)
        start = _days_between(rng, after[repaid] + 5, np.maximum(after[repaid] + 5, LAST_DAY - 400))
        start = np.minimum(start, LAST_DAY - 400)
        start = np.maximum(start, after[repaid])
        end = start + rng.integers(200, 2500, repaid.size)
        keep = end < LAST_DAY
        repaid, start, end = repaid[keep], start[keep], end[keep]
        source3 = self.sources.add(
            MORTGAGE_DEAL, start - 2, _issuers(rng, p.district[repaid], MORTGAGE_DEAL)
        )
        self._restriction_rows(
            prop=repaid,
            restriction_type="mortgage",
            beneficiary=self.banks[rng.integers(0, self.banks.size, repaid.size)],
            day=start,
            end=end,
            source=source3,
            amount=np.round(rng.uniform(40e6, 500e6, repaid.size), -5),
            rank=np.ones(repaid.size, dtype=np.int64),
            term_years=rng.choice([3, 5, 10], repaid.size),
        )
        # Arrests by a court for unpaid debts.
        arrested = _pick(rng, owned, 0.007)
        day4 = np.minimum(after[arrested] + rng.integers(30, 3000, arrested.size), LAST_DAY - 2)
        day4 = np.maximum(day4, after[arrested])
        court = self.sources.add(
            COURT,
            day4 - rng.integers(3, 20, arrested.size),
            _issuers(rng, p.district[arrested], COURT),
        )
        self._restriction_rows(
            prop=arrested,
            restriction_type="arrest",
            beneficiary=self.bailiffs[p.district[arrested]],
            day=day4,
            end=None,
            source=court,
            description="Qarzdorlik bo'yicha sud qarori bilan taqiq qo'yilgan",
        )
        # Servitudes: utilities may pass through a few house plots.
        houses = np.flatnonzero(p.use == HOUSE)
        crossed = _pick(rng, houses, 0.003)
        utility = rng.integers(0, self.utilities.size, crossed.size)
        day5 = np.minimum(after[crossed] + rng.integers(30, 2000, crossed.size), LAST_DAY - 2)
        day5 = np.maximum(day5, after[crossed])
        deal = self.sources.add(CONTRACT, day5 - 5, _issuers(rng, p.district[crossed], CONTRACT))
        for u, text in enumerate(
            (
                "Gaz quvuriga xizmat ko'rsatish uchun o'tish huquqi",
                "Elektr kabeli liniyasiga xizmat ko'rsatish uchun o'tish huquqi",
                "Suv quvuriga xizmat ko'rsatish uchun o'tish huquqi",
            )
        ):
            which = utility == u
            self._restriction_rows(
                prop=crossed[which],
                restriction_type="servitude",
                beneficiary=np.full(int(which.sum()), self.utilities[u]),
                day=day5[which],
                end=None,
                source=deal[which],
                description=text,
            )

    def responsibilities(self) -> None:
        p, rng = self.p, self.rng
        flats_land = np.flatnonzero(p.use == FLATS_LAND)
        day = p.registered[flats_land].astype("datetime64[D]")
        source = self.sources.add(KHOKIM, day - 15, _issuers(rng, p.district[flats_land], KHOKIM))
        self._duty_rows(
            flats_land,
            "maintenance",
            self.partnership_of[flats_land],
            day,
            source,
            "Ko'p kvartirali uyning umumiy mol-mulkini saqlash",
        )
        public = np.flatnonzero(p.use == PUBLIC)
        central = public[p.centrality[public] < 0.35]
        heritage = _pick(rng, central if central.size else public, 0.3)
        day = np.minimum(p.registered[heritage] + rng.integers(100, 2000, heritage.size), LAST_DAY)
        source = self.sources.add(KHOKIM, day - 10, _issuers(rng, p.district[heritage], KHOKIM))
        self._duty_rows(
            heritage,
            "heritage",
            np.full(heritage.size, self.city_bodies[names.CITY_KHOKIMIYAT]),
            day,
            source,
            "Madaniy meros obyekti: tashqi ko'rinishini saqlash majburiyati",
        )

    def _duty_rows(
        self,
        prop: np.ndarray,
        duty: str,
        party: np.ndarray,
        day: np.ndarray,
        source: np.ndarray,
        description: str,
    ) -> None:
        count = prop.size
        self.duties.add(
            [source],
            prop=prop,
            type=np.full(count, duty, dtype=object),
            party=party,
            valid_from=timestamps(day, office_seconds(self.rng, count)),
            registered=day.astype("datetime64[D]"),
            description=np.full(count, description, dtype=object),
        )

    # --- tables ---------------------------------------------------------------------------

    def tables(self) -> list[Table]:
        rng = self.rng
        p = self.p
        out = [self.parties.table()]
        groups = self.groups
        out.append(
            Table(
                "cadastre_partygroup",
                ("id", "name", "kind"),
                (np.arange(1, groups.count + 1), groups.column("name"), groups.column("kind")),
            )
        )
        m = self.members
        out.append(
            Table(
                "cadastre_partygroupmember",
                ("id", "group_id", "party_id", "share_numerator", "share_denominator"),
                (
                    np.arange(1, m.count + 1),
                    m.column("group").astype(np.int64),
                    m.column("party").astype(np.int64),
                    m.column("numerator").astype(np.int64),
                    m.column("denominator").astype(np.int64),
                ),
            )
        )
        out.append(self.sources.table())
        district_code = np.array(
            [f"{i + 1:02d}" for i in range(len(names.DISTRICTS))], dtype=object
        )

        # Rights
        r = self.rights.rows
        count = r.count
        prop = r.column("prop").astype(np.int64)
        party = r.column("party").astype(np.int64)
        group = r.column("group").astype(np.int64)
        uid_index = r.column("uid").astype(np.int64)
        uid_text = np.array(uuids(rng, self.right_uid_count), dtype=object)
        registered = r.column("registered").astype("datetime64[D]")
        ids = np.arange(1, count + 1)
        out.append(
            Table(
                "cadastre_right",
                (
                    "id",
                    "uid",
                    "version",
                    "valid_from",
                    "valid_until",
                    "registration_number",
                    "registered_on",
                    "term_from",
                    "term_until",
                    "right_type",
                    "share_numerator",
                    "share_denominator",
                    "party_id",
                    "party_group_id",
                    "property_id",
                ),
                (
                    ids,
                    uid_text[uid_index],
                    r.column("version").astype(np.int64),
                    r.column("valid_from").astype("datetime64[s]"),
                    r.column("valid_until").astype("datetime64[s]"),
                    _registration_numbers(
                        p.region, district_code[p.district[prop]], registered, ids, "H"
                    ),
                    registered,
                    r.column("term_from").astype("datetime64[D]"),
                    r.column("term_until").astype("datetime64[D]"),
                    RIGHT_TYPES[r.column("type").astype(np.int64)],
                    r.column("numerator").astype(np.int64),
                    r.column("denominator").astype(np.int64),
                    nullable(party, party <= 0),
                    nullable(group, group <= 0),
                    prop + 1,
                ),
            )
        )
        out.append(_citation_table("cadastre_right_sources", "right_id", self.rights))

        s = self.restrictions_.rows
        prop = s.column("prop").astype(np.int64)
        registered = s.column("registered").astype("datetime64[D]")
        amount = s.column("amount").astype(np.float64)
        rank = s.column("rank").astype(np.int64)
        ids = np.arange(1, s.count + 1)
        out.append(
            Table(
                "cadastre_restriction",
                (
                    "id",
                    "uid",
                    "version",
                    "valid_from",
                    "valid_until",
                    "registration_number",
                    "registered_on",
                    "term_from",
                    "term_until",
                    "restriction_type",
                    "beneficiary_id",
                    "amount",
                    "rank",
                    "description",
                    "property_id",
                ),
                (
                    ids,
                    uuids(rng, s.count),
                    np.ones(s.count, dtype=np.int64),
                    s.column("valid_from").astype("datetime64[s]"),
                    s.column("valid_until").astype("datetime64[s]"),
                    _registration_numbers(
                        p.region, district_code[p.district[prop]], registered, ids, "C"
                    ),
                    registered,
                    s.column("term_from").astype("datetime64[D]"),
                    s.column("term_until").astype("datetime64[D]"),
                    s.column("type"),
                    s.column("beneficiary").astype(np.int64),
                    nullable(np.round(amount, 2), amount < 0),
                    nullable(rank, rank < 0),
                    s.column("description"),
                    prop + 1,
                ),
            )
        )
        out.append(
            _citation_table("cadastre_restriction_sources", "restriction_id", self.restrictions_)
        )

        d = self.duties.rows
        prop = d.column("prop").astype(np.int64)
        registered = d.column("registered").astype("datetime64[D]")
        ids = np.arange(1, d.count + 1)
        nat = np.full(d.count, np.datetime64("NaT"), dtype="datetime64[D]")
        out.append(
            Table(
                "cadastre_responsibility",
                (
                    "id",
                    "uid",
                    "version",
                    "valid_from",
                    "valid_until",
                    "registration_number",
                    "registered_on",
                    "term_from",
                    "term_until",
                    "responsibility_type",
                    "party_id",
                    "description",
                    "property_id",
                ),
                (
                    ids,
                    uuids(rng, d.count),
                    np.ones(d.count, dtype=np.int64),
                    d.column("valid_from").astype("datetime64[s]"),
                    np.full(d.count, np.datetime64("NaT"), dtype="datetime64[s]"),
                    _registration_numbers(
                        p.region, district_code[p.district[prop]], registered, ids, "M"
                    ),
                    registered,
                    nat,
                    nat,
                    d.column("type"),
                    d.column("party").astype(np.int64),
                    d.column("description"),
                    prop + 1,
                ),
            )
        )
        out.append(
            _citation_table("cadastre_responsibility_sources", "responsibility_id", self.duties)
        )
        return out


def _registration_numbers(
    region: str, district: np.ndarray, day: np.ndarray, ids: np.ndarray, letter: str
) -> list[str]:
    """10-BB/YYYY/X0000123: region, district, year of registration, register letter, entry."""
    year = (day.astype("datetime64[Y]").astype(np.int64) + 1970).astype(str).tolist()
    return [
        f"{region}-{b}/{y}/{letter}{i:07d}"
        for b, y, i in zip(district.tolist(), year, ids.tolist(), strict=True)
    ]


def _citation_table(name: str, fact_column: str, facts: _Facts) -> Table:
    fact = np.concatenate([c[0] for c in facts.citations]) if facts.citations else np.array([])
    source = np.concatenate([c[1] for c in facts.citations]) if facts.citations else np.array([])
    order = np.lexsort((source, fact))
    fact, source = fact[order].astype(np.int64), source[order].astype(np.int64)
    return Table(
        name,
        ("id", fact_column, "source_id"),
        (np.arange(1, fact.size + 1), fact, source),
    )
