"""Admin pages for the rights register, as a registry clerk uses them.

Parcels, buildings, units, rights, restrictions and responsibilities are versioned: saving a
change registers the next version, "End the current version" retires one, nothing is deleted
(see core.admin.VersionedAdmin). The forms check the register's rules first, so a clerk reads
what is wrong instead of a database error.
"""

from fractions import Fraction
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import F, Prefetch, Q, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode

from cadastre.models import (
    Building,
    BuildingUnit,
    Parcel,
    Party,
    PartyGroup,
    PartyGroupMember,
    Property,
    PropertyComponent,
    Responsibility,
    Restriction,
    Right,
    Source,
)
from core import cadastral_number as cn
from core.admin import (
    BigTableAdmin,
    MapAdminMixin,
    RegisterModelForm,
    VersionedAdmin,
    cadastral_prefix,
    passport,
    pinfl,
    tin,
)
from core.exceptions import DomainError, InvalidInputError
from documents.content import check_upload
from gis.models import AdminArea


def _admin_url(obj: Any) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def _changelist_url(model: type, **query: str) -> str:
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    return f"{url}?{urlencode(query)}" if query else url


def _checked_number(value: str | None, level: cn.Level | None) -> str | None:
    """The canonical cadastral number, or a ValidationError that says what is wrong."""
    if value in (None, ""):
        return value
    try:
        number = cn.parse(value, level=level)
    except InvalidInputError as error:
        raise ValidationError(error.message, code="invalid") from error
    if number.region != settings.MAKON_REGION_CODE:
        raise ValidationError(
            f"{number} belongs to region {number.region}; this register keeps region "
            f"{settings.MAKON_REGION_CODE}.",
            code="other_region",
        )
    return str(number)


def _check_term(form: RegisterModelForm, cleaned: dict[str, Any]) -> None:
    term_from, term_until = cleaned.get("term_from"), cleaned.get("term_until")
    if term_from and term_until and term_until <= term_from:
        form.add_error("term_until", "The term must end after it starts.")


# --- Spatial units -----------------------------------------------------------------------------


class ParcelForm(RegisterModelForm):
    class Meta:
        model = Parcel
        fields = "__all__"
        help_texts = {"block": "Left empty, it is found from the cadastral number."}
        labels = {"geom": "Boundary"}

    def clean_cadastral_number(self) -> str | None:
        return _checked_number(self.cleaned_data.get("cadastral_number"), cn.Level.PARCEL)

    def clean_area_official_m2(self) -> Any:
        area = self.cleaned_data.get("area_official_m2")
        if area is not None and area <= 0:
            raise ValidationError("The area in the title must be more than zero.")
        return area

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        number = cleaned.get("cadastral_number")
        if not number:
            return cleaned
        block_code = ":".join(number.split(":")[:5])
        block = cleaned.get("block")
        if block is None:
            cleaned["block"] = AdminArea.objects.filter(
                level=AdminArea.Level.BLOCK, code=block_code
            ).first()
        elif block.code != block_code:
            self.add_error(
                "block",
                f"Parcel {number} lies in block {block_code}, not in {block.code}.",
            )
        duplicate = (
            Parcel.objects.current()
            .filter(cadastral_number=number)
            .exclude(uid=self.instance.uid)
            .first()
        )
        if duplicate is not None:
            self.add_error("cadastral_number", f"{number} is already registered ({duplicate}).")
        return cleaned


