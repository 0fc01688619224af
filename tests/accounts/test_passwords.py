"""A sign-in costs one Argon2id verification whether or not the address belongs to a usable account."""
import argon2
import pytest
from argon2 import PasswordHasher

from course.accounts import services
from tests.conftest import PASSWORD


@pytest.fixture
def verified_hashes(monkeypatch) -> list[str]:
    """Every hash the real Argon2 hasher verifies a password against, in order."""
    hashes = []
    verify = PasswordHasher.verify

    def recording_verify(self, hash, password):
        hashes.append(hash)
        return verify(self, hash, password)

    monkeypatch.setattr(PasswordHasher, "verify", recording_verify)
    return hashes


def _email(case: str, create_user) -> str:
    if case == "unknown":
        return "nobody@example.org"
    return create_user(**{"known": {}, "inactive": {"active": False}, "invited": {"password": None}}[case]).email


def _uses_the_current_parameters(app, hash: str) -> bool:
    parameters = argon2.extract_parameters(hash)
    return (parameters.type, parameters.time_cost, parameters.memory_cost, parameters.parallelism) == (
        argon2.Type.ID, app.config["ARGON2_TIME_COST"], app.config["ARGON2_MEMORY_COST_KIB"],
        app.config["ARGON2_PARALLELISM"])


@pytest.mark.parametrize("password", [PASSWORD, "a wrong password"])
@pytest.mark.parametrize("case", ["known", "unknown", "inactive", "invited"])
def test_every_sign_in_runs_one_argon2id_verification(app, create_user, verified_hashes, case, password):
    email = _email(case, create_user)
    user = services.authenticate(email, password)
    assert (user is not None) == (case == "known" and password == PASSWORD)
    assert len(verified_hashes) == 1 and _uses_the_current_parameters(app, verified_hashes[0])


def test_the_stand_in_hash_follows_changed_parameters(app, verified_hashes):
    services.authenticate("nobody@example.org", PASSWORD)
    app.config["ARGON2_TIME_COST"] = 2
    services.authenticate("nobody@example.org", PASSWORD)
    assert len(verified_hashes) == 2 and "t=1" in verified_hashes[0] and "t=2" in verified_hashes[1]
    assert _uses_the_current_parameters(app, verified_hashes[1])
