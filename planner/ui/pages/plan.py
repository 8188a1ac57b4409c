"""The plan page: edit the scenario, see the plan at once, with its reasons and warnings."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from planner.errors import ScenarioError
from planner.i18n import t
from planner.scenarios import dump_scenario
from planner.schema import SOURCE_KINDS, Scenario, validate_scenario
from planner.ui.components import bar_chart, cached_run, messages, metric_row, money_table, sidebar
from planner.ui.state import AppState

OBJECTIVES = ("max_covered", "max_worker_months", "min_cost")
RULES = ("strict", "off")


def _percent_slider(label: str, value: float, key: str, help_text: str | None = None) -> float:
    chosen = st.slider(label, 0, 100, round(value * 100), 1, format="%d%%", key=key,
                       help=help_text)
    return float(chosen) / 100


def _rule_text(group: Any) -> str:
    rule = group.get("premium")
    if not rule:
        return ""
    amount = rule.get("declared_income") or rule.get("wage")
    return f"{rule['scheme']} {amount:,}".replace(",", ".")


def _groups_editor(base: Scenario, data: dict[str, Any], app: AppState, lang: str) -> None:
    has_regions = bool(base.regions)
    rows = []
    for g in data["groups"]:
        rows.append({
            "id": g["id"],
            "name": g.get("name", ""),
            "eligible": sum(g["eligible"].values()) if has_regions else g["eligible"],
            "covered_elsewhere": (sum(g["covered_elsewhere"].values())
                                  if isinstance(g["covered_elsewhere"], dict)
                                  else g["covered_elsewhere"]),
            "premium_monthly": g.get("premium_monthly"),
            "rule": _rule_text(g),
            "months": g["months"],
            "start_month": g["start_month"],
            "min_share": g["min_share"] * 100,
            "max_share": g["max_share"] * 100,
        })
    frame = pd.DataFrame(rows)
    edited = st.data_editor(
        frame, hide_index=True, key=f"groups_{app.current}_{app.edits}", width="stretch",
        column_config={
            "id": st.column_config.TextColumn("id", disabled=True),
            "name": st.column_config.TextColumn(t("ui_col_name", lang)),
            "eligible": st.column_config.NumberColumn(
                t("ui_col_eligible", lang), min_value=0, step=1, format="%d",
                disabled=has_regions),
            "covered_elsewhere": st.column_config.NumberColumn(
                t("ui_col_elsewhere", lang), min_value=0, step=1, format="%d",
                disabled=has_regions),
            "premium_monthly": st.column_config.NumberColumn(
                t("ui_col_premium", lang), min_value=0, step=100, format="%d"),
            "rule": st.column_config.TextColumn(t("ui_col_rule", lang), disabled=True),
            "months": st.column_config.NumberColumn(
                t("ui_col_months", lang), min_value=1, max_value=12, step=1, format="%d"),
            "start_month": st.column_config.NumberColumn(
                t("ui_col_start", lang), min_value=1, max_value=12, step=1, format="%d"),
            "min_share": st.column_config.NumberColumn(
                t("ui_col_mandate", lang) + " (%)", min_value=0, max_value=100, step=1),
            "max_share": st.column_config.NumberColumn(
                t("ui_col_ceiling", lang) + " (%)", min_value=0, max_value=100, step=1),
        },
    )
    if has_regions:
        st.caption(t("ui_regions_note", lang))
    for g, row in zip(data["groups"], edited.to_dict("records"), strict=True):
        g["name"] = row["name"] or ""
        if not has_regions:
            g["eligible"] = _whole(row["eligible"])
            g["covered_elsewhere"] = _whole(row["covered_elsewhere"])
        if g.get("premium") is None:
            g["premium_monthly"] = _whole(row["premium_monthly"])
        g["months"] = _whole(row["months"])
        g["start_month"] = _whole(row["start_month"])
        g["min_share"] = _share(row["min_share"])
        g["max_share"] = _share(row["max_share"])


def _whole(value: Any) -> Any:
    """Read a whole number from a table cell; pass anything else on for validation to name."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _share(value: Any) -> Any:
    whole = _whole(value)
    return whole / 100 if isinstance(whole, int | float) else whole


