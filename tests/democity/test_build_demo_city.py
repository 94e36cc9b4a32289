"""The demo city as PostGIS sees it: geometry rules, register rules, names and numbers."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from cadastre.models import Right
from core.cadastral_number import Level, is_valid
from democity.names import DISTRICTS
from tests.democity.conftest import CITY_PARCELS, query, scalar

pytestmark = pytest.mark.django_db


def test_city_has_exactly_the_parcels_asked_for(city):
    assert city.rows["cadastre_parcel"] == CITY_PARCELS
    assert scalar("SELECT count(*) FROM cadastre_parcel") == CITY_PARCELS


def test_twelve_real_districts_each_hold_blocks(city):
    rows = query(
        """
        SELECT d.code, d.name_uz, d.name_ru, d.name_en, count(b.id)
          FROM citygis_adminarea AS d
          JOIN citygis_adminarea AS m ON m.parent_id = d.id AND m.level = 'mahalla'
          JOIN citygis_adminarea AS b ON b.parent_id = m.id AND b.level = 'block'
         WHERE d.level = 'district'
         GROUP BY d.id ORDER BY d.code
        """
    )
    assert [(r[1], r[2], r[3]) for r in rows] == [
        (d.name_uz, d.name_ru, d.name_en) for d in DISTRICTS
    ]
    assert [r[0] for r in rows] == [f"10:{i:02d}" for i in range(1, 13)]
    assert all(r[4] >= 1 for r in rows)
    assert {r[1] for r in rows} >= {"Chilonzor", "Mirzo Ulug'bek", "Shayxontohur", "Yangihayot"}


def test_districts_lie_where_they_do_in_tashkent(city):
    centre = dict(
        query(
            """
            SELECT name_en, ST_Centroid(ST_Transform(geom, 4326))
              FROM citygis_adminarea WHERE level = 'district'
            """
        )
    )

    def lon(name):
        return scalar("SELECT ST_X(%(g)s::geometry)", {"g": centre[name]})

    def lat(name):
        return scalar("SELECT ST_Y(%(g)s::geometry)", {"g": centre[name]})

    assert lat("Yunusabad") > lat("Sergeli")
    assert lat("Almazar") > lat("Chilanzar")
    assert lon("Uchtepa") < lon("Yashnabad")
    assert lon("Chilanzar") < lon("Mirzo Ulugbek")
    assert lat("Bektemir") < lat("Mirzo Ulugbek")


def test_each_level_nests_exactly_in_the_one_above(city):
    # Every area is covered by its parent, and parents are one level up.
    bad = scalar(
        """
        SELECT count(*)
          FROM citygis_adminarea AS c
          JOIN citygis_adminarea AS p ON p.id = c.parent_id
         WHERE NOT ST_CoveredBy(c.geom, p.geom)
            OR (c.level, p.level) NOT IN (('district', 'city'), ('mahalla', 'district'),
                                          ('block', 'mahalla'))
        """
    )
    assert bad == 0
    # A parent is exactly the union of its children's grid cells: no area outside them.
    assert (
        scalar(
            """
        SELECT count(*) FROM citygis_adminarea AS p
         WHERE p.level IN ('city', 'district')
           AND abs(ST_Area(p.geom) - (SELECT sum(ST_Area(c.geom)) FROM citygis_adminarea AS c
                                       WHERE c.parent_id = p.id)) > 1e-3
        """
        )
        == 0
    )
    assert scalar("SELECT count(*) FROM citygis_adminarea WHERE level = 'city'") == 1


def test_parcels_do_not_overlap(city):
    overlap = scalar(
        """
        SELECT coalesce(sum(ST_Area(ST_Intersection(a.geom, b.geom))), 0)
          FROM cadastre_parcel AS a
          JOIN cadastre_parcel AS b ON a.id < b.id AND ST_Intersects(a.geom, b.geom)
        """
    )
    assert overlap < 1e-6


def test_parcels_fill_their_block_without_gaps(city):
    worst = scalar(
        """
        SELECT max(ST_Area(ST_SymDifference(u.geom, b.geom)))
          FROM (SELECT block_id, ST_Union(geom) AS geom FROM cadastre_parcel GROUP BY block_id)
               AS u
          JOIN citygis_adminarea AS b ON b.id = u.block_id
        """
    )
    assert worst < 1e-3
    assert (
        scalar(
            "SELECT count(*) FROM citygis_adminarea AS b WHERE level = 'block' AND NOT "
            "EXISTS (SELECT 1 FROM cadastre_parcel AS p WHERE p.block_id = b.id)"
        )
        == 0
    )


def test_parcels_are_varied_quadrilaterals_sharing_vertices(city):
    corners = query(
        "SELECT ST_NPoints(geom) - 1, count(*) FROM cadastre_parcel GROUP BY 1 ORDER BY 1"
    )
    assert corners[0][0] == 4
    # Rows back to back share the vertices of the middle line.
    assert any(n > 4 for n, _ in corners)
    sizes = query(
        "SELECT min(area_computed_m2), max(area_computed_m2) FROM cadastre_parcel "
        "WHERE land_use = 'residential'"
    )[0]
    assert 150 < sizes[0] < sizes[1] < 5000


def test_buildings_stand_strictly_inside_their_parcels(city):
    bad = scalar(
        """
        SELECT count(*)
          FROM cadastre_building AS b
          LEFT JOIN cadastre_parcel AS p ON p.cadastral_number = b.parcel_number
         WHERE p.id IS NULL OR NOT ST_CoveredBy(b.geom, p.geom)
            OR ST_Intersects(ST_Boundary(b.geom), ST_Boundary(p.geom))
        """
    )
    assert bad == 0
    uses = dict(
        query(
            """
            SELECT p.land_use, array_agg(DISTINCT b.use)
              FROM cadastre_building AS b JOIN cadastre_parcel AS p
                ON p.cadastral_number = b.parcel_number GROUP BY 1
            """
        )
    )
    assert uses["residential"] == ["house"]
    assert uses["apartments"] == ["apartments"]


def test_apartment_buildings_have_numbered_flats(city):
    floors = query(
        "SELECT min(floors), max(floors), count(*) FROM cadastre_building WHERE use = 'apartments'"
    )[0]
    assert 5 <= floors[0] <= floors[1] <= 16
    assert floors[2] >= 1
    mismatched = scalar(
        """
        SELECT count(*)
          FROM cadastre_buildingunit AS u
          LEFT JOIN cadastre_building AS b ON b.cadastral_number = u.building_number
         WHERE b.id IS NULL OR b.use <> 'apartments' OR u.floor NOT BETWEEN 1 AND b.floors
            OR right(u.cadastral_number, 3)::int <> u.number::int
        """
    )
    assert mismatched == 0
    flats = query(
        "SELECT min(area_m2), max(area_m2), min(rooms), max(rooms) FROM cadastre_buildingunit "
        "WHERE use = 'apartment'"
    )[0]
    assert 25 < flats[0] < flats[1] < 130
    assert flats[2] == 1
    assert flats[3] >= 3


def test_cadastral_numbers_are_valid_and_match_their_block(city):
    for (number,) in query("SELECT cadastral_number FROM cadastre_parcel"):
        assert is_valid(number, level=Level.PARCEL)
    for (number,) in query("SELECT cadastral_number FROM cadastre_building"):
        assert is_valid(number, level=Level.BUILDING)
    for (number,) in query("SELECT cadastral_number FROM cadastre_buildingunit"):
        assert is_valid(number, level=Level.UNIT)
    # 10:BB:CC:DD:EE is the block; 10:BB the district; 10:BB:CC:DD the mahalla (massif).
    mismatched = scalar(
        """
        SELECT count(*)
          FROM cadastre_parcel AS p
          JOIN citygis_adminarea AS b ON b.id = p.block_id
          JOIN citygis_adminarea AS m ON m.id = b.parent_id
          JOIN citygis_adminarea AS d ON d.id = m.parent_id
         WHERE left(p.cadastral_number, 14) <> b.code
            OR left(p.cadastral_number, 11) <> m.code
            OR left(p.cadastral_number, 5) <> d.code
            OR NOT ST_CoveredBy(p.geom, b.geom)
        """
    )
    assert mismatched == 0
    assert scalar("SELECT count(DISTINCT cadastral_number) FROM cadastre_parcel") == CITY_PARCELS


def test_addresses_number_houses_along_the_street(city):
    addresses = [a for (a,) in query("SELECT address FROM cadastre_parcel")]
    pattern = re.compile(r"^Toshkent shahri, .+ tumani, .+ MFY, .+ ko'chasi, \d+-uy$")
    assert all(pattern.match(a) for a in addresses)
    assert len(set(addresses)) == len(addresses)


def test_land_use_is_mostly_residential_with_the_rest_present(city):
    uses = dict(query("SELECT land_use, count(*) FROM cadastre_parcel GROUP BY 1"))
    assert uses["residential"] > 0.7 * CITY_PARCELS
    assert {"apartments", "commercial", "public", "green"} <= set(uses)


def test_official_areas_mostly_agree_with_computed_ones(city):
    off, total = query(
        """
        SELECT count(*) FILTER (WHERE abs(area_official_m2 - area_computed_m2)
                                      > 0.01 * area_computed_m2), count(*)
          FROM cadastre_parcel
        """
    )[0]
    assert 1 <= off <= 0.05 * total


def test_shares_of_each_property_and_right_type_sum_exactly_to_one(city):
    sums = query(
        """
        SELECT cadastre_fraction_sum(share_numerator, share_denominator)
          FROM cadastre_right WHERE valid_until IS NULL
         GROUP BY property_id, right_type
        """
    )
    assert sums
    assert all(total == [1, 1] for (total,) in sums)
    shapes = {
        tuple(sorted(shares))
        for (shares,) in query(
            """
            SELECT array_agg(share_numerator || '/' || share_denominator)
              FROM cadastre_right WHERE valid_until IS NULL GROUP BY property_id, right_type
            """
        )
    }
    assert {("1/1",), ("1/2", "1/2"), ("1/3", "1/3", "1/3"), ("1/6", "1/6", "2/3")} <= shapes


def test_every_property_has_a_current_holder(city):
    orphans = scalar(
        """
        SELECT count(*) FROM cadastre_property AS p
         WHERE NOT EXISTS (SELECT 1 FROM cadastre_right AS r
                            WHERE r.property_id = p.id AND r.valid_until IS NULL)
        """
    )
    assert orphans == 0


def test_every_right_restriction_and_duty_cites_a_source(city):
    for table, link, column in (
        ("cadastre_right", "cadastre_right_sources", "right_id"),
        ("cadastre_restriction", "cadastre_restriction_sources", "restriction_id"),
        ("cadastre_responsibility", "cadastre_responsibility_sources", "responsibility_id"),
    ):
        uncited = scalar(
            f"SELECT count(*) FROM {table} AS f WHERE NOT EXISTS "  # noqa: S608 - fixed names
            f"(SELECT 1 FROM {link} AS s WHERE s.{column} = f.id)"
        )
        assert uncited == 0, table
    kinds = {k for (k,) in query("SELECT DISTINCT kind FROM cadastre_source")}
    assert {
        "notarial_deed",
        "khokim_decision",
        "contract",
        "court_decision",
        "mortgage_agreement",
        "inheritance",
    } <= kinds


def test_some_rights_have_history_for_as_of_queries(city):
    # given a property whose holders changed (a sale or an inheritance)
    property_id, changed_at = query(
        """
        SELECT property_id, valid_until FROM cadastre_right
         WHERE valid_until IS NOT NULL AND right_type IN ('ownership', 'lifetime_possession')
         ORDER BY id LIMIT 1
        """
    )[0]

    def holders(moment):
        rights = Right.objects.as_of(moment).filter(property_id=property_id)
        return set(rights.values_list("party_id", "party_group_id"))

    # then the register shows other holders just before the change than at it
    before, after = holders(changed_at - timedelta(seconds=1)), holders(changed_at)
    assert before
    assert after
    assert before.isdisjoint(after)
    # Lease extensions: two versions of one right, the first ended when the second began.
    extended = scalar(
        """
        SELECT count(*) FROM cadastre_right AS v1
          JOIN cadastre_right AS v2 ON v2.uid = v1.uid AND v2.version = 2
         WHERE v1.version = 1 AND v1.valid_until = v2.valid_from AND v2.valid_until IS NULL
        """
    )
    assert extended >= 1
    early = datetime(2000, 1, 1, tzinfo=ZoneInfo("Asia/Tashkent"))
    assert Right.objects.as_of(early).count() < Right.objects.current().count()


def test_mortgages_arrests_and_servitudes(city):
    mortgages = query(
        """
        SELECT r.rank, b.kind, b.organisation_name, r.amount
          FROM cadastre_restriction AS r JOIN cadastre_party AS b ON b.id = r.beneficiary_id
         WHERE r.restriction_type = 'mortgage' AND r.valid_until IS NULL
        """
    )
    ranks = {m[0] for m in mortgages}
    assert ranks == {1, 2}
    assert all(m[1] == "legal" and "bank" in m[2] and m[3] > 0 for m in mortgages)
    # A second-rank mortgage always sits behind a first-rank one.
    assert (
        scalar(
            """
        SELECT count(*) FROM cadastre_restriction AS r2
         WHERE r2.rank = 2 AND r2.valid_until IS NULL AND NOT EXISTS (
               SELECT 1 FROM cadastre_restriction AS r1
                WHERE r1.property_id = r2.property_id AND r1.rank = 1
                  AND r1.valid_until IS NULL AND r1.valid_from < r2.valid_from)
        """
        )
        == 0
    )
    arrests = query(
        """
        SELECT s.kind, s.issuer
          FROM cadastre_restriction AS r
          JOIN cadastre_restriction_sources AS rs ON rs.restriction_id = r.id
          JOIN cadastre_source AS s ON s.id = rs.source_id
         WHERE r.restriction_type = 'arrest'
        """
    )
    assert arrests
    assert all(k == "court_decision" and "sudi" in i for k, i in arrests)
    assert (
        scalar("SELECT count(*) FROM cadastre_restriction WHERE restriction_type = 'servitude'")
        >= 1
    )
    assert (
        scalar(
            "SELECT count(*) FROM cadastre_restriction WHERE restriction_type = "
            "'mortgage' AND valid_until IS NOT NULL"
        )
        >= 1
    )


def test_leases_and_permanent_use(city):
    leases = query(
        """
        SELECT p.kind, r.term_from, r.term_until
          FROM cadastre_right AS r JOIN cadastre_party AS p ON p.id = r.party_id
         WHERE r.right_type = 'lease' AND r.valid_until IS NULL
        """
    )
    assert leases
    assert all(t0 < t1 for _, t0, t1 in leases)
    users = {
        kind
        for (kind,) in query(
            """
            SELECT DISTINCT coalesce(p.kind, 'group')
              FROM cadastre_right AS r LEFT JOIN cadastre_party AS p ON p.id = r.party_id
             WHERE r.right_type = 'permanent_use'
            """
        )
    }
    assert users <= {"state", "legal"}
    assert "state" in users


def test_parties_look_like_uzbek_people_and_organisations(city):
    people = query(
        """
        SELECT last_name, first_name, patronymic, pinfl, passport, birth_date
          FROM cadastre_party WHERE kind = 'person'
        """
    )
    assert len(people) > CITY_PARCELS / 2
    for last, first, patronymic, pinfl, passport, born in people:
        assert re.fullmatch(r"[A-Z][A-Za-z']+(ov|ev|ova|eva)", last), last
        assert first
        female = last.endswith("a")
        assert patronymic.endswith(" qizi" if female else " o'g'li"), (last, patronymic)
        assert re.fullmatch(r"[3-6]\d{13}", pinfl)
        # Sex and century, then the birth date as DDMMYY, then the check digit (7-3-1).
        assert int(pinfl[0]) in ((4, 6) if female else (3, 5))
        assert pinfl[1:7] == born.strftime("%d%m%y")
        weights = [7, 3, 1] * 5
        assert sum(int(d) * w for d, w in zip(pinfl[:13], weights[:13], strict=True)) % 10 == int(
            pinfl[13]
        )
        assert re.fullmatch(r"[A-Z]{2}\d{7}", passport)
    assert len({p[3] for p in people}) == len(people)
    organisations = query(
        "SELECT kind, organisation_name, tin FROM cadastre_party WHERE kind <> 'person'"
    )
    assert all(re.fullmatch(r"\d{9}", tin) for _, _, tin in organisations)
    names = " ".join(n for _, n, _ in organisations)
    assert "banki" in names
    assert "MChJ" in names
    assert "hokimligi" in names
    assert scalar("SELECT count(*) FROM cadastre_partygroupmember") >= 2


def test_networks_run_along_the_streets(city):
    networks = dict(query("SELECT network, count(*) FROM citygis_infrastructuresegment GROUP BY 1"))
    assert set(networks) == {"water", "sewer", "gas", "power", "heating", "road"}
    # Nothing runs through a block: roads on centre lines, utilities beside them.
    crossing = scalar(
        """
        SELECT count(*) FROM citygis_infrastructuresegment AS s
          JOIN citygis_adminarea AS b ON b.level = 'block' AND ST_Intersects(s.geom, b.geom)
        """
    )
    assert crossing == 0
    outside = scalar(
        """
        SELECT count(*) FROM citygis_infrastructuresegment AS s, citygis_adminarea AS c
         WHERE c.level = 'city' AND NOT ST_CoveredBy(s.geom, c.geom)
        """
    )
    assert outside == 0
    kinds = {k for (k,) in query("SELECT DISTINCT kind FROM citygis_infrastructurenode")}
    assert {"valve", "hydrant", "manhole", "transformer"} <= kinds
    # Every node sits on a line of its own network.
    loose = scalar(
        """
        SELECT count(*) FROM citygis_infrastructurenode AS n
         WHERE NOT EXISTS (SELECT 1 FROM citygis_infrastructuresegment AS s
                            WHERE s.network = n.network AND ST_DWithin(s.geom, n.geom, 0.01))
        """
    )
    assert loose == 0


def test_cameras_stand_at_crossings_and_look_along_a_street(city):
    cameras = query(
        """
        SELECT c.id,
               (SELECT min(abs(degrees(ST_Azimuth(
                               ST_Transform(ST_StartPoint(s.geom), 4326)::geography,
                               ST_Transform(ST_EndPoint(s.geom), 4326)::geography))
                               - c.direction_deg))
                  FROM citygis_infrastructuresegment AS s
                 WHERE s.network = 'road' AND ST_DWithin(ST_StartPoint(s.geom), c.geom, 30)),
               (SELECT min(abs(degrees(ST_Azimuth(
                               ST_Transform(ST_EndPoint(s.geom), 4326)::geography,
                               ST_Transform(ST_StartPoint(s.geom), 4326)::geography))
                               - c.direction_deg))
                  FROM citygis_infrastructuresegment AS s
                 WHERE s.network = 'road' AND ST_DWithin(ST_EndPoint(s.geom), c.geom, 30)),
               c.field_of_view_deg, c.range_m, c.kind, c.status
          FROM citygis_camera AS c
        """
    )
    assert cameras
    for _, along_start, along_end, fov, reach, kind, status in cameras:
        deviation = min(d for d in (along_start, along_end) if d is not None)
        assert deviation < 0.01
        assert 0 < fov <= 360
        assert 0 < reach <= 5000
        assert kind in {"fixed", "dome", "ptz", "anpr"}
        assert status in {"active", "offline", "maintenance"}
    # The road a camera watches leaves the crossing it stands at (within a street width).
    far = scalar(
        """
        SELECT count(*) FROM citygis_camera AS c
         WHERE NOT EXISTS (SELECT 1 FROM citygis_infrastructuresegment AS s
                            WHERE s.network = 'road' AND ST_DWithin(s.geom, c.geom, 25))
        """
    )
    assert far == 0


def test_versioned_rows_are_single_current_versions(city):
    assert Right.objects.filter(version=2).exists()
    assert scalar("SELECT count(*) FROM cadastre_parcel WHERE valid_until IS NOT NULL") == 0
