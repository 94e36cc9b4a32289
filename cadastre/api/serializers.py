"""Public GeoJSON output of parcels and buildings: land and building facts, never holders."""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework_gis.serializers import GeoFeatureModelSerializer

from cadastre.models import Building, Parcel
from core.serializers import FeatureListSerializer, GeoJsonTextField
from gis.models import AdminArea
from gis.selectors import admin_area_lineage

_AREA = {"max_digits": 14, "decimal_places": 2, "coerce_to_string": False, "read_only": True}


class AdminAreaRefSerializer(serializers.Serializer):
    code = serializers.CharField()
    name_uz = serializers.CharField()
    name_ru = serializers.CharField()
    name_en = serializers.CharField()


class BuildingOnParcelSerializer(serializers.Serializer):
    cadastral_number = serializers.CharField()
    use = serializers.ChoiceField(choices=Building.Use.choices)
    floors = serializers.IntegerField(allow_null=True)


class ParcelFeatureSerializer(GeoFeatureModelSerializer):
    """A current parcel: feature id is its uid, stable across versions."""

    id = serializers.UUIDField(source="uid", read_only=True)
    geom = GeoJsonTextField(source="geometry_geojson")
    area_official_m2 = serializers.DecimalField(
        **_AREA, allow_null=True, help_text="Area in the title, square metres."
    )
    area_computed_m2 = serializers.DecimalField(
        **_AREA, help_text="Area on the WGS 84 ellipsoid, square metres."
    )
    area_differs = serializers.BooleanField(
        read_only=True,
        allow_null=True,
        help_text="True when the two areas differ by more than the deployment's tolerance "
        "(share of the official area); null without an official area.",
    )
    block_code = serializers.CharField(source="block.code", read_only=True, allow_null=True)

    class Meta:
        model = Parcel
        geo_field = "geom"
        list_serializer_class = FeatureListSerializer
        id_field = "id"
        fields = (
            "id",
            "cadastral_number",
            "address",
            "land_use",
            "area_official_m2",
            "area_computed_m2",
            "area_differs",
            "block_code",
            "valid_from",
            "version",
        )
        read_only_fields = fields


def _area_of_level(parcel: Parcel, level: str) -> dict[str, Any] | None:
    area = admin_area_lineage(area=parcel.block).get(level)
    return None if area is None else AdminAreaRefSerializer(area).data


class ParcelDetailSerializer(ParcelFeatureSerializer):
    """A current parcel with its block, mahalla, district and the buildings on it."""

    block = serializers.SerializerMethodField()
    mahalla = serializers.SerializerMethodField()
    district = serializers.SerializerMethodField()
    buildings = BuildingOnParcelSerializer(many=True, source="buildings_on_parcel", read_only=True)

    class Meta(ParcelFeatureSerializer.Meta):
        fields = (*ParcelFeatureSerializer.Meta.fields, "block", "mahalla", "district", "buildings")
        read_only_fields = fields

    @extend_schema_field(AdminAreaRefSerializer(allow_null=True))
    def get_block(self, parcel: Parcel) -> dict[str, Any] | None:
        return _area_of_level(parcel, AdminArea.Level.BLOCK)

    @extend_schema_field(AdminAreaRefSerializer(allow_null=True))
    def get_mahalla(self, parcel: Parcel) -> dict[str, Any] | None:
        return _area_of_level(parcel, AdminArea.Level.MAHALLA)

    @extend_schema_field(AdminAreaRefSerializer(allow_null=True))
    def get_district(self, parcel: Parcel) -> dict[str, Any] | None:
        return _area_of_level(parcel, AdminArea.Level.DISTRICT)


class BuildingFeatureSerializer(GeoFeatureModelSerializer):
    """A current building: feature id is its uid; unregistered ones have no cadastral number."""

    id = serializers.UUIDField(source="uid", read_only=True)
    geom = GeoJsonTextField(source="geometry_geojson")
    units_count = serializers.IntegerField(
        read_only=True, help_text="Current apartments and other units registered in it."
    )

    class Meta:
        model = Building
        geo_field = "geom"
        list_serializer_class = FeatureListSerializer
        id_field = "id"
        fields = (
            "id",
            "cadastral_number",
            "parcel_number",
            "address",
            "use",
            "floors",
            "year_built",
            "units_count",
            "valid_from",
            "version",
        )
        read_only_fields = fields


class SearchHitSerializer(serializers.Serializer):
    """One search suggestion (cadastre.selectors.search.SearchHit)."""

    kind = serializers.ChoiceField(choices=["parcel", "building"])
    cadastral_number = serializers.CharField()
    address = serializers.CharField()
    bbox = serializers.ListField(
        child=serializers.FloatField(),
        min_length=4,
        max_length=4,
        help_text="west, south, east, north in degrees (EPSG:4326).",
    )


class SearchResultSerializer(serializers.Serializer):
    query = serializers.CharField(help_text="The query as it was searched.")
    results = SearchHitSerializer(many=True)
