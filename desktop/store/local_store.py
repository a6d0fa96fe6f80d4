"""The desktop store as the sync engine sees it: outbox, pulled pages, epochs, files, sync status.

Everything applied from the server goes through ``unit_of_work(remote=True)`` so it is not captured
in the outbox again. After an epoch change, the rows the device had are remembered as "unseen" (keys
``unseen:<type>:<id>`` in sync_state, written in the same transaction as the reset cursor); every
re-pulled page crosses off what it carries, and the page that ends the re-pull drops the rows never
seen again — they are out of the user's scope now — unless they hold local changes not yet acknowledged.

Every row a pull, a download or new targets wrote or removed is noted in ``touched`` as (record
type, id), so the caller can tell the views exactly what changed (``take_touched``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter
from sqlalchemy import delete, insert, inspect, literal, select, update
from sqlalchemy.orm import Session

from desktop.domain.records import Conflict
from desktop.store.capture import utcnow
from desktop.store.models import (
    SYNCED_ROWS,
    AttachmentRow,
    ConflictRow,
    LocalFile,
    Membership,
    OutboxRow,
    SetAsideRow,
    Station,
    SyncState,
    Target,
    User,
)
from desktop.store import bulk_apply, outbox, set_aside
from desktop.store.store import Store
from desktop.store.wire import from_wire, row_class, row_to_record, synced_fields
from sync.client.errors import SyncError, SyncErrorKind
from sync.client.local_store import PendingUpload, SyncPosition
from sync.domain.vocabulary import RecordType
from sync.protocol import (PULL_ONLY_TYPES, CompactEntry, EntryResult, OutboxEntry, PlanTarget, PullResponse,
                           RecordChange, compact_row)

UNSEEN = "unseen:"
TARGETS_VERSION = "targets_version"  # sync_state key: the server's targets version last applied
_UNSEEN_END = "unseen;"  # the first key after every "unseen:..." key
#: Keys of RecordChange.fields that are bookkeeping, never written to a column or to ``extra``.
_NOT_FIELDS = frozenset({"id", "revision", "extra"})


@dataclass(frozen=True)
class Account:
    """The server account a profile is linked to (the token itself lives in the key store)."""

    server_url: str
    username: str
    user_id: str
    display_name: str
    role: str
    station_id: str | None


@dataclass(frozen=True)
class RejectedChange:
    """A local change the server refused; it stays visible until the user has seen it."""

    seq: int
    record_type: str
    record_id: str
    kind: str
    reason: str
    time: dt.datetime


def _unseen_key(record_type: str, record_id: str) -> str:
    return f"{UNSEEN}{record_type}:{record_id}"


class DesktopLocalStore:
    """Implements ``sync.client.local_store.LocalStore`` over a profile's ``Store``."""

    def __init__(self, store: Store):
        self.store = store
        self.touched: set[tuple[str, str]] = set()

    def take_touched(self) -> set[tuple[str, str]]:
        """(record type, id) of every row applied from the server since the last call."""
        touched, self.touched = self.touched, set()
        return touched

    def device_id(self) -> str:
        device_id = self.store.state("device_id")
        assert device_id, "the store initialises its device id when it opens"
        return device_id

    # --- outbox -----------------------------------------------------------------------------

    def pending_entries(self, limit: int) -> list[OutboxEntry]:
        with self.store.reader() as s:
            rows = s.execute(select(*_ENTRY_COLUMNS).where(OutboxRow.acked.is_(False))
                             .order_by(OutboxRow.seq).limit(limit))
            # Plain column rows validated in one call: no mapped objects, no model per field change.
            return _ENTRIES.validate_python([
                {"device_id": device_id, "seq": seq, "record_type": record_type, "record_id": record_id,
                 "kind": kind, "base_revision": base_revision, "changes": changes,
                 "time": created_at.replace(tzinfo=dt.UTC)}
                for device_id, seq, record_type, record_id, kind, base_revision, changes, created_at in rows])

    def pending_push(self, limit: int, after: int = 0) -> list[CompactEntry]:
        # What is pushed: the compact form straight from the columns (no model per field change).
        with self.store.reader() as s:
            rows = s.execute(select(*_ENTRY_COLUMNS[1:]).where(OutboxRow.acked.is_(False), OutboxRow.seq > after)
                             .order_by(OutboxRow.seq).limit(limit))
            return [CompactEntry.model_construct(seq=seq, wire=compact_row(
                        seq, record_type, record_id, kind, base_revision, changes, created_at.replace(tzinfo=dt.UTC)))
                    for seq, record_type, record_id, kind, base_revision, changes, created_at in rows]

    def pending_count(self) -> int:
        with self.store.reader() as s:
            return outbox.pending_count(s)

    def record_push_results(self, results: list[EntryResult]) -> None:
        if not results:
            return
        with self.store.unit_of_work(remote=True) as s:
            by_seq = {r.seq: r for r in results}
            # A bundle's answer may name a season's entries: SQLCipher binds up to 250,000 values a statement.
            targets = s.execute(select(OutboxRow.seq, OutboxRow.record_type, OutboxRow.record_id)
                                .where(OutboxRow.seq.in_(by_seq))).all()
            # One statement per answer and per revision, not one per entry: a batch's entries mostly
            # share both (applied, revision 1 for new records).
            answers: dict[tuple[str, str | None], list[int]] = defaultdict(list)
            for r in results:
                answers[(r.status.value, r.reason)].append(r.seq)
            outbox_table = OutboxRow.__table__
            for (status, reason), seqs in answers.items():
                s.execute(update(outbox_table).where(outbox_table.c.seq.in_(seqs))
                          .values(acked=True, status=status, reason=reason))
            revisions: dict[tuple[str, int], list[str]] = defaultdict(list)
            for seq, record_type, record_id in targets:
                revision = by_seq[seq].revision
                if revision is not None:
                    revisions[(record_type, revision)].append(record_id)
                    self.touched.add((record_type, record_id))
            for (record_type, revision), ids in revisions.items():
                table = row_class(record_type).__table__
                # Never backwards: a pull may already have brought a later revision.
                s.execute(update(table).where(table.c.id.in_(ids), table.c.revision < revision).values(revision=revision))

    # --- pull -------------------------------------------------------------------------------

    def position(self) -> SyncPosition:
        with self.store.reader() as s:
            epoch = s.get(SyncState, "epoch")
            cursor = s.get(SyncState, "cursor")
            return SyncPosition(epoch.value if epoch else None, int(cursor.value) if cursor else 0)

    def apply_pull_page(self, page: PullResponse) -> int:
        """Records this device cannot store are set aside (see store.set_aside), never the page:
        returns how many of the page's records were set aside."""
        set_aside_now = 0
        with self.store.unit_of_work(remote=True) as s:
            by_type: dict[RecordType, list[RecordChange]] = defaultdict(list)
            for change in page.changes:
                by_type[change.record_type].append(change)
            for record_type, changes in by_type.items():
                if record_type in PULL_ONLY_TYPES:
                    _apply_reference(s, record_type, changes)
                    self.touched.update((str(record_type), c.record_id) for c in changes)
                else:
                    set_aside_now += set_aside.apply_or_set_aside(s, record_type, changes, self._apply_changes)
            if not page.has_more:
                set_aside.retry_all(s, self._apply_changes)
            for record_type, record_id in page.removed:
                if record_type in PULL_ONLY_TYPES:
                    continue  # colleagues and stations stay known, for names on older records
                row = s.get(row_class(record_type), record_id)
                if row is not None and not _unacked_fields(s, record_type, [record_id]):
                    s.delete(row)
                    self.touched.add((str(record_type), record_id))
            seen = [(c.record_type, c.record_id) for c in page.changes if c.record_type not in PULL_ONLY_TYPES]
            seen += page.removed
            self._cross_off_unseen(s, seen, finished=not page.has_more)
            self.store.set_state(s, "cursor", str(page.next_cursor))
            self.store.set_state(s, "epoch", page.server_epoch)
        return set_aside_now

    def _apply_changes(self, s: Session, record_type: RecordType, changes: list[RecordChange]) -> None:
        cls = row_class(record_type)
        ids = [c.record_id for c in changes]
        rows = {r.id: r for r in s.scalars(select(cls).where(cls.id.in_(ids)))}
        pending = _unacked_fields(s, record_type, ids)
        known = set(synced_fields(record_type))
        if len(set(ids)) == len(ids):  # new records in one go (store.bulk_apply); a page names a record once
            new = [c for c in changes if c.record_id not in rows]
            bulk_apply.insert_new(s, record_type, new, pending, known, _NOT_FIELDS)
            self.touched.update((str(record_type), c.record_id) for c in new)
            changes = [c for c in changes if c.record_id in rows]
        for change in changes:
            row = rows.get(change.record_id)
            if row is None:
                row = cls(id=change.record_id, revision=0, extra={})
                s.add(row)
                rows[row.id] = row
            elif change.revision < row.revision:
                continue  # an older state than one already applied; the newer one comes later
            self.touched.add((str(record_type), change.record_id))
            skip = pending.get(change.record_id, set())
            extra = dict(row.extra or {})
            # A stored row takes only the fields that differ: a pull-back of this device's own
            # records changes few (the server's time). A new one takes every field as sent.
            stored = inspect(row).persistent
            for name, value in change.fields.items():
                if name in skip or name in _NOT_FIELDS:
                    continue
                if name in known:
                    value = from_wire(name, value)
                    if not stored or getattr(row, name) != value:
                        setattr(row, name, value)
                else:
                    extra[name] = value  # from a newer peer: kept, not dropped
            if extra != (row.extra or {}):
                row.extra = extra
            row.revision = change.revision

    def start_epoch(self, epoch: str, acked_seq: int) -> None:
        with self.store.unit_of_work(remote=True) as s:
            self.store.set_state(s, "cursor", "0")
            self.store.set_state(s, "epoch", epoch)
            s.execute(update(OutboxRow).where(OutboxRow.seq > acked_seq)
                      .values(acked=False, status=None, reason=None))
            s.execute(delete(SyncState).where(SyncState.key >= UNSEEN, SyncState.key < _UNSEEN_END))
            # The re-pull sends again whatever is still in scope, set-aside records included.
            s.execute(delete(SetAsideRow))
            for record_type, cls in SYNCED_ROWS.items():
                prefix = literal(f"{UNSEEN}{record_type}:")
                s.execute(insert(SyncState).from_select(
                    ["key", "value"], select(prefix + cls.id, literal("")).where(cls.revision > 0)))

    def _cross_off_unseen(self, s: Session, seen: list[tuple[RecordType, str]], *, finished: bool) -> None:
        has_unseen = s.scalar(select(SyncState.key).where(SyncState.key >= UNSEEN, SyncState.key < _UNSEEN_END)
                              .limit(1))
        if has_unseen is None:
            return
        keys = [_unseen_key(t, i) for t, i in seen]
        for start in range(0, len(keys), 500):
            s.execute(delete(SyncState).where(SyncState.key.in_(keys[start:start + 500])))
        if not finished:
            return
        left = s.scalars(select(SyncState.key).where(SyncState.key >= UNSEEN, SyncState.key < _UNSEEN_END)).all()
        by_type: dict[str, list[str]] = defaultdict(list)
        for key in left:
            record_type, record_id = key[len(UNSEEN):].split(":", 1)
            by_type[record_type].append(record_id)
        for record_type, ids in by_type.items():
            pending = _unacked_fields(s, record_type, ids)
            cls = row_class(record_type)
            dropped = [i for i in ids if i not in pending]
            for start in range(0, len(dropped), 500):
                s.execute(delete(cls).where(cls.id.in_(dropped[start:start + 500])))
            self.touched.update((record_type, i) for i in dropped)
        s.execute(delete(SyncState).where(SyncState.key >= UNSEEN, SyncState.key < _UNSEEN_END))

    # --- targets ----------------------------------------------------------------------------

    def targets_version(self) -> int:
        return int(self.store.state(TARGETS_VERSION) or 0)

    def apply_targets(self, version: int, targets: list[PlanTarget]) -> None:
        """The server's targets replace the values here (targets it lacks stay as shipped)."""
        with self.store.unit_of_work(remote=True) as s:
            for t in targets:
                s.merge(Target(key=t.key, name_zh=t.name_zh, name_en=t.name_en, value=t.value, unit=t.unit,
                               scope=t.scope, source=t.source))
            self.store.set_state(s, TARGETS_VERSION, str(version))
        self.touched.update(("target", t.key) for t in targets)

    # --- attachment files -------------------------------------------------------------------

    def pending_uploads(self, *, records_sent: bool = True) -> list[PendingUpload]:
        """Files not yet on the server whose attachment record the server already has (with
        ``records_sent=False``: whose record is live here, sent or not, as a bundle carries them)."""
        with self.store.reader() as s:
            on_server = select(AttachmentRow.sha256).where(AttachmentRow.deleted.is_(False))
            if records_sent:
                on_server = on_server.where(AttachmentRow.revision > 0)
            rows = s.scalars(select(LocalFile).where(LocalFile.uploaded.is_(False), LocalFile.sha256.in_(on_server))
                             .order_by(LocalFile.size))
            return [PendingUpload(r.sha256, self._absolute(r.path), r.size, r.mime_type, self.store.read_file) for r in rows]

    def mark_uploaded(self, sha256: str) -> None:
        with self.store.unit_of_work(remote=True) as s:
            s.execute(update(LocalFile).where(LocalFile.sha256 == sha256).values(uploaded=True))

    def missing_downloads(self) -> list[str]:
        with self.store.reader() as s:
            return list(s.scalars(
                select(AttachmentRow.sha256).distinct()
                .where(AttachmentRow.deleted.is_(False), AttachmentRow.sha256.not_in(select(LocalFile.sha256)))
                .order_by(AttachmentRow.sha256)))

    def save_download(self, sha256: str, data: bytes) -> None:
        if hashlib.sha256(data).hexdigest() != sha256:
            raise ValueError(f"downloaded bytes do not match {sha256}")
        relative = self.add_file_bytes(sha256, data)
        with self.store.unit_of_work(remote=True) as s:
            mime = s.scalar(select(AttachmentRow.mime_type).where(AttachmentRow.sha256 == sha256).limit(1))
            s.merge(LocalFile(sha256=sha256, path=relative, size=len(data), mime_type=mime or "", uploaded=True))
            ids = s.scalars(select(AttachmentRow.id).where(AttachmentRow.sha256 == sha256)).all()
        self.touched.update(("attachment", i) for i in ids)

    def add_file_bytes(self, sha256: str, data: bytes) -> str:
        """Write a content-addressed file durably (temp file, fsync, rename); returns its profile-relative path."""
        relative = Path("files") / sha256[:2] / sha256
        target = self.store.profile_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = target.with_suffix(".part")
        with temp.open("wb") as f:
            f.write(self.store.sealed(data))
            f.flush()
            os.fsync(f.fileno())
        os.replace(temp, target)
        return relative.as_posix()

    def _absolute(self, path: str) -> Path:
        p = Path(path)
        return p if p.is_absolute() else self.store.profile_dir / p

    # --- account ----------------------------------------------------------------------------

    def account(self) -> tuple[str, str] | None:
        """(server URL, user name) this profile signed in with last, if any."""
        url, username = self.store.state("server_url"), self.store.state("username")
        return (url, username) if url and username else None

    def link_account(self, account: Account) -> None:
        """Make the signed-in server account this profile's user.

        The local first-run user ("local-…") becomes the server's user id everywhere: in ``users``,
        in sync_state, and as author of the records made before sign-in. Those records and their
        outbox entries, not sent yet, also move to the account's station if the station picked on
        first run was another: the server refuses a record whose author or station is not the
        pusher's. None of this is captured: it is who made the changes, not a change. A profile
        already linked to another account refuses.
        """
        with self.store.unit_of_work(remote=True) as s:
            state = s.get(SyncState, "user_id")
            old_id = state.value if state is not None else ""
            if old_id and old_id != account.user_id and not old_id.startswith("local-"):
                raise SyncError(SyncErrorKind.AUTH, "This profile belongs to another account. Sign in as its "
                                "owner, or use another profile for this account.")
            old = s.get(User, old_id) if old_id else None
            user = s.get(User, account.user_id) or User(id=account.user_id, specialist_type="")
            user.display_name = account.display_name
            user.role = account.role
            user.station_code = account.station_id
            if old is not None and old is not user:
                user.specialist_type = old.specialist_type
                user.home_county_code = old.home_county_code
            s.add(user)
            s.flush()
            if old is not None and old is not user:
                _hand_over_local_work(s, old_id, old.station_code, account)
                s.execute(delete(Membership).where(Membership.user_id == old_id))
                s.delete(old)
            if account.station_id:
                s.merge(Membership(user_id=account.user_id, station_code=account.station_id, role=account.role))
            for key, value in (("user_id", account.user_id), ("server_url", account.server_url),
                               ("username", account.username)):
                self.store.set_state(s, key, value)

    # --- bundle keys ------------------------------------------------------------------------

    def bundle_key(self) -> str:
        # The private key stays in the store, beside the data it signs: a lost laptop is revoked on
        # the server, which then refuses everything signed with it. (PyNaCl loads on first use only.)
        from sync.bundle_file import new_key, seed_hex

        with self.store.unit_of_work(remote=True) as s:
            row = s.get(SyncState, "bundle_key")
            if row is None:
                row = SyncState(key="bundle_key", value=seed_hex(new_key()))
                s.add(row)
            return row.value

    def server_bundle_key(self) -> str | None:
        return self.store.state("server_bundle_key")

    def set_server_bundle_key(self, key: str) -> None:
        with self.store.unit_of_work(remote=True) as s:
            self.store.set_state(s, "server_bundle_key", key)

    # --- status -----------------------------------------------------------------------------

    def last_sync(self) -> tuple[str | None, bool, str]:
        """(time of the last run, whether it finished, its summary)."""
        return (self.store.state("last_sync_at"), self.store.state("last_sync_ok") == "1",
                self.store.state("last_sync_result", "") or "")

    def rejected_changes(self, limit: int = 200) -> list[RejectedChange]:
        with self.store.reader() as s:
            rows = s.scalars(select(OutboxRow).where(OutboxRow.status == "rejected")
                             .order_by(OutboxRow.seq.desc()).limit(limit))
            return [RejectedChange(r.seq, r.record_type, r.record_id, r.kind, r.reason or "", r.created_at)
                    for r in rows]

    def set_aside_changes(self) -> list[set_aside.SetAsideChange]:
        """Pulled records this device could not store (kept until a later sync stores them)."""
        with self.store.reader() as s:
            return set_aside.held(s)

    def open_conflicts(self) -> list[Conflict]:
        with self.store.reader() as s:
            rows = s.scalars(select(ConflictRow).where(ConflictRow.resolved.is_(False), ConflictRow.deleted.is_(False))
                             .order_by(ConflictRow.created_at))
            return [row_to_record(r) for r in rows]  # type: ignore[misc]


    def record_sync_finished(self, ok: bool, message: str) -> None:
        now = utcnow().replace(tzinfo=dt.UTC).isoformat(timespec="seconds")
        with self.store.unit_of_work(remote=True) as s:
            self.store.set_state(s, "last_sync_at", now)
            self.store.set_state(s, "last_sync_ok", "1" if ok else "0")
            self.store.set_state(s, "last_sync_result", message)
            if ok:
                self.store.set_state(s, "last_success_at", now)


