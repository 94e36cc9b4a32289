"""Everything the register generator accumulates, and the primitives that add to it."""

from dataclasses import dataclass

import numpy as np

from democity import names
from democity.registry.common import (
    CHILD,
    COMMERCIAL,
    FAMILY_GROUP,
    FATHER,
    FLATS_LAND,
    HUSBAND,
    INDUSTRIAL,
    PATTERNS,
    SHOP,
    SINGLE,
    WIDOW,
    WIFE,
    Facts,
    PropertyInput,
    Rows,
    days_between,
    nat_days,
    nat_seconds,
)
from democity.registry.parties import Parties
from democity.registry.sources import Sources
from democity.tables import office_seconds, timestamps

# Birth years by role: [earliest, latest].
_BORN = {
    FATHER: ("1925-01-01", "1962-12-31"),
    WIDOW: ("1935-01-01", "1970-12-31"),
    CHILD: ("1955-01-01", "2005-12-31"),
}
_BORN_ADULT = ("1940-01-01", "2001-12-31")


@dataclass(frozen=True)
class Holdings:
    """Who holds which share of which property; the family arrays are per property."""

    prop: np.ndarray
    party: np.ndarray  # 0 where a group holds the right
    group: np.ndarray  # 0 where a person holds it
    numerator: np.ndarray
    denominator: np.ndarray
    family_surname: np.ndarray
    family_father: np.ndarray


