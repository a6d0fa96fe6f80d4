"""Where a device's sign-in token is kept: the OS key store, or this session's memory — never a file.

Tokens are filed under service "Fieldbook", one key per server URL and user name. When the
computer has no secure key store (a headless Linux box without a Secret Service, or only a
plaintext file backend), the token lives in this process's memory only and the user signs in
again next time; ``notice`` says so.
"""

from __future__ import annotations

import logging

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

log = logging.getLogger(__name__)

SERVICE = "Fieldbook"
NO_SECURE_STORE = "No secure key store on this computer; you will be asked to sign in again next time."


def _keyring_error() -> type[Exception]:
    """keyring's error class, imported when an error is being handled (keyring loads slowly)."""
    from keyring.errors import KeyringError

    return KeyringError


def credential_key(server_url: str, username: str) -> str:
    return f"{server_url.rstrip('/')}|{username}"


def is_secure(backend: KeyringBackend) -> bool:
    """Whether ``backend`` keeps secrets somewhere safer than a readable file."""
    from keyring.backends import chainer, fail, null

    if isinstance(backend, (fail.Keyring, null.Keyring)):
        return False
    if isinstance(backend, chainer.ChainerBackend):
        return any(is_secure(b) for b in backend.backends)
    cls = type(backend)
    # keyrings.alt's file backends write the secret (plain or with a weak password) into a file.
    return not (cls.__module__.startswith("keyrings.alt.file") or "plaintext" in cls.__name__.lower())


class CredentialStore:
    """Saves, finds and forgets tokens; ``secure`` is False when they only live in memory."""

    def __init__(self, backend: KeyringBackend | None = None, *, session_only: bool = False):
        """``session_only``: keep tokens in memory by design (a throwaway profile such as the demo's),
        never touching the key store and with no notice about it. The key store is looked up when a
        token is first needed, not here: finding it (D-Bus on Linux) is no part of the app's start."""
        self._session_only = session_only
        self._given_backend = backend
        self._found: KeyringBackend | None = None
        self._secure: bool | None = False if session_only else None
        self._memory: dict[str, str] = {}

    @property
    def _backend(self) -> KeyringBackend:
        if self._found is None:
            import keyring

            self._found = self._given_backend or keyring.get_keyring()
        return self._found

    @property
    def secure(self) -> bool:
        if self._secure is None:
            self._secure = is_secure(self._backend)
        return self._secure

    @secure.setter
    def secure(self, value: bool) -> None:
        self._secure = value

    @property
    def notice(self) -> str | None:
        """A sentence to show the user when tokens cannot be kept between sessions."""
        return None if self.secure or self._session_only else NO_SECURE_STORE

    def save(self, server_url: str, username: str, token: str) -> None:
        key = credential_key(server_url, username)
        if self.secure:
            try:
                self._backend.set_password(SERVICE, key, token)
                return
            except _keyring_error() as exc:
                log.warning("the key store refused the token (%s); keeping it in memory", type(exc).__name__)
                self.secure = False
        self._memory[key] = token

    def find(self, server_url: str, username: str) -> str | None:
        key = credential_key(server_url, username)
        if key in self._memory:
            return self._memory[key]
        if not self.secure:
            return None
        try:
            return self._backend.get_password(SERVICE, key)
        except _keyring_error() as exc:
            log.warning("could not read the key store (%s)", type(exc).__name__)
            return None

    def forget(self, server_url: str, username: str) -> None:
        key = credential_key(server_url, username)
        self._memory.pop(key, None)
        if self.secure:
            try:
                self._backend.delete_password(SERVICE, key)
            except _keyring_error():
                pass  # nothing stored under that key
