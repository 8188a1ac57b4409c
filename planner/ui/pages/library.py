"""The Library page: save the open scenario; browse saved ones, versions and differences.

Also the saved comparisons, and the history of who changed what. In the shared app the changes
are made as the signed-in account, and only those its role allows are offered (the library
checks the role again); on one person's machine, as the name typed here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from planner.compare import compare
from planner.engine.scenarios import dump_scenario
from planner.errors import ScenarioError
from planner.i18n import t
from planner.store.accounts import Actor, Role
from planner.store.errors import LibraryError
from planner.store.library import Library, Version, summary_of, text_diff
from planner.store.zone import in_region
from planner.ui import auth, hearing_texts, library_texts  # noqa: F401 - the page's words
from planner.ui.comparison_view import show_comparison
from planner.ui.components import cached_run, sidebar
from planner.ui.library_access import (
    XLSX,
    comparison_workbook,
    library,
    plan_workbook,
    version_label,
)
from planner.ui.number_table import number_table
from planner.ui.state import AppState, SessionScenario


def _when(moment: datetime | None) -> str:
    """Write a stored time in the region's zone (WITA, WIB or WIT), or "-" when there is none."""
    if moment is None:
        return "-"
    local = in_region(moment)
    return f"{local:%Y-%m-%d %H:%M} {local.tzname() or ''}".strip()


def _shown(value: object) -> str:
    """Write a cell for people: nothing missing shows as "None"."""
    return "-" if value is None else str(value)


def _figures(version: Version, lang: str) -> dict[str, object]:
    """Return a version's workers and spend as numbers (none without a plan), and its status."""
    s = version.summary or {}
    ok = s.get("status") == "optimal"
    return {"covered": s["covered_workers"] if ok else None,
            "spend": s["total_cost"] if ok else None,
            "status": t("ui_status_" + str(s["status"]), lang) if s.get("status") else "-"}


def _listing(rows: list[dict[str, object]], labels: dict[str, str], lang: str) -> Styler:
    """Return a listing of versions: workers and spend kept as numbers, written in ``lang``.

    The status column is there only when some version has no plan.
    """
    df = pd.DataFrame(rows, columns=list(labels) + ["status"])
    for column in ("covered", "spend"):
        df[column] = df[column].astype("Int64")  # whole numbers, missing where there is no plan
    df.attrs = {"unit": {"covered": "workers", "spend": "Rp"}}
    if (df["status"] != t("ui_status_optimal", lang)).any():
        labels = {**labels, "status": t("ui_col_status", lang)}
    return number_table(df, lang, labels, short=True)[0]


def _file_name(text: str) -> str:
    return "".join(c if c.isalnum() or c in " -_@" else "_" for c in text).strip() or "plan"


def _done(app: AppState, message: str) -> None:
    """Show ``message`` after a rerun that redraws the listings with the change."""
    app.flash = message
    st.rerun()


def _refused(exc: LibraryError | ScenarioError, lang: str) -> None:
    if isinstance(exc, LibraryError):
        st.error(exc.message(lang))
        return
    st.error(t("ui_invalid", lang))
    for p in exc.problems:
        st.markdown(f"- `{p.path or '-'}`: {p.message(lang)}")


def _who(app: AppState, lang: str) -> Actor | None:
    """Return who makes a change, or None after asking for a name (nobody signed in)."""
    actor = auth.acting(app)
    if actor is None:
        st.warning(t("ui_lib_author_needed", lang))
    return actor


def _save_tab(lib: Library, app: AppState, lang: str) -> None:
    session = app.scenarios[app.current]
    st.write(t("ui_lib_save_intro", lang, current=session.name))
    if auth.needs_role(app.actor, Role.EDITOR, "ui_auth_what_save", lang):
        return
    draft = app.draft or app.baseline()
    edited = draft != app.baseline()
    # an unedited scenario is saved exactly as it came (comments and all)
    text = dump_scenario(draft) if edited else session.text
    # the library name it came from or was last saved under: a second save is a new version
    default = session.library or draft.name
    # what was typed stays when a save is refused; after a save (app.forms moves on) the note
    # and the tags start empty, so the next save asks for its own
    with st.form(f"lib_save_form_{app.current}_{app.forms}", border=False):
        name = st.text_input(t("ui_lib_name", lang), value=default,
                             key=f"lib_name_{app.current}_{app.forms}")
        note = st.text_input(t("ui_lib_note", lang), key=f"lib_note_{app.forms}")
        tags = st.text_input(t("ui_lib_tags", lang), key=f"lib_tags_{app.forms}")
        submitted = st.form_submit_button(t("ui_lib_save", lang), key="lib_save",
                                          type="primary")
    if submitted:
        actor = _who(app, lang)
        if actor is None:
            return
        try:
            result = cached_run(text, explain=False)
            # no tags typed: the newest version's tags are kept
            version = lib.save(name, text, actor=actor, note=note,
                               tags=[x for x in tags.split(",") if x.strip()] or None,
                               summary=summary_of(result))
        except (LibraryError, ScenarioError) as exc:
            _refused(exc, lang)
            return
        session.library, session.version = version.scenario, version.number
        app.forms += 1
        _done(app, t("ui_lib_saved", lang, name=version.scenario, version=version.number))


