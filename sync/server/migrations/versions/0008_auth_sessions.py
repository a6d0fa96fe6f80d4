"""Sessions ended by account changes, and login failures counted per source and known device.

Revision ID: auth_sessions
Revises: console_accounts
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "auth_sessions"
down_revision = "console_accounts"
branch_labels = None
depends_on = None

TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("devices") as batch:
        batch.add_column(sa.Column("session_ended", sa.String(32), nullable=True))
    # Failed logins only matter for 15 minutes: the old rows (keyed on the user name alone) go.
    op.drop_table("login_failures")
    _create_login_failures(with_source=True)


def downgrade() -> None:
    op.drop_table("login_failures")
    _create_login_failures(with_source=False)
    with op.batch_alter_table("devices") as batch:
        batch.drop_column("session_ended")


def _create_login_failures(*, with_source: bool) -> None:
    columns = [sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
               sa.Column("username", sa.String(64), nullable=False)]
    if with_source:
        columns += [sa.Column("source", sa.String(64), nullable=False),
                    sa.Column("device_id", sa.String(64), nullable=True)]
    op.create_table("login_failures", *columns, sa.Column("failed_at", TIME, nullable=False),
                    sa.PrimaryKeyConstraint("id", name=op.f("pk_login_failures")))
    indexed = ("username", "source", "device_id", "failed_at") if with_source else ("username",)
    for column in indexed:
        op.create_index(op.f(f"ix_login_failures_{column}"), "login_failures", [column])
