"""Nothing personal leaves the public API: no holder, identity number, share or document."""

from datetime import date

import pytest

from cadastre.models import Party, Property, Right, Source
from tests.api.factories import (
    make_area_chain,
    make_building,
    make_camera,
    make_parcel,
    make_segment,
    make_units,
)
from tests.factories import make_mortgage
from tests.geometry import square

pytestmark = pytest.mark.django_db

SECRETS = [
    "Qodirova",
    "Malika",
    "Shavkatovna",
    "41203199512345",  # PINFL
    "AC7654321",  # passport
    "Yunusobod 7-kvartal, 15-uy",  # home address of the person
    "Ipoteka Bank Test",
    "307654321",  # TIN
    "RIGHT-REG-8842",
    "MORT-REG-9913",
    "DEED-5531",
    "Chilonzor tuman notariusi",
    "rtsp://10.20.30.40/secret-stream",
    "cam-source-ref-77",
]


@pytest.fixture
def registered_parcel():
    """A parcel and building held by a named person, mortgaged to a bank, with a camera."""
    areas = make_area_chain(prefix="10:09")
    parcel = make_parcel(block=areas["block"], geom=square(0, 0, 30))
    building = make_building(parcel=parcel, use="apartments", floors=4)
    make_units(building=building, count=2)
    owner = Party.objects.create(
        kind=Party.Kind.PERSON,
        last_name="Qodirova",
        first_name="Malika",
        patronymic="Shavkatovna",
        pinfl="41203199512345",
        passport="AC7654321",
        birth_date=date(1995, 3, 12),
        address="Yunusobod 7-kvartal, 15-uy",
    )
    bank = Party.objects.create(
        kind=Party.Kind.LEGAL, organisation_name="Ipoteka Bank Test", tin="307654321"
    )
    prop = Property.objects.create(
        cadastral_number=parcel.cadastral_number, kind=Property.Kind.LAND
    )
    prop.components.create(cadastral_number=building.cadastral_number)
    deed = Source.objects.create(
        kind=Source.Kind.NOTARIAL_DEED,
        number="DEED-5531",
        issued_on=date(2020, 6, 1),
        issuer="Chilonzor tuman notariusi",
    )
    right = Right.objects.create(
        property=prop,
        party=owner,
        right_type=Right.Type.OWNERSHIP,
        share_numerator=2,
        share_denominator=3,
        registration_number="RIGHT-REG-8842",
        registered_on=date(2020, 6, 2),
    )
    right.sources.add(deed)
    make_mortgage(
        prop=prop,
        amount="250000000.00",
        registration_number="MORT-REG-9913",
        registered_on=date(2021, 1, 5),
        beneficiary=bank,
        source=deed,
    )
    camera = make_camera(
        stream_ref="rtsp://10.20.30.40/secret-stream", source_ref="cam-source-ref-77"
    )
    segment = make_segment()
    return {"parcel": parcel, "building": building, "camera": camera, "segment": segment}


def test_no_personal_data_in_any_answer(api_client, registered_parcel):
    # given every list and detail that shows the parcel, its building and the camera
    parcel, building = registered_parcel["parcel"], registered_parcel["building"]
    camera, segment = registered_parcel["camera"], registered_parcel["segment"]
    answers = {
        "/api/parcels/": parcel.cadastral_number,
        f"/api/parcels/{parcel.cadastral_number}/": building.cadastral_number,
        "/api/buildings/": building.cadastral_number,
        f"/api/buildings/{building.cadastral_number}/": building.cadastral_number,
        "/api/cameras/": camera.name,
        f"/api/cameras/{camera.pk}/": camera.name,
        "/api/infrastructure/": segment.owner_body,
        f"/api/infrastructure/{segment.pk}/": segment.owner_body,
        "/api/admin-areas/": "10:09:01:01:01",
        "/api/admin-areas/10:09:01:01:01/": "10:09:01:01:01",
    }
    for url, shown in answers.items():
        # when
        response = api_client.get(url)
        # then the answer is about the registered objects, and holds nothing personal
        assert response.status_code == 200, url
        text = response.content.decode()
        assert shown in text, url
        leaked = [secret for secret in SECRETS if secret in text]
        assert leaked == [], f"{url} shows {leaked}"
        for word in ("share", "pinfl", "passport", "tin", "party", "right", "stream"):
            assert f'"{word}' not in text, f"{url} has a {word} field"
