"""The scenario library: save, version, restore, compare and delete scenarios, with an audit trail.

A scenario in the library is a name. Saving makes a new version holding the YAML text exactly as
given, its content hash, the author, the time, a note, tags and the last result's summary; nothing
is ever overwritten. Restoring copies an old version's text into a new newest version. Deleting
is soft and can be undone. Every change writes an audit entry in the same transaction.

Saves are safe with several writers: each save runs in one transaction that locks the scenario
(SQLite: the database, ``BEGIN IMMEDIATE``; PostgreSQL: the scenario's row) before numbering the
new version, and a clash (two first saves of a new name at once) is retried. A failure half-way
rolls the whole save back, so the previous version stays the newest, untouched.

Who may change what is checked here, not only by the app: every change takes an ``actor``
(:class:`~planner.store.accounts.Actor`). A signed-in account's role is read again in the
change's own transaction: saving a version or a comparison needs an editor; restoring, renaming,
deleting and bringing back need an admin. Without an actor, ``author`` names a local operator
(the ``planner`` command; the app on one person's machine), who may do everything, unless the
library was told that changes need a signed-in account (:attr:`Library.sign_in_required`, set
by the shared app).
"""

from __future__ import annotations

import difflib
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from planner.engine.results import Result
from planner.engine.scenarios import content_hash, parse_scenario
from planner.engine.schema import Scenario
from planner.store.accounts import Accounts, Actor, Role, authorize
from planner.store.db import check_existing, first_line, migrate, open_engine, safe_url
from planner.store.errors import LibraryError
from planner.store.models import (
    NAME_LENGTH,
    Audit,
    ComparisonMember,
    ComparisonRow,
    ScenarioRow,
    VersionRow,
)

__all__ = [
    "AuditEntry",
    "Library",
    "SavedComparison",
    "ScenarioEntry",
    "Version",
    "check_name",
    "summary_of",
    "text_diff",
]

T = TypeVar("T")

# path characters; ":" is allowed ("Kutim 2026: pemotongan"): every export cleans file names
_FORBIDDEN = re.compile(r'[/\\*?"<>|\x00-\x1f\x7f]')
_ATTEMPTS = 8
MAX_NOTE = 5000
MAX_TAGS = 30
MAX_TAG = 60
MAX_AUTHOR = 120
MIN_COMPARED, MAX_COMPARED = 2, 10


def check_name(name: str) -> str:
    """Return ``name`` trimmed, or raise LibraryError saying what a name may not hold.

    A name becomes a file name when a plan is exported, so it may not hold path characters.
    """
    cleaned = name.strip() if isinstance(name, str) else ""
    if not cleaned:
        raise LibraryError("lib_name_empty")
    if len(cleaned) > NAME_LENGTH:
        raise LibraryError("lib_name_long", name=cleaned[:40] + "...", n=len(cleaned),
                           most=NAME_LENGTH)
    bad = sorted(set(_FORBIDDEN.findall(cleaned)))
    if bad or cleaned in {".", ".."}:
        shown = " ".join(repr(c)[1:-1] for c in bad) or cleaned
        raise LibraryError("lib_name_chars", name=cleaned, chars=shown)
    if re.search(r"@\d+$", cleaned):  # NAME@2 means version 2 of NAME everywhere a name is read
        raise LibraryError("lib_name_at_version", name=cleaned)
    return cleaned


def _author(author: str) -> str:
    cleaned = _FORBIDDEN.sub("", author).strip() if isinstance(author, str) else ""
    if not cleaned:
        raise LibraryError("lib_author_empty")
    return _within(cleaned, MAX_AUTHOR, "author")


def _within(text: str, most: int, what: str) -> str:
    """Return ``text`` when it fits the column, else refuse it saying the limit (never cut)."""
    if len(text) > most:
        raise LibraryError(f"lib_long_{what}", n=len(text), most=most)
    return text


def _clean_text(text: str, most: int, what: str = "note") -> str:
    cleaned = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", text or "")
    return _within(cleaned, most, what)


def _tags(tags: Iterable[str]) -> list[str]:
    out: list[str] = []
    for tag in tags:
        cleaned = _clean_text(str(tag), MAX_TAG, "tag").strip().lower()
        if cleaned and cleaned not in out:
            out.append(cleaned)
    if len(out) > MAX_TAGS:
        raise LibraryError("lib_long_tags", n=len(out), most=MAX_TAGS)
    return out


