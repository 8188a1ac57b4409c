"""The library's tables, as SQLAlchemy 2 declarative models.

A scenario is a name; its versions keep the YAML text exactly as saved, never changed afterwards.
Deleting is soft (``deleted_at``), so it can be undone. Every change is written to ``audit_log`` in
the same transaction as the change itself. The people who may sign in to the shared app are in
``accounts``, with a role and an argon2id hash of their password (never the password). The schema
is created and migrated only by the Alembic scripts in ``planner/store/migrations``
(``0001_initial`` mirrors the library's classes, ``0002_accounts`` the accounts, ``0003_drafts``
the authors' unsaved drafts).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

__all__ = ["AccountRow", "Audit", "Base", "ComparisonMember", "ComparisonRow", "DraftRow",
           "ScenarioRow", "VersionRow"]

NAME_LENGTH = 120
DRAFT_KEY_LENGTH = 250  # a library name (120) with its version, or an uploaded file's name


class Base(DeclarativeBase):
    """Declarative base of the library's tables."""


class ScenarioRow(Base):
    """A named scenario in the library; its content lives in its versions."""

    __tablename__ = "scenarios"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str] = mapped_column(String(120))
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    deleted_by: Mapped[str | None] = mapped_column(String(120), default=None)

    versions: Mapped[list[VersionRow]] = relationship(
        back_populates="scenario", order_by="VersionRow.number"
    )


class VersionRow(Base):
    """One saved version: the exact YAML text, who saved it, when, why, and its last result."""

    __tablename__ = "scenario_versions"
    __table_args__ = (UniqueConstraint("scenario_id", "number", name="uq_version_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scenario_id: Mapped[int] = mapped_column(ForeignKey("scenarios.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    yaml_text: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    author: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    note: Mapped[str] = mapped_column(Text, default="")
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    summary: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    restored_from: Mapped[int | None] = mapped_column(Integer, default=None)

    scenario: Mapped[ScenarioRow] = relationship(back_populates="versions")


class ComparisonRow(Base):
    """A named set of scenario versions with a baseline, reopened exactly as saved."""

    __tablename__ = "comparisons"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH), unique=True)
    note: Mapped[str] = mapped_column(Text, default="")
    baseline: Mapped[int] = mapped_column(Integer)  # position of the baseline among the members
    author: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    deleted_by: Mapped[str | None] = mapped_column(String(120), default=None)

    members: Mapped[list[ComparisonMember]] = relationship(
        back_populates="comparison", order_by="ComparisonMember.position"
    )


class ComparisonMember(Base):
    """One scenario version in a saved comparison, at its column position."""

    __tablename__ = "comparison_members"

    comparison_id: Mapped[int] = mapped_column(ForeignKey("comparisons.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("scenario_versions.id"))

    comparison: Mapped[ComparisonRow] = relationship(back_populates="members")
    version: Mapped[VersionRow] = relationship()


class Audit(Base):
    """Who did what to which scenario or comparison, and when."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    actor: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(20))  # "scenario" | "comparison"
    target: Mapped[str] = mapped_column(String(NAME_LENGTH))  # the name at the time
    subject_id: Mapped[int | None] = mapped_column(Integer, default=None)  # follows renames
    version: Mapped[int | None] = mapped_column(Integer, default=None)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


USERNAME_LENGTH = 60
ROLES = ("viewer", "editor", "admin")  # each may do what the one before it may, and more


class AccountRow(Base):
    """Someone who may sign in to the shared app: a role and an argon2id password hash.

    Accounts are never deleted, only disabled (``disabled_at``), so the audit trail's usernames
    keep meaning someone.
    """

    __tablename__ = "accounts"
    __table_args__ = (
        CheckConstraint("role IN ('viewer', 'editor', 'admin')", name="ck_accounts_role"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(USERNAME_LENGTH), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(10))
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    disabled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    last_sign_in: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)


class DraftRow(Base):
    """An author's unsaved work on one scenario in the app: kept, never a version.

    One row per owner (the signed-in username, or the local operator's name) and key (the
    scenario's place in the app's list, e.g. ``kutim-2025.yaml`` or ``Kutim @3``). ``yaml_text``
    is the scenario as last edited, ``base_text`` what it started from (an upload's or a library
    version's text; empty for an example, whose file is the start). ``origin`` says where it came
    from: ``example:kutim-2025``, ``library:NAME@N``, ``upload`` or ``edited`` (kept in the app
    under a name of its own). Drafts are written outside the audit trail: they are no change to
    the library.
    """

    __tablename__ = "drafts"
    __table_args__ = (UniqueConstraint("owner", "key", name="uq_draft_owner_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner: Mapped[str] = mapped_column(String(120), index=True)
    key: Mapped[str] = mapped_column(String(DRAFT_KEY_LENGTH))
    name: Mapped[str] = mapped_column(String(DRAFT_KEY_LENGTH), default="")
    yaml_text: Mapped[str] = mapped_column(Text)
    base_text: Mapped[str] = mapped_column(Text, default="")
    origin: Mapped[str] = mapped_column(String(DRAFT_KEY_LENGTH + 20))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
