"""The citizen's "my property" and notifications API, and the notary's look-up API."""

import re
from datetime import date

from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import Role
from accounts.permissions import HasRole
from core import cadastral_number as cn
from core.exceptions import InvalidInputError
from core.params import InvalidParameterError, echo
from core.schema import ERROR_RESPONSES, path_parameter, query_parameter
from portal.api.serializers import (
    LookupSerializer,
    MyPropertyDetailSerializer,
    MyPropertySerializer,
    NotificationSerializer,
    NotificationsReadInputSerializer,
)
from portal.lookup import notary_lookup
from portal.selectors import my_notifications, my_property_get, my_property_list
from portal.services import notifications_mark_read

_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_AUTH_RESPONSES = {**ERROR_RESPONSES, 401: None, 403: None}


def parse_day(raw: str | None, *, name: str) -> date | None:
    """A calendar day YYYY-MM-DD, or None when absent or blank."""
    if raw is None or not raw.strip():
        return None
    text = raw.strip()
    try:
        if not _DAY.fullmatch(text):
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidParameterError(
            f"{name} must be a date as YYYY-MM-DD, such as 2024-05-31, not {echo(text)}."
        ) from None


class MyPropertyListApi(APIView):
    """The properties I hold now, with my shares, co-holders, encumbrances and outlines."""

    permission_classes = [HasRole.of(Role.CITIZEN)]

    @extend_schema(
        summary="My properties",
        operation_id="me_properties_list",
        responses={
            200: inline_serializer(
                "MyPropertyList",
                {"count": serializers.IntegerField(), "results": MyPropertySerializer(many=True)},
            ),
            **_AUTH_RESPONSES,
        },
    )
    def get(self, request: Request) -> Response:
        held = my_property_list(request.user, request=request)
        results = MyPropertySerializer(held, many=True).data
        return Response({"count": len(results), "results": results})


class MyPropertyDetailApi(APIView):
    """One property I hold, with every registered version and who looked at it and why."""

    permission_classes = [HasRole.of(Role.CITIZEN)]

    @extend_schema(
        summary="One of my properties",
        parameters=[path_parameter("cadastral_number", "Cadastral number of the property.")],
        responses={200: MyPropertyDetailSerializer, **_AUTH_RESPONSES},
    )
    def get(self, request: Request, cadastral_number: str) -> Response:
        detail = my_property_get(request.user, cadastral_number, request=request)
        context = {"user": request.user}
        return Response(MyPropertyDetailSerializer(detail, context=context).data)


class MyNotificationListApi(APIView):
    """What I was told about my property: notary look-ups and registrations, newest first."""

    permission_classes = [HasRole.of(Role.CITIZEN)]

    @extend_schema(
        summary="My notifications",
        operation_id="me_notifications_list",
        responses={
            200: inline_serializer(
                "MyNotifications",
                {
                    "unread": serializers.IntegerField(),
                    "results": NotificationSerializer(many=True),
                },
            ),
            **_AUTH_RESPONSES,
        },
    )
    def get(self, request: Request) -> Response:
        inbox = my_notifications(request.user)
        results = NotificationSerializer(inbox.notifications, many=True).data
        return Response({"unread": inbox.unread, "results": results})


class MyNotificationsReadApi(APIView):
    """Mark my notifications read: those listed in `ids`, or all of them."""

    permission_classes = [HasRole.of(Role.CITIZEN)]

    @extend_schema(
        summary="Mark my notifications read",
        request=NotificationsReadInputSerializer,
        responses={
            200: inline_serializer("NotificationsRead", {"marked": serializers.IntegerField()}),
            **_AUTH_RESPONSES,
        },
    )
    def post(self, request: Request) -> Response:
        payload = NotificationsReadInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        marked = notifications_mark_read(request.user, ids=payload.validated_data.get("ids"))
        return Response({"marked": marked})


class NotaryLookupApi(APIView):
    """A notary's look-up: holders, shares, encumbrances and deal blockers, now or as of a date.

    Each look-up is written to the audit log with its purpose and the holders are told.
    """

    permission_classes = [HasRole.of(Role.NOTARY)]

    @extend_schema(
        summary="Look up a property (notary)",
        parameters=[
            query_parameter(
                "cadastral_number",
                "Parcel, building or unit number, e.g. 10:01:02:03:04:0005.",
            ),
            query_parameter("purpose", "Why you look it up, e.g. the deal's reference. Required."),
            OpenApiParameter(
                name="as_of",
                type=date,
                location=OpenApiParameter.QUERY,
                description="The registered state at the end of this day; today when left out.",
            ),
        ],
        responses={200: LookupSerializer, **_AUTH_RESPONSES},
    )
    def get(self, request: Request) -> Response:
        params = request.query_params
        raw_number = (params.get("cadastral_number") or "").strip()
        if not raw_number:
            raise InvalidParameterError("cadastral_number is required, e.g. 10:01:02:03:04:0005.")
        try:
            number = str(cn.parse(raw_number))
        except InvalidInputError as error:
            raise InvalidParameterError(f"cadastral_number: {error.message}") from None
        result = notary_lookup(
            request.user,
            cadastral_number=number,
            purpose=params.get("purpose"),
            as_of=parse_day(params.get("as_of"), name="as_of"),
            request=request,
        )
        return Response(LookupSerializer(result).data)
