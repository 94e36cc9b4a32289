"""Admin for the situation centre's reference lists. Incidents, their events and appeals are
shown read-only: they change through the services (one event per change), never by hand."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from core.admin import AuditedAdminMixin
from situation.models import (
    Appeal,
    Department,
    DepartmentRoute,
    Incident,
    IncidentEvent,
    IncidentType,
    Open311Client,
)


@admin.register(IncidentType)
class IncidentTypeAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = (
        "code",
        "name_uz",
        "name_en",
        "network",
        "default_severity",
        "sla_hours",
        "default_department",
        "is_open311",
        "is_active",
    )
    list_filter = ("is_open311", "is_active", "network")
    search_fields = ("code", "name_uz", "name_ru", "name_en")


@admin.register(Department)
class DepartmentAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("code", "name_uz", "name_en", "network", "head")
    search_fields = ("code", "name_uz", "name_ru", "name_en")
    raw_id_fields = ("head",)


@admin.register(DepartmentRoute)
class DepartmentRouteAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("incident_type", "district", "department")
    list_filter = ("incident_type",)
    raw_id_fields = ("district",)


@admin.register(Open311Client)
class Open311ClientAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """Keys are made by `manage.py open311_client_add` (only their hash is stored)."""

    list_display = ("name", "is_active", "created_at")
    fields = ("name", "is_active", "created_at")
    readonly_fields = ("created_at",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class IncidentEventInline(admin.TabularInline):
    model = IncidentEvent
    fields = ("at", "kind", "from_state", "to_state", "actor", "comment")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Incident)
class IncidentAdmin(ReadOnlyAdmin):
    list_display = (
        "number",
        "incident_type",
        "severity",
        "state",
        "district",
        "department",
        "sla_due_at",
        "escalated",
        "created_at",
    )
    list_filter = ("state", "severity", "escalated", "incident_type")
    search_fields = ("number", "address")
    exclude = ("geom",)
    inlines = (IncidentEventInline,)


@admin.register(Appeal)
class AppealAdmin(ReadOnlyAdmin):
    list_display = ("id", "category", "state", "channel", "incident", "created_at")
    list_filter = ("state", "channel", "category")
    exclude = ("geom", "client_key")
