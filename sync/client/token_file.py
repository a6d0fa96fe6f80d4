"""A scheduled sync's token in a file only its owner can read: for an office box without a key store.

The file holds the device token of one profile (and the server, user name and device id it
belongs to) — never a password. It is used only when it is a regular file owned by the user
running the sync, that neither group nor others may read or write (mode 0600 or 0400), and when
it names the profile's own device; anything else is refused with a message saying how to fix it.
Like any device token it opens only the sync API for that device, and ``fieldbook-server device
revoke`` ends it. It is written atomically with mode 0600.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from sync.client.errors import SyncError, SyncErrorKind


def _refuse(message: str) -> SyncError:
    return SyncError(SyncErrorKind.AUTH, message)


class TokenFile:
    """Keeps the token of device ``device_id`` in ``path``; the same calls as CredentialStore."""

    notice = None  # the token outlives the session: nothing to warn about

    def __init__(self, path: Path, device_id: str):
        self.path = Path(path)
        self.device_id = device_id

    def save(self, server_url: str, username: str, token: str) -> None:
        self._write({"server_url": server_url.rstrip("/"), "username": username, "device_id": self.device_id,
                     "token": token, "retired": None})

    def find(self, server_url: str, username: str) -> str | None:
        """The token; SyncError saying why when the server refused it (every run says it again)."""
        content = self._read(server_url, username)
        if content is None:
            return None
        retired = content["retired"]
        if retired:
            raise SyncError(SyncErrorKind(retired["kind"]), retired["message"])
        return content["token"]

    def retire(self, server_url: str, username: str, why: SyncError) -> None:
        content = self._read(server_url, username)
        if content is not None and not content["retired"]:
            self._write({**content, "retired": {"kind": why.kind.value, "message": why.message}})

    def last_token(self, server_url: str, username: str) -> str | None:
        try:
            content = self._read(server_url, username)
        except SyncError:  # a file not fit for use proves nothing; signing in writes a good one
            return None
        return None if content is None else content["token"]

    def forget(self, server_url: str, username: str) -> None:
        self.path.unlink(missing_ok=True)

    def _read(self, server_url: str, username: str) -> dict | None:
        """The file's content if it is for this account (None if for another); SyncError if not fit for use."""
        try:
            fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except FileNotFoundError:
            raise _refuse(f"no token file {self.path}: sign in once with --user NAME --token-file "
                          f"{self.path} (the password on stdin)") from None
        except OSError as exc:
            raise _refuse(f"cannot read the token file {self.path}: {exc.strerror}") from None
        with os.fdopen(fd, encoding="utf-8") as file:
            self._check_safe(os.fstat(file.fileno()))
            try:
                content = json.load(file)
                account = (content["server_url"], content["username"])
                device_id, _token, retired = content["device_id"], content["token"], content["retired"]
                if retired is not None and (retired["kind"] not in set(SyncErrorKind)
                                            or not isinstance(retired["message"], str)):
                    raise TypeError("not a refusal")
            except (ValueError, KeyError, TypeError):
                raise _refuse(f"the token file {self.path} is not one Fieldbook wrote; sign in again with "
                              f"--user NAME --token-file {self.path}") from None
        if device_id != self.device_id:
            raise _refuse(f"the token file {self.path} belongs to another device ({device_id}), not this "
                          f"profile's ({self.device_id}); sign in with --user NAME --token-file to make one")
        return content if account == (server_url.rstrip("/"), username) else None

    def _check_safe(self, info: os.stat_result) -> None:
        if os.name != "posix":
            raise _refuse("token files are for Linux and macOS; elsewhere Fieldbook keeps the sign-in in the "
                          "system's key store")
        if not stat.S_ISREG(info.st_mode):
            raise _refuse(f"the token file {self.path} is not a regular file")
        if info.st_uid != os.geteuid():
            raise _refuse(f"the token file {self.path} belongs to user id {info.st_uid}, not to the user running "
                          f"this sync ({os.geteuid()}); it is not used")
        if info.st_mode & 0o077:
            raise _refuse(f"the token file {self.path} may be read or changed by others (mode "
                          f"{stat.S_IMODE(info.st_mode):04o}); it is not used. Run: chmod 600 {self.path}")

    def _write(self, content: dict) -> None:
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as file:
                json.dump(content, file)
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, self.path)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
