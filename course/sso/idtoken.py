"""Checking an ID token with joserfc: signature by the provider's keys, issuer, audience, times and nonce."""
import time

from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from course.sso import fetching

LEEWAY = 60  # seconds of clock difference allowed between Vernetzt and the provider
ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "ES256", "ES384", "EdDSA"]


class TokenRefused(Exception):
    """The ID token is not one Vernetzt may trust; the message says which check failed (no token in it)."""


def now() -> int:
    """The current time in seconds; tests move it."""
    return int(time.time())


def _decode(id_token: str, document: dict) -> jwt.Token:
    for fresh in (False, True):  # a key the cached set lacks: the provider may have rotated its keys
        keys = KeySet.import_key_set(fetching.signing_keys(document, fresh=fresh))  # type: ignore[arg-type]
        try:
            return jwt.decode(id_token, keys, algorithms=ALGORITHMS)
        except JoseError as error:
            if fresh or type(error).__name__ not in {"InvalidKeyIdError", "MissingKeyError", "BadSignatureError"}:
                raise TokenRefused(f"signature: {error.error}") from None
    raise TokenRefused("signature")  # not reached


def validate_id_token(id_token: str, document: dict, *, client_id: str, nonce: str) -> dict:
    """The claims of ``id_token`` once every check has passed; TokenRefused otherwise."""
    if not isinstance(id_token, str) or not id_token:
        raise TokenRefused("no ID token")
    claims = _decode(id_token, document).claims
    registry = jwt.JWTClaimsRegistry(
        now=now, leeway=LEEWAY,
        iss={"essential": True, "value": document["issuer"]},
        aud={"essential": True, "value": client_id},
        sub={"essential": True},
        exp={"essential": True},
        iat={"essential": True},
        nonce={"essential": True, "value": nonce},
    )
    try:
        registry.validate(claims)
    except JoseError as error:
        raise TokenRefused(f"{error.error}: {error.description}") from None
    audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
    if len(audiences) > 1 and claims.get("azp") != client_id:
        raise TokenRefused("azp: the token was issued to another client")
    return claims
