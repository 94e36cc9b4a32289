from django.urls import path
from django.views.i18n import set_language

from accounts import api, views

app_name = "accounts"

urlpatterns = [
    path("accounts/login/", views.login_view, name="login"),
    path("accounts/logout/", views.logout_view, name="logout"),
    path("accounts/oidc/login/", views.oidc_login_view, name="oidc-login"),
    path("accounts/oidc/callback/", views.oidc_callback_view, name="oidc-callback"),
    path("api/auth/token/", api.TokenApi.as_view(), name="api-token"),
    # Language choice of the plain pages, kept in a cookie (uz, ru, en).
    path("i18n/setlang/", set_language, name="set-language"),
]
