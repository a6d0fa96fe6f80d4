"""Industries from the reference list: English names and aliases, and free-text industries mapped.

A visit's or training's industry was free text. Where the text names a reference industry (its
name, English name or an alias, whatever its width, case or spaces), it becomes that industry's
name, with an outbox entry so the server and the other devices get the same value. Text that names
no reference industry stays exactly as typed; the 审核 page lists it for a manager to map.

Revision ID: industry_reference
Revises: field_consent_date
Create Date: 2026-12-06 23:30:00
"""

import sqlalchemy as sa
from alembic import op

from desktop.store.industry_mapping import map_listed_industries
from desktop.store.reference_loader import load_industry_catalogue

revision = "industry_reference"
down_revision = "field_consent_date"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("industries") as batch:
        batch.add_column(sa.Column("name_en", sa.String(128), nullable=False, server_default=""))
        batch.add_column(sa.Column("aliases", sa.JSON(), nullable=False, server_default="[]"))
    map_listed_industries(op.get_bind(), load_industry_catalogue())


def downgrade() -> None:
    with op.batch_alter_table("industries") as batch:
        batch.drop_column("aliases")
        batch.drop_column("name_en")
