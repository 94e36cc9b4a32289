"""OpenAPI pieces shared by the HTTP APIs: the error body and common parameters."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    """The body of every 4xx answer (core.api.exception_handler)."""

    code = serializers.CharField(help_text="Machine-readable cause, such as invalid_parameter.")
    detail = serializers.CharField(help_text="What was wrong, naming the parameter.")


ERROR_RESPONSES = {400: ErrorSerializer, 404: ErrorSerializer}

BBOX_PARAMETER = OpenApiParameter(
    name="bbox",
    type=OpenApiTypes.STR,
    location=OpenApiParameter.QUERY,
    description=(
        "minlon,minlat,maxlon,maxlat in degrees (EPSG:4326, longitude first). Only features "
        "that intersect the box are listed."
    ),
)


def query_parameter(
    name: str, description: str, *, choices: list[str] | None = None
) -> OpenApiParameter:
    """An optional text query parameter, limited to `choices` when given."""
    return OpenApiParameter(
        name=name,
        type=OpenApiTypes.STR,
        location=OpenApiParameter.QUERY,
        enum=choices,
        description=description,
    )


def path_parameter(name: str, description: str, *, pattern: str | None = None) -> OpenApiParameter:
    """A path parameter taken as text and checked by the view."""
    return OpenApiParameter(
        name=name,
        type=OpenApiTypes.STR,
        location=OpenApiParameter.PATH,
        description=description,
        pattern=pattern,
    )