def _sources_editor(data: dict[str, Any], app: AppState, lang: str) -> None:
    rows = [{
        "id": s["id"],
        "name": s.get("name", ""),
        "kind": s["kind"],
        "budget": s["budget"],
        "protected": s["protected"],
        "groups": s["groups"] if s["groups"] == "all" else ", ".join(s["groups"]),
    } for s in data["sources"]]
    edited = st.data_editor(
        pd.DataFrame(rows), hide_index=True, key=f"sources_{app.current}_{app.edits}",
        width="stretch",
        column_config={
            "id": st.column_config.TextColumn("id", disabled=True),
            "name": st.column_config.TextColumn(t("ui_col_name", lang)),
            "kind": st.column_config.SelectboxColumn(t("ui_col_kind", lang),
                                                     options=list(SOURCE_KINDS)),
            "budget": st.column_config.NumberColumn(t("ui_col_budget", lang), min_value=0,
                                                    step=1_000_000, format="%d"),
            "protected": st.column_config.CheckboxColumn(t("ui_col_protected", lang)),
            "groups": st.column_config.TextColumn(t("ui_col_may_pay", lang)),
        },
    )
    for s, row in zip(data["sources"], edited.to_dict("records"), strict=True):
        s["name"] = row["name"] or ""
        s["kind"] = row["kind"]
        s["budget"] = _whole(row["budget"])
        s["protected"] = bool(row["protected"])
        text = str(row["groups"] or "all").strip()
        s["groups"] = "all" if text == "all" else [x.strip() for x in text.split(",") if x.strip()]


def _draft(app: AppState, lang: str) -> tuple[Scenario | None, ScenarioError | None]:
    """Return the saved scenario with the page's edits, validated.

    Widgets start from the draft (the last valid edit), so an edit survives a visit to
    another page, where Streamlit forgets the widgets of this one.
    """
    base = app.draft or app.baseline()
    data = base.model_dump(mode="json")
    policy = data["policy"]
    left, right = st.columns([2, 1])
    with left:
        policy["global_cut"] = _percent_slider(
            t("ui_global_cut", lang), base.policy.global_cut,
            f"gcut_{app.current}_{app.edits}", t("ui_global_cut_help", lang))
        with st.expander(t("ui_source_cuts", lang)):
            for s in data["sources"]:
                s["cut"] = _percent_slider(
                    s.get("name") or s["id"], s["cut"], f"scut_{s['id']}_{app.current}_{app.edits}")
    with right:
        policy["objective"] = st.selectbox(
            t("ui_objective", lang), OBJECTIVES, index=OBJECTIVES.index(base.policy.objective),
            format_func=lambda o: t(f"ui_objective_{o}", lang),
            key=f"objective_{app.current}_{app.edits}")
        if policy["objective"] == "min_cost":
            # start from what the saved scenario covers: "what does the same cover cost at least?"
            start = base.policy.target_covered
            if start is None:
                start = cached_run(app.scenarios[app.current].text).covered_workers
            policy["target_covered"] = int(st.number_input(
                t("ui_target", lang), min_value=0, step=1000, value=int(start),
                key=f"target_{app.current}_{app.edits}"))
        policy["funding_rules"] = st.selectbox(
            t("ui_funding_rules", lang), RULES, index=RULES.index(base.policy.funding_rules),
            format_func=lambda r: t(f"ui_funding_rules_{r}", lang),
            key=f"rules_{app.current}_{app.edits}")
    with st.expander(t("ui_edit_groups", lang) + " / " + t("ui_edit_sources", lang)):
        st.caption(t("ui_edit_help", lang))
        _groups_editor(base, data, app, lang)
        _sources_editor(data, app, lang)
    try:
        return validate_scenario(data, app.current), None
    except ScenarioError as exc:
        return None, exc


