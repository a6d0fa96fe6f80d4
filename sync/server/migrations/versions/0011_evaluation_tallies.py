"""The multiplicities the evaluation's summaries are kept from by per-write deltas.

Revision ID: evaluation_tallies
Revises: evaluation_plan
Create Date: 2026-12-07

The marks of the years summarised before are taken away, so each year is summarised afresh with its
tallies (set-based, store.evaluation_build.ensure_built, which replaces the year's rows) the first
time it is evaluated.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "evaluation_tallies"
down_revision = "evaluation_plan"
branch_labels = None
depends_on = None


def _text(length: int) -> sa.types.TypeEngine:
    """Compared byte by byte on PostgreSQL: a region's year inserts millions of keys into these indexes."""
    return sa.String(length).with_variant(sa.String(length, collation="C"), "postgresql")


def _key() -> list[sa.Column]:
    return [sa.Column("year", sa.Integer(), nullable=False), sa.Column("rule", _text(32), nullable=False)]


def upgrade() -> None:
    op.create_table(
        "evaluation_tallies", *_key(),
        sa.Column("author_id", _text(36), nullable=False),
        sa.Column("part", _text(16), nullable=False),
        sa.Column("key", _text(64), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("year", "rule", "author_id", "part", "key", name=op.f("pk_evaluation_tallies")),
    )
    op.create_table(
        "evaluation_station_households", *_key(),
        sa.Column("station_id", _text(32), nullable=False),
        sa.Column("household", _text(64), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("year", "rule", "station_id", "household",
                                name=op.f("pk_evaluation_station_households")),
    )
    op.execute("DELETE FROM meta WHERE key LIKE 'evaluation_summary_%'")


def downgrade() -> None:
    op.drop_table("evaluation_station_households")
    op.drop_table("evaluation_tallies")
    op.execute("DELETE FROM meta WHERE key LIKE 'evaluation_summary_%'")
