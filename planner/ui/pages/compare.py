"""Compare 2 to 10 scenarios: inputs that differ, outputs side by side, a chart, a download."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from planner.compare import compare
from planner.i18n import t
from planner.ui.components import cached_run, sidebar


def _highlight(frame: pd.DataFrame) -> pd.io.formats.style.Styler:
    """Colour the difference columns: green above the baseline, red below."""
    diff_columns = [c for c in frame.columns if str(c).endswith(" Δ")]

    def colour(value: object) -> str:
        if isinstance(value, int | float) and not pd.isna(value) and value != 0:
            return "color: #1a7f37" if value > 0 else "color: #cf222e"
        return ""

    return frame.style.map(colour, subset=diff_columns)


def render() -> None:
    """Draw the page."""
    app = sidebar()
    lang = app.lang
    st.title(t("ui_compare_title", lang))
    names = list(app.scenarios)
    default = names[:2] if app.current not in names[:2] else names[:2]
    picked = st.multiselect(t("ui_compare_pick", lang), names, default=default,
                            max_selections=10, key="compare_pick")
    if len(picked) < 2:
        st.info(t("ui_compare_pick_more", lang))
        return
    baseline = st.selectbox(t("ui_compare_baseline", lang), picked, key="compare_baseline")
    results = [cached_run(app.scenarios[n].text, explain=False) for n in picked]
    comparison = compare(results, picked, baseline=picked.index(baseline))
    st.subheader(t("ui_compare_totals", lang))
    st.dataframe(_highlight(comparison.outputs.totals), hide_index=True, width="stretch")
    groups = comparison.outputs.by_group
    covered = groups[groups["measure"] == "covered"]
    chart_rows = [{"group": row["name"], "scenario": n, "covered": row[n]}
                  for _, row in covered.iterrows() for n in comparison.names]
    chart = alt.Chart(pd.DataFrame(chart_rows), title=t("ui_compare_chart", lang)).mark_bar()
    st.altair_chart(chart.encode(
        x=alt.X("covered:Q", title=t("ui_covered", lang)),
        y=alt.Y("group:N", title=None),
        color=alt.Color("scenario:N", title=None, legend=alt.Legend(orient="bottom")),
        yOffset="scenario:N",
    ), use_container_width=True)
    st.subheader(t("ui_compare_inputs", lang))
    if len(comparison.inputs):
        st.dataframe(comparison.inputs, hide_index=True, width="stretch")
    else:
        st.write(t("ui_compare_same", lang))
    st.subheader(t("ui_compare_groups", lang))
    st.dataframe(_highlight(groups), hide_index=True, width="stretch")
    st.subheader(t("ui_compare_sources", lang))
    st.dataframe(_highlight(comparison.outputs.by_source), hide_index=True, width="stretch")
    st.download_button(t("ui_download_csv", lang), comparison.to_csv(),
                       file_name="perbandingan.csv", mime="text/csv", key="download_compare")


render()
