"""The plan as the plan page shows it: figures, charts, tables, and what changed.

An infeasible scenario is never a blank page: it shows the plan that meets the mandates as far as
the money allows (``Result.relaxed``), under a warning that names each mandate it misses, how many
workers short and what they would cost. The group and source tables carry the plan before beside
the plan now, when there is one to compare with: the same scenario without cuts
(``Result.changes``), or the library version the scenario was opened from, once it is edited.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from planner.analysis.changes import Changes, changes
from planner.engine.results import Result
from planner.i18n import t
from planner.money import count, rupiah_short
from planner.ui.components import (
    bar_chart,
    cached_run,
    has_unsaved_edits,
    messages,
    metric_row,
    plan_of,
)
from planner.ui.number_table import SIGNED, number_table
from planner.ui.print_style import print_table
from planner.ui.provenance_texts import basis_labels, marked, rules_table
from planner.ui.replan_texts import replan_group_labels, replan_source_labels
from planner.ui.state import AppState

__all__ = ["Before", "befores", "result_table", "show_infeasible", "show_plan"]

# the sentences run() puts first among the explanations when it compares with no cuts
CUT_SENTENCES = frozenset({"cut_cost", "cuts_cost", "cut_costs_nobody", "cuts_cost_nobody"})
UP, DOWN = "color: #1a7f37", "color: #cf222e"  # as comparison_view colours a difference
SECONDARY = frozenset({"basis", "assumed"})  # printed with a result table, listed under it
LONG_NAME = 42  # characters that fit unwrapped at 1024 px: "Pedagang kecil dan pedagang kaki lima"
WRAPPED_NAME_PX, WRAPPED_ROW_PX = 230, 66  # three lines of a name beside one line of figures


@dataclass(frozen=True)
class Before:
    """A plan to compare with: its label, the changes (``Changes.to_json``) and their sentence."""

    label: str
    changes: dict[str, Any]
    sentence: str


def befores(result: Result, app: AppState, lang: str) -> list[Before]:
    """Return the plans ``result`` can be compared with, the one the user most likely means first.

    An edited library version is compared with that version as saved; any scenario with a cut is
    compared with itself without cuts.
    """
    out = []
    session = app.scenarios[app.current]
    plan = plan_of(result)
    if session.origin == "library" and has_unsaved_edits(app) and plan.ok:
        saved = plan_of(cached_run(session.text))
        if saved.ok:
            ch = changes(plan.scenario, saved.solution.workers, plan.solution.workers,
                         plan.inputs.unit_cost, against=session.name,
                         unit_cost_before=saved.inputs.unit_cost)
            out.append(Before(t("ui_against_saved", lang, label=session.name), ch.to_json(),
                              _version_sentence(ch, lang)))
    sentence = next((m for m in result.explanations if m.code in CUT_SENTENCES), None)
    if result.changes is not None and sentence is not None:
        out.append(Before(t("ui_against_no_cut", lang), result.changes, sentence.text(lang)))
    return out


def _version_sentence(ch: Changes, lang: str) -> str:
    """Say what changed against a saved version, whichever way the head-count moved.

    The engine's sentence counts workers lost; a plan that funds as many or more (another
    priority, another sharing rule) is said in the app's own words, with any group that loses.
    """
    lost = ch.covered_before - ch.covered_after
    if lost > 0:
        return ch.message().text(lang)
    sentence = t("ui_change_more" if lost else "ui_change_same", lang, against=ch.against,
                 n=count(-lost, lang))
    losers = sorted((c for c in ch.groups if c.change < 0), key=lambda c: (c.change, c.id))
    if not losers:
        return sentence
    return t("ui_change_losers", lang, sentence=sentence,
             losses=", ".join(f"{c.name} {count(-c.change, lang)}" for c in losers))


def _pick(choices: list[Before], app: AppState, lang: str) -> Before | None:
    if len(choices) < 2:
        return choices[0] if choices else None
    # keyed by the language: a radio keeps the words it was drawn with
    index = st.radio(t("ui_compare_with", lang), range(len(choices)), horizontal=True,
                     format_func=lambda i: choices[i].label,
                     key=f"against_{app.current}_{app.edits}_{lang}")
    return choices[index]


def _with_before(df: pd.DataFrame, key: str, rows: list[dict[str, Any]],
                 fmt: Callable[[float, str], str], lang: str) -> tuple[pd.DataFrame, list[int]]:
    """``df`` with the figure before and the change as text; the changes as numbers, to colour."""
    by_id = {row["id"]: row for row in rows}
    before = [int(by_id.get(i, {}).get("before", 0)) for i in df[key]]
    change = [int(by_id.get(i, {}).get("change", 0)) for i in df[key]]
    # numbers, written by their unit when shown (ui/number_table.py), so they sort as numbers
    out = df.assign(before=before, change=change)
    unit = "workers" if fmt is count else "Rp"
    out.attrs = {**df.attrs, "unit": {**df.attrs.get("unit", {}), "before": unit,
                                       "change": SIGNED + unit}}
    return out, change


def name_column(names: Iterable[object]) -> tuple[int | None, int | None]:
    """Return the name column's width and the rows' height for a table of ``names``.

    A name too long to leave the figures room at 1024 px wraps in a narrower column, which
    Streamlit does only in rows taller than 64 px; shorter names keep one line (None, None).
    """
    if max((len(str(x)) for x in names), default=0) > LONG_NAME:
        return WRAPPED_NAME_PX, WRAPPED_ROW_PX
    return None, None


def result_table(df: pd.DataFrame, labels: dict[str, str], changed: list[int] | None, lang: str,
                 off_screen: frozenset[str] = frozenset(), **config: Any) -> None:
    """Draw a result table for people: rupiah as read aloud, names pinned, changes coloured.

    The basis of each figure (``basis_labels``) is printed with the table but not drawn in it:
    a sentence per row, it would push the figures off a 1024 px screen; :func:`_basis` lists it
    under the tables. A change is green up and red down.
    """
    data, text = number_table(df, lang, labels, short=True,
                              shown=[c for c in labels if c not in SECONDARY | off_screen])
    if changed is not None:
        colours = [UP if v > 0 else DOWN if v < 0 else "" for v in changed]
        data = data.apply(lambda _: colours, subset=[t("ui_col_change", lang)])
    width, row_height = name_column(df["name"])  # pinned, whole, wrapped when long
    config[labels["name"]] = st.column_config.TextColumn(pinned=True, width=width)
    st.dataframe(data, hide_index=True, width="stretch", height="content", column_config=config,
                 placeholder="-", row_height=row_height)
    print_table(text)


# with a plan before beside them, the columns a comparison can do without on screen (so the
# tables hold at 1024 px); "Tampilkan semua kolom" brings them back, and print has them all
COMPACT_GROUPS = frozenset({"covered_elsewhere", "covered"})
COMPACT_SOURCES = frozenset({"unspent", "spare", "workers"})


def _groups(plan: Result, before: Before | None, lang: str, compact: bool = False) -> None:
    df, changed = marked(plan.by_group, lang), None
    funded = {"funded": t("ui_col_funded", lang)}
    if before is not None:  # the workers funded before, now and the change side by side
        df, changed = _with_before(df, "group", before.changes["groups"], count, lang)
        funded = {"before": before.label, **funded, "change": t("ui_col_change", lang)}
    if "enrolled" in df:  # a re-plan: who of the enrolled stays, who loses cover, who is new
        funded |= replan_group_labels(plan.scenario.policy.from_month, lang)
    result_table(df, {
        "name": t("ui_col_group", lang), "eligible": t("ui_col_eligible", lang),
        "covered_elsewhere": t("ui_col_elsewhere", lang), **funded,
        "covered": t("ui_col_covered", lang), "share": t("ui_col_share", lang),
        "cost": t("ui_col_cost", lang), **basis_labels(lang)}, changed, lang,
        COMPACT_GROUPS if compact else frozenset())


def _sources(plan: Result, before: Before | None, lang: str, compact: bool = False) -> None:
    df, changed = marked(plan.by_source, lang), None
    labels = {"name": t("ui_col_source", lang), "available": t("ui_col_available", lang),
              "spent": t("ui_col_spent", lang), "unspent": t("ui_col_unspent", lang)}
    if "spent_to_date" in df:  # a re-plan: paid before its month, the money from it on
        labels = {"name": labels["name"],
                  **replan_source_labels(plan.scenario.policy.from_month, lang),
                  "unspent": labels["unspent"]}
    config = {}
    if "spare" in df.columns:  # the pipeline adds the column without its unit
        df.attrs = {**df.attrs, "unit": {**df.attrs.get("unit", {}), "spare": "Rp"}}
        labels["spare"] = t("ui_col_spare", lang)
        config[labels["spare"]] = st.column_config.Column(help=t("ui_col_spare_help", lang))
    labels["workers"] = t("ui_col_workers", lang)
    if before is not None:
        df, changed = _with_before(df, "source", before.changes["sources"], rupiah_short, lang)
        labels |= {"before": before.label, "change": t("ui_col_change", lang)}
    labels |= basis_labels(lang)
    result_table(df, labels, changed, lang, COMPACT_SOURCES if compact else frozenset(),
                 **config)


def _basis(plan: Result, lang: str) -> None:
    """List where each group's and source's figure comes from, and which are illustrative.

    These are the basis columns the result tables print but leave off the screen.
    """
    groups, sources = marked(plan.by_group, lang), marked(plan.by_source, lang)
    rows = pd.DataFrame({
        t("ui_col_item", lang): [*groups["name"], *sources["name"]],
        t("ui_col_basis", lang): [*groups["basis"], *sources["basis"]],
        t("ui_col_assumed", lang): [*groups["assumed"], *sources["assumed"]]})
    with lazy_expander(t("ui_basis_figures", lang), "plan_basis_figures") as box:
        if not box.open:
            return
        st.caption(t("ui_col_basis_help", lang))
        st.dataframe(rows, hide_index=True, width="stretch", row_height=70,
                     column_config={t("ui_col_item", lang): st.column_config.TextColumn(
                         width="medium", pinned=True)})


def _rules(plan: Result, lang: str) -> None:
    """Show the regulations behind the rates, the discount and the funding rules; the readings."""
    with lazy_expander(t("ui_basis_rules", lang), "plan_basis_rules") as box:
        if not box.open:
            return
        df, readings = rules_table(plan.scenario, lang)
        st.dataframe(df, hide_index=True, width="stretch")
        if readings:
            st.markdown("\n".join(f"- {line}" for line in readings))


def show_infeasible(result: Result, plan: Result, lang: str) -> None:
    """Say that no plan meets every mandate and why; name what the plan shown falls short of."""
    lines = [f"**{t('ui_infeasible', lang)}**", ""]
    st.error("\n".join(lines + [f"- {m.text(lang)}" for m in result.diagnosis]))
    if plan is result:  # no relaxed plan either: nothing below to warn about
        return
    names = {g.id: g.label for g in result.scenario.groups}
    regions = {r.id: r.name or r.id for r in result.scenario.regions}
    short = sum(s["workers"] for s in result.shortfalls)
    lines = [t("ui_relaxed_title", lang, workers=count(short, lang),
               bound=count(result.shortfall_bound, lang)), ""]
    for s in result.shortfalls:
        region = regions.get(s["region"], s["region"])
        if s["group"] is None:
            who = t("ui_shortfall_floor", lang, region=region)
        elif regions:
            who = t("ui_shortfall_in", lang, group=names.get(s["group"], s["group"]),
                    region=region)
        else:
            who = names.get(s["group"], s["group"])
        lines.append("- " + t("ui_shortfall", lang, who=who, workers=count(s["workers"], lang),
                              cost=rupiah_short(s["cost"], lang)))
    st.warning("\n".join(lines))


def _charts(plan: Result, lang: str) -> None:
    groups = plan.by_group
    # one chart under the other: side by side, long group and source names leave the bars no room
    bar_chart(groups.assign(label=groups["name"]), "label", "covered",
              t("ui_chart_by_group", lang), lang)
    sources = plan.by_source
    bar_chart(sources.assign(label=sources["name"]), "label", "spent",
              t("ui_chart_by_source", lang), lang, money=True)
    if plan.scenario.regions:
        regions = plan.by_region
        bar_chart(regions.assign(label=regions["name"]), "label", "covered",
                  t("ui_by_region", lang), lang)


def lazy_expander(label: str, key: str) -> Any:
    """Return an expander whose content is drawn only while it is open (its ``.open``).

    The plan page redraws on every move of a slider; tables nobody has opened (the allocation,
    the bases, the rules: a fifth of the page's time) are left out until someone opens them,
    which reruns the page with them. The browser's print leaves expanders out anyway.
    """
    return st.expander(label, key=key, on_change="rerun")


def _allocation(plan: Result, lang: str) -> None:
    with lazy_expander(t("ui_allocation", lang), "plan_allocation") as box:
        if not box.open:
            return
        names = {g.id: g.label for g in plan.scenario.groups}
        names_s = {s.id: s.label for s in plan.scenario.sources}
        alloc = plan.allocation.assign(
            group=plan.allocation["group"].map(names),
            source=plan.allocation["source"].map(names_s))
        data, _ = number_table(alloc, lang, {
            "group": t("ui_col_group", lang), "region": t("ui_col_region", lang),
            "source": t("ui_col_source", lang), "workers": t("ui_col_workers", lang),
            "unit_cost": t("ui_col_unit_cost", lang), "cost": t("ui_col_cost", lang)})
        st.dataframe(data, hide_index=True, width="stretch", placeholder="-")


def show_plan(result: Result, baseline: Result, app: AppState, lang: str) -> None:
    """Draw the plan of ``result`` with its change from ``baseline`` (the saved scenario)."""
    plan = plan_of(result)
    if not result.ok:
        show_infeasible(result, plan, lang)
    metric_row(plan, plan_of(baseline), lang)
    if not plan.ok:
        return
    # the upper bound, said with what it means (it is no promise of more workers)
    st.caption(t("ui_bound", lang, bound=count(plan.bound_covered, lang)))
    _charts(plan, lang)
    st.subheader(t("ui_by_group", lang))
    before = _pick(befores(result, app, lang), app, lang)
    compact = False
    if before is not None:
        st.info(before.sentence)
        compact = not st.toggle(t("ui_all_columns", lang), key="plan_all_columns",
                                help=t("ui_all_columns_help", lang))
    _groups(plan, before, lang, compact)
    st.subheader(t("ui_by_source", lang))
    _sources(plan, before, lang, compact)
    _basis(plan, lang)
    _allocation(plan, lang)
    _rules(plan, lang)
    # the sentence of the comparison shown above is not said twice
    said = {before.sentence} if before is not None else set()
    explanations = [m for m in result.explanations if m.text(lang) not in said]
    if explanations:
        st.subheader(t("ui_why", lang))
        messages(explanations, lang)
    if plan.warnings:
        st.subheader(t("ui_warnings", lang))
        messages(plan.warnings, lang, "warning")
