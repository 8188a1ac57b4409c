"""A re-plan (APBD-P) as the APBD-P page shows it: who stays, who loses cover, and the money.

Every figure counts from the re-plan's month (``policy.from_month``), and every header and
sentence names that month, so "Berhenti mulai Oktober" cannot be read as a count for the year.
The sentence that matters most, who loses cover from when, comes first, in words; then the
figures, the cut's and continuity's sentences, the tables, and the warnings.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from planner.engine.results import Message, Result
from planner.i18n import t
from planner.money import count, rupiah, rupiah_short
from planner.ui.components import messages, plan_of
from planner.ui.plan_view import CUT_SENTENCES, result_table, show_infeasible
from planner.ui.replan_texts import month_name, replan_group_labels, replan_source_labels

__all__ = ["INPUT_WARNINGS", "group_list_csv", "show_replan", "who_loses_cover"]

# warnings about what was typed or chosen, shown beside the inputs rather than under the plan
INPUT_WARNINGS = frozenset({"cover_ended", "enrolled_above_eligible", "new_above_limit"})
# the sentences that answer the APBD-P's question, shown above the tables
REPLAN_SENTENCES = CUT_SENTENCES | {"continuity_cost"}


def _names_and_counts(plan: Result, column: str, lang: str) -> tuple[int, str]:
    """Return the total of a group column and its groups in words, the largest first."""
    rows = sorted(((int(n), str(name)) for name, n in zip(plan.by_group["name"],
                                                          plan.by_group[column], strict=True)
                   if n > 0), key=lambda x: (-x[0], x[1]))
    return sum(n for n, _ in rows), ", ".join(f"{name} {count(n, lang)}" for n, name in rows)


def who_loses_cover(plan: Result, lang: str) -> tuple[bool, str]:
    """Say who of the enrolled loses cover from which month, and who is new; True if any loses.

    Nothing is said when nobody is enrolled: there is nobody to keep or to lose.
    """
    month = plan.scenario.policy.from_month
    name, year = month_name(month, lang), plan.scenario.year
    enrolled = int(plan.by_group["enrolled"].sum())
    dropped, losers = _names_and_counts(plan, "dropped", lang)
    new, newcomers = _names_and_counts(plan, "new", lang)
    lines = []
    if dropped:
        lines.append(t("ui_replan_dropped", lang, month=name, year=year, n=count(dropped, lang),
                       groups=losers, last=month_name(month - 1, lang)))
    elif enrolled:
        lines.append(t("ui_replan_none_dropped", lang, n=count(enrolled, lang), month=name,
                       year=year))
    if new:
        lines.append(t("ui_replan_new", lang, month=name, n=count(new, lang), groups=newcomers))
    elif dropped:  # the money ran out before the enrolled: nobody new either
        lines.append(t("ui_replan_no_new", lang, month=name))
    return bool(dropped), "\n\n".join(lines)


def _metrics(plan: Result, lang: str) -> None:
    """Draw the re-plan's headline figures, each exact a question away.

    The workers in one row and the money in the next: on a narrow screen a row wraps, and the
    two kinds of figure stay apart.
    """
    month = month_name(plan.scenario.policy.from_month, lang)
    groups, labels = plan.by_group, replan_group_labels(plan.scenario.policy.from_month, lang)
    workers = [(t("ui_replan_enrolled", lang), int(groups["enrolled"].sum()))] + [
        (labels[column], int(groups[column].sum())) for column in ("kept", "dropped", "new")]
    money = [(t("ui_replan_spent", lang, month=month), plan.total_cost),
             (t("ui_unspent", lang), int(plan.by_source["unspent"].sum()))]
    rows: list[tuple[str, list[tuple[str, int]], Callable[[float, str], str],
                     Callable[[float, str], str]]] = [
        ("replan_workers", workers, count, count),
        ("replan_money", money, rupiah_short, rupiah)]
    for key, figures, fmt, exact in rows:
        with st.container(horizontal=True, gap="medium", key=key):
            for label, value in figures:
                st.metric(label, fmt(value, lang),
                          help=t("ui_exact", lang, value=exact(value, lang)), border=True,
                          width="content")


def _group_frame(plan: Result, lang: str) -> tuple[pd.DataFrame, dict[str, str]]:
    """Return the group table and its headers: dropped first, then enrolled, kept, new, funded.

    The page's question is who loses cover: beside the group's name, that column stays in view
    on a laptop's screen, where the table scrolls sideways for the rest.
    """
    month = plan.scenario.policy.from_month
    name = month_name(month, lang)
    labels = replan_group_labels(month, lang)
    return plan.by_group, {
        "name": t("ui_col_group", lang), "dropped": labels["dropped"],
        "enrolled": labels["enrolled"], "kept": labels["kept"], "new": labels["new"],
        "funded": t("ui_col_funded_from", lang, month=name),
        "cost": t("ui_col_cost_from", lang, month=name)}


def _source_frame(plan: Result, lang: str) -> tuple[pd.DataFrame, dict[str, str]]:
    """Return the source table: paid, planned from the month, left; then the budgets.

    Paid, planned and left add up to the budget after the cut, the two columns after them.
    """
    df = plan.by_source.assign(after_cut=plan.by_source["available"]
                               + plan.by_source["spent_to_date"])
    df.attrs = {"unit": {**plan.by_source.attrs.get("unit", {}), "after_cut": "Rp"}}
    labels = replan_source_labels(plan.scenario.policy.from_month, lang)
    return df, {"name": t("ui_col_source", lang), "spent_to_date": labels["spent_to_date"],
                "spent": labels["spent"], "unspent": t("ui_col_unspent", lang),
                "after_cut": t("ui_col_after_cut", lang),
                "budget": t("ui_col_year_budget", lang)}


def group_list_csv(plan: Result, lang: str) -> bytes:
    """Return the group table as CSV: group names, whole numbers, headers in words.

    Written with a byte order mark, so Excel opens the names' letters as they are.
    """
    df, labels = _group_frame(plan, lang)
    out = pd.DataFrame({label: df[column] for column, label in labels.items()})
    return out.to_csv(index=False).encode("utf-8-sig")


def _sentences(result: Result, lang: str) -> list[Message]:
    return [m for m in result.explanations if m.code in REPLAN_SENTENCES]


def show_replan(result: Result, lang: str) -> Result | None:
    """Draw a solved re-plan; return the plan shown (None when there is none to show).

    An infeasible re-plan (a mandate the money left cannot meet) shows the nearest plan under
    the warning that names what it misses, as the plan page does.
    """
    plan = plan_of(result)
    if not result.ok:
        show_infeasible(result, plan, lang)
        if not plan.ok:
            return None
    dropped, words = who_loses_cover(plan, lang)
    if words:
        (st.warning if dropped else st.success)(words)
    _metrics(plan, lang)
    said = _sentences(result, lang)
    if said:
        st.info("\n".join(f"- {m.text(lang)}" for m in said))
    st.subheader(t("ui_replan_by_group", lang))
    result_table(*_group_frame(plan, lang), None, lang)
    st.subheader(t("ui_replan_by_source", lang))
    result_table(*_source_frame(plan, lang), None, lang)
    warnings = [m for m in plan.warnings if m.code not in INPUT_WARNINGS]
    if warnings:
        st.subheader(t("ui_warnings", lang))
        messages(warnings, lang, "warning")
    others = [m for m in result.explanations if m not in said]
    if others:
        with st.expander(t("ui_replan_more", lang)):
            messages(others, lang)
    return plan
