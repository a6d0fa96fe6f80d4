"""The year-end evaluation: weights kept with their year, and the offices' 后补助 confirmations.

Revision ID: evaluation_weights
Revises: bundle_keys
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "evaluation_weights"
down_revision = "bundle_keys"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "evaluation_weights",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("updated_by", sa.String(128), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("year", "key", name=op.f("pk_evaluation_weights")),
    )
    op.create_table(
        "subsidy_confirmations",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("unit_id", sa.String(32), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("confirmed_by", sa.String(128), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("year", "kind", "unit_id", name=op.f("pk_subsidy_confirmations")),
    )


def downgrade() -> None:
    op.drop_table("subsidy_confirmations")
    op.drop_table("evaluation_weights")
