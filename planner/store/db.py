"""Where the library lives and how it is opened: the engine, its settings, and migrations.

SQLite is the default, in ``data/library.db`` beside ``app.py`` (the folder is made when first
needed); ``PLANNER_DB_URL`` or an explicit URL points elsewhere, e.g.
``postgresql+psycopg://user:password@host/dbname``.

SQLite writers take the database lock when their transaction begins (``BEGIN IMMEDIATE``) and wait
up to 30 s for it, so two processes saving at once queue instead of failing; WAL lets readers go on
meanwhile. PostgreSQL writers lock the scenario's row. The schema is made and upgraded by Alembic
on opening, under a lock, so two processes opening a new library at once do not race.

What can go wrong with the file itself is said plainly, never as a traceback: a URL part that
cannot be right (a port that is not a number, a driver that is not installed) is named with the
password hidden; a SQLite file with damaged pages is refused before anything is read from it or
written to it, naming the file, the newest versions that can still be read and how to recover
them; a file or folder that may not be written is opened read-only, so reads go on and a save
says the library is read-only instead of busy; another program's SQLite file is never given the
library's tables.
"""

from __future__ import annotations

import os
import re
import shlex
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect, make_url, text
from sqlalchemy.engine import URL, ExceptionContext
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from planner.store.errors import LibraryError

__all__ = [
    "DATA_DIR",
    "DEFAULT_URL_ENV",
    "default_url",
    "first_line",
    "migrate",
    "open_engine",
    "parse_url",
    "safe_url",
    "sqlite_path",
]

DATA_DIR = Path(__file__).resolve().parent.parent.parent / "data"
DEFAULT_URL_ENV = "PLANNER_DB_URL"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BUSY_SECONDS = 30
_LOCK_KEY = 7_041_926  # PostgreSQL advisory lock held while migrating
_SQLITE_MAGIC = b"SQLite format 3\x00"
_MAX_PORT = 65_535
_SHOWN_READABLE = 8  # newest readable versions a damage message lists
# SQLite's primary result codes (the low byte of ``sqlite_errorcode``)
_SQLITE_READONLY, _SQLITE_CORRUPT, _SQLITE_CANTOPEN, _SQLITE_NOTADB = 8, 11, 14, 26


def default_url() -> str:
    """Return ``$PLANNER_DB_URL`` or the SQLite file in the data folder."""
    env = os.environ.get(DEFAULT_URL_ENV, "").strip()
    if env:
        return env
    return f"sqlite:///{DATA_DIR / 'library.db'}"


def safe_url(url: str | URL) -> str:
    """Return the URL with its password hidden, for messages and logs.

    A URL SQLAlchemy cannot read (a port that is not a number, one slash too few) still has
    everything between ``user:`` and the last ``@`` hidden.
    """
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return _redact(str(url))


def _redact(raw: str) -> str:
    head, at, tail = raw.rpartition("@")
    if not at:
        return raw
    match = re.match(r"^([A-Za-z][A-Za-z0-9+.\-]*:/*)?([^:@/]*)(:.*)?$", head, re.DOTALL)
    if match is None:
        return "***@" + tail
    scheme, user, password = match.groups()
    return f"{scheme or ''}{user}{':***' if password else ''}@{tail}"


def _port_text(raw: str) -> str:
    """Return the text written as the port of ``raw`` (between the host's ``:`` and the path)."""
    netloc = raw.partition("://")[2].partition("/")[0].partition("?")[0]
    hostport = netloc.rpartition("@")[2]
    if hostport.startswith("[") and "]" in hostport:  # [IPv6]:port
        return hostport.partition("]")[2].removeprefix(":")[:40]
    return hostport.partition(":")[2][:40]


def parse_url(raw: str) -> URL:
    """Read a database URL, or say which part of it cannot be right (password hidden).

    Raises
    ------
    LibraryError
        ``lib_bad_url`` (not a URL at all), ``lib_url_port`` (a port that is not a number from
        1 to 65535), ``lib_url_host`` (a host holding ``@`` or a space: a password with ``@``
        written as is), ``lib_url_sqlite`` (``sqlite://file`` with two slashes) or
        ``lib_url_scheme`` (a driver that does not exist or is not installed).

    """
    shown = safe_url(raw)
    try:
        parsed = make_url(raw)
    except ArgumentError:
        raise LibraryError("lib_bad_url", url=shown) from None
    except ValueError:  # SQLAlchemy reads the port with int()
        raise LibraryError("lib_url_port", url=shown, port=_port_text(raw)) from None
    backend = parsed.get_backend_name()
    if backend not in {"sqlite", "postgresql"}:
        raise LibraryError("lib_bad_url", url=shown)
    if parsed.port is not None and not 1 <= parsed.port <= _MAX_PORT:
        raise LibraryError("lib_url_port", url=shown, port=str(parsed.port))
    host = parsed.host or ""
    if backend == "sqlite" and host:
        raise LibraryError("lib_url_sqlite", url=shown)
    if "@" in host or any(c.isspace() for c in host):
        raise LibraryError("lib_url_host", url=_redact(shown), host=host.rpartition("@")[2])
    try:
        parsed.get_dialect()
    except (ArgumentError, ImportError):  # no such driver, or it is not installed
        raise LibraryError("lib_url_scheme", url=shown, scheme=parsed.drivername) from None
    return parsed