def _now() -> datetime:
    return datetime.now(UTC)


def _utc(when: datetime) -> datetime:
    # SQLite hands back naive datetimes; they were stored in UTC
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Version:
    """One saved version of a scenario, as stored."""

    scenario: str
    number: int
    yaml_text: str
    content_hash: str
    author: str
    created_at: datetime
    note: str
    tags: tuple[str, ...]
    summary: dict[str, Any] | None
    restored_from: int | None

    def to_json(self, text: bool = False) -> dict[str, Any]:
        """Return the version as JSON data; the YAML text only when ``text``."""
        out: dict[str, Any] = {
            "scenario": self.scenario,
            "version": self.number,
            "content_hash": self.content_hash,
            "author": self.author,
            "saved_at": self.created_at.isoformat(),
            "note": self.note,
            "tags": list(self.tags),
            "summary": self.summary,
            "restored_from": self.restored_from,
        }
        if text:
            out["yaml"] = self.yaml_text
        return out


@dataclass(frozen=True)
class ScenarioEntry:
    """A scenario in a listing: its newest version and how many there are."""

    name: str
    versions: int
    latest: Version
    created_at: datetime
    created_by: str
    deleted_at: datetime | None = None
    deleted_by: str | None = None

    @property
    def deleted(self) -> bool:
        """True when the scenario is in the bin (soft-deleted)."""
        return self.deleted_at is not None

    def to_json(self) -> dict[str, Any]:
        """Return the entry as JSON data (the newest version without its text)."""
        return {
            "name": self.name,
            "versions": self.versions,
            "latest": self.latest.to_json(),
            "created_at": self.created_at.isoformat(),
            "created_by": self.created_by,
            "deleted": self.deleted,
            "deleted_at": self.deleted_at.isoformat() if self.deleted_at else None,
            "deleted_by": self.deleted_by,
        }


@dataclass(frozen=True)
class SavedComparison:
    """A saved comparison: the exact versions compared, the baseline's position and a note."""

    name: str
    note: str
    author: str
    created_at: datetime
    baseline: int
    members: tuple[Version, ...]
    deleted_at: datetime | None = None

    def to_json(self, text: bool = False) -> dict[str, Any]:
        """Return the comparison as JSON data."""
        return {
            "name": self.name,
            "note": self.note,
            "author": self.author,
            "saved_at": self.created_at.isoformat(),
            "baseline": self.baseline,
            "members": [m.to_json(text) for m in self.members],
            "deleted": self.deleted_at is not None,
        }


@dataclass(frozen=True)
class AuditEntry:
    """One line of the audit trail."""

    at: datetime
    actor: str
    action: str
    kind: str
    target: str
    version: int | None
    detail: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """Return the entry as JSON data."""
        return {"at": self.at.isoformat(), "actor": self.actor, "action": self.action,
                "kind": self.kind, "target": self.target, "version": self.version,
                "detail": self.detail}


def summary_of(result: Result) -> dict[str, Any]:
    """Return the figures a listing shows for a solved version (plain JSON data)."""
    ok = result.ok
    available = int(result.by_source["available"].sum()) if ok else 0
    unspent = int(result.by_source["unspent"].sum()) if ok else 0
    return {
        "status": str(result.status),
        "covered_workers": result.covered_workers if ok else 0,
        "bound_covered": result.bound_covered if ok else 0,
        "total_cost": result.total_cost if ok else 0,
        "available": available,
        "unspent": unspent,
        "solver": result.solution.solver,
        "solved_at": _now().isoformat(timespec="seconds"),
    }


def text_diff(old: Version, new: Version) -> str:
    """Return the line differences between two versions' YAML texts (unified diff)."""
    return "".join(difflib.unified_diff(
        old.yaml_text.splitlines(keepends=True), new.yaml_text.splitlines(keepends=True),
        fromfile=f"{old.scenario} v{old.number}", tofile=f"{new.scenario} v{new.number}",
    ))


