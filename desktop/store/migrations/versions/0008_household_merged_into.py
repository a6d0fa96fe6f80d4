"""Households merged into another one (merged_into): the duplicate of a family, kept but not listed.

Revision ID: household_merged_into
Revises: industry_reference
Create Date: 2026-12-06 23:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = "household_merged_into"
down_revision = "industry_reference"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("households") as batch:
        batch.add_column(sa.Column("merged_into", sa.String(36), nullable=True))
        batch.create_index("ix_households_merged_into", ["merged_into"])


def downgrade() -> None:
    with op.batch_alter_table("households") as batch:
        batch.drop_index("ix_households_merged_into")
        batch.drop_column("merged_into")
