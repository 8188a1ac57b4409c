"""The APBD-P page (a mid-year re-plan), driven with AppTest as ``tests/test_ui_pages.py`` drives
the pages, and the plan page's re-plan columns.

Everything the page shows is checked against the engine: ``planner.pipeline.replan_from`` and
``run`` on the same plan, formatted with ``planner.money`` in the page's language. The library is
a new SQLite file per test (``PLANNER_DB_URL``); what the page saves is read back from it.
"""

from __future__ import annotations

import csv
import io
import string
import subprocess
import sys
from functools import cache
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from planner import RunOptions, Scenario, ScenarioError, run
from planner.engine.results import Result
from planner.engine.scenarios import dump_scenario, parse_scenario
from planner.engine.schema import validate_scenario
from planner.errors import Problem
from planner.i18n import LANGS, t
from planner.money import count, percent, rupiah_short
from planner.pipeline import replan_from
from planner.store.library import Library, summary_of
from planner.ui.replan_texts import (
    REPLAN_TEXTS,
    month_name,
    replan_group_labels,
    replan_source_labels,
)
from tests.test_ui_pages import (  # noqa: F401 - the fixtures that hide the CLI's texts
    PAGES,
    SCENARIOS,
    TIMEOUT,
    _edits,
    _metric,
    _ok,
    _table_with,
    app_text_keys,
    app_texts,
    error_details,
)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = "kutim-2025-apbd-p.yaml"  # October, the 2025 plan enrolled, a 15% cut
BASE = "kutim-2025.yaml"  # the plan of the year it re-plans
NAME = "Kutai Timur 2025"
PAGE = PAGES / "replan.py"


# --- the engine: what the page must show ---------------------------------------------------------


@cache
def _text(name: str) -> str:
    return (SCENARIOS / name).read_text(encoding="utf-8")


@cache
def _solve(text: str) -> Result:
    """The re-plan as the page solves it: with what its cut costs."""
    return run(parse_scenario(text), RunOptions(changes=True))


def _replan(name: str, month: int, cut: float | None = None) -> Scenario:
    return replan_from(parse_scenario(_text(name)), month, cut)


def _who_loses(result: Result, lang: str) -> str:
    """The page's sentence, built here from the Result's dropped column."""
    groups = result.by_group[result.by_group["dropped"] > 0].sort_values(
        ["dropped", "name"], ascending=[False, True])
    month = result.scenario.policy.from_month
    return t("ui_replan_dropped", lang, month=month_name(month, lang), year=result.scenario.year,
             n=count(int(groups["dropped"].sum()), lang),
             groups=", ".join(f"{g.name} {count(g.dropped, lang)}" for g in groups.itertuples()),
             last=month_name(month - 1, lang))


# --- driving the page ----------------------------------------------------------------------------