class AreaMismatchFilter(admin.SimpleListFilter):
    """Parcels whose computed area differs from the title's by more than MAKON_AREA_TOLERANCE."""

    title = "area check"
    parameter_name = "area_check"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        share = f"{settings.MAKON_AREA_TOLERANCE:.0%}"
        return [("differs", f"Differs from the title by more than {share}")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() != "differs":
            return queryset
        tolerance = settings.MAKON_AREA_TOLERANCE
        return queryset.filter(area_official_m2__isnull=False).filter(
            Q(area_computed_m2__gt=F("area_official_m2") * (1 + tolerance))
            | Q(area_computed_m2__lt=F("area_official_m2") * (1 - tolerance))
        )


@admin.register(Parcel)
class ParcelAdmin(MapAdminMixin, VersionedAdmin):
    form = ParcelForm
    list_display = (
        "cadastral_number",
        "version",
        "land_use",
        "area_official_m2",
        "computed_area",
        "area_check",
        "address",
        "valid_from",
        "valid_until",
    )
    list_filter = ("land_use", AreaMismatchFilter)
    search_fields = ("address",)
    search_rules = (cadastral_prefix("cadastral_number"),)
    autocomplete_fields = ("block",)
    readonly_fields = ("area_computed_m2", "area_check", "buildings")
    ordering = ("cadastral_number", "version")
    fieldsets = (
        (
            "Parcel",
            {"fields": ("cadastral_number", "land_use", "address", "block", "source_srid")},
        ),
        ("Area", {"fields": ("area_official_m2", "area_computed_m2", "area_check")}),
        ("Boundary", {"fields": ("geom",)}),
        ("On this parcel", {"fields": ("buildings",)}),
        VersionedAdmin.version_fieldset,
    )

    @admin.display(description="computed area m²", ordering="area_computed_m2")
    def computed_area(self, obj: Parcel) -> str:
        return f"{obj.area_computed_m2:,.1f}" if obj.area_computed_m2 is not None else "-"

    @admin.display(description="area check")
    def area_check(self, obj: Parcel) -> str:
        if obj.area_official_m2 is None or obj.area_computed_m2 is None:
            return ""
        difference = obj.area_computed_m2 / float(obj.area_official_m2) - 1
        if abs(difference) > settings.MAKON_AREA_TOLERANCE:
            return f"differs by {difference:+.1%}"
        return "ok"

    @admin.display(description="buildings")
    def buildings(self, obj: Parcel) -> str:
        if obj.pk is None:
            return "-"
        count = Building.objects.current().filter(parcel_number=obj.cadastral_number).count()
        return format_html(
            '<a href="{}">{} current building(s)</a>',
            _changelist_url(Building, parcel_number=obj.cadastral_number),
            count,
        )


class BuildingForm(RegisterModelForm):
    class Meta:
        model = Building
        fields = "__all__"
        labels = {"geom": "Footprint"}

    def clean_cadastral_number(self) -> str | None:
        return _checked_number(self.cleaned_data.get("cadastral_number"), cn.Level.BUILDING)

    def clean_floors(self) -> int | None:
        floors = self.cleaned_data.get("floors")
        if floors is not None and not 1 <= floors <= 150:
            raise ValidationError("A building has from 1 to 150 floors.")
        return floors

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        number = cleaned.get("cadastral_number")
        if number:
            duplicate = (
                Building.objects.current()
                .filter(cadastral_number=number)
                .exclude(uid=self.instance.uid)
                .first()
            )
            if duplicate is not None:
                self.add_error("cadastral_number", f"{number} is already registered ({duplicate}).")
        return cleaned


@admin.register(Building)
class BuildingAdmin(MapAdminMixin, VersionedAdmin):
    form = BuildingForm
    list_display = (
        "__str__",
        "cadastral_number",
        "version",
        "use",
        "floors",
        "year_built",
        "address",
        "valid_from",
        "valid_until",
    )
    list_filter = ("use",)
    search_fields = ("address",)
    search_rules = (cadastral_prefix("cadastral_number"),)
    readonly_fields = ("parcel_number", "parcel_link", "units")
    ordering = ("cadastral_number", "version")
    fieldsets = (
        (
            "Building",
            {
                "fields": (
                    "cadastral_number",
                    "use",
                    "floors",
                    "year_built",
                    "address",
                    "source_ref",
                )
            },
        ),
        ("Parcel", {"fields": ("parcel_number", "parcel_link")}),
        ("Footprint", {"fields": ("geom",)}),
        ("Units", {"fields": ("units",)}),
        VersionedAdmin.version_fieldset,
    )

    @admin.display(description="current parcel")
    def parcel_link(self, obj: Building) -> str:
        if not obj.parcel_number:
            return "-"
        parcel = Parcel.objects.current().filter(cadastral_number=obj.parcel_number).first()
        if parcel is None:
            return f"No current parcel {obj.parcel_number}"
        return format_html('<a href="{}">{}</a>', _admin_url(parcel), parcel)

    @admin.display(description="units")
    def units(self, obj: Building) -> str:
        if not obj.cadastral_number:
            return "-"
        count = BuildingUnit.objects.current().filter(building_number=obj.cadastral_number).count()
        return format_html(
            '<a href="{}">{} current unit(s)</a>',
            _changelist_url(BuildingUnit, building_number=obj.cadastral_number),
            count,
        )


class BuildingUnitForm(RegisterModelForm):
    class Meta:
        model = BuildingUnit
        fields = "__all__"

    def clean_cadastral_number(self) -> str | None:
        return _checked_number(self.cleaned_data.get("cadastral_number"), cn.Level.UNIT)

    def clean_area_m2(self) -> Any:
        area = self.cleaned_data.get("area_m2")
        if area is not None and area <= 0:
            raise ValidationError("The area must be more than zero.")
        return area

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        number = cleaned.get("cadastral_number")
        if number:
            duplicate = (
                BuildingUnit.objects.current()
                .filter(cadastral_number=number)
                .exclude(uid=self.instance.uid)
                .first()
            )
            if duplicate is not None:
                self.add_error("cadastral_number", f"{number} is already registered ({duplicate}).")
        return cleaned


@admin.register(BuildingUnit)
class BuildingUnitAdmin(VersionedAdmin):
    form = BuildingUnitForm
    list_display = (
        "cadastral_number",
        "version",
        "number",
        "floor",
        "area_m2",
        "rooms",
        "use",
        "valid_from",
        "valid_until",
    )
    list_filter = ("use",)
    search_fields = ("=number",)
    search_rules = (cadastral_prefix("cadastral_number"),)
    readonly_fields = ("building_number", "building_link")
    ordering = ("cadastral_number", "version")
    fieldsets = (
        ("Unit", {"fields": ("cadastral_number", "number", "floor", "area_m2", "rooms", "use")}),
        ("Building", {"fields": ("building_number", "building_link")}),
        VersionedAdmin.version_fieldset,
    )

    @admin.display(description="current building")
    def building_link(self, obj: BuildingUnit) -> str:
        if not obj.building_number:
            return "-"
        building = Building.objects.current().filter(cadastral_number=obj.building_number).first()
        if building is None:
            return f"No current building {obj.building_number}"
        return format_html('<a href="{}">{}</a>', _admin_url(building), building)


# --- Properties and parties --------------------------------------------------------------------

PROPERTY_LEVELS = {
    Property.Kind.LAND: cn.Level.PARCEL,
    Property.Kind.BUILDING: cn.Level.BUILDING,
    Property.Kind.UNIT: cn.Level.UNIT,
}


class PropertyForm(RegisterModelForm):
    class Meta:
        model = Property
        fields = "__all__"

    def clean_cadastral_number(self) -> str | None:
        return _checked_number(self.cleaned_data.get("cadastral_number"), None)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        number, kind = cleaned.get("cadastral_number"), cleaned.get("kind")
        level = PROPERTY_LEVELS.get(kind) if kind else None
        if number and level is not None and cn.parse(number).level != level:
            self.add_error(
                "cadastral_number",
                f"A {Property.Kind(kind).label.lower()} property has a "
                f"{level.name.lower()} number, not {number}.",
            )
        return cleaned


class PropertyComponentForm(RegisterModelForm):
    class Meta:
        model = PropertyComponent
        fields = "__all__"

    def clean_cadastral_number(self) -> str | None:
        return _checked_number(self.cleaned_data.get("cadastral_number"), None)


class PropertyComponentInline(admin.TabularInline):
    model = PropertyComponent
    form = PropertyComponentForm
    extra = 0


def _facts_table(facts: list[Any]) -> str:
    if not facts:
        return "None registered."
    return format_html(
        "<table><tbody>{}</tbody></table>",
        format_html_join(
            "",
            '<tr><td><a href="{}">{}</a></td><td>{}</td><td>{}</td></tr>',
            (
                (_admin_url(fact), fact, fact.registration_number, fact.registered_on)
                for fact in facts
            ),
        ),
    )


@admin.register(Property)
class PropertyAdmin(BigTableAdmin):
    form = PropertyForm
    list_display = ("cadastral_number", "kind", "created_at")
    list_filter = ("kind",)
    search_fields = ("cadastral_number",)
    search_rules = (cadastral_prefix("cadastral_number"),)
    readonly_fields = ("created_at", "current_rights", "current_restrictions")
    inlines = (PropertyComponentInline,)
    fieldsets = (
        (None, {"fields": ("cadastral_number", "kind", "created_at")}),
        ("Registered now", {"fields": ("current_rights", "current_restrictions")}),
    )

    @admin.display(description="rights")
    def current_rights(self, obj: Property) -> str:
        if obj.pk is None:
            return "-"
        rights = Right.objects.current().filter(property=obj)
        return _facts_table(list(rights.select_related("party", "party_group")[:50]))

    @admin.display(description="restrictions and responsibilities")
    def current_restrictions(self, obj: Property) -> str:
        if obj.pk is None:
            return "-"
        restrictions = list(Restriction.objects.current().filter(property=obj)[:50])
        duties = list(Responsibility.objects.current().filter(property=obj)[:50])
        return _facts_table(restrictions + duties)


@admin.register(PropertyComponent)
class PropertyComponentAdmin(BigTableAdmin):
    form = PropertyComponentForm
    list_display = ("cadastral_number", "property")
    list_select_related = ("property",)
    search_fields = ("cadastral_number",)
    search_rules = (cadastral_prefix("cadastral_number", "property__cadastral_number"),)
    autocomplete_fields = ("property",)


class PartyForm(RegisterModelForm):
    # Longer than the column: "AB 1234567" as typed is accepted and stored as AB1234567.
    passport = forms.CharField(
        max_length=12, required=False, help_text=Party._meta.get_field("passport").help_text
    )

    class Meta:
        model = Party
        fields = "__all__"

    def clean_pinfl(self) -> str | None:
        value = (self.cleaned_data.get("pinfl") or "").strip()
        if value and not (len(value) == 14 and value.isdigit()):
            raise ValidationError("A PINFL is 14 digits.")
        return value or None

    def clean_tin(self) -> str | None:
        value = (self.cleaned_data.get("tin") or "").strip()
        if value and not (len(value) == 9 and value.isdigit()):
            raise ValidationError("A TIN is 9 digits.")
        return value or None

    def clean_passport(self) -> str:
        value = (self.cleaned_data.get("passport") or "").strip().replace(" ", "").upper()
        if value and not (len(value) == 9 and value[:2].isalpha() and value[2:].isdigit()):
            raise ValidationError("A passport is two letters and seven digits, as in AB1234567.")
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind == Party.Kind.PERSON:
            if not cleaned.get("last_name"):
                self.add_error("last_name", "A natural person needs a last name.")
            if not cleaned.get("pinfl") and "pinfl" not in self.errors:
                self.add_error("pinfl", "A natural person needs a PINFL.")
        elif kind and not cleaned.get("organisation_name"):
            self.add_error("organisation_name", "A legal entity or state body needs its name.")
        return cleaned


@admin.register(Party)
class PartyAdmin(BigTableAdmin):
    form = PartyForm
    list_display = ("__str__", "kind", "pinfl", "tin", "passport", "birth_date")
    list_filter = ("kind",)
    search_fields = ("last_name", "first_name", "patronymic", "organisation_name")
    search_rules = (pinfl("pinfl"), tin("tin"), passport("passport"))
    fieldsets = (
        (None, {"fields": ("kind",)}),
        ("Natural person", {"fields": ("last_name", "first_name", "patronymic", "birth_date")}),
        ("Legal entity or state body", {"fields": ("organisation_name",)}),
        ("Identification", {"fields": ("pinfl", "passport", "tin", "address")}),
    )


class PartyGroupMemberForm(RegisterModelForm):
    class Meta:
        model = PartyGroupMember
        fields = "__all__"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        _check_share(self, cleaned)
        return cleaned


def _check_share(form: RegisterModelForm, cleaned: dict[str, Any]) -> Fraction | None:
    numerator, denominator = cleaned.get("share_numerator"), cleaned.get("share_denominator")
    if numerator is None or denominator is None:
        return None
    if numerator < 1 or denominator < 1 or numerator > denominator:
        form.add_error(
            "share_numerator", "A share is a fraction from above 0 up to 1, such as 1/2."
        )
        return None
    return Fraction(numerator, denominator)


class PartyGroupMemberInline(admin.TabularInline):
    model = PartyGroupMember
    form = PartyGroupMemberForm
    autocomplete_fields = ("party",)
    extra = 0


@admin.register(PartyGroup)
class PartyGroupAdmin(BigTableAdmin):
    list_display = ("name", "kind", "member_list")
    list_filter = ("kind",)
    search_fields = ("name",)
    inlines = (PartyGroupMemberInline,)

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        # Prefetched for the shown page only; a COUNT annotation would group the whole table.
        memberships = PartyGroupMember.objects.select_related("party").order_by("pk")
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("memberships", queryset=memberships))
        )

    @admin.display(description="members")
    def member_list(self, obj: PartyGroup) -> str:
        return ", ".join(
            f"{m.party} ({m.share_numerator}/{m.share_denominator})" for m in obj.memberships.all()
        )


