"""Accounts for the shared app: who may sign in, with which role, and a hash of the password.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create the ``accounts`` table; the library's own tables are left as they are."""
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("username", sa.String(60), nullable=False, unique=True),
        sa.Column("display_name", sa.String(120), nullable=False),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("created_at", _WHEN, nullable=False),
        sa.Column("disabled_at", _WHEN, nullable=True),
        sa.Column("last_sign_in", _WHEN, nullable=True),
        sa.CheckConstraint("role IN ('viewer', 'editor', 'admin')", name="ck_accounts_role"),
    )


def downgrade() -> None:
    """Drop the ``accounts`` table."""
    op.drop_table("accounts")
