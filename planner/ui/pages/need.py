"""The reverse question: the money a target head-count needs, and from which source."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from planner.engine.scenarios import dump_scenario
from planner.i18n import LANGS, t
from planner.money import count, rupiah, rupiah_short
from planner.ui.components import cached_need, cached_run, scenario_caption, sidebar


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
    table = pd.DataFrame([{
        t("ui_col_source", lang): labels[a.source],
        extra: rupiah_short(a.extra, lang) if a.reachable else "-",
        budget: rupiah_short(a.extra_budget, lang) if a.reachable else "-",
        t("ui_need_exact", lang): rupiah(a.extra_budget, lang) if a.reachable else "-",
    } for a in answers])
    st.dataframe(table, hide_index=True, width="stretch", height="content", column_config={
        extra: st.column_config.TextColumn(extra, help=t("ui_need_extra_help", lang)),
        budget: st.column_config.TextColumn(budget, help=t("ui_need_budget_help", lang)),
    })
    st.markdown("\n".join(f"- {a.message().text(lang)}" for a in answers))


render()
