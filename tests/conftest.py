import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def english():
    """The test starts in English and leaves no language behind (LocaleMiddleware activates
    the request's language on the thread and never deactivates it)."""
    translation.activate("en")
    yield
    translation.deactivate()
