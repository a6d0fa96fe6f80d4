"""What the UI and the headless ``fieldbook sync`` call: sign in, sync now, sync status, resolve conflicts.

Calls here do network work; the UI runs them on its network worker, never on the UI thread. Their
store calls go through ``local``, which hands them to the store's one writer thread when the UI
gives one (``write_on``): SQLite is written from one thread only.
"""

from __future__ import annotations

import datetime as dt
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from desktop.domain.kinds import RECORD_CLASSES
from desktop.domain.records import Conflict
from desktop.domain.validation import Context, validate
from desktop.services.changes import Changes, from_rows
from desktop.services.writer import OnWriter, RunOnWriter
from desktop.store import repository
from desktop.store.store import Store
from desktop.store.wire import from_wire
from sync.client.credentials import Credentials, CredentialStore
from sync.client.errors import SyncError, SyncErrorKind
from sync.client.report import SyncProgress, SyncReport
from sync.domain.vocabulary import RecordType

if TYPE_CHECKING:
    # The wire schema (pydantic), the HTTP client (requests) and the sync engine are imported when
    # the service is first made, on the store's worker: the main window starts without them.
    from desktop.store.local_store import DesktopLocalStore, RejectedChange
    from desktop.store.set_aside import SetAsideChange
    from sync.client.transport import Transport, TransportConfig
    from sync.protocol import ActivateRequest, LoginResponse

NOT_SIGNED_IN = "Sign in to the server first."


@dataclass(frozen=True)
class SignInResult:
    user_id: str
    display_name: str
    role: str
    station_id: str | None
    credentials_notice: str | None  # set when the token will not outlive this session


@dataclass(frozen=True)
class SyncOverview:
    """What the status bar and the sync dialog show."""

    server_url: str | None
    username: str | None
    signed_in: bool  # a token is at hand for this session
    pending_changes: int
    last_sync_at: str | None  # ISO 8601, UTC
    last_sync_ok: bool
    last_sync_result: str
    rejected: list[RejectedChange]
    open_conflicts: list[Conflict]
    credentials_notice: str | None
    set_aside: list[SetAsideChange] = field(default_factory=list)  # pulled records this device could not store


TransportFactory = Callable[["TransportConfig", str | None], "Transport"]