def _version(row: VersionRow, name: str | None = None) -> Version:
    return Version(
        scenario=name if name is not None else row.scenario.name,
        number=row.number,
        yaml_text=row.yaml_text,
        content_hash=row.content_hash,
        author=row.author,
        created_at=_utc(row.created_at),
        note=row.note,
        tags=tuple(row.tags or ()),
        summary=row.summary,
        restored_from=row.restored_from,
    )


class Library:
    """A scenario library in one database (SQLite file or PostgreSQL).

    Open it with :meth:`open`; the schema is created or upgraded on opening. Methods that change
    something take the ``actor`` who does it (or, for a local operator, the ``author``'s name),
    check the actor's role and write the audit trail.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self.accounts = Accounts(engine)
        #: True in the shared app: a change without a signed-in actor is refused
        self.sign_in_required = False

    @classmethod
    def open(cls, url: str | None = None, *, create: bool = True) -> Library:
        """Open (and create or upgrade) the library at ``url`` (default: ``$PLANNER_DB_URL``).

        With ``create=False`` (the commands that only read) nothing is created or changed:
        a missing, empty or foreign database, or one of another schema revision, is refused
        before the library's settings touch it (:func:`~planner.store.db.check_existing`).

        Raises
        ------
        LibraryError
            When the URL is not understood or the database cannot be reached.

        """
        if not create:
            check_existing(url)
        engine = open_engine(url)
        if create:
            migrate(engine)
        return cls(engine)

    @property
    def url(self) -> str:
        """The database URL with its password hidden."""
        return safe_url(self.engine.url)

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    # --- writing ----------------------------------------------------------------------------------

    @staticmethod
    def _acting(actor: Actor | None, author: str | None) -> Actor:
        """Return the actor, or a local operator named ``author`` (refused when empty)."""
        if actor is not None:
            return actor if actor.signed_in else Actor.local(_author(actor.username))
        return Actor.local(_author(author or ""))

    def _who(self, session: Session, actor: Actor, needed: Role) -> str:
        """Return the name the audit records for ``actor``, or refuse (see ``authorize``)."""
        return authorize(session, actor, needed, sign_in_required=self.sign_in_required)

    def _write(self, action: Callable[[Session], T]) -> T:
        """Run ``action`` in one transaction, retrying when another writer got in first."""
        delay = 0.05
        for attempt in range(_ATTEMPTS):
            try:
                with self._sessions.begin() as session:
                    return action(session)
            except (IntegrityError, OperationalError) as exc:
                if attempt == _ATTEMPTS - 1 or not _retryable(exc):
                    raise LibraryError("lib_busy", detail=first_line(exc)) from None
                time.sleep(delay)
                delay = min(delay * 2, 1.0)
        raise AssertionError("unreachable")  # pragma: no cover

    def save(
        self,
        name: str,
        yaml_text: str,
        *,
        author: str | None = None,
        actor: Actor | None = None,
        note: str = "",
        tags: Iterable[str] | None = None,
        summary: dict[str, Any] | None = None,
    ) -> Version:
        """Save ``yaml_text`` as the newest version of the scenario ``name``.

        The text is validated first (a :class:`~planner.errors.ScenarioError` names the field)
        and stored exactly as given. A new name makes a new scenario. ``tags=None`` keeps the
        previous version's tags; a list (even empty) replaces them. Needs an editor.

        Raises
        ------
        ScenarioError
            When the text is not a valid scenario; nothing is stored.
        LibraryError
            For a bad name, a deleted scenario, an actor who is not an editor, or a database
            that stays busy.

        """
        name, who = check_name(name), self._acting(actor, author)
        scenario = parse_scenario(yaml_text, file=name)
        return self._write(lambda s: self._add_version(
            s, name, yaml_text, scenario, author=self._who(s, who, Role.EDITOR),
            note=_clean_text(note, MAX_NOTE),
            tags=None if tags is None else _tags(tags), summary=summary, restored_from=None,
            action="save"))

    def _add_version(
        self,
        session: Session,
        name: str,
        yaml_text: str,
        scenario: Scenario,
        *,
        author: str,
        note: str,
        tags: list[str] | None,
        summary: dict[str, Any] | None,
        restored_from: int | None,
        action: str,
    ) -> Version:
        now = _now()
        row = session.scalars(
            select(ScenarioRow).where(ScenarioRow.name == name).with_for_update()
        ).one_or_none()
        if row is None:
            row = ScenarioRow(name=name, created_at=now, created_by=author)
            session.add(row)
            session.flush()
        elif row.deleted_at is not None:
            raise LibraryError("lib_deleted", name=name)
        last = session.scalar(
            select(func.max(VersionRow.number)).where(VersionRow.scenario_id == row.id)
        )
        if tags is None:  # keep the tags the newest version has
            tags = list(session.scalar(select(VersionRow.tags).where(
                VersionRow.scenario_id == row.id, VersionRow.number == last)) or []) if last else []
        version = VersionRow(
            scenario_id=row.id, number=(last or 0) + 1, yaml_text=yaml_text,
            content_hash=content_hash(scenario), author=author, created_at=now, note=note,
            tags=tags, summary=summary, restored_from=restored_from,
        )
        session.add(version)
        detail: dict[str, Any] = {"content_hash": version.content_hash}
        if restored_from is not None:
            detail["restored_from"] = restored_from
        if note:
            detail["note"] = note[:200]
        session.add(Audit(at=now, actor=author, action=action, kind="scenario", target=name,
                          subject_id=row.id, version=version.number, detail=detail))
        session.flush()
        return _version(version, name)

    def restore(self, name: str, number: int, *, author: str | None = None,
                actor: Actor | None = None, note: str = "") -> Version:
        """Make version ``number``'s text the newest version again (a new version). Admin.

        Raises
        ------
        LibraryError
            When there is no such scenario or version, or the actor is not an admin.

        """
        who = self._acting(actor, author)
        old = self.version(name, number)
        scenario = parse_scenario(old.yaml_text, file=old.scenario)
        return self._write(lambda s: self._add_version(
            s, old.scenario, old.yaml_text, scenario, author=self._who(s, who, Role.ADMIN),
            note=_clean_text(note, MAX_NOTE), tags=list(old.tags), summary=old.summary,
            restored_from=number, action="restore"))

    def set_summary(self, name: str, number: int, summary: dict[str, Any], *,
                    actor: Actor | None = None) -> None:
        """Store the newest result summary of a version (its text is never changed). Editor."""
        who = actor or Actor.local("planner")

        def action(session: Session) -> None:
            self._who(session, who, Role.EDITOR)
            row = self._version_row(session, name, number)
            row.summary = summary
        self._write(action)

    def rename(self, name: str, new_name: str, *, author: str | None = None,
               actor: Actor | None = None) -> None:
        """Give a scenario a new name; its versions and saved comparisons follow it. Admin."""
        name, new_name = check_name(name), check_name(new_name)
        who = self._acting(actor, author)

        def action(session: Session) -> None:
            author = self._who(session, who, Role.ADMIN)
            row = self._scenario_row(session, name)
            if new_name != name and session.scalar(
                    select(ScenarioRow.id).where(ScenarioRow.name == new_name)) is not None:
                raise LibraryError("lib_name_taken", name=new_name)
            row.name = new_name
            session.add(Audit(at=_now(), actor=author, action="rename", kind="scenario",
                              target=new_name, subject_id=row.id,
                              detail={"from": name, "to": new_name}))
        self._write(action)

    def delete(self, name: str, *, author: str | None = None,
               actor: Actor | None = None) -> None:
        """Move a scenario to the bin (soft delete; :meth:`undelete` brings it back). Admin."""
        self._set_deleted(name, self._acting(actor, author), deleted=True)

    def undelete(self, name: str, *, author: str | None = None,
                 actor: Actor | None = None) -> None:
        """Bring a deleted scenario back. Admin."""
        self._set_deleted(name, self._acting(actor, author), deleted=False)

    def _set_deleted(self, name: str, who: Actor, *, deleted: bool) -> None:
        name = check_name(name)

        def action(session: Session) -> None:
            author = self._who(session, who, Role.ADMIN)
            row = self._scenario_row(session, name, deleted_ok=True)
            if deleted and row.deleted_at is not None:
                raise LibraryError("lib_deleted", name=name)
            if not deleted and row.deleted_at is None:
                raise LibraryError("lib_not_deleted", name=name)
            now = _now()
            row.deleted_at, row.deleted_by = (now, author) if deleted else (None, None)
            session.add(Audit(at=now, actor=author, action="delete" if deleted else "undelete",
                              kind="scenario", target=name, subject_id=row.id))
        self._write(action)

    # --- reading ----------------------------------------------------------------------------------

    @staticmethod
    def _scenario_row(session: Session, name: str, deleted_ok: bool = False) -> ScenarioRow:
        row = session.scalars(select(ScenarioRow).where(ScenarioRow.name == name)).one_or_none()
        if row is None:
            raise LibraryError("lib_not_found", name=name)
        if row.deleted_at is not None and not deleted_ok:
            raise LibraryError("lib_deleted", name=name)
        return row

    def _version_row(self, session: Session, name: str, number: int | None) -> VersionRow:
        row = self._scenario_row(session, check_name(name), deleted_ok=True)
        last = session.scalar(
            select(func.max(VersionRow.number)).where(VersionRow.scenario_id == row.id)) or 0
        wanted = last if number is None else number
        version = session.scalars(select(VersionRow).where(
            VersionRow.scenario_id == row.id, VersionRow.number == wanted)).one_or_none()
        if version is None:
            raise LibraryError("lib_no_version", name=row.name, version=number, last=last)
        return version

    def version(self, name: str, number: int | None = None) -> Version:
        """Return version ``number`` of ``name`` (the newest when None), text included."""
        with self._sessions() as session:
            return _version(self._version_row(session, name, number))

    def versions(self, name: str) -> list[Version]:
        """Return every version of ``name``, oldest first."""
        with self._sessions() as session:
            row = self._scenario_row(session, check_name(name), deleted_ok=True)
            return [_version(v, row.name) for v in row.versions]

    def scenarios(
        self, search: str = "", tags: Iterable[str] = (), include_deleted: bool = False
    ) -> list[ScenarioEntry]:
        """List scenarios by name, newest version first in each entry.

        ``search`` matches (ignoring case) the name, the newest note, its tags, author and the
        scenario's own name inside the text; every tag in ``tags`` must be on the newest version.
        """
        needle = search.strip().lower()
        wanted = set(_tags(tags))
        newest = (select(VersionRow.scenario_id, func.max(VersionRow.number).label("n"),
                         func.count().label("count"))
                  .group_by(VersionRow.scenario_id).subquery())
        query = (select(ScenarioRow, VersionRow, newest.c.count)
                 .join(newest, newest.c.scenario_id == ScenarioRow.id)
                 .join(VersionRow, (VersionRow.scenario_id == ScenarioRow.id)
                       & (VersionRow.number == newest.c.n))
                 .order_by(ScenarioRow.name))
        if not include_deleted:
            query = query.where(ScenarioRow.deleted_at.is_(None))
        out = []
        with self._sessions() as session:
            for scen, ver, n in session.execute(query):
                latest = _version(ver, scen.name)
                if wanted and not wanted <= set(latest.tags):
                    continue
                if needle and not any(needle in text.lower() for text in (
                        scen.name, latest.note, latest.author, " ".join(latest.tags),
                        _scenario_title(latest.yaml_text))):
                    continue
                out.append(ScenarioEntry(
                    name=scen.name, versions=int(n), latest=latest,
                    created_at=_utc(scen.created_at), created_by=scen.created_by,
                    deleted_at=_utc(scen.deleted_at) if scen.deleted_at else None,
                    deleted_by=scen.deleted_by))
        return out

    def all_tags(self) -> list[str]:
        """Return the tags on the scenarios' newest versions, sorted."""
        return sorted({tag for entry in self.scenarios() for tag in entry.latest.tags})

    # --- comparisons ------------------------------------------------------------------------------

    def save_comparison(
        self,
        name: str,
        members: Sequence[tuple[str, int | None]],
        *,
        baseline: int = 0,
        author: str | None = None,
        actor: Actor | None = None,
        note: str = "",
    ) -> SavedComparison:
        """Save a comparison of exact versions (``(scenario, version or None for newest)``).

        Raises
        ------
        LibraryError
            For 1 or more than 10 members, a baseline out of range, a version that does not
            exist, a comparison name already used, or an actor who is not an editor.

        """
        name, who = check_name(name), self._acting(actor, author)
        if not MIN_COMPARED <= len(members) <= MAX_COMPARED:
            raise LibraryError("lib_comparison_size", n=len(members))
        if isinstance(baseline, bool) or not 0 <= baseline < len(members):
            raise LibraryError("lib_comparison_baseline", n=len(members))

        def action(session: Session) -> SavedComparison:
            author = self._who(session, who, Role.EDITOR)
            if session.scalar(select(ComparisonRow.id).where(ComparisonRow.name == name)):
                raise LibraryError("lib_name_taken", name=name)
            rows = [self._version_row(session, scen, number) for scen, number in members]
            now = _now()
            comparison = ComparisonRow(name=name, note=_clean_text(note, MAX_NOTE),
                                       baseline=baseline, author=author, created_at=now)
            session.add(comparison)
            session.flush()
            for position, row in enumerate(rows):
                session.add(ComparisonMember(comparison_id=comparison.id, position=position,
                                             version_id=row.id))
            session.add(Audit(at=now, actor=author, action="save", kind="comparison",
                              target=name, subject_id=comparison.id, detail={"members": [
                                  [r.scenario.name, r.number] for r in rows]}))
            session.flush()
            return SavedComparison(name=name, note=comparison.note, author=author,
                                   created_at=now, baseline=baseline,
                                   members=tuple(_version(r) for r in rows))
        return self._write(action)

    def comparison(self, name: str) -> SavedComparison:
        """Reopen a saved comparison exactly as saved."""
        with self._sessions() as session:
            row = self._comparison_row(session, check_name(name))
            return SavedComparison(
                name=row.name, note=row.note, author=row.author,
                created_at=_utc(row.created_at), baseline=row.baseline,
                members=tuple(_version(m.version) for m in row.members),
                deleted_at=_utc(row.deleted_at) if row.deleted_at else None)

    @staticmethod
    def _comparison_row(session: Session, name: str) -> ComparisonRow:
        row = session.scalars(select(ComparisonRow).where(ComparisonRow.name == name)
                              ).one_or_none()
        if row is None:
            raise LibraryError("lib_comparison_not_found", name=name)
        return row

    def comparisons(self, include_deleted: bool = False) -> list[SavedComparison]:
        """List the saved comparisons by name."""
        with self._sessions() as session:
            query = select(ComparisonRow.name).order_by(ComparisonRow.name)
            if not include_deleted:
                query = query.where(ComparisonRow.deleted_at.is_(None))
            names = session.scalars(query).all()
        return [self.comparison(n) for n in names]

    def delete_comparison(self, name: str, *, author: str | None = None,
                          actor: Actor | None = None, deleted: bool = True) -> None:
        """Move a saved comparison to the bin, or (``deleted=False``) bring it back. Admin."""
        name, who = check_name(name), self._acting(actor, author)

        def action(session: Session) -> None:
            author = self._who(session, who, Role.ADMIN)
            row = self._comparison_row(session, name)
            now = _now()
            row.deleted_at, row.deleted_by = (now, author) if deleted else (None, None)
            session.add(Audit(at=now, actor=author, action="delete" if deleted else "undelete",
                              kind="comparison", target=name, subject_id=row.id))
        self._write(action)

    # --- audit ------------------------------------------------------------------------------------

    def audit(self, scenario: str | None = None, limit: int = 200) -> list[AuditEntry]:
        """Return the newest audit entries first: all, or one scenario's under any of its names."""
        query = select(Audit).order_by(Audit.id.desc()).limit(limit)
        with self._sessions() as session:
            if scenario is not None:
                row = self._scenario_row(session, check_name(scenario), deleted_ok=True)
                query = query.where(Audit.kind == "scenario", Audit.subject_id == row.id)
            return [AuditEntry(at=_utc(a.at), actor=a.actor, action=a.action, kind=a.kind,
                               target=a.target, version=a.version, detail=dict(a.detail or {}))
                    for a in session.scalars(query)]


def _scenario_title(yaml_text: str) -> str:
    match = re.search(r"^name:\s*(.+)$", yaml_text, flags=re.MULTILINE)
    return match.group(1).strip() if match else ""


def _retryable(exc: IntegrityError | OperationalError) -> bool:
    if isinstance(exc, IntegrityError):
        return True  # a unique name or version number taken by a writer that got in first
    text_ = str(exc.orig or exc).lower()
    return any(word in text_ for word in ("locked", "busy", "deadlock", "serializ", "could not"))

