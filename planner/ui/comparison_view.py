"""A comparison drawn for people: totals, a chart, the inputs that differ, groups and sources.

Used by the Compare page and the Library page (saved versions and saved comparisons), so both
show a comparison the same way: figures formatted in the page's language, differences to the
baseline coloured (green up, red down).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from planner.compare import DELTA, Comparison, inputs_table
from planner.i18n import t
from planner.money import count, percent, rupiah_short
from planner.ui.components import axis_format
from planner.ui.print_style import print_table

__all__ = ["comparison_table", "print_comparison", "show_comparison"]


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


def comparison_table(frame: pd.DataFrame, names: Sequence[str], lang: str) -> Any:
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


def _chart(comparison: Comparison, lang: str) -> alt.Chart:
    groups = comparison.outputs.by_group
    covered = groups[groups["measure"] == "covered"]
    rows = [{"group": row["name"], "scenario": n, "covered": row[n],
             "text": _text(row[n], "workers", lang)}
            for _, row in covered.iterrows() for n in comparison.names]
    chart = alt.Chart(pd.DataFrame(rows), title=t("ui_compare_chart", lang)).mark_bar()
    encoded: alt.Chart = chart.encode(
        x=alt.X("covered:Q", title=t("ui_col_covered", lang), axis=axis_format(lang)),
        y=alt.Y("group:N", title=None, sort=None, axis=alt.Axis(labelLimit=360)),
        color=alt.Color("scenario:N", title=None, sort=list(comparison.names),
                        legend=alt.Legend(orient="bottom", labelLimit=600)),
        yOffset=alt.YOffset("scenario:N", sort=list(comparison.names)),
        tooltip=[alt.Tooltip("group:N", title=t("ui_col_group", lang)),
                 alt.Tooltip("scenario:N", title=t("ui_scenario", lang)),
                 alt.Tooltip("text:N", title=t("ui_col_covered", lang))],
    )
    return encoded


def show_comparison(comparison: Comparison, lang: str, key: str) -> None:
    """Draw a comparison: totals, the coverage chart, inputs that differ, groups and sources.

    ``key`` keeps the widgets of two comparisons on one page apart.
    """
    names = comparison.names
    st.subheader(t("ui_compare_totals", lang))
    st.dataframe(comparison_table(comparison.outputs.totals, names, lang), hide_index=True,
                 width="stretch", height="content", key=f"{key}_totals")
    st.altair_chart(_chart(comparison, lang), width="stretch", key=f"{key}_chart")
    st.subheader(t("ui_compare_inputs", lang))
    if len(comparison.inputs):
        st.dataframe(inputs_table(comparison, lang), hide_index=True, width="stretch",
                     key=f"{key}_inputs")
    else:
        st.write(t("ui_compare_same", lang))
    st.subheader(t("ui_compare_groups", lang))
    st.dataframe(comparison_table(comparison.outputs.by_group, names, lang), hide_index=True,
                 width="stretch", key=f"{key}_groups")
    st.subheader(t("ui_compare_sources", lang))
    st.dataframe(comparison_table(comparison.outputs.by_source, names, lang), hide_index=True,
                 width="stretch", key=f"{key}_sources")


def print_comparison(comparison: Comparison, lang: str) -> None:
    """Put the printable twins of the comparison's tables on the page (print only)."""
    names = comparison.names
    for frame in (comparison.outputs.totals, comparison.outputs.by_group,
                  comparison.outputs.by_source):
        print_table(comparison_table(frame, names, lang).data)