def _entries_table(entries: list[Version], lang: str) -> Styler:
    rows = [{"scenario": v.scenario, "version": v.number, "saved": _when(v.created_at),
             "author": _shown(v.author), **_figures(v, lang), "tags": ", ".join(v.tags),
             "note": _shown(v.note)} for v in entries]
    return _listing(rows, {
        "scenario": t("ui_lib_pick", lang), "version": t("ui_lib_version", lang),
        "saved": t("ui_lib_col_saved", lang), "author": t("ui_lib_col_author", lang),
        "covered": t("ui_lib_col_covered", lang), "spend": t("ui_lib_col_spend", lang),
        "tags": t("ui_lib_col_tags", lang), "note": t("ui_lib_col_note", lang)}, lang)


def _versions_table(versions: list[Version], lang: str) -> Styler:
    rows = []
    for v in reversed(versions):
        note = v.note
        if v.restored_from:
            note = f"{t('ui_lib_restored_from', lang, n=v.restored_from)} {note}".strip()
        rows.append({"version": v.number, "saved": _when(v.created_at),
                     "author": _shown(v.author), **_figures(v, lang), "note": _shown(note)})
    return _listing(rows, {
        "version": t("ui_lib_version", lang), "saved": t("ui_lib_col_saved", lang),
        "author": t("ui_lib_col_author", lang), "covered": t("ui_lib_col_covered", lang),
        "spend": t("ui_lib_col_spend", lang), "note": t("ui_lib_col_note", lang)}, lang)


def _open_in_planner(app: AppState, version: Version) -> str:
    label = version_label(version)
    app.scenarios[label] = SessionScenario(label, version.yaml_text, "library",
                                           library=version.scenario, version=version.number)
    app.edited.pop(label, None)  # opened as saved
    app.select(label)
    return label


def _version_actions(lib: Library, app: AppState, versions: list[Version], lang: str) -> None:
    numbers = [v.number for v in reversed(versions)]
    name = versions[0].scenario
    # keyed by the count, so a new version moves the choice to the newest
    chosen = st.selectbox(t("ui_lib_version", lang), numbers,
                          key=f"lib_version_{name}_{len(versions)}")
    version = next(v for v in versions if v.number == chosen)
    admin = app.actor is None or app.actor.may(Role.ADMIN)
    c1, c2, c3, c4 = st.columns(4)
    with c1:
        if st.button(t("ui_lib_open", lang), key="lib_open"):
            st.success(t("ui_lib_opened", lang, label=_open_in_planner(app, version)))
    with c2:
        if st.button(t("ui_lib_restore", lang), key="lib_restore",
                     disabled=chosen == numbers[0] or not admin,
                     help=None if admin else t("ui_auth_needs_role", lang, role=Role.ADMIN,
                                               what=t("ui_auth_what_admin", lang),
                                               have=app.actor.role if app.actor else "")):
            actor = _who(app, lang)
            if actor is not None:
                try:
                    new = lib.restore(name, chosen, actor=actor)
                except (LibraryError, ScenarioError) as exc:
                    _refused(exc, lang)
                else:
                    _done(app, t("ui_lib_restored", lang, old=chosen, version=new.number))
    with c3:
        st.download_button(t("ui_lib_excel", lang), lambda: plan_workbook(version, lang),
                           file_name=f"{_file_name(version_label(version))}.xlsx", mime=XLSX,
                           key="lib_excel")
    with c4:
        st.download_button(t("ui_lib_yaml", lang), version.yaml_text,
                           file_name=f"{_file_name(version_label(version))}.yaml",
                           mime="application/x-yaml", key="lib_yaml")


