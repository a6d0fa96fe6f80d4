"""A restored store becomes a new device, so its next sync neither loses nor repeats a change.

The server keys every pushed entry by (device id, seq) and answers a resent key with its stored
result, changing nothing. A backup carries the old device's id and a ``next_seq`` from the day it
was made; the lost laptop may have pushed entries with the very seqs the restored store would hand
out next, and those new changes would be silently taken for resends. So a restore:

- gives the store a fresh device id (the user signs in again, which registers it);
- renumbers the entries the server had not acknowledged at backup time 1..k under the new id, in
  their order, so they are pushed (a change the lost laptop did push after the backup is then
  applied again with the same values: nothing changes, or a conflict if it was edited since);
- moves the acknowledged entries out of the new id's seq space (below every seq in use, order
  kept): they stay as the old device's history (its refused changes are still shown) but no epoch
  change can resend them, since the server's ledger knows them under the old id, not the new one;
- forces a full pull in a new epoch: cursor 0 and an epoch no server has, so the first answer
  starts LocalStore.start_epoch, which re-pulls everything, brings back what the lost laptop sent
  after the backup, and drops rows the user may no longer see.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import bindparam, create_engine, delete, func, select, update

from desktop.store import cipher
from desktop.store.models import OutboxRow, SyncState

#: Never a server's epoch: the first sync after a restore always starts a new one.
RESTORED_EPOCH = "restored-from-backup"
_UNSEEN, _UNSEEN_END = "unseen:", "unseen;"


@dataclass(frozen=True)
class DeviceHandover:
    old_device_id: str
    new_device_id: str
    pending: int  # entries to push under the new id
    history: int  # acknowledged entries kept as the old device's


def become_new_device(db_path: Path, key: bytes) -> DeviceHandover:
    """Rewrite the (not yet opened) restored store at ``db_path`` as a new device; one transaction."""
    engine = create_engine("sqlite://", creator=lambda: cipher.connect(db_path, key, check_same_thread=False))
    outbox = OutboxRow.__table__
    try:
        with engine.begin() as conn:
            old_id = conn.scalar(select(SyncState.value).where(SyncState.key == "device_id")) or ""
            new_id = str(uuid.uuid4())
            lowest, top = conn.execute(select(func.coalesce(func.min(outbox.c.seq), 0),
                                              func.coalesce(func.max(outbox.c.seq), 0))
                                       .where(outbox.c.acked.is_(True))).one()
            floor = min(0, lowest)
            history = conn.execute(update(outbox).where(outbox.c.acked.is_(True), outbox.c.seq > 0)
                                   .values(seq=outbox.c.seq - top - 1 + floor)).rowcount
            pending = conn.scalars(select(outbox.c.seq).where(outbox.c.acked.is_(False)).order_by(outbox.c.seq)).all()
            if pending:
                # Ascending, each new seq is at most the old one and the ones below are already moved.
                conn.execute(update(outbox).where(outbox.c.seq == bindparam("old")).values(
                    seq=bindparam("new"), device_id=new_id),
                    [{"old": old, "new": new} for new, old in enumerate(pending, 1)])
            conn.execute(delete(SyncState).where(SyncState.key >= _UNSEEN, SyncState.key < _UNSEEN_END))
            for key, value in (("device_id", new_id), ("next_seq", str(len(pending) + 1)), ("cursor", "0"),
                               ("epoch", RESTORED_EPOCH), ("restored_from_device", old_id)):
                conn.execute(delete(SyncState).where(SyncState.key == key))
                conn.execute(SyncState.__table__.insert().values(key=key, value=value))
    finally:
        engine.dispose()
    return DeviceHandover(old_id, new_id, len(pending), history)
