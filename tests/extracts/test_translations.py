"""Extracts print in uz, ru and en: every code has a name, every message a translation."""

import gettext
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from cadastre.models import (
    Building,
    BuildingUnit,
    LandUse,
    Property,
    Responsibility,
    Restriction,
    Right,
    Source,
)
from extracts import labels

APPS = ("extracts", "documents")
LANGUAGES = ("uz", "ru")


@pytest.mark.parametrize(
    ("table", "choices"),
    [
        (labels.PROPERTY_KINDS, Property.Kind),
        (labels.LAND_USES, LandUse),
        (labels.BUILDING_USES, Building.Use),
        (labels.UNIT_USES, BuildingUnit.Use),
        (labels.RIGHT_TYPES, Right.Type),
        (labels.RESTRICTION_TYPES, Restriction.Type),
        (labels.RESPONSIBILITY_TYPES, Responsibility.Type),
        (labels.SOURCE_KINDS, Source.Kind),
    ],
)
def test_every_register_code_has_a_printed_name(table, choices):
    assert set(table) == set(choices.values)


def _unescape(text: str) -> str:
    return text.encode().decode("unicode_escape").encode("latin-1").decode()


def _po_messages(path: Path) -> dict[str, str]:
    """msgid -> msgstr of a catalogue's singular entries, continuation lines joined."""
    messages: dict[str, str] = {}
    entry: dict[str, str] = {}
    key = None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("msgid "):
            entry, key = {"msgid": line[7:-1]}, "msgid"
        elif line.startswith("msgid_plural"):
            entry["plural"], key = "yes", None
        elif line.startswith("msgstr "):
            entry["msgstr"], key = line[8:-1], "msgstr"
        elif line.startswith("msgstr["):
            key = None
        elif line.startswith('"') and key:
            entry[key] += line[1:-1]
        elif not line and entry.get("msgid") and "plural" not in entry:
            messages[_unescape(entry["msgid"])] = _unescape(entry.get("msgstr", ""))
            entry = {}
    return messages


@pytest.mark.parametrize("app", APPS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_and_compiled(app, language):
    folder = Path(settings.BASE_DIR) / app / "locale" / language / "LC_MESSAGES"
    messages = _po_messages(folder / "django.po")
    assert messages
    assert [m for m, text in messages.items() if not text] == []
    with (folder / "django.mo").open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    stale = [m for m, text in messages.items() if catalogue.gettext(m) != text]
    assert stale == [], f"{app}/{language}: django.mo is behind django.po; run compilemessages"


@pytest.mark.parametrize(
    ("language", "text"),
    [("uz", "Mulk huquqi"), ("ru", "Право собственности"), ("en", "Ownership")],
)
def test_labels_follow_the_active_language(language, text):
    with translation.override(language):
        assert labels.label(labels.RIGHT_TYPES, "ownership") == text
    assert labels.label(labels.RIGHT_TYPES, "unknown_code") == "unknown_code"
