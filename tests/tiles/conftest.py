import pytest
from django.test import Client


@pytest.fixture
def client() -> Client:
    return Client()


@pytest.fixture(autouse=True)
def _tile_cache_on(settings):
    settings.MAKON_TILE_CACHE = True
