"""Key-store backends for tests: a secure-looking one in memory, and one that keeps tokens in a file
outside the profile (for the headless command, which runs in another process)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class MemoryKeyring(KeyringBackend):
    """Stands in for the OS key store within one process."""

    priority = 10  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.secrets.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


#: Names the file of the key store the whole test run shares (the store keys of its profiles).
STORE_KEYS_ENV = "FIELDBOOK_TEST_STORE_KEYS"


class FileKeyring(KeyringBackend):
    """Stands in for the OS key store across processes: ``$FIELDBOOK_TEST_KEYRING`` names its file,
    which tests keep outside every profile folder."""

    priority = 10  # type: ignore[assignment]

    def _path(self) -> Path:
        return Path(os.environ["FIELDBOOK_TEST_KEYRING"])

    def _load(self) -> dict[str, str]:
        path = self._path()
        return json.loads(path.read_text()) if path.exists() else {}

    def get_password(self, service: str, username: str) -> str | None:
        found = self._load().get(f"{service}/{username}")
        if found is None and self._path() != StoreKeyring()._path():
            found = StoreKeyring().get_password(service, username)  # the run's store keys
        return found

    def set_password(self, service: str, username: str, password: str) -> None:
        if username.startswith("store|") and not isinstance(self, StoreKeyring):
            StoreKeyring().set_password(service, username, password)  # outlives this test's file
            return
        data = self._load()
        data[f"{service}/{username}"] = password
        self._path().write_text(json.dumps(data))

    def delete_password(self, service: str, username: str) -> None:
        data = self._load()
        if data.pop(f"{service}/{username}", None) is None:
            raise PasswordDeleteError(username)
        self._path().write_text(json.dumps(data))


class StoreKeyring(FileKeyring):
    """The key store the whole test run shares, in ``$FIELDBOOK_TEST_STORE_KEYS``."""

    def _path(self) -> Path:
        return Path(os.environ[STORE_KEYS_ENV])