_ENTRY_COLUMNS = (OutboxRow.device_id, OutboxRow.seq, OutboxRow.record_type, OutboxRow.record_id, OutboxRow.kind,
                  OutboxRow.base_revision, OutboxRow.changes, OutboxRow.created_at)
_ENTRIES = TypeAdapter(list[OutboxEntry])


def _hand_over_local_work(s: Session, old_id: str, old_station: str | None, account: Account) -> None:
    """Records and unsent entries of the first-run user become the account's (see link_account)."""
    moved_station = account.station_id if old_station and account.station_id != old_station else None
    for cls in SYNCED_ROWS.values():
        s.execute(update(cls).where(cls.author_id == old_id).values(author_id=account.user_id))
        if moved_station:
            s.execute(update(cls).where(cls.author_id == account.user_id, cls.revision == 0,
                                        cls.station_id == old_station).values(station_id=moved_station))
    for row in s.scalars(select(OutboxRow).where(OutboxRow.acked.is_(False))):
        changes = {name: dict(change) for name, change in row.changes.items()}
        if changes.get("author_id", {}).get("new") == old_id:
            changes["author_id"]["new"] = account.user_id
        if moved_station and changes.get("station_id", {}).get("new") == old_station:
            changes["station_id"]["new"] = moved_station
        if changes != row.changes:
            row.changes = changes


