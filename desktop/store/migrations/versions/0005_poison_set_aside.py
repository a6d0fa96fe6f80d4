"""Set-aside rows: pulled records this device could not store, kept with the reason.

Revision ID: poison_set_aside
Revises: evaluation_visit_end_date
Create Date: 2026-12-06 20:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "poison_set_aside"
down_revision = "evaluation_visit_end_date"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "set_aside_rows",
        sa.Column("record_type", sa.String(16), primary_key=True),
        sa.Column("record_id", sa.String(64), primary_key=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("set_aside_at", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("set_aside_rows")
