"""Public read API of administrative areas, infrastructure and cameras (GeoJSON, EPSG:4326)."""

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.pagination import FeaturePagination
from core.params import parse_bbox, parse_choice, parse_code, parse_positive_int, require
from core.schema import BBOX_PARAMETER, ERROR_RESPONSES, path_parameter, query_parameter
from gis.api.serializers import (
    AdminAreaFeatureSerializer,
    CameraFeatureSerializer,
    InfrastructureSegmentFeatureSerializer,
)
from gis.models import AdminArea, AssetStatus, Camera, InfrastructureSegment, Network
from gis.selectors import (
    admin_area_get,
    admin_area_list,
    camera_get,
    camera_list,
    infrastructure_segment_get,
    infrastructure_segment_list,
)

_CODE_LENGTH = AdminArea._meta.get_field("code").max_length


class AdminAreaListApi(ListAPIView):
    """Administrative areas as GeoJSON (EPSG:4326): city, districts, mahallas, blocks."""

    serializer_class = AdminAreaFeatureSerializer
    pagination_class = FeaturePagination

    @extend_schema(
        summary="Administrative areas",
        parameters=[
            BBOX_PARAMETER,
            query_parameter(
                "level", "Only areas of this level.", choices=list(AdminArea.Level.values)
            ),
            query_parameter("parent", "Only areas directly inside the area with this code."),
        ],
        responses={200: AdminAreaFeatureSerializer, **ERROR_RESPONSES},
    )
    def get(self, request: Request) -> Response:
        return self.list(request)

    def get_queryset(self) -> QuerySet[AdminArea]:
        params = self.request.query_params
        return admin_area_list(
            bbox=parse_bbox(params.get("bbox")),
            level=parse_choice(params.get("level"), name="level", choices=AdminArea.Level.values),
            parent_code=parse_code(params.get("parent"), name="parent", max_length=_CODE_LENGTH),
        )


class AdminAreaDetailApi(APIView):
    """One administrative area by its code."""

    @extend_schema(
        summary="One administrative area",
        parameters=[path_parameter("code", "Official code of the area.")],
        responses={200: AdminAreaFeatureSerializer, **ERROR_RESPONSES},
    )
    def get(self, request: Request, code: str) -> Response:
        checked = require(parse_code(code, name="code", max_length=_CODE_LENGTH), name="code")
        return Response(AdminAreaFeatureSerializer(admin_area_get(code=checked)).data)


class InfrastructureSegmentListApi(ListAPIView):
    """Network segments as GeoJSON (EPSG:4326) lines, by id, with their length in metres."""

    serializer_class = InfrastructureSegmentFeatureSerializer
    pagination_class = FeaturePagination

    @extend_schema(
        summary="Infrastructure network segments",
        parameters=[
            BBOX_PARAMETER,
            query_parameter("network", "Only this network.", choices=list(Network.values)),
            query_parameter(
                "status", "Only segments in this state.", choices=list(AssetStatus.values)
            ),
        ],
        responses={200: InfrastructureSegmentFeatureSerializer, **ERROR_RESPONSES},
    )
    def get(self, request: Request) -> Response:
        return self.list(request)

    def get_queryset(self) -> QuerySet[InfrastructureSegment]:
        params = self.request.query_params
        return infrastructure_segment_list(
            bbox=parse_bbox(params.get("bbox")),
            network=parse_choice(params.get("network"), name="network", choices=Network.values),
            status=parse_choice(params.get("status"), name="status", choices=AssetStatus.values),
        )


class InfrastructureSegmentDetailApi(APIView):
    """One network segment by its id."""

    @extend_schema(
        summary="One infrastructure network segment",
        parameters=[path_parameter("segment_id", "Id of the segment.", pattern=r"^[0-9]+$")],
        responses={200: InfrastructureSegmentFeatureSerializer, **ERROR_RESPONSES},
    )
    def get(self, request: Request, segment_id: str) -> Response:
        checked = require(parse_positive_int(segment_id, name="segment id"), name="segment id")
        segment = infrastructure_segment_get(segment_id=checked)
        return Response(InfrastructureSegmentFeatureSerializer(segment).data)


class CameraListApi(ListAPIView):
    """Street cameras as GeoJSON (EPSG:4326) points with direction, field of view and range."""

    serializer_class = CameraFeatureSerializer
    pagination_class = FeaturePagination

    @extend_schema(
        summary="Street cameras",
        parameters=[
            BBOX_PARAMETER,
            query_parameter("kind", "Only cameras of this kind.", choices=list(Camera.Kind.values)),
            query_parameter(
                "status", "Only cameras in this state.", choices=list(Camera.Status.values)
            ),
        ],
        responses={200: CameraFeatureSerializer, **ERROR_RESPONSES},
    )
    def get(self, request: Request) -> Response:
        return self.list(request)

    def get_queryset(self) -> QuerySet[Camera]:
        params = self.request.query_params
        return camera_list(
            bbox=parse_bbox(params.get("bbox")),
            kind=parse_choice(params.get("kind"), name="kind", choices=Camera.Kind.values),
            status=parse_choice(params.get("status"), name="status", choices=Camera.Status.values),
        )


class CameraDetailApi(APIView):
    """One street camera by its id; its video stream is never public."""

    @extend_schema(
        summary="One street camera",
        parameters=[path_parameter("camera_id", "Id of the camera.", pattern=r"^[0-9]+$")],
        responses={200: CameraFeatureSerializer, **ERROR_RESPONSES},
    )
    def get(self, request: Request, camera_id: str) -> Response:
        checked = require(parse_positive_int(camera_id, name="camera id"), name="camera id")
        return Response(CameraFeatureSerializer(camera_get(camera_id=checked)).data)
