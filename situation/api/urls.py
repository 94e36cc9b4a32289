"""Routes of the operator incident API and the citizens' appeal API."""

from django.urls import path

from situation.api import views

urlpatterns = [
    path("api/situation/incidents/", views.IncidentListApi.as_view(), name="incident-list"),
    path(
        "api/situation/incidents/<int:incident_id>/",
        views.IncidentDetailApi.as_view(),
        name="incident-detail",
    ),
    path(
        "api/situation/incidents/<int:incident_id>/transition/",
        views.IncidentTransitionApi.as_view(),
        name="incident-transition",
    ),
    path(
        "api/situation/incidents/<int:incident_id>/escalate/",
        views.IncidentEscalateApi.as_view(),
        name="incident-escalate",
    ),
    path(
        "api/situation/incidents/<int:incident_id>/events/",
        views.IncidentEventListApi.as_view(),
        name="incident-events",
    ),
    path("api/situation/districts/", views.DistrictCountsApi.as_view(), name="district-counts"),
    path("api/situation/types/", views.IncidentTypeListApi.as_view(), name="type-list"),
    path("api/situation/departments/", views.DepartmentListApi.as_view(), name="department-list"),
    path("api/situation/appeals/", views.TriageQueueApi.as_view(), name="triage-queue"),
    path(
        "api/situation/appeals/<int:appeal_id>/",
        views.TriageAppealApi.as_view(),
        name="triage-appeal",
    ),
    path(
        "api/situation/appeals/<int:appeal_id>/triage/",
        views.TriageApi.as_view(),
        name="triage-appeal-into",
    ),
    path(
        "api/situation/appeals/<int:appeal_id>/reject/",
        views.RejectAppealApi.as_view(),
        name="triage-appeal-reject",
    ),
    path("api/appeals/", views.AppealCreateApi.as_view(), name="appeal-create"),
    path("api/appeals/mine/", views.MyAppealsApi.as_view(), name="appeal-mine"),
    path("api/appeals/<int:appeal_id>/", views.AppealDetailApi.as_view(), name="appeal-detail"),
    path(
        "api/appeals/<int:appeal_id>/dispute/",
        views.AppealDisputeApi.as_view(),
        name="appeal-dispute",
    ),
]
