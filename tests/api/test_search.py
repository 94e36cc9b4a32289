"""Public search: number prefixes and address words, current objects only, indexed, strict q."""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cadastre.models import Building
from cadastre.selectors.search import cadastral_object_search
from core.versioning import version_end, version_replace
from tests.api.factories import lonlat, make_area_chain, make_building, make_parcel
from tests.geometry import ORIGIN_X, ORIGIN_Y, square

pytestmark = pytest.mark.django_db

SEARCH = "/api/search/"


def found(response) -> list[tuple[str, str]]:
    assert response.status_code == 200, response.content
    return [(hit["kind"], hit["cadastral_number"]) for hit in response.json()["results"]]


def test_number_prefix_finds_parcels_then_their_buildings(api_client, django_assert_num_queries):
    # given two parcels in block 10:01:01:01:01, a building on the first, one parcel elsewhere
    block = make_area_chain()["block"]
    first = make_parcel(block=block, number="10:01:01:01:01:0001")
    second = make_parcel(block=block, number="10:01:01:01:01:0002")
    building = make_building(parcel=first)
    make_parcel(number="10:02:01:01:01:0001")
    # when searching the block's numbers
    with django_assert_num_queries(2):
        response = api_client.get(SEARCH, {"q": "10:01:01:01:01:000"})
    # then both parcels come first, in number order, then the building
    assert found(response) == [
        ("parcel", first.cadastral_number),
        ("parcel", second.cadastral_number),
        ("building", building.cadastral_number),
    ]
    assert response.json()["query"] == "10:01:01:01:01:000"


def test_full_parcel_number_finds_it_and_its_buildings_only(api_client):
    # given parcels 0001 and 0010 (0001 is a prefix of neither 0010 nor its buildings)
    first = make_parcel(number="10:01:01:01:01:0001")
    make_parcel(number="10:01:01:01:01:0010")
    building = make_building(parcel=first)
    # when
    response = api_client.get(SEARCH, {"q": " 10:01:01:01:01:0001 "})
    # then
    assert found(response) == [
        ("parcel", first.cadastral_number),
        ("building", building.cadastral_number),
    ]


def test_bbox_is_the_parcel_extent_in_degrees(api_client):
    # given a 20 m square parcel at 100 m east of the test origin
    parcel = make_parcel(number="10:01:01:01:01:0007", geom=square(100, 0, 20))
    # when
    hit = api_client.get(SEARCH, {"q": parcel.cadastral_number}).json()["results"][0]
    # then its bbox encloses the four corners (pyproj), within a millimetre
    corners = [lonlat(x, y) for x in (100, 120) for y in (0, 20)]
    west, south, east, north = hit["bbox"]
    assert west == pytest.approx(min(lon for lon, _ in corners), abs=1e-8)
    assert east == pytest.approx(max(lon for lon, _ in corners), abs=1e-8)
    assert south == pytest.approx(min(lat for _, lat in corners), abs=1e-8)
    assert north == pytest.approx(max(lat for _, lat in corners), abs=1e-8)
    assert hit["address"] == parcel.address


def test_address_words_must_all_occur_in_any_case_and_apostrophe(api_client):
    # given three parcels on two streets
    wanted = make_parcel(address="Toshkent shahri, Nurbo'ston MFY, Zarafshon ko'chasi, 24-uy")
    make_parcel(address="Toshkent shahri, Nurbo'ston MFY, Zarafshon ko'chasi, 26-uy")
    make_parcel(address="Toshkent shahri, Bog'ishamol MFY, Navoiy ko'chasi, 24-uy")
    # when words are typed in lower case with a typographic apostrophe
    response = api_client.get(SEARCH, {"q": "zarafshon  nurbo\u2019ston 24-uy"})
    # then only the parcel holding every word is found
    assert found(response) == [("parcel", wanted.cadastral_number)]


def test_address_search_lists_registered_buildings_after_parcels(api_client):
    # given a parcel with a registered and an unregistered building at its address
    address = "Chilonzor 9-mavze, 14-uy"
    parcel = make_parcel(address=address)
    building = make_building(parcel=parcel, address=address)
    Building.objects.create(geom=building.geom, use=Building.Use.AUXILIARY, address=address)
    # when
    response = api_client.get(SEARCH, {"q": "chilonzor 14-uy"})
    # then the unregistered one, which has no number to open, is left out
    assert found(response) == [
        ("parcel", parcel.cadastral_number),
        ("building", building.cadastral_number),
    ]


def test_only_current_versions_are_found(api_client):
    # given a parcel renamed in a new version and a parcel retired
    renamed = make_parcel(number="10:01:01:01:01:0001", address="Eski ko'cha, 1-uy")
    renamed.address = "Yangi ko'cha, 1-uy"
    version_replace(edited=renamed)
    retired = make_parcel(number="10:01:01:01:01:0002", address="Yangi ko'cha, 2-uy")
    version_end(instance=retired)
    # when / then: the old address and the retired parcel are gone
    assert found(api_client.get(SEARCH, {"q": "eski"})) == []
    assert found(api_client.get(SEARCH, {"q": "yangi"})) == [("parcel", "10:01:01:01:01:0001")]
    assert found(api_client.get(SEARCH, {"q": "10:01:01:01:01"})) == [
        ("parcel", "10:01:01:01:01:0001")
    ]


