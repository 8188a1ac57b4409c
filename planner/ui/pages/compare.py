"""Compare 2 to 10 scenarios: inputs that differ, outputs side by side, a chart, a download."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from planner.compare import compare
from planner.engine.scenarios import dump_scenario
from planner.i18n import t
from planner.ui.comparison_view import print_comparison, show_comparison
from planner.ui.components import cached_run, has_unsaved_edits, sidebar
from planner.ui.csv_export import comparison_csv
from planner.ui.hearing import PDF, comparison_pdf
from planner.ui.library_access import XLSX, session_comparison_workbook
from planner.ui.state import DEFAULT_EXAMPLE, AppState

# the pair the page opens on when nothing is being edited: the 2025 baseline and the 2026 cut
PAIR = (DEFAULT_EXAMPLE, "kutim-2026-transfer-cut.yaml")
DRAFT = "\0draft"  # the plan page's unsaved edits, offered as a scenario of its own


def default_pick(app: AppState, options: Sequence[str]) -> list[str]:
    """Return the scenarios the page compares first, so the first view shows differences.

    The plan page's unsaved edits against the scenario they started from; otherwise the Kutai
    Timur 2025 baseline against the 2026 transfer cut; otherwise the open scenario and the next.
    """
    if DRAFT in options:
        return [app.current, DRAFT]
    if all(name in options for name in PAIR) and (
            app.current in PAIR or app.scenarios[app.current].origin == "example"):
        return list(PAIR)
    if PAIR[0] in options and app.current != PAIR[0]:
        return [PAIR[0], app.current]
    return [app.current, *[n for n in options if n != app.current][:1]]


def render() -> None:
    """Draw the page."""
    app = sidebar()
    lang = app.lang
    st.title(t("ui_compare_title", lang))
    texts = {n: s.text for n, s in app.scenarios.items()}
    if has_unsaved_edits(app) and app.draft is not None:
        texts[DRAFT] = dump_scenario(app.draft)
    options = list(texts)
    # the draft is named as the plan page offers to save it; the same in both languages, since
    # a multiselect keeps its choice by the label it shows
    draft_label = f"{app.current} *"
    while draft_label in texts:
        draft_label += "*"

    def label(option: str) -> str:
        return draft_label if option == DRAFT else option

    picked = st.multiselect(t("ui_compare_pick", lang), options,
                            default=default_pick(app, options), format_func=label,
                            max_selections=10, key="compare_pick",
                            placeholder=t("ui_pick_placeholder", lang))
    if len(picked) < 2:
        st.info(t("ui_compare_pick_more", lang))
        return
    baseline = st.selectbox(t("ui_compare_baseline", lang), picked, format_func=label,
                            key="compare_baseline")
    results = [cached_run(texts[n], explain=False) for n in picked]
    comparison = compare(results, [label(n) for n in picked], baseline=picked.index(baseline))
    st.caption("  \n".join(
        t("ui_compare_names_draft" if option == DRAFT else "ui_compare_names", lang,
          column=n.replace("*", "\\*"), name=comparison.scenario_names[n])
        for option, n in zip(picked, comparison.names, strict=True)))
    show_comparison(comparison, lang, key="compare")
    print_comparison(comparison, lang)
    with st.container(horizontal=True, key="compare_downloads"):
        st.download_button(
            t("ui_download_compare_pdf", lang),
            lambda: comparison_pdf(  # made when asked for
                tuple(texts[n] for n in picked), tuple(comparison.names),
                picked.index(baseline), lang),
            file_name="perbandingan.pdf" if lang == "id" else "comparison.pdf", mime=PDF,
            key="download_compare_pdf", type="primary", icon=":material/picture_as_pdf:")
        st.download_button(t("ui_download_csv", lang), comparison_csv(comparison, lang),
                           file_name="perbandingan.csv" if lang == "id" else "comparison.csv",
                           mime="text/csv", key="download_compare",
                           help=t("ui_download_csv_excel", lang))
        st.download_button(
            t("ui_download_xlsx", lang),
            lambda: session_comparison_workbook(  # made when asked for
                tuple(texts[n] for n in picked), tuple(comparison.names),
                picked.index(baseline), lang),
            file_name="perbandingan.xlsx", mime=XLSX, key="download_compare_xlsx")

render()
