"""Scans for the demo city: a small PDF per document behind the demo accounts' property.

The demo register's documents (cadastre.Source) are generated without files. These stand-ins
make "open a document" work in the demo: one A4 page per document, drawn from the document's
own record, marked DEMO across the page so nobody takes it for a real paper. The same record
always gives the same bytes (reportlab's invariant mode), so a rebuilt demo city has the same
digests.
"""

from collections.abc import Callable, Iterable
from io import BytesIO
from typing import Any

from django.db.models import Q, QuerySet
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from cadastre.models import Party, Property, Responsibility, Restriction, Right, Source
from documents.fonts import register_fonts
from documents.services import source_file_attach

# Headings as a Tashkent office writes them (Uzbek, Latin script).
_TITLES = {
    Source.Kind.NOTARIAL_DEED: "NOTARIAL TASDIQLANGAN SHARTNOMA",
    Source.Kind.COURT_DECISION: "SUD QARORI",
    Source.Kind.KHOKIM_DECISION: "TOSHKENT SHAHAR HOKIMINING QARORI",
    Source.Kind.CONTRACT: "SHARTNOMA",
    Source.Kind.SURVEY_PLAN: "YER UCHASTKASINING CHEGARA REJASI",
    Source.Kind.MORTGAGE_AGREEMENT: "IPOTEKA SHARTNOMASI",
    Source.Kind.INHERITANCE: "MEROS HUQUQI TO'G'RISIDA GUVOHNOMA",
}
_PAPER = colors.Color(0.98, 0.97, 0.93)
_INK = colors.Color(0.12, 0.12, 0.18)
_STAMP = colors.Color(0.15, 0.25, 0.65)
_MAX_NUMBERS_ON_PAGE = 12


def demo_scan_pdf(source: Source, *, cadastral_numbers: list[str]) -> bytes:
    """A one-page stand-in scan of `source` naming the properties it concerns."""
    regular, bold = register_fonts()
    buffer = BytesIO()
    width, height = A4
    canvas = Canvas(buffer, pagesize=A4, invariant=1, pageCompression=1)
    canvas.setTitle(f"{source.get_kind_display()} {source.number}")
    canvas.setAuthor(source.issuer)
    canvas.setFillColor(_PAPER)
    canvas.rect(0, 0, width, height, stroke=0, fill=1)

    canvas.setFillColor(_INK)
    canvas.setFont(bold, 11)
    canvas.drawCentredString(width / 2, height - 25 * mm, "O'ZBEKISTON RESPUBLIKASI")
    canvas.setFont(regular, 10)
    canvas.drawCentredString(width / 2, height - 31 * mm, source.issuer)
    canvas.setFont(bold, 14)
    canvas.drawCentredString(width / 2, height - 48 * mm, _TITLES.get(source.kind, source.kind))
    canvas.setFont(regular, 11)
    canvas.drawCentredString(
        width / 2, height - 56 * mm, f"No {source.number}   {source.issued_on:%d.%m.%Y}"
    )

    text = canvas.beginText(25 * mm, height - 75 * mm)
    text.setFont(regular, 10.5)
    text.setLeading(15)
    text.textLine("Ushbu hujjat quyidagi ko'chmas mulk ob'ektlariga taalluqli:")
    for number in cadastral_numbers[:_MAX_NUMBERS_ON_PAGE]:
        text.textLine(f"    kadastr raqami {number}")
    if len(cadastral_numbers) > _MAX_NUMBERS_ON_PAGE:
        text.textLine(f"    va yana {len(cadastral_numbers) - _MAX_NUMBERS_ON_PAGE} ta ob'ekt")
    text.textLine("")
    text.textLine("Hujjat davlat reyestrida ro'yxatdan o'tkazilgan.")
    canvas.drawText(text)

    canvas.setStrokeColor(_STAMP)
    canvas.setFillColor(_STAMP)
    canvas.setLineWidth(1.5)
    canvas.circle(width - 55 * mm, 60 * mm, 20 * mm, stroke=1, fill=0)
    canvas.circle(width - 55 * mm, 60 * mm, 16 * mm, stroke=1, fill=0)
    canvas.setFont(bold, 8)
    canvas.drawCentredString(width - 55 * mm, 61 * mm, "MUHR")
    canvas.drawCentredString(width - 55 * mm, 56 * mm, source.number[:18])
    canvas.setStrokeColor(_INK)
    canvas.setLineWidth(0.6)
    canvas.line(25 * mm, 45 * mm, 85 * mm, 45 * mm)
    canvas.setFillColor(_INK)
    canvas.setFont(regular, 8)
    canvas.drawString(25 * mm, 40 * mm, "imzo")

    canvas.saveState()
    canvas.setFillColor(colors.Color(0.8, 0.1, 0.1, alpha=0.18))
    canvas.setFont(bold, 90)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(35)
    canvas.drawCentredString(0, 0, "DEMO")
    canvas.restoreState()
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _demo_parties() -> QuerySet[Party]:
    """Parties some user account is linked to (the demo accounts' citizens)."""
    return Party.objects.filter(profiles__isnull=False).distinct()


def _held_by(parties: Iterable[Party]) -> QuerySet[Property]:
    ids = [p.pk for p in parties]
    rights = Right.objects.filter(
        Q(party_id__in=ids) | Q(party_group__memberships__party_id__in=ids)
    )
    return Property.objects.filter(pk__in=rights.values("property_id"))


def _numbers_citing(source: Source) -> list[str]:
    cited = (
        Right.objects.filter(sources=source)
        .values("property_id")
        .union(Restriction.objects.filter(sources=source).values("property_id"))
        .union(Responsibility.objects.filter(sources=source).values("property_id"))
    )
    return list(
        Property.objects.filter(pk__in=cited)
        .order_by("cadastral_number")
        .values_list("cadastral_number", flat=True)
    )


def attach_demo_files(
    *,
    parties: Iterable[Party] | None = None,
    stdout: Callable[[str], Any] | None = None,
) -> int:
    """Give every file-less document of the parties' properties a demo scan; how many got one.

    `parties` defaults to those linked to user accounts. Documents that already have a file
    keep it, so running this again attaches nothing new. `stdout` is a write function.
    """
    properties = _held_by(_demo_parties() if parties is None else parties)
    cited = Q(rights__property__in=properties) | Q(restrictions__property__in=properties)
    cited |= Q(responsibilities__property__in=properties)
    sources = Source.objects.filter(cited, file="").distinct().order_by("pk")
    attached = 0
    for source in sources:
        content = demo_scan_pdf(source, cadastral_numbers=_numbers_citing(source))
        source_file_attach(actor=None, source=source, content=content)
        attached += 1
    if stdout is not None:
        stdout(f"Demo scans attached to {attached} documents.")
    return attached
