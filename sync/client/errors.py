"""The one error type sync raises: what went wrong, in words a specialist can act on."""

from __future__ import annotations

from enum import StrEnum


class SyncErrorKind(StrEnum):
    OFFLINE = "offline"  # the server could not be reached (no network, DNS, refused, timed out)
    AUTH = "auth"  # wrong user name / password, or the token is no longer valid
    REVOKED = "revoked"  # an administrator revoked this device
    UPGRADE_REQUIRED = "upgrade_required"  # the server no longer speaks this client's protocol
    SERVER = "server"  # the server failed (5xx, or busy after every retry), or its TLS certificate is bad
    PROTOCOL = "protocol"  # the server refused the request as malformed, or sent something unreadable


#: English source texts; the UI translates them in context "Sync".
MESSAGES = {
    SyncErrorKind.OFFLINE: "Cannot reach the server. Check the network connection and try again.",
    SyncErrorKind.AUTH: "The server did not accept your sign-in. Please sign in again.",
    SyncErrorKind.REVOKED: "This device has been revoked by an administrator. Ask them to restore it, then sign in again.",
    SyncErrorKind.UPGRADE_REQUIRED: "This version of Fieldbook is too old for the server; please upgrade.",
    SyncErrorKind.SERVER: "The server had a problem. Your records are safe on this computer; try again later.",
    SyncErrorKind.PROTOCOL: "The server and this version of Fieldbook do not understand each other.",
}


#: The server ended this device's session (password, role or station changed): the outbox waits.
SESSION_ENDED = ("Your sign-in has ended because your password, role or station was changed. Please sign in "
                 "again; changes not sent yet are kept and sent then.")


class SyncError(Exception):
    """A sync failure of a known ``kind``; ``message`` is shown to the user, ``detail`` is for the log."""

    def __init__(self, kind: SyncErrorKind, message: str | None = None, *, status: int | None = None,
                 detail: str = ""):
        self.kind = kind
        self.message = message or MESSAGES[kind]
        self.status = status
        self.detail = detail
        super().__init__(self.message)

    def __repr__(self) -> str:
        return f"SyncError(kind={self.kind.value}, status={self.status}, message={self.message!r})"
