"""The APBD-P page: re-plan a plan from a month, its enrolled workers kept first.

The officer starts from a plan saved in the library or from the scenario open in the sidebar.
``replan_from`` fills in that plan's workers as enrolled and what each source paid before the
month; the officer may type over those figures (BPJS's list of members, the spending records).
The cut applies to the year's budget, so the money from the month is what the cut leaves less
what was paid. A bad month, or more paid than the cut leaves, is said under the inputs, in the
page's language; the plan below is drawn only for inputs that make one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from planner.engine.results import Result
from planner.engine.scenarios import content_hash, dump_scenario, parse_scenario
from planner.engine.schema import Scenario, validate_scenario
from planner.errors import ScenarioError
from planner.i18n import t
from planner.money import percent
from planner.store.accounts import Role
from planner.store.errors import LibraryError
from planner.store.library import Library, summary_of
from planner.ui import auth, library_texts, replan_texts  # noqa: F401 - register the words
from planner.ui.components import (
    cached_replan,
    cached_run,
    has_unsaved_edits,
    plan_of,
    sidebar,
    whole_cell,
)
from planner.ui.library_access import XLSX, library, session_plan_workbook
from planner.ui.number_table import edit_format
from planner.ui.replan_texts import month_name
from planner.ui.replan_view import INPUT_WARNINGS, group_list_csv, show_replan
from planner.ui.state import AppState

ORIGINS = ("library", "session")
MONTHS = tuple(range(2, 13))  # month 1 is the plan itself, not a re-plan
APBD_P_MONTH = 10  # an APBD-P is adopted at the end of September


@dataclass(frozen=True)
class Start:
    """The plan a re-plan starts from.

    ``source`` is how the library note names it (``Name@3``, as ``planner replan`` writes it);
    ``name`` is where the re-plan is saved (the same library entry, as a new version); ``key``
    tells it apart in widget keys, so another plan starts with its own cut and figures.
    """

    scenario: Scenario
    source: str
    name: str
    key: str


def _refused(exc: ScenarioError | LibraryError, lang: str) -> None:
    """Say why there is no re-plan (each field and what to do) or no library, in words."""
    if isinstance(exc, LibraryError):
        st.error(exc.message(lang))
        return
    st.error(t("ui_replan_invalid", lang))
    st.markdown("\n".join(f"- `{p.path or '-'}`: {p.message(lang)}" for p in exc.problems))


def _from_library(lib: Library, app: AppState, lang: str) -> Start | None:
    entries = lib.scenarios()
    if not entries:
        st.info(t("ui_replan_library_empty", lang))
        return None
    names = [e.name for e in entries]
    c1, c2 = st.columns([3, 1])
    name = c1.selectbox(t("ui_lib_pick", lang), names, key="replan_name",
                        index=names.index(app.replan.name) if app.replan.name in names else 0)
    numbers = [v.number for v in reversed(lib.versions(name))]
    # keyed by the count, so a version saved here moves the choice to the newest
    number = c2.selectbox(t("ui_lib_version", lang), numbers,
                          key=f"replan_version_{name}_{len(numbers)}",
                          index=numbers.index(app.replan.version)
                          if app.replan.name == name and app.replan.version in numbers else 0)
    app.replan.name, app.replan.version = name, number
    source = f"{name}@{number}"
    scenario = parse_scenario(lib.version(name, number).yaml_text, source)
    return Start(scenario, source, name, f"lib_{content_hash(scenario)[:12]}")


def _from_session(app: AppState) -> Start:
    scenario = app.draft or app.baseline()
    session = app.scenarios[app.current]
    # the plan page's unsaved edits are named as that page would save them
    source = f"{app.current} *" if has_unsaved_edits(app) else app.current
    return Start(scenario, source, session.library or scenario.name,
                 f"session_{content_hash(scenario)[:12]}")


def _has_plans(lib: Library | LibraryError) -> bool:
    """Whether the library opens and holds a plan to start from (first choice when it does)."""
    if isinstance(lib, LibraryError):
        return False
    try:
        return bool(lib.scenarios())
    except LibraryError:  # said where the library's plans are asked for
        return False


def _start(app: AppState, lib: Library | LibraryError, lang: str) -> Start | None:
    """Ask which plan the re-plan starts from; None when there is none (a word says why)."""
    origins = ORIGINS if isinstance(lib, Library) else ORIGINS[1:]
    default = app.replan.origin or ("library" if _has_plans(lib) else "session")
    origin = st.radio(
        t("ui_replan_from", lang), origins,
        index=origins.index(default) if default in origins else 0, horizontal=True,
        format_func=lambda o: t(f"ui_replan_from_{o}", lang, name=app.current),
        # keyed by the language: a radio keeps the words it was drawn with
        key=f"replan_origin_{lang}")
    app.replan.origin = origin
    if isinstance(lib, LibraryError):
        st.caption(lib.message(lang))
    if origin == "session":
        return _from_session(app)
    assert isinstance(lib, Library)
    try:
        return _from_library(lib, app, lang)
    except (ScenarioError, LibraryError) as exc:
        _refused(exc, lang)
        return None


def _month_and_cut(start: Start, app: AppState, lang: str) -> tuple[int, float]:
    own = start.scenario.policy.from_month
    month = app.replan.month or (own if own > 1 else APBD_P_MONTH)
    c1, c2 = st.columns([1, 2])
    month = c1.selectbox(t("ui_replan_month", lang), MONTHS, index=MONTHS.index(month),
                         format_func=lambda m: month_name(m, lang),
                         help=t("ui_replan_month_help", lang), key=f"replan_month_{lang}")
    app.replan.month = month
    cut = app.replan.cut.get(start.key, start.scenario.policy.global_cut)
    chosen = c2.slider(t("ui_global_cut", lang), 0, 100, round(cut * 100), 1, format="%d%%",
                       help=t("ui_replan_cut_help", lang), key=f"replan_cut_{start.key}")
    app.replan.cut[start.key] = float(chosen) / 100
    return month, float(chosen) / 100


def _prefill(start: Start, month: int) -> Scenario:
    """Return the re-plan ``replan_from`` makes; a re-plan asked from its own month is itself."""
    if month == start.scenario.policy.from_month:
        return start.scenario
    return parse_scenario(cached_replan(dump_scenario(start.scenario), month), start.source)


def _typed(prefill: Scenario, typed: dict[str, dict[str, int | None]]) -> dict[str, Any]:
    """Return the figures the tables start from: those typed before, else the prefill's."""
    return {
        "enrolled": {g.id: typed.get("enrolled", {}).get(g.id, sum(prefill.enrolled(g).values()))
                     for g in prefill.groups},
        "new_limit": {g.id: typed.get("new_limit", {}).get(g.id, g.new_limit)
                      for g in prefill.groups},
        "paid": {s.id: typed.get("paid", {}).get(s.id, s.spent_to_date)
                 for s in prefill.sources},
    }


