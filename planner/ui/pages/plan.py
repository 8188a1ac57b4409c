"""The plan page: pick an example, see who is covered and where the money goes."""

from __future__ import annotations

import streamlit as st

from planner.i18n import register, t
from planner.money import count, percent, rupiah_short
from planner.pipeline import RunOptions, run
from planner.results import Result
from planner.scenarios import list_examples, load_scenario

register(
    {
        "ui_title": {
            "id": "Rencana iuran pekerja rentan",
            "en": "Vulnerable workers' premium plan",
        },
        "ui_example": {"id": "Contoh skenario", "en": "Example scenario"},
        "ui_cut": {"id": "Pemotongan global", "en": "Global cut"},
        "ui_covered": {"id": "Pekerja dibiayai", "en": "Workers funded"},
        "ui_spent": {"id": "Belanja", "en": "Spend"},
        "ui_unspent": {"id": "Sisa dana", "en": "Money left"},
        "ui_language": {"id": "Bahasa", "en": "Language"},
        "ui_infeasible": {"id": "Skenario tidak layak", "en": "Infeasible scenario"},
    }
)


@st.cache_data(show_spinner=False, max_entries=64)
def _solve(path: str, cut: float) -> Result:
    return run(load_scenario(path), RunOptions(global_cut=cut))


def render() -> None:
    """Draw the page."""
    lang = st.sidebar.radio("Bahasa / Language", ["id", "en"], horizontal=True, key="lang")
    st.title(t("ui_title", lang))
    examples = {p.name: str(p) for p in list_examples()}
    names = list(examples)
    default = names.index("kutim-2025.yaml") if "kutim-2025.yaml" in names else 0
    name = st.selectbox(t("ui_example", lang), names, index=default, key="example")
    cut = st.slider(t("ui_cut", lang), 0.0, 0.9, 0.0, 0.05, key="cut")
    result = _solve(examples[name], cut)
    if not result.ok:
        st.error(t("ui_infeasible", lang))
        for m in result.diagnosis:
            st.write("- " + m.text(lang))
        return
    unspent = int(result.by_source["unspent"].sum())
    c1, c2, c3 = st.columns(3)
    c1.metric(t("ui_covered", lang), count(result.covered_workers, lang))
    c2.metric(t("ui_spent", lang), rupiah_short(result.total_cost, lang))
    c3.metric(t("ui_unspent", lang), rupiah_short(unspent, lang))
    groups = result.by_group.assign(
        share=result.by_group["share"].map(lambda v: percent(v, lang)),
        cost=result.by_group["cost"].map(lambda v: rupiah_short(v, lang)),
    )
    st.dataframe(groups[["name", "eligible", "funded", "covered", "share", "cost"]],
                 hide_index=True)
    sources = result.by_source.assign(
        **{c: result.by_source[c].map(lambda v: rupiah_short(v, lang))
           for c in ("available", "spent", "unspent")}
    )
    st.dataframe(sources[["name", "available", "spent", "unspent", "workers"]], hide_index=True)
    for m in result.warnings:
        st.warning(m.text(lang))


render()