def sqlite_path(url: str | URL) -> Path | None:
    """Return the file of a SQLite URL, or None (PostgreSQL, in memory, a ``file:`` URI)."""
    parsed = make_url(url) if isinstance(url, str) else url
    database = parsed.database or ""
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:" \
            or database.startswith("file:"):
        return None
    return Path(database).expanduser()


def _writable(path: Path) -> bool:
    """Return True when SQLite may write ``path`` and make its journal (-wal, -shm) beside it."""
    folder = path.resolve().parent
    if not os.access(path, os.W_OK):
        return False
    if os.access(folder, os.W_OK | os.X_OK):
        return True
    return all(os.access(f"{path}{end}", os.W_OK) for end in ("-wal", "-shm"))


def _read_only_uri(path: Path) -> str:
    """Return a read-only SQLite URI for ``path``; immutable when no journal can be made or read.

    In WAL mode even a reader needs the -shm file; in a folder that may not be written, with
    no -wal file (so no writer is busy), the file is read as immutable (no journal, no locks).
    """
    uri = f"{path.resolve().as_uri()}?mode=ro"
    folder = path.resolve().parent
    if not os.access(folder, os.W_OK | os.X_OK) and not os.path.exists(f"{path}-wal"):
        uri += "&immutable=1"
    return uri


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(_read_only_uri(path), uri=True, timeout=BUSY_SECONDS,
                           check_same_thread=False)


def _sqlite_settings(engine: Engine, path: Path | None, *, read_only: bool) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy's "begin" below opens transactions
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_SECONDS * 1000}")
        if not read_only:
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    if path is None:
        return
    shown = safe_url(engine.url)

    @event.listens_for(engine, "handle_error")
    def _fault(context: ExceptionContext) -> None:
        # a damaged page or a read-only file met half-way through a command: say so, in words
        original = context.original_exception
        if isinstance(original, sqlite3.DatabaseError):
            fault = _sqlite_fault(path, shown, original)
            if fault is not None:
                raise fault


def _sqlite_fault(path: Path, shown: str, exc: sqlite3.DatabaseError) -> LibraryError | None:
    """Return the message for a SQLite error about the file itself, or None for any other."""
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    if code == _SQLITE_CORRUPT or (code == _SQLITE_NOTADB and _has_magic(path)):
        return _damaged(path, shown, str(exc))
    if code == _SQLITE_READONLY or (code == _SQLITE_CANTOPEN and path.is_file()
                                    and not _writable(path)):
        folder = path.resolve().parent
        if os.access(path, os.W_OK) and not os.access(folder, os.W_OK | os.X_OK):
            return LibraryError("lib_read_only_folder", url=shown, folder=str(folder))
        return LibraryError("lib_read_only", url=shown, file=str(path))
    return None


def _has_magic(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(_SQLITE_MAGIC)) == _SQLITE_MAGIC
    except OSError:
        return False


def _damaged(path: Path, shown: str, detail: str) -> LibraryError:
    """Return the message for a damaged library file: what can still be read, how to recover.

    The newest versions whose text can still be read are listed (``NAME@N``); the recovery is
    SQLite's own ``.recover`` into a new file (``.dump``, kept even when it met damaged rows,
    where the sqlite3 program is built without ``.recover``'s page reader, as Debian 12's is),
    which the planner then opens with ``--db``.
    """
    readable = _readable_versions(path)
    shown_versions = ", ".join(f"{name!r}@{number}" for name, number in
                               readable[:_SHOWN_READABLE])
    if len(readable) > _SHOWN_READABLE:
        shown_versions += f", ... (+{len(readable) - _SHOWN_READABLE})"
    lines = [line for line in detail.splitlines() if line.strip() and not line.startswith("***")]
    recovered = path.with_name(f"{path.stem}-recovered{path.suffix or '.db'}")
    first = readable[0] if readable else ("NAMA", 1)
    return LibraryError(
        "lib_damaged", url=shown, file=str(path), detail=(lines or [detail])[0][:200],
        readable=shown_versions or "-", n=len(readable),
        recover=f'sqlite3 {shlex.quote(str(path))} ".recover" | sqlite3 '
                f"{shlex.quote(str(recovered))}",
        dump=f"sqlite3 {shlex.quote(str(path))} .dump | sed '$ s/^ROLLBACK.*/COMMIT;/' | "
             f"sqlite3 {shlex.quote(str(recovered))}",
        recovered_url=f"sqlite:///{recovered}",
        show=f"planner library show {shlex.quote(f'{first[0]}@{first[1]}')} --yaml "
             f"--db {shlex.quote(f'sqlite:///{recovered}')}")


