"""Audit log search API for registrars and administrators."""

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import ListAPIView
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import Role
from accounts.permissions import HasRole
from audit.forms import AuditSearchForm
from audit.models import Action, AuditEntry
from audit.selectors import search
from core.exceptions import NotFoundError
from core.params import InvalidParameterError, parse_positive_int
from core.schema import ErrorSerializer, query_parameter

PAGE_SIZE = 50
MAX_PAGE_SIZE = 500


class AuditEntryOutputSerializer(serializers.ModelSerializer):
    action_label = serializers.CharField(read_only=True)

    class Meta:
        model = AuditEntry
        fields = [
            "id",
            "at",
            "actor",
            "actor_username",
            "action",
            "action_label",
            "object_type",
            "object_id",
            "cadastral_number",
            "purpose",
            "ip",
            "detail",
            "prev_hash",
            "hash",
        ]
        read_only_fields = fields


class AuditPagination(PageNumberPagination):
    """Page numbers; a bad page or page size is a 400, a page past the end a 404."""

    page_size = PAGE_SIZE
    max_page_size = MAX_PAGE_SIZE
    page_size_query_param = "page_size"
    last_page_strings = ()

    def get_page_size(self, request: Request) -> int:
        size = parse_positive_int(
            request.query_params.get("page_size"), name="page_size", maximum=MAX_PAGE_SIZE
        )
        return size or PAGE_SIZE

    def paginate_queryset(
        self, queryset: QuerySet[Any], request: Request, view: Any = None
    ) -> list:
        number = parse_positive_int(request.query_params.get("page"), name="page", maximum=10**9)
        self.request = request
        paginator = self.django_paginator_class(queryset, self.get_page_size(request))
        number = number or 1
        if number > 1 and number > paginator.num_pages:
            raise NotFoundError(f"Page {number} does not exist: there are {paginator.num_pages}.")
        self.page = paginator.page(number)
        return list(self.page)


class AuditEntryListApi(ListAPIView):
    """Audit entries matching the filters, newest first (registrar or admin)."""

    serializer_class = AuditEntryOutputSerializer
    pagination_class = AuditPagination
    permission_classes = [HasRole.of(Role.REGISTRAR, Role.ADMIN)]

    @extend_schema(
        summary="Search the audit log",
        parameters=[
            query_parameter("actor", "Username or user number of who acted."),
            query_parameter("action", "Only this action.", choices=list(Action.values)),
            query_parameter("cadastral_number", "The number or its beginning."),
            query_parameter("date_from", "First day, YYYY-MM-DD (site time zone)."),
            query_parameter("date_to", "Last day, YYYY-MM-DD (site time zone)."),
        ],
        responses={
            200: AuditEntryOutputSerializer(many=True),
            400: ErrorSerializer,
            401: ErrorSerializer,
            403: ErrorSerializer,
            404: ErrorSerializer,
        },
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.list(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[AuditEntry]:
        form = AuditSearchForm(self.request.query_params)
        if not form.is_valid():
            field, messages = next(iter(form.errors.items()))
            raise InvalidParameterError(f"{field}: {' '.join(messages)}")
        return search(self.request.user, **form.filters())
