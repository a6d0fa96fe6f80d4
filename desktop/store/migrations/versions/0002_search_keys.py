"""Search keys: pinyin search columns, normalised phones and the visit-household index, backfilled.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 10:48:30
"""

import json

import sqlalchemy as sa
from alembic import op

from sync.domain.phone import normalise_phone
from desktop.domain.search_text import search_key

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_KEYED_TABLES = ("divisions", "industries", "trainings", "visits")


def upgrade() -> None:
    op.create_table(
        "visit_households",
        sa.Column("visit_id", sa.String(length=36), nullable=False),
        sa.Column("household_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(["visit_id"], ["visits.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("visit_id", "household_id"),
    )
    op.create_index("ix_visit_households_household_id", "visit_households", ["household_id"])
    for table in _KEYED_TABLES:
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(sa.Column("search_key", sa.Text(), nullable=False, server_default=""))
    with op.batch_alter_table("households") as batch_op:
        batch_op.add_column(sa.Column("phone_key", sa.String(length=32), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("search_key", sa.Text(), nullable=False, server_default=""))
        batch_op.create_index("ix_households_phone_key", ["phone_key"])
    _backfill(op.get_bind())


def _backfill(conn: sa.Connection) -> None:
    for table in ("divisions", "industries"):
        rows = conn.execute(sa.text(f"SELECT rowid, name FROM {table}")).all()
        conn.execute(sa.text(f"UPDATE {table} SET search_key = :k WHERE rowid = :r"),
                     [{"k": search_key(name), "r": rowid} for rowid, name in rows] or [{"k": "", "r": -1}])
    for rid, name, phone in conn.execute(sa.text("SELECT id, name, phone FROM households")).all():
        phone_key = normalise_phone(phone or "")
        conn.execute(sa.text("UPDATE households SET phone_key = :p, search_key = :k WHERE id = :id"),
                     {"p": phone_key, "k": " ".join(filter(None, (search_key(name), phone_key))), "id": rid})
    village = "(SELECT name FROM divisions d WHERE d.code = t.village_code)"
    for rid, vname, industry, problem, advice, households in conn.execute(sa.text(
        f"SELECT id, {village}, industry, problem, advice, household_ids FROM visits t"
    )).all():
        key = " ".join(filter(None, (search_key(vname or ""), industry.lower(), problem.lower(), advice.lower())))
        conn.execute(sa.text("UPDATE visits SET search_key = :k WHERE id = :id"), {"k": key, "id": rid})
        for hid in dict.fromkeys(json.loads(households or "[]")):
            conn.execute(sa.text("INSERT INTO visit_households (visit_id, household_id) VALUES (:v, :h)"),
                         {"v": rid, "h": hid})
    for rid, vname, topic, place, industry in conn.execute(sa.text(
        f"SELECT id, {village}, topic, place, industry FROM trainings t"
    )).all():
        key = " ".join(filter(None, (search_key(vname or ""), search_key(topic), place.lower(), industry.lower())))
        conn.execute(sa.text("UPDATE trainings SET search_key = :k WHERE id = :id"), {"k": key, "id": rid})


def downgrade() -> None:
    with op.batch_alter_table("households") as batch_op:
        batch_op.drop_index("ix_households_phone_key")
        batch_op.drop_column("search_key")
        batch_op.drop_column("phone_key")
    for table in _KEYED_TABLES:
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column("search_key")
    op.drop_index("ix_visit_households_household_id", "visit_households")
    op.drop_table("visit_households")
