"""Every app with a catalogue: each message translated into Uzbek and Russian, and the compiled
.mo (committed, so a fresh clone shows the translations) in step with its .po."""

from pathlib import Path

import pytest

from tests.i18n import assert_catalogue_complete

ROOT = Path(__file__).resolve().parent.parent
APPS = sorted(
    path.parent.name for path in ROOT.glob("*/locale") if (path.parent / "apps.py").exists()
)


def test_the_apps_people_read_have_catalogues():
    assert {"accounts", "citymap", "extracts", "portal", "situation"} <= set(APPS)


@pytest.mark.parametrize("app", APPS)
@pytest.mark.parametrize("language", ["uz", "ru"])
def test_every_message_is_translated_and_compiled(app, language):
    assert_catalogue_complete(app, language)
