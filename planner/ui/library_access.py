"""The app's way into the scenario library and its Excel files, cached per process.

The library is opened once per database URL (``st.cache_resource``); workbooks are made once per
version text and language (``st.cache_data``). Pages call these and never touch SQL or openpyxl.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import streamlit as st

from planner.compare import compare
from planner.engine.scenarios import content_hash, parse_scenario
from planner.store.db import default_url
from planner.store.errors import LibraryError
from planner.store.excel import ExportMeta, export_comparison, export_plan
from planner.store.library import Library, Version
from planner.ui.components import cached_run

__all__ = [
    "XLSX",
    "comparison_workbook",
    "library",
    "plan_workbook",
    "session_comparison_workbook",
    "session_plan_workbook",
    "version_label",
]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@st.cache_resource(show_spinner=False)
def _open(url: str) -> Library:
    return Library.open(url)


def library() -> Library | LibraryError:
    """Return the library at ``$PLANNER_DB_URL`` (or the default file), or why it cannot open."""
    try:
        return _open(default_url())
    except LibraryError as exc:  # not cached: the next rerun tries again
        return exc


def version_label(version: Version) -> str:
    """Return how a saved version is named in pickers and comparisons: ``Name @3``."""
    return f"{version.scenario} @{version.number}"


def _meta(version: Version, solver: str) -> ExportMeta:
    return ExportMeta(scenario_name=version.scenario, version=version.number,
                      content_hash=version.content_hash, solver=solver,
                      created_at=datetime.now(UTC), author=version.author, note=version.note)


@st.cache_data(show_spinner=False, max_entries=32)
def plan_workbook(version: Version, lang: str) -> bytes:
    """Return the .xlsx of a saved version's plan, with what its cuts cost."""
    result = cached_run(version.yaml_text, changes=True)
    return export_plan(result, _meta(version, result.solution.solver), lang)


@st.cache_data(show_spinner=False, max_entries=16)
def comparison_workbook(versions: Sequence[Version], baseline: int, lang: str) -> bytes:
    """Return the .xlsx of saved versions compared against ``versions[baseline]``."""
    results = [cached_run(v.yaml_text, explain=False) for v in versions]
    comparison = compare(results, [version_label(v) for v in versions], baseline=baseline)
    return export_comparison(
        comparison, [_meta(v, r.solution.solver) for v, r in zip(versions, results, strict=True)],
        lang)


def _session_meta(name: str, text: str, solver: str) -> ExportMeta:
    return ExportMeta(scenario_name=name, version=None,
                      content_hash=content_hash(parse_scenario(text)), solver=solver,
                      created_at=datetime.now(UTC))


@st.cache_data(show_spinner=False, max_entries=32)
def session_plan_workbook(name: str, text: str, lang: str) -> bytes:
    """Return the .xlsx of a scenario open in the session (not saved in the library).

    The plan page solves with ``changes`` too, so the workbook reuses its cached plan.
    """
    result = cached_run(text, changes=True)
    return export_plan(result, _session_meta(name, text, result.solution.solver), lang)


@st.cache_data(show_spinner=False, max_entries=16)
def session_comparison_workbook(texts: tuple[str, ...], labels: tuple[str, ...], baseline: int,
                                lang: str) -> bytes:
    """Return the .xlsx of session scenarios compared against ``texts[baseline]``."""
    results = [cached_run(text, explain=False) for text in texts]
    comparison = compare(results, list(labels), baseline=baseline)
    metas = [_session_meta(label, text, r.solution.solver)
             for label, text, r in zip(labels, texts, results, strict=True)]
    return export_comparison(comparison, metas, lang)
