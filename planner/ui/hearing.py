"""What the plan and compare pages hand to a hearing: the PDF hand-outs and the library save.

The plan's hand-out is :func:`planner.store.pdf.export_handout` with the cut curve from 0 to 50%
in 21 steps; the comparison's is :func:`planner.store.pdf_compare.export_comparison_handout`.
Both are made when asked for and cached by the scenario texts and the language. The library save
on the plan page saves the open scenario, with its edits, as a new version under the name the
officer chose (by default the library name it came from or was last saved under).
"""

from __future__ import annotations

import streamlit as st

from planner.compare import compare
from planner.engine.scenarios import content_hash, dump_scenario, parse_scenario
from planner.engine.schema import validate_scenario
from planner.errors import ScenarioError
from planner.i18n import t
from planner.store.errors import LibraryError
from planner.store.excel import ExportMeta
from planner.store.library import summary_of
from planner.store.pdf import export_handout
from planner.store.pdf_compare import export_comparison_handout
from planner.store.zone import region_now
from planner.ui import auth, hearing_texts  # noqa: F401 - the words said here
from planner.ui.components import cached_run, cached_sweep
from planner.ui.library_access import library
from planner.ui.problems import show_problems
from planner.ui.state import AppState

__all__ = ["CURVE", "PDF", "comparison_pdf", "handout_pdf", "library_save", "pdf_name",
           "said_saved", "target_cost"]

PDF = "application/pdf"
CURVE = (0.0, 0.5, 21)  # the hand-out's cut curve: 0 to 50% in 21 steps, as `planner report`


def pdf_name(name: str) -> str:
    """Return a file name for a PDF of ``name``: letters, digits, spaces, ``-``, ``_``, ``@``."""
    cleaned = "".join(c if c.isalnum() or c in " -_@" else "_" for c in name).strip()
    return (cleaned or "rencana")[:100] + ".pdf"


@st.cache_data(show_spinner=False, max_entries=16)
def handout_pdf(name: str, text: str, version: int | None, author: str, lang: str) -> bytes:
    """Return the hearing hand-out of the scenario ``text`` as PDF bytes (with its cut curve)."""
    result = cached_run(text, changes=True)
    curve = cached_sweep(text, *CURVE)
    meta = ExportMeta(scenario_name=name, version=version,
                      content_hash=content_hash(parse_scenario(text)),
                      solver=result.solution.solver, created_at=region_now(), author=author)
    return export_handout(result, meta, lang, curve)


@st.cache_data(show_spinner=False, max_entries=16)
def comparison_pdf(texts: tuple[str, ...], labels: tuple[str, ...], baseline: int,
                   lang: str) -> bytes:
    """Return the comparison of the scenario ``texts`` against ``texts[baseline]`` as PDF."""
    results = [cached_run(text, explain=False) for text in texts]
    comparison = compare(results, list(labels), baseline=baseline)
    metas = [ExportMeta(scenario_name=label, version=None,
                        content_hash=content_hash(parse_scenario(text)),
                        solver=r.solution.solver, created_at=region_now())
             for label, text, r in zip(labels, texts, results, strict=True)]
    return export_comparison_handout(comparison, metas, lang)


def library_save(app: AppState, text: str, lang: str) -> None:
    """Draw the plan page's "Simpan ke pustaka": a name, a note, the button; save on a click.

    What was typed stays when the save is refused (no author, a bad name); after a save the
    note starts empty and the name is the one saved under.
    """
    session = app.scenarios[app.current]
    draft = app.draft or app.baseline()
    st.subheader(t("ui_save_library_title", lang))
    with st.container(horizontal=True, vertical_alignment="bottom", key="plan_lib_save"):
        name = st.text_input(t("ui_save_library_name", lang),
                             value=session.library or draft.name,
                             key=f"plan_lib_name_{app.current}_{app.forms}", width=320)
        note = st.text_input(t("ui_save_library_note", lang),
                             key=f"plan_lib_note_{app.current}_{app.forms}", width=320)
        if app.actor is None:
            app.author = st.text_input(t("ui_save_library_author", lang), value=app.author,
                                       key="plan_lib_author", width=220)
        clicked = st.button(t("ui_save_library", lang), key="plan_lib_save_button",
                            type="primary", width="content")
    if not clicked:
        return
    actor = auth.acting(app)
    if actor is None:
        st.warning(t("ui_lib_author_needed", lang))
        return
    lib = library()  # opened (and made, the first time) only when asked to save
    if isinstance(lib, LibraryError):
        st.error(lib.message(lang))
        return
    try:
        version = lib.save(name, text, actor=actor, note=note,
                           summary=summary_of(cached_run(text, explain=False)))
    except LibraryError as exc:
        st.error(exc.message(lang))
        return
    except ScenarioError as exc:
        show_problems(t("ui_invalid", lang), exc, None, lang)
        return
    session.library, session.version = version.scenario, version.number
    app.forms += 1
    st.session_state["planner_plan_saved"] = t("ui_lib_saved", lang, name=version.scenario,
                                               version=version.number)
    st.rerun()


def said_saved() -> None:
    """Say once, after the rerun, that the scenario was saved to the library."""
    said = st.session_state.pop("planner_plan_saved", None)
    if isinstance(said, str):
        st.success(said)


@st.cache_data(show_spinner=False, max_entries=64)
def target_cost(text: str, target: int, source: str, extra_budget: int) -> int | None:
    """Return the year's spend of the cheapest plan that funds ``target`` workers.

    The scenario ``text`` with ``extra_budget`` added to the budget line of ``source`` (none
    when empty), solved for the least cost of the target; None when no plan reaches it.
    """
    data = parse_scenario(text).model_dump(mode="json")
    for s in data["sources"]:
        if s["id"] == source:
            s["budget"] = int(s["budget"]) + int(extra_budget)
    data["policy"]["objective"] = "min_cost"
    data["policy"]["target_covered"] = int(target)
    try:
        scenario = validate_scenario(data)
    except ScenarioError:
        return None
    result = cached_run(dump_scenario(scenario), explain=False)
    return int(result.total_cost) if result.ok else None