def _editors(prefill: Scenario, key: str, app: AppState,
             lang: str) -> dict[str, dict[str, int | None]]:
    """Draw the tables to type over; return enrolled and new-worker limits, and money paid.

    What is typed is kept in the state (``ReplanChoice.typed``), so it is still there after a
    visit to another page, where Streamlit forgets this page's widgets.
    """
    month = prefill.policy.from_month
    start = _typed(prefill, app.replan.typed.get(key, {}))
    regions = bool(prefill.regions)
    suffix = f"{key}_{app.replan.resets}"
    groups = st.data_editor(
        # the figures to type first, beside the name: on a narrow screen the rest scrolls
        pd.DataFrame([{"id": g.id, "name": g.label, "enrolled": start["enrolled"][g.id],
                       "new_limit": start["new_limit"][g.id],
                       "eligible": sum(prefill.eligible(g).values())}
                      for g in prefill.groups]),
        hide_index=True, width="stretch", key=f"replan_groups_{suffix}", placeholder="-",
        column_config={
            "id": None,  # the name says it to people; the CSV and the save keep the ids
            "name": st.column_config.TextColumn(t("ui_col_group", lang), disabled=True),
            "eligible": st.column_config.NumberColumn(t("ui_col_eligible", lang), disabled=True,
                                                      format=edit_format(lang)),
            "enrolled": st.column_config.NumberColumn(
                t("ui_col_enrolled", lang), min_value=0, step=1, format=edit_format(lang),
                disabled=regions),
            "new_limit": st.column_config.NumberColumn(
                t("ui_col_new_limit", lang), min_value=0, step=1, format=edit_format(lang),
                help=t("ui_col_new_limit_help", lang)),
        })
    if regions:
        st.caption(t("ui_replan_regions_note", lang))
    sources = st.data_editor(
        pd.DataFrame([{"id": s.id, "name": s.label, "paid": start["paid"][s.id],
                       "budget": s.budget} for s in prefill.sources]),
        hide_index=True, width="stretch", key=f"replan_sources_{suffix}",
        column_config={
            "id": None,
            # a source's name is long: cut short here (the tables below write it in full), so
            # the money to type stays in view on a laptop's screen
            "name": st.column_config.TextColumn(t("ui_col_source", lang), disabled=True,
                                                width="medium"),
            "budget": st.column_config.NumberColumn(t("ui_col_budget", lang), disabled=True,
                                                    format=edit_format(lang)),
            "paid": st.column_config.NumberColumn(
                t("ui_col_paid_edit", lang, month=month_name(month, lang)), min_value=0,
                step=1_000_000, format=edit_format(lang)),
        })
    typed = {"enrolled": {r["id"]: whole_cell(r["enrolled"]) for r in groups.to_dict("records")},
             "new_limit": {r["id"]: whole_cell(r["new_limit"])
                           for r in groups.to_dict("records")},
             "paid": {r["id"]: whole_cell(r["paid"]) for r in sources.to_dict("records")}}
    app.replan.typed[key] = typed
    return typed


