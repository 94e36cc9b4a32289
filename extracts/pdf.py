"""The extract's PDF: what the snapshot holds, laid out in the language it was ordered in.

Everything printed comes from the snapshot (so the verification page shows the same facts) plus
the extract's number, dates, code and link. reportlab writes the file with `invariant` set, so
the same extract always gives the same bytes.
"""

from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from documents.fonts import register_fonts
from extracts import labels
from extracts.plan import PlanTexts, plan_drawing

_PAGE_WIDTH, _PAGE_HEIGHT = A4
_MARGIN = 16 * mm
_CONTENT_WIDTH = _PAGE_WIDTH - 2 * _MARGIN
_PLAN_HEIGHT = 95 * mm
_QR_SIZE = 34 * mm


@dataclass(frozen=True)
class ExtractPrint:
    """What the PDF prints besides the snapshot."""

    number: str
    code: str
    verify_url: str
    issued_at: datetime
    valid_until: datetime
    snapshot_sha256: str
    language: str


@dataclass(frozen=True)
class _Styles:
    title: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    head_cell: ParagraphStyle
    code: ParagraphStyle


def _styles() -> _Styles:
    regular, bold = register_fonts()
    body = ParagraphStyle("body", fontName=regular, fontSize=9, leading=11.5)
    return _Styles(
        title=ParagraphStyle(
            "title", fontName=bold, fontSize=13.5, leading=17, alignment=TA_CENTER
        ),
        heading=ParagraphStyle(
            "heading",
            fontName=bold,
            fontSize=10.5,
            leading=13,
            spaceBefore=8,
            spaceAfter=4,
            keepWithNext=1,
        ),
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=7.5, leading=9.5),
        cell=ParagraphStyle("cell", parent=body, fontSize=8.5, leading=10.5),
        head_cell=ParagraphStyle("head", parent=body, fontName=bold, fontSize=8.5, leading=10.5),
        code=ParagraphStyle("code", fontName=bold, fontSize=15, leading=19),
    )


def _moment(value: datetime) -> str:
    local = timezone.localtime(value)
    offset = f"{local:%z}"
    return (
        f"{local:%Y-%m-%d %H:%M:%S} ({timezone.get_current_timezone_name()}, "
        f"UTC{offset[:3]}:{offset[3:]})"
    )


def _date(value: str | None) -> str:
    return value or "—"


def _amount(value: str | None) -> str:
    if value is None:
        return "—"
    whole, _sep, fraction = value.partition(".")
    grouped = f"{int(whole):,}".replace(",", " ")
    soum = _("soum")
    return f"{grouped}.{fraction} {soum}" if fraction.strip("0") else f"{grouped} {soum}"


def _para(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def _grid(rows: list[list[str]], widths: list[float], s: _Styles) -> Table:
    """A table with a header row; every cell wraps."""
    data = [[_para(cell, s.head_cell) for cell in rows[0]]]
    data += [[_para(cell, s.cell) for cell in row] for row in rows[1:]]
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.92, 0.92, 0.92)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _pairs(rows: list[tuple[str, str]], s: _Styles) -> Table:
    """Label / value lines."""
    data = [[_para(label, s.head_cell), _para(value, s.cell)] for label, value in rows]
    table = Table(data, colWidths=[52 * mm, _CONTENT_WIDTH - 52 * mm])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


def _area(value: str | None) -> str:
    if value is None:
        return _("not recorded")
    return _("%(area)s m²") % {"area": value}


def _object_rows(snapshot: dict[str, Any]) -> list[tuple[str, str]]:
    prop = snapshot["property"]
    rows = [
        (_("Cadastral number"), prop["cadastral_number"]),
        (_("Object"), labels.label(labels.PROPERTY_KINDS, prop["kind"])),
    ]
    for parcel in snapshot["parcels"]:
        rows += [
            (_("Land parcel"), parcel["cadastral_number"]),
            (_("Address"), parcel["address"] or _("not recorded")),
            (_("Land use"), labels.label(labels.LAND_USES, parcel["land_use"])),
            (_("Area in the title"), _area(parcel["area_official_m2"])),
            (_("Area computed from the boundary"), _area(parcel["area_computed_m2"])),
        ]
    for building in snapshot["buildings"]:
        facts = [building["cadastral_number"], labels.label(labels.BUILDING_USES, building["use"])]
        if building["floors"]:
            floors = building["floors"]
            facts.append(
                ngettext("%(count)s floor", "%(count)s floors", floors) % {"count": floors}
            )
        if building["year_built"]:
            facts.append(_("built in %(year)s") % {"year": building["year_built"]})
        rows.append((_("Building"), ", ".join(facts)))
    for unit in snapshot["units"]:
        facts = [
            unit["cadastral_number"],
            labels.label(labels.UNIT_USES, unit["use"]),
            _("No. %(number)s") % {"number": unit["number"]},
            _("floor %(floor)s") % {"floor": unit["floor"]},
            _area(unit["area_m2"]),
        ]
        if unit["rooms"]:
            rooms = unit["rooms"]
            facts.append(ngettext("%(count)s room", "%(count)s rooms", rooms) % {"count": rooms})
        rows.append((_("Unit"), ", ".join(facts)))
    return rows


