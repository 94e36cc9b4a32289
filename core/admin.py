"""Admin building blocks shared by the apps: maps served by Makon, versioned facts, searches.

Registered facts are never updated in place, so the versioned admin saves a change through
`core.versioning.version_replace` (the old version ends, the next one is inserted), offers
"End the current version" instead of delete, and shows ended versions read-only.
"""

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.gis.db.models import GeometryField
from django.contrib.gis.geos import GEOSGeometry
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model, Q, QuerySet
from django.forms import Media
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import smart_split

from core.exceptions import ConflictError
from core.forms import geometry_problem, restore_unmoved_vertices, storage_geometry_field
from core.versioning import Versioned, version_end, version_replace
from core.widgets import MakonMapWidget

logger = logging.getLogger(__name__)

admin.site.site_header = "Makon administration"
admin.site.site_title = "Makon"
admin.site.index_title = "Registry and city data"

# One action may end at most this many versions: a mass retirement is a change, not a click.
END_VERSION_LIMIT = 500

VERSION_FIELDS = ("uid", "version", "valid_from", "valid_until", "version_history")


def database_message(error: Exception) -> str:
    """The database's own sentence for a refused write (trigger and constraint texts)."""
    cause = error.__cause__
    diag = getattr(cause, "diag", None)
    primary = getattr(diag, "message_primary", None)
    return str(primary or error).strip()


class RegisterModelForm(forms.ModelForm):
    """Base form of Makon's admin pages.

    Refuses to save over a version that has ended since the page was opened, and keeps the exact
    stored coordinates of every vertex that came back from the map unmoved.
    """

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        instance = self.instance
        if isinstance(instance, Versioned) and instance.pk is not None and not instance.is_current:
            raise ValidationError(stale_version_message(instance), code="stale")
        for name, form_field in self.fields.items():
            if isinstance(form_field, forms.Field) and hasattr(form_field, "geom_type"):
                self._keep_unmoved_vertices(name)
        return cleaned

    def _keep_unmoved_vertices(self, name: str) -> None:
        edited = self.cleaned_data.get(name)
        stored = getattr(self.instance, name, None) if self.instance.pk is not None else None
        if not isinstance(edited, GEOSGeometry) or not isinstance(stored, GEOSGeometry):
            return
        if edited.srid != stored.srid or edited.geom_type != stored.geom_type:
            return
        restored = restore_unmoved_vertices(edited, stored)
        problem = geometry_problem(restored)
        if problem:
            self.add_error(name, problem)
        else:
            self.cleaned_data[name] = restored


def _local(moment: datetime | None) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S") if moment else ""


def stale_version_message(instance: Versioned) -> str:
    model = type(instance)
    current = model.objects.filter(uid=instance.uid, valid_until__isnull=True).first()
    when = _local(instance.valid_until)
    if current is None:
        after = "The object has no current version any more."
    else:
        after = f"Version {current.version} is the current one."
    return (
        f"Version {instance.version} of this {model._meta.verbose_name} ended at {when}: another "
        f"save changed or retired it. {after} Your changes were not saved: open the current "
        "version (listed under Versions) and make them again."
    )


class MapAdminMixin:
    """Geometry fields edited on MakonMapWidget and checked before they reach the database."""

    map_widget = MakonMapWidget

    def formfield_for_dbfield(
        self, db_field: Any, request: HttpRequest, **kwargs: Any
    ) -> forms.Field | None:
        if isinstance(db_field, GeometryField) and db_field.dim < 3:
            kwargs["widget"] = self.map_widget()
            kwargs.setdefault("label", "Geometry")
            kwargs["form_class"] = storage_geometry_field(db_field.form_class)
            return db_field.formfield(**kwargs)
        return super().formfield_for_dbfield(db_field, request, **kwargs)  # type: ignore[misc]

    @property
    def media(self) -> Media:
        # A read-only page has no geometry form field, yet shows the map.
        return super().media + self.map_widget().media  # type: ignore[misc]

    def get_fieldsets(self, request: HttpRequest, obj: Model | None = None) -> Any:
        fieldsets = super().get_fieldsets(request, obj)  # type: ignore[misc]
        if obj is None or self.has_change_permission(request, obj):  # type: ignore[attr-defined]
            return fieldsets
        # A read-only page would print the geometry as a wall of WKT: show it on a map.
        return [
            (
                title,
                {
                    **options,
                    "fields": ["geom_map" if f == "geom" else f for f in options["fields"]],
                },
            )
            for title, options in fieldsets
        ]

    def get_readonly_fields(self, request: HttpRequest, obj: Model | None = None) -> Sequence[str]:
        readonly = list(super().get_readonly_fields(request, obj))  # type: ignore[misc]
        if obj is not None and not self.has_change_permission(request, obj):  # type: ignore[attr-defined]
            readonly.append("geom_map")
        return readonly

    @admin.display(description="geometry")
    def geom_map(self, obj: Model) -> SafeString:
        """The geometry on a map that cannot be edited."""
        model_field = obj._meta.get_field("geom")
        widget = self.map_widget(attrs={"geom_type": model_field.geom_type, "disabled": True})
        return widget.render("geom_view", obj.geom, attrs={"id": "id_geom_view"})  # type: ignore[attr-defined]


