"""API tokens: POST username and password for a token, DELETE to revoke it."""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.errors import LoginLockedError
from accounts.services import token_issue, token_revoke
from core.schema import ErrorSerializer


class TokenApi(APIView):
    """Exchange a username and password for an API token (send it as `Authorization: Token …`)."""

    class InputSerializer(serializers.Serializer):
        username = serializers.CharField(max_length=150)
        password = serializers.CharField(max_length=4096, trim_whitespace=False)

    def get_permissions(self) -> list:
        if self.request is not None and self.request.method == "DELETE":
            return [IsAuthenticated()]
        return []

    @extend_schema(
        summary="Get an API token",
        request=InputSerializer,
        responses={
            200: inline_serializer("TokenOutput", {"token": serializers.CharField()}),
            400: ErrorSerializer,
            429: ErrorSerializer,
        },
    )
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            token = token_issue(request=request._request, **serializer.validated_data)
        except LoginLockedError as locked:
            return Response(
                {"code": locked.code, "detail": locked.message},
                status=status.HTTP_429_TOO_MANY_REQUESTS,
                headers={"Retry-After": str(locked.retry_after_seconds)},
            )
        return Response({"token": token.key})

    @extend_schema(summary="Revoke my API token", request=None, responses={204: None})
    def delete(self, request: Request) -> Response:
        token_revoke(request=request._request, user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
