"""Rights: families in houses and flats, companies, state bodies, tenants."""

import numpy as np

from democity import names
from democity.registry.common import (
    ADULT,
    COMMERCIAL,
    CONTRACT,
    DEED,
    FATHER,
    FLAT,
    FLATS_LAND,
    GREEN,
    HOUSE,
    HUSBAND,
    INDUSTRIAL,
    INHERITANCE,
    INHERITED,
    KHOKIM,
    LAST_DAY,
    LEASE,
    LIFETIME,
    OWNERSHIP,
    PATTERNS,
    PERMANENT_USE,
    PUBLIC,
    SHOP,
    SINGLE,
    SURVEY,
    WIFE,
    days_between,
    pick,
)
from democity.registry.state import RegisterState
from democity.tables import office_seconds, timestamps

# Shares of holder patterns (single, couple, 3 heirs, widow and 2 heirs, 4 heirs, family group).
HOUSE_PATTERNS = (0.70, 0.14, 0.05, 0.04, 0.03, 0.04)
FLAT_PATTERNS = (0.74, 0.16, 0.03, 0.02, 0.01, 0.04)


def family_rights(s: RegisterState) -> None:
    """Houses and flats: current owners, and for some the owners before them."""
    p, rng = s.p, s.rng
    for use, probabilities in ((HOUSE, HOUSE_PATTERNS), (FLAT, FLAT_PATTERNS)):
        props = np.flatnonzero(p.use == use)
        if props.size == 0:
            continue
        pattern = rng.choice(len(PATTERNS), props.size, p=probabilities)
        # Small cities still show every pattern once.
        for wanted in range(len(PATTERNS)):
            if props.size > 3 * len(PATTERNS) and not (pattern == wanted).any():
                pattern[rng.integers(0, props.size)] = wanted
        _family_rights_for(s, props, pattern, is_house=use == HOUSE)

    shops = np.flatnonzero(p.use == SHOP)
    if shops.size:
        day = p.registered[shops]
        s.add_rights(
            prop=shops,
            right_type=OWNERSHIP,
            party=s.companies[rng.integers(0, s.companies.size, shops.size)],
            start=day,
            sources=[s.sources.add(DEED, day - 3, p.district[shops])],
        )


