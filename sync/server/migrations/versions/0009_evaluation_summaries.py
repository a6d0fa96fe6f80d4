"""The year-end evaluation's summaries, kept exact as records are written, and records by author.

Revision ID: evaluation_summaries
Revises: auth_sessions
Create Date: 2026-12-06

Rows for records already on the server are made the first time a year is evaluated
(store.evaluation_summary.ensure_built).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "evaluation_summaries"
down_revision = "auth_sessions"
branch_labels = None
depends_on = None

def _key() -> list[sa.Column]:
    return [sa.Column("year", sa.Integer(), nullable=False), sa.Column("rule", sa.String(32), nullable=False)]


def upgrade() -> None:
    op.create_index("ix_records_author_type", "records", ["author_id", "record_type"])
    op.create_table(
        "evaluation_specialists", *_key(),
        sa.Column("author_id", sa.String(36), nullable=False),
        sa.Column("station_id", sa.String(32), nullable=True),
        sa.Column("county_code", sa.String(12), nullable=False),
        sa.Column("visits", sa.Integer(), nullable=False),
        sa.Column("onsite_days", sa.Integer(), nullable=False),
        sa.Column("households", sa.Integer(), nullable=False),
        sa.Column("people_trained", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("year", "rule", "author_id", name=op.f("pk_evaluation_specialists")),
    )
    op.create_index("ix_evaluation_specialists_station", "evaluation_specialists", ["year", "rule", "station_id"])
    op.create_table(
        "evaluation_stations", *_key(),
        sa.Column("station_id", sa.String(32), nullable=False),
        sa.Column("households", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("year", "rule", "station_id", name=op.f("pk_evaluation_stations")),
    )
    op.create_table(
        "evaluation_places", *_key(),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("industry", sa.String(128), nullable=False),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("year", "rule", "kind", "code", "industry", name=op.f("pk_evaluation_places")),
    )


def downgrade() -> None:
    op.drop_table("evaluation_places")
    op.drop_table("evaluation_stations")
    op.drop_index("ix_evaluation_specialists_station", "evaluation_specialists")
    op.drop_table("evaluation_specialists")
    op.drop_index("ix_records_author_type", "records")
