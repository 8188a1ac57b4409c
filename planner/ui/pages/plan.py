"""The plan page: edit the scenario, see the plan at once, with its reasons and warnings."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from planner.engine.schema import ALL, SOURCE_KINDS, Scenario, validate_scenario
from planner.errors import ScenarioError
from planner.i18n import t
from planner.money import rupiah
from planner.ui.components import (
    cached_run,
    has_unsaved_edits,
    scenario_caption,
    sidebar,
    whole_cell,
)
from planner.ui.hearing import PDF, handout_pdf, library_save, pdf_name, said_saved
from planner.ui.library_access import XLSX, session_plan_workbook
from planner.ui.new_ids import new_id
from planner.ui.number_table import edit_format
from planner.ui.plan_view import name_column, show_plan
from planner.ui.problems import show_problems
from planner.ui.state import AppState
from planner.ui.texts import kind_label

OBJECTIVES = ("max_covered", "max_worker_months", "min_cost")
SHARING = ("most_workers", "equal_share")
RULES = ("strict", "off")


def _percent_slider(label: str, value: float, key: str, help_text: str | None = None) -> float:
    chosen = st.slider(label, 0, 100, round(value * 100), 1, format="%d%%", key=key,
                       help=help_text)
    return float(chosen) / 100


def _rule_text(group: Any, lang: str) -> str:
    """Write a group's premium rule in words: ``BPU, penghasilan Rp1.000.000``."""
    rule = group.get("premium")
    if not rule:
        return ""
    if rule["scheme"] == "bpu":
        return t("ui_rule_bpu", lang, income=rupiah(rule["declared_income"], lang))
    return t("ui_rule_wage", lang, wage=rupiah(rule["wage"], lang), jkk_class=rule["jkk_class"])


def _may_pay_picks(groups: Any) -> list[str]:
    """Return what a source may pay for as the pick-list holds it: group ids, or "all"."""
    return [ALL] if groups == ALL else list(groups)


def _may_pay_value(picks: Any) -> Any:
    """Read the pick-list back: "all" when it is picked, else the ids of the groups picked.

    Nothing picked is passed on as an empty list, for validation to say what is missing.
    """
    chosen = [str(x) for x in (picks if picks is not None else [])]
    return ALL if ALL in chosen else chosen


