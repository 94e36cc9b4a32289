"""Serializer pieces shared by the GeoJSON APIs."""

import json
from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework_gis.serializers import GeoFeatureModelListSerializer


@extend_schema_field(OpenApiTypes.OBJECT)
class GeoJsonTextField(serializers.Field):
    """A geometry PostGIS has already encoded as GeoJSON text (core.geojson.geojson_4326)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value: str) -> dict[str, Any]:
        return json.loads(value)


class FeatureListSerializer(GeoFeatureModelListSerializer):
    """Features of one page; core.pagination.FeaturePagination wraps them in the collection.

    A class of its own so the schema generator describes a page as count, links and an array
    of features, not as a collection nested inside a collection.
    """
