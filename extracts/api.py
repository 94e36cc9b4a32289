"""HTTP API of extracts: my orders, ordering, the PDF, revocation, and public verification."""

from typing import Any

from django.http import HttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import HasRole
from core.schema import ErrorSerializer, path_parameter
from documents.content import read_upload
from extracts.models import LANGUAGES, Extract, ExtractOrder
from extracts.selectors import (
    extract_get_for_user,
    extract_order_list_for_user,
    extract_pdf_open,
)
from extracts.services import (
    REVOKERS,
    VerificationThrottledError,
    extract_order_place,
    revoke,
    verify,
)

CODE_PARAMETER = path_parameter(
    "code", "Verification code as printed, e.g. 7K3M-Q9XD-2HFA-PB4T-W8CZ.", pattern=None
)
_ERRORS = {400: ErrorSerializer, 401: ErrorSerializer, 404: ErrorSerializer}


def pdf_response(extract: Extract) -> HttpResponse:
    """The issued PDF bytes as a download named after the extract's number."""
    response = HttpResponse(bytes(extract.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="extract-{extract.number}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


def throttled_response(error: VerificationThrottledError) -> Response:
    return Response(
        {"code": error.code, "detail": error.message},
        status=status.HTTP_429_TOO_MANY_REQUESTS,
        headers={"Retry-After": str(error.retry_after)},
    )


class ExtractSummarySerializer(serializers.ModelSerializer):
    """An issued extract without what it certifies."""

    pdf_url = serializers.SerializerMethodField()
    verify_url = serializers.SerializerMethodField()

    class Meta:
        model = Extract
        fields = (
            "number",
            "code",
            "cadastral_number",
            "language",
            "certifies_at",
            "issued_at",
            "valid_until",
            "revoked_at",
            "revocation_reason",
            "snapshot_sha256",
            "pdf_sha256",
            "pdf_url",
            "verify_url",
        )

    def get_pdf_url(self, extract: Extract) -> str:
        return reverse("extracts:api-pdf", args=[extract.code])

    def get_verify_url(self, extract: Extract) -> str:
        return reverse("extracts:verify", args=[extract.code])


class ExtractDetailSerializer(ExtractSummarySerializer):
    """An issued extract with the snapshot of what it certifies, as printed."""

    snapshot = serializers.JSONField(read_only=True)

    class Meta(ExtractSummarySerializer.Meta):
        fields = (*ExtractSummarySerializer.Meta.fields, "snapshot")


class ExtractOrderSerializer(serializers.ModelSerializer):
    cadastral_number = serializers.CharField(source="property.cadastral_number")
    extract = serializers.SerializerMethodField()

    class Meta:
        model = ExtractOrder
        fields = (
            "id",
            "state",
            "cadastral_number",
            "language",
            "fee_soum",
            "ordered_at",
            "extract",
        )

    @extend_schema_field(ExtractSummarySerializer(allow_null=True))
    def get_extract(self, order: ExtractOrder) -> dict[str, Any] | None:
        if order.state != ExtractOrder.State.ISSUED:
            return None
        return ExtractSummarySerializer(order.extract).data


class VerificationSerializer(serializers.Serializer):
    """The public answer about a code: genuine or not, and what the extract certified."""

    status = serializers.ChoiceField(
        choices=["valid", "expired", "revoked", "not_genuine"],
        help_text="valid, expired (genuine but past its validity), revoked, or not_genuine "
        "(no extract has this code, or the uploaded PDF differs from the issued one).",
    )
    code = serializers.CharField()
    message = serializers.CharField(help_text="The answer in words.")
    register_message = serializers.CharField(
        help_text="Whether the register still holds what the extract certifies, in words."
    )
    number = serializers.CharField(source="extract.number", default=None)
    cadastral_number = serializers.CharField(source="extract.cadastral_number", default=None)
    issued_at = serializers.DateTimeField(source="extract.issued_at", default=None)
    certifies_at = serializers.DateTimeField(source="extract.certifies_at", default=None)
    valid_until = serializers.DateTimeField(source="extract.valid_until", default=None)
    revoked_at = serializers.DateTimeField(source="extract.revoked_at", default=None)
    revocation_reason = serializers.CharField(source="extract.revocation_reason", default=None)
    pdf_checked = serializers.BooleanField()
    pdf_matches = serializers.BooleanField(allow_null=True)
    register_changed = serializers.BooleanField(
        allow_null=True, help_text="Whether the register holds other facts now than certified."
    )
    changed_sections = serializers.ListField(child=serializers.CharField())
    snapshot = serializers.JSONField(source="extract.snapshot", default=None)
    snapshot_sha256 = serializers.CharField(source="extract.snapshot_sha256", default=None)
    pdf_sha256 = serializers.CharField(source="extract.pdf_sha256", default=None)


class ExtractListApi(APIView):
    """My extract orders (newest first), and ordering an extract of a property of mine."""

    permission_classes = [IsAuthenticated]
    parser_classes = [JSONParser, FormParser, MultiPartParser]

    class ExtractOrderInputSerializer(serializers.Serializer):
        cadastral_number = serializers.CharField(max_length=40)
        language = serializers.ChoiceField(choices=LANGUAGES)

    @extend_schema(
        summary="My extract orders", responses={200: ExtractOrderSerializer(many=True), **_ERRORS}
    )
    def get(self, request: Request) -> Response:
        orders = extract_order_list_for_user(user=request.user)
        return Response(ExtractOrderSerializer(orders, many=True).data)

    @extend_schema(
        summary="Order an extract of my property",
        request=ExtractOrderInputSerializer,
        responses={
            201: OpenApiResponse(ExtractOrderSerializer, description="Issued at once (no fee)."),
            202: OpenApiResponse(ExtractOrderSerializer, description="Waits for its fee."),
            **_ERRORS,
            409: ErrorSerializer,
        },
    )
    def post(self, request: Request) -> Response:
        serializer = self.ExtractOrderInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        order = extract_order_place(
            user=request.user, request=request._request, **serializer.validated_data
        )
        issued = order.state == ExtractOrder.State.ISSUED
        return Response(
            ExtractOrderSerializer(order).data,
            status=status.HTTP_201_CREATED if issued else status.HTTP_202_ACCEPTED,
        )


class ExtractDetailApi(APIView):
    """One of my extracts with what it certifies (registrars and admins: any extract)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="One extract",
        parameters=[CODE_PARAMETER],
        responses={200: ExtractDetailSerializer, **_ERRORS},
    )
    def get(self, request: Request, code: str) -> Response:
        extract = extract_get_for_user(user=request.user, code=code)
        return Response(ExtractDetailSerializer(extract).data)


class ExtractPdfApi(APIView):
    """The issued PDF of one of my extracts, byte for byte as issued."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Download an extract's PDF",
        parameters=[CODE_PARAMETER],
        responses={(200, "application/pdf"): OpenApiTypes.BINARY, **_ERRORS},
    )
    def get(self, request: Request, code: str) -> HttpResponse:
        return pdf_response(
            extract_pdf_open(user=request.user, code=code, request=request._request)
        )


class ExtractRevokeApi(APIView):
    """Revoke an extract, with the reason shown to everyone who verifies it."""

    permission_classes = [HasRole.of(*REVOKERS)]

    class ExtractRevokeInputSerializer(serializers.Serializer):
        reason = serializers.CharField(max_length=500)

    @extend_schema(
        summary="Revoke an extract",
        parameters=[CODE_PARAMETER],
        request=ExtractRevokeInputSerializer,
        responses={
            200: ExtractSummarySerializer,
            **_ERRORS,
            403: ErrorSerializer,
            409: ErrorSerializer,
        },
    )
    def post(self, request: Request, code: str) -> Response:
        serializer = self.ExtractRevokeInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        extract = extract_get_for_user(user=request.user, code=code)
        revoked = revoke(
            request.user, extract, serializer.validated_data["reason"], request=request._request
        )
        return Response(ExtractSummarySerializer(revoked).data)


class VerifyApi(APIView):
    """Public: is the extract with this code genuine, still valid, and does the register agree?

    POST the extract's PDF as `pdf` (multipart) to check that it is byte for byte the one issued.
    Codes that match no extract are counted per address; too many get 429 with Retry-After.
    """

    permission_classes = [AllowAny]
    parser_classes = [MultiPartParser, FormParser]

    class VerifyInputSerializer(serializers.Serializer):
        pdf = serializers.FileField(help_text="The extract's PDF file.")

    @extend_schema(
        summary="Verify an extract by its code",
        parameters=[CODE_PARAMETER],
        responses={200: VerificationSerializer, 429: ErrorSerializer},
    )
    def get(self, request: Request, code: str) -> Response:
        try:
            result = verify(code, actor=request.user, request=request._request)
        except VerificationThrottledError as error:
            return throttled_response(error)
        return Response(VerificationSerializer(result).data)

    @extend_schema(
        summary="Verify an extract's PDF against its code",
        parameters=[CODE_PARAMETER],
        request={"multipart/form-data": VerifyInputSerializer},
        responses={
            200: VerificationSerializer,
            400: ErrorSerializer,
            413: ErrorSerializer,
            415: ErrorSerializer,
            429: ErrorSerializer,
        },
    )
    def post(self, request: Request, code: str) -> Response:
        serializer = self.VerifyInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        upload = serializer.validated_data["pdf"]
        try:
            result = verify(code, read_upload(upload), actor=request.user, request=request._request)
        except VerificationThrottledError as error:
            return throttled_response(error)
        return Response(VerificationSerializer(result).data)