def _holder_text(holder: dict[str, Any]) -> str:
    text = holder["name"]
    if holder.get("tin"):
        text += " " + _("(TIN %(tin)s)") % {"tin": holder["tin"]}
    if holder.get("members"):
        members = "; ".join(f"{m['name']} — {m['share']}" for m in holder["members"])
        text += f": {members}"
    return text


def _registration(fact: dict[str, Any]) -> str:
    text = f"{fact['registration_number']}, {fact['registered_on']}"
    if fact["term_until"]:
        text += "; " + _("until %(date)s") % {"date": fact["term_until"]}
    return text


def _rights_table(snapshot: dict[str, Any], s: _Styles) -> Table | Paragraph:
    if not snapshot["rights"]:
        return _para(_("No right is registered."), s.body)
    rows = [[_("Holder"), _("Right"), _("Share"), _("Registration"), _("Documents")]]
    rows += [
        [
            _holder_text(r["holder"]),
            labels.label(labels.RIGHT_TYPES, r["type"]),
            r["share"],
            _registration(r),
            ", ".join(r["sources"]),
        ]
        for r in snapshot["rights"]
    ]
    widths = [58 * mm, 30 * mm, 14 * mm, 36 * mm, _CONTENT_WIDTH - 138 * mm]
    return _grid(rows, widths, s)


def _restrictions_table(snapshot: dict[str, Any], s: _Styles) -> Table | Paragraph:
    if not snapshot["restrictions"]:
        return _para(_("No encumbrance is registered."), s.body)
    rows = [
        [_("Encumbrance"), _("In favour of"), _("Amount, rank"), _("Registration"), _("Documents")]
    ]
    for r in snapshot["restrictions"]:
        what = labels.label(labels.RESTRICTION_TYPES, r["type"])
        if r["description"]:
            what += f": {r['description']}"
        amount = _amount(r["amount_soum"])
        if r["rank"]:
            amount += ", " + _("rank %(rank)s") % {"rank": r["rank"]}
        rows.append(
            [
                what,
                _holder_text(r["beneficiary"]) if r["beneficiary"] else "—",
                amount,
                _registration(r),
                ", ".join(r["sources"]),
            ]
        )
    widths = [38 * mm, 42 * mm, 28 * mm, 36 * mm, _CONTENT_WIDTH - 144 * mm]
    return _grid(rows, widths, s)


def _responsibilities_table(snapshot: dict[str, Any], s: _Styles) -> Table:
    rows = [[_("Responsibility"), _("Party"), _("Registration"), _("Documents")]]
    for r in snapshot["responsibilities"]:
        what = labels.label(labels.RESPONSIBILITY_TYPES, r["type"])
        if r["description"]:
            what += f": {r['description']}"
        rows.append(
            [
                what,
                _holder_text(r["party"]) if r["party"] else "—",
                _registration(r),
                ", ".join(r["sources"]),
            ]
        )
    widths = [62 * mm, 42 * mm, 36 * mm, _CONTENT_WIDTH - 140 * mm]
    return _grid(rows, widths, s)


def _sources_table(snapshot: dict[str, Any], s: _Styles) -> Table | Paragraph:
    if not snapshot["sources"]:
        return _para(_("No document is cited."), s.body)
    rows = [[_("Document"), _("No."), _("Date"), _("Issued by")]]
    rows += [
        [
            labels.label(labels.SOURCE_KINDS, d["kind"]),
            d["number"],
            _date(d["issued_on"]),
            d["issuer"],
        ]
        for d in snapshot["sources"]
    ]
    widths = [45 * mm, 30 * mm, 24 * mm, _CONTENT_WIDTH - 99 * mm]
    return _grid(rows, widths, s)


