"""Web sign-in with sessions, API tokens, and the lockout that stops password guessing."""

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from accounts.models import LoginFailure, Role
from accounts.testing import make_user
from audit.models import Action, AuditEntry

pytestmark = pytest.mark.django_db

PASSWORD = "Demo-pass-2026"  # noqa: S105 - make_user's test password


@pytest.fixture
def lockout_settings(settings):
    settings.MAKON_LOGIN_FAILURE_LIMIT = 3
    settings.MAKON_LOGIN_IP_FAILURE_LIMIT = 5
    settings.MAKON_LOGIN_LOCKOUT_SECONDS = 600
    return settings


def _login(client, username, password, ip="198.51.100.1", next_url=None, **headers):
    data = {"username": username, "password": password}
    if next_url is not None:
        data["next"] = next_url
    return client.post("/accounts/login/", data, REMOTE_ADDR=ip, **headers)


def test_login_page_renders_in_each_language():
    client = Client()
    for language, phrase in [("en", "Sign in"), ("ru", "Войти"), ("uz", "Kirish")]:
        client.cookies["django_language"] = language
        response = client.get("/accounts/login/")
        assert response.status_code == 200
        assert phrase in response.content.decode()


def test_sign_in_starts_a_session_goes_on_and_is_audited():
    user = make_user("dilnoza", roles=[Role.CITIZEN])
    client = Client()
    response = _login(client, "dilnoza", PASSWORD, next_url="/my/")

    assert response.status_code == 302
    assert response["Location"] == "/my/"
    assert client.session["_auth_user_id"] == str(user.pk)
    entry = AuditEntry.objects.get(action=Action.LOGIN)
    assert entry.actor_id == user.pk
    assert str(entry.ip) == "198.51.100.1"
    assert entry.detail == {"method": "password"}


def test_next_leading_to_another_site_is_ignored():
    make_user("dilnoza")
    response = _login(Client(), "dilnoza", PASSWORD, next_url="https://evil.example/")
    assert response["Location"] == "/"


def test_wrong_password_is_refused_counted_and_audited():
    make_user("dilnoza")
    response = _login(Client(), "Dilnoza", "wrong")

    assert response.status_code == 400
    assert "The username or password is not correct." in response.content.decode()
    assert LoginFailure.objects.filter(username="dilnoza").count() == 1
    failed = AuditEntry.objects.get(action=Action.LOGIN_FAILED)
    assert failed.actor_id is None
    assert failed.actor_username == "dilnoza"


def test_empty_form_is_a_400_with_field_messages():
    response = _login(Client(), "", "")
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not AuditEntry.objects.exists()


def test_repeated_failures_lock_the_username_with_429_and_retry_after(lockout_settings):
    make_user("dilnoza")
    for n in range(3):
        assert _login(Client(), "dilnoza", "guess", ip=f"203.0.113.{n}").status_code == 400

    # the right password from yet another address is refused while the lock holds
    locked = _login(Client(), "dilnoza", PASSWORD, ip="203.0.113.99")
    assert locked.status_code == 429
    assert 0 < int(locked["Retry-After"]) <= 600
    assert "Too many failed sign-ins for this account" in locked.content.decode()
    assert "_auth_user_id" not in Client().session
    assert AuditEntry.objects.filter(action=Action.LOGIN_LOCKED).count() == 1
    # a locked attempt is not counted as one more failure
    assert LoginFailure.objects.count() == 3


def test_the_lock_opens_when_the_oldest_failure_ages_out(lockout_settings):
    make_user("dilnoza")
    for _ in range(3):
        _login(Client(), "dilnoza", "guess")
    # age the failures past the window, as time would
    LoginFailure.objects.update(at=LoginFailure.objects.first().at.replace(year=2020))

    assert _login(Client(), "dilnoza", PASSWORD).status_code == 302
    assert not LoginFailure.objects.filter(username="dilnoza").exists()


