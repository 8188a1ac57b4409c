"""A scenario's problems said for people: which group or source, counted from 1, and the fix.

The engine names a field by its path (``groups[0].months``); the app says
``kelompok ke-1 (Petani dan pekebun) · months`` when the scenario's data give the name. The
engine's own messages are shown as they are.
"""

from __future__ import annotations

import re
from typing import Any

import streamlit as st

from planner.errors import Problem, ScenarioError
from planner.i18n import t
from planner.ui import hearing_texts  # noqa: F401 - the words used here

__all__ = ["problem_lines", "show_problems", "where"]

_ITEM = re.compile(r"^(groups|sources|regions)\[(\d+)\]")
_WORD = {"groups": "ui_where_group", "sources": "ui_where_source", "regions": "ui_where_region"}


def where(path: str, data: Any, lang: str) -> str:
    """Return the place of ``path`` in words: a list item counted from 1, named when it can be."""
    found = _ITEM.match(path or "")
    if found is None:
        return path or t("ui_where_file", lang)
    kind, index = found.group(1), int(found.group(2))
    place = t(_WORD[kind], lang, n=index + 1)
    items = data.get(kind) if isinstance(data, dict) else None
    if isinstance(items, list) and 0 <= index < len(items) and isinstance(items[index], dict):
        name = items[index].get("name") or items[index].get("id")
        if isinstance(name, str) and name.strip():
            place += f" ({name.strip()})"
    rest = path[found.end():].lstrip(".")
    return f"{place} · {rest}" if rest else place


def problem_lines(problems: list[Problem], data: Any, lang: str) -> list[str]:
    """Return one Markdown line per problem: where it is, in words, and the engine's message."""
    return [f"- **{_escape(where(p.path, data, lang))}**: {_escape(p.message(lang))}"
            for p in problems]


def _escape(text: str) -> str:
    return re.sub(r"([\\`*_{}\[\]<>#|~$])", r"\\\1", text)


def show_problems(head: str, error: ScenarioError, data: Any, lang: str) -> None:
    """Show ``head`` and the problems in one red box in the main area."""
    st.error("\n".join([head, "", *problem_lines(error.problems, data, lang)]))
