"""The reverse question: the money a target head-count needs, and from which source."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from planner.i18n import t
from planner.money import rupiah_short
from planner.scenarios import dump_scenario
from planner.ui.components import cached_need, sidebar


def render() -> None:
    """Draw the page."""
    app = sidebar()
    lang = app.lang
    st.title(t("ui_need_title", lang))
    scenario = app.draft or app.baseline()
    st.caption(app.current)
    c1, c2 = st.columns(2)
    eligible = sum(sum(scenario.eligible(g).values()) for g in scenario.groups)
    target = int(c1.number_input(t("ui_target", lang), min_value=0, step=1000,
                                 value=min(160_000, eligible), key="need_target"))
    options = ["", *[s.id for s in scenario.sources]]
    labels = {"": t("ui_need_source_all", lang), **{s.id: s.label for s in scenario.sources}}
    source = c2.selectbox(t("ui_col_source", lang), options, format_func=lambda o: labels[o],
                          key="need_source")
    answers = cached_need(dump_scenario(scenario), target, source or None)
    table = pd.DataFrame([{
        t("ui_col_source", lang): labels[a.source],
        t("ui_need_extra", lang): rupiah_short(a.extra, lang) if a.reachable else "-",
        t("ui_need_budget", lang): rupiah_short(a.extra_budget, lang) if a.reachable else "-",
    } for a in answers])
    st.dataframe(table, hide_index=True, width="stretch")
    st.markdown("\n".join(f"- {a.message().text(lang)}" for a in answers))


render()