def _family_rights_for(
    s: RegisterState, props: np.ndarray, pattern: np.ndarray, *, is_house: bool
) -> None:
    p, rng = s.p, s.rng
    first_day = p.registered[props].astype("datetime64[D]")
    # Half the heirs inherited from an owner the register knew; the rest were its first holders.
    inherited = np.isin(pattern, INHERITED)
    inherited_here = inherited & (rng.uniform(0, 1, props.size) < 0.5)
    sold = ~inherited & (rng.uniform(0, 1, props.size) < 0.08)
    has_past = inherited_here | sold
    change_day = days_between(rng, first_day + 60, np.maximum(first_day + 60, LAST_DAY - 30))
    current_day = np.where(has_past, np.minimum(change_day, LAST_DAY), first_day)
    s.current_from[props] = current_day
    right_type = np.where(is_house & (rng.uniform(0, 1, props.size) < 0.25), LIFETIME, OWNERSHIP)

    holdings = s.holders(props, pattern)
    index_of = np.full(s.count, -1, dtype=np.int64)
    index_of[props] = np.arange(props.size)
    at = index_of[holdings.prop]
    if is_house:
        s.house_owners = holdings.party[(holdings.party > 0) & (pattern[at] == SINGLE)]
    s.person_owned[props] = True
    district = p.district[props]

    # The current holders' documents: an inheritance certificate or a sale deed ...
    source = np.zeros(props.size, dtype=np.int64)
    heirs = np.flatnonzero(inherited)
    source[heirs] = s.sources.add(
        INHERITANCE, current_day[heirs] - rng.integers(1, 25, heirs.size), district[heirs]
    )
    buyers = np.flatnonzero(sold)
    source[buyers] = s.sources.add(
        DEED, current_day[buyers] - rng.integers(1, 10, buyers.size), district[buyers]
    )
    # Whoever held the property first got it by a khokim's decision (land, one decision per
    # registration campaign of a block) or a privatisation contract (flat).
    founders = np.flatnonzero((~inherited & ~sold) | has_past)
    founding = np.zeros(props.size, dtype=np.int64)
    founding[founders] = s.sources.add_shared(
        KHOKIM if is_house else CONTRACT,
        p.campaign[props[founders]] if is_house else np.full(founders.size, -1),
        first_day[founders],
        district[founders],
    )
    first = np.flatnonzero(~inherited & ~sold)
    source[first] = founding[first]
    survey = np.zeros(props.size, dtype=np.int64)
    if is_house:
        surveyed = np.flatnonzero(rng.uniform(0, 1, props.size) < 0.1)
        survey[surveyed] = s.sources.add(SURVEY, current_day[surveyed] - 30, district[surveyed])
    seconds = office_seconds(rng, props.size)
    s.add_rights(
        prop=holdings.prop,
        right_type=right_type[at],
        party=holdings.party,
        group=holdings.group,
        numerator=holdings.numerator,
        denominator=holdings.denominator,
        start=current_day[at],
        seconds=seconds[at],
        sources=[source[at], survey[at]],
    )

    # Previous holders: the deceased father of the heirs, or the seller(s).
    past = np.flatnonzero(has_past)
    if past.size == 0:
        return
    seller_couple = sold[past] & (rng.uniform(0, 1, past.size) < 0.2)
    size = np.where(seller_couple, 2, 1)
    slot_of = np.repeat(np.arange(past.size), size)
    slot = np.arange(slot_of.size) - np.repeat(np.cumsum(size) - size, size)
    first_role = np.where(inherited_here[past], FATHER, np.where(seller_couple, HUSBAND, ADULT))
    role = np.where(slot == 1, WIFE, first_role[slot_of])
    # Sellers are another family; the father belongs to the heirs' family.
    surname = np.where(
        inherited_here[past],
        holdings.family_surname[past],
        rng.integers(0, len(names.SURNAMES), past.size),
    )
    father = np.where(
        inherited_here[past],
        holdings.family_father[past],
        rng.integers(0, len(names.MALE_FIRST_NAMES), past.size),
    )
    # Half of the single sellers still own another house in the city.
    known = (role == ADULT) & (rng.uniform(0, 1, role.size) < 0.5)
    sellers = s.people(role, slot_of, surname, father, props[past][slot_of], known)
    earlier = founding[past]
    end = timestamps(current_day[past], seconds[past])
    s.add_rights(
        prop=props[past][slot_of],
        right_type=right_type[past][slot_of],
        party=sellers,
        denominator=np.where((role == HUSBAND) | (role == WIFE), 2, 1),
        start=first_day[past][slot_of],
        seconds=office_seconds(rng, past.size)[slot_of],
        end=end[slot_of],
        sources=[earlier[slot_of]],
    )


def organisation_rights(s: RegisterState) -> None:
    """Partnerships and state bodies use their land; companies own or lease theirs."""
    p, rng = s.p, s.rng

    def whole(props: np.ndarray, party: np.ndarray, right_type: int, kind: int) -> None:
        day = p.registered[props].astype("datetime64[D]")
        issued = day - rng.integers(1, 25, props.size)
        s.add_rights(
            prop=props,
            right_type=right_type,
            party=party,
            start=day,
            sources=[s.sources.add(kind, issued, p.district[props])],
        )

    flats_land = np.flatnonzero(p.use == FLATS_LAND)
    whole(flats_land, s.partnership_of[flats_land], PERMANENT_USE, KHOKIM)
    public = np.flatnonzero(p.use == PUBLIC)
    body = np.where(
        rng.uniform(0, 1, public.size) < 0.6,
        s.city_bodies[names.EDUCATION_BODY],
        s.city_bodies[names.HEALTH_BODY],
    )
    whole(public, body, PERMANENT_USE, KHOKIM)
    green = np.flatnonzero(p.use == GREEN)
    whole(green, np.full(green.size, s.city_bodies[names.LANDSCAPING_BODY]), PERMANENT_USE, KHOKIM)

    business = np.flatnonzero(np.isin(p.use, (COMMERCIAL, INDUSTRIAL)))
    leased = rng.uniform(0, 1, business.size) < np.where(p.use[business] == COMMERCIAL, 0.5, 0.3)
    if business.size >= 2 and not leased.any():
        leased[0] = True
    company = s.companies[rng.integers(0, s.companies.size, business.size)]
    owned, owner = business[~leased], company[~leased]
    # A tenth of company-owned land belongs to two companies in halves.
    halves = rng.uniform(0, 1, owned.size) < 0.1
    whole(owned[~halves], owner[~halves], OWNERSHIP, CONTRACT)
    pair = owned[halves]
    if pair.size:
        day = p.registered[pair].astype("datetime64[D]")
        deed = s.sources.add(DEED, day - 5, p.district[pair])
        partner = s.companies[(np.searchsorted(s.companies, owner[halves]) + 1) % s.companies.size]
        s.add_rights(
            prop=np.repeat(pair, 2),
            right_type=OWNERSHIP,
            party=np.stack([owner[halves], partner], axis=1).ravel(),
            denominator=np.full(2 * pair.size, 2),
            start=np.repeat(day, 2),
            seconds=np.repeat(office_seconds(rng, pair.size), 2),
            sources=[np.repeat(deed, 2)],
        )
    _leases(s, business[leased], company[leased])
    _flat_leases(s)


