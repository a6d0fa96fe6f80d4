"""The year's key counties and plan counts a region admin keeps, and typical cases, for the evaluation.

Revision ID: evaluation_plan
Revises: evaluation_summaries
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "evaluation_plan"
down_revision = "evaluation_summaries"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "evaluation_plan",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("set_by", sa.String(128), nullable=False),
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("year", "kind", "key", name=op.f("pk_evaluation_plan")),
    )
    op.create_table(
        "typical_cases",
        sa.Column("record_type", sa.String(32), nullable=False),
        sa.Column("record_id", sa.String(64), nullable=False),
        sa.Column("write_up", sa.Text(), nullable=False),
        sa.Column("marked_by", sa.String(128), nullable=False),
        sa.Column("marked_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("record_type", "record_id", name=op.f("pk_typical_cases")),
    )


def downgrade() -> None:
    op.drop_table("typical_cases")
    op.drop_table("evaluation_plan")
