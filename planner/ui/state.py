"""The app's session state, typed: one :class:`AppState` in ``st.session_state``.

Pages read and change the state only through this module, so no page scatters string keys. A
scenario in the session is kept as its YAML text (what a user uploaded or an example file says,
or the dump of an edited scenario), so every scenario can be re-read, downloaded and compared.
"""

from __future__ import annotations

import os
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

__all__ = ["AppState", "ReplanChoice", "SessionScenario", "state"]

_KEY = "planner_app_state"
DEFAULT_EXAMPLE = "kutim-2025.yaml"


@dataclass
class SessionScenario:
    """A scenario the user can pick: an example, an upload, or one edited in this session."""

    name: str
    text: str
    origin: str  # "example" | "upload" | "edited" | "library"
    library: str | None = None  # the library name it was opened from, to save it back there

    def scenario(self) -> Scenario:
        """Return the validated scenario (raises ScenarioError for a bad upload)."""
        return parse_scenario(self.text, self.name)


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
        """Make ``name`` the scenario being edited, starting from its saved version."""
        self.current = name
        self.draft = self.scenarios[name].scenario()
        self.edits += 1

    def baseline(self) -> Scenario:
        """Return the current scenario as saved in the session (before this page's edits)."""
        return self.scenarios[self.current].scenario()

    def add_upload(self, filename: str, text: str) -> Scenario:
        """Add an uploaded YAML scenario; raises ScenarioError naming the field and the fix."""
        scenario = parse_scenario(text, filename)
        self.scenarios[filename] = SessionScenario(filename, text, "upload")
        self.select(filename)
        return scenario

    def save_draft(self, name: str) -> str:
        """Keep the draft as a new session scenario called ``name`` (made unique)."""
        if self.draft is None:
            raise ScenarioError.single("", "ui_nothing_to_save")
        base, n = name.strip() or "skenario", 2
        unique = base
        while unique in self.scenarios and self.scenarios[unique].origin != "edited":
            unique, n = f"{base} ({n})", n + 1
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
