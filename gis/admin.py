"""Admin pages for the city's spatial reference data: areas, networks, cameras."""

import re
from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from core.admin import BigTableAdmin, MapAdminMixin, RegisterModelForm, SearchRule
from gis.models import AdminArea, Camera, InfrastructureNode, InfrastructureSegment

# Levels from the top down; an area's parent is always of a higher level.
LEVEL_ORDER = [level.value for level in AdminArea.Level]
BLOCK_CODE = re.compile(r"[0-9]{2}(:[0-9]{2}){4}")


class AdminAreaForm(RegisterModelForm):
    class Meta:
        model = AdminArea
        fields = "__all__"
        labels = {"geom": "Boundary"}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        level, parent, code = cleaned.get("level"), cleaned.get("parent"), cleaned.get("code")
        if level == AdminArea.Level.CITY and parent is not None:
            self.add_error("parent", "A city is the top level and has no parent area.")
        if level and level != AdminArea.Level.CITY:
            if parent is None:
                self.add_error("parent", "Choose the area this one lies in.")
            elif LEVEL_ORDER.index(parent.level) >= LEVEL_ORDER.index(level):
                self.add_error(
                    "parent",
                    f"A {AdminArea.Level(level).label.lower()} lies in an area of a higher level, "
                    f"not in a {parent.get_level_display().lower()}.",
                )
            elif self.instance.pk is not None and parent.pk == self.instance.pk:
                self.add_error("parent", "An area cannot lie in itself.")
        if level == AdminArea.Level.BLOCK and code and not BLOCK_CODE.fullmatch(code):
            self.add_error(
                "code",
                "A cadastral block's code is the first five groups of its parcels' cadastral "
                "numbers, as in 10:01:02:03:04.",
            )
        return cleaned


@admin.register(AdminArea)
class AdminAreaAdmin(MapAdminMixin, BigTableAdmin):
    form = AdminAreaForm
    list_display = ("code", "name_uz", "name_ru", "level", "parent")
    list_display_links = ("code", "name_uz")
    list_filter = ("level",)
    list_select_related = ("parent",)
    search_fields = ("name_uz", "name_ru", "name_en")
    search_rules = (SearchRule(r"[0-9]{2}[0-9:]*", ("code__startswith",)),)
    autocomplete_fields = ("parent",)
    fieldsets = (
        (None, {"fields": ("level", "code", "name_uz", "name_ru", "name_en", "parent")}),
        ("Boundary", {"fields": ("geom",)}),
        ("Source", {"fields": ("source_ref",), "classes": ("collapse",)}),
    )


@admin.register(InfrastructureSegment)
class InfrastructureSegmentAdmin(MapAdminMixin, BigTableAdmin):
    list_display = ("id", "network", "name", "status", "owner_body", "diameter_mm", "material")
    list_filter = ("network", "status")
    search_fields = ("name", "owner_body", "=source_ref")
    fieldsets = (
        (None, {"fields": ("network", "name", "owner_body", "status")}),
        ("Construction", {"fields": ("diameter_mm", "material")}),
        ("Route", {"fields": ("geom",)}),
        ("Source", {"fields": ("source_ref",), "classes": ("collapse",)}),
    )


@admin.register(InfrastructureNode)
class InfrastructureNodeAdmin(MapAdminMixin, BigTableAdmin):
    list_display = ("id", "kind", "network", "status", "source_ref")
    list_filter = ("network", "kind", "status")
    search_fields = ("=source_ref",)
    fieldsets = (
        (None, {"fields": ("network", "kind", "status")}),
        ("Location", {"fields": ("geom",)}),
        ("Source", {"fields": ("source_ref",), "classes": ("collapse",)}),
    )


class CameraForm(RegisterModelForm):
    direction_deg = forms.FloatField(
        required=False,
        min_value=0,
        max_value=359.999,
        help_text=Camera._meta.get_field("direction_deg").help_text,
    )
    field_of_view_deg = forms.FloatField(
        required=False,
        min_value=0.001,
        max_value=360,
        help_text=Camera._meta.get_field("field_of_view_deg").help_text,
    )
    range_m = forms.FloatField(
        required=False,
        min_value=0.001,
        max_value=5000,
        help_text="How far it usefully sees, up to 5000 m.",
    )

    class Meta:
        model = Camera
        fields = "__all__"

    def clean_direction_deg(self) -> float | None:
        value = self.cleaned_data.get("direction_deg")
        if value is not None and not 0 <= value < 360:
            raise ValidationError("A bearing is from 0 up to, not including, 360 degrees.")
        return value


@admin.register(Camera)
class CameraAdmin(MapAdminMixin, BigTableAdmin):
    form = CameraForm
    list_display = ("__str__", "kind", "status", "direction_deg", "field_of_view_deg", "range_m")
    list_filter = ("kind", "status")
    search_fields = ("name", "=source_ref")
    fieldsets = (
        (None, {"fields": ("name", "kind", "status")}),
        ("View", {"fields": ("direction_deg", "field_of_view_deg", "range_m")}),
        ("Location", {"fields": ("geom",)}),
        ("Stream and source", {"fields": ("stream_ref", "source_ref"), "classes": ("collapse",)}),
    )