@pytest.fixture
def library_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A new SQLite library for the app, and no author yet."""
    url = f"sqlite:///{tmp_path / 'x.db'}"
    monkeypatch.setenv("PLANNER_DB_URL", url)
    monkeypatch.delenv("PLANNER_AUTHOR", raising=False)
    return url


def _open(scenario: str | None = None, app: object | None = None) -> AppTest:
    """The page, on ``scenario`` opened in the sidebar (or on a session state given)."""
    from planner.ui import state as ui_state  # imported late: see app_texts

    if app is None:
        app = ui_state.AppState()
        app.load_examples()
        if scenario is not None:
            app.select(scenario)
    at = AppTest.from_file(str(PAGE), default_timeout=TIMEOUT)
    at.session_state[ui_state._KEY] = app
    return _ok(at.run())


def _english(at: AppTest) -> None:
    _ok(at.sidebar.radio(key="ui_lang").set_value("en").run())


def _key(at: AppTest, prefix: str) -> str:
    keys = [w.key for w in [*at.data_editor, *at.slider] if (w.key or "").startswith(prefix)]
    assert len(keys) == 1, keys
    return str(keys[0])


def _texts(at: AppTest, kind: str) -> list[str]:
    return [e.value for e in at.get(kind)]


def _check_plan(at: AppTest, result: Result, lang: str) -> None:
    """Figures, sentences and tables on the page are the Result's, in ``lang``."""
    month = result.scenario.policy.from_month
    groups, sources = result.by_group, result.by_source
    labels = replan_group_labels(month, lang)
    assert _metric(at, t("ui_replan_enrolled", lang)).value == count(groups["enrolled"].sum(),
                                                                     lang)
    for column in ("kept", "dropped", "new"):
        assert _metric(at, labels[column]).value == count(groups[column].sum(), lang), column
    spend = t("ui_replan_spent", lang, month=month_name(month, lang))
    assert _metric(at, spend).value == rupiah_short(result.total_cost, lang)

    table = _table_with(at, labels["dropped"])
    assert table[t("ui_col_group", lang)].tolist() == groups["name"].tolist()
    for column in ("enrolled", "kept", "dropped", "new"):
        assert table[labels[column]].tolist() == [count(v, lang) for v in groups[column]], column
    paid = replan_source_labels(month, lang)
    table = _table_with(at, paid["spent_to_date"])
    for column in ("spent_to_date", "spent"):
        assert table[paid[column]].tolist() == [rupiah_short(v, lang) for v in sources[column]]
    assert table[t("ui_col_unspent", lang)].tolist() == [
        rupiah_short(v, lang) for v in sources["unspent"]]
    # paid, planned and left add up to what the cut leaves of the year's budget
    after_cut = sources["spent_to_date"] + sources["spent"] + sources["unspent"]
    assert table[t("ui_col_after_cut", lang)].tolist() == [
        rupiah_short(v, lang) for v in after_cut]
    assert table[t("ui_col_year_budget", lang)].tolist() == [
        rupiah_short(v, lang) for v in sources["budget"]]
    # the cut's sentence and continuity's, together above the tables
    [info] = _texts(at, "info")
    for m in result.explanations:
        if m.code in {"continuity_cost", "cut_cost", "cuts_cost"}:
            assert f"- {m.text(lang)}" in info.split("\n")


# --- from the example file -----------------------------------------------------------------------


def test_the_example_re_plan_in_both_languages(library_url: str) -> None:
    """kutim-2025-apbd-p.yaml: October, a 15% cut, 43,841 enrolled workers lose cover."""
    at = _open(EXAMPLE)
    result = _solve(_text(EXAMPLE))
    dropped = int(result.by_group["dropped"].sum())
    assert dropped == 43_841  # as the file's header works it out
    # the library is empty: the page starts from the scenario open in the sidebar, as it is
    assert at.radio(key="replan_origin_id").value == "session"
    assert at.selectbox(key="replan_month_id").value == 10
    assert at.selectbox(key="replan_month_id").options[8] == "Oktober"
    assert at.slider(key=_key(at, "replan_cut_")).value == 15
    for lang in LANGS:
        if lang == "en":
            _english(at)
            assert at.selectbox(key="replan_month_en").value == 10
            assert at.selectbox(key="replan_month_en").options[8] == "October"
        assert replan_group_labels(10, lang)["dropped"] == {
            "id": "Berhenti mulai Oktober", "en": "Dropped from October"}[lang]
        _check_plan(at, result, lang)
        # who loses cover from when, in words, with the month's name
        assert any(w.startswith(_who_loses(result, lang)) for w in _texts(at, "warning"))
        assert not at.error


