"""End-to-end helpers: a server process that can be killed and restarted on its port, signed-in
device profiles, and the record sets of both sides for comparison."""

from __future__ import annotations

import datetime as dt
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import func, select

from desktop.domain.records import ReviewEvent
from desktop.profile import Profile
from desktop.services.records import RecordService
from desktop.services.sync_service import SyncService
from desktop.store import repository
from desktop.store.models import SYNCED_ROWS, OutboxRow
from desktop.store.wire import to_wire
from sync.client.engine import SyncReport
from sync.domain.fields import RECORD_FIELDS
from sync.domain.vocabulary import RecordType, ReviewAction, ReviewState
from sync.protocol import HEALTH_PATH
from sync.server.store.database import Database
from sync.server.store.models import LedgerEntry, Record
from tests.factories import TODAY
from tests.server.conftest import REPO, free_port, server_command
from tests.server.support import PASSWORD

#: Fields both sides hold the same after a sync (times differ in form, not in value; checked apart).
COMPARED = {t: tuple(f for f in RECORD_FIELDS[t] if f not in ("created_at", "updated_at")) for t in
            (RecordType.HOUSEHOLD, RecordType.VISIT, RecordType.TRAINING, RecordType.REVIEW_EVENT,
             RecordType.ATTACHMENT, RecordType.CONFLICT)}


class ServerProcess:
    """``fieldbook-server serve`` on a fixed port, so clients keep their address across restarts."""

    def __init__(self, backend: str, database_url: str, directory: Path):
        self.backend = backend
        self.database_url = database_url
        self.directory = directory
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.data_dir = directory / "data"
        self.log_path = directory / "server.log"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        reference = self.directory / "no-reference"
        reference.mkdir(exist_ok=True)
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                server_command("serve", "--db", self.database_url, "--data-dir", str(self.data_dir),
                               "--port", str(self.port), "--reference-dir", str(reference), "--log-level", "warning"),
                cwd=REPO, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited at start:\n{self.log_path.read_text(errors='replace')}")
            try:
                if requests.get(self.base_url + HEALTH_PATH, timeout=2).status_code == 200:
                    return
            except requests.ConnectionError:
                pass
            time.sleep(0.05)
        raise RuntimeError("the server did not come up within 60 s")

    def stop(self, *, kill: bool = False) -> None:
        if self.process is None:
            return
        self.process.send_signal(signal.SIGKILL if kill else signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None

    def url(self, path: str) -> str:  # what tests.server.support.World expects of a server
        return self.base_url + path


@dataclass
class Device:
    """One specialist's laptop: a profile signed in to the server through ``server_url``."""

    name: str
    profile: Profile
    service: SyncService
    username: str

    @property
    def store(self):
        return self.profile.store

    @property
    def records(self) -> RecordService:
        identity = self.profile.identity.current()
        assert identity is not None
        return RecordService(self.profile.store, identity, today=lambda: TODAY)

    def sync(self, **kwargs: Any) -> SyncReport:
        report, _changes = self.service.sync_now(**kwargs)
        return report

    def sync_ok(self) -> SyncReport:
        report = self.sync()
        assert report.error is None and report.finished, report.summary()
        return report

    def review(self, record, action: ReviewAction, to_state: ReviewState, comment: str = "") -> ReviewEvent:
        """Submit / approve / return a visit or training the way the review screen does: one edit."""
        with self.store.unit_of_work() as s:
            event = repository.put(s, ReviewEvent(
                record_type=record.RECORD_TYPE, record_id=record.id, action=action, comment=comment,
                from_state=record.review_state, to_state=to_state,
                author_id=self.profile.identity.current().user_id, station_id=record.station_id))
            current = repository.get(s, type(record), record.id)
            repository.put(s, current.with_changes(review_state=to_state))
        return event


def sign_in(device: Device, server_url: str) -> None:
    device.service.sign_in(server_url, device.username, PASSWORD)


def _normal(field: str, value: Any) -> Any:
    value = to_wire(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def device_records(profile: Profile) -> dict[tuple[str, str], dict[str, Any]]:
    """Every synced record on the device: (type, id) -> compared fields and revision."""
    found = {}
    with profile.store.reader() as s:
        for record_type, cls in SYNCED_ROWS.items():
            for row in s.scalars(select(cls)):
                fields = {f: _normal(f, getattr(row, f)) for f in COMPARED[RecordType(record_type)]}
                found[(record_type, row.id)] = {**fields, "revision": row.revision}
    return found


def server_records(db: Database, ids: set[tuple[str, str]] | None = None) -> dict[tuple[str, str], dict[str, Any]]:
    """Synced records on the server (all, or those of ``ids``): (type, id) -> compared fields and revision."""
    found = {}
    with db.read() as s:
        for row in s.scalars(select(Record).where(Record.record_type.in_([t.value for t in COMPARED]))):
            key = (row.record_type, row.record_id)
            if ids is not None and key not in ids:
                continue
            fields = {f: _normal(f, row.fields.get(f)) for f in COMPARED[RecordType(row.record_type)]}
            found[key] = {**fields, "revision": row.revision}
    return found


def ledger_size(db: Database, device_id: str) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(LedgerEntry).where(LedgerEntry.device_id == device_id))


def outbox_size(device: Device) -> int:
    """Entries the device ever captured, acknowledged or not."""
    with device.store.reader() as s:
        return s.scalar(select(func.count()).select_from(OutboxRow))


def assert_converged(db: Database, *devices: Device) -> None:
    """Each device holds exactly the server's records it may see, field for field, and has nothing pending."""
    for device in devices:
        mine = device_records(device.profile)
        theirs = server_records(db, set(mine))
        assert device.service.local.pending_count() == 0, device.name
        assert set(theirs) == set(mine), f"{device.name}: records only here: {set(mine) - set(theirs)}"
        different = {k: (mine[k], theirs[k]) for k in mine if mine[k] != theirs[k]}
        assert not different, f"{device.name} differs from the server: {different}"


def utc(text: str) -> dt.datetime:
    parsed = dt.datetime.fromisoformat(text)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