class RegisterState:
    """Parties, documents, groups and registered facts generated so far."""

    def __init__(self, props: PropertyInput, rng: np.random.Generator) -> None:
        self.p = props
        self.rng = rng
        self.count = len(props.number)
        self.parties = Parties(rng)
        self.sources = Sources(rng)
        self.rights = Facts()
        self.restrictions = Facts()
        self.duties = Facts()
        self.groups = Rows()
        self.members = Rows()
        self.right_uids = 0
        # Registration day of each property's current holders; restrictions come after it.
        self.current_from = props.registered.astype("datetime64[D]").copy()
        self.person_owned = np.zeros(self.count, dtype=bool)
        self.house_owners = np.array([], dtype=np.int64)
        self._organisations()

    def _organisations(self) -> None:
        p, rng, parties = self.p, self.rng, self.parties
        districts = names.DISTRICTS
        self.city_bodies = parties.organisations("state", list(names.CITY_BODIES), "state")
        self.khokimiyat = parties.organisations(
            "state", [names.district_khokimiyat(d) for d in districts], "state"
        )
        self.bailiffs = parties.organisations(
            "state", [names.district_bailiffs(d) for d in districts], "state"
        )
        self.banks = parties.organisations("legal", list(names.BANKS), "bank")
        self.utilities = parties.organisations(
            "legal", [names.UTILITY_OPERATORS[u] for u in ("gas", "power", "water")], "legal"
        )
        business = np.flatnonzero(np.isin(p.use, (COMMERCIAL, INDUSTRIAL, SHOP)))
        company_count = max(3, round(business.size * 0.6))
        seat = business[rng.integers(0, business.size, company_count)] if business.size else None
        self.companies = parties.organisations(
            "legal",
            names.company_names(company_count, rng),
            "legal",
            None if seat is None else p.address[seat],
        )
        # A homeowners' partnership (XUJMSH) for each apartment building's land.
        flats_land = np.flatnonzero(p.use == FLATS_LAND)
        self.partnership_of = np.zeros(self.count, dtype=np.int64)
        if flats_land.size:
            labels = [
                f"«{p.address[i].rsplit(', ', 2)[-2]} {p.address[i].rsplit(', ', 1)[-1]}» XUJMSH"
                for i in flats_land.tolist()
            ]
            self.partnership_of[flats_land] = parties.organisations(
                "legal", labels, "legal", p.address[flats_land]
            )

    def people(
        self,
        role: np.ndarray,
        family: np.ndarray,
        family_surname: np.ndarray,
        family_father: np.ndarray,
        prop: np.ndarray,
        known: np.ndarray | None = None,
    ) -> np.ndarray:
        """Party ids, one per slot; relatives share the family's surname and father's name.

        A slot lives at its property's address. Slots marked `known` get a person who already
        owns a house in the city instead of a new one.
        """
        rng = self.rng
        if known is not None and known.any() and self.house_owners.size:
            ids = np.empty(role.size, dtype=np.int64)
            ids[known] = self.house_owners[rng.integers(0, self.house_owners.size, known.sum())]
            new = ~known
            ids[new] = self.people(role[new], family[new], family_surname, family_father, prop[new])
            return ids
        count = role.size
        male = np.select(
            [role == HUSBAND, role == FATHER, role == WIFE, role == WIDOW],
            [True, True, False, False],
            rng.uniform(0, 1, count) < 0.55,
        )
        first = np.where(
            male,
            rng.integers(0, len(names.MALE_FIRST_NAMES), count),
            rng.integers(0, len(names.FEMALE_FIRST_NAMES), count),
        )
        first = np.where(role == FATHER, family_father[family], first)
        # A son is rarely named after his father.
        namesake = (role == CHILD) & male & (first == family_father[family])
        first = np.where(namesake, (first + 1) % len(names.MALE_FIRST_NAMES), first)
        father = np.where(
            role == CHILD,
            family_father[family],
            rng.integers(0, len(names.MALE_FIRST_NAMES), count),
        )
        earliest = np.full(count, np.datetime64(_BORN_ADULT[0]), dtype="datetime64[D]")
        latest = np.full(count, np.datetime64(_BORN_ADULT[1]), dtype="datetime64[D]")
        for who, (low, high) in _BORN.items():
            earliest[role == who] = np.datetime64(low)
            latest[role == who] = np.datetime64(high)
        return self.parties.people(
            male=male,
            surname=family_surname[family],
            first=first,
            father=father,
            birth=days_between(rng, earliest, latest),
            district=self.p.district[prop],
            address=self.p.address[prop],
        )

    def holders(self, properties: np.ndarray, pattern: np.ndarray) -> Holdings:
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
        # Many owners of a single flat also own a house elsewhere in the city.
        known = (pattern[family] == SINGLE) & (p.kind[prop] == "unit")
        known &= rng.uniform(0, 1, role.size) < 0.4
        people = self.people(role, family, family_surname, family_father, prop, known)
        group = np.zeros(role.size, dtype=np.int64)
        grouped = pattern[family] == FAMILY_GROUP
        if grouped.any():
            group_of_family = np.zeros(families, dtype=np.int64)
            group_families = np.unique(family[grouped])
            labels = np.array(names.SURNAMES, dtype=object)[family_surname[group_families]]
            group_of_family[group_families] = 1 + self.groups.add(
                name=labels + "lar oilasi", kind=np.full(labels.size, "family", dtype=object)
            )
            group = np.where(grouped, group_of_family[family], 0)
            self.members.add(
                group=group[grouped],
                party=people[grouped],
                numerator=numerator[grouped],
                denominator=denominator[grouped],
            )
        # A group holds the whole right once: keep its first member's slot.
        keep = ~grouped | (slot == 0)
        return Holdings(
            prop=prop[keep],
            party=np.where(grouped, 0, people)[keep],
            group=group[keep],
            numerator=np.where(grouped, 1, numerator)[keep],
            denominator=np.where(grouped, 1, denominator)[keep],
            family_surname=family_surname,
            family_father=family_father,
        )

    def add_rights(
        self,
        *,
        prop: np.ndarray,
        right_type: np.ndarray | int,
        party: np.ndarray,
        start: np.ndarray,
        sources: list[np.ndarray],
        group: np.ndarray | None = None,
        numerator: np.ndarray | None = None,
        denominator: np.ndarray | None = None,
        seconds: np.ndarray | None = None,
        end: np.ndarray | None = None,
        uid: np.ndarray | None = None,
        version: int = 1,
        term_from: np.ndarray | None = None,
        term_until: np.ndarray | None = None,
    ) -> None:
        """Register rights (whole shares held by `party` unless told otherwise) from `start`,
        at `seconds` after midnight (office hours by default), ended at `end` if given."""
        count = prop.size
        if uid is None:
            uid = self.new_right_uids(count)
        ones = np.ones(count, dtype=np.int64)
        seconds = office_seconds(self.rng, count) if seconds is None else seconds
        self.rights.add(
            sources,
            prop=prop,
            type=np.broadcast_to(np.asarray(right_type), (count,)),
            party=party,
            group=np.zeros(count, dtype=np.int64) if group is None else group,
            numerator=ones if numerator is None else numerator,
            denominator=ones if denominator is None else denominator,
            valid_from=timestamps(start, seconds),
            valid_until=nat_seconds(count) if end is None else end.astype("datetime64[s]"),
            registered=start.astype("datetime64[D]"),
            uid=uid,
            version=np.full(count, version),
            term_from=nat_days(count) if term_from is None else term_from.astype("datetime64[D]"),
            term_until=(
                nat_days(count) if term_until is None else term_until.astype("datetime64[D]")
            ),
        )

    def new_right_uids(self, count: int) -> np.ndarray:
        """Identities for `count` new rights (indexes into the uid list made at the end)."""
        uid = self.right_uids + np.arange(count)
        self.right_uids += count
        return uid

    def add_restrictions(
        self,
        *,
        prop: np.ndarray,
        restriction_type: str,
        beneficiary: np.ndarray,
        day: np.ndarray,
        source: np.ndarray,
        end: np.ndarray | None = None,
        amount: np.ndarray | None = None,
        rank: np.ndarray | None = None,
        description: str = "",
        term_years: np.ndarray | None = None,
    ) -> None:
        count = prop.size
        seconds = office_seconds(self.rng, count)
        day = day.astype("datetime64[D]")
        self.restrictions.add(
            [source],
            prop=prop,
            type=np.full(count, restriction_type, dtype=object),
            beneficiary=beneficiary,
            valid_from=timestamps(day, seconds),
            valid_until=nat_seconds(count) if end is None else timestamps(end, seconds),
            registered=day,
            amount=np.full(count, -1.0) if amount is None else amount,
            rank=np.full(count, -1) if rank is None else rank,
            description=np.full(count, description, dtype=object),
            term_from=nat_days(count) if term_years is None else day,
            term_until=nat_days(count) if term_years is None else day + term_years * 365,
        )

    def add_duties(
        self,
        *,
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
