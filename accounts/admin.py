"""Admin for people: roles (with districts) and the national ID on the user page.

Role changes made here are written to the audit log: an administrator must not be able to
grant themselves or anyone a role without a trace.
"""

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.forms import BaseInlineFormSet, ModelForm
from django.http import HttpRequest

from accounts.models import LoginFailure, Profile, RoleGrant
from accounts.roles import forget_cached_roles
from accounts.services import profile_set_national_id
from audit.models import Action
from audit.services import record


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False
    fields = ("national_id", "party", "oidc_subject")
    readonly_fields = ("party", "oidc_subject")
    verbose_name_plural = "national ID and party"


class RoleGrantInline(admin.TabularInline):
    model = RoleGrant
    extra = 0
    fields = ("role", "districts", "granted_at")
    readonly_fields = ("granted_at",)
    filter_horizontal = ("districts",)


def _grants_of(user: User) -> dict[str, list[int]]:
    return {
        grant.role: sorted(d.pk for d in grant.districts.all())
        for grant in RoleGrant.objects.filter(user=user).prefetch_related("districts")
    }


admin.site.unregister(User)


@admin.register(User)
class MakonUserAdmin(UserAdmin):
    inlines = [ProfileInline, RoleGrantInline]
    list_display = ("username", "first_name", "last_name", "is_active", "is_staff", "roles")

    @admin.display(description="roles")
    def roles(self, user: User) -> str:
        return ", ".join(sorted(g.role for g in user.role_grants.all()))

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        return super().get_queryset(request).prefetch_related("role_grants")

    def save_related(
        self, request: HttpRequest, form: ModelForm, formsets: list[BaseInlineFormSet], change: bool
    ) -> None:
        user = form.instance
        before = _grants_of(user) if change else {}
        super().save_related(request, form, formsets, change)
        profile = Profile.objects.filter(user=user).first()
        if profile is not None:
            # Re-link by the national ID that may just have been typed in.
            profile_set_national_id(user=user, national_id=profile.national_id)
        after = _grants_of(user)
        forget_cached_roles(user)
        if before != after:
            record(
                actor=request.user,
                action=Action.ROLE_CHANGE,
                object_type="user",
                object_id=user.pk,
                request=request,
                detail={"username": user.username, "before": before, "after": after},
            )


@admin.register(LoginFailure)
class LoginFailureAdmin(admin.ModelAdmin):
    """Failed sign-ins; deleting a username's rows lifts its lockout at once."""

    list_display = ("at", "username", "ip")
    search_fields = ("username", "ip")
    list_filter = ("at",)
    readonly_fields = ("at", "username", "ip")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
