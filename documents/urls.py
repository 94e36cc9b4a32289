"""Document page and API (full paths: this module is included at the site root)."""

from django.urls import path

from documents import api, views

app_name = "documents"

urlpatterns = [
    path("documents/<int:source_id>/", views.document_page, name="view"),
    path("api/documents/", api.DocumentUploadApi.as_view(), name="api-upload"),
    path("api/documents/<int:source_id>/", api.DocumentDetailApi.as_view(), name="api-detail"),
    path("api/documents/<int:source_id>/file/", api.DocumentFileApi.as_view(), name="api-file"),
]
