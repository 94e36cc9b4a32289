"""Public tiles never carry personal data: no party names, ids, documents or shares."""

import gzip

import mapbox_vector_tile
import pytest

from cadastre.models import Party, PartyGroup, PartyGroupMember, Right
from tests.factories import make_building, make_parcel, make_person, make_property
from tests.tiles.helpers import LAYER_NAMES, make_areas, make_camera, sq, tile_at

pytestmark = pytest.mark.django_db

SECRETS = (
    "Qodirberdiyeva",
    "Zulfiyaxon",
    "Ilhomjonovna",
    "31234567890123",
    "ZQ9876543",
    "Toshkent sh., Chilonzor 9-mavze, 17-uy",
    "Oila Qodirberdiyevlar",
    "R-SECRET-4471",
    "rtsp://10.20.30.40:554/secret-stream-7781",
)


def _all_tiles(client) -> list[tuple[str, bytes]]:
    tiles = []
    for layer in LAYER_NAMES:
        for z in range(10, 23):
            response = client.get("/tiles/{}/{}/{}/{}.pbf".format(layer, *tile_at(10, 10, z)))
            if response.status_code == 404:
                continue
            data = response.content
            if response.get("Content-Encoding") == "gzip":
                data = gzip.decompress(data)
            tiles.append((f"{layer}/{z}", data))
    return tiles


def test_no_tile_at_any_zoom_carries_the_holders(client):
    # given: a parcel with a building, held 1/2 by a person and 1/2 by a family group
    make_areas()
    parcel = make_parcel(number="10:01:01:01:01:0042", geom=sq(0, 0, 30))
    make_building(parcel=parcel)
    make_camera(x=5, y=5)
    person = make_person(
        last_name="Qodirberdiyeva",
        first_name="Zulfiyaxon",
        patronymic="Ilhomjonovna",
        pinfl="31234567890123",
        passport="ZQ9876543",
        address="Toshkent sh., Chilonzor 9-mavze, 17-uy",
    )
    group = PartyGroup.objects.create(name="Oila Qodirberdiyevlar", kind=PartyGroup.Kind.FAMILY)
    PartyGroupMember.objects.create(group=group, party=person)
    prop = make_property(number=parcel.cadastral_number)
    for holder in ({"party": person}, {"party_group": group}):
        Right.objects.create(
            property=prop,
            right_type=Right.Type.OWNERSHIP,
            share_numerator=1,
            share_denominator=2,
            registration_number="R-SECRET-4471",
            registered_on="2015-03-01",
            **holder,
        )
    # when
    tiles = _all_tiles(client)
    # then
    assert len(tiles) > 40
    decoded = {name: mapbox_vector_tile.decode(data) if data else {} for name, data in tiles}
    (parcel_feature,) = decoded["parcels/16"]["parcels"]["features"]
    assert parcel_feature["properties"]["owner_type"] == "person"
    for name, data in tiles:
        text = repr(decoded[name])
        for secret in (*SECRETS, "1/2"):
            assert secret.encode() not in data, (name, secret)
            assert secret not in text, (name, secret)
        for layer in decoded[name].values():
            for feature in layer["features"]:
                assert not {"party", "share", "holder", "pinfl", "tin", "stream_ref"} & set(
                    feature["properties"]
                )
    assert Party.objects.filter(last_name="Qodirberdiyeva").exists()