def _differences(lib: Library, app: AppState, versions: list[Version], lang: str) -> None:
    st.subheader(t("ui_lib_diff_title", lang))
    if len(versions) < 2:
        st.write(t("ui_lib_one_version", lang))
        return
    numbers = [v.number for v in versions]
    name = versions[0].scenario
    left, right = st.columns(2)
    old_n = left.selectbox(t("ui_lib_diff_old", lang), numbers, index=len(numbers) - 2,
                           key=f"lib_old_{name}_{len(versions)}")
    new_n = right.selectbox(t("ui_lib_diff_new", lang), numbers, index=len(numbers) - 1,
                            key=f"lib_new_{name}_{len(versions)}")
    old = next(v for v in versions if v.number == old_n)
    new = next(v for v in versions if v.number == new_n)
    diff = text_diff(old, new)
    with st.expander(t("ui_lib_diff_text", lang), expanded=False):
        if diff:
            st.code(diff, language="diff")
        else:
            st.write(t("ui_lib_diff_same", lang))
    pair = [old, new]
    results = [cached_run(v.yaml_text, explain=False) for v in pair]
    show_comparison(compare(results, [version_label(v) for v in pair], baseline=0), lang,
                    key="lib_diff")
    st.download_button(t("ui_lib_comparison_excel", lang),
                       lambda: comparison_workbook(pair, 0, lang),
                       file_name=f"{_file_name(name)} {old_n}-{new_n}.xlsx", mime=XLSX,
                       key="lib_diff_excel")
    if auth.needs_role(app.actor, Role.EDITOR, "ui_auth_what_comparison", lang):
        return
    c1, c2 = st.columns([2, 1])
    # keyed by the pair: another pair (or a new version after a restore) names itself afresh
    label = c1.text_input(t("ui_lib_comparison_name", lang),
                          value=t("ui_lib_comparison_default", lang, name=name, old=old_n,
                                  new=new_n),
                          key=f"lib_cmp_name_{name}_{old_n}_{new_n}")
    note = c1.text_input(t("ui_lib_note", lang), key=f"lib_cmp_note_{name}_{old_n}_{new_n}")
    if c2.button(t("ui_lib_comparison_save", lang), key="lib_cmp_save"):
        actor = _who(app, lang)
        if actor is None:
            return
        try:
            lib.save_comparison(label, [(v.scenario, v.number) for v in pair], baseline=0,
                                actor=actor, note=note)
        except LibraryError as exc:
            _refused(exc, lang)
        else:
            _done(app, t("ui_lib_comparison_saved", lang, name=label))


def _browse_tab(lib: Library, app: AppState, lang: str) -> None:
    c1, c2 = st.columns([2, 1])
    search = c1.text_input(t("ui_lib_search", lang), key="lib_search")
    known = lib.all_tags()
    tags: list[str] = []
    if known:  # no empty picker that says "No options to select"
        tags = c2.multiselect(t("ui_lib_filter_tags", lang), known, key="lib_tags_filter",
                              placeholder=t("ui_pick_placeholder", lang))
    else:
        c2.caption(t("ui_lib_no_tags", lang))
    entries = lib.scenarios(search, tags)
    if not entries:
        st.info(t("ui_lib_none_found" if search or tags else "ui_lib_empty", lang))
    else:
        st.dataframe(_entries_table([e.latest for e in entries], lang), hide_index=True,
                     width="stretch", placeholder="-")
        names = [e.name for e in entries]
        name = st.selectbox(t("ui_lib_pick", lang), names, key="lib_pick")
        versions = lib.versions(name)
        st.subheader(t("ui_lib_versions", lang, name=name))
        st.dataframe(_versions_table(versions, lang), hide_index=True, width="stretch",
                     placeholder="-")
        _version_actions(lib, app, versions, lang)
        _differences(lib, app, versions, lang)
        st.divider()
        if auth.needs_role(app.actor, Role.ADMIN, "ui_auth_what_admin", lang):
            return
        if st.button(t("ui_lib_delete", lang), key="lib_delete"):
            _change(app, lang, lambda actor: lib.delete(name, actor=actor),
                    t("ui_lib_deleted", lang, name=name))
    if app.actor is not None and not app.actor.may(Role.ADMIN):
        return
    deleted = [e for e in lib.scenarios(include_deleted=True) if e.deleted]
    if deleted:
        with st.expander(f"{t('ui_lib_bin', lang)} ({len(deleted)})"):
            for i, entry in enumerate(deleted):
                if st.button(t("ui_lib_undelete", lang, name=entry.name), key=f"lib_undo_{i}"):
                    _change(app, lang, _undelete(lib, entry.name),
                            t("ui_lib_undeleted", lang, name=entry.name))


