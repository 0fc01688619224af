"""A provider that is down or answers wrongly, a token for another client, and addresses Vernetzt will not call."""
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from course.sso import fetching, idtoken
from tests.sso.conftest import CLIENT_ID, CLIENT_SECRET, OTHER_CLIENT_ID, REDIRECT_URI, _free_port, continue_url


def test_a_provider_that_is_down_gets_a_clear_message_and_passwords_still_work(
        client, auth, sign_in, make_provider, organisation, learner):
    make_provider(organisation, issuer=f"http://127.0.0.1:{_free_port()}")  # nothing listens there
    response = client.get(continue_url(sign_in.start(learner.email)))
    assert response.status_code == 503
    html = response.get_data(as_text=True)
    assert "cannot be reached just now" in html and "Or sign in with your password." in html
    assert 'value="sam@acme.example"' in html  # the address typed is still there
    assert auth.login(learner.email).status_code == 302


def test_a_provider_down_while_passwords_are_off_offers_no_password(client, sign_in, make_provider, organisation,
                                                                    learner):
    make_provider(organisation, issuer=f"http://127.0.0.1:{_free_port()}", password_sign_in=False)
    response = client.get(continue_url(sign_in.start(learner.email)))
    assert response.status_code == 503
    assert "Or sign in with your password." not in response.get_data(as_text=True)


def test_a_token_endpoint_error_is_a_clear_message(client, sign_in, oidc_provider, sso_provider, learner):
    oidc_provider.add_account(learner.email)
    callback = sign_in.at_provider(sign_in.authorization_url(learner.email))
    assert client.get(callback).status_code == 302
    client.post("/logout", data={"csrf_token": _token(client)})
    # The same code again: the provider refuses it (codes are single-use), Vernetzt says the sign-in failed.
    sign_in.authorization_url(learner.email)
    with client.session_transaction() as session:
        state = session["sso"]["state"]
    reused = callback.split("state=")[0] + f"state={state}"
    response = client.get(reused)
    assert response.status_code == 400
    assert "did not succeed" in response.get_data(as_text=True)


def _token(client) -> str:
    from tests.conftest import csrf_token

    return csrf_token(client, "/profile")


