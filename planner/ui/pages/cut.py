"""Test a cut: the cut curve with its breakpoints, the largest cut that keeps every mandate."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from planner.analysis import CutPoint, Sweep
from planner.engine.scenarios import dump_scenario
from planner.i18n import t
from planner.money import percent
from planner.ui.components import axis_format, cached_sweep, scenario_caption, sidebar
from planner.ui.csv_export import sweep_csv
from planner.ui.number_table import number_table


def _series(points: list[CutPoint], line: str, lang: str) -> list[dict[str, object]]:
    """Return one curve's rows and, beyond the largest feasible cut, its relaxed points.

    The relaxed part starts at the curve's last feasible point, so the dashed line carries on
    from the solid one instead of floating beside it.
    """
    rows: list[dict[str, object]] = [
        {"cut": p.cut * 100, "covered": p.covered_workers if p.status == "optimal" else None,
         "line": line, "mandates": t("ui_mandates_met", lang)} for p in points]
    relaxed = [(p.cut, p.relaxed_covered) for p in points if p.relaxed_covered is not None]
    if relaxed:
        feasible = [(p.cut, p.covered_workers) for p in points
                    if p.status == "optimal" and p.cut < relaxed[0][0]]
        rows += [{"cut": cut * 100, "covered": n, "line": line,
                  "mandates": t("ui_mandates_not_met", lang)} for cut, n in feasible[-1:] + relaxed]
    return rows


def _lines(curve: Sweep, lang: str) -> alt.LayerChart:
    """Draw the cut curve and the one without protections, relaxed points dashed.

    Where mandates fail there is no plan, but there is the plan that meets them as far as the
    money allows: drawn dashed, with a legend saying it does not meet the mandates. The points
    are a layer of their own: on the line they would hide the dashes in the legend.
    """
    rows = _series(curve.points, t("ui_with_protection", lang), lang)
    if curve.unprotected is not None:
        rows += _series(curve.unprotected, t("ui_without_protection", lang), lang)
    data = pd.DataFrame(rows)
    base = alt.Chart(data, title=t("ui_cut_curve", lang)).encode(
        x=alt.X("cut:Q", title=t("ui_cut", lang) + " (%)"),
        y=alt.Y("covered:Q", title=t("ui_covered", lang), axis=axis_format(lang),
                scale=alt.Scale(zero=False)),
        color=alt.Color("line:N", title=None, legend=alt.Legend(orient="bottom")),
    )
    met, not_met = t("ui_mandates_met", lang), t("ui_mandates_not_met", lang)
    dashes: dict[str, alt.StrokeDash] = {}
    if (data["mandates"] == not_met).any():
        dashes["strokeDash"] = alt.StrokeDash(
            "mandates:N", title=None,
            legend=alt.Legend(orient="bottom", symbolType="stroke", symbolStrokeColor="gray",
                              symbolStrokeWidth=2, symbolSize=600),
            scale=alt.Scale(domain=[met, not_met], range=[[1, 0], [6, 4]]))
    layered: alt.LayerChart = base.mark_line().encode(**dashes) + base.mark_circle(
        size=24, opacity=1)
    return layered


def points_table(curve: Sweep, lang: str) -> tuple[pd.DataFrame, str, dict[str, str]]:
    """Return the curve's points as numbers with their units, the language and the headers.

    A cut without a plan has no count or spend (shown as "-"), and its status says why; the
    status column is there only when some point has no plan.
    """
    df = pd.DataFrame([{
        "cut": p.cut,
        "covered": p.covered_workers if p.status == "optimal" else None,
        "spent": p.total_cost if p.status == "optimal" else None,
        "relaxed": p.relaxed_covered,
        "status": t("ui_status_" + p.status, lang),
    } for p in curve.points])
    for column in ("covered", "spent", "relaxed"):
        df[column] = df[column].astype("Int64")  # whole numbers, missing where there is no plan
    df.attrs = {"unit": {"cut": "share", "covered": "workers", "spent": "Rp",
                         "relaxed": "workers"}}
    labels = {"cut": t("ui_cut", lang), "covered": t("ui_covered", lang),
              "spent": t("ui_spent", lang), "relaxed": t("ui_mandates_not_met", lang)}
    if any(p.status != "optimal" for p in curve.points):
        labels["status"] = t("ui_col_status", lang)
    return df, lang, labels


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
    lines = _lines(curve, lang)
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
        data, _ = number_table(*points_table(curve, lang), short=True)
        st.dataframe(data, hide_index=True, width="stretch", placeholder="-")
        st.download_button(t("ui_download_csv", lang), sweep_csv(curve, lang),
                           file_name="pemotongan.csv" if lang == "id" else "cuts.csv",
                           mime="text/csv", key="download_sweep",
                           help=t("ui_download_csv_excel", lang))


render()
