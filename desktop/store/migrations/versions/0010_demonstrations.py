"""Demonstration bases and projects (示范基地, 示范项目), and the one a visit served.

Revision ID: demonstrations
Revises: household_industries
Create Date: 2026-12-07 07:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = "demonstrations"
down_revision = "household_industries"
branch_labels = None
depends_on = None

_TABLES = {"demonstration_bases": [sa.Column("year_established", sa.Integer(), nullable=True)],
           "demonstration_projects": [sa.Column("start_year", sa.Integer(), nullable=True),
                                      sa.Column("end_year", sa.Integer(), nullable=True)]}


def _columns() -> list[sa.Column]:
    return [
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("county_code", sa.String(6), nullable=False),
        sa.Column("township_code", sa.String(9), nullable=False),
        sa.Column("village_code", sa.String(12), nullable=False),
        sa.Column("industry", sa.String(128), nullable=False),
        sa.Column("specialist_id", sa.String(64), nullable=False),
        sa.Column("area_mu", sa.Float(), nullable=True),
        sa.Column("scale", sa.String(128), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("review_state", sa.String(16), nullable=False),
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("author_id", sa.String(64), nullable=False),
        sa.Column("station_id", sa.String(32), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("extra", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    ]


def upgrade() -> None:
    for table, own in _TABLES.items():
        op.create_table(table, *own, *_columns())
        with op.batch_alter_table(table) as batch:
            for column in ("author_id", "station_id", "county_code"):
                batch.create_index(f"ix_{table}_{column}", [column])
    with op.batch_alter_table("visits") as batch:
        batch.add_column(sa.Column("demonstration_id", sa.String(36), nullable=True))
        batch.create_index("ix_visits_demonstration_id", ["demonstration_id"])


def downgrade() -> None:
    with op.batch_alter_table("visits") as batch:
        batch.drop_index("ix_visits_demonstration_id")
        batch.drop_column("demonstration_id")
    for table in _TABLES:
        op.drop_table(table)
