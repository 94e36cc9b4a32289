"""Extract pages and API (full paths: this module is included at the site root)."""

from django.urls import path

from extracts import api, views

app_name = "extracts"

urlpatterns = [
    path("extracts/", views.my_extracts_page, name="mine"),
    path("extracts/order/<str:cadastral_number>/", views.order_page, name="order"),
    path("extracts/<str:code>/pdf/", views.pdf_download, name="pdf"),
    path("extracts/<str:code>/revoke/", views.revoke_page, name="revoke"),
    path("verify/", views.verify_form_page, name="verify-form"),
    path("verify/<str:code>/", views.verify_page, name="verify"),
    path("api/extracts/", api.ExtractListApi.as_view(), name="api-list"),
    path("api/extracts/<str:code>/", api.ExtractDetailApi.as_view(), name="api-detail"),
    path("api/extracts/<str:code>/pdf/", api.ExtractPdfApi.as_view(), name="api-pdf"),
    path("api/extracts/<str:code>/revoke/", api.ExtractRevokeApi.as_view(), name="api-revoke"),
    path("api/verify/<str:code>/", api.VerifyApi.as_view(), name="api-verify"),
]
