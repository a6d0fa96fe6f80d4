"""Pages of the changes a user may see, in change-sequence order from the device's cursor."""

from __future__ import annotations

from sync.protocol import PULL_PAGE_SIZE, PullResponse
from sync.server.services.auth import Caller
from sync.server.store import changes, ledger, records
from sync.server.store.database import Database


def pull(db: Database, caller: Caller, cursor: int, limit: int) -> PullResponse:
    limit = max(1, min(limit, PULL_PAGE_SIZE))
    with db.read() as session:
        # Read the watermark first: every change numbered below it is committed (store.changes),
        # so the page reads only below it, and once the page comes back short the cursor may jump
        # to it, past rows this user cannot see, and a no-op pull stays cheap.
        below = changes.watermark(session)
        page = records.changes_after(session, caller.viewer, cursor, limit + 1, below)
        acked = ledger.acked_seq(session, caller.device_id)
    has_more = len(page) > limit
    page = page[:limit]
    last = page[-1][0] if page else cursor
    next_cursor = last if has_more else max(cursor, last, below - 1)
    return PullResponse(changes=[change for _seq, change in page], next_cursor=next_cursor, has_more=has_more,
                        server_epoch=caller.epoch, acked_seq=acked)
