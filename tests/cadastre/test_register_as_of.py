"""The register as of a date: a sale, a mortgage and its release, a later boundary correction."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from cadastre.models import Right
from cadastre.selectors.register import moment_of, register_state_as_of
from core.exceptions import InvalidInputError, NotFoundError
from core.versioning import version_end, version_replace
from tests.factories import (
    at,
    make_building,
    make_mortgage,
    make_parcel,
    make_person,
    make_property,
    make_right,
)
from tests.geometry import square

pytestmark = pytest.mark.django_db


@pytest.fixture
def history():
    """Parcel registered 2012; Alisher sells to Dilnoza and Jasur (1/2 each) on 2018-05-10;
    a mortgage from 2019-01-15 to 2022-03-01; boundary corrected on 2023-07-01."""
    parcel = make_parcel(valid_from=at("2012-04-02"), geom=square(0, 0, 30))
    building = make_building(parcel=parcel, valid_from=at("2013-09-01"))
    prop = make_property(number=parcel.cadastral_number)
    prop.components.create(cadastral_number=building.cadastral_number)
    alisher = make_person(last_name="Usmonov", first_name="Alisher")
    first = make_right(prop=prop, party=alisher, valid_from=at("2012-04-02"))
    version_end(instance=first, moment=at("2018-05-10"))
    dilnoza = make_person(last_name="Rahimova", first_name="Dilnoza")
    jasur = make_person(last_name="Rahimov", first_name="Jasur")
    make_right(prop=prop, party=dilnoza, share=(1, 2), valid_from=at("2018-05-10"))
    make_right(prop=prop, party=jasur, share=(1, 2), valid_from=at("2018-05-10"))
    mortgage = make_mortgage(
        prop=prop,
        amount="350000000.00",
        registration_number="M-77",
        registered_on=date(2019, 1, 15),
        valid_from=at("2019-01-15"),
    )
    version_end(instance=mortgage, moment=at("2022-03-01"))
    parcel.geom = square(0, 0, 31)
    version_replace(edited=parcel, moment=at("2023-07-01"))
    return parcel.cadastral_number


def holders(state) -> list[tuple[str, str]]:
    return [
        (r.party.first_name, f"{r.share_numerator}/{r.share_denominator}")
        for p in state.properties
        for r in p.rights
    ]


def test_before_the_sale_the_first_owner_holds_everything(history):
    state = register_state_as_of(cadastral_number=history, when=date(2015, 1, 1))
    assert holders(state) == [("Alisher", "1/1")]
    assert state.parcel.version == 1
    assert [b.cadastral_number for b in state.buildings] == [f"{history}:0001"]
    assert state.properties[0].restrictions == []


def test_on_the_day_of_the_sale_the_buyers_hold_it(history):
    state = register_state_as_of(cadastral_number=history, when=date(2018, 5, 10))
    assert sorted(holders(state)) == [("Dilnoza", "1/2"), ("Jasur", "1/2")]


def test_the_mortgage_shows_only_while_it_was_registered(history):
    during = register_state_as_of(cadastral_number=history, when=date(2020, 6, 1))
    (mortgage,) = during.properties[0].restrictions
    assert mortgage.restriction_type == "mortgage"
    assert [s.kind for s in mortgage.sources.all()] == ["mortgage_agreement"]
    after = register_state_as_of(cadastral_number=history, when=date(2022, 3, 1))
    assert after.properties[0].restrictions == []


def test_the_boundary_in_force_changes_with_the_correction(history):
    before = register_state_as_of(cadastral_number=history, when=date(2023, 6, 30))
    after = register_state_as_of(cadastral_number=history, when=date(2023, 7, 1))
    assert (before.parcel.version, after.parcel.version) == (1, 2)
    assert before.parcel.area_computed_m2 == pytest.approx(900, rel=0.002)
    assert after.parcel.area_computed_m2 == pytest.approx(961, rel=0.002)


def test_today_matches_the_current_versions(history):
    state = register_state_as_of(cadastral_number=history, when=timezone.now())
    assert all(r.valid_until is None for p in state.properties for r in p.rights)
    assert Right.objects.current().filter(property=state.properties[0].property).count() == 2


def test_before_registration_there_is_nothing(history):
    with pytest.raises(NotFoundError, match="No parcel"):
        register_state_as_of(cadastral_number=history, when=date(2012, 4, 1))


def test_a_malformed_number_is_refused():
    with pytest.raises(InvalidInputError):
        register_state_as_of(cadastral_number="10:01", when=date(2020, 1, 1))


def test_a_date_means_the_end_of_that_day_in_tashkent():
    moment = moment_of(when=date(2020, 1, 1))
    local = timezone.localtime(moment)
    assert (local.date(), local.hour, local.minute) == (date(2020, 1, 1), 23, 59)
    tashkent = ZoneInfo("Asia/Tashkent")
    assert moment + timedelta(microseconds=1) == datetime(2020, 1, 2, tzinfo=tashkent)


def test_the_as_of_read_is_a_fixed_number_of_queries(history, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        state = register_state_as_of(cadastral_number=history, when=date(2020, 6, 1))
        [s for p in state.properties for r in p.restrictions for s in r.sources.all()]
