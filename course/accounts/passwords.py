"""Password hashing with Argon2id, a memory-hard algorithm."""
import secrets
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app


def _parameters() -> tuple[int, int, int]:
    config = current_app.config
    return config["ARGON2_TIME_COST"], config["ARGON2_MEMORY_COST_KIB"], config["ARGON2_PARALLELISM"]


@cache
def _hasher_for(time_cost: int, memory_cost: int, parallelism: int) -> PasswordHasher:
    return PasswordHasher(time_cost=time_cost, memory_cost=memory_cost, parallelism=parallelism)


def _hasher() -> PasswordHasher:
    return _hasher_for(*_parameters())


@cache
def _stand_in_hash(time_cost: int, memory_cost: int, parallelism: int) -> str:
    return _hasher_for(time_cost, memory_cost, parallelism).hash(secrets.token_urlsafe(32))


def hash_password(password: str) -> str:
    """Return an Argon2id hash of ``password`` with the configured cost."""
    return _hasher().hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Whether ``password`` matches ``password_hash``.

    Without a hash (no account, or one that cannot sign in) the password is checked
    against a stand-in hash of a random secret with the current parameters, so the
    answer is always False and takes as long as for a real account: how long a
    sign-in takes tells nobody whether an address has an account.
    """
    try:
        return _hasher().verify(password_hash or _stand_in_hash(*_parameters()), password) and bool(password_hash)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Whether the hash was made with other cost settings than the current ones."""
    return _hasher().check_needs_rehash(password_hash)