@admin.register(PartyGroupMember)
class PartyGroupMemberAdmin(BigTableAdmin):
    form = PartyGroupMemberForm
    list_display = ("party", "group", "share_numerator", "share_denominator")
    list_select_related = ("party", "group")
    search_fields = ("group__name", "party__last_name", "party__organisation_name")
    search_rules = (pinfl("party__pinfl"), tin("party__tin"))
    autocomplete_fields = ("group", "party")


# --- Documents ---------------------------------------------------------------------------------


class SourceForm(RegisterModelForm):
    class Meta:
        model = Source
        fields = ("kind", "number", "issued_on", "issuer", "file")

    def clean_file(self) -> Any:
        """The scan must be a PDF, JPEG or PNG by its content, within the size limit."""
        upload = self.cleaned_data.get("file")
        self.checked_file = None
        if upload and "file" in self.changed_data:
            try:
                self.checked_file = check_upload(upload)
            except DomainError as error:
                raise ValidationError(error.message) from None
        return upload

    def save(self, commit: bool = True) -> Source:
        source = super().save(commit=False)
        upload = self.cleaned_data.get("file")
        if "file" in self.changed_data:
            if upload:
                checked = self.checked_file
                source.sha256 = checked.sha256
                source.size_bytes = checked.size_bytes
                source.content_type = checked.content_type
            else:
                source.sha256, source.size_bytes, source.content_type = "", None, ""
        if commit:
            source.save()
            self.save_m2m()
        return source


