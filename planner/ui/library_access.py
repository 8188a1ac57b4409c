"""The app's way into the scenario library and its Excel files, cached per process.

The library is opened once per database URL (``st.cache_resource``); workbooks are made once per
version text and language (``st.cache_data``). Pages call these and never touch SQL or openpyxl.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import streamlit as st

from planner.compare import compare
from planner.store.db import default_url
from planner.store.errors import LibraryError
from planner.store.excel import ExportMeta, export_comparison, export_plan
from planner.store.library import Library, Version
from planner.ui.components import cached_run

__all__ = ["comparison_workbook", "library", "plan_workbook", "version_label"]


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
    """Return the .xlsx of a saved version's plan."""
    result = cached_run(version.yaml_text)
    return export_plan(result, _meta(version, result.solution.solver), lang)


@st.cache_data(show_spinner=False, max_entries=16)
def comparison_workbook(versions: Sequence[Version], baseline: int, lang: str) -> bytes:
    """Return the .xlsx of saved versions compared against ``versions[baseline]``."""
    results = [cached_run(v.yaml_text, explain=False) for v in versions]
    comparison = compare(results, [version_label(v) for v in versions], baseline=baseline)
    return export_comparison(
        comparison, [_meta(v, r.solution.solver) for v, r in zip(versions, results, strict=True)],
        lang)