def _apply_reference(s: Session, record_type: RecordType, changes: list[RecordChange]) -> None:
    """Stations and colleagues arrive as pull-only records; they update the reference tables."""
    for change in changes:
        f = change.fields
        if record_type == RecordType.STATION:
            station = s.get(Station, change.record_id) or Station(code=change.record_id, source="server")
            station.name = f.get("name") or station.name or change.record_id
            station.county_code = f.get("county_code") or station.county_code or ""
            station.league_code = f.get("league_code") or station.league_code or ""
            station.industries = list(f.get("industries") or [])
            station.expert_count = int(f.get("expert_count") or 0)
            s.add(station)
        elif record_type == RecordType.USER:
            user = s.get(User, change.record_id) or User(id=change.record_id, specialist_type="",
                                                         home_county_code=f.get("county_code"))
            user.display_name = f.get("display_name") or user.display_name or ""
            user.role = f.get("role") or user.role or ""
            user.station_code = f.get("station_id")
            if f.get("specialist_type"):  # kept on the account since roster imports; older servers omit it
                user.specialist_type = f["specialist_type"]
            s.add(user)


def _unacked_fields(s: Session, record_type: str, ids: Iterable[str]) -> dict[str, set[str]]:
    """Per record id, the fields with local changes the server has not acknowledged yet."""
    found: dict[str, set[str]] = defaultdict(set)
    ids = list(ids)
    for start in range(0, len(ids), 500):
        rows = s.execute(select(OutboxRow.record_id, OutboxRow.changes).where(
            OutboxRow.acked.is_(False), OutboxRow.record_type == str(record_type),
            OutboxRow.record_id.in_(ids[start:start + 500])))
        for record_id, changes in rows:
            found[record_id].update(changes)
    return found
