"""Where a device's sign-in token is kept: the OS key store, or this session's memory.

Tokens are filed under service "Fieldbook", one key per server URL and user name. When the
computer has no secure key store (a headless Linux box without a Secret Service, or only a
plaintext file backend), the token lives in this process's memory only and the user signs in
again next time; ``notice`` says so. (A township office's scheduled sync may instead keep its
token in a file it names itself: ``token_file.TokenFile``.) A token the server stopped taking is
kept retired, as proof of the device for its next sign-in.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

    from sync.client.errors import SyncError

log = logging.getLogger(__name__)

SERVICE = "Fieldbook"
NO_SECURE_STORE = "No secure key store on this computer; you will be asked to sign in again next time."


def _keyring_error() -> type[Exception]:
    """keyring's error class, imported when an error is being handled (keyring loads slowly)."""
    from keyring.errors import KeyringError

    return KeyringError


def credential_key(server_url: str, username: str) -> str:
    return f"{server_url.rstrip('/')}|{username}"


def retired_key(server_url: str, username: str) -> str:
    return credential_key(server_url, username) + "|retired"


class Credentials(Protocol):
    """Where a profile's token is kept: CredentialStore (the key store) or TokenFile (headless offices)."""

    @property
    def notice(self) -> str | None: ...
    def save(self, server_url: str, username: str, token: str) -> None: ...
    def find(self, server_url: str, username: str) -> str | None: ...
    def retire(self, server_url: str, username: str, why: SyncError) -> None: ...
    def last_token(self, server_url: str, username: str) -> str | None: ...
    def forget(self, server_url: str, username: str) -> None: ...


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
        """Keep a new token; the one it replaces, signed-in or retired, is dropped."""
        self._delete(retired_key(server_url, username))
        self._set(credential_key(server_url, username), token)

    def find(self, server_url: str, username: str) -> str | None:
        return self._get(credential_key(server_url, username))

    def retire(self, server_url: str, username: str, why: SyncError) -> None:
        """The server no longer takes the token (``why``): stop using it, but keep it as proof of this
        device for the next sign-in (see ``last_token``)."""
        token = self.find(server_url, username)
        if token is not None:
            self._delete(credential_key(server_url, username))
            self._set(retired_key(server_url, username), token)

    def last_token(self, server_url: str, username: str) -> str | None:
        """The last token the server gave this device, current or retired: sent with a sign-in so the
        server's password throttle knows the device (it opens nothing by itself)."""
        return self.find(server_url, username) or self._get(retired_key(server_url, username))

    def forget(self, server_url: str, username: str) -> None:
        for key in (credential_key(server_url, username), retired_key(server_url, username)):
            self._delete(key)

    def _set(self, key: str, token: str) -> None:
        if self.secure:
            try:
                self._backend.set_password(SERVICE, key, token)
                return
            except _keyring_error() as exc:
                log.warning("the key store refused the token (%s); keeping it in memory", type(exc).__name__)
                self.secure = False
        self._memory[key] = token

    def _get(self, key: str) -> str | None:
        if key in self._memory:
            return self._memory[key]
        if not self.secure:
            return None
        try:
            return self._backend.get_password(SERVICE, key)
        except _keyring_error() as exc:
            log.warning("could not read the key store (%s)", type(exc).__name__)
            return None

    def _delete(self, key: str) -> None:
        self._memory.pop(key, None)
        if self.secure:
            try:
                self._backend.delete_password(SERVICE, key)
            except _keyring_error():
                pass  # nothing stored under that key