def test_at_most_ten_suggestions(api_client):
    # given twelve parcels in one block
    for n in range(1, 13):
        make_parcel(number=f"10:01:01:01:01:{n:04d}", geom=square(n * 30, 0))
    # when
    response = api_client.get(SEARCH, {"q": "10:01:01"})
    # then the first ten by number
    assert found(response) == [("parcel", f"10:01:01:01:01:{n:04d}") for n in range(1, 11)]


def test_nothing_found_is_an_empty_list(api_client):
    make_parcel(number="10:01:01:01:01:0001")
    response = api_client.get(SEARCH, {"q": "10:12:99"})
    assert response.status_code == 200
    assert response.json() == {"query": "10:12:99", "results": []}


@pytest.mark.parametrize(
    ("_case", "params", "message"),
    [
        ("missing", {}, "q is required"),
        ("empty", {"q": ""}, "q is required"),
        ("blank", {"q": "   "}, "at least 3 characters"),
        ("two_characters", {"q": "ab"}, "at least 3 characters"),
        ("too_long", {"q": "a" * 101}, "at most 100"),
        ("too_many_words", {"q": " ".join(["word"] * 9)}, "at most 8"),
        ("only_short_words", {"q": "a b c d"}, "at least one word of 3 letters"),
        ("control_character", {"q": "navoiy\x00"}, "control characters"),
        ("escape_character", {"q": "navoiy\x1b[0m"}, "control characters"),
    ],
)
def test_bad_query_is_refused_with_400(api_client, _case, params, message):
    make_parcel()
    response = api_client.get(SEARCH, params)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_parameter"
    assert message in body["detail"]


def test_like_wildcards_are_literal(api_client):
    # given an address without a percent sign or underscore
    make_parcel(address="Navoiy ko'chasi, 5-uy")
    # when the query is made of wildcards
    # then nothing matches them literally
    assert found(api_client.get(SEARCH, {"q": "%%%"})) == []
    assert found(api_client.get(SEARCH, {"q": "___"})) == []


# Parcel i of a bulk register: district 1 + i % 12, block 1 + (i // 12) % 99, parcel
# 1 + i // 1188 (unique), a 20 m square 30 m apart, on one of 200 streets; one building each.
_BULK_PARCELS_SQL = """
INSERT INTO cadastre_parcel (uid, version, valid_from, cadastral_number, geom, address, land_use)
SELECT gen_random_uuid(), 1, now(),
       format('10:%%s:01:01:%%s:%%s', lpad((1 + i %% 12)::text, 2, '0'),
              lpad((1 + (i / 12) %% 99)::text, 2, '0'), lpad((1 + i / 1188)::text, 4, '0')),
       ST_Multi(ST_Translate(ST_MakeEnvelope(0, 0, 20, 20, %(srid)s),
                             %(x)s + (i %% 100) * 30, %(y)s + (i / 100) * 30)),
       format('Toshkent shahri, Ko''cha%%s ko''chasi, %%s-uy', i %% 200, i),
       'residential'
FROM generate_series(0, 5999) AS i;
INSERT INTO cadastre_building (uid, version, valid_from, cadastral_number, geom, address, use,
                               source_ref)
SELECT gen_random_uuid(), 1, now(), cadastral_number || ':0001', ST_Multi(ST_Buffer(geom, -2)),
       address,
       'house', ''
FROM cadastre_parcel;
ANALYZE cadastre_parcel;
ANALYZE cadastre_building;
"""


def _plans_of_search(query: str) -> list[str]:
    """EXPLAIN of each SQL query the search for `query` runs."""
    with CaptureQueriesContext(connection) as captured:
        cadastral_object_search(query=query)
    plans = []
    with connection.cursor() as cursor:
        for entry in captured.captured_queries:
            cursor.execute(f"EXPLAIN {entry['sql']}")
            plans.append("\n".join(row[0] for row in cursor.fetchall()))
    return plans


@pytest.fixture
def bulk_register():
    """6,000 parcels with a building each, analysed so the planner sees a real table."""
    with connection.cursor() as cursor:
        cursor.execute(
            _BULK_PARCELS_SQL, {"srid": settings.MAKON_SRID, "x": ORIGIN_X, "y": ORIGIN_Y}
        )


def test_number_prefix_is_an_index_range(bulk_register):
    # when the parcel and building queries of a prefix search are explained
    plans = _plans_of_search("10:03:05:01:01")
    # then both read a btree on the number between the prefix's first and last number
    assert len(plans) == 2
    for plan in plans:
        assert "Index Cond: (((cadastral_number)::text >= '10:03:05:01:01'::text) AND" in plan
        assert "<= '10:03:05:01:01:9999:9999:999'::text" in plan


def test_a_word_in_every_address_reads_the_number_index_in_order(bulk_register):
    # when a search for a word that every address holds is explained
    (parcel_plan,) = _plans_of_search("toshkent")
    # then the planner knows the word is everywhere (statistics of migration 0003): it reads
    # parcels in number order and stops at the tenth, instead of sorting every match
    assert "Index Scan using" in parcel_plan
    assert "Sort" not in parcel_plan
    assert "trgm" not in parcel_plan


def test_address_words_use_the_trigram_indexes(bulk_register):
    # when the parcel and building queries of an address search are explained
    parcel_plan, building_plan = _plans_of_search("ko'cha17 4217-uy")
    # then each reads the trigram index of its table (migration cadastre.0003_search_indexes)
    assert "Bitmap Index Scan on parcel_address_trgm" in parcel_plan
    assert "Bitmap Index Scan on building_address_trgm" in building_plan
