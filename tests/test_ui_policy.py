"""Who loses cover, in the app: priorities, sharing, spare money, relaxed plans and changes.

Driven with Streamlit's AppTest as ``tests/test_ui_pages.py`` drives the pages (its fixtures hide
every text the app does not register), and checked against the engine: the same scenario solved
with ``planner.pipeline.run`` and formatted with ``planner.money`` in the page's language.
"""

from __future__ import annotations

from functools import cache

import pandas as pd
from streamlit.testing.v1 import AppTest

from planner import RunOptions, Scenario, run
from planner.analysis.changes import changes
from planner.engine.results import Result
from planner.engine.scenarios import dump_scenario, parse_scenario
from planner.i18n import t
from planner.money import count, rupiah_short, signed
from tests.test_ui_pages import (  # noqa: F401 - the fixtures that hide the CLI's texts
    DEFAULT,
    PAGES,
    TIMEOUT,
    TRANSFER_CUT,
    _charts,
    _edits,
    _metric,
    _ok,
    _open,
    _scenario,
    _shown,
    _sweep,
    _table_with,
    app_text_keys,
    app_texts,
    error_details,
)

INFEASIBLE_CUT = 49  # percent: the 2026 example's village mandate fails above 29.5%


def _solve(scenario: Scenario) -> Result:
    """The plan as the plan page solves it: with what the cuts cost."""
    return _solve_text(dump_scenario(scenario))


@cache
def _solve_text(text: str) -> Result:  # a scenario per region holds dicts: kept by its text
    return run(parse_scenario(text), RunOptions(explain=False, changes=True))


def _with_cut(cut: float) -> Scenario:
    return _scenario(TRANSFER_CUT).with_global_cut(cut)


def _with_priority(group: str, priority: int) -> Scenario:
    scenario = _scenario(TRANSFER_CUT)
    return scenario.model_copy(update={"groups": tuple(
        g.model_copy(update={"priority": priority}) if g.id == group else g
        for g in scenario.groups)})


def _open_2026() -> AppTest:
    at = _open("plan")
    _ok(at.sidebar.selectbox[0].set_value(TRANSFER_CUT).run())
    return at


def _key(at: AppTest, prefix: str) -> str:
    keys = [w.key for w in [*at.data_editor, *at.selectbox, *at.slider]
            if (w.key or "").startswith(f"{prefix}_{TRANSFER_CUT}_")]
    assert len(keys) == 1, keys
    return keys[0]


def _column(at: AppTest, label: str, lang: str = "id") -> list[str]:
    """A column of the plan page's group table (the one headed 'Dibiayai' / 'Funded')."""
    return _table_with(at, t("ui_col_funded", lang))[label].tolist()


def _source_column(at: AppTest, label: str, lang: str = "id") -> list[str]:
    return _table_with(at, t("ui_col_spent", lang))[label].tolist()


def _funded(result: Result, lang: str = "id") -> list[str]:
    return [count(v, lang) for v in result.by_group["funded"]]


# --- priorities and sharing ----------------------------------------------------------------------


def test_priority_column_edit_changes_who_is_covered() -> None:
    at = _open_2026()
    key = _key(at, "groups")
    groups = at.data_editor(key=key).value
    assert groups["priority"].tolist() == [1] * len(groups)
    row = groups["id"].tolist().index("petani")
    base, later = _solve(_scenario(TRANSFER_CUT)), _solve(_with_priority("petani", 2))
    assert _funded(later) != _funded(base)  # the farmers wait: others are covered first

    at.session_state[key] = _edits(row, priority=2)
    _ok(at.run())
    assert not at.error
    assert _column(at, t("ui_col_funded", "id")) == _funded(later)
    from planner.ui import state as ui_state

    draft = at.session_state[ui_state._KEY].draft
    assert [g.priority for g in draft.groups] == [2 if g.id == "petani" else 1
                                                  for g in draft.groups]
    text = dump_scenario(draft)  # written only where it is not the default
    assert text.count("priority:") == 1
    assert "priority: 2" in text


