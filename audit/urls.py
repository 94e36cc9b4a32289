from django.urls import path

from audit import views
from audit.api import views as api

app_name = "audit"

urlpatterns = [
    path("audit/", views.audit_search_page, name="search"),
    path("api/audit/entries/", api.AuditEntryListApi.as_view(), name="api-entries"),
]
