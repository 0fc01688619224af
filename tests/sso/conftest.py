"""A real OpenID provider (node_modules/oidc-provider) on 127.0.0.1, and the steps of signing in through it.

The provider runs once per test session and pytest-xdist worker, on a free port, and is stopped at the end.
Vernetzt is driven by its test client; the browser's part at the provider (the authorization request, the
provider's interaction, its redirect back) is done with requests, over real HTTP.
"""
import html
import json
import re
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests

from course.extensions import db
from course.sso import fetching
from course.sso.models import IdentityProvider, Provisioning, SsoDomain
from course.sso.secret_box import encrypt_secret
from tests.conftest import csrf_token

ROOT = Path(__file__).resolve().parents[2]
PROVIDER_SCRIPT = Path(__file__).with_name("provider.mjs")
CLIENT_ID = "vernetzt"
CLIENT_SECRET = "client-secret-of-vernetzt-at-the-test-provider"
OTHER_CLIENT_ID = "another-application"
REDIRECT_URI = "http://localhost/sso/callback"  # the test client's host (BASE_URL of the tests)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class LocalProvider:
    issuer: str
    accounts_file: Path
    port: int

    def add_account(self, email: str, *, sub: str | None = None, verified: bool = True, groups=(),
                    name: str = "Pat Person", hint: str | None = None) -> str:
        """Give the provider a person, found by the login hint ``hint`` (their address unless given); their
        subject."""
        accounts = json.loads(self.accounts_file.read_text())
        subject = sub or f"sub-{len(accounts) + 1}-{email}"
        accounts[(hint or email).lower()] = {"sub": subject, "email": email, "email_verified": verified, "name": name,
                                   "groups": list(groups)}
        self.accounts_file.write_text(json.dumps(accounts))
        return subject


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory):
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules" / "oidc-provider").is_dir():
        pytest.fail("The OpenID provider for the sign-in tests is missing: run `make node-tools` (Node.js and "
                    "node_modules/oidc-provider).")
    folder = tmp_path_factory.mktemp("oidc-provider")
    accounts, clients = folder / "accounts.json", folder / "clients.json"
    accounts.write_text("{}")
    clients.write_text(json.dumps([
        {"client_id": client_id, "client_secret": CLIENT_SECRET, "redirect_uris": [REDIRECT_URI],
         "grant_types": ["authorization_code"], "response_types": ["code"],
         "token_endpoint_auth_method": "client_secret_basic"}
        for client_id in (CLIENT_ID, OTHER_CLIENT_ID)]))
    port = _free_port()
    log = (folder / "provider.log").open("w")
    process = subprocess.Popen([node, str(PROVIDER_SCRIPT), str(port), str(accounts), str(clients)], cwd=ROOT,
                               stdout=log, stderr=subprocess.STDOUT)
    issuer = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                if requests.get(f"{issuer}/.well-known/openid-configuration", timeout=1).ok:
                    break
            except requests.ConnectionError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"The test OpenID provider did not start: {(folder / 'provider.log').read_text()}")
            time.sleep(0.1)
        yield LocalProvider(issuer, accounts, port)
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture(autouse=True)
def _provider_on_this_machine(app):
    """The test provider speaks plain http on 127.0.0.1; nothing is cached from one test to the next."""
    app.config["SSO_ALLOW_INSECURE_LOCALHOST"] = True
    fetching.forget_cache()
    yield
    fetching.forget_cache()


@pytest.fixture
def make_provider(oidc_provider):
    def factory(organisation, *, domains=("acme.example",), password_sign_in=True, issuer=None,
                client_id=CLIENT_ID, **fields) -> IdentityProvider:
        provider = IdentityProvider(organisation=organisation, issuer=issuer or oidc_provider.issuer,
                                    client_id=client_id, client_secret_encrypted=encrypt_secret(CLIENT_SECRET),
                                    password_sign_in=password_sign_in,
                                    provisioning=fields.pop("provisioning", Provisioning.INVITE), **fields)
        provider.domains = [SsoDomain(name=name) for name in domains]
        db.session.add(provider)
        db.session.commit()
        return provider

    return factory


@pytest.fixture
def sso_provider(make_provider, organisation):
    """Acme AG signs in its people of acme.example through the test provider; passwords still work."""
    return make_provider(organisation)


def continue_url(response) -> str:
    """Where the sign-in page's answer sends the browser on to the provider: /sso/start with the address."""
    assert response.status_code == 200, response.get_data(as_text=True)
    match = re.search(r'id="sso-continue" href="([^"]+)"', response.get_data(as_text=True))
    assert match, "the answer does not lead to the provider"
    return html.unescape(match.group(1))


class SignIn:
    """The steps of one sign-in through the provider, each usable on its own."""

    def __init__(self, client, provider: LocalProvider):
        self.client = client
        self.provider = provider

    def start(self, email: str, next_url: str | None = None):
        """The sign-in page's answer to ``email`` with no password: the way to /sso/start."""
        data = {"email": email, "password": "", "csrf_token": csrf_token(self.client)}
        return self.client.post("/login" + (f"?next={next_url}" if next_url else ""), data=data)

    def authorization_url(self, email: str, next_url: str | None = None) -> str:
        response = self.client.get(continue_url(self.start(email, next_url)))
        assert response.status_code == 302, response.get_data(as_text=True)
        location = response.headers["Location"]
        assert location.startswith(self.provider.issuer)
        return location

    def at_provider(self, authorization_url: str) -> str:
        """What the provider sends the browser back to Vernetzt with: the callback's path and query."""
        browser = requests.Session()
        url = authorization_url
        for _hop in range(10):
            response = browser.get(url, allow_redirects=False, timeout=10)
            assert response.status_code in (302, 303), response.text
            url = response.headers["Location"]
            if url.startswith(REDIRECT_URI):
                parts = urlsplit(url)
                return f"{parts.path}?{parts.query}"
            if url.startswith("/"):
                url = self.provider.issuer + url
        raise AssertionError("the provider never sent the browser back")

    def __call__(self, email: str, next_url: str | None = None):
        """The whole sign-in; Vernetzt's answer to the callback."""
        return self.client.get(self.at_provider(self.authorization_url(email, next_url)))


@pytest.fixture
def sign_in(client, oidc_provider) -> SignIn:
    return SignIn(client, oidc_provider)