def _plan(snapshot: dict[str, Any], s: _Styles) -> list[Any]:
    highlighted = {u["cadastral_number"][:-4] for u in snapshot["units"]}
    if snapshot["property"]["kind"] == "building":
        highlighted.add(snapshot["property"]["cadastral_number"])
    drawing, _scale = plan_drawing(
        parcels=snapshot["parcels"],
        buildings=snapshot["buildings"],
        highlighted=highlighted,
        width_pt=_CONTENT_WIDTH,
        height_pt=_PLAN_HEIGHT,
        texts=PlanTexts(north=_("N"), metres=_("m"), scale=_("Scale")),
        font=s.body.fontName,
    )
    srid = snapshot["parcels"][0]["outline"]["srid"]
    caption = _(
        "Boundary lengths in metres; coordinates EPSG:%(srid)s, up is grid north. Buildings in "
        "grey, the certified building in orange."
    ) % {"srid": srid}
    return [drawing, Spacer(0, 2), _para(caption, s.small)]


def _qr(url: str) -> Drawing:
    widget = QrCodeWidget(url, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(
        _QR_SIZE, _QR_SIZE, transform=[_QR_SIZE / (x1 - x0), 0, 0, _QR_SIZE / (y1 - y0), 0, 0]
    )
    drawing.add(widget)
    return drawing


def _verification(info: ExtractPrint, s: _Styles) -> Table:
    text = [
        _para(_("Verification code"), s.head_cell),
        _para(info.code, s.code),
        Spacer(0, 3),
        _para(
            _(
                "Anyone can check this extract at %(url)s or by scanning the QR code: the page "
                "says whether it is genuine, whether it has been revoked and whether the register "
                "has changed since. A PDF can be checked there byte for byte."
            )
            % {"url": info.verify_url},
            s.small,
        ),
        Spacer(0, 3),
        _para(
            _("Fingerprint of the certified facts (sha256): %(digest)s")
            % {"digest": info.snapshot_sha256},
            s.small,
        ),
    ]
    table = Table([[_qr(info.verify_url), text]], colWidths=[_QR_SIZE + 6, None])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOX", (0, 0), (-1, -1), 0.6, colors.black),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def _footer(info: ExtractPrint, font: str) -> Any:
    def draw(canvas: Canvas, document: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(font, 7.5)
        canvas.setFillColor(colors.grey)
        canvas.drawString(
            _MARGIN,
            10 * mm,
            _("Extract No. %(number)s · code %(code)s")
            % {"number": info.number, "code": info.code},
        )
        canvas.drawRightString(
            _PAGE_WIDTH - _MARGIN, 10 * mm, _("page %(page)s") % {"page": document.page}
        )
        canvas.restoreState()

    return draw


def _story(snapshot: dict[str, Any], info: ExtractPrint, s: _Styles) -> list[Any]:
    story: list[Any] = [
        _para(_("Makon · cadastre of the city"), s.small),
        Spacer(0, 4),
        _para(_("Extract from the register of rights to real estate"), s.title),
        Spacer(0, 2),
        _para(
            _("No. %(number)s") % {"number": info.number},
            ParagraphStyle("number", parent=s.title, fontSize=10.5),
        ),
        Spacer(0, 8),
        _pairs(
            [
                (
                    _("Certifies the register as of"),
                    _moment(datetime.fromisoformat(snapshot["certified_at"])),
                ),
                (_("Issued"), _moment(info.issued_at)),
                (_("Valid until"), _moment(info.valid_until)),
            ],
            s,
        ),
        _para(_("The object"), s.heading),
        _pairs(_object_rows(snapshot), s),
        _para(_("Parcel plan"), s.heading),
        *_plan(snapshot, s),
        _para(_("Rights and holders"), s.heading),
        _rights_table(snapshot, s),
        _para(_("Encumbrances"), s.heading),
        _restrictions_table(snapshot, s),
    ]
    if snapshot["responsibilities"]:
        story += [_para(_("Responsibilities"), s.heading), _responsibilities_table(snapshot, s)]
    story += [
        _para(_("Documents the registrations rest on"), s.heading),
        _sources_table(snapshot, s),
        Spacer(0, 10),
        KeepTogether([_verification(info, s)]),
    ]
    return story


def render_extract_pdf(*, snapshot: dict[str, Any], info: ExtractPrint) -> bytes:
    """The PDF of an extract in `info.language`; the same inputs give the same bytes."""
    with translation.override(info.language):
        styles = _styles()
        buffer = BytesIO()
        document = SimpleDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=_MARGIN,
            rightMargin=_MARGIN,
            topMargin=_MARGIN,
            bottomMargin=_MARGIN + 4 * mm,
            title=_("Extract No. %(number)s") % {"number": info.number},
            author="Makon",
            subject=snapshot["property"]["cadastral_number"],
            creator="Makon",
            invariant=1,
        )
        footer = _footer(info, styles.body.fontName)
        document.build(_story(snapshot, info, styles), onFirstPage=footer, onLaterPages=footer)
        return buffer.getvalue()
