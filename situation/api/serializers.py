"""Input and output shapes of the operator incident API and the citizen appeal API."""

from datetime import timedelta
from typing import Any

from django.urls import reverse
from rest_framework import serializers
from rest_framework_gis.serializers import GeoFeatureModelSerializer

from core.serializers import FeatureListSerializer, GeoJsonTextField
from situation import conf, workflow
from situation.api.fields import GeoJsonGeometryField
from situation.models import (
    Appeal,
    Department,
    Incident,
    IncidentEvent,
    IncidentType,
    Photo,
    ResolutionCode,
    Severity,
    State,
)


def photo_url(photo: Photo) -> str:
    return reverse("situation:photo", kwargs={"token": photo.token})


def _lonlat(geom: Any) -> tuple[float, float]:
    point = geom.transform(4326, clone=True)
    return round(point.x, 8), round(point.y, 8)


class IncidentTypeSerializer(serializers.ModelSerializer):
    class Meta:
        model = IncidentType
        fields = (
            "code",
            "name_uz",
            "name_ru",
            "name_en",
            "group",
            "network",
            "default_severity",
            "sla_hours",
            "is_open311",
        )
        read_only_fields = fields


class IncidentFeatureSerializer(GeoFeatureModelSerializer):
    """An incident for the operator map and list (GeoJSON Feature, EPSG:4326)."""

    geom = GeoJsonTextField(source="geometry_geojson")
    type = serializers.CharField(source="incident_type.code", read_only=True)
    type_name = serializers.CharField(source="incident_type.__str__", read_only=True)
    district_id = serializers.IntegerField(read_only=True, allow_null=True)
    district_name = serializers.CharField(
        source="district.name_uz", read_only=True, allow_null=True, default=None
    )
    department_id = serializers.IntegerField(read_only=True, allow_null=True)
    department_name = serializers.CharField(
        source="department.__str__", read_only=True, allow_null=True, default=None
    )
    overdue = serializers.BooleanField(source="is_overdue", read_only=True)
    needs_escalation = serializers.BooleanField(read_only=True)

    class Meta:
        model = Incident
        geo_field = "geom"
        list_serializer_class = FeatureListSerializer
        fields = (
            "id",
            "number",
            "type",
            "type_name",
            "severity",
            "state",
            "address",
            "district_id",
            "district_name",
            "department_id",
            "department_name",
            "sla_due_at",
            "overdue",
            "escalated",
            "needs_escalation",
            "resolution_code",
            "resolved_at",
            "created_at",
            "updated_at",
        )
        read_only_fields = fields


class IncidentDetailSerializer(IncidentFeatureSerializer):
    """One incident with what the operator needs to act on it."""

    allowed_transitions = serializers.SerializerMethodField()
    duplicate_of = serializers.CharField(
        source="duplicate_of.number", read_only=True, allow_null=True, default=None
    )
    appeals = serializers.SerializerMethodField()
    photos = serializers.SerializerMethodField()

    class Meta(IncidentFeatureSerializer.Meta):
        fields = (
            *IncidentFeatureSerializer.Meta.fields,
            "description",
            "sla_paused_seconds",
            "on_hold_since",
            "escalated_at",
            "duplicate_of",
            "allowed_transitions",
            "appeals",
            "photos",
        )
        read_only_fields = fields

    def get_allowed_transitions(self, incident: Incident) -> list[str]:
        return workflow.allowed_targets(incident.state)

    def get_appeals(self, incident: Incident) -> list[dict[str, Any]]:
        return [
            {"id": appeal.pk, "state": appeal.state, "created_at": appeal.created_at}
            for appeal in incident.appeals.order_by("id")
        ]

    def get_photos(self, incident: Incident) -> list[str]:
        own = list(incident.photos.all())
        of_appeals = list(Photo.objects.filter(appeal__incident=incident).order_by("id"))
        return [photo_url(photo) for photo in own + of_appeals]


class IncidentEventSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.username", read_only=True, default=None)

    class Meta:
        model = IncidentEvent
        fields = (
            "id",
            "incident_id",
            "at",
            "actor",
            "kind",
            "from_state",
            "to_state",
            "comment",
            "data",
        )
        read_only_fields = fields


class IncidentCreateSerializer(serializers.Serializer):
    type = serializers.SlugRelatedField(
        slug_field="code",
        queryset=IncidentType.objects.filter(is_active=True),
        help_text="Incident type code from the catalogue.",
    )
    geometry = GeoJsonGeometryField(
        help_text="GeoJSON Point, LineString or Polygon in EPSG:4326 (longitude first)."
    )
    severity = serializers.ChoiceField(choices=Severity.choices, required=False)
    address = serializers.CharField(max_length=300, required=False, allow_blank=True)
    description = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    department = serializers.PrimaryKeyRelatedField(
        queryset=Department.objects.all(),
        required=False,
        help_text="Department id; routed from type and district when omitted.",
    )


class IncidentUpdateSerializer(serializers.Serializer):
    severity = serializers.ChoiceField(choices=Severity.choices, required=False)
    address = serializers.CharField(max_length=300, required=False, allow_blank=True)
    description = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    department = serializers.PrimaryKeyRelatedField(
        queryset=Department.objects.all(), required=False
    )
    comment = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class TransitionSerializer(serializers.Serializer):
    to_state = serializers.ChoiceField(choices=State.choices)
    comment = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    resolution_code = serializers.ChoiceField(
        choices=ResolutionCode.choices, required=False, allow_blank=True
    )
    department = serializers.PrimaryKeyRelatedField(
        queryset=Department.objects.all(), required=False
    )
    duplicate_of = serializers.IntegerField(min_value=1, required=False)


