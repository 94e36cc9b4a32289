"""Paging for GeoJSON lists: a FeatureCollection with count, next and previous links."""

from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from drf_spectacular.contrib.rest_framework_gis import _inject_enum_collision_fix
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.exceptions import NotFoundError
from core.params import parse_positive_int

DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000
# Far beyond any real page, small enough that page * page_size stays a cheap integer.
_MAX_PAGE = 10**9


class FeaturePagination(PageNumberPagination):
    """Page numbers with a bounded page size; bad values are refused, never silently replaced."""

    page_size = DEFAULT_PAGE_SIZE
    max_page_size = MAX_PAGE_SIZE
    page_size_query_param = "page_size"
    page_query_description = "Page number, from 1."
    page_size_query_description = (
        f"Features per page, 1 to {MAX_PAGE_SIZE} (default {DEFAULT_PAGE_SIZE})."
    )
    last_page_strings = ()

    def get_page_size(self, request: Request) -> int:
        size = parse_positive_int(
            request.query_params.get(self.page_size_query_param),
            name=self.page_size_query_param,
            maximum=self.max_page_size,
        )
        return size or self.page_size

    def paginate_queryset(
        self, queryset: QuerySet[Any], request: Request, view: APIView | None = None
    ) -> list[Any]:
        self.request = request
        page_size = self.get_page_size(request)
        number = (
            parse_positive_int(
                request.query_params.get(self.page_query_param),
                name=self.page_query_param,
                maximum=_MAX_PAGE,
            )
            or 1
        )
        paginator = Paginator(queryset, page_size)
        if number > 1 and number > paginator.num_pages:
            raise NotFoundError(
                f"page {number} does not exist: there are {paginator.num_pages} page(s) "
                f"of {page_size}."
            )
        self.page = paginator.page(number)
        return list(self.page)

    def get_paginated_response(self, data: dict[str, Any]) -> Response:
        return Response(
            {
                "type": "FeatureCollection",
                "count": self.page.paginator.count,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "features": data["features"],
            }
        )

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        # Names the "FeatureCollection" enum once, as drf-spectacular does for drf-gis lists.
        _inject_enum_collision_fix(collection=True)
        paged = super().get_paginated_response_schema(schema)
        properties = paged["properties"]
        properties["features"] = properties.pop("results")
        for link in ("next", "previous"):
            properties[link].pop("example", None)
        return {
            "type": "object",
            "required": ["type", "count", "features"],
            "properties": {"type": {"type": "string", "enum": ["FeatureCollection"]}, **properties},
        }

    def get_schema_operation_parameters(self, view: APIView) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1}
            else:
                parameter["schema"] = {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": self.max_page_size,
                    "default": self.page_size,
                }
        return parameters
