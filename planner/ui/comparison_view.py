"""A comparison drawn for people: totals, a chart, the inputs that differ, groups and sources.

Used by the Compare page and the Library page (saved versions and saved comparisons), so both
show a comparison the same way: figures formatted in the page's language, differences to the
baseline coloured (green up, red down).
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from planner.compare import DELTA, Comparison, inputs_table
from planner.i18n import t
from planner.ui.components import axis_format
from planner.ui.number_table import by_row, formatter
from planner.ui.print_style import print_table

__all__ = [
    "comparison_frames", "comparison_table", "print_comparison", "show_comparison", "statuses",
]


def comparison_table(frame: pd.DataFrame, names: Sequence[str], lang: str) -> Styler:
    """Format a comparison table for people, differences coloured (green up, red down)."""
    return comparison_frames(frame, names, lang)[0]


def comparison_frames(frame: pd.DataFrame, names: Sequence[str], lang: str,
                      ) -> tuple[Styler, pd.DataFrame]:
    """Return a comparison table as :func:`comparison_table` draws it, and as text to print.

    The figures stay numbers (a click on a header sorts them as numbers), written row by row
    by the row's unit (``ui/number_table.py``). A status is a word, not a figure: its row is
    left out; :func:`statuses` says which scenario has no plan.
    """
    if "measure" in frame.columns:
        frame = frame[frame["measure"] != "status"].reset_index(drop=True)
    value_columns = [c for c in frame.columns if c in names or str(c).endswith(DELTA)]
    shown = frame.drop(columns=[c for c in ("unit", "item") if c in frame.columns])
    for column in value_columns:
        shown[column] = pd.to_numeric(frame[column], errors="coerce")
    if "measure" in shown.columns:
        shown["measure"] = [t(f"cmp_measure_{m}", lang) for m in frame["measure"]]
    if "name" in shown.columns and not any(str(v) for v in shown["name"] if pd.notna(v)):
        shown = shown.drop(columns=["name"])
    # a difference column is headed in words ("selisih A"), as the command line does
    differences = {f"{n}{DELTA}": t("cmp_diff", lang, name=n) for n in names}
    raw_of = {label: column for column, label in differences.items()}
    shown = shown.rename(columns={"name": t("ui_col_name", lang),
                                  "measure": t("ui_compare_measure", lang), **differences})
    units = [str(u) for u in frame["unit"]] if "unit" in frame.columns else [""] * len(frame)
    columns = {differences.get(str(c), c): str(c).endswith(DELTA) for c in value_columns}

    def colour(column: pd.Series) -> list[str]:
        if column.name not in raw_of:
            return [""] * len(column)
        raw = pd.to_numeric(frame[raw_of[str(column.name)]], errors="coerce")
        return ["color: #1a7f37" if v > 0 else "color: #cf222e" if v < 0 else "" for v in raw]

    styler, text = by_row(shown, units, columns, lang, short=True)
    return styler.apply(colour), text


def statuses(comparison: Comparison, lang: str) -> str:
    """Say which compared scenario has no plan, and why (``""`` when every one has a plan)."""
    totals = comparison.outputs.totals
    row = totals[totals["measure"] == "status"]
    if not len(row):
        return ""
    said = [f"{n}: {t(f'cmp_status_{row.iloc[0][n]}', lang)}" for n in comparison.names
            if row.iloc[0][n] != "optimal"]
    return "; ".join(said)


def _chart(comparison: Comparison, lang: str) -> alt.Chart:
    groups = comparison.outputs.by_group
    covered = groups[groups["measure"] == "covered"]
    workers = formatter("workers", lang)
    assert workers is not None
    rows = [{"group": row["name"], "scenario": n, "covered": row[n],
             "text": workers(row[n])}
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
    said = statuses(comparison, lang)
    if said:
        st.warning(said)
    st.dataframe(comparison_table(comparison.outputs.totals, names, lang), hide_index=True,
                 width="stretch", height="content", key=f"{key}_totals",
                 placeholder="-")
    st.altair_chart(_chart(comparison, lang), width="stretch", key=f"{key}_chart")
    st.subheader(t("ui_compare_inputs", lang))
    if len(comparison.inputs):
        st.dataframe(inputs_table(comparison, lang), hide_index=True, width="stretch",
                     key=f"{key}_inputs")
    else:
        st.write(t("ui_compare_same", lang))
    st.subheader(t("ui_compare_groups", lang))
    st.dataframe(comparison_table(comparison.outputs.by_group, names, lang), hide_index=True,
                 width="stretch", key=f"{key}_groups", placeholder="-")
    st.subheader(t("ui_compare_sources", lang))
    st.dataframe(comparison_table(comparison.outputs.by_source, names, lang), hide_index=True,
                 width="stretch", key=f"{key}_sources",
                 placeholder="-")


def print_comparison(comparison: Comparison, lang: str) -> None:
    """Put the printable twins of the comparison's tables on the page (print only)."""
    names = comparison.names
    for frame in (comparison.outputs.totals, comparison.outputs.by_group,
                  comparison.outputs.by_source):
        print_table(comparison_frames(frame, names, lang)[1])
