"""The client secret, kept Fernet-encrypted with a key derived from SECRET_KEY."""
import base64

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app


def _fernet() -> Fernet:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
               info=b"vernetzt.sso.client-secret").derive(current_app.config["SECRET_KEY"].encode())
    return Fernet(base64.urlsafe_b64encode(key))


def encrypt_secret(secret: str) -> str:
    """``secret`` encrypted for the database."""
    return _fernet().encrypt(secret.encode()).decode()


def decrypt_secret(stored: str) -> str | None:
    """The secret stored as ``stored``; None when SECRET_KEY has changed since it was saved."""
    try:
        return _fernet().decrypt(stored.encode()).decode()
    except InvalidToken:
        return None
