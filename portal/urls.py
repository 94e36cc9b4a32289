"""Citizen ("my property") and notary pages and their APIs; full paths, included at the root."""

from django.urls import path

from portal import views
from portal.api import views as api

urlpatterns = [
    path("me/", views.my_property_page, name="my-property"),
    path("notary/", views.notary_page, name="notary"),
    path("api/me/properties/", api.MyPropertyListApi.as_view(), name="my-property-list"),
    path(
        "api/me/properties/<str:cadastral_number>/",
        api.MyPropertyDetailApi.as_view(),
        name="my-property-detail",
    ),
    path("api/me/notifications/", api.MyNotificationListApi.as_view(), name="my-notification-list"),
    path(
        "api/me/notifications/read/",
        api.MyNotificationsReadApi.as_view(),
        name="my-notifications-read",
    ),
    path("api/notary/lookup/", api.NotaryLookupApi.as_view(), name="notary-lookup"),
]
