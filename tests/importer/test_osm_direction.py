"""OSM camera:direction in its three forms; camera:angle plays no part."""

import pytest

from importer.osm import Direction, DirectionError, direction_parse


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("45", Direction(bearing_deg=45.0)),
        (" 127.5 ", Direction(bearing_deg=127.5)),
        ("360", Direction(bearing_deg=0.0)),
        ("0", Direction(bearing_deg=0.0)),
        ("N", Direction(bearing_deg=0.0)),
        ("NE", Direction(bearing_deg=45.0)),
        ("ne", Direction(bearing_deg=45.0)),
        ("SSW", Direction(bearing_deg=202.5)),
        ("NNW", Direction(bearing_deg=337.5)),
        ("90-180", Direction(bearing_deg=135.0, field_of_view_deg=90.0)),
        ("300-60", Direction(bearing_deg=0.0, field_of_view_deg=120.0)),
        ("350-10", Direction(bearing_deg=0.0, field_of_view_deg=20.0)),
        ("10-350", Direction(bearing_deg=180.0, field_of_view_deg=340.0)),
    ],
)
def test_direction_forms(raw, expected):
    assert direction_parse(raw) == expected


@pytest.mark.parametrize("raw", ["sideways", "400", "-45", "90-90", "NE-SW", "", "45;90"])
def test_unreadable_directions_are_refused(raw):
    with pytest.raises(DirectionError, match="camera:direction"):
        direction_parse(raw)
