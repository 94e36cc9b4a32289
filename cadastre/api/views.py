"""Public read API of parcels and buildings (GeoJSON, EPSG:4326), no login."""

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cadastre.api.serializers import (
    BuildingFeatureSerializer,
    ParcelDetailSerializer,
    ParcelFeatureSerializer,
    SearchResultSerializer,
)
from cadastre.models import Building, LandUse, Parcel
from cadastre.selectors.public import (
    building_get_public,
    building_list_public,
    parcel_get_public,
    parcel_list_public,
)
from cadastre.selectors.search import SEARCH_LIMIT, cadastral_object_search
from core import cadastral_number as cn
from core.pagination import FeaturePagination
from core.params import parse_bbox, parse_cadastral_number, parse_choice, parse_code, require
from core.schema import BBOX_PARAMETER, ERROR_RESPONSES, path_parameter, query_parameter
from gis.models import AdminArea

_CODE_LENGTH = AdminArea._meta.get_field("code").max_length


class ParcelListApi(ListAPIView):
    """Current parcels as GeoJSON (EPSG:4326), by id; no holders, rights or documents."""

    serializer_class = ParcelFeatureSerializer
    pagination_class = FeaturePagination

    @extend_schema(
        summary="Current parcels",
        parameters=[
            BBOX_PARAMETER,
            query_parameter(
                "land_use", "Only parcels of this land use.", choices=list(LandUse.values)
            ),
            query_parameter("district", "Only parcels in the district (tuman) with this code."),
        ],
        responses={200: ParcelFeatureSerializer, **ERROR_RESPONSES},
    )
    def get(self, request: Request) -> Response:
        return self.list(request)

    def get_queryset(self) -> QuerySet[Parcel]:
        params = self.request.query_params
        return parcel_list_public(
            bbox=parse_bbox(params.get("bbox")),
            land_use=parse_choice(params.get("land_use"), name="land_use", choices=LandUse.values),
            district_code=parse_code(
                params.get("district"), name="district", max_length=_CODE_LENGTH
            ),
        )


class ParcelDetailApi(APIView):
    """One current parcel with its areas, its block, mahalla and district, and its buildings."""

    @extend_schema(
        summary="One current parcel",
        parameters=[
            path_parameter(
                "cadastral_number", "Parcel number AA:BB:CC:DD:EE:FFFF.", pattern=cn.PARCEL_PATTERN
            )
        ],
        responses={200: ParcelDetailSerializer, **ERROR_RESPONSES},
    )
    def get(self, request: Request, cadastral_number: str) -> Response:
        number = cn.parse(cadastral_number, level=cn.Level.PARCEL)
        parcel = parcel_get_public(cadastral_number=number)
        return Response(ParcelDetailSerializer(parcel).data)


class BuildingListApi(ListAPIView):
    """Current buildings as GeoJSON (EPSG:4326), by id, with their number of units."""

    serializer_class = BuildingFeatureSerializer
    pagination_class = FeaturePagination

    @extend_schema(
        summary="Current buildings",
        parameters=[
            BBOX_PARAMETER,
            query_parameter(
                "use", "Only buildings of this use.", choices=list(Building.Use.values)
            ),
            query_parameter("parcel", "Only buildings on the parcel with this cadastral number."),
        ],
        responses={200: BuildingFeatureSerializer, **ERROR_RESPONSES},
    )
    def get(self, request: Request) -> Response:
        return self.list(request)

    def get_queryset(self) -> QuerySet[Building]:
        params = self.request.query_params
        return building_list_public(
            bbox=parse_bbox(params.get("bbox")),
            use=parse_choice(params.get("use"), name="use", choices=Building.Use.values),
            parcel_number=parse_cadastral_number(
                params.get("parcel"), name="parcel", level=cn.Level.PARCEL
            ),
        )


class BuildingDetailApi(APIView):
    """One current building by its cadastral number."""

    @extend_schema(
        summary="One current building",
        parameters=[
            path_parameter(
                "cadastral_number",
                "Building number AA:BB:CC:DD:EE:FFFF:GGGG.",
                pattern=cn.BUILDING_PATTERN,
            )
        ],
        responses={200: BuildingFeatureSerializer, **ERROR_RESPONSES},
    )
    def get(self, request: Request, cadastral_number: str) -> Response:
        number = cn.parse(cadastral_number, level=cn.Level.BUILDING)
        building = building_get_public(cadastral_number=number)
        return Response(BuildingFeatureSerializer(building).data)


class SearchApi(APIView):
    """Suggestions for a search box: current parcels and buildings by number prefix or address."""

    @extend_schema(
        summary="Search parcels and buildings",
        parameters=[
            query_parameter(
                "q",
                "Start of a cadastral number (10:02:01) or words of an address "
                f"(3 to 100 characters). At most {SEARCH_LIMIT} suggestions, parcels first.",
            )
        ],
        responses={200: SearchResultSerializer, **ERROR_RESPONSES},
    )
    def get(self, request: Request) -> Response:
        query = require(request.query_params.get("q") or None, name="q")
        hits = cadastral_object_search(query=query)
        return Response(SearchResultSerializer({"query": query, "results": hits}).data)