def _real_id_token(oidc_provider, sign_in, email: str) -> tuple[str, str, dict]:
    """An ID token the provider issued to Vernetzt's client for ``email``, its nonce and the discovery document."""
    url = sign_in.authorization_url(email)
    nonce = parse_qs(urlsplit(url).query)["nonce"][0]
    with sign_in.client.session_transaction() as session:
        verifier = session["sso"]["verifier"]
    code = parse_qs(urlsplit(sign_in.at_provider(url)).query)["code"][0]
    answer = requests.post(f"{oidc_provider.issuer}/token", auth=(CLIENT_ID, CLIENT_SECRET), timeout=10, data={
        "grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT_URI, "code_verifier": verifier})
    assert answer.ok, answer.text
    return answer.json()["id_token"], nonce, fetching.discover(oidc_provider.issuer)


def test_a_real_token_is_accepted_only_for_its_own_client_and_nonce(oidc_provider, sign_in, sso_provider,
                                                                    learner):
    oidc_provider.add_account(learner.email)
    token, nonce, document = _real_id_token(oidc_provider, sign_in, learner.email)
    claims = idtoken.validate_id_token(token, document, client_id=CLIENT_ID, nonce=nonce)
    assert claims["email"] == learner.email
    with pytest.raises(idtoken.TokenRefused, match="aud"):
        idtoken.validate_id_token(token, document, client_id=OTHER_CLIENT_ID, nonce=nonce)
    with pytest.raises(idtoken.TokenRefused, match="nonce"):
        idtoken.validate_id_token(token, document, client_id=CLIENT_ID, nonce="another")
    with pytest.raises(idtoken.TokenRefused, match="iss"):
        idtoken.validate_id_token(token, {**document, "issuer": "https://login.example.com"}, client_id=CLIENT_ID,
                                  nonce=nonce)
    header, payload, signature = token.split(".")
    with pytest.raises(idtoken.TokenRefused, match="signature"):
        idtoken.validate_id_token(f"{header}.{payload}.{signature[::-1]}", document, client_id=CLIENT_ID,
                                  nonce=nonce)


def test_a_token_within_the_leeway_passes_and_one_beyond_it_is_expired(oidc_provider, sign_in, sso_provider,
                                                                       learner, monkeypatch):
    oidc_provider.add_account(learner.email)
    token, nonce, document = _real_id_token(oidc_provider, sign_in, learner.email)
    real_now = idtoken.now
    monkeypatch.setattr(idtoken, "now", lambda: real_now() + 3600 + idtoken.LEEWAY // 2)
    idtoken.validate_id_token(token, document, client_id=CLIENT_ID, nonce=nonce)
    monkeypatch.setattr(idtoken, "now", lambda: real_now() + 3600 + idtoken.LEEWAY * 2)
    with pytest.raises(idtoken.TokenRefused, match="expired"):
        idtoken.validate_id_token(token, document, client_id=CLIENT_ID, nonce=nonce)
    monkeypatch.setattr(idtoken, "now", lambda: real_now() - 3 * idtoken.LEEWAY)
    with pytest.raises(idtoken.TokenRefused, match="issued in the future"):
        idtoken.validate_id_token(token, document, client_id=CLIENT_ID, nonce=nonce)


@pytest.mark.parametrize(("url", "problem"), [
    ("http://login.example.com/realms/staff", "must start with https://"),
    ("https://10.0.0.7/realms/staff", "not on the public internet"),
    ("https://127.0.0.1:8443/realms/staff", "not on the public internet"),
    ("https://[::1]/realms/staff", "not on the public internet"),
    ("https://169.254.169.254/latest", "not on the public internet"),
    ("https://user:secret@login.example.com/", "not a web address"),
    ("login.example.com", "not a web address"),
])
def test_addresses_vernetzt_will_not_call(app, url, problem):
    app.config["SSO_ALLOW_INSECURE_LOCALHOST"] = False
    assert problem in fetching.address_problem(url)
    with pytest.raises(fetching.ProviderUnreachable):
        fetching.get_json(url)


def test_plain_http_only_to_this_machine_and_only_when_allowed(app, oidc_provider):
    assert fetching.address_problem(oidc_provider.issuer) is None
    assert fetching.address_problem("http://10.0.0.7/") is not None
    app.config["SSO_ALLOW_INSECURE_LOCALHOST"] = False
    assert "https" in fetching.address_problem(oidc_provider.issuer)


def test_endpoints_named_by_discovery_follow_the_same_rules(app, oidc_provider, monkeypatch):
    document = fetching.discover(oidc_provider.issuer)
    fetching.forget_cache()
    real_get_json = fetching.get_json
    monkeypatch.setattr(fetching, "get_json", lambda url, cache=True: {
        **real_get_json(url, cache=cache), "token_endpoint": "https://10.0.0.7/token"})
    with pytest.raises(fetching.ProviderUnreachable, match="token_endpoint"):
        fetching.discover(oidc_provider.issuer)
    assert document["token_endpoint"].startswith(oidc_provider.issuer)


def test_redirects_are_not_followed(app, oidc_provider):
    # /moved redirects to the discovery document: an answer Vernetzt must not take from where it was sent.
    with pytest.raises(fetching.ProviderUnreachable, match="HTTP 302"):
        fetching.get_json(f"{oidc_provider.issuer}/moved", cache=False)


def test_discovery_is_cached_briefly(app, oidc_provider, monkeypatch):
    fetching.discover(oidc_provider.issuer)
    monkeypatch.setattr(requests, "get", lambda *args, **kwargs: pytest.fail("asked the provider again"))
    fetching.discover(oidc_provider.issuer)
    app.config["SSO_CACHE_SECONDS"] = 0
    fetching.forget_cache()
    with pytest.raises(BaseException, match="asked the provider again"):
        fetching.discover(oidc_provider.issuer)


def test_starting_sign_ins_is_rate_limited(app, client, sign_in, sso_provider, learner):
    app.config["SSO_START_LIMIT"] = "2 per minute"
    statuses = [client.get(f"/sso/start?email={learner.email}").status_code for _attempt in range(3)]
    assert statuses == [302, 302, 429]
