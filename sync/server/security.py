"""Password hashing (argon2) and device tokens (random, stored as sha256 digests)."""

from __future__ import annotations

import functools
import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from sync.protocol import MIN_PASSWORD_LENGTH  # noqa: F401 (the server's rule, re-exported)

#: Stored in place of a password hash until a roster account is activated: no password matches it.
NOT_ACTIVATED = "!not-activated"
_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@functools.cache
def _decoy_hash() -> str:
    return _hasher.hash(secrets.token_hex(16))


def burn_password_check(password: str) -> None:
    """Spend the time of a real check, so an unknown user name answers as slowly as a known one."""
    verify_password(_decoy_hash(), password)


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
