"""Compare 2 to 10 scenarios: inputs that differ, outputs side by side, a chart, a download."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from planner.compare import DELTA, compare
from planner.i18n import t
from planner.money import count, percent, rupiah_short
from planner.scenarios import dump_scenario
from planner.ui.components import axis_format, cached_run, has_unsaved_edits, sidebar
from planner.ui.state import DEFAULT_EXAMPLE, AppState

# the pair the page opens on when nothing is being edited: the 2025 baseline and the 2026 cut
PAIR = (DEFAULT_EXAMPLE, "kutim-2026-transfer-cut.yaml")
DRAFT = "\0draft"  # the plan page's unsaved edits, offered as a scenario of its own


def _text(value: object, unit: str, lang: str, signed: bool = False) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "-"
    if not isinstance(value, int | float):
        return str(value)
    sign = "+" if signed and value > 0 else ""
    if unit == "Rp":
        return sign + rupiah_short(value, lang)
    if unit == "share":
        return sign + percent(value, lang)
    return sign + count(value, lang)


def _table(frame: pd.DataFrame, names: Sequence[str], lang: str) -> Any:
    """Format a comparison table for people, differences coloured (green up, red down)."""
    shown = frame.copy()
    value_columns = [c for c in frame.columns if c in names or str(c).endswith(DELTA)]
    measures = frame["measure"] if "measure" in frame.columns else [""] * len(frame)
    for column in value_columns:
        signed = str(column).endswith(DELTA)
        shown[column] = [
            t(f"cmp_status_{v}", lang) if m == "status" and isinstance(v, str)
            else _text(v, str(u), lang, signed)
            for v, u, m in zip(frame[column], frame.get("unit", [""] * len(frame)), measures,
                               strict=True)
        ]
    if "measure" in shown.columns:
        shown["measure"] = [t(f"cmp_measure_{m}", lang) for m in frame["measure"]]
    shown = shown.drop(columns=[c for c in ("unit", "item") if c in shown.columns])
    if "name" in shown.columns and not any(str(v) for v in shown["name"] if pd.notna(v)):
        shown = shown.drop(columns=["name"])
    # a difference column is headed in words ("selisih A"), as the command line does
    differences = {f"{n}{DELTA}": t("cmp_diff", lang, name=n) for n in names}
    raw_of = {label: column for column, label in differences.items()}
    shown = shown.rename(columns={"name": t("ui_col_name", lang),
                                  "measure": t("ui_compare_measure", lang), **differences})

    def colour(column: pd.Series) -> list[str]:
        if column.name not in raw_of:
            return [""] * len(column)
        raw = frame[raw_of[str(column.name)]]
        return ["color: #1a7f37" if isinstance(v, int | float) and v > 0 else
                "color: #cf222e" if isinstance(v, int | float) and v < 0 else "" for v in raw]

    return shown.style.apply(colour)


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
                            max_selections=10, key="compare_pick")
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
    st.subheader(t("ui_compare_totals", lang))
    shown = comparison.names
    st.dataframe(_table(comparison.outputs.totals, shown, lang), hide_index=True,
                 width="stretch", height="content")
    groups = comparison.outputs.by_group
    covered = groups[groups["measure"] == "covered"]
    chart_rows = [{"group": row["name"], "scenario": n, "covered": row[n],
                   "text": _text(row[n], "workers", lang)}
                  for _, row in covered.iterrows() for n in comparison.names]
    chart = alt.Chart(pd.DataFrame(chart_rows), title=t("ui_compare_chart", lang)).mark_bar()
    st.altair_chart(chart.encode(
        x=alt.X("covered:Q", title=t("ui_col_covered", lang), axis=axis_format(lang)),
        y=alt.Y("group:N", title=None, sort=None, axis=alt.Axis(labelLimit=360)),
        color=alt.Color("scenario:N", title=None, sort=list(comparison.names),
                        legend=alt.Legend(orient="bottom", labelLimit=600)),
        yOffset=alt.YOffset("scenario:N", sort=list(comparison.names)),
        tooltip=[alt.Tooltip("group:N", title=t("ui_col_group", lang)),
                 alt.Tooltip("scenario:N", title=t("ui_scenario", lang)),
                 alt.Tooltip("text:N", title=t("ui_col_covered", lang))],
    ), width="stretch")
    st.subheader(t("ui_compare_inputs", lang))
    if len(comparison.inputs):
        st.dataframe(comparison.inputs_table(lang), hide_index=True, width="stretch")
    else:
        st.write(t("ui_compare_same", lang))
    st.subheader(t("ui_compare_groups", lang))
    st.dataframe(_table(groups, shown, lang), hide_index=True, width="stretch")
    st.subheader(t("ui_compare_sources", lang))
    st.dataframe(_table(comparison.outputs.by_source, shown, lang), hide_index=True,
                 width="stretch")
    st.download_button(t("ui_download_csv", lang), comparison.to_csv(),
                       file_name="perbandingan.csv", mime="text/csv", key="download_compare")


render()
