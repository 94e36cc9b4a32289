"""The register's rows as tables to load, with registration numbers and uids."""

import numpy as np

from democity import names
from democity.registry.common import RIGHT_TYPES, Facts, nat_days, nat_seconds
from democity.registry.state import RegisterState
from democity.tables import Table, nullable, uuids

_FACT_COLUMNS = (
    "id",
    "uid",
    "version",
    "valid_from",
    "valid_until",
    "registration_number",
    "registered_on",
    "term_from",
    "term_until",
)


def register_tables(s: RegisterState) -> list[Table]:
    """Parties, groups, members, sources, rights, restrictions, responsibilities (+ citations)."""
    rng, p = s.rng, s.p
    district_code = np.array([f"{i + 1:02d}" for i in range(len(names.DISTRICTS))], dtype=object)

    def numbers(facts: Facts, letter: str) -> tuple[np.ndarray, np.ndarray, list[str]]:
        rows = facts.rows
        prop = rows.column("prop").astype(np.int64)
        registered = rows.column("registered").astype("datetime64[D]")
        ids = np.arange(1, rows.count + 1)
        return (
            prop,
            registered,
            _registration_numbers(
                p.region, district_code[p.district[prop]], registered, ids, letter
            ),
        )

    g, m = s.groups, s.members
    out = [
        s.parties.table(),
        Table(
            "cadastre_partygroup",
            ("id", "name", "kind"),
            (np.arange(1, g.count + 1), g.column("name"), g.column("kind")),
        ),
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
        ),
        s.sources.table(),
    ]

    r = s.rights.rows
    prop, registered, registration = numbers(s.rights, "H")
    party = r.column("party").astype(np.int64)
    group = r.column("group").astype(np.int64)
    uid_text = np.array(uuids(rng, s.right_uids), dtype=object)
    out.append(
        Table(
            "cadastre_right",
            (
                *_FACT_COLUMNS,
                "right_type",
                "share_numerator",
                "share_denominator",
                "party_id",
                "party_group_id",
                "property_id",
            ),
            (
                np.arange(1, r.count + 1),
                uid_text[r.column("uid").astype(np.int64)],
                r.column("version").astype(np.int64),
                r.column("valid_from").astype("datetime64[s]"),
                r.column("valid_until").astype("datetime64[s]"),
                registration,
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
    out.append(_citations("cadastre_right_sources", "right_id", s.rights))

    c = s.restrictions.rows
    prop, registered, registration = numbers(s.restrictions, "C")
    amount = c.column("amount").astype(np.float64)
    rank = c.column("rank").astype(np.int64)
    out.append(
        Table(
            "cadastre_restriction",
            (
                *_FACT_COLUMNS,
                "restriction_type",
                "beneficiary_id",
                "amount",
                "rank",
                "description",
                "property_id",
            ),
            (
                np.arange(1, c.count + 1),
                uuids(rng, c.count),
                np.ones(c.count, dtype=np.int64),
                c.column("valid_from").astype("datetime64[s]"),
                c.column("valid_until").astype("datetime64[s]"),
                registration,
                registered,
                c.column("term_from").astype("datetime64[D]"),
                c.column("term_until").astype("datetime64[D]"),
                c.column("type"),
                c.column("beneficiary").astype(np.int64),
                nullable(np.round(amount, 2), amount < 0),
                nullable(rank, rank < 0),
                c.column("description"),
                prop + 1,
            ),
        )
    )
    out.append(_citations("cadastre_restriction_sources", "restriction_id", s.restrictions))

    d = s.duties.rows
    prop, registered, registration = numbers(s.duties, "M")
    out.append(
        Table(
            "cadastre_responsibility",
            (*_FACT_COLUMNS, "responsibility_type", "party_id", "description", "property_id"),
            (
                np.arange(1, d.count + 1),
                uuids(rng, d.count),
                np.ones(d.count, dtype=np.int64),
                d.column("valid_from").astype("datetime64[s]"),
                nat_seconds(d.count),
                registration,
                registered,
                nat_days(d.count),
                nat_days(d.count),
                d.column("type"),
                d.column("party").astype(np.int64),
                d.column("description"),
                prop + 1,
            ),
        )
    )
    out.append(_citations("cadastre_responsibility_sources", "responsibility_id", s.duties))
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


def _citations(name: str, fact_column: str, facts: Facts) -> Table:
    """The many-to-many rows linking facts to the sources they cite."""
    if facts.citations:
        fact = np.concatenate([c[0] for c in facts.citations]).astype(np.int64)
        source = np.concatenate([c[1] for c in facts.citations]).astype(np.int64)
    else:
        fact = source = np.array([], dtype=np.int64)
    order = np.lexsort((source, fact))
    return Table(
        name,
        ("id", fact_column, "source_id"),
        (np.arange(1, fact.size + 1), fact[order], source[order]),
    )
