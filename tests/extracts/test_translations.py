"""Extracts print in uz, ru and en: every code has a name, every message a translation."""

import pytest
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
from tests.i18n import assert_catalogue_complete

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


@pytest.mark.parametrize("app", APPS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_and_compiled(app, language):
    assert_catalogue_complete(app, language)


@pytest.mark.parametrize(
    ("language", "text"),
    [("uz", "Mulk huquqi"), ("ru", "Право собственности"), ("en", "Ownership")],
)
def test_labels_follow_the_active_language(language, text):
    with translation.override(language):
        assert labels.label(labels.RIGHT_TYPES, "ownership") == text
    assert labels.label(labels.RIGHT_TYPES, "unknown_code") == "unknown_code"