def _plan(result: Any, lang: str) -> None:
    if not result.ok:
        st.error(t("ui_infeasible", lang))
        messages(result.diagnosis, lang, "error")
        return
    groups = result.by_group
    left, right = st.columns(2)
    with left:
        bar_chart(groups.assign(label=groups["name"]), "label", "covered",
                  t("ui_by_group", lang), lang)
    with right:
        sources = result.by_source
        bar_chart(sources.assign(label=sources["name"]), "label", "spent",
                  t("ui_by_source", lang), lang, money=True)
    if result.scenario.regions:
        regions = result.by_region
        bar_chart(regions.assign(label=regions["name"]), "label", "covered",
                  t("ui_by_region", lang), lang)
    st.subheader(t("ui_by_group", lang))
    st.dataframe(money_table(groups, lang, {
        "name": t("ui_col_group", lang), "eligible": t("ui_col_eligible", lang),
        "covered_elsewhere": t("ui_col_elsewhere", lang), "funded": t("ui_col_funded", lang),
        "covered": t("ui_col_covered", lang), "share": t("ui_col_share", lang),
        "cost": t("ui_col_cost", lang)}), hide_index=True, width="stretch")
    st.subheader(t("ui_by_source", lang))
    st.dataframe(money_table(result.by_source, lang, {
        "name": t("ui_col_source", lang), "available": t("ui_col_available", lang),
        "spent": t("ui_col_spent", lang), "unspent": t("ui_col_unspent", lang),
        "workers": t("ui_col_workers", lang)}), hide_index=True, width="stretch")
    with st.expander(t("ui_allocation", lang)):
        names = {g.id: g.label for g in result.scenario.groups}
        names_s = {s.id: s.label for s in result.scenario.sources}
        alloc = result.allocation.assign(
            group=result.allocation["group"].map(names),
            source=result.allocation["source"].map(names_s))
        st.dataframe(money_table(alloc, lang, {
            "group": t("ui_col_group", lang), "region": t("ui_col_region", lang),
            "source": t("ui_col_source", lang), "workers": t("ui_col_workers", lang),
            "unit_cost": t("ui_col_unit_cost", lang), "cost": t("ui_col_cost", lang)}),
            hide_index=True, width="stretch")
    if result.explanations:
        st.subheader(t("ui_why", lang))
        messages(result.explanations, lang)
    if result.warnings:
        st.subheader(t("ui_warnings", lang))
        messages(result.warnings, lang, "warning")


def render() -> None:
    """Draw the page."""
    app = sidebar()
    lang = app.lang
    st.title(t("ui_plan_title", lang))
    st.caption(app.scenarios[app.current].name)
    draft, error = _draft(app, lang)
    if error is not None:
        st.error(t("ui_invalid", lang))
        for p in error.problems:
            st.markdown(f"- `{p.path or '-'}`: {p.message(lang)}")
    else:
        app.draft = draft
    shown = app.draft or app.baseline()
    text = dump_scenario(shown)
    result = cached_run(text)
    baseline = cached_run(app.scenarios[app.current].text)
    metric_row(result, baseline, lang)
    _plan(result, lang)
    st.divider()
    c1, c2, c3 = st.columns([2, 1, 1])
    with c1:
        name = st.text_input(t("ui_save_name", lang), value=f"{app.current} *",
                             key=f"save_name_{app.edits}")
    with c2:
        if st.button(t("ui_save_as", lang), key="save_as"):
            saved = app.save_draft(name)
            st.success(t("ui_saved", lang, name=saved))
    with c3:
        st.download_button(t("ui_download_yaml", lang), text, file_name="scenario.yaml",
                           mime="application/x-yaml", key="download_yaml")
        if st.button(t("ui_reset", lang), key="reset"):
            app.select(app.current)
            st.rerun()


render()
