"""Compare 2 to 10 scenarios: inputs that differ, outputs side by side, a chart, a download."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from planner.compare import compare
from planner.i18n import t
from planner.money import count, percent, rupiah_short
from planner.ui.components import axis_format, cached_run, sidebar


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
    value_columns = [c for c in frame.columns if c in names or str(c).endswith(" Δ")]
    for column in value_columns:
        signed = str(column).endswith(" Δ")
        shown[column] = [
            _text(v, str(u), lang, signed)
            for v, u in zip(frame[column], frame.get("unit", [""] * len(frame)), strict=True)
        ]
    if "measure" in shown.columns:
        shown["measure"] = [t(f"cmp_measure_{m}", lang) for m in frame["measure"]]
    shown = shown.drop(columns=[c for c in ("unit", "item") if c in shown.columns])
    if "name" in shown.columns and not any(str(v) for v in shown["name"] if pd.notna(v)):
        shown = shown.drop(columns=["name"])
    shown = shown.rename(columns={"name": t("ui_col_name", lang),
                                  "measure": t("ui_compare_measure", lang)})

    def colour(column: pd.Series) -> list[str]:
        if not str(column.name).endswith(" Δ"):
            return [""] * len(column)
        raw = frame[column.name]
        return ["color: #1a7f37" if isinstance(v, int | float) and v > 0 else
                "color: #cf222e" if isinstance(v, int | float) and v < 0 else "" for v in raw]

    return shown.style.apply(colour)


def render() -> None:
    """Draw the page."""
    app = sidebar()
    lang = app.lang
    st.title(t("ui_compare_title", lang))
    names = list(app.scenarios)
    others = [n for n in names if n != app.current]
    default = [app.current, *others[:1]]
    picked = st.multiselect(t("ui_compare_pick", lang), names, default=default,
                            max_selections=10, key="compare_pick")
    if len(picked) < 2:
        st.info(t("ui_compare_pick_more", lang))
        return
    baseline = st.selectbox(t("ui_compare_baseline", lang), picked, key="compare_baseline")
    results = [cached_run(app.scenarios[n].text, explain=False) for n in picked]
    comparison = compare(results, picked, baseline=picked.index(baseline))
    st.subheader(t("ui_compare_totals", lang))
    shown = comparison.names
    st.dataframe(_table(comparison.outputs.totals, shown, lang), hide_index=True,
                 width="stretch")
    groups = comparison.outputs.by_group
    covered = groups[groups["measure"] == "covered"]
    chart_rows = [{"group": row["name"], "scenario": n, "covered": row[n]}
                  for _, row in covered.iterrows() for n in comparison.names]
    chart = alt.Chart(pd.DataFrame(chart_rows), title=t("ui_compare_chart", lang)).mark_bar()
    st.altair_chart(chart.encode(
        x=alt.X("covered:Q", title=t("ui_covered", lang), axis=axis_format(lang)),
        y=alt.Y("group:N", title=None, axis=alt.Axis(labelLimit=260)),
        color=alt.Color("scenario:N", title=None, legend=alt.Legend(orient="bottom")),
        yOffset="scenario:N",
    ), width="stretch")
    st.subheader(t("ui_compare_inputs", lang))
    if len(comparison.inputs):
        inputs = comparison.inputs.drop(columns=["item", "unit"], errors="ignore")
        inputs = inputs.astype(object).where(inputs.notna(), "-").astype(str)
        inputs = inputs.replace({"None": "-", "nan": "-"}).rename(columns={
            "name": t("ui_col_name", lang), "field": t("ui_compare_field", lang)})
        st.dataframe(inputs, hide_index=True, width="stretch")
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
