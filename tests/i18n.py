"""Shared checks of the committed gettext catalogues and of the config a page embeds."""

import gettext
import json
import re
from pathlib import Path

from django.conf import settings


def _unescape(text: str) -> str:
    return text.encode().decode("unicode_escape").encode("latin-1").decode()


def po_messages(path: Path) -> dict[tuple[str | None, str], str]:
    """(context, msgid) -> msgstr of a catalogue's singular entries, continuation lines
    joined; the header (empty msgid) left out."""
    messages: dict[tuple[str | None, str], str] = {}
    entry: dict[str, str] = {}
    key = None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("msgctxt "):
            entry, key = {"msgctxt": line[9:-1]}, "msgctxt"
        elif line.startswith("msgid "):
            entry, key = {**entry, "msgid": line[7:-1]}, "msgid"
        elif line.startswith("msgid_plural"):
            entry["plural"], key = "yes", None
        elif line.startswith("msgstr "):
            entry["msgstr"], key = line[8:-1], "msgstr"
        elif line.startswith("msgstr["):
            key = None
        elif line.startswith('"') and key:
            entry[key] += line[1:-1]
        elif not line:
            if entry.get("msgid") and "plural" not in entry:
                context = _unescape(entry["msgctxt"]) if "msgctxt" in entry else None
                messages[context, _unescape(entry["msgid"])] = _unescape(entry.get("msgstr", ""))
            entry, key = {}, None
    return messages


def assert_catalogue_complete(app: str, language: str) -> None:
    """Every message of `app`'s .po in `language` is translated, and its .mo says the same
    (a .mo left behind its .po fails here: the compiled catalogues are committed)."""
    folder = Path(settings.BASE_DIR) / app / "locale" / language / "LC_MESSAGES"
    messages = po_messages(folder / "django.po")
    assert messages
    assert [m for m, text in messages.items() if not text] == []
    with (folder / "django.mo").open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    stale = [
        (context, msgid)
        for (context, msgid), text in messages.items()
        if (catalogue.pgettext(context, msgid) if context else catalogue.gettext(msgid)) != text
    ]
    assert stale == [], f"{app}/{language}: django.mo is behind django.po; run compilemessages"


def config_of(response, element_id: str) -> dict:
    """The JSON a page embeds in <script id=element_id type=application/json>."""
    match = re.search(
        rf'<script id="{element_id}" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.DOTALL,
    )
    assert match, f"the page carries #{element_id}"
    return json.loads(match.group(1))