def test_the_plan_page_shows_the_re_plan_columns() -> None:
    """Opened on the plan page, the example's tables carry enrolled, kept, dropped, new, paid."""
    from planner.ui import state as ui_state

    app = ui_state.AppState()
    app.load_examples()
    app.select(EXAMPLE)
    at = AppTest.from_file(str(PAGES / "plan.py"), default_timeout=TIMEOUT)
    at.session_state[ui_state._KEY] = app
    _ok(at.run())
    result = _solve(_text(EXAMPLE))
    for lang in LANGS:
        if lang == "en":
            _english(at)
        labels = replan_group_labels(10, lang)
        table = _table_with(at, t("ui_col_funded", lang))
        for column, label in labels.items():
            assert table[label].tolist() == [count(v, lang) for v in result.by_group[column]]
        paid = replan_source_labels(10, lang)
        sources = _table_with(at, paid["spent_to_date"])
        for column, label in paid.items():
            assert sources[label].tolist() == [rupiah_short(v, lang)
                                               for v in result.by_source[column]]
    # a plan of the whole year has none of them
    _ok(at.sidebar.selectbox[0].set_value(BASE).run())
    table = _table_with(at, t("ui_col_funded", "en"))
    assert t("ui_col_enrolled", "en") not in table.columns


# --- from a saved version ------------------------------------------------------------------------


def _unprotected() -> str:
    """The 2025 plan with its APBD premium line open to cuts, as the APBD-P example has it."""
    text = _text(BASE)
    assert text.count("protected: true") == 1
    return text.replace("protected: true", "protected: false")


def test_a_saved_version_re_planned_from_another_month_and_cut_then_saved(
        library_url: str) -> None:
    lib = Library.open(library_url)
    for text, note in ((_text(BASE), "pagu murni"), (_unprotected(), "APBD tidak dilindungi")):
        lib.save(NAME, text, author="Ani", note=note,
                 summary=summary_of(run(parse_scenario(text), RunOptions(explain=False))))
    at = _open()
    # plans in the library: the page starts from the newest version, in October, with its cut
    assert at.radio(key="replan_origin_id").value == "library"
    assert at.selectbox(key="replan_name").value == NAME
    assert at.selectbox(key=f"replan_version_{NAME}_2").value == 2
    assert at.slider(key=_key(at, "replan_cut_")).value == 0
    base = parse_scenario(_unprotected())
    october = _solve(dump_scenario(replan_from(base, 10)))
    assert int(october.by_group["dropped"].sum()) == 0  # no cut: every enrolled worker stays
    _check_plan(at, october, "id")
    enrolled = count(october.by_group["enrolled"].sum(), "id")
    assert t("ui_replan_none_dropped", "id", n=enrolled, month="Oktober", year=2025) in _texts(
        at, "success")

    # November, with a 15% cut of the year's budget: the enrolled lose cover from November
    _ok(at.selectbox(key="replan_month_id").set_value(11).run())
    _ok(at.slider(key=_key(at, "replan_cut_")).set_value(15).run())
    again = replan_from(base, 11, 0.15)
    november = _solve(dump_scenario(again))
    assert int(november.by_group["dropped"].sum()) > 0
    assert not at.error
    _check_plan(at, november, "id")
    assert any(w.startswith(_who_loses(november, "id")) for w in _texts(at, "warning"))
    assert "Mulai November 2025" in _who_loses(november, "id")

    # saved without a name for the author: refused, nothing stored
    _ok(at.button(key="replan_save").click().run())
    assert t("ui_lib_author_needed", "id") in _texts(at, "warning")
    assert [v.number for v in lib.versions(NAME)] == [1, 2]

    at.text_input(key="replan_author").input("Ani (TAPD)")
    _ok(at.button(key="replan_save").click().run())
    saved = lib.version(NAME)
    note = t("ui_replan_note", "id", source=f"{NAME}@2", month=11,
             cut=f", pemotongan {percent(0.15, 'id')}")
    assert note == f"APBD-P: re-plan dari {NAME}@2 mulai bulan 11, pemotongan 15,0%"
    assert (saved.number, saved.author, saved.note) == (3, "Ani (TAPD)", note)
    assert parse_scenario(saved.yaml_text) == again
    assert saved.summary is not None
    assert saved.summary["covered_workers"] == november.covered_workers
    assert t("ui_replan_saved", "id", name=NAME, version=3, source=f"{NAME}@2",
             month=11) in _texts(at, "success")
    # the page stays on the version it started from; another version starts from its own cut
    assert at.selectbox(key=f"replan_version_{NAME}_3").value == 2
    _ok(at.selectbox(key=f"replan_version_{NAME}_3").set_value(1).run())
    assert at.slider(key=_key(at, "replan_cut_")).value == 0
    assert at.selectbox(key="replan_month_id").value == 11  # the month asked stays
    _check_plan(at, _solve(dump_scenario(replan_from(parse_scenario(_text(BASE)), 11))), "id")
    lib.close()


