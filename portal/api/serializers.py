"""Output of the citizen's and the notary's APIs (plain JSON; geometry as GeoJSON, EPSG:4326)."""

from typing import Any

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from audit.models import Action
from core.params import MAX_DATABASE_ID
from core.serializers import GeoJsonTextField
from portal.lookup import NO_PENDING_REGISTER
from portal.shares import Share


def document_url(source_pk: int) -> str:
    """Where the document's record and file are served (the documents app)."""
    return reverse("documents:view", args=[source_pk])


@extend_schema_field(
    {
        "type": "object",
        "properties": {
            "fraction": {"type": "string", "example": "1/6"},
            "percent": {"type": "string", "example": "16.67"},
        },
    }
)
class ShareField(serializers.Field):
    """An exact share as its reduced fraction and, for reading, a percent with two decimals."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value: Share) -> dict[str, str]:
        return {"fraction": value.text, "percent": value.percent}


class SourceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    number = serializers.CharField()
    issued_on = serializers.DateField()
    issuer = serializers.CharField()
    has_file = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    def get_has_file(self, source: Any) -> bool:
        return bool(source.file)

    def get_url(self, source: Any) -> str:
        return document_url(source.pk)


class _FactSerializer(serializers.Serializer):
    registration_number = serializers.CharField()
    registered_on = serializers.DateField()
    term_from = serializers.DateField(allow_null=True)
    term_until = serializers.DateField(allow_null=True)
    valid_from = serializers.DateTimeField()
    sources = SourceSerializer(many=True, source="sources.all")


class RestrictionSerializer(_FactSerializer):
    type = serializers.CharField(source="restriction_type")
    type_label = serializers.CharField(source="get_restriction_type_display")
    beneficiary = serializers.SerializerMethodField()
    amount = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    rank = serializers.IntegerField(allow_null=True)
    description = serializers.CharField()

    def get_beneficiary(self, restriction: Any) -> str | None:
        return restriction.beneficiary.display_name if restriction.beneficiary_id else None


class ResponsibilitySerializer(_FactSerializer):
    type = serializers.CharField(source="responsibility_type")
    type_label = serializers.CharField(source="get_responsibility_type_display")
    description = serializers.CharField()


class MapObjectSerializer(serializers.Serializer):
    kind = serializers.CharField()
    cadastral_number = serializers.CharField()
    address = serializers.CharField()
    geometry = GeoJsonTextField(source="geometry_geojson", allow_null=True)
    detail = serializers.DictField()


# --- "My property" ------------------------------------------------------------------------------


class MyRightSerializer(serializers.Serializer):
    type = serializers.CharField(source="right.right_type")
    type_label = serializers.CharField(source="right.get_right_type_display")
    registration_number = serializers.CharField(source="right.registration_number")
    registered_on = serializers.DateField(source="right.registered_on")
    valid_from = serializers.DateTimeField(source="right.valid_from")
    holders = serializers.ListField(child=serializers.CharField(), source="holder_names")
    share = ShareField(help_text="The right's share of the property.")
    my_share = ShareField(allow_null=True, help_text="My part of the property through it.")
    sources = SourceSerializer(many=True, source="right.sources.all")

    def to_representation(self, instance: Any) -> dict[str, Any]:
        data = super().to_representation(instance)
        if instance.my_share is None:
            data["my_share"] = None
        return data


class MyPropertySerializer(serializers.Serializer):
    cadastral_number = serializers.CharField(source="property.cadastral_number")
    kind = serializers.CharField(source="property.kind")
    kind_label = serializers.CharField(source="property.get_kind_display")
    address = serializers.CharField()
    my_shares = serializers.SerializerMethodField()
    co_holders = serializers.ListField(child=serializers.CharField())
    rights = MyRightSerializer(many=True)
    encumbrances = RestrictionSerializer(many=True, source="restrictions")
    responsibilities = ResponsibilitySerializer(many=True)
    objects = MapObjectSerializer(many=True)

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_my_shares(self, held: Any) -> dict[str, dict[str, str]]:
        """Right type -> my total share of the property through rights of that type."""
        return {kind: ShareField().to_representation(s) for kind, s in held.my_shares.items()}


class HistoryEntrySerializer(serializers.Serializer):
    kind = serializers.CharField()
    type = serializers.CharField()
    type_label = serializers.CharField()
    cadastral_number = serializers.CharField()
    registration_number = serializers.CharField()
    version = serializers.IntegerField()
    valid_from = serializers.DateTimeField()
    valid_until = serializers.DateTimeField(allow_null=True)
    holders = serializers.ListField(child=serializers.CharField(), source="holder_names")
    share = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_share(self, entry: Any) -> dict[str, str] | None:
        return None if entry.share is None else ShareField().to_representation(entry.share)


class AuditEntrySerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    who = serializers.SerializerMethodField()
    is_me = serializers.SerializerMethodField()
    action = serializers.CharField()
    action_label = serializers.SerializerMethodField()
    cadastral_number = serializers.CharField()
    purpose = serializers.CharField()

    def get_action_label(self, entry: Any) -> str:
        return str(dict(Action.choices).get(entry.action, entry.action))

    def get_who(self, entry: Any) -> str:
        return entry.actor_username or "anonymous"

    def get_is_me(self, entry: Any) -> bool:
        user = self.context.get("user")
        return user is not None and entry.actor_id == user.pk


class MyPropertyDetailSerializer(serializers.Serializer):
    property = MyPropertySerializer(source="held")
    history = HistoryEntrySerializer(many=True)
    audit = AuditEntrySerializer(many=True, source="audit_entries")


class NotificationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    cadastral_number = serializers.CharField(source="property.cadastral_number")
    text = serializers.CharField()
    created_at = serializers.DateTimeField()
    read_at = serializers.DateTimeField(allow_null=True)


class NotificationsReadInputSerializer(serializers.Serializer):
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_DATABASE_ID),
        required=False,
        max_length=1000,
        help_text="Notifications to mark read; leave out to mark all of mine read.",
    )


# --- Notary look-up ----------------------------------------------------------------------------


class HolderSerializer(serializers.Serializer):
    name = serializers.CharField()
    kind = serializers.CharField()
    national_id = serializers.CharField(help_text="PINFL of a person, TIN of an entity.")
    share = ShareField()


class LookupRightSerializer(serializers.Serializer):
    type = serializers.CharField(source="right.right_type")
    type_label = serializers.CharField(source="right.get_right_type_display")
    registration_number = serializers.CharField(source="right.registration_number")
    registered_on = serializers.DateField(source="right.registered_on")
    valid_from = serializers.DateTimeField(source="right.valid_from")
    share = ShareField()
    holders = HolderSerializer(many=True)
    sources = SourceSerializer(many=True, source="right.sources.all")


class LookupPropertySerializer(serializers.Serializer):
    cadastral_number = serializers.CharField(source="property.cadastral_number")
    kind = serializers.CharField(source="property.kind")
    rights = LookupRightSerializer(many=True)
    encumbrances = RestrictionSerializer(many=True, source="restrictions")
    responsibilities = ResponsibilitySerializer(many=True)


class BlockerSerializer(serializers.Serializer):
    cadastral_number = serializers.CharField()
    type = serializers.CharField(source="restriction.restriction_type")
    registration_number = serializers.CharField(source="restriction.registration_number")
    reason = serializers.CharField()


class LookupSerializer(serializers.Serializer):
    cadastral_number = serializers.CharField(source="asked")
    purpose = serializers.CharField()
    as_of = serializers.DateField(allow_null=True)
    moment = serializers.DateTimeField(source="state.moment")
    parcel = serializers.SerializerMethodField()
    properties = LookupPropertySerializer(many=True)
    blockers = BlockerSerializer(many=True)
    pending_changes = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_parcel(self, result: Any) -> dict[str, Any]:
        parcel = result.state.parcel
        return {
            "cadastral_number": parcel.cadastral_number,
            "address": parcel.address,
            "land_use": parcel.land_use,
            "version": parcel.version,
            "valid_from": serializers.DateTimeField().to_representation(parcel.valid_from),
            "buildings": [b.cadastral_number for b in result.state.buildings],
            "units": [u.cadastral_number for u in result.state.units],
        }

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_pending_changes(self, result: Any) -> dict[str, Any]:
        return {"checked": False, "note": NO_PENDING_REGISTER}
