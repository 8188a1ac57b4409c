"""The app's session state, typed: one :class:`AppState` in ``st.session_state``.

Pages read and change the state only through this module, so no page scatters string keys. A
scenario in the session is kept as its YAML text (what a user uploaded or an example file says,
or the dump of an edited scenario), so every scenario can be re-read, downloaded and compared.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import streamlit as st

from planner.engine.scenarios import dump_scenario, list_examples, parse_scenario
from planner.engine.schema import Scenario
from planner.errors import ScenarioError
from planner.i18n import DEFAULT_LANG

if TYPE_CHECKING:
    from planner.store.accounts import Actor

__all__ = ["AppState", "ReplanChoice", "SessionScenario", "scenario_of_text", "state"]

_KEY = "planner_app_state"
DEFAULT_EXAMPLE = "kutim-2025.yaml"


@dataclass
class SessionScenario:
    """A scenario the user can pick: an example, an upload, or one edited in this session."""

    name: str
    text: str
    origin: str  # "example" | "upload" | "edited" | "library"
    library: str | None = None  # the library name it came from or was last saved under
    version: int | None = None  # the library version it was opened from or last saved as

    def scenario(self) -> Scenario:
        """Return the validated scenario (raises ScenarioError for a bad upload)."""
        return scenario_of_text(self.text, self.name)


# scenarios by their YAML text, the ones the pages wrote and the ones they read: a page solves
# and redraws the same scenario on every slider move, and reading it back from YAML each time
# took a twentieth of the move (the models are frozen, so one object serves every reader)
_KNOWN: dict[str, Scenario] = {}
_KNOWN_MAX = 64
_known_lock = threading.Lock()


def _remember(scenario: Scenario, text: str) -> None:
    with _known_lock:
        _KNOWN.pop(text, None)
        _KNOWN[text] = scenario
        while len(_KNOWN) > _KNOWN_MAX:
            del _KNOWN[next(iter(_KNOWN))]


def scenario_of_text(text: str, file: str | None = None) -> Scenario:
    """Return the scenario ``text`` says: the one known for it, else parsed (errors name ``file``).

    A text that does not parse raises ScenarioError and is not kept.
    """
    with _known_lock:
        known = _KNOWN.get(text)
    if known is None:
        known = parse_scenario(text, file)
        _remember(known, text)
    return known


@dataclass
class ReplanChoice:
    """What the APBD-P page was last asked, so a visit to another page does not lose it.

    ``typed`` holds the figures typed over a prefill, by the prefill they were typed on (the
    plan started from and the month): another plan or month starts from its own figures.
    """

    origin: str = ""  # "library" | "session"; empty: the library when it holds a plan
    name: str = ""  # the library scenario started from
    version: int | None = None  # its version; None: the newest
    month: int | None = None  # None: a re-plan's own month, else October
    cut: dict[str, float] = field(default_factory=dict)  # the cut chosen, per plan started from
    typed: dict[str, dict[str, dict[str, int | None]]] = field(default_factory=dict)
    resets: int = 0  # bumped when the typed figures are undone, so the tables start afresh


@dataclass
class AppState:
    """Everything the pages share."""

    lang: str = DEFAULT_LANG
    scenarios: dict[str, SessionScenario] = field(default_factory=dict)
    current: str = ""
    draft: Scenario | None = None  # the current scenario with the user's edits
    edits: int = 0  # bumped on every reset, so widgets keyed by it start afresh
    author: str = field(default_factory=lambda: os.environ.get("PLANNER_AUTHOR", ""))
    flash: str = ""  # a message to show once, after the rerun that follows a change
    replan: ReplanChoice = field(default_factory=ReplanChoice)  # the APBD-P page's choices
    actor: Actor | None = None  # the signed-in account in the shared app (see ui/auth.py)
    last_seen: float = 0.0  # when the signed-in account last did something (time.time())
    notice: str = ""  # why the sign-in page is shown again (signed out, session expired)
    # unsaved edits of scenarios other than the one open, by key, so a switch keeps them
    edited: dict[str, str] = field(default_factory=dict)
    drafts_owner: str | None = None  # whose drafts were restored into this session
    kept: dict[str, tuple[str, ...]] = field(default_factory=dict)  # drafts as last written
    drafts_offline: str = ""  # why drafts are kept in this tab only (the library is closed)
    # a refused upload: its digest (so it is read once), its file name and why
    upload_problem: tuple[str, str, ScenarioError] | None = None
    forms: int = 0  # bumped after a library save, so its note and tags start empty
    # the last scenario written as YAML and its text: a page and the drafts ask it of the same
    # scenario on every run
    dumped: tuple[Scenario, str] | None = field(default=None, repr=False, compare=False)

    def text_of(self, scenario: Scenario) -> str:
        """Return ``scenario`` as YAML text, written once for the same scenario object."""
        if self.dumped is None or self.dumped[0] is not scenario:
            self.dumped = (scenario, dump_scenario(scenario))
            _remember(*self.dumped)
        return self.dumped[1]

    def stash(self) -> None:
        """Keep the open scenario's unsaved edits by its key (or forget them if there are none)."""
        if self.draft is None or self.current not in self.scenarios:
            return
        if self.draft != self.baseline():
            self.edited[self.current] = self.text_of(self.draft)
        else:
            self.edited.pop(self.current, None)

    def load_examples(self, folder: Path | None = None) -> None:
        """Offer every example in ``scenarios/``; open the Kutai Timur one first."""
        for path in list_examples(folder) if folder else list_examples():
            if path.name not in self.scenarios:
                self.scenarios[path.name] = SessionScenario(
                    path.name, path.read_text(encoding="utf-8"), "example"
                )
        if not self.current and self.scenarios:
            self.select(DEFAULT_EXAMPLE if DEFAULT_EXAMPLE in self.scenarios
                        else next(iter(self.scenarios)))

    def select(self, name: str) -> None:
        """Make ``name`` the scenario being edited, with its unsaved edits if it has any."""
        if self.current in self.scenarios and self.current != name:
            self.stash()
        self.current = name
        self.draft = None
        if name in self.edited:
            try:
                self.draft = parse_scenario(self.edited[name], name)
            except ScenarioError:
                del self.edited[name]
        if self.draft is None:
            self.draft = self.scenarios[name].scenario()
        self.edits += 1

    def reset(self) -> None:
        """Undo the open scenario's unsaved edits: back to the text it started from."""
        self.edited.pop(self.current, None)
        self.draft = self.scenarios[self.current].scenario()
        self.edits += 1

    def baseline(self) -> Scenario:
        """Return the current scenario as saved in the session (before this page's edits)."""
        return self.scenarios[self.current].scenario()

    def add_upload(self, filename: str, text: str) -> tuple[str, str]:
        """Add an uploaded scenario; return its key in the list and what happened.

        The content, not the file's name, identifies an upload: the same text again opens the
        scenario already in the list (``"same"``); a changed file with the name of an earlier
        upload replaces it (``"replaced"``, its edits dropped); with the name of an example or
        of a scenario from elsewhere it is added beside it under a numbered name (``"added"``).
        Raises ScenarioError naming the field and the fix.
        """
        parse_scenario(text, filename)
        same = next((k for k, s in self.scenarios.items() if s.text == text), None)
        if same is not None:
            self.select(same)
            return same, "same"
        what, key = "new", filename
        if filename in self.scenarios:
            if self.scenarios[filename].origin == "upload":
                what = "replaced"
                self.edited.pop(filename, None)
            else:
                what, n = "added", 2
                stem, dot, ext = filename.rpartition(".")
                while key in self.scenarios:
                    key = f"{stem} ({n}).{ext}" if dot else f"{filename} ({n})"
                    n += 1
        self.scenarios[key] = SessionScenario(key, text, "upload")
        if self.current == key:
            self.current = ""  # nothing of the replaced upload is stashed
        self.select(key)
        return key, what

    def save_draft(self, name: str) -> str:
        """Keep the draft as a new session scenario called ``name`` (made unique)."""
        if self.draft is None:
            raise ScenarioError.single("", "ui_nothing_to_save")
        base, n = name.strip() or "skenario", 2
        unique = base
        while unique in self.scenarios and self.scenarios[unique].origin != "edited":
            unique, n = f"{base} ({n})", n + 1
        self.edited.pop(self.current, None)  # the edits move to the new scenario
        self.edited.pop(unique, None)
        self.scenarios[unique] = SessionScenario(unique, dump_scenario(self.draft), "edited")
        self.current = unique
        return unique


def state() -> AppState:
    """Return the session's state, created on first use with the examples loaded."""
    if _KEY not in st.session_state:
        app = AppState()
        app.load_examples()
        st.session_state[_KEY] = app
    value = st.session_state[_KEY]
    assert isinstance(value, AppState)
    return value
