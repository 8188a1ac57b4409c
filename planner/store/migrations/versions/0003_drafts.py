"""Drafts: each author's unsaved work in the app, kept across reloads (never a version).

Revision ID: 0003
Revises: 0002
Create Date: 2027-01-11
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_KEY = 250


def upgrade() -> None:
    """Create the ``drafts`` table; the library's versions and audit are left as they are."""
    op.create_table(
        "drafts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("owner", sa.String(120), nullable=False),
        sa.Column("key", sa.String(_KEY), nullable=False),
        sa.Column("name", sa.String(_KEY), nullable=False),
        sa.Column("yaml_text", sa.Text, nullable=False),
        sa.Column("base_text", sa.Text, nullable=False),
        sa.Column("origin", sa.String(_KEY + 20), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("owner", "key", name="uq_draft_owner_key"),
    )
    op.create_index("ix_drafts_owner", "drafts", ["owner"])


def downgrade() -> None:
    """Drop the ``drafts`` table."""
    op.drop_index("ix_drafts_owner", table_name="drafts")
    op.drop_table("drafts")