class SyncService:
    """One profile's sync; ``credentials`` is shared for the whole app session (it may hold tokens in memory)."""

    def __init__(self, store: Store, credentials: Credentials | None = None, *,
                 ca_bundle: str | None = None, transport_factory: TransportFactory | None = None,
                 today: Callable[[], dt.date] = dt.date.today):
        from desktop.store.local_store import DesktopLocalStore
        from sync.client.transport import Transport

        self.store = store
        self.local: DesktopLocalStore = OnWriter(DesktopLocalStore(store))  # type: ignore[assignment]
        self.credentials = credentials or CredentialStore()
        self.ca_bundle = ca_bundle
        self._transport_factory = transport_factory or Transport
        self._today = today

    def write_on(self, run_on_writer: RunOnWriter) -> None:
        """From now on, the store calls of sign-in and sync run through ``run_on_writer``."""
        self.local.run_on_writer = run_on_writer  # type: ignore[attr-defined]

    # --- sign in ----------------------------------------------------------------------------

    def sign_in(self, server_url: str, username: str, password: str, device_name: str | None = None,
                activation_code: str | None = None) -> tuple[SignInResult, Changes]:
        """Log in, link this profile to the account and keep the token; raises SyncError.

        With ``activation_code`` this is a new account's first sign-in: ``password`` is the one the
        specialist chose, set on the server as the code is used up."""
        from pydantic import ValidationError as WireValidationError

        from desktop.store.local_store import Account
        from sync.bundle_file import key_hex, signing_key
        from sync.protocol import ActivateRequest, LoginRequest

        server_url = server_url.strip().rstrip("/")
        try:
            request = LoginRequest(username=username.strip(), password=password,
                                   device_id=self.local.device_id(), device_name=device_name or _device_name(),
                                   device_key=key_hex(signing_key(self.local.bundle_key())))
            activation = None if activation_code is None else ActivateRequest(
                username=request.username, activation_code=activation_code.strip(), new_password=password,
                device_id=request.device_id, device_name=request.device_name, device_key=request.device_key)
        except WireValidationError as exc:
            raise SyncError(SyncErrorKind.AUTH, "Enter your user name and password.", detail=str(exc)) from exc
        transport = self._transport(server_url, None)
        try:
            response = (transport.login(request, self.credentials.last_token(server_url, request.username))
                        if activation is None else _activate(transport, activation))
        finally:
            transport.close()
        self.local.link_account(Account(server_url, request.username, response.user_id, response.display_name,
                                        response.role.value, response.station_id))
        if response.server_key:
            self.local.set_server_bundle_key(response.server_key)
        self.credentials.save(server_url, request.username, response.token)
        result = SignInResult(response.user_id, response.display_name, response.role.value, response.station_id,
                              self.credentials.notice)
        return result, Changes(identity=True, sync_state=True)

    def sign_out(self) -> Changes:
        account = self.local.account()
        if account is not None:
            self.credentials.forget(*account)
        return Changes(sync_state=True)

    def signed_in(self) -> bool:
        return self._has_token(self.local.account())

    def _has_token(self, account: tuple[str, str] | None) -> bool:
        try:
            return account is not None and self.credentials.find(*account) is not None
        except SyncError:  # a token file that is not fit for use, or one the server refused
            return False

    def server_reachable(self, timeout: float = 3.0) -> bool:
        """One short GET of the linked server's health check, no retries: the app's online light."""
        import requests

        from sync.protocol import HEALTH_PATH

        account = self.local.account()
        if account is None:
            return False
        try:
            response = requests.get(account[0] + HEALTH_PATH, timeout=timeout, verify=self.ca_bundle or True)
        except requests.RequestException:
            return False
        return response.status_code == 200

    # --- sync -------------------------------------------------------------------------------

    def sync_now(self, progress: Callable[[SyncProgress], None] | None = None,
                 cancelled: Callable[[], bool] = lambda: False) -> tuple[SyncReport, Changes]:
        """Run one sync with the stored token; failures come back in ``report.error``, never raised."""
        from sync.client.engine import SyncEngine

        account = self.local.account()
        try:
            token = self.credentials.find(*account) if account else None
        except SyncError as exc:  # a token file not fit for use says why
            return SyncReport(error=exc, still_pending=self.local.pending_count()), Changes()
        if account is None or token is None:
            report = SyncReport(error=SyncError(SyncErrorKind.AUTH, NOT_SIGNED_IN),
                                still_pending=self.local.pending_count())
            return report, Changes()
        transport = self._transport(account[0], token)
        self.local.take_touched()  # what this sync applies is counted from here
        try:
            report = SyncEngine(self.local, transport).run(progress, cancelled)
        finally:
            transport.close()
        if report.error is not None and report.error.kind in (SyncErrorKind.AUTH, SyncErrorKind.REVOKED):
            # The token opens nothing any more: ask to sign in again, keeping it as proof of this device.
            self.credentials.retire(*account, report.error)
        # Exactly the rows the pull, the downloads and the targets wrote; the outbox and status always.
        return report, from_rows(self.local.take_touched()) | Changes(sync_state=True)

    def overview(self) -> SyncOverview:
        account = self.local.account()
        last_at, last_ok, last_result = self.local.last_sync()
        return SyncOverview(
            server_url=account[0] if account else None, username=account[1] if account else None,
            signed_in=self._has_token(account), pending_changes=self.local.pending_count(), last_sync_at=last_at,
            last_sync_ok=last_ok, last_sync_result=last_result, rejected=self.local.rejected_changes(),
            open_conflicts=self.local.open_conflicts(), credentials_notice=self.credentials.notice,
            set_aside=self.local.set_aside_changes(),
        )

    # --- conflicts --------------------------------------------------------------------------

    def keep_value(self, conflict_id: str, side: str) -> Changes:
        """Resolve by keeping the server's value (``side="server"``) or the other one (``"client"``)."""
        with self.store.reader() as s:
            conflict = repository.get(s, Conflict, conflict_id)
        if conflict is None:
            raise KeyError(conflict_id)
        if side not in ("server", "client"):
            raise ValueError(f"side must be 'server' or 'client', not {side!r}")
        return self.resolve_conflict(conflict_id, conflict.server_value if side == "server" else conflict.client_value)

    def resolve_conflict(self, conflict_id: str, value: Any) -> Changes:
        """Set the field to ``value`` (a wire value: one side's, or a merge of both) and mark the
        conflict resolved. Both are ordinary edits, captured and pushed like any other; the record
        is validated first, so a bad merged value raises ValidationError and changes nothing.
        For an edit that met a delete (field ``deleted``), ``True`` keeps the record deleted and the
        edit's values ({field: value}) restore it with them."""
        with self.store.unit_of_work() as s:
            conflict = repository.get(s, Conflict, conflict_id)
            if conflict is None:
                raise KeyError(conflict_id)
            cls = RECORD_CLASSES[RecordType(conflict.record_type)]
            record = repository.get(s, cls, conflict.record_id)
            changes = Changes.of("conflicts", [conflict_id])
            if record is not None:
                wanted = _wanted_values(conflict.field, value)
                if any(getattr(record, name) != new for name, new in wanted.items()):
                    updated = record.with_changes(**wanted)
                    validate(updated, Context(today=self._today(),
                                              village_exists=lambda code: repository.village_exists(s, code)))
                    repository.put(s, updated)
                    changes = changes | from_rows([(conflict.record_type, conflict.record_id)])
            repository.put(s, conflict.with_changes(resolved=True, resolution=value))
        return changes

    def signed_in_transport(self) -> Transport:
        """A transport to the linked server with this session's token, for calls beside sync (the
        caller closes it); SyncError(AUTH, NOT_SIGNED_IN) when there is no token at hand."""
        account = self.local.account()
        token = self.credentials.find(*account) if account else None
        if account is None or token is None:
            raise SyncError(SyncErrorKind.AUTH, NOT_SIGNED_IN)
        return self._transport(account[0], token)

    def _transport(self, server_url: str, token: str | None) -> Transport:
        from sync.client.transport import TransportConfig

        config = TransportConfig(server_url=server_url, device_id=self.local.device_id(), ca_bundle=self.ca_bundle)
        return self._transport_factory(config, token)


def _wanted_values(field: str, value: Any) -> dict[str, Any]:
    """The record fields a resolution sets. An edit that met a delete is a conflict on ``deleted``
    whose client value is the edit itself ({field: value}): keeping it restores the record with it."""
    if field == "deleted" and isinstance(value, dict):
        return {"deleted": False, **{name: _domain_value(name, v) for name, v in value.items()}}
    return {field: _domain_value(field, value)}


def _domain_value(field: str, value: Any) -> Any:
    converted = from_wire(field, value)
    return tuple(converted) if isinstance(converted, list) else converted


def _device_name() -> str:
    return (socket.gethostname() or "Fieldbook device")[:128]


def _activate(transport: Transport, request: ActivateRequest) -> LoginResponse:
    try:
        return transport.activate(request)
    except SyncError as exc:
        if exc.message == "The user name or password is wrong.":
            raise SyncError(SyncErrorKind.AUTH, ACTIVATION_REFUSED, status=exc.status, detail=exc.detail) from exc
        raise


ACTIVATION_REFUSED = ("The user name or activation code is wrong, or the code was used or has expired. "
                      "Ask your administrator for a new code.")