def test_sharing_selector_shares_evenly() -> None:
    at = _open_2026()
    key = _key(at, "sharing")
    box = at.selectbox(key=key)
    assert box.options == ["Pekerja terbanyak", "Dibagi rata"]
    assert box.value == "most_workers"
    assert box.help == t("ui_sharing_help", "id")
    scenario = _scenario(TRANSFER_CUT)
    even = _solve(scenario.model_copy(update={"policy": scenario.policy.model_copy(
        update={"sharing": "equal_share"})}))
    assert _funded(even) != _funded(_solve(scenario))

    _ok(box.set_value("equal_share").run())
    assert _metric(at, "Pekerja dibiayai").value == count(even.covered_workers, "id")
    assert _column(at, t("ui_col_funded", "id")) == _funded(even)
    _ok(at.sidebar.radio(key="ui_lang").set_value("en").run())
    box = at.selectbox(key=_key(at, "sharing"))
    assert box.options == ["Most workers", "Equal share"]
    assert box.value == "equal_share"  # the choice carries over to English
    assert _column(at, t("ui_col_funded", "en"), "en") == _funded(even, "en")


# --- the spare money ----------------------------------------------------------------------------


def test_source_table_shows_the_spare_money_in_both_languages() -> None:
    at = _open_2026()
    result = _solve(_scenario(TRANSFER_CUT))
    assert result.by_source["spare"].gt(0).any()
    # beside the plan before its cuts, the tables leave the spare money (and the like) for the
    # "every column" switch, so they fit a 1024 px screen
    spent = _table_with(at, t("ui_col_spent", "id"))
    assert t("ui_col_spare", "id") not in spent.columns
    assert t("ui_col_change", "id") in spent.columns
    groups = _table_with(at, t("ui_col_eligible", "id"))
    assert t("ui_col_covered", "id") not in groups.columns
    _ok(at.toggle(key="plan_all_columns").set_value(True).run())
    assert t("ui_col_covered", "id") in _table_with(at, t("ui_col_eligible", "id")).columns
    for lang in ("id", "en"):
        if lang == "en":
            _ok(at.sidebar.radio(key="ui_lang").set_value("en").run())
        label = t("ui_col_spare", lang)
        assert _source_column(at, label, lang) == [
            rupiah_short(v, lang) for v in result.by_source["spare"]]
    assert t("ui_col_spare", "id") == "Bisa dipotong"  # short: the help says without whom
    assert rupiah_short(1_950_000_000, "id") == "Rp1,95 miliar"  # as the column writes rupiah


# --- an infeasible scenario ---------------------------------------------------------------------


def test_infeasible_scenario_shows_the_relaxed_plan_and_its_shortfalls() -> None:
    at = _open_2026()
    _ok(at.slider(key=_key(at, "gcut")).set_value(INFEASIBLE_CUT).run())
    result = _solve(_with_cut(INFEASIBLE_CUT / 100))
    relaxed = result.relaxed
    assert result.status == "infeasible"
    assert relaxed is not None
    assert result.shortfalls
    names = {g.id: g.label for g in result.scenario.groups}
    for lang in ("id", "en"):
        if lang == "en":
            _ok(at.sidebar.radio(key="ui_lang").set_value("en").run())
        [error] = [e.value for e in at.error]
        assert error.startswith(f"**{t('ui_infeasible', lang)}**")
        for m in result.diagnosis:
            assert f"- {m.text(lang)}" in error
        [warning] = [w.value for w in at.warning if "**" in w.value]
        short = sum(s["workers"] for s in result.shortfalls)
        assert warning.startswith(t("ui_relaxed_title", lang, workers=count(short, lang),
                                    bound=count(result.shortfall_bound, lang)))
        for s in result.shortfalls:  # group, workers short and their cost, each named
            assert "- " + t("ui_shortfall", lang, who=names[s["group"]],
                            workers=count(s["workers"], lang),
                            cost=rupiah_short(s["cost"], lang)) in warning
        # the figures, the charts and the tables are the relaxed plan's, not blank
        assert _metric(at, t("ui_covered", lang)).value == count(relaxed.covered_workers, lang)
        assert _metric(at, t("ui_spent", lang)).value == rupiah_short(relaxed.total_cost, lang)
        assert _column(at, t("ui_col_funded", lang), lang) == _funded(relaxed, lang)
        assert _source_column(at, t("ui_col_spent", lang), lang) == [
            rupiah_short(v, lang) for v in relaxed.by_source["spent"]]
        titles = [spec.get("title") or spec["layer"][0]["title"] for spec, _ in _charts(at)]
        assert t("ui_chart_by_group", lang) in titles