@dataclass(frozen=True)
class SearchRule:
    """A search word of a recognisable shape, answered through indexed, exact lookups."""

    pattern: str
    lookups: tuple[str, ...]
    normalise: Callable[[str], str] = str.strip
    regex: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "regex", re.compile(self.pattern))

    def matches(self, word: str) -> bool:
        return self.regex.fullmatch(word) is not None

    def condition(self, word: str) -> Q:
        value = self.normalise(word)
        condition = Q()
        for lookup in self.lookups:
            condition |= Q(**{lookup: value})
        return condition


# The widest cadastral number: a prefix completed with this tail is the last number it starts.
CADASTRAL_TEMPLATE = "99:99:99:99:99:9999:9999:999"


def cadastral_prefix_range(word: str) -> tuple[str, str] | None:
    """The first and last possible numbers starting with `word`, or None if it cannot start one.

    A btree answers a range whatever the collation, while `LIKE 'prefix%'` only uses the index
    under the "C" collation (not "C.UTF-8" nor a language's). Numbers share one layout, so
    any collation orders them digit by digit.
    """
    if not 3 <= len(word) <= len(CADASTRAL_TEMPLATE) or ":" not in word:
        return None
    for char, slot in zip(word, CADASTRAL_TEMPLATE, strict=False):
        if (slot == ":") != (char == ":") or (slot != ":" and not char.isdigit()):
            return None
    return word, word + CADASTRAL_TEMPLATE[len(word) :]


@dataclass(frozen=True)
class CadastralPrefixRule(SearchRule):
    """Words like 10:01:02 find every number that starts with them, by an index range scan."""

    def matches(self, word: str) -> bool:
        return cadastral_prefix_range(word) is not None

    def condition(self, word: str) -> Q:
        first, last = cadastral_prefix_range(word) or (word, word)
        condition = Q()
        for lookup in self.lookups:
            # The range finds the index entries; startswith keeps the answer exact.
            condition |= Q(
                **{f"{lookup}__gte": first, f"{lookup}__lte": last, f"{lookup}__startswith": word}
            )
        return condition


def cadastral_prefix(*lookups: str) -> SearchRule:
    return CadastralPrefixRule(pattern="", lookups=lookups)


def pinfl(*lookups: str) -> SearchRule:
    return SearchRule(r"[0-9]{14}", lookups)


def tin(*lookups: str) -> SearchRule:
    return SearchRule(r"[0-9]{9}", lookups)


def passport(*lookups: str) -> SearchRule:
    return SearchRule(r"[A-Za-z]{2}[0-9]{7}", lookups, normalise=lambda word: word.upper())


class RuleSearchMixin:
    """Search words that look like a number (cadastral, PINFL, TIN, passport) use exact lookups;
    the other words go to `search_fields` as usual. On a million rows a `LIKE '%...%'` over
    every column would scan the table."""

    search_rules: Sequence[SearchRule] = ()

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet, search_term: str
    ) -> tuple[QuerySet, bool]:
        rest = []
        for word in smart_split(search_term):
            rule = next((rule for rule in self.search_rules if rule.matches(word)), None)
            if rule is None:
                rest.append(word)
            else:
                queryset = queryset.filter(rule.condition(word))
        if not rest:
            return queryset, False
        return super().get_search_results(request, queryset, " ".join(rest))  # type: ignore[misc]


class VersionStateFilter(admin.SimpleListFilter):
    """Current versions unless asked otherwise."""

    title = "version"
    parameter_name = "version_state"
    default = "current"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [("current", "Current"), ("ended", "Ended"), ("all", "All versions")]

    def chosen(self) -> str:
        value = self.value()
        return value if value in ("current", "ended", "all") else self.default

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        chosen = self.chosen()
        if chosen == "current":
            return queryset.filter(valid_until__isnull=True)
        if chosen == "ended":
            return queryset.filter(valid_until__isnull=False)
        return queryset

    def choices(self, changelist: Any) -> Any:
        chosen = self.chosen()
        for lookup, title in self.lookup_choices:
            yield {
                "selected": chosen == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }


def _audit_admin_change(request: HttpRequest, obj: Model, action: str, message: Any) -> None:
    # Imported here: the audit app builds on core.
    from audit.services import record

    record(
        actor=request.user,
        action=action,
        object_type=obj._meta.label,
        object_id=obj.pk,
        cadastral_number=getattr(obj, "cadastral_number", "") or "",
        request=request,
        detail={"admin": message if isinstance(message, (list, str)) else str(message)},
    )


class AuditedAdminMixin:
    """Every change made in the admin goes to the audit log too, in the change's transaction
    (Django calls these inside the atomic block of its add, change and delete views)."""

    def log_addition(self, request: HttpRequest, obj: Model, message: Any) -> Any:
        _audit_admin_change(request, obj, "create", message)
        return super().log_addition(request, obj, message)

    def log_change(self, request: HttpRequest, obj: Model, message: Any) -> Any:
        _audit_admin_change(request, obj, "change", message)
        return super().log_change(request, obj, message)

    def log_deletions(self, request: HttpRequest, queryset: QuerySet) -> Any:
        for obj in queryset:
            _audit_admin_change(request, obj, "end", f"Deleted {obj}")
        return super().log_deletions(request, queryset)