def test_the_note_reads_as_the_cli_writes_it() -> None:
    """``planner replan --save`` and the page write the same note (the app never imports cli)."""
    code = ("import planner.cli.main, planner.ui.replan_texts\n"
            "from planner.i18n import TEXT\n"
            "assert TEXT['cli_replan_note'] == TEXT['ui_replan_note'], "
            "(TEXT['cli_replan_note'], TEXT['ui_replan_note'])\n")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=TIMEOUT)


# --- bad inputs ----------------------------------------------------------------------------------


def _refused(scenario: Scenario) -> list[Problem]:
    """The problems the engine names for a re-plan it cannot make."""
    with pytest.raises(ScenarioError) as refused:
        run(scenario)
    return list(refused.value.problems)


def _listed(at: AppTest, problems: list[Problem], lang: str) -> None:
    """The page says the re-plan cannot be made and lists each problem, in ``lang``."""
    assert _texts(at, "error") == [t("ui_replan_invalid", lang)]
    assert "\n".join(f"- `{p.path}`: {p.message(lang)}" for p in problems) in [
        m.value for m in at.markdown]
    assert all(m.label != t("ui_replan_enrolled", lang) for m in at.metric)  # no plan drawn
    assert not at.exception


def test_more_paid_than_the_cut_leaves_is_said_in_the_pages_language(library_url: str) -> None:
    at = _open(EXAMPLE)
    key = _key(at, "replan_sources_")
    # typed: the APBD paid more than 85% of its budget leaves
    at.session_state[key] = _edits(0, paid=26_000_000_000)
    _ok(at.run())
    data = parse_scenario(_text(EXAMPLE)).model_dump(mode="json")
    data["sources"][0]["spent_to_date"] = 26_000_000_000
    problems = _refused(validate_scenario(data))
    assert [p.path for p in problems] == ["sources[0].spent_to_date"]
    for lang in LANGS:
        if lang == "en":
            _english(at)
        _listed(at, problems, lang)
    # the typed figure is kept when the page is opened again (another page visited meanwhile)
    again = _open(app=at.session_state["planner_app_state"])
    assert again.data_editor(key=key).value["paid"].tolist()[0] == 26_000_000_000


def test_a_cut_deeper_than_the_money_left_is_said_under_the_inputs(library_url: str) -> None:
    at = _open(EXAMPLE)
    _ok(at.slider(key=_key(at, "replan_cut_")).set_value(40).run())
    problems = _refused(parse_scenario(_text(EXAMPLE)).with_global_cut(0.4))
    assert "sources[0].spent_to_date" in [p.path for p in problems]
    _listed(at, problems, "id")


def test_a_month_before_the_plans_own_is_refused(library_url: str) -> None:
    """The example is a re-plan from October: September is not after it."""
    at = _open(EXAMPLE)
    _ok(at.selectbox(key="replan_month_id").set_value(9).run())
    with pytest.raises(ScenarioError) as refused:
        _replan(EXAMPLE, 9)
    problems = list(refused.value.problems)
    _listed(at, problems, "id")
    _english(at)
    _listed(at, problems, "en")
    # a later month re-plans the re-plan: December from the October plan
    _ok(at.selectbox(key="replan_month_en").set_value(12).run())
    assert not at.error
    _check_plan(at, _solve(dump_scenario(_replan(EXAMPLE, 12))), "en")


