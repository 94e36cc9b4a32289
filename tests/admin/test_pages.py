"""Every registered model's pages answer, and the index lists them all."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from cadastre.models import PartyGroup

pytestmark = pytest.mark.django_db

APP_LABELS = ("citygis", "cadastre")
MODELS = [model for label in APP_LABELS for model in apps.get_app_config(label).get_models()]


def url(model: type, view: str, *args: object) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_every_model_of_both_apps_is_registered():
    assert {m for m in MODELS if not admin.site.is_registered(m)} == set()


def test_the_index_lists_every_model(admin_client):
    # when
    response = admin_client.get(reverse("admin:index"))
    # then
    assert response.status_code == 200
    page = response.content.decode()
    missing = [m.__name__ for m in MODELS if url(m, "changelist") not in page]
    assert missing == []


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_changelist_add_and_change_pages_answer(admin_client, register, model):
    # given
    obj = register.of(model)
    # when
    pages = {
        "changelist": admin_client.get(url(model, "changelist")),
        "add": admin_client.get(url(model, "add")),
        "change": admin_client.get(url(model, "change", obj.pk)),
    }
    # then
    assert {name: page.status_code for name, page in pages.items()} == dict.fromkeys(pages, 200)
    assert url(model, "change", obj.pk) in pages["changelist"].content.decode()


def test_party_groups_list_their_members_with_shares(admin_client, register):
    page = admin_client.get(url(PartyGroup, "changelist")).content.decode()
    assert f"{register.person} (1/1)" in page