def _groups_editor(base: Scenario, data: dict[str, Any], app: AppState, lang: str) -> None:
    has_regions = bool(base.regions)
    rows = []
    for g in data["groups"]:
        rows.append({
            "id": g["id"],
            "name": g.get("name", ""),
            # beside the name: who is covered first is the question asked of this table
            "priority": g["priority"],
            "eligible": sum(g["eligible"].values()) if has_regions else g["eligible"],
            "covered_elsewhere": (sum(g["covered_elsewhere"].values())
                                  if isinstance(g["covered_elsewhere"], dict)
                                  else g["covered_elsewhere"]),
            "premium_monthly": g.get("premium_monthly"),
            "rule": _rule_text(g, lang),
            "months": g["months"],
            "start_month": g["start_month"],
            "min_share": g["min_share"] * 100,
            "max_share": g["max_share"] * 100,
        })
    frame = pd.DataFrame(rows)
    name_width, row_height = name_column(frame["name"])  # a long name wraps, whole
    edited = st.data_editor(
        frame, hide_index=True, key=f"groups_{app.current}_{app.edits}", width="stretch",
        placeholder="-",  # a group priced by a rule has no fixed monthly premium
        row_height=row_height,
        column_config={
            # the name says it to people; the scenario and its file keep the id
            "id": None,
            "name": st.column_config.TextColumn(t("ui_col_name", lang), pinned=True,
                                                width=name_width or "medium"),
            "priority": st.column_config.NumberColumn(
                t("ui_col_priority", lang), min_value=1, max_value=99, step=1, format="%d",
                help=t("ui_col_priority_help", lang)),
            "eligible": st.column_config.NumberColumn(
                t("ui_col_eligible", lang), min_value=0, step=1, format=edit_format(lang),
                disabled=has_regions),
            "covered_elsewhere": st.column_config.NumberColumn(
                t("ui_col_elsewhere", lang), min_value=0, step=1, format=edit_format(lang),
                disabled=has_regions),
            "premium_monthly": st.column_config.NumberColumn(
                t("ui_col_premium", lang), min_value=0, step=100, format=edit_format(lang)),
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
            g["eligible"] = whole_cell(row["eligible"])
            g["covered_elsewhere"] = whole_cell(row["covered_elsewhere"])
        if g.get("premium") is None:
            g["premium_monthly"] = whole_cell(row["premium_monthly"])
        g["months"] = whole_cell(row["months"])
        g["start_month"] = whole_cell(row["start_month"])
        g["min_share"] = _share(row["min_share"])
        g["max_share"] = _share(row["max_share"])
        g["priority"] = whole_cell(row["priority"])


def _share(value: Any) -> Any:
    whole = whole_cell(value)
    return whole / 100 if isinstance(whole, int | float) else whole


def _sources_editor(data: dict[str, Any], app: AppState, lang: str) -> None:
    rows = [{
        "id": s["id"],
        "name": s.get("name", ""),
        "kind": s["kind"],
        "budget": s["budget"],
        "protected": s["protected"],
        "groups": _may_pay_picks(s["groups"]),
    } for s in data["sources"]]
    # the groups by name: a pick-list of the groups as this page names them, and "all"
    names = {ALL: t("ui_all", lang), **{g["id"]: g.get("name") or g["id"] for g in data["groups"]}}
    name_width, row_height = name_column(row["name"] for row in rows)
    edited = st.data_editor(
        pd.DataFrame(rows), hide_index=True, key=f"sources_{app.current}_{app.edits}",
        width="stretch", row_height=row_height,
        column_config={
            "id": None,
            "name": st.column_config.TextColumn(t("ui_col_name", lang), pinned=True,
                                                width=name_width or "medium"),
            "kind": st.column_config.SelectboxColumn(
                t("ui_col_kind", lang), options=list(SOURCE_KINDS),
                format_func=lambda kind: kind_label(str(kind), lang)),
            "budget": st.column_config.NumberColumn(t("ui_col_budget", lang), min_value=0,
                                                    step=1_000_000, format=edit_format(lang)),
            "protected": st.column_config.CheckboxColumn(t("ui_col_protected", lang)),
            "groups": st.column_config.MultiselectColumn(
                t("ui_col_may_pay", lang), help=t("ui_col_may_pay_help", lang),
                options=list(names), format_func=lambda i: names.get(i, i), width="large"),
        },
    )
    for s, row in zip(data["sources"], edited.to_dict("records"), strict=True):
        s["name"] = row["name"] or ""
        s["kind"] = row["kind"]
        s["budget"] = whole_cell(row["budget"])
        s["protected"] = bool(row["protected"])
        s["groups"] = _may_pay_value(row["groups"])


# a group added here is priced as the examples price informal workers (BPU, JKK and JKM on a
# declared Rp1.000.000) and covers nobody until its head-count is typed
NEW_GROUP: dict[str, Any] = {
    "eligible": 0, "covered_elsewhere": 0, "months": 12, "start_month": 1, "min_share": 0.0,
    "max_share": 1.0,
    "premium": {"scheme": "bpu", "declared_income": 1_000_000, "programmes": ["jkk", "jkm"]}}
NEW_SOURCE: dict[str, Any] = {"kind": "other", "budget": 0, "protected": False, "groups": ALL}


def _add_row(data: dict[str, Any], what: str, app: AppState, lang: str) -> bool:
    """Offer to add a group or a source by its name; add it to ``data`` when asked.

    The new row's id is made from its name (:func:`new_id`), so the scenario and its file keep
    ids while the tables show names. Returns whether a row was added.
    """
    with st.container(horizontal=True, vertical_alignment="bottom", key=f"plan_add_{what}"):
        name = st.text_input(t(f"ui_add_{what}_name", lang), width=360,
                             key=f"add_{what}_{app.current}_{app.edits}")
        clicked = st.button(t(f"ui_add_{what}", lang), key=f"add_{what}_button",
                            width="content", icon=":material/add:")
    if not clicked or not name.strip():
        return False
    rows = data[f"{what}s"]
    row: dict[str, Any] = {"id": new_id(name, (r["id"] for r in rows)), "name": name.strip()}
    if what == "group":
        row |= NEW_GROUP | {"priority": max((g["priority"] for g in rows), default=1)}
        if data.get("regions"):  # a head-count per region, typed in the YAML file
            row |= {"eligible": {r["id"]: 0 for r in data["regions"]}}
    else:
        row |= NEW_SOURCE
    rows.append(row)
    return True


def _draft(app: AppState, lang: str) -> tuple[Scenario | None, ScenarioError | None]:
    """Return the saved scenario with the page's edits, validated.

    Widgets start from the draft (the last valid edit), so an edit survives a visit to
    another page, where Streamlit forgets the widgets of this one.
    """
    base = app.draft or app.baseline()
    data = base.model_dump(mode="json")
    policy = data["policy"]
    # a select box keeps showing the words it was drawn with when only the language changes, so
    # the ones with translated choices are keyed by the language; they start from the draft
    # half and half: at 1024 px a narrower right column cuts the objective's words short
    left, right = st.columns([1, 1])
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
            key=f"objective_{app.current}_{app.edits}_{lang}")
        policy["sharing"] = st.selectbox(
            t("ui_sharing", lang), SHARING, index=SHARING.index(base.policy.sharing),
            format_func=lambda x: t(f"ui_sharing_{x}", lang), help=t("ui_sharing_help", lang),
            key=f"sharing_{app.current}_{app.edits}_{lang}")
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
            help=t("ui_funding_rules_help", lang), key=f"rules_{app.current}_{app.edits}_{lang}")
    with st.expander(t("ui_edit_groups", lang) + " / " + t("ui_edit_sources", lang)):
        st.caption(t("ui_edit_help", lang))
        _groups_editor(base, data, app, lang)
        added = _add_row(data, "group", app, lang)
        _sources_editor(data, app, lang)
        added = _add_row(data, "source", app, lang) or added
    try:
        draft = validate_scenario(data, app.current)
    except ScenarioError as exc:
        return None, exc
    if added:  # the tables are drawn again from the draft, with the new row
        app.draft = draft
        app.edits += 1
        st.rerun()
    return draft, None