def _replan(prefill: Scenario, typed: dict[str, dict[str, int | None]], cut: float,
            file: str) -> Scenario:
    """Return the prefill with the typed figures and the cut, validated (or ScenarioError)."""
    data = prefill.model_dump(mode="json")
    for g in data["groups"]:
        if not prefill.regions:  # per region, the file's own figures stand
            g["enrolled"] = typed["enrolled"][g["id"]]
        g["new_limit"] = typed["new_limit"][g["id"]]
    for s in data["sources"]:
        s["spent_to_date"] = typed["paid"][s["id"]]
    data["policy"]["global_cut"] = cut
    return validate_scenario(data, file)


def _downloads(plan: Result, text: str, name: str, lang: str) -> None:
    with st.container(horizontal=True):
        st.download_button(t("ui_replan_download_csv", lang), group_list_csv(plan, lang),
                           file_name="apbd-p.csv", mime="text/csv", key="replan_csv")
        # the workbook is made when asked for, not on every slider move
        st.download_button(t("ui_download_plan_xlsx", lang),
                           lambda: session_plan_workbook(name, text, lang),
                           file_name="apbd-p.xlsx", mime=XLSX, key="replan_xlsx")


def _save(lib: Library | LibraryError, app: AppState, start: Start, text: str, result: Result,
          lang: str) -> None:
    """Save the re-plan as a new version, its note naming the plan it came from."""
    st.subheader(t("ui_replan_save_title", lang))
    if isinstance(lib, LibraryError):
        st.error(lib.message(lang))
        return
    scenario = result.scenario
    month, cut = scenario.policy.from_month, scenario.policy.global_cut
    shown = f", {t('ui_cut', lang).lower()} {percent(cut, lang)}" if cut else ""
    note = t("ui_replan_note", lang, source=start.source, month=month, cut=shown)
    c1, c2 = st.columns(2)
    if app.actor is not None:  # the audit records the signed-in account, not a typed name
        c1.markdown(t("ui_auth_signed_in_as", lang, name=app.actor.shown,
                      user=app.actor.username, role=app.actor.role))
    else:
        app.author = c1.text_input(t("ui_lib_author", lang), value=app.author,
                                   key="replan_author")
    name = c2.text_input(t("ui_replan_save_name", lang), value=start.name,
                         key=f"replan_save_name_{start.key}")
    more = st.text_input(t("ui_replan_save_note", lang), key="replan_save_note")
    st.caption(f"{t('ui_lib_col_note', lang)}: {note}")
    if app.flash:
        st.success(app.flash)
        app.flash = ""
    if auth.needs_role(app.actor, Role.EDITOR, "ui_auth_what_save", lang):
        return
    if not st.button(t("ui_replan_save", lang), key="replan_save", type="primary"):
        return
    actor = auth.acting(app)
    if actor is None:
        st.warning(t("ui_lib_author_needed", lang))
        return
    try:
        saved = lib.save(name, text, actor=actor,
                         note=f"{note}. {more.strip()}" if more.strip() else note,
                         summary=summary_of(result))
    except (LibraryError, ScenarioError) as exc:
        _refused(exc, lang)
        return
    # said after a rerun that lists the new version in the picker above
    app.flash = t("ui_replan_saved", lang, name=saved.scenario, version=saved.number,
                  source=start.source, month=month)
    st.rerun()


def _solve(start: Start, app: AppState, lang: str) -> tuple[str, Result] | None:
    """Ask the month, the cut and the figures; return the re-plan solved, or None with why."""
    month, cut = _month_and_cut(start, app, lang)
    try:
        prefill = _prefill(start, month)
    except ScenarioError as exc:  # a month not after the plan's own, an infeasible plan
        _refused(exc, lang)
        return None
    key = f"{start.key}_{month}"
    last = month_name(month - 1, lang)
    with st.expander(t("ui_replan_inputs", lang)):
        st.caption(t("ui_replan_inputs_help", lang, last=last))
        typed = _editors(prefill, key, app, lang)
        if st.button(t("ui_replan_undo", lang), key="replan_undo"):
            app.replan.typed.pop(key, None)
            app.replan.resets += 1
            st.rerun()
    try:
        text = dump_scenario(_replan(prefill, typed, cut, start.source))
        result = cached_run(text, changes=True)
    except ScenarioError as exc:  # more paid than the cut leaves, a figure out of range
        _refused(exc, lang)
        return None
    said = [m for m in plan_of(result).warnings if m.code in INPUT_WARNINGS]
    if said:  # about the inputs: said under them, where the officer is looking
        st.warning("\n".join([t("ui_replan_input_warnings", lang), "",
                               *(f"- {m.text(lang)}" for m in said)]))
    return text, result


def render() -> None:
    """Draw the page."""
    app = sidebar()
    lang = app.lang
    st.title(t("ui_replan_title", lang))
    st.caption(t("ui_replan_intro", lang))
    lib = library()
    start = _start(app, lib, lang)
    if start is None:
        return
    solved = _solve(start, app, lang)
    if solved is None:
        return
    text, result = solved
    st.divider()
    plan = show_replan(result, lang)
    if plan is None:
        return
    _downloads(plan, text, result.scenario.name, lang)
    st.divider()
    _save(lib, app, start, text, result, lang)


render()
