"""Public GeoJSON output of administrative areas, infrastructure segments and cameras."""

from rest_framework import serializers
from rest_framework_gis.serializers import GeoFeatureModelSerializer

from core.serializers import FeatureListSerializer, GeoJsonTextField
from gis.models import AdminArea, Camera, InfrastructureSegment


class AdminAreaFeatureSerializer(GeoFeatureModelSerializer):
    """A city, district, mahalla or cadastral block; feature id is its code."""

    id = serializers.CharField(source="code", read_only=True)
    geom = GeoJsonTextField(source="geometry_geojson")
    parent_code = serializers.CharField(source="parent.code", read_only=True, allow_null=True)

    class Meta:
        model = AdminArea
        geo_field = "geom"
        list_serializer_class = FeatureListSerializer
        id_field = "id"
        fields = ("id", "code", "level", "name_uz", "name_ru", "name_en", "parent_code")
        read_only_fields = fields


class InfrastructureSegmentFeatureSerializer(GeoFeatureModelSerializer):
    """One stretch of a network."""

    geom = GeoJsonTextField(source="geometry_geojson")
    length_m = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        coerce_to_string=False,
        read_only=True,
        help_text="Length on the WGS 84 ellipsoid, metres.",
    )

    class Meta:
        model = InfrastructureSegment
        geo_field = "geom"
        list_serializer_class = FeatureListSerializer
        fields = (
            "id",
            "network",
            "name",
            "owner_body",
            "status",
            "diameter_mm",
            "material",
            "length_m",
        )
        read_only_fields = fields


class CameraFeatureSerializer(GeoFeatureModelSerializer):
    """A street camera: where it stands and what it sees; never its stream."""

    geom = GeoJsonTextField(source="geometry_geojson")

    class Meta:
        model = Camera
        geo_field = "geom"
        list_serializer_class = FeatureListSerializer
        fields = (
            "id",
            "name",
            "kind",
            "status",
            "direction_deg",
            "field_of_view_deg",
            "range_m",
        )
        read_only_fields = fields
