"""Households' industries from the reference list: free text that names a reference industry is mapped.

A household's industries were free text split at commas. Each that names a reference industry (its
name, English name or an alias, whatever its width, case or spaces) becomes that industry's name,
each once, with an outbox entry so the server and the other devices get the same list. Text that
names no reference industry stays exactly as typed; the 审核 page lists it for a manager to map.

Revision ID: household_industries
Revises: household_merged_into
Create Date: 2026-12-07 07:30:00
"""

from alembic import op

from desktop.store.industry_mapping import map_listed_household_industries
from desktop.store.reference_loader import load_industry_catalogue

revision = "household_industries"
down_revision = "household_merged_into"
branch_labels = None
depends_on = None


def upgrade() -> None:
    map_listed_household_industries(op.get_bind(), load_industry_catalogue())


def downgrade() -> None:
    """The mapped names stay: they are what the records now say, on the server too."""