def _readable_versions(path: Path) -> list[tuple[str, int]]:
    """Return the newest version of each scenario whose text can still be read, by name.

    Tables are scanned by row id, forwards and then backwards from the end, so a damaged page
    (or a damaged index) in the middle hides only the rows on it.
    """
    out: list[tuple[str, int]] = []
    try:
        lite = _read_only(path)
    except sqlite3.Error:
        return out
    try:
        names = {row[0]: str(row[1]) for row in _scan(
            lite, "SELECT id, name FROM scenarios NOT INDEXED")}
        numbers: dict[Any, list[tuple[int, Any]]] = {}
        for row_id, scenario_id, number in _scan(
                lite, "SELECT id, scenario_id, number FROM scenario_versions NOT INDEXED"):
            numbers.setdefault(scenario_id, []).append((int(number), row_id))
        for scenario_id, name in sorted(names.items(), key=lambda item: item[1]):
            for number, row_id in sorted(numbers.get(scenario_id, []), reverse=True):
                if _text_readable(lite, row_id):
                    out.append((name, number))
                    break
    finally:
        lite.close()
    return out


def _scan(lite: sqlite3.Connection, query: str) -> list[tuple[Any, ...]]:
    """Return the rows of ``query`` (its first column the row id) that can be read, in row-id order.

    Forwards until a damaged page, then backwards from the end until the same page.
    """
    rows: dict[Any, tuple[Any, ...]] = {}
    for order in ("ASC", "DESC"):
        try:
            for row in lite.execute(f"{query} ORDER BY rowid {order}"):
                if row[0] in rows:
                    break
                rows[row[0]] = tuple(row)
        except sqlite3.Error:
            continue
        break
    return [rows[k] for k in sorted(rows)]


def _text_readable(lite: sqlite3.Connection, row_id: Any) -> bool:
    try:
        row = lite.execute("SELECT yaml_text, content_hash FROM scenario_versions "
                           "WHERE rowid = ?", (row_id,)).fetchone()
    except sqlite3.Error:
        return False
    return row is not None and isinstance(row[0], str) and isinstance(row[1], str)


