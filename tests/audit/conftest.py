import pytest
from django.conf import settings
from django.utils import translation


@pytest.fixture(autouse=True)
def _site_language_after_each_test():
    """Requests with a language cookie leave that language active in the thread; reset it, so
    later tests that render text outside a request meet the site's default language."""
    yield
    translation.activate(settings.LANGUAGE_CODE)