def _undelete(lib: Library, name: str) -> Callable[[Actor], None]:
    return lambda actor: lib.undelete(name, actor=actor)


def _change(app: AppState, lang: str, change: Callable[[Actor], None], done: str) -> None:
    """Make one change as whoever acts; say it was done after the rerun, or why not."""
    actor = _who(app, lang)
    if actor is None:
        return
    try:
        change(actor)
    except LibraryError as exc:
        _refused(exc, lang)
    else:
        _done(app, done)


def _comparisons_tab(lib: Library, app: AppState, lang: str) -> None:
    saved = lib.comparisons()
    if not saved:
        st.info(t("ui_lib_comparisons_none", lang))
        return
    names = [c.name for c in saved]
    name = st.selectbox(t("ui_lib_comparison_pick", lang), names, key="lib_cmp_pick")
    chosen = next(c for c in saved if c.name == name)
    members = list(chosen.members)
    st.caption(t("ui_lib_comparison_members", lang, when=_when(chosen.created_at),
                 author=chosen.author, baseline=version_label(members[chosen.baseline]),
                 note=chosen.note))
    results = [cached_run(v.yaml_text, explain=False) for v in members]
    show_comparison(compare(results, [version_label(v) for v in members],
                            baseline=chosen.baseline), lang, key="lib_saved_cmp")
    c1, c2 = st.columns(2)
    c1.download_button(t("ui_lib_comparison_excel", lang),
                       lambda: comparison_workbook(members, chosen.baseline, lang),
                       file_name=f"{_file_name(name)}.xlsx", mime=XLSX, key="lib_cmp_excel")
    with c2:
        if auth.needs_role(app.actor, Role.ADMIN, "ui_auth_what_delete_comparison", lang):
            return
        if st.button(t("ui_lib_comparison_delete", lang), key="lib_cmp_delete"):
            actor = _who(app, lang)
            if actor is None:
                return
            try:
                lib.delete_comparison(name, actor=actor)
            except LibraryError as exc:
                _refused(exc, lang)
            else:
                st.rerun()


def _history_tab(lib: Library, lang: str) -> None:
    rows = [{t("ui_lib_col_saved", lang): _when(a.at),
             t("ui_lib_col_author", lang): _shown(a.actor),
             t("ui_lib_col_action", lang): t("lib_action_" + a.action, lang),
             t("ui_lib_col_target", lang): f"{t('lib_kind_' + a.kind, lang)}: {a.target}",
             t("ui_lib_version", lang): a.version}
            for a in lib.audit(limit=100)]
    df = pd.DataFrame(rows)
    if len(df):  # a version's number sorts as a number; a comparison has none ("-")
        df[t("ui_lib_version", lang)] = df[t("ui_lib_version", lang)].astype("Int64")
    st.dataframe(df, hide_index=True, width="stretch", placeholder="-")


def render() -> None:
    """Draw the page."""
    app = sidebar()
    if not auth.gate(app):  # the router asks first; this page never writes as no one
        return
    lang = app.lang
    st.title(t("ui_lib_title", lang))
    lib = library()
    if isinstance(lib, LibraryError):
        st.error(lib.message(lang))
        return
    st.caption(t("ui_lib_where", lang, url=lib.url))
    # always a slot, so the tabs below keep their place (and the open tab) when it fills
    slot = st.empty()
    if app.flash:
        slot.success(app.flash)
        app.flash = ""
    if app.actor is not None:  # the audit records the account, not a typed name
        st.markdown(t("ui_auth_signed_in_as", lang, name=app.actor.shown,
                      user=app.actor.username, role=app.actor.role))
    else:
        app.author = st.text_input(t("ui_lib_author", lang), value=app.author,
                                   key="lib_author")
    save, browse, comparisons, history = st.tabs([
        t("ui_lib_tab_save", lang), t("ui_lib_tab_browse", lang),
        t("ui_lib_tab_comparisons", lang), t("ui_lib_tab_history", lang)])
    with save:
        _save_tab(lib, app, lang)
    with browse:
        _browse_tab(lib, app, lang)
    with comparisons:
        _comparisons_tab(lib, app, lang)
    with history:
        _history_tab(lib, lang)


render()
