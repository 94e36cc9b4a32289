"""Documents API: registrars and admins upload scans; readers fetch a document's record or file."""

from typing import Any

from django.http import HttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import Role
from accounts.permissions import HasRole
from cadastre.models import Source
from core.params import MAX_DATABASE_ID
from core.schema import ErrorSerializer
from documents.services import document_open, document_upload
from documents.views import document_response
from portal.access import source_for

UPLOADERS = (Role.REGISTRAR, Role.ADMIN)
_ERRORS = {400: ErrorSerializer, 401: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer}


class DocumentSerializer(serializers.ModelSerializer):
    """A source document's record: what it is, its file's type, size and sha256."""

    file_url = serializers.SerializerMethodField()
    has_file = serializers.SerializerMethodField()

    class Meta:
        model = Source
        fields = (
            "id",
            "kind",
            "number",
            "issued_on",
            "issuer",
            "has_file",
            "content_type",
            "size_bytes",
            "sha256",
            "file_url",
        )

    def get_has_file(self, source: Source) -> bool:
        return bool(source.file)

    def get_file_url(self, source: Source) -> str | None:
        return reverse("documents:view", args=[source.pk]) if source.file else None


class DocumentUploadApi(APIView):
    """Register a document with its scan (PDF, JPEG or PNG, judged by content; size-limited)."""

    permission_classes = [HasRole.of(*UPLOADERS)]
    parser_classes = [MultiPartParser, FormParser]

    class DocumentUploadInputSerializer(serializers.Serializer):
        file = serializers.FileField(
            allow_empty_file=True, help_text="The scan: a PDF, JPEG or PNG file."
        )
        kind = serializers.ChoiceField(choices=Source.Kind.choices)
        number = serializers.CharField(max_length=60)
        issued_on = serializers.DateField()
        issuer = serializers.CharField(max_length=300)

    @extend_schema(
        summary="Upload a document",
        description=f"Files above MAKON_DOCUMENT_MAX_BYTES (default {20 * 1024 * 1024} bytes) "
        "are refused with 413, other types than PDF, JPEG and PNG with 415.",
        request={"multipart/form-data": DocumentUploadInputSerializer},
        responses={
            201: DocumentSerializer,
            **_ERRORS,
            413: ErrorSerializer,
            415: ErrorSerializer,
        },
    )
    def post(self, request: Request) -> Response:
        serializer = self.DocumentUploadInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data: dict[str, Any] = dict(serializer.validated_data)
        source = document_upload(
            actor=request.user, upload=data.pop("file"), request=request._request, **data
        )
        return Response(DocumentSerializer(source).data, status=status.HTTP_201_CREATED)


def _source_id(raw: int) -> int:
    # <int:...> accepts any length of digits; beyond bigint nothing can exist.
    return raw if raw <= MAX_DATABASE_ID else 0


class DocumentDetailApi(APIView):
    """One document's record, for whoever may read it (404 for everyone else)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(summary="One document", responses={200: DocumentSerializer, **_ERRORS})
    def get(self, request: Request, source_id: int) -> Response:
        source = source_for(request.user, _source_id(source_id))
        return Response(DocumentSerializer(source).data)


class DocumentFileApi(APIView):
    """The document's file, after its sha256 matched the registered one (the read is audited)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="A document's file",
        responses={
            (200, "application/pdf"): OpenApiTypes.BINARY,
            (200, "image/jpeg"): OpenApiTypes.BINARY,
            (200, "image/png"): OpenApiTypes.BINARY,
            **_ERRORS,
            409: ErrorSerializer,
        },
    )
    def get(self, request: Request, source_id: int) -> HttpResponse:
        opened = document_open(
            user=request.user, source_id=_source_id(source_id), request=request._request
        )
        return document_response(opened, download=request.query_params.get("download") == "1")
