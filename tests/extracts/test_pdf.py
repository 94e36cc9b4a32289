"""The extract's PDF: the certified facts in the ordered language, a plan to scale, a QR link."""

import hashlib
import re
from io import BytesIO

import pytest
from pypdf import PdfReader

from extracts.plan import PlanTexts, plan_drawing, scale_for
from extracts.services import order_extract
from tests.extracts.conftest import CYRILLIC_NAME, UZBEK_FIRST, UZBEK_NAME

pytestmark = pytest.mark.django_db

TITLES = {
    "en": "Extract from the register of rights to real estate",
    "ru": "Выписка из реестра прав на недвижимое имущество",
    "uz": "Ko\u02bbchmas mulkka bo\u02bblgan huquqlar reyestridan ko\u02bbchirma",
}


def text_of(pdf: bytes) -> str:
    reader = PdfReader(BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    """The text with line breaks and doubled spaces folded, for phrases that wrap."""
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("language", ["uz", "ru", "en"])
def test_the_pdf_prints_the_certified_facts_in_the_ordered_language(register, citizen, language):
    extract = order_extract(
        citizen, register.house.cadastral_number, language, base_url="https://makon.example.uz"
    )
    pdf = bytes(extract.pdf)
    assert pdf.startswith(b"%PDF-")
    assert hashlib.sha256(pdf).hexdigest() == extract.pdf_sha256
    text = flat(text_of(pdf))
    assert TITLES[language] in text
    for other in set(TITLES) - {language}:
        assert TITLES[other] not in text
    assert extract.number in text
    assert extract.code in text
    assert f"https://makon.example.uz/verify/{extract.code}/" in text.replace(" ", "")
    assert register.house.cadastral_number in text
    assert f"{UZBEK_NAME} {UZBEK_FIRST}" in text
    assert "Karimov Aziz" in text
    assert "1/2" in text
    assert "Xalq banki" in text
    assert "150 000 000" in text
    assert register.deed.number in text
    assert extract.snapshot_sha256 in text.replace(" ", "")


def test_cyrillic_holders_print_in_every_language(register, neighbour):
    extract = order_extract(
        neighbour, register.flat.cadastral_number, "uz", base_url="https://m.uz"
    )
    text = flat(text_of(bytes(extract.pdf)))
    assert f"{CYRILLIC_NAME} Иван" in text
    assert "54.30 m²" in text


def test_the_qr_code_holds_the_verification_link():
    from extracts.pdf import _qr

    drawing = _qr("https://makon.example.uz/verify/7K3M-Q9XD-2HFA-PB4T-W8CZ/")
    (widget,) = drawing.contents
    assert widget.value == "https://makon.example.uz/verify/7K3M-Q9XD-2HFA-PB4T-W8CZ/"


@pytest.mark.parametrize(
    ("extent_m", "scale"),
    [
        # the frame is 480 x 220 pt = 169.3 x 77.6 mm
        ((40, 30), 500),  # 30 m on 77.6 mm needs 1:387
        ((10, 5), 100),  # 1:64
        ((10, 8), 200),  # 1:103
        ((150, 60), 1000),  # 150 m on 169.3 mm needs 1:886
        ((2000, 100), 25_000),  # 1:11 811
        ((900_000, 10), 5_400_000),  # 1:5 314 961, beyond the usual scales: whole 100 000s
    ],
)
def test_the_plan_takes_the_smallest_usual_scale_that_fits(extent_m, scale):
    assert scale_for(extent_m=extent_m, room_pt=(480, 220)) == scale


def test_at_the_chosen_scale_a_metre_on_paper_is_a_metre_on_the_ground():
    outline = {
        "type": "MultiPolygon",
        "srid": 32642,
        "coordinates": [[[[0, 0], [40, 0], [40, 30], [0, 30], [0, 0]]]],
    }
    drawing, scale = plan_drawing(
        parcels=[{"cadastral_number": "p", "outline": outline}],
        buildings=[],
        highlighted=set(),
        width_pt=500,
        height_pt=270,
        texts=PlanTexts(north="N", metres="m", scale="Scale"),
        font="Helvetica",
    )
    assert scale == 500
    parcel_path = drawing.contents[1]
    xs = parcel_path.points[0::2]
    # 40 m at 1:500 is 80 mm = 226.77 pt
    assert max(xs) - min(xs) == pytest.approx(40 / 500 / 0.0254 * 72)


def test_the_same_extract_gives_the_same_bytes(register, citizen):
    from extracts.pdf import ExtractPrint, render_extract_pdf

    extract = order_extract(citizen, register.house.cadastral_number, "ru", base_url="https://m.uz")
    info = ExtractPrint(
        number=extract.number,
        code=extract.code,
        verify_url=f"https://m.uz/verify/{extract.code}/",
        issued_at=extract.issued_at,
        valid_until=extract.valid_until,
        snapshot_sha256=extract.snapshot_sha256,
        language="ru",
    )
    again = render_extract_pdf(snapshot=extract.snapshot, info=info)
    assert hashlib.sha256(again).hexdigest() == extract.pdf_sha256