@admin.register(Source)
class SourceAdmin(BigTableAdmin):
    form = SourceForm
    list_display = ("number", "kind", "issued_on", "issuer", "has_file")
    list_filter = ("kind",)
    search_fields = ("number", "issuer")
    readonly_fields = ("sha256", "content_type", "size_bytes", "created_at")
    fieldsets = (
        (None, {"fields": ("kind", "number", "issued_on", "issuer")}),
        ("File", {"fields": ("file", "sha256", "content_type", "size_bytes", "created_at")}),
    )

    @admin.display(description="file", boolean=True)
    def has_file(self, obj: Source) -> bool:
        return bool(obj.file)

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        # Bulk delete would take cited documents with the rest; each one goes on its own page.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request: HttpRequest, obj: Source | None = None) -> bool:
        """Only a document no right, restriction or responsibility (any version) cites: a
        registered fact always keeps the documents it rests on."""
        if obj is not None and (
            obj.rights.exists() or obj.restrictions.exists() or obj.responsibilities.exists()
        ):
            return False
        return super().has_delete_permission(request, obj)


# --- Rights, restrictions, responsibilities ----------------------------------------------------

FACT_SEARCH_RULES = (cadastral_prefix("property__cadastral_number"),)


class RightForm(RegisterModelForm):
    class Meta:
        model = Right
        fields = "__all__"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if bool(cleaned.get("party")) == bool(cleaned.get("party_group")):
            self.add_error("party", "Choose the holder: either one party or one party group.")
        _check_term(self, cleaned)
        share = _check_share(self, cleaned)
        prop, right_type = cleaned.get("property"), cleaned.get("right_type")
        if share is not None and prop is not None and right_type and not self.errors:
            others = (
                Right.objects.current()
                .filter(property=prop, right_type=right_type)
                .exclude(uid=self.instance.uid)
                .values_list("share_numerator", "share_denominator")
            )
            held = sum((Fraction(n, d) for n, d in others), Fraction(0))
            if held + share > 1:
                label = Right.Type(right_type).label.lower()
                self.add_error(
                    "share_numerator",
                    f"The {label} shares of property {prop.cadastral_number} would sum to "
                    f"{held + share}; the other current shares already sum to {held}, so at most "
                    f"{1 - held} is left.",
                )
        return cleaned


