"""The audit log in the admin: read-only, nothing can be added, changed or deleted."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from accounts.roles import has_role
from audit.models import AuditEntry
from audit.selectors import LOG_READERS


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("id", "at", "actor_username", "action", "object_type", "cadastral_number", "ip")
    list_filter = ("action", "object_type")
    search_fields = ("actor_username", "cadastral_number", "object_id", "purpose")
    date_hierarchy = "at"
    show_full_result_count = False
    readonly_fields = [field.name for field in AuditEntry._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.is_staff and has_role(request.user, *LOG_READERS)
