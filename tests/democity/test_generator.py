"""The generator without a database: layout sizes, names, the table pipeline."""

import numpy as np
import pytest

from democity.build import _made_ahead
from democity.layout import MAX_GROUP, build_layout
from democity.names import DISTRICTS, to_cyrillic
from democity.parcels import build_parcels


@pytest.mark.parametrize("parcels", [100, 137, 999, 25_000])
def test_layout_holds_exactly_the_parcels_asked_for_in_twelve_districts(parcels):
    layout = build_layout(parcels=parcels, seed=11, srid=32642)
    assert int(layout.parcel_count.sum()) == parcels
    assert np.all(np.bincount(layout.district, minlength=len(DISTRICTS)) >= 1)
    # Every group of a cadastral number fits its two digits.
    assert layout.zone.max() <= MAX_GROUP
    assert layout.massif.max() <= MAX_GROUP
    assert layout.block_number.max() <= MAX_GROUP
    assert len(set(layout.block_codes("10"))) == layout.block_count
    assert build_parcels(layout, seed=11).count == parcels


def test_layout_is_the_same_for_the_same_seed_only():
    a = build_layout(parcels=2_000, seed=4, srid=32642)
    b = build_layout(parcels=2_000, seed=4, srid=32642)
    c = build_layout(parcels=2_000, seed=5, srid=32642)
    assert np.array_equal(a.col, b.col)
    assert np.array_equal(a.parcel_count, b.parcel_count)
    assert a.mahalla_names == b.mahalla_names
    assert not np.array_equal(a.parcel_count, c.parcel_count) or a.mahalla_names != c.mahalla_names


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("Bodomzor", "Бодомзор"),
        ("Qo'shbegi", "Кушбеги"),
        ("Yangiobod", "Янгиобод"),
        ("Eski Chorsu", "Эски Чорсу"),
        ("Ko'kcha-2", "Кукча-2"),
    ],
)
def test_mahalla_names_are_transliterated_for_russian(latin, cyrillic):
    assert to_cyrillic(latin) == cyrillic


def test_a_failing_generator_fails_the_build():
    def tables():
        yield "first"
        raise ValueError("broken")

    made = _made_ahead(tables())
    assert next(made) == "first"
    with pytest.raises(ValueError, match="broken"):
        next(made)


def test_a_consumer_that_stops_early_stops_the_generator():
    produced = []

    def tables():
        for i in range(100):
            produced.append(i)
            yield i

    made = _made_ahead(tables(), depth=1)
    assert next(made) == 0
    made.close()
    assert len(produced) < 100
