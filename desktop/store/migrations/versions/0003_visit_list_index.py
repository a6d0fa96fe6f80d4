"""Visit list index: one covering index for filtering and paging, and household names in search keys.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 10:59:00
"""

import json

import sqlalchemy as sa
from alembic import op

from desktop.store.derived import visit_search_key

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_LIST_COLUMNS = ["deleted", "visit_date", "id", "village_code", "industry", "review_state", "author_id",
                 "station_id", "service_types", "search_key"]


def upgrade() -> None:
    conn = op.get_bind()
    names = dict(conn.execute(sa.text("SELECT id, name FROM households")).all())
    village = "(SELECT name FROM divisions d WHERE d.code = v.village_code)"
    rows = conn.execute(sa.text(
        f"SELECT id, {village}, industry, problem, advice, household_ids FROM visits v"
    )).all()
    updates = [
        {"k": visit_search_key(vname or "", industry, problem, advice,
                               [names[h] for h in json.loads(ids or "[]") if h in names]), "id": vid}
        for vid, vname, industry, problem, advice, ids in rows
    ]
    if updates:
        conn.execute(sa.text("UPDATE visits SET search_key = :k WHERE id = :id"), updates)
    op.drop_index("ix_visits_date", "visits")
    op.create_index("ix_visits_list", "visits", _LIST_COLUMNS)


def downgrade() -> None:
    op.drop_index("ix_visits_list", "visits")
    op.create_index("ix_visits_date", "visits", ["visit_date"])
