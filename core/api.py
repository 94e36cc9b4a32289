"""API plumbing shared by every app: the exception handler and input helpers."""

import logging
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler

from core.exceptions import DomainError

logger = logging.getLogger(__name__)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Map domain and Django validation errors to 4xx answers; anything else stays a 500."""
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    if isinstance(exc, DomainError):
        return Response({"code": exc.code, "detail": exc.message}, status=exc.status_code)
    if isinstance(exc, Http404):
        detail = str(exc) or "Not found."
        return Response({"code": "not_found", "detail": detail}, status=404)
    return drf_exception_handler(exc, context)
