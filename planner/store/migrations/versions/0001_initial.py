"""The first library schema: scenarios, their versions, comparisons and the audit trail.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create the five tables."""
    op.create_table(
        "scenarios",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(120), nullable=False, unique=True),
        sa.Column("created_at", _WHEN, nullable=False),
        sa.Column("created_by", sa.String(120), nullable=False),
        sa.Column("deleted_at", _WHEN, nullable=True),
        sa.Column("deleted_by", sa.String(120), nullable=True),
    )
    op.create_table(
        "scenario_versions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("scenario_id", sa.Integer, sa.ForeignKey("scenarios.id"), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("yaml_text", sa.Text, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("author", sa.String(120), nullable=False),
        sa.Column("created_at", _WHEN, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("tags", sa.JSON, nullable=False),
        sa.Column("summary", sa.JSON, nullable=True),
        sa.Column("restored_from", sa.Integer, nullable=True),
        sa.UniqueConstraint("scenario_id", "number", name="uq_version_number"),
    )
    op.create_index("ix_scenario_versions_scenario_id", "scenario_versions", ["scenario_id"])
    op.create_index("ix_scenario_versions_content_hash", "scenario_versions", ["content_hash"])
    op.create_table(
        "comparisons",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(120), nullable=False, unique=True),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("baseline", sa.Integer, nullable=False),
        sa.Column("author", sa.String(120), nullable=False),
        sa.Column("created_at", _WHEN, nullable=False),
        sa.Column("deleted_at", _WHEN, nullable=True),
        sa.Column("deleted_by", sa.String(120), nullable=True),
    )
    op.create_table(
        "comparison_members",
        sa.Column("comparison_id", sa.Integer, sa.ForeignKey("comparisons.id"),
                  primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("version_id", sa.Integer, sa.ForeignKey("scenario_versions.id"),
                  nullable=False),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", _WHEN, nullable=False),
        sa.Column("actor", sa.String(120), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("target", sa.String(120), nullable=False),
        sa.Column("subject_id", sa.Integer, nullable=True),
        sa.Column("version", sa.Integer, nullable=True),
        sa.Column("detail", sa.JSON, nullable=False),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])


def downgrade() -> None:
    """Drop the five tables."""
    op.drop_index("ix_audit_log_at", "audit_log")
    op.drop_table("audit_log")
    op.drop_table("comparison_members")
    op.drop_table("comparisons")
    op.drop_index("ix_scenario_versions_content_hash", "scenario_versions")
    op.drop_index("ix_scenario_versions_scenario_id", "scenario_versions")
    op.drop_table("scenario_versions")
    op.drop_table("scenarios")
