"""Single sign-on through OpenID Connect, against a fake provider served over real HTTP."""

import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.contrib.auth.models import User
from django.test import Client

from accounts.models import Profile, Role
from accounts.roles import roles_of
from accounts.selectors import party_of
from accounts.testing import make_user
from audit.models import Action, AuditEntry
from tests.accounts.fake_oidc import FakeProvider, new_key
from tests.factories import make_person

pytestmark = pytest.mark.django_db


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _browser_visits(url: str) -> str:
    """The provider's answer to the browser: the Location it redirects to."""
    opener = urllib.request.build_opener(_NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as redirect:
        opener.open(url, timeout=10)
    assert redirect.value.code == 302, redirect.value.code
    return redirect.value.headers["Location"]


@pytest.fixture
def provider(settings):
    fake = FakeProvider().start()
    settings.MAKON_OIDC_ISSUER = fake.issuer
    settings.MAKON_OIDC_CLIENT_ID = fake.client_id
    settings.MAKON_OIDC_CLIENT_SECRET = fake.client_secret
    settings.MAKON_OIDC_NATIONAL_ID_CLAIM = "pinfl"
    settings.MAKON_OIDC_CREATE_USERS = True
    yield fake
    fake.stop()


def _sign_on(client: Client, next_url: str = "/my/"):
    """Run the whole round trip; return Makon's answer to the callback."""
    start = client.get("/accounts/oidc/login/", {"next": next_url})
    assert start.status_code == 302
    back = _browser_visits(start["Location"])
    parts = urllib.parse.urlsplit(back)
    assert parts.netloc == "testserver"
    return client.get(f"{parts.path}?{parts.query}")


def test_authorization_request_carries_state_nonce_and_pkce(provider):
    response = Client().get("/accounts/oidc/login/")
    query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(response["Location"]).query))
    assert response["Location"].startswith(provider.issuer + "/authorize?")
    assert query["response_type"] == "code"
    assert query["client_id"] == "makon"
    assert query["redirect_uri"] == "http://testserver/accounts/oidc/callback/"
    assert query["code_challenge_method"] == "S256"
    assert len(query["state"]) >= 32
    assert len(query["nonce"]) >= 32
    assert len(query["code_challenge"]) == 43


def test_first_sign_on_creates_a_citizen_linked_to_their_party(provider):
    party = make_person(last_name="Rahimova", first_name="Dilnoza")
    provider.claims = {"sub": "u-1", "pinfl": party.pinfl, "given_name": "Dilnoza"}
    client = Client()

    response = _sign_on(client)

    assert response.status_code == 302
    assert response["Location"] == "/my/"
    user = User.objects.get(pk=client.session["_auth_user_id"])
    assert roles_of(user) == {Role.CITIZEN}
    assert party_of(user) == party
    assert user.first_name == "Dilnoza"
    assert party.pinfl not in user.username
    assert not user.has_usable_password()
    assert user.profile.oidc_subject == f"{provider.issuer} u-1"
    # PKCE really travelled: the provider checked the verifier against the challenge
    assert provider.token_requests[0]["code_verifier"]
    login = AuditEntry.objects.get(action=Action.LOGIN)
    assert login.actor_id == user.pk
    assert login.detail["method"] == "oidc"


def test_second_sign_on_finds_the_same_account(provider):
    party = make_person()
    provider.claims = {"sub": "u-1", "pinfl": party.pinfl}
    _sign_on(Client())
    _sign_on(Client())
    assert User.objects.count() == 1


def test_existing_account_is_matched_by_national_id(provider):
    party = make_person()
    notary = make_user("notary1", roles=[Role.NOTARY], party=party)
    provider.claims = {"sub": "n-9", "pinfl": party.pinfl}
    client = Client()

    assert _sign_on(client).status_code == 302
    assert client.session["_auth_user_id"] == str(notary.pk)
    assert roles_of(User.objects.get(pk=notary.pk)) == {Role.NOTARY}


def test_person_without_a_party_still_gets_an_account_linked_later(provider):
    provider.claims = {"sub": "u-2", "pinfl": "41234567890123"}
    client = Client()
    assert _sign_on(client).status_code == 302
    user = User.objects.get(pk=client.session["_auth_user_id"])
    assert party_of(user) is None

    party = make_person(pinfl="41234567890123")
    _sign_on(client)
    assert party_of(User.objects.get(pk=user.pk)) == party


