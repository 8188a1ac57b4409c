"""The reverse question: the money a target head-count needs, and from which source."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from planner.engine.scenarios import dump_scenario
from planner.i18n import LANGS, t
from planner.money import count, rupiah, rupiah_short
from planner.ui.components import cached_need, cached_run, scenario_caption, sidebar
from planner.ui.hearing import target_cost
from planner.ui.number_table import formatter
from planner.ui.print_style import print_table


def render() -> None:
    """Draw the page."""
    app = sidebar()
    lang = app.lang
    st.title(t("ui_need_title", lang))
    scenario = app.draft or app.baseline()
    scenario_caption(app, lang)
    text = dump_scenario(scenario)
    c1, c2 = st.columns(2)
    eligible = sum(sum(scenario.eligible(g).values()) for g in scenario.groups)
    target = int(c1.number_input(t("ui_target", lang), min_value=0, step=1000,
                                 value=min(160_000, eligible), key="need_target"))
    options = ["", *[s.id for s in scenario.sources]]
    labels = {"": t("ui_need_source_all", lang), **{s.id: s.label for s in scenario.sources}}
    # "each source" is a translated choice, and a select box keeps the words it was drawn with:
    # one box per language, each starting from the choice made in the other
    chosen = next((st.session_state[k] for k in (f"need_source_{x}" for x in (lang, *LANGS))
                   if st.session_state.get(k) in options), "")
    source = c2.selectbox(t("ui_col_source", lang), options, index=options.index(chosen),
                          format_func=lambda o: labels[o], key=f"need_source_{lang}")
    # the target written as people read it (the input box has no thousands separator)
    now = cached_run(text).covered_workers
    with st.container(horizontal=True, gap="medium"):
        st.metric(t("ui_need_now", lang), count(now, lang), border=True, width="content")
        st.metric(t("ui_target", lang), count(target, lang), border=True, width="content")
        st.metric(t("ui_need_more", lang), count(max(target - now, 0), lang), border=True,
                  width="content")
    answers = cached_need(text, target, source or None)
    extra, budget = t("ui_need_extra", lang), t("ui_need_budget", lang)
    total = t("ui_need_total", lang)
    costs = {a.source: target_cost(text, target, a.source, a.extra_budget) if a.reachable
             else None for a in answers}
    # numbers, written in rupiah when shown: the columns sort as numbers
    frame = pd.DataFrame([{
        "source": labels[a.source],
        "extra": a.extra if a.reachable else None,
        "budget": a.extra_budget if a.reachable else None,
        "exact": a.extra_budget if a.reachable else None,
        "total": costs[a.source],
    } for a in answers])
    exact_label = t("ui_need_exact", lang)
    short, full = formatter("Rp", lang, short=True), formatter("Rp", lang)
    assert short is not None  # noqa: S101 - "Rp" is a unit it writes
    assert full is not None  # noqa: S101
    data = frame.rename(columns={"source": t("ui_col_source", lang), "extra": extra,
                                 "budget": budget, "total": total, "exact": exact_label})
    writers = {extra: short, budget: short, total: short, exact_label: full}
    shown = data.style.format(writers)  # type: ignore[arg-type]
    printed = data.assign(**{k: data[k].map(w) for k, w in writers.items()})
    st.dataframe(shown, hide_index=True, width="stretch", height="content", placeholder="-",
                 column_config={
        extra: st.column_config.NumberColumn(extra, help=t("ui_need_extra_help", lang)),
        budget: st.column_config.NumberColumn(budget, help=t("ui_need_budget_help", lang)),
        total: st.column_config.NumberColumn(total, help=t("ui_need_total_help", lang,
                                                            target=count(target, lang))),
    })
    print_table(printed)
    st.markdown("\n".join(f"- {a.message().text(lang)}" for a in answers))
    # the total cost of the target, said in words for the cheapest way to reach it
    reached = [(c, a) for a in answers if (c := costs[a.source]) is not None]
    if reached:
        cost, best = min(reached, key=lambda pair: pair[0])
        key = "ui_need_total_now" if best.extra == 0 else "ui_need_total_sentence"
        st.info(t(key, lang, target=count(target, lang), cost=rupiah_short(cost, lang),
                  exact=rupiah(cost, lang), source=labels[best.source]))

render()