def _inspect_sqlite(path: Path, shown: str) -> tuple[set[str], str | None]:
    """Return the tables and Alembic revision of a SQLite file, read-only and checked whole.

    ``PRAGMA quick_check`` reads every page, so a file with damaged pages is refused here
    rather than part-way through a command.

    Raises
    ------
    LibraryError
        ``lib_damaged`` for damaged pages; ``lib_foreign`` for a file that is not SQLite;
        ``lib_read_only_folder`` / ``lib_unreachable`` when it cannot be opened.

    """
    try:
        lite = _read_only(path)
        try:
            problems = [str(r[0]) for r in lite.execute("PRAGMA quick_check(4)")]
            if problems != ["ok"]:
                raise _damaged(path, shown, "\n".join(problems))
            tables = {str(r[0]) for r in lite.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            revision = (lite.execute("SELECT version_num FROM alembic_version").fetchone()
                        if "alembic_version" in tables else None)
        finally:
            lite.close()
    except sqlite3.DatabaseError as exc:
        fault = _sqlite_fault(path, shown, exc)
        if fault is not None:
            raise fault from None
        code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
        key = "lib_foreign" if code == _SQLITE_NOTADB else "lib_unreachable"
        raise LibraryError(key, url=shown, detail=str(exc)) from None
    return tables, str(revision[0]) if revision else None


def open_engine(url: str | None = None) -> Engine:
    """Make an engine for ``url`` (default :func:`default_url`) with the library's settings.

    A SQLite file (or its folder) that may not be written is opened read-only: reads work, a
    write is refused as read-only (``lib_read_only``) rather than busy.

    Raises
    ------
    LibraryError
        When the URL cannot be read or names a database this library does not support; the
        message names the part of the URL that is wrong.

    """
    parsed = parse_url(url or default_url())
    if parsed.get_backend_name() == "postgresql":
        return create_engine(parsed, pool_pre_ping=True)
    path = sqlite_path(parsed)
    read_only = False
    creator: Callable[[], sqlite3.Connection] | None = None
    if path is not None:
        try:
            path.expanduser().resolve().parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise LibraryError("lib_unreachable", url=safe_url(parsed),
                               detail=exc.strerror or str(exc)) from None
        if path.is_file() and not _writable(path):
            read_only = True
            file = path

            def creator() -> sqlite3.Connection:
                return _read_only(file)
    kwargs: dict[str, Any] = {"creator": creator} if creator else {
        "connect_args": {"timeout": BUSY_SECONDS}}
    engine = create_engine(parsed, **kwargs)
    _sqlite_settings(engine, path, read_only=read_only)
    return engine


def check_existing(url: str | None = None) -> None:
    """Refuse, without writing a byte, a library that is not there or is not a library.

    For the commands that only read: a missing SQLite file or folder, an empty or foreign
    database (tables, but not the library's), or a library whose schema is older or newer than
    this planner's. SQLite is looked at through a read-only connection, so a foreign file is
    neither given the library's tables nor switched to WAL; PostgreSQL through one transaction
    that is rolled back.

    Raises
    ------
    LibraryError
        Naming the URL and what to do (``planner library init`` makes or upgrades a library).

    """
    raw = url or default_url()
    parsed = parse_url(raw)
    shown = safe_url(parsed)
    if parsed.get_backend_name() == "sqlite":
        path = sqlite_path(parsed)
        if path is None:
            return
        if not path.is_file():
            raise LibraryError("lib_missing", url=shown)
        tables, revision = _inspect_sqlite(path, shown)
        _check_revision(shown, tables, revision)
        return
    engine = open_engine(raw)
    try:
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            current = MigrationContext.configure(conn).get_current_revision()
            conn.rollback()
    except SQLAlchemyError as exc:
        raise LibraryError("lib_unreachable", url=shown, detail=first_line(exc)) from None
    finally:
        engine.dispose()
    _check_revision(shown, tables, current)


def _check_revision(shown: str, tables: set[str], revision: str | None) -> None:
    if revision is None:
        raise LibraryError("lib_foreign" if tables else "lib_missing", url=shown,
                           detail=", ".join(sorted(tables))[:200])
    if revision == head_revision():
        return
    known = {s.revision for s in ScriptDirectory.from_config(_alembic_config()).walk_revisions()}
    if revision not in known:
        raise LibraryError("lib_newer_schema", url=shown, revision=revision)
    raise LibraryError("lib_old_schema", url=shown)


def _alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    """Return the newest migration's revision id."""
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None  # noqa: S101 - the migrations folder ships with the package
    return head


def migrate(engine: Engine) -> None:
    """Create or upgrade the schema to the newest revision, under a lock.

    A SQLite file is looked at read-only first: a damaged file or another program's database
    is refused and left byte for byte as it was (so the app's Library page, which opens with
    this, never makes a library inside them).

    Raises
    ------
    LibraryError
        When the database cannot be reached, is damaged, is another program's, is read-only
        and needs an upgrade, or was made by a newer planner.

    """
    head = head_revision()
    path = sqlite_path(engine.url)
    if path is not None and path.is_file() and path.stat().st_size > 0:
        # never give a damaged file or another program's database the library's tables
        tables, revision = _inspect_sqlite(path, safe_url(engine.url))
        if revision is None and tables:
            raise LibraryError("lib_foreign", url=safe_url(engine.url),
                               detail=", ".join(sorted(tables))[:200])
    try:
        with engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
            current = MigrationContext.configure(conn).get_current_revision()
            if current == head:
                return
            known = {s.revision for s in ScriptDirectory.from_config(
                _alembic_config()).walk_revisions()}
            if current is not None and current not in known:
                raise LibraryError("lib_newer_schema", url=safe_url(engine.url),
                                   revision=current)
            cfg = _alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    except SQLAlchemyError as exc:
        raise LibraryError("lib_unreachable", url=safe_url(engine.url),
                           detail=first_line(exc)) from None


def first_line(exc: BaseException) -> str:
    """Return the first line of a database error, for a message (no SQL, no traceback)."""
    orig = getattr(exc, "orig", None)
    text_ = str(orig if orig is not None else exc).strip()
    return text_.splitlines()[0] if text_ else type(exc).__name__