def _leases(s: RegisterState, props: np.ndarray, tenant: np.ndarray) -> None:
    """State land leased to companies; some leases were extended (a second version)."""
    p, rng = s.p, s.rng
    count = props.size
    if count == 0:
        return
    district = p.district[props]
    day = p.registered[props].astype("datetime64[D]")
    # The land stays the city's.
    decision = s.sources.add(KHOKIM, day - 20, district)
    s.add_rights(
        prop=props,
        right_type=OWNERSHIP,
        party=s.khokimiyat[district],
        start=day,
        sources=[decision],
    )
    years = rng.choice([10, 15, 25, 49], count)
    term_until = day + years * 365
    contract = s.sources.add(CONTRACT, day - 2, district)
    extended = rng.uniform(0, 1, count) < 0.3
    if count >= 2 and not extended.any():
        extended[0] = True
    extended_on = np.minimum(
        days_between(rng, day + 365, np.maximum(day + 365, LAST_DAY - 10)), LAST_DAY
    )
    extended &= extended_on > day
    uid = s.new_right_uids(count)
    seconds = office_seconds(rng, count)
    end = np.where(extended, timestamps(extended_on, seconds), np.datetime64("NaT"))
    s.add_rights(
        prop=props,
        right_type=LEASE,
        party=tenant,
        start=day,
        end=end.astype("datetime64[s]"),
        sources=[contract, decision],
        uid=uid,
        term_from=day,
        term_until=term_until,
    )
    ext = np.flatnonzero(extended)
    if ext.size:
        addendum = s.sources.add(CONTRACT, extended_on[ext] - 3, district[ext])
        s.add_rights(
            prop=props[ext],
            right_type=LEASE,
            party=tenant[ext],
            start=extended_on[ext],
            seconds=seconds[ext],
            sources=[addendum, contract[ext]],
            uid=uid[ext],
            version=2,
            term_from=day[ext],
            term_until=term_until[ext] + rng.choice([5, 10, 15], ext.size) * 365,
        )


def _flat_leases(s: RegisterState) -> None:
    """A few flats let to a tenant for one to three years."""
    p, rng = s.p, s.rng
    let = pick(rng, np.flatnonzero(p.use == FLAT), 0.02)
    if let.size == 0:
        return
    day = np.minimum(s.current_from[let] + rng.integers(30, 900, let.size), LAST_DAY)
    tenants = s.people(
        np.full(let.size, ADULT),
        np.arange(let.size),
        rng.integers(0, len(names.SURNAMES), let.size),
        rng.integers(0, len(names.MALE_FIRST_NAMES), let.size),
        let,
    )
    s.add_rights(
        prop=let,
        right_type=LEASE,
        party=tenants,
        start=day,
        sources=[s.sources.add(DEED, day - 2, p.district[let])],
        term_from=day,
        term_until=day + rng.choice([365, 730, 1095], let.size),
    )
