"""The app's scenarios kept as the author's drafts in the library's database.

Every scenario in the list that is not an untouched example (an edit, an upload, a version opened
from the library, a scenario kept under a new name) is written as a draft of its owner
(:mod:`planner.store.drafts`), so a reload, a restart of the app or a second tab finds it again,
with the typed author name. A draft is no version: saving to the library is a separate step.

The router calls :func:`restore` once a session knows who works in it, and :func:`sync` around
every page run; only drafts that changed are written. When the library cannot be opened, the
drafts stay in this tab only and :func:`notice` says so in one line.
"""

from __future__ import annotations

import getpass
import os
import re

import streamlit as st

from planner.errors import ScenarioError
from planner.i18n import t
from planner.store.db import default_url, sqlite_path
from planner.store.drafts import delete_draft, list_drafts, read_author, save_author, save_draft
from planner.store.errors import LibraryError
from planner.store.library import Library
from planner.ui import hearing_texts  # noqa: F401 - the words said here
from planner.ui.library_access import library
from planner.ui.state import AppState, SessionScenario

__all__ = ["notice", "origin_of", "owner", "restore", "sync"]

_AUTHOR = "\0author"  # where the typed author name is remembered among ``AppState.kept``
_LIBRARY = re.compile(r"^library:(?P<name>.*)@(?P<n>\d+)$")


def owner(app: AppState) -> str:
    """Return whose drafts these are: the signed-in account, else this machine's operator."""
    if app.actor is not None:
        return app.actor.username
    named = os.environ.get("PLANNER_AUTHOR", "").strip()
    if named:
        return named
    try:
        return getpass.getuser() or "local"
    except (OSError, KeyError):  # no user name in the environment nor in the password file
        return "local"


def origin_of(session: SessionScenario) -> str:
    """Say where a scenario in the list came from, as a draft records it."""
    if session.origin == "example":
        return "example:" + session.name.rsplit(".", 1)[0]
    if session.origin == "library" and session.library is not None:
        return f"library:{session.library}@{session.version or 0}"
    return session.origin


def _open() -> Library | None:
    lib = library()
    return None if isinstance(lib, LibraryError) else lib


def _offline(app: AppState, exc: LibraryError) -> None:
    app.drafts_offline = exc.message(app.lang)


def restore(app: AppState) -> None:
    """Bring the owner's drafts into this session, once; open the one changed last."""
    who = owner(app)
    if app.drafts_owner == who:
        return
    app.drafts_owner = who
    path = sqlite_path(default_url())
    if path is not None and not path.exists():  # no library yet, so no drafts: the first
        app.kept[_AUTHOR] = ("",)               # draft written creates it
        return
    lib = library()
    if isinstance(lib, LibraryError):
        _offline(app, lib)
        return
    try:
        drafts = list_drafts(lib.engine, who)
        author = read_author(lib.engine, who)
    except LibraryError as exc:
        _offline(app, exc)
        return
    if author and app.actor is None and not app.author.strip():
        app.author = author
    app.kept[_AUTHOR] = (author,)
    opened = ""
    for draft in reversed(drafts):  # oldest first: the newest is opened last
        session = app.scenarios.get(draft.key)
        if session is None:
            if not draft.base_text:  # an example no longer shipped
                continue
            session = _session(draft.key, draft.base_text, draft.origin)
        try:
            edited = session.scenario() != SessionScenario(
                draft.key, draft.yaml_text, "edited").scenario()
        except ScenarioError:  # written by an older planner and no longer valid
            continue
        app.scenarios[draft.key] = session
        if edited:
            app.edited[draft.key] = draft.yaml_text
        else:
            app.edited.pop(draft.key, None)
        app.kept[draft.key] = _row(app, draft.key)
        opened = draft.key
    if opened:
        app.current = ""  # nothing to stash: the session's own work is in the list already
        app.select(opened)


def _session(key: str, text: str, origin: str) -> SessionScenario:
    found = _LIBRARY.match(origin)
    if found:
        return SessionScenario(key, text, "library", library=found["name"],
                               version=int(found["n"]) or None)
    return SessionScenario(key, text, origin if origin in {"upload", "edited"} else "upload")


def _title(text: str) -> str:
    found = re.search(r"^name:\s*['\"]?(.*?)['\"]?\s*$", text, flags=re.MULTILINE)
    return found.group(1) if found else ""


def _row(app: AppState, key: str) -> tuple[str, ...]:
    """Return the draft ``key`` should be now: name, text, text it started from, origin."""
    session = app.scenarios[key]
    text = app.edited.get(key, session.text)
    base = "" if session.origin == "example" else session.text
    return (_title(text), text, base, origin_of(session))


def sync(app: AppState) -> None:
    """Write the drafts that changed since the last call; forget the ones gone back to clean."""
    if app.drafts_owner is None or app.drafts_offline:
        return
    app.stash()
    wanted = {key: _row(app, key) for key, session in app.scenarios.items()
              if session.origin != "example" or key in app.edited}
    author = (app.author.strip(),) if app.actor is None else app.kept.get(_AUTHOR, ("",))
    changed = {k: row for k, row in wanted.items() if app.kept.get(k) != row}
    gone = [k for k in app.kept if k != _AUTHOR and k not in wanted]
    if not changed and not gone and app.kept.get(_AUTHOR) == author:
        return
    lib = _open()
    if lib is None:
        app.drafts_offline = t("ui_drafts_closed", app.lang)
        return
    who = app.drafts_owner
    try:
        for key, (name, text, base, origin) in changed.items():
            save_draft(lib.engine, who, key, name=name, yaml_text=text, base_text=base,
                       origin=origin)
            app.kept[key] = (name, text, base, origin)
        for key in gone:
            delete_draft(lib.engine, who, key)
            del app.kept[key]
        if app.kept.get(_AUTHOR) != author:
            save_author(lib.engine, who, author[0])
            app.kept[_AUTHOR] = author
    except LibraryError as exc:
        _offline(app, exc)


def notice(app: AppState) -> None:
    """In the sidebar, one line when drafts are kept in this tab only."""
    if app.drafts_offline:
        st.sidebar.caption(t("ui_drafts_offline", app.lang), help=app.drafts_offline)
