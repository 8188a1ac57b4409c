"""Drafts: each author's unsaved work in the app, kept in the library's database.

A draft is not a version. It holds what an author has open in the app and has changed, uploaded
or opened from the library, so that a reload, a crash or a second tab finds the work again. A
draft is keyed by its owner (the signed-in username, or on one person's machine the operator's
name) and by the scenario's place in the app's list; writing one replaces the owner's previous
draft of that key and never touches the library's versions, comparisons or audit trail.

The functions take the library's SQLAlchemy engine (``Library.engine``), so the app opens one
database for both.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine, delete, select
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from planner.store.db import first_line
from planner.store.errors import LibraryError
from planner.store.models import DRAFT_KEY_LENGTH, DraftRow

__all__ = ["AUTHOR_KEY", "Draft", "delete_draft", "list_drafts", "read_author", "save_author",
           "save_draft"]

AUTHOR_KEY = "~author"  # the row that keeps the name a local operator typed, not a scenario
_AUTHOR_ORIGIN = "author"
_OWNER_LENGTH = 120


@dataclass(frozen=True)
class Draft:
    """One draft as stored: whose, which scenario, its text now and what it started from."""

    owner: str
    key: str
    name: str
    yaml_text: str
    base_text: str
    origin: str
    updated_at: datetime


def _owner(owner: str) -> str:
    cleaned = owner.strip()[:_OWNER_LENGTH] if isinstance(owner, str) else ""
    if not cleaned:
        raise LibraryError("lib_author_empty")
    return cleaned


def _key(key: str) -> str:
    cleaned = key[:DRAFT_KEY_LENGTH] if isinstance(key, str) else ""
    if not cleaned.strip():
        raise LibraryError("lib_name_empty")
    return cleaned


def _utc(when: datetime) -> datetime:
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def _draft(row: DraftRow) -> Draft:
    return Draft(owner=row.owner, key=row.key, name=row.name, yaml_text=row.yaml_text,
                 base_text=row.base_text, origin=row.origin, updated_at=_utc(row.updated_at))


def _write(engine: Engine, owner: str, key: str, name: str, yaml_text: str, base_text: str,
           origin: str) -> Draft:
    """Insert or replace the row ``(owner, key)`` in one transaction (one retry on a clash)."""
    for attempt in range(2):
        try:
            with Session(engine, expire_on_commit=False) as session, session.begin():
                row = session.scalars(select(DraftRow).where(
                    DraftRow.owner == owner, DraftRow.key == key)).one_or_none()
                if row is None:
                    row = DraftRow(owner=owner, key=key)
                    session.add(row)
                row.name = name[:DRAFT_KEY_LENGTH]
                row.yaml_text, row.base_text = yaml_text, base_text
                row.origin = origin[:DRAFT_KEY_LENGTH + 20]
                row.updated_at = datetime.now(UTC)
                session.flush()
                return _draft(row)
        except IntegrityError as exc:  # two tabs wrote the same new draft at once
            if attempt:
                raise LibraryError("lib_busy", detail=first_line(exc)) from None
        except DBAPIError as exc:
            raise LibraryError("lib_busy", detail=first_line(exc)) from None
    raise AssertionError("unreachable")  # pragma: no cover


def save_draft(engine: Engine, owner: str, key: str, *, name: str, yaml_text: str,
               origin: str, base_text: str = "") -> Draft:
    """Keep ``yaml_text`` as ``owner``'s draft of ``key``, replacing the previous one.

    Parameters
    ----------
    engine
        The library's engine (``Library.engine``); its schema has the ``drafts`` table.
    owner
        The signed-in username, or the local operator's name.
    key
        The scenario's place in the app's list (``kutim-2025.yaml``, ``Kutim @3``).
    name
        The scenario's own name, for people.
    yaml_text
        The scenario as it is now, with the author's edits.
    origin
        Where it came from: ``example:STEM``, ``library:NAME@N``, ``upload`` or ``edited``.
    base_text
        The text it started from, when no file or version gives it back (uploads, ...).

    Raises
    ------
    LibraryError
        For an empty owner or key, or a database that cannot be written.

    """
    return _write(engine, _owner(owner), _key(key), name, yaml_text, base_text, origin)


def list_drafts(engine: Engine, owner: str) -> list[Draft]:
    """Return ``owner``'s drafts, the most recently changed first.

    Raises
    ------
    LibraryError
        When the database cannot be read.

    """
    try:
        with Session(engine) as session:
            rows = session.scalars(select(DraftRow).where(
                DraftRow.owner == _owner(owner), DraftRow.origin != _AUTHOR_ORIGIN)
                .order_by(DraftRow.updated_at.desc(), DraftRow.id.desc()))
            return [_draft(row) for row in rows]
    except DBAPIError as exc:
        raise LibraryError("lib_busy", detail=first_line(exc)) from None


def delete_draft(engine: Engine, owner: str, key: str) -> bool:
    """Forget ``owner``'s draft of ``key``; return whether there was one."""
    try:
        with Session(engine) as session, session.begin():
            gone = session.execute(delete(DraftRow).where(
                DraftRow.owner == _owner(owner), DraftRow.key == _key(key),
                DraftRow.origin != _AUTHOR_ORIGIN))
            return bool(getattr(gone, "rowcount", 0))
    except DBAPIError as exc:
        raise LibraryError("lib_busy", detail=first_line(exc)) from None


def save_author(engine: Engine, owner: str, author: str) -> None:
    """Remember the name a local operator typed for the library's records (not a draft)."""
    _write(engine, _owner(owner), AUTHOR_KEY, author.strip()[:_OWNER_LENGTH], "", "",
           _AUTHOR_ORIGIN)


def read_author(engine: Engine, owner: str) -> str:
    """Return the name :func:`save_author` kept for ``owner``, or ``""``."""
    try:
        with Session(engine) as session:
            name = session.scalar(select(DraftRow.name).where(
                DraftRow.owner == _owner(owner), DraftRow.key == AUTHOR_KEY,
                DraftRow.origin == _AUTHOR_ORIGIN))
    except DBAPIError as exc:
        raise LibraryError("lib_busy", detail=first_line(exc)) from None
    return name or ""
