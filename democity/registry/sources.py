"""Documents registrations rest on: deeds, decisions, contracts, court rulings, certificates."""

import numpy as np

from democity import names
from democity.registry.common import (
    CONTRACT,
    COURT,
    DEED,
    INHERITANCE,
    KHOKIM,
    MORTGAGE_DEAL,
    SOURCE_KINDS,
    SURVEY,
    Rows,
)
from democity.tables import Table


class Sources:
    """Documents with their ids (1-based, in insertion order)."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        self.rows = Rows()

    def add(self, kind: int, issued: np.ndarray, district: np.ndarray) -> np.ndarray:
        """One document of `kind` per entry, issued on `issued` in `district`; their ids."""
        count = issued.size
        positions = self.rows.add(
            kind=np.full(count, kind),
            issued=issued.astype("datetime64[D]"),
            issuer=issuers(self.rng, district, kind),
        )
        return positions + 1

    def add_shared(
        self, kind: int, group: np.ndarray, day: np.ndarray, district: np.ndarray
    ) -> np.ndarray:
        """One document per `group` value (entries with -1 get their own), issued a little
        before the first `day` of its group; returns the document id of each entry."""
        ids = np.empty(group.size, dtype=np.int64)
        alone = group < 0
        ids[alone] = self.add(
            kind, day[alone] - self.rng.integers(1, 25, alone.sum()), district[alone]
        )
        shared = np.flatnonzero(~alone)
        if shared.size:
            keys, first, inverse = np.unique(group[shared], return_index=True, return_inverse=True)
            earliest = np.full(keys.size, np.datetime64("2100-01-01"), dtype="datetime64[D]")
            np.minimum.at(earliest, inverse, day[shared].astype("datetime64[D]"))
            documents = self.add(
                kind, earliest - self.rng.integers(5, 40, keys.size), district[shared[first]]
            )
            ids[shared] = documents[inverse]
        return ids

    def table(self) -> Table:
        kind = self.rows.column("kind").astype(np.int64)
        issued = self.rows.column("issued").astype("datetime64[D]")
        count = kind.size
        ids = np.arange(1, count + 1)
        year = (issued.astype("datetime64[Y]").astype(np.int64) + 1970).astype(str).tolist()
        formats = {
            KHOKIM: "{i}-q",
            COURT: "2-{i}/{y}",
            CONTRACT: "{i}/{yy}",
            MORTGAGE_DEAL: "IP-{i}",
            INHERITANCE: "M-{i}",
            SURVEY: "KR-{y}-{i}",
            DEED: "{yy}-{i}",
        }
        number = [
            formats[k].format(i=i, y=y, yy=y[2:])
            for k, i, y in zip(kind.tolist(), ids.tolist(), year, strict=True)
        ]
        blank = np.full(count, "", dtype=object)
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
                blank,
                blank,
                blank,
                issued.astype("datetime64[s]") + np.timedelta64(12 * 3600, "s"),
            ),
        )


def issuers(rng: np.random.Generator, district: np.ndarray, kind: int) -> np.ndarray:
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
