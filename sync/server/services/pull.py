"""Pages of the changes a user may see, in change-sequence order from the device's cursor.

A page is sent as the database wrote each change (store.records.change_texts_after): the server
neither parses nor re-encodes the records' fields, so a page costs the server about what reading
its rows costs. A page holds at most ``limit`` changes (protocol.PULL_PAGE_SIZE) and stops once it
passes PULL_PAGE_BYTES of change text, so a page of long records stays a size a slow link carries.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from sync.protocol import PULL_PAGE_SIZE, PlanTarget, PullResponse
from sync.server.services import auth
from sync.server.services import targets as target_service
from sync.server.services.auth import Caller
from sync.server.store import changes, ledger, records
from sync.server.store.database import Database

#: A page stops after the change that takes its change text past this many bytes (at least one
#: change goes in every page, however long).
PULL_PAGE_BYTES = 1024 * 1024


@dataclass(frozen=True)
class PullPage:
    """One page: ``changes`` are the JSON texts of protocol.RecordChange objects."""

    changes: list[str]
    next_cursor: int
    has_more: bool
    server_epoch: str
    acked_seq: int
    targets_version: int | None = None
    targets: list[PlanTarget] | None = None

    def json(self) -> bytes:
        """The page as protocol.PullResponse JSON; the targets fields only when asked for (as protocol 1 had none)."""
        rest = PullResponse(changes=[], next_cursor=self.next_cursor, has_more=self.has_more,
                            server_epoch=self.server_epoch, acked_seq=self.acked_seq,
                            targets_version=self.targets_version, targets=self.targets,
                            ).model_dump_json(exclude={"changes"}, exclude_none=True)
        return f'{{"changes":[{",".join(self.changes)}],{rest[1:]}'.encode()

    def response(self) -> PullResponse:
        return PullResponse.model_validate_json(self.json())


def pull(db: Database, caller: Caller, cursor: int, limit: int = PULL_PAGE_SIZE,
         targets_version: int | None = None) -> PullPage:
    """The page after ``cursor``; with ``targets_version`` (the device's) also the server's version
    and, when they differ, every target."""
    with db.read() as session:
        return _page(session, caller, cursor, limit, targets_version)


def pull_with_token(db: Database, token: str | None, cursor: int, limit: int = PULL_PAGE_SIZE,
                    targets_version: int | None = None) -> PullPage:
    """``pull`` for the caller behind a bearer token (services.auth), checked in the same transaction
    as the page is read: what a device's sync calls most often costs one transaction, not two."""
    with db.read() as session:
        caller, seen_due = auth.caller_in(session, token)
        page = _page(session, caller, cursor, limit, targets_version)
    if seen_due:
        auth.note_seen(db, caller)
    return page


def _page(session: Session, caller: Caller, cursor: int, limit: int, targets_version: int | None) -> PullPage:
    limit = max(1, min(limit, PULL_PAGE_SIZE))
    # Read the watermark first: every change numbered below it is committed (store.changes),
    # so the page reads only below it, and once the page comes back short the cursor may jump
    # to it, past rows this user cannot see, and a no-op pull stays cheap.
    below = changes.watermark(session)
    rows = records.change_texts_after(session, caller.viewer, cursor, limit + 1, below)
    acked = ledger.acked_seq(session, caller.device_id)
    version, plan_targets = (None, None) if targets_version is None else \
        target_service.for_pull_in(session, targets_version)
    kept, size = 0, 0
    while kept < min(len(rows), limit) and (kept == 0 or size <= PULL_PAGE_BYTES):
        size += len(rows[kept][1])
        kept += 1
    has_more = len(rows) > kept
    last = rows[kept - 1][0] if kept else cursor
    next_cursor = last if has_more else max(cursor, last, below - 1)
    return PullPage([text for _seq, text in rows[:kept]], next_cursor, has_more, caller.epoch, acked,
                    version, plan_targets)


def pull_response(db: Database, caller: Caller, cursor: int, limit: int = PULL_PAGE_SIZE) -> PullResponse:
    """The page as a protocol.PullResponse object (sync bundles keep pages as objects)."""
    return pull(db, caller, cursor, limit).response()
