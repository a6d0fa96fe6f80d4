"""Consent date on households.

Households that already hold a phone number or an ID-like note without consent are kept as they are:
the household form shows them with a message under the field, and they cannot be saved again until
the specialist ticks consent (having asked) or clears the field.

Revision ID: field_consent_date
Revises: poison_set_aside
Create Date: 2026-12-06 21:40:00
"""

import sqlalchemy as sa
from alembic import op

from desktop.domain.search_text import search_key

revision = "field_consent_date"
down_revision = "poison_set_aside"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("households") as batch:
        batch.add_column(sa.Column("consent_date", sa.Date(), nullable=True))
    conn = op.get_bind()
    unconsented = conn.execute(sa.text(
        "SELECT id, name FROM households WHERE NOT contact_consent AND phone <> ''")).all()
    for household_id, name in unconsented:
        # Their phone stays stored, but no longer makes them findable by it.
        conn.execute(sa.text("UPDATE households SET search_key = :key WHERE id = :id"),
                     {"key": search_key(name), "id": household_id})


def downgrade() -> None:
    with op.batch_alter_table("households") as batch:
        batch.drop_column("consent_date")
