"""Attachment uploads per uploader: one progress row for each (sha256, user who sends it).

Before, one row per file was shared by everyone, so anyone could reset or extend another's upload,
and the server did not know who had sent the bytes. The uploader of a finished file is taken to be
the author of each live attachment record for it that reached the server before the file was
finished (the app pushes a record first, then uploads its photo), or failing that the author of the
first such record. An unfinished upload cannot be attributed and is dropped: its device finds
offset 0 on its next HEAD and sends the file again.

Revision ID: attach_uploaders
Revises: 0003
Create Date: 2026-12-06
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "attach_uploaders"
down_revision = "0003"
branch_labels = None
depends_on = None

TIME = sa.DateTime(timezone=True)
_COLUMNS = (sa.column("sha256", sa.String()), sa.column("length", sa.BigInteger()),
            sa.column("received", sa.BigInteger()), sa.column("complete", sa.Boolean()),
            sa.column("created_at", TIME), sa.column("completed_at", TIME))


def _create(with_uploader: bool) -> sa.Table:
    key = ["sha256", "uploader_id"] if with_uploader else ["sha256"]
    uploader = [sa.Column("uploader_id", sa.String(36), nullable=False),
                sa.ForeignKeyConstraint(["uploader_id"], ["users.id"], name=op.f("fk_attachments_uploader_id_users"))]
    return op.create_table(
        "attachments",
        sa.Column("sha256", sa.String(64), nullable=False),
        *(uploader if with_uploader else []),
        sa.Column("length", sa.BigInteger(), nullable=False),
        sa.Column("received", sa.BigInteger(), nullable=False),
        sa.Column("complete", sa.Boolean(), nullable=False),
        sa.Column("created_at", TIME, nullable=False),
        sa.Column("completed_at", TIME, nullable=True),
        sa.PrimaryKeyConstraint(*key, name=op.f("pk_attachments")),
    )


def _rows(connection: sa.Connection) -> list[dict[str, Any]]:
    table = sa.table("attachments", *_COLUMNS)
    return [dict(row._mapping) for row in connection.execute(sa.select(table))]


def _records_by_file(connection: sa.Connection) -> dict[str, list[tuple[dt.datetime, str]]]:
    """sha256 -> (when the record first reached the server, its author) for live attachment records."""
    arrivals = sa.text(
        "SELECT r.attachment_sha256, r.author_id, "
        "COALESCE((SELECT MIN(l.recorded_at) FROM ledger l WHERE l.record_type = r.record_type "
        "AND l.record_id = r.record_id), r.server_updated_at) AS arrived "
        "FROM records r JOIN users u ON u.id = r.author_id "
        "WHERE r.record_type = 'attachment' AND r.attachment_sha256 IS NOT NULL AND r.deleted = :no"
    ).columns(sa.column("attachment_sha256"), sa.column("author_id"), sa.column("arrived", TIME))
    found: dict[str, list[tuple[dt.datetime, str]]] = {}
    for sha256, author_id, arrived in connection.execute(arrivals, {"no": False}):
        found.setdefault(sha256, []).append((arrived, author_id))
    return found


def _uploaders(row: dict[str, Any], records: list[tuple[dt.datetime, str]]) -> set[str]:
    if not row["complete"] or not records:
        return set()
    finished = row["completed_at"]
    before = {author for arrived, author in records if finished is None or arrived <= finished}
    return before or {min(records)[1]}


def upgrade() -> None:
    connection = op.get_bind()
    old = _rows(connection)
    records = _records_by_file(connection)
    op.drop_table("attachments")
    table = _create(with_uploader=True)
    rows = [{**row, "uploader_id": uploader} for row in old
            for uploader in sorted(_uploaders(row, records.get(row["sha256"], [])))]
    if rows:
        op.bulk_insert(table, rows)


def downgrade() -> None:
    """Back to one row per file: a finished upload if there is one, else the furthest."""
    connection = op.get_bind()
    best: dict[str, dict[str, Any]] = {}
    for row in _rows(connection):
        held = best.get(row["sha256"])
        if held is None or (row["complete"], row["received"]) > (held["complete"], held["received"]):
            best[row["sha256"]] = row
    op.drop_table("attachments")
    table = _create(with_uploader=False)
    if best:
        op.bulk_insert(table, list(best.values()))
