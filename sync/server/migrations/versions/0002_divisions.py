"""Divisions and the annexes' leading industries per county, for the indicator reports.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "divisions",
        sa.Column("code", sa.String(12), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("level", sa.String(16), nullable=False),
        sa.Column("parent_code", sa.String(12), nullable=True),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_divisions")),
    )
    op.create_table(
        "annex_industries",
        sa.Column("county_code", sa.String(12), nullable=False),
        sa.Column("industry", sa.String(64), nullable=False),
        sa.Column("annex", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("county_code", "industry", "annex", name=op.f("pk_annex_industries")),
    )


def downgrade() -> None:
    op.drop_table("annex_industries")
    op.drop_table("divisions")