def render() -> None:
    """Draw the page."""
    app = sidebar()
    lang = app.lang
    st.title(t("ui_plan_title", lang))
    said_saved()
    caption = st.empty()  # filled once this run's edits are known
    problems = st.container()  # above the plan: an entry that is not valid yet, and why
    draft, error = _draft(app, lang)
    if error is not None:
        with problems:
            data = (app.draft or app.baseline()).model_dump(mode="json")
            show_problems(t("ui_invalid_kept", lang), error, data, lang)
    else:
        app.draft = draft
    with caption:
        scenario_caption(app, lang)
    shown = app.draft or app.baseline()
    text = app.text_of(shown)
    result = cached_run(text, changes=True)
    show_plan(result, cached_run(app.scenarios[app.current].text), app, lang)
    session = app.scenarios[app.current]
    with st.container(horizontal=True, key="plan_downloads"):
        # the hand-out and the workbook are made when asked for, not on every slider move
        version = session.version if not has_unsaved_edits(app) else None
        st.download_button(
            t("ui_download_pdf", lang),
            lambda: handout_pdf(session.library or shown.name, text, version,
                                app.actor.shown if app.actor else app.author, lang),
            file_name=pdf_name(session.library or shown.name), mime=PDF,
            key="download_pdf", type="primary", icon=":material/picture_as_pdf:")
        st.download_button(t("ui_download_plan_xlsx", lang),
                           lambda: session_plan_workbook(shown.name, text, lang),
                           file_name="rencana.xlsx", mime=XLSX, key="download_plan_xlsx")
        st.download_button(t("ui_download_yaml", lang), text, file_name="scenario.yaml",
                           mime="application/x-yaml", key="download_yaml")
        if st.button(t("ui_reset", lang), key="reset"):
            app.reset()
            st.rerun()
    st.divider()
    library_save(app, text, lang)
    st.subheader(t("ui_save_session_title", lang))
    with st.container(horizontal=True, vertical_alignment="bottom", key="plan_session_save"):
        name = st.text_input(t("ui_save_name", lang), value=f"{app.current} *",
                             key=f"save_name_{app.edits}", width=320)
        save = st.button(t("ui_save_as", lang), key="save_as", width="content")
    if save:
        st.success(t("ui_saved", lang, name=app.save_draft(name)))


render()