def test_many_usernames_from_one_address_lock_the_address(lockout_settings):
    make_user("dilnoza")
    for n in range(5):
        _login(Client(), f"someone{n}", "guess", ip="192.0.2.50")

    locked = _login(Client(), "dilnoza", PASSWORD, ip="192.0.2.50")
    assert locked.status_code == 429
    assert "from your network address" in locked.content.decode()
    assert _login(Client(), "dilnoza", PASSWORD, ip="192.0.2.51").status_code == 302


def test_success_clears_the_username_failures(lockout_settings):
    make_user("dilnoza")
    for _ in range(2):
        _login(Client(), "dilnoza", "guess")
    assert _login(Client(), "dilnoza", PASSWORD).status_code == 302
    for _ in range(2):
        _login(Client(), "dilnoza", "guess")
    assert _login(Client(), "dilnoza", PASSWORD).status_code == 302


def test_inactive_account_cannot_sign_in():
    user = make_user("dilnoza")
    user.is_active = False
    user.save()
    assert _login(Client(), "dilnoza", PASSWORD).status_code == 400


def test_logout_is_post_only_and_ends_the_session():
    make_user("dilnoza")
    client = Client()
    _login(client, "dilnoza", PASSWORD)
    assert client.get("/accounts/logout/").status_code == 405
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.filter(action=Action.LOGOUT).exists()


def test_language_switch_keeps_the_choice():
    client = Client()
    response = client.post("/i18n/setlang/", {"language": "ru", "next": "/accounts/login/"})
    assert response.status_code == 302
    assert "Войти" in client.get("/accounts/login/").content.decode()


# --- API tokens -------------------------------------------------------------------------------


def test_token_for_good_credentials_authenticates_api_requests():
    user = make_user("notary1", roles=[Role.NOTARY])
    api = APIClient()
    response = api.post("/api/auth/token/", {"username": "notary1", "password": PASSWORD})

    assert response.status_code == 200
    key = response.json()["token"]
    assert Token.objects.get(user=user).key == key
    assert AuditEntry.objects.filter(action=Action.TOKEN_ISSUE, actor_id=user.pk).exists()
    # the same token again on a second request
    again = api.post("/api/auth/token/", {"username": "notary1", "password": PASSWORD})
    assert again.json()["token"] == key


def test_token_refused_for_bad_credentials_and_bad_input():
    make_user("notary1")
    api = APIClient()
    wrong = api.post("/api/auth/token/", {"username": "notary1", "password": "x"})
    assert wrong.status_code == 400
    assert wrong.json()["code"] == "invalid_credentials"
    missing = api.post("/api/auth/token/", {"username": "notary1"}, format="json")
    assert missing.status_code == 400
    assert "password" in missing.json()
    garbage = api.post("/api/auth/token/", "[1,2", content_type="application/json")
    assert garbage.status_code == 400
    assert not Token.objects.exists()


def test_token_endpoint_shares_the_lockout(lockout_settings):
    make_user("notary1")
    api = APIClient()
    for _ in range(3):
        api.post("/api/auth/token/", {"username": "notary1", "password": "x"})
    locked = api.post("/api/auth/token/", {"username": "notary1", "password": PASSWORD})
    assert locked.status_code == 429
    assert locked.json()["code"] == "locked_out"
    assert int(locked["Retry-After"]) > 0
    assert not Token.objects.exists()


def test_token_can_be_revoked_by_its_holder():
    make_user("notary1")
    api = APIClient()
    issued = api.post("/api/auth/token/", {"username": "notary1", "password": PASSWORD})
    key = issued.json()["token"]
    assert APIClient().delete("/api/auth/token/").status_code == 401

    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.delete("/api/auth/token/").status_code == 204
    assert not Token.objects.exists()
    assert api.delete("/api/auth/token/").status_code == 401


def test_forwarded_address_is_believed_only_behind_trusted_proxies(settings):
    make_user("dilnoza")
    _login(Client(), "dilnoza", PASSWORD, ip="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert str(AuditEntry.objects.get(action=Action.LOGIN).ip) == "10.0.0.2"

    settings.MAKON_TRUSTED_PROXY_HOPS = 1
    _login(Client(), "dilnoza", PASSWORD, ip="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 5.6.7.8")
    assert str(AuditEntry.objects.filter(action=Action.LOGIN).first().ip) == "5.6.7.8"
