"""Restrictions (mortgages, arrests, servitudes) and responsibilities."""

import numpy as np

from democity import names
from democity.registry.common import (
    CONTRACT,
    COURT,
    FLAT,
    FLATS_LAND,
    HOUSE,
    KHOKIM,
    LAST_DAY,
    MORTGAGE_DEAL,
    PUBLIC,
    days_between,
    pick,
)
from democity.registry.state import RegisterState

SERVITUDES = (
    "Gaz quvuriga xizmat ko'rsatish uchun o'tish huquqi",
    "Elektr kabeli liniyasiga xizmat ko'rsatish uchun o'tish huquqi",
    "Suv quvuriga xizmat ko'rsatish uchun o'tish huquqi",
)


def restrictions(s: RegisterState) -> None:
    """Mortgages of people's homes (rank 1, some rank 2, some repaid), court arrests and
    servitudes for utility lines."""
    p, rng = s.p, s.rng
    owned = np.flatnonzero(s.person_owned)
    after = s.current_from
    mortgaged = pick(rng, owned, 0.07)
    day = days_between(rng, after[mortgaged] + 10, np.maximum(after[mortgaged] + 10, LAST_DAY - 40))
    day = np.maximum(np.minimum(day, LAST_DAY - 20), after[mortgaged])
    bank = rng.integers(0, s.banks.size, mortgaged.size)
    amount = np.round(
        np.where(
            p.use[mortgaged] == FLAT,
            rng.uniform(60e6, 600e6, mortgaged.size),
            rng.uniform(80e6, 900e6, mortgaged.size),
        ),
        -5,
    )
    s.add_restrictions(
        prop=mortgaged,
        restriction_type="mortgage",
        beneficiary=s.banks[bank],
        day=day,
        source=s.sources.add(MORTGAGE_DEAL, day - 2, p.district[mortgaged]),
        amount=amount,
        rank=np.ones(mortgaged.size, dtype=np.int64),
        term_years=rng.choice([5, 10, 15, 20], mortgaged.size),
    )
    # A second rank at another bank, registered after the first.
    second = np.flatnonzero(rng.uniform(0, 1, mortgaged.size) < 0.15)
    if mortgaged.size >= 2 and second.size == 0:
        second = np.array([0])
    day2 = np.minimum(day[second] + rng.integers(30, 700, second.size), LAST_DAY - 5)
    day2 = np.maximum(day2, day[second] + 1)
    s.add_restrictions(
        prop=mortgaged[second],
        restriction_type="mortgage",
        beneficiary=s.banks[(bank[second] + 1) % s.banks.size],
        day=day2,
        source=s.sources.add(MORTGAGE_DEAL, day2 - 2, p.district[mortgaged[second]]),
        amount=np.round(amount[second] * rng.uniform(0.2, 0.5, second.size), -5),
        rank=np.full(second.size, 2),
        term_years=rng.choice([3, 5, 7], second.size),
    )
    # Repaid mortgages: registered and ended in the past, on homes not mortgaged now.
    repaid = pick(rng, np.setdiff1d(owned, mortgaged), 0.03)
    start = days_between(rng, after[repaid] + 5, np.maximum(after[repaid] + 5, LAST_DAY - 400))
    start = np.maximum(np.minimum(start, LAST_DAY - 400), after[repaid])
    end = start + rng.integers(200, 2500, repaid.size)
    keep = end < LAST_DAY
    repaid, start, end = repaid[keep], start[keep], end[keep]
    s.add_restrictions(
        prop=repaid,
        restriction_type="mortgage",
        beneficiary=s.banks[rng.integers(0, s.banks.size, repaid.size)],
        day=start,
        end=end,
        source=s.sources.add(MORTGAGE_DEAL, start - 2, p.district[repaid]),
        amount=np.round(rng.uniform(40e6, 500e6, repaid.size), -5),
        rank=np.ones(repaid.size, dtype=np.int64),
        term_years=rng.choice([3, 5, 10], repaid.size),
    )
    # Arrests: a court froze the property for unpaid debts; the bailiffs enforce it.
    arrested = pick(rng, owned, 0.007)
    day = np.maximum(
        np.minimum(after[arrested] + rng.integers(30, 3000, arrested.size), LAST_DAY - 2),
        after[arrested],
    )
    s.add_restrictions(
        prop=arrested,
        restriction_type="arrest",
        beneficiary=s.bailiffs[p.district[arrested]],
        day=day,
        source=s.sources.add(COURT, day - rng.integers(3, 20, arrested.size), p.district[arrested]),
        description="Qarzdorlik bo'yicha sud qarori bilan taqiq qo'yilgan",
    )
    # Servitudes: utility lines cross a few house plots.
    crossed = pick(rng, np.flatnonzero(p.use == HOUSE), 0.003)
    utility = rng.integers(0, s.utilities.size, crossed.size)
    day = np.maximum(
        np.minimum(after[crossed] + rng.integers(30, 2000, crossed.size), LAST_DAY - 2),
        after[crossed],
    )
    deal = s.sources.add(CONTRACT, day - 5, p.district[crossed])
    for u, text in enumerate(SERVITUDES):
        which = utility == u
        s.add_restrictions(
            prop=crossed[which],
            restriction_type="servitude",
            beneficiary=np.full(int(which.sum()), s.utilities[u]),
            day=day[which],
            source=deal[which],
            description=text,
        )


def responsibilities(s: RegisterState) -> None:
    """Partnerships keep the common parts of apartment buildings; some central public
    buildings are protected heritage."""
    p, rng = s.p, s.rng
    flats_land = np.flatnonzero(p.use == FLATS_LAND)
    day = p.registered[flats_land].astype("datetime64[D]")
    s.add_duties(
        prop=flats_land,
        duty="maintenance",
        party=s.partnership_of[flats_land],
        day=day,
        source=s.sources.add(KHOKIM, day - 15, p.district[flats_land]),
        description="Ko'p kvartirali uyning umumiy mol-mulkini saqlash",
    )
    public = np.flatnonzero(p.use == PUBLIC)
    central = public[p.centrality[public] < 0.35]
    heritage = pick(rng, central if central.size else public, 0.3)
    day = np.minimum(p.registered[heritage] + rng.integers(100, 2000, heritage.size), LAST_DAY)
    s.add_duties(
        prop=heritage,
        duty="heritage",
        party=np.full(heritage.size, s.city_bodies[names.CITY_KHOKIMIYAT]),
        day=day,
        source=s.sources.add(KHOKIM, day - 10, p.district[heritage]),
        description="Madaniy meros obyekti: tashqi ko'rinishini saqlash majburiyati",
    )