def test_typed_enrolled_workers_past_their_cover_or_above_eligible_are_named(
        library_url: str) -> None:
    """The example with the 2024 election's ad-hoc workers (covered January to March) added:
    typed as enrolled in October, they are named, and so are farmers above their head-count."""
    from planner.ui import state as ui_state  # imported late: see app_texts

    data = parse_scenario(_text(EXAMPLE)).model_dump(mode="json")
    data["groups"].append({"id": "pemilu", "name": "Petugas ad hoc pemilu", "eligible": 7_189,
                           "months": 3, "start_month": 1, "tags": ["election"],
                           "premium": {"scheme": "wage", "wage": 1_500_000, "jkk_class": 1}})
    scenario = validate_scenario(data)
    app = ui_state.AppState()
    app.load_examples()
    app.add_upload("apbd-p-pemilu.yaml", dump_scenario(scenario))
    at = _open(app=app)
    key = _key(at, "replan_groups_")
    rows = at.data_editor(key=key).value["id"].tolist()
    at.session_state[key] = {"edited_rows": {rows.index("pemilu"): {"enrolled": 7189},
                                             rows.index("petani"): {"enrolled": 50_000}},
                             "added_rows": [], "deleted_rows": []}
    _ok(at.run())
    typed = scenario.model_copy(update={"groups": tuple(
        g.model_copy(update={"enrolled": {"pemilu": 7189, "petani": 50_000}[g.id]})
        if g.id in ("pemilu", "petani") else g for g in scenario.groups)})
    result = _solve(dump_scenario(typed))
    said = [m for m in result.warnings
            if m.code in {"cover_ended", "enrolled_above_eligible"}]
    assert {m.code for m in said} == {"cover_ended", "enrolled_above_eligible"}
    [box] = [w for w in _texts(at, "warning") if w.startswith(t("ui_replan_input_warnings", "id"))]
    for m in said:
        assert f"- {m.text('id')}" in box.split("\n")
    _check_plan(at, result, "id")


# --- the list to download ------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_group_list_csv_names_the_groups_and_holds_the_results_numbers(lang: str) -> None:
    from planner.ui.replan_view import group_list_csv

    result = _solve(_text(EXAMPLE))
    data = group_list_csv(result, lang)
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads the names' letters as they are
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    labels = replan_group_labels(10, lang)
    assert [r[t("ui_col_group", lang)] for r in rows] == result.by_group["name"].tolist()
    ids = set(result.by_group["group"])
    assert not any(value in ids for r in rows for value in r.values())
    for row, g in zip(rows, result.by_group.itertuples(), strict=True):
        for column, label in labels.items():
            assert int(row[label]) == getattr(g, column), (g.group, column)
        assert int(row[t("ui_col_cost_from", lang, month=month_name(10, lang))]) == g.cost
    frame = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert int(frame[labels["dropped"]].sum()) == int(result.by_group["dropped"].sum())


# --- the words -----------------------------------------------------------------------------------


@pytest.mark.parametrize("key", sorted(REPLAN_TEXTS))
def test_every_re_plan_text_is_in_both_languages(key: str) -> None:
    entry = REPLAN_TEXTS[key]
    assert set(entry) == set(LANGS)

    def fields(text: str) -> set[str]:
        return {f for _, f, _, _ in string.Formatter().parse(text) if f}

    assert fields(entry["id"]) == fields(entry["en"])
    params = dict.fromkeys(fields(entry["id"]), "X")
    assert t(key, "id", **params) != t(key, "en", **params)


def test_month_names() -> None:
    assert [month_name(m, "id") for m in (1, 8, 10, 12)] == [
        "Januari", "Agustus", "Oktober", "Desember"]
    assert [month_name(m, "en") for m in (1, 8, 10, 12)] == [
        "January", "August", "October", "December"]
