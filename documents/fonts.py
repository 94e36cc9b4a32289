"""TrueType fonts for the PDFs Makon writes: Cyrillic and Uzbek Latin letters need them.

reportlab's built-in fonts cover Latin-1 only. DejaVu (Debian package fonts-dejavu-core) covers
every letter of Uzbek, Russian and English; MAKON_PDF_FONT_DIR says where it is installed.
"""

from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "MakonSans"
BOLD = "MakonSans-Bold"
_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}


@cache
def register_fonts() -> tuple[str, str]:
    """Register the regular and bold font with reportlab once; their names."""
    folder = Path(settings.MAKON_PDF_FONT_DIR)
    for name, file_name in _FILES.items():
        path = folder / file_name
        if not path.is_file():
            raise ImproperlyConfigured(
                f"The PDF font {path} is missing: install the Debian package fonts-dejavu-core "
                f"or set MAKON_PDF_FONT_DIR to a folder holding {file_name}."
            )
        pdfmetrics.registerFont(TTFont(name, str(path)))
    return REGULAR, BOLD
