"""The test-side UTM formula the reprojection tests rely on."""

from tests.importer.utm import K0, utm_north


def test_utm_formula_matches_a_published_value():
    # The equator on the central meridian is (500000, 0); one degree north on it is the
    # meridian arc of 1 degree times k0: 110574.389 m (WGS 84) * 0.9996.
    assert utm_north(69.0, 0.0, 42) == (500_000.0, 0.0)
    easting, northing = utm_north(69.0, 1.0, 42)
    assert easting == 500_000.0
    assert abs(northing - 110_574.389 * K0) < 0.01
