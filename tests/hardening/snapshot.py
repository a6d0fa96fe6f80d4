"""A server-side snapshot of everything a refused request must leave alone: records, uploads, files, targets."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import select

from sync.server.store.database import Database
from sync.server.store.models import Attachment, Record, Target


def server_state(db: Database, data_dir: Path) -> dict[str, Any]:
    """Records (with revision, change number and fields), upload progress rows, attachment files and targets."""
    with db.read() as session:
        records = sorted((r.record_type, r.record_id, r.revision, r.change_seq, r.deleted,
                          json.dumps(r.fields, sort_keys=True, ensure_ascii=False))
                         for r in session.execute(select(Record)).scalars())
        uploads = sorted((a.sha256, a.length, a.received, a.complete)
                         for a in session.execute(select(Attachment)).scalars())
        targets = sorted((t.key, t.value, t.revision, t.updated_by) for t in session.execute(select(Target)).scalars())
    files = sorted((str(p.relative_to(data_dir)), p.stat().st_size) for p in data_dir.rglob("*")
                   if p.is_file() and p.suffix not in (".db", ".db-wal", ".db-shm", ".db-journal"))
    return {"records": records, "uploads": uploads, "files": files, "targets": targets}