def test_unknown_person_is_refused_when_creating_accounts_is_off(provider, settings):
    settings.MAKON_OIDC_CREATE_USERS = False
    provider.claims = {"sub": "u-3", "pinfl": "41234567890123"}
    response = _sign_on(Client())
    assert response.status_code == 400
    assert "No Makon account belongs to this person." in response.content.decode()
    assert not User.objects.exists()


def test_national_id_claim_name_is_configurable(provider, settings):
    settings.MAKON_OIDC_NATIONAL_ID_CLAIM = "jshshir"
    party = make_person()
    provider.claims = {"sub": "u-4", "jshshir": party.pinfl}
    client = Client()
    assert _sign_on(client).status_code == 302
    assert party_of(User.objects.get(pk=client.session["_auth_user_id"])) == party


@pytest.mark.parametrize(
    ("knob", "value", "message"),
    [
        ("nonce_override", "another-sign-in", "does not belong to this sign-in"),
        ("audience_override", "someone-else", "did not pass its checks"),
        ("issuer_override", "http://127.0.0.1:1", "did not pass its checks"),
        ("expires_in", -3600, "did not pass its checks"),
        ("signing_key", "other", "did not pass its checks"),
        ("algorithm", "HS256", "not signed with RS256"),
        ("claims", {"sub": "u-5"}, "no valid national ID"),
        ("claims", {"sub": "u-5", "pinfl": "123"}, "no valid national ID"),
        ("deny", True, "did not sign you in"),
    ],
)
def test_a_bad_answer_is_refused_with_a_clear_message(provider, knob, value, message):
    provider.claims = {"sub": "u-5", "pinfl": "41234567890123"}
    setattr(provider, knob, new_key() if value == "other" else value)
    client = Client()

    response = _sign_on(client)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert not User.objects.exists()
    failure = AuditEntry.objects.get(action=Action.LOGIN_FAILED)
    assert failure.detail["method"] == "oidc"


def test_callback_state_must_match_and_works_once(provider):
    provider.claims = {"sub": "u-6", "pinfl": "41234567890123"}
    client = Client()
    start = client.get("/accounts/oidc/login/")
    back = urllib.parse.urlsplit(_browser_visits(start["Location"]))
    query = dict(urllib.parse.parse_qsl(back.query))

    forged = client.get(back.path, {"code": query["code"], "state": "forged"})
    assert forged.status_code == 400
    assert "expired or was already used" in forged.content.decode()
    # the forged attempt used up the pending sign-in: the real answer is now refused too
    assert client.get(back.path, query).status_code == 400
    assert not User.objects.exists()


def test_callback_without_a_sign_in_started_in_this_browser_is_refused(provider):
    provider.claims = {"sub": "u-7", "pinfl": "41234567890123"}
    start = Client().get("/accounts/oidc/login/")
    back = urllib.parse.urlsplit(_browser_visits(start["Location"]))
    # another browser (an attacker's victim) receives the callback
    response = Client().get(f"{back.path}?{back.query}")
    assert response.status_code == 400
    assert not User.objects.exists()


def test_unreachable_provider_is_a_502_with_a_message(provider, settings):
    settings.MAKON_OIDC_ISSUER = "http://127.0.0.1:9"
    response = Client().get("/accounts/oidc/login/")
    assert response.status_code == 502
    assert "not available" in response.content.decode()


def test_single_sign_on_is_off_without_an_issuer(settings):
    settings.MAKON_OIDC_ISSUER = ""
    assert Client().get("/accounts/oidc/login/").status_code == 404
    assert Client().get("/accounts/oidc/callback/?code=x&state=y").status_code == 404
    assert "single sign-on" not in Client().get("/accounts/login/").content.decode()


def test_login_page_offers_single_sign_on_when_configured(provider):
    assert "/accounts/oidc/login/" in Client().get("/accounts/login/").content.decode()


def test_national_id_of_a_linked_sign_on_account_cannot_be_taken_over(provider):
    party = make_person()
    provider.claims = {"sub": "u-8", "pinfl": party.pinfl}
    _sign_on(Client())
    # a second provider account claiming the same person is refused
    provider.claims = {"sub": "intruder", "pinfl": party.pinfl}
    response = _sign_on(Client())
    assert response.status_code == 400
    assert "already linked" in response.content.decode()
    assert Profile.objects.count() == 1
