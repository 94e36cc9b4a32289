"""The map widget loads nothing from outside Makon and draws over Makon's own districts."""

import json
import re

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.gis.db.models import GeometryField

from core.widgets import MakonMapWidget
from tests.admin.helpers import admin_url, external_assets

pytestmark = pytest.mark.django_db

GEO_MODELS = [
    model
    for label in ("citygis", "cadastre")
    for model in apps.get_app_config(label).get_models()
    if any(isinstance(f, GeometryField) and f.editable for f in model._meta.fields)
]


def test_widget_media_are_all_local():
    media = MakonMapWidget().media
    paths = [*media._js, *(p for group in media._css.values() for p in group)]
    assert "vendor/ol/ol.js" in paths
    assert "vendor/ol/ol.css" in paths
    assert [p for p in paths if "//" in p] == []


def test_widget_options_centre_on_tashkent_and_name_the_district_layer():
    html = MakonMapWidget(attrs={"geom_type": "MULTIPOLYGON"}).render("geom", None)
    options = json.loads(re.search(r'type="application/json">(.*?)</script>', html).group(1))
    assert (options["default_lon"], options["default_lat"]) == (69.28, 41.31)
    assert options["map_srid"] == 3857
    assert options["context_url"] == "/api/admin-areas/?level=district&page_size=100"
    assert options["read_only"] is False
    assert "<script>" not in html  # options travel as JSON, no inline code


@pytest.mark.parametrize("model", GEO_MODELS, ids=lambda m: m.__name__)
@pytest.mark.parametrize("view", ["add", "change"])
def test_map_pages_load_openlayers_from_makon(admin_client, register, model, view):
    # given
    args = [register.of(model).pk] if view == "change" else []
    # when
    page = admin_client.get(admin_url(model, view, *args)).content.decode()
    # then
    assert '<script src="/static/vendor/ol/ol.js">' in page
    assert 'href="/static/vendor/ol/ol.css"' in page
    assert external_assets(page) == []
    assert "openstreetmap" not in page.lower()
    assert "cdn." not in page


def test_every_geometry_admin_uses_the_makon_widget(rf, admin_user):
    request = rf.get("/")
    request.user = admin_user
    for model in GEO_MODELS:
        model_admin = admin.site._registry[model]
        form = model_admin.get_form(request, obj=None, change=False)
        assert isinstance(form.base_fields["geom"].widget, MakonMapWidget), model.__name__


def test_the_openlayers_build_is_published_as_a_static_file():
    from django.contrib.staticfiles import finders

    assert finders.find("vendor/ol/ol.js"), "run bin/makon setup to copy OpenLayers from npm"
    assert finders.find("gis/js/OLMapWidget.js")
    assert finders.find("core/js/map_widget.js")