class BigTableAdmin(AuditedAdminMixin, RuleSearchMixin, admin.ModelAdmin):
    """For tables of up to millions of rows: no full counts, no facets, short pages.

    A save the database or a version service refuses comes back as a message, not a 500.
    """

    form = RegisterModelForm
    list_per_page = 50
    list_max_show_all = 200
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER
    # Autocomplete pages through the admin's own ordering; the primary key keeps it stable
    # and index-backed on big tables.
    ordering: tuple[str, ...] = ("pk",)

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ConflictError as error:
            # A version changed between the form's check and the row lock.
            messages.error(request, error.message)
        except IntegrityError as error:
            # The forms check the register's rules; this is a race they could not see.
            logger.warning("Admin save refused by the database: %s", error)
            messages.error(request, f"Not saved: {database_message(error)}")
        return HttpResponseRedirect(request.get_full_path())


class VersionedAdmin(BigTableAdmin):
    """Admin for a versioned registered fact (core.versioning.Versioned)."""

    actions = ["end_current_version"]
    version_fieldset = ("Version", {"fields": VERSION_FIELDS})

    def get_readonly_fields(self, request: HttpRequest, obj: Model | None = None) -> Sequence[str]:
        return [*VERSION_FIELDS, *super().get_readonly_fields(request, obj)]

    def get_fieldsets(self, request: HttpRequest, obj: Model | None = None) -> Any:
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is None:
            # Version 1 starts now with a new uid; there is nothing to show yet.
            return [
                (
                    title,
                    {
                        **options,
                        "fields": [f for f in options["fields"] if f not in VERSION_FIELDS],
                    },
                )
                for title, options in fieldsets
                if title != self.version_fieldset[0]
            ]
        return fieldsets

    def get_list_filter(self, request: HttpRequest) -> Sequence[Any]:
        return [VersionStateFilter, *super().get_list_filter(request)]

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False  # the database refuses it too; "End the current version" replaces it

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        # An ended version is shown read-only. A POST to one still reaches the form, so that a
        # stale edit gets a message next to what was typed rather than a bare 403.
        if isinstance(obj, Versioned) and not obj.is_current and request.method != "POST":
            return False
        return super().has_change_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if change:
            version_replace(edited=obj)
        else:
            obj.save()

    def response_change(self, request: HttpRequest, obj: Any) -> HttpResponse:
        # The change was registered as a new row: "continue editing" and the link in the
        # message, which Django builds from the request path, must lead to that row.
        request.path = reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk]
        )
        return super().response_change(request, obj)

    @admin.action(description="End the current version")
    def end_current_version(self, request: HttpRequest, queryset: QuerySet) -> None:
        selected = queryset.order_by("pk")
        current = list(selected.filter(valid_until__isnull=True)[: END_VERSION_LIMIT + 1])
        if len(current) > END_VERSION_LIMIT:
            self.message_user(
                request,
                f"Select at most {END_VERSION_LIMIT} current versions to end at once.",
                messages.ERROR,
            )
            return
        already_ended = selected.filter(valid_until__isnull=False).count()
        try:
            with transaction.atomic():
                ended = [version_end(instance=obj) for obj in current]
                for obj in ended:
                    message = f"Ended version {obj.version}."
                    _audit_admin_change(request, obj, "end", message)
                    admin.ModelAdmin.log_change(self, request, obj, message)
        except ConflictError as error:
            self.message_user(request, f"Nothing was ended: {error.message}", messages.ERROR)
            return
        if ended:
            names = ", ".join(str(obj) for obj in ended[:10]) + (" ..." if len(ended) > 10 else "")
            self.message_user(request, f"Ended {len(ended)} current version(s): {names}.")
        if already_ended:
            self.message_user(
                request,
                f"{already_ended} selected version(s) had already ended and were left as they are.",
                messages.WARNING,
            )

    @admin.display(description="Versions")
    def version_history(self, obj: Versioned) -> str:
        if obj.pk is None:
            return "-"
        versions = type(obj).objects.filter(uid=obj.uid).order_by("version")
        info = (self.opts.app_label, self.opts.model_name)
        rows = format_html_join(
            "",
            '<tr{}><td><a href="{}">{}</a></td><td>{}</td><td>{}</td><td>{}</td></tr>',
            (
                (
                    format_html(' class="{}"', "selected") if version.pk == obj.pk else "",
                    reverse("admin:{}_{}_change".format(*info), args=[version.pk]),
                    f"Version {version.version}",
                    _local(version.valid_from),
                    _local(version.valid_until),
                    "current" if version.is_current else "ended",
                )
                for version in versions.only("pk", "version", "valid_from", "valid_until")
            ),
        )
        return format_html(
            "<table><thead><tr><th>Version</th><th>Valid from</th><th>Valid until</th>"
            "<th>State</th></tr></thead><tbody>{}</tbody></table>",
            rows,
        )