class CommentSerializer(serializers.Serializer):
    comment = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class AppealTriageSerializer(serializers.Serializer):
    incident = serializers.IntegerField(
        min_value=1, required=False, help_text="Existing incident id; omit to make a new one."
    )
    severity = serializers.ChoiceField(choices=Severity.choices, required=False)
    comment = serializers.CharField(max_length=2000, required=False, allow_blank=True)


# --- Citizens' appeals -------------------------------------------------------------------------


class TimelineEventSerializer(serializers.ModelSerializer):
    """An incident event as the appellant sees it: no names, no internal data."""

    class Meta:
        model = IncidentEvent
        fields = ("id", "at", "kind", "from_state", "to_state", "comment")
        read_only_fields = fields


def appeal_incident_summary(incident: Incident | None) -> dict[str, Any] | None:
    if incident is None:
        return None
    return {
        "number": incident.number,
        "state": incident.state,
        "state_label": str(incident.get_state_display()),
        "department": str(incident.department) if incident.department_id else None,
        "resolution_code": incident.resolution_code or None,
        "resolved_at": incident.resolved_at,
        "sla_due_at": incident.sla_due_at,
    }


def appeal_dispute_until(appeal: Appeal) -> Any:
    """Until when the appellant may dispute the resolution, or None when they cannot."""
    incident = appeal.incident
    if (
        appeal.citizen_id is None
        or incident is None
        or incident.state not in workflow.DISPUTABLE_STATES
        or incident.resolved_at is None
    ):
        return None
    return incident.resolved_at + timedelta(days=conf.dispute_days())


class AppealSerializer(serializers.ModelSerializer):
    """A citizen's appeal with the state of the incident it was taken into."""

    category = serializers.CharField(source="category.code", read_only=True)
    category_name = serializers.CharField(source="category.__str__", read_only=True)
    longitude = serializers.SerializerMethodField()
    latitude = serializers.SerializerMethodField()
    incident = serializers.SerializerMethodField()
    photos = serializers.SerializerMethodField()
    dispute_until = serializers.SerializerMethodField()

    class Meta:
        model = Appeal
        fields = (
            "id",
            "category",
            "category_name",
            "longitude",
            "latitude",
            "address",
            "text",
            "state",
            "channel",
            "triage_comment",
            "created_at",
            "incident",
            "photos",
            "dispute_until",
        )
        read_only_fields = fields

    def get_longitude(self, appeal: Appeal) -> float:
        return _lonlat(appeal.geom)[0]

    def get_latitude(self, appeal: Appeal) -> float:
        return _lonlat(appeal.geom)[1]

    def get_incident(self, appeal: Appeal) -> dict[str, Any] | None:
        return appeal_incident_summary(appeal.incident)

    def get_photos(self, appeal: Appeal) -> list[str]:
        return [photo_url(photo) for photo in appeal.photos.all()]

    def get_dispute_until(self, appeal: Appeal) -> Any:
        return appeal_dispute_until(appeal)


class AppealDetailSerializer(AppealSerializer):
    timeline = serializers.SerializerMethodField()

    class Meta(AppealSerializer.Meta):
        fields = (*AppealSerializer.Meta.fields, "timeline")
        read_only_fields = fields

    def get_timeline(self, appeal: Appeal) -> list[dict[str, Any]]:
        from situation.selectors import appeal_timeline

        return TimelineEventSerializer(appeal_timeline(appeal=appeal), many=True).data


class AppealCreateSerializer(serializers.Serializer):
    """A new appeal: JSON or multipart (for photos, repeated field `photos`)."""

    category = serializers.SlugRelatedField(
        slug_field="code",
        queryset=IncidentType.objects.filter(is_active=True, is_open311=True),
        help_text="Category (incident type) code.",
    )
    longitude = serializers.CharField(help_text="Degrees, EPSG:4326.")
    latitude = serializers.CharField(help_text="Degrees, EPSG:4326.")
    text = serializers.CharField(max_length=5000)
    address = serializers.CharField(max_length=300, required=False, allow_blank=True)
    contact_email = serializers.EmailField(required=False, allow_blank=True)
    photos = serializers.ListField(
        child=serializers.FileField(allow_empty_file=True), required=False, allow_empty=True
    )


class DepartmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class DistrictCountSerializer(serializers.Serializer):
    district_id = serializers.IntegerField(allow_null=True)
    district = serializers.CharField(allow_null=True)
    open = serializers.IntegerField()
    overdue = serializers.IntegerField()


class DuplicateCandidateSerializer(serializers.Serializer):
    incident = serializers.IntegerField()
    number = serializers.CharField()
    state = serializers.ChoiceField(choices=State.choices)
    distance_m = serializers.FloatField(help_text="Metres on the ellipsoid.")
    created_at = serializers.DateTimeField()


class TriageAppealSerializer(AppealSerializer):
    """An appeal with the open incidents it probably duplicates, nearest first."""

    duplicate_candidates = DuplicateCandidateSerializer(many=True, read_only=True)

    class Meta(AppealSerializer.Meta):
        fields = (*AppealSerializer.Meta.fields, "duplicate_candidates")
        read_only_fields = fields
