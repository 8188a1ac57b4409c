"""Test a cut: the cut curve with its breakpoints, the largest cut that keeps every mandate."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from planner.engine.scenarios import dump_scenario
from planner.i18n import t
from planner.money import count, percent, rupiah_short
from planner.ui.components import axis_format, cached_sweep, scenario_caption, sidebar


def render() -> None:
    """Draw the page."""
    app = sidebar()
    lang = app.lang
    st.title(t("ui_cut_title", lang))
    scenario = app.draft or app.baseline()
    scenario_caption(app, lang)
    c1, c2 = st.columns([3, 1])
    low, high = c1.slider(t("ui_cut_range", lang), 0, 100, (0, 50), 5, format="%d%%",
                          key="cut_range")
    steps = c2.number_input(t("ui_cut_steps", lang), 2, 201, 51, key="cut_steps")
    text = dump_scenario(scenario)
    curve = cached_sweep(text, low / 100, high / 100, int(steps))
    if curve.max_feasible_cut is None:
        st.metric(t("ui_max_cut", lang), "-")
        st.error(t("ui_max_cut_none", lang))
    else:
        st.metric(t("ui_max_cut", lang), percent(curve.max_feasible_cut, lang, 2))
    rows = [{"cut": p.cut * 100, "covered": p.covered_workers if p.status == "optimal" else None,
             "line": t("ui_with_protection", lang)} for p in curve.points]
    if curve.unprotected is not None:
        rows += [{"cut": p.cut * 100,
                  "covered": p.covered_workers if p.status == "optimal" else None,
                  "line": t("ui_without_protection", lang)} for p in curve.unprotected]
    data = pd.DataFrame(rows)
    lines = alt.Chart(data, title=t("ui_cut_curve", lang)).mark_line(point=True).encode(
        x=alt.X("cut:Q", title=t("ui_cut", lang) + " (%)"),
        y=alt.Y("covered:Q", title=t("ui_covered", lang), axis=axis_format(lang),
                scale=alt.Scale(zero=False)),
        color=alt.Color("line:N", title=None, legend=alt.Legend(orient="bottom")),
    )
    marks = pd.DataFrame([{"cut": b.cut * 100, "label": b.message().text(lang)}
                          for b in curve.breakpoints])
    chart = lines
    if len(marks):
        rules = alt.Chart(marks).mark_rule(strokeDash=[4, 4], color="gray").encode(
            x="cut:Q", tooltip=alt.Tooltip("label:N", title=t("ui_breakpoints", lang)))
        chart = chart + rules
    now = scenario.policy.global_cut
    if low / 100 <= now <= high / 100:  # where the scenario stands on the curve
        label = t("ui_cut_now", lang, cut=percent(now, lang))
        here = alt.Chart(pd.DataFrame([{"cut": now * 100, "label": label}]))
        chart = chart + here.mark_rule(color="#cf222e").encode(
            x="cut:Q", tooltip=alt.Tooltip("label:N", title=" "))
        chart = chart + here.mark_text(align="left", dx=4, dy=-6, color="#cf222e").encode(
            x="cut:Q", y=alt.value(0), text="label:N")
    st.altair_chart(chart, width="stretch")
    st.subheader(t("ui_breakpoints", lang))
    if curve.breakpoints:
        st.markdown("\n".join(f"- {b.message().text(lang)}" for b in curve.breakpoints))
    else:
        st.write(t("ui_no_breakpoints", lang))
    with st.expander(t("ui_cut_points", lang)):
        table = pd.DataFrame([{
            t("ui_cut", lang): percent(p.cut, lang),
            t("ui_covered", lang): count(p.covered_workers, lang) if p.status == "optimal"
            else t("ui_status_" + p.status, lang),
            t("ui_spent", lang): rupiah_short(p.total_cost, lang) if p.status == "optimal"
            else "-",
        } for p in curve.points])
        st.dataframe(table, hide_index=True, width="stretch")
        st.download_button(t("ui_download_csv", lang), curve.to_csv(), file_name="sweep.csv",
                           mime="text/csv", key="download_sweep")


render()