# --- before and after ----------------------------------------------------------------------------


def test_change_columns_after_setting_a_cut() -> None:
    at = _open_2026()
    _ok(at.slider(key=_key(at, "gcut")).set_value(20).run())
    result = _solve(_with_cut(0.2))
    assert result.ok
    assert result.changes is not None
    groups = result.changes["groups"]
    sources = result.changes["sources"]
    for lang in ("id", "en"):
        if lang == "en":
            _ok(at.sidebar.radio(key="ui_lang").set_value("en").run())
        before, change = t("ui_against_no_cut", lang), t("ui_col_change", lang)
        assert _column(at, before, lang) == [count(g["before"], lang) for g in groups]
        assert _column(at, change, lang) == [signed(g["change"], lang) for g in groups]
        assert _source_column(at, before, lang) == [
            rupiah_short(s["before"], lang) for s in sources]
        assert _source_column(at, change, lang) == [
            ("+" if s["change"] > 0 else "") + rupiah_short(s["change"], lang) for s in sources]
        sentence = run(_with_cut(0.2), RunOptions(changes=True)).explanations[0]
        assert sentence.code in {"cut_cost", "cuts_cost"}
        assert [i.value for i in at.info] == [sentence.text(lang)]
    assert any(g["change"] < 0 for g in groups)


def test_no_change_columns_without_a_cut() -> None:
    """The 2025 example cuts nothing: nothing to compare with, no sentence."""
    at = _open("plan")
    scenario = _scenario(DEFAULT)
    assert not scenario.policy.global_cut
    assert not any(s.cut for s in scenario.sources)
    table = _table_with(at, t("ui_col_funded", "id"))
    assert t("ui_col_change", "id") not in table.columns
    assert not at.info


def test_an_edited_library_version_is_compared_with_it_as_saved() -> None:
    from planner.ui import library_texts  # noqa: F401 - as the router does
    from planner.ui import state as ui_state

    label = "Kutim 2026 @3"
    app = ui_state.AppState()
    app.load_examples()
    app.scenarios[label] = ui_state.SessionScenario(
        label, app.scenarios[TRANSFER_CUT].text, "library", library="Kutim 2026")
    app.select(label)
    app.draft = _with_priority("petani", 2)
    at = AppTest.from_file(str(PAGES / "plan.py"), default_timeout=TIMEOUT)
    at.session_state[ui_state._KEY] = app
    _ok(at.run())

    saved, edited = _solve(_scenario(TRANSFER_CUT)), _solve(_with_priority("petani", 2))
    expected = changes(edited.scenario, saved.solution.workers, edited.solution.workers,
                       edited.inputs.unit_cost, against=label,
                       unit_cost_before=saved.inputs.unit_cost)
    radio = at.radio(key=f"against_{label}_{app.edits}_id")
    assert radio.options == [t("ui_against_saved", "id", label=label),
                             t("ui_against_no_cut", "id")]
    assert radio.value == 0  # the version it was opened from comes first
    column = t("ui_against_saved", "id", label=label)
    assert _column(at, column) == [count(c.before, "id") for c in expected.groups]
    assert _column(at, t("ui_col_change", "id")) == [signed(c.change, "id")
                                                     for c in expected.groups]
    assert _column(at, column) == _funded(saved)
    [info] = [i.value for i in at.info]
    assert expected.covered_after == expected.covered_before  # the same head-count, others
    assert info.startswith(t("ui_change_same", "id", against=label))
    losers = [c for c in expected.groups if c.change < 0]
    assert losers
    assert all(f"{c.name} {count(-c.change, 'id')}" in info for c in losers)

    _ok(radio.set_value(1).run())  # against the same scenario without cuts
    assert _column(at, t("ui_against_no_cut", "id")) == [
        count(c["before"], "id") for c in edited.changes["groups"]]


