"""Extracts in the admin: to look up, never to edit. Issuing and revoking go through services
(the revoke form is on each extract's verification page), so every change is audited."""

from django.contrib import admin
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from extracts.models import Extract, ExtractOrder


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Extract)
class ExtractAdmin(ReadOnlyAdmin):
    list_display = (
        "number",
        "cadastral_number",
        "language",
        "issued_at",
        "valid_until",
        "revoked_at",
    )
    list_filter = ("language", ("revoked_at", admin.EmptyFieldListFilter))
    search_fields = ("=number", "=code", "=cadastral_number")
    date_hierarchy = "issued_at"
    exclude = ("pdf",)
    readonly_fields = ("verification_page",)

    @admin.display(description="verification page")
    def verification_page(self, extract: Extract) -> str:
        url = reverse("extracts:verify", args=[extract.code])
        return format_html('<a href="{}">{}</a>', url, url)


@admin.register(ExtractOrder)
class ExtractOrderAdmin(ReadOnlyAdmin):
    list_display = ("pk", "property", "orderer", "state", "fee_soum", "ordered_at")
    list_filter = ("state",)
    list_select_related = ("property", "orderer")
    search_fields = ("=property__cadastral_number",)
