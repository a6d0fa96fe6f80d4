"""Sync bundles: the server's own signing key, each device's registered key and bundle cursor.

Revision ID: bundle_keys
Revises: attach_uploaders
Create Date: 2026-12-06
"""

from __future__ import annotations

import os

import sqlalchemy as sa
from alembic import op

revision = "bundle_keys"
down_revision = "attach_uploaders"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("devices") as batch:
        batch.add_column(sa.Column("bundle_key", sa.String(64), nullable=True))
        batch.add_column(sa.Column("bundle_cursor", sa.BigInteger(), nullable=True))
    meta = sa.table("meta", sa.column("key", sa.String), sa.column("value", sa.Text))
    # The Ed25519 seed the server signs pull bundles with and receives push bundles by (see sync.bundle_file).
    op.bulk_insert(meta, [{"key": "bundle_key", "value": os.urandom(32).hex()}])


def downgrade() -> None:
    op.execute("DELETE FROM meta WHERE key = 'bundle_key'")
    with op.batch_alter_table("devices") as batch:
        batch.drop_column("bundle_cursor")
        batch.drop_column("bundle_key")