# --- the cut curve -------------------------------------------------------------------------------


def test_cut_curve_draws_the_relaxed_points_dashed() -> None:
    at = _open("cut")
    _ok(at.sidebar.selectbox[0].set_value(TRANSFER_CUT).run())
    curve = _sweep(TRANSFER_CUT, 0.0, 0.5, 51)
    relaxed = [p for p in curve.points if p.relaxed_covered is not None]
    assert relaxed
    assert all(p.status == "infeasible" for p in relaxed)
    assert all(p.cut > curve.max_feasible_cut for p in relaxed)
    [(spec, data)] = _charts(at)
    not_met = data[data["mandates"] == t("ui_mandates_not_met", "id")]
    mine = not_met[not_met["line"] == t("ui_with_protection", "id")]
    last = max((p for p in curve.points if p.status == "optimal"), key=lambda p: p.cut)
    assert list(zip(mine["cut"], mine["covered"], strict=True)) == [
        (last.cut * 100, last.covered_workers),
        *((p.cut * 100, p.relaxed_covered) for p in relaxed)]
    dash = spec["layer"][0]["encoding"]["strokeDash"]
    assert dash["scale"]["domain"] == [t("ui_mandates_met", "id"), t("ui_mandates_not_met", "id")]
    assert dash["scale"]["range"][1] != dash["scale"]["range"][0]  # drawn in another style
    points = _shown(at.dataframe[-1])
    column = points[t("ui_mandates_not_met", "id")].tolist()
    assert column == [count(p.relaxed_covered, "id") if p.relaxed_covered is not None else "-"
                      for p in curve.points]
    _ok(at.sidebar.radio(key="ui_lang").set_value("en").run())
    [(_, data)] = _charts(at)
    assert (data["mandates"] == "Mandates not met").sum() == len(not_met)
    assert pd.notna(data["covered"]).any()


def test_shortfalls_name_the_region_and_the_regional_floors() -> None:
    """Per region: a mandate missed in a region, and a region's floor, each named so."""
    name = "kaltim-regions.yaml"
    at = _open("plan")
    _ok(at.sidebar.selectbox[0].set_value(name).run())
    [key] = [s.key for s in at.slider if (s.key or "").startswith(f"gcut_{name}_")]
    _ok(at.slider(key=key).set_value(60).run())
    result = _solve(_scenario(name).with_global_cut(0.6))
    regions = {r.id: r.name for r in result.scenario.regions}
    groups = {g.id: g.label for g in result.scenario.groups}
    assert {s["group"] is None for s in result.shortfalls} == {True, False}
    [warning] = [w.value for w in at.warning if "**" in w.value]
    for s in result.shortfalls:
        region = regions[s["region"]]
        who = (t("ui_shortfall_floor", "id", region=region) if s["group"] is None else
               t("ui_shortfall_in", "id", group=groups[s["group"]], region=region))
        assert "- " + t("ui_shortfall", "id", who=who, workers=count(s["workers"], "id"),
                        cost=rupiah_short(s["cost"], "id")) in warning
    assert result.relaxed is not None
    assert _metric(at, "Pekerja dibiayai").value == count(result.relaxed.covered_workers, "id")