@admin.register(Right)
class RightAdmin(VersionedAdmin):
    form = RightForm
    list_display = (
        "property",
        "right_type",
        "holder",
        "share",
        "registration_number",
        "registered_on",
        "version",
        "valid_until",
    )
    list_filter = ("right_type",)
    list_select_related = ("property", "party", "party_group")
    search_fields = ("=registration_number", "party__last_name", "party__organisation_name")
    search_rules = (*FACT_SEARCH_RULES, pinfl("party__pinfl"), tin("party__tin"))
    autocomplete_fields = ("property", "party", "party_group", "sources")
    fieldsets = (
        ("Right", {"fields": ("property", "right_type", "party", "party_group")}),
        ("Share", {"fields": ("share_numerator", "share_denominator")}),
        (
            "Registration",
            {"fields": ("registration_number", "registered_on", "term_from", "term_until")},
        ),
        ("Documents", {"fields": ("sources",)}),
        VersionedAdmin.version_fieldset,
    )

    @admin.display(description="holder")
    def holder(self, obj: Right) -> str:
        return str(obj.party or obj.party_group or "-")

    @admin.display(description="share")
    def share(self, obj: Right) -> str:
        return f"{obj.share_numerator}/{obj.share_denominator}"


class RestrictionForm(RegisterModelForm):
    class Meta:
        model = Restriction
        fields = "__all__"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        _check_term(self, cleaned)
        if cleaned.get("restriction_type") != Restriction.Type.MORTGAGE:
            return cleaned
        if not cleaned.get("beneficiary"):
            self.add_error("beneficiary", "A mortgage names the bank it secures.")
        amount = cleaned.get("amount")
        if amount is None or amount <= 0:
            self.add_error("amount", "A mortgage secures a sum above zero.")
        rank, prop = cleaned.get("rank"), cleaned.get("property")
        if rank is None or rank < 1:
            self.add_error("rank", "A mortgage has a rank: 1 for the first, 2 for the next, ...")
        elif prop is not None:
            taken = (
                Restriction.objects.current()
                .filter(property=prop, restriction_type=Restriction.Type.MORTGAGE, rank=rank)
                .exclude(uid=self.instance.uid)
                .first()
            )
            if taken is not None:
                self.add_error(
                    "rank",
                    f"Property {prop.cadastral_number} already has a mortgage of rank {rank} "
                    f"({taken.registration_number}).",
                )
        return cleaned


