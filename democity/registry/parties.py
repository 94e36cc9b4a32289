"""Parties: people with PINFL and passport, organisations with a TIN."""

import numpy as np

from democity import names
from democity.registry.common import Rows
from democity.tables import Table, nullable


class Parties:
    """Parties with their ids (1-based, in insertion order)."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        self.rows = Rows()
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
