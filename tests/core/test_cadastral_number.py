import pytest

from core import cadastral_number as cn
from core.exceptions import InvalidInputError


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("10:01:02:03:04:0005", cn.Level.PARCEL),
        ("10:01:02:03:04:0005:0001", cn.Level.BUILDING),
        ("10:01:02:03:04:0005:0001:012", cn.Level.UNIT),
        ("  10:01:02:03:04:0005 ", cn.Level.PARCEL),
    ],
)
def test_valid_numbers_parse_to_their_level(text, level):
    number = cn.parse(text)
    assert number.level == level
    assert str(number) == text.strip()
    assert number.parcel_number == "10:01:02:03:04:0005"
    assert len(number.parcel_number) == cn.PARCEL_NUMBER_LENGTH


def test_building_number_of_a_unit():
    number = cn.parse("10:01:02:03:04:0005:0001:012")
    assert number.building_number == "10:01:02:03:04:0005:0001"
    assert len(number.building_number) == cn.BUILDING_NUMBER_LENGTH
    assert number.region == "10"
    assert number.district == "01"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "expected 6 groups"),
        ("10:01:02", "expected 6 groups"),
        ("10:01:02:03:04:0005:0001:012:9", "expected 6 groups"),
        ("10:1:02:03:04:0005", "district group must be 2 digits"),
        ("10:01:02:03:04:005", "parcel group must be 4 digits"),
        ("10:01:02:03:04:00a5", "parcel group must be 4 digits"),
        ("10:01:02:03:04:0005:01", "building group must be 4 digits"),
        ("10:01:02:03:04:0005:0001:1", "unit group must be 3 digits"),
        ("1O:01:02:03:04:0005", "region group must be 2 digits"),
        ("10;01;02;03;04;0005", "expected 6 groups"),
    ],
)
def test_invalid_numbers_say_what_is_wrong(text, message):
    with pytest.raises(InvalidInputError, match=message):
        cn.parse(text)
    assert not cn.is_valid(text)


def test_a_level_can_be_required():
    with pytest.raises(InvalidInputError, match="is a building number; a parcel number"):
        cn.parse("10:01:02:03:04:0005:0001", level=cn.Level.PARCEL)


def test_non_text_is_refused():
    with pytest.raises(InvalidInputError, match="must be text"):
        cn.parse(100102)  # type: ignore[arg-type]
