"""Every text exists in both languages, with the same placeholders, and formats."""

from __future__ import annotations

import importlib
import pkgutil
import string

import pytest

import planner.analysis  # noqa: F401 - registers the analyses' words
import planner.analysis.changes  # noqa: F401 - registers what a cut costs
import planner.analysis.explain  # noqa: F401 - registers the explanations
import planner.cli  # noqa: F401 - registers the CLI's words
import planner.compare.texts  # noqa: F401 - registers the comparison's words
import planner.engine.results  # noqa: F401 - registers the messages
import planner.store.errors  # noqa: F401 - registers the library's messages
import planner.store.excel  # noqa: F401 - registers the Excel export's words
import planner.store.template  # noqa: F401 - registers the Excel template's labels and messages
import planner.ui.library_texts  # noqa: F401 - registers the Library page's labels
import planner.ui.provenance_texts  # noqa: F401 - registers the plan page's basis labels
import planner.ui.replan_texts  # noqa: F401 - registers the APBD-P page's labels
import planner.ui.texts  # noqa: F401 - registers the app's labels
from planner.i18n import LANGS, TEXT, t

# every module that registers words, so the test sees them all whatever ran before it (the
# pages, the migrations and the MILP worker are scripts that run when imported)
for _module in pkgutil.walk_packages(planner.__path__, "planner."):
    if not _module.name.startswith(("planner.ui.pages", "planner.cli.__main__",
                                    "planner.store.migrations",
                                    "planner.engine.highs_worker")):
        importlib.import_module(_module.name)


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


@pytest.mark.parametrize("key", sorted(TEXT))
def test_text_is_in_both_languages_and_formats(key) -> None:
    entry = TEXT[key]
    assert set(entry) == set(LANGS)
    assert _fields(entry["id"]) == _fields(entry["en"])
    params = {name: "X" for name in _fields(entry["id"])}
    for lang in LANGS:
        assert t(key, lang, **params)
    # words both languages share
    same = {"cli_status_optimal", "cli_diagnosis", "col_status", "ui_status_optimal",
            "xl_kind_diagnosis", "xl_sheet_diagnosis", "xl_status_optimal", "xl_sum_status",
            "ui_compare_names", "csv_unit_Rp", "csv_unit_share", "pdfc_member",
            "ui_lib_comparison_default", "ui_col_status"}
    assert t(key, "id", **params) != t(key, "en", **params) or key in same