@admin.register(Restriction)
class RestrictionAdmin(VersionedAdmin):
    form = RestrictionForm
    list_display = (
        "property",
        "restriction_type",
        "beneficiary",
        "amount",
        "rank",
        "registration_number",
        "registered_on",
        "version",
        "valid_until",
    )
    list_filter = ("restriction_type",)
    list_select_related = ("property", "beneficiary")
    search_fields = ("=registration_number", "beneficiary__organisation_name")
    search_rules = (*FACT_SEARCH_RULES, tin("beneficiary__tin"))
    autocomplete_fields = ("property", "beneficiary", "sources")
    fieldsets = (
        ("Restriction", {"fields": ("property", "restriction_type", "beneficiary", "description")}),
        ("Mortgage", {"fields": ("amount", "rank")}),
        (
            "Registration",
            {"fields": ("registration_number", "registered_on", "term_from", "term_until")},
        ),
        ("Documents", {"fields": ("sources",)}),
        VersionedAdmin.version_fieldset,
    )


class ResponsibilityForm(RegisterModelForm):
    class Meta:
        model = Responsibility
        fields = "__all__"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        _check_term(self, cleaned)
        return cleaned


@admin.register(Responsibility)
class ResponsibilityAdmin(VersionedAdmin):
    form = ResponsibilityForm
    list_display = (
        "property",
        "responsibility_type",
        "party",
        "registration_number",
        "registered_on",
        "version",
        "valid_until",
    )
    list_filter = ("responsibility_type",)
    list_select_related = ("property", "party")
    search_fields = ("=registration_number", "party__last_name", "party__organisation_name")
    search_rules = (*FACT_SEARCH_RULES, pinfl("party__pinfl"), tin("party__tin"))
    autocomplete_fields = ("property", "party", "sources")
    fieldsets = (
        (
            "Responsibility",
            {"fields": ("property", "responsibility_type", "party", "description")},
        ),
        (
            "Registration",
            {"fields": ("registration_number", "registered_on", "term_from", "term_until")},
        ),
        ("Documents", {"fields": ("sources",)}),
        VersionedAdmin.version_fieldset,
    )
