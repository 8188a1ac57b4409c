"""The app's pages, driven with Streamlit's AppTest as a user would drive them.

Each page file is run on its own (the router is not involved), a value is changed the way a user
changes it, and what the page shows is checked against the engine: the same scenario solved with
``planner.pipeline`` / ``planner.analysis`` and formatted with ``planner.money`` in the page's
language.

AppTest runs the page in this process, so a page sees every text any other test module has
registered (``tests/test_cli.py`` and ``tests/test_i18n.py`` import ``planner.cli``). The app
itself never imports ``planner.cli``; the fixture ``app_texts`` hides every text the app's own
modules do not register, so a page that borrows a CLI text (``t("col_cut")``) fails here whatever
order the tests run in.
"""

from __future__ import annotations

import ast
import importlib
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest

from planner import RunOptions, Scenario, ScenarioError, load_scenario, run
from planner.analysis import Sweep, need, sweep
from planner.compare import DELTA
from planner.engine.results import Result
from planner.engine.schema import validate_scenario
from planner.i18n import TEXT, t
from planner.money import count, number, percent, rupiah, rupiah_short

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "planner" / "ui" / "pages"
SCENARIOS = ROOT / "scenarios"
DEFAULT = "kutim-2025.yaml"  # the scenario every page opens first
TRANSFER_CUT = "kutim-2026-transfer-cut.yaml"
TIMEOUT = 60


# --- helpers -------------------------------------------------------------------------------------


@cache
def _scenario(name: str) -> Scenario:
    return load_scenario(SCENARIOS / name)


@cache
def _sweep(name: str, start: float, stop: float, steps: int) -> Sweep:
    return sweep(_scenario(name), start, stop, steps)


@cache
def _run(name: str, cut: float | None = None) -> Result:
    return run(_scenario(name), RunOptions(global_cut=cut, explain=False))


def _ok(at: AppTest) -> AppTest:
    """Fail with the page's own error and its traceback when the script raised."""
    assert not at.exception, "\n".join(
        f"{e.message}\n" + "\n".join(e.stack_trace) for e in at.exception)
    return at


def _open(page: str) -> AppTest:
    at = AppTest.from_file(str(PAGES / f"{page}.py"), default_timeout=TIMEOUT)
    return _ok(at.run())


def _metric(at: AppTest, label: str):
    found = [m for m in at.metric if m.label == label]
    assert found, f"no metric {label!r}; metrics: {[m.label for m in at.metric]}"
    return found[0]


def _signed(delta: int, fmt, lang: str) -> str:
    """A change as metric_row shows it: '+1.234' or '-1.234'."""
    return ("+" if delta > 0 else "-") + fmt(abs(delta), lang)


def _markdown(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown]


def _captions(at: AppTest) -> list[str]:
    return [c.value for c in at.caption]


def _charts(at: AppTest) -> list[tuple[dict, pd.DataFrame]]:
    """Every Vega-Lite chart on the page: its spec and its data (all datasets, stacked)."""
    out = []
    for chart in at.get("vega_lite_chart"):
        proto = chart.proto
        frames = [pa.ipc.open_stream(d.data.data).read_all().to_pandas() for d in proto.datasets]
        if proto.HasField("data"):
            frames.append(pa.ipc.open_stream(proto.data.data).read_all().to_pandas())
        out.append((json.loads(proto.spec), pd.concat(frames, ignore_index=True)))
    return out


def _shown(element: object) -> pd.DataFrame:
    """A table as the screen shows it: the figures its Styler writes, or its values as they are.

    The app's tables keep numbers (so they sort as numbers) and write them in the page's
    language with a pandas Styler; Streamlit sends those texts as the table's display values.
    """
    styler = element.proto.arrow_data.styler  # type: ignore[attr-defined]
    if styler.display_values:
        shown = pa.ipc.open_stream(styler.display_values).read_pandas()
        shown.index = element.value.index  # type: ignore[attr-defined]
        return shown
    return element.value  # type: ignore[attr-defined,no-any-return]


def _table_with(at: AppTest, column: str) -> pd.DataFrame:
    """The one table on the page that has ``column``, as it is shown."""
    found = [_shown(d) for d in at.dataframe if column in d.value.columns]
    assert len(found) == 1, [list(d.value.columns) for d in at.dataframe]
    return found[0]


# a figure as a table writes it: 150.000, Rp30,24 miliar, -Rp2,59 miliar, 25,0%, +117
FIGURE = re.compile(r"^[+-]?(Rp)?\d[\d.,]*( (juta|miliar|triliun|million|billion|trillion))?%?$")
MISSING = {"-", "", "None", "nan", "<NA>"}


def assert_figures_are_numbers(at: AppTest, where: str) -> int:
    """Fail when a table on the page holds a column of figures as text (it would sort as text).

    A column is one of figures when every text it shows (but "-") reads as one. The compare
    page's inputs table (headed by ``cmp_col_field``) is text on purpose: each scenario's column
    mixes figures with words ("ya", names of groups), one row a field. Returns the number of
    figure columns checked, so a test can tell it looked at some.
    """
    checked = 0
    fields = {t("cmp_col_field", lang) for lang in ("id", "en")}
    for table in at.dataframe:
        if fields & set(table.value.columns):
            continue
        shown = _shown(table)
        for column in shown.columns:
            texts = [str(v) for v in shown[column] if str(v) not in MISSING]
            if texts and all(FIGURE.match(x) for x in texts):
                assert pd.api.types.is_numeric_dtype(table.value[column]), (
                    where, column, texts[:3], str(table.value[column].dtype))
                checked += 1
    return checked


def _session_with_edits(name: str, **policy: object) -> object:
    """Return a page's AppTest whose session holds ``name`` edited (unsaved) on the plan page."""
    from planner.ui import state as ui_state  # imported late: see app_texts

    app = ui_state.AppState()
    app.load_examples()
    app.select(name)
    assert app.draft is not None
    app.draft = app.draft.model_copy(
        update={"policy": app.draft.policy.model_copy(update=policy)})
    return app


def _open_with(page: str, app: object) -> AppTest:
    from planner.ui import state as ui_state

    at = AppTest.from_file(str(PAGES / f"{page}.py"), default_timeout=TIMEOUT)
    at.session_state[ui_state._KEY] = app
    return _ok(at.run())


def _edited(name: str, cut: float) -> Scenario:
    scenario = _scenario(name)
    return scenario.model_copy(
        update={"policy": scenario.policy.model_copy(update={"global_cut": cut})})


def _app_modules() -> list[str]:
    """The planner modules the app imports: the router and every page's imports."""
    modules = {"planner.ui.router"}
    for page in PAGES.glob("*.py"):
        for node in ast.walk(ast.parse(page.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                modules.add(node.module)
            elif isinstance(node, ast.Import):
                modules.update(alias.name for alias in node.names)
    return sorted(m for m in modules if m.split(".")[0] == "planner")


@pytest.fixture(scope="module")
def app_text_keys() -> frozenset[str]:
    """Every text key registered in a fresh process that imports what the app imports."""
    code = (
        "import importlib, json, sys\n"
        "for m in sys.argv[1:]: importlib.import_module(m)\n"
        "assert 'planner.cli' not in sys.modules, 'the app imports planner.cli'\n"
        "from planner.i18n import TEXT\n"
        "print(json.dumps(sorted(TEXT)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code, *_app_modules()], cwd=ROOT,
                         capture_output=True, text=True, timeout=TIMEOUT, check=True)
    return frozenset(json.loads(out.stdout.splitlines()[-1]))


@pytest.fixture(autouse=True)
def error_details() -> Iterator[None]:
    """Show a page's exception in full (Streamlit redacts it by default)."""
    before = config.get_option("client.showErrorDetails")
    config.set_option("client.showErrorDetails", "full")
    yield
    config.set_option("client.showErrorDetails", before)


@pytest.fixture(autouse=True)
def app_texts(app_text_keys: frozenset[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Let the pages see only the texts the app registers (restored after the test).

    The app's labels are registered here, when the test runs, rather than at import: importing
    ``planner.ui.texts`` while pytest collects would change the keys ``tests/test_i18n.py``
    parametrizes over, depending on the order the modules are collected in.
    """
    importlib.import_module("planner.ui.texts")  # the labels the test's expectations use
    for key in [k for k in TEXT if k not in app_text_keys]:
        monkeypatch.delitem(TEXT, key)


# --- plan page -----------------------------------------------------------------------------------


def test_plan_page_global_cut_and_language() -> None:
    # on the 2026 example: in the 2025 one the protected APBD alone pays for everyone, so no cut
    # moves its count
    name = TRANSFER_CUT
    at = _open("plan")
    _ok(at.sidebar.selectbox[0].set_value(name).run())
    base = _run(name)
    covered = _metric(at, "Pekerja dibiayai")
    assert covered.value == count(base.covered_workers, "id")
    assert not covered.delta  # nothing changed yet

    sliders = [s for s in at.slider if (s.key or "").startswith(f"gcut_{name}_")]
    assert len(sliders) == 1, [s.key for s in at.slider]
    assert sliders[0].value == round(_scenario(name).policy.global_cut * 100)
    cut = _run(name, 0.2)
    assert cut.ok
    assert cut.covered_workers != base.covered_workers  # the cut must show
    _ok(sliders[0].set_value(20).run())

    covered = _metric(at, "Pekerja dibiayai")
    assert covered.value == count(cut.covered_workers, "id")
    assert covered.delta == _signed(cut.covered_workers - base.covered_workers, count, "id")
    spent = _metric(at, "Belanja")
    assert spent.value == rupiah_short(cut.total_cost, "id")
    assert spent.delta == _signed(cut.total_cost - base.total_cost, rupiah_short, "id")
    # the short figure on screen, the exact one a question away
    assert spent.help == t("ui_exact_change", "id", value=rupiah(cut.total_cost, "id"),
                           delta=_signed(cut.total_cost - base.total_cost, rupiah, "id"))
    change = _share(cut) - _share(base)
    assert round(change * 100, 1)  # the coverage must move for the check below
    assert _metric(at, "Cakupan").delta == t(
        "ui_points", "id", value=("+" if change > 0 else "") + number(change * 100, "id", 1))
    scenario = _scenario(name)
    assert t("ui_caption_edited", "id", name=scenario.name, file=name) in _captions(at)

    _ok(at.sidebar.radio(key="ui_lang").set_value("en").run())
    covered = _metric(at, "Workers funded")  # same plan, English words and numbers
    assert covered.value == count(cut.covered_workers, "en")
    assert covered.delta == _signed(cut.covered_workers - base.covered_workers, count, "en")
    spent = _metric(at, "Spend")
    assert spent.value == rupiah_short(cut.total_cost, "en")
    assert spent.help == t("ui_exact_change", "en", value=rupiah(cut.total_cost, "en"),
                           delta=_signed(cut.total_cost - base.total_cost, rupiah, "en"))
    assert at.slider(key=sliders[0].key).value == 20


def _share(result: Result) -> float:
    return int(result.by_group["covered"].sum()) / int(result.by_group["eligible"].sum())


def _title(spec: dict) -> str:
    return spec.get("title") or spec["layer"][0]["title"]


def test_plan_page_bar_charts_leave_room_for_their_values() -> None:
    """Each chart keeps padding on its right as wide as the longest value written after a bar."""
    at = _open("plan")
    base = _run(DEFAULT)
    charts = {_title(spec): (spec, data) for spec, data in _charts(at)}
    expected = {
        t("ui_chart_by_group", "id"): [count(v, "id") for v in base.by_group["covered"]],
        t("ui_chart_by_source", "id"): [rupiah_short(v, "id") for v in base.by_source["spent"]],
    }
    assert set(expected) <= set(charts), list(charts)
    for title, texts in expected.items():
        spec, data = charts[title]
        assert data["text"].tolist() == texts, title
        text_layer = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "text")
        room = spec["padding"]["right"] - text_layer["mark"].get("dx", 0)
        # 6 px a character is what an 11 px figure or letter takes at the least
        assert room >= 6 * max(len(x) for x in texts), (title, spec["padding"])


def test_plan_page_names_the_scenario_and_explains_the_funding_rules() -> None:
    at = _open("plan")
    scenario = _scenario(DEFAULT)
    assert t("ui_caption", "id", name=scenario.name, file=DEFAULT) in _captions(at)
    rules = [s for s in at.selectbox if (s.key or "").startswith("rules_")]
    assert len(rules) == 1
    # a short choice that fits its box, the rule itself in the help
    assert rules[0].options == [t("ui_funding_rules_strict", "id"), t("ui_funding_rules_off", "id")]
    assert rules[0].help == t("ui_funding_rules_help", "id")


def test_plan_page_switches_scenario_in_the_sidebar() -> None:
    at = _open("plan")
    pick = at.sidebar.selectbox[0]
    assert pick.value == DEFAULT
    _ok(pick.set_value(TRANSFER_CUT).run())
    expected = _run(TRANSFER_CUT)
    assert expected.covered_workers != _run(DEFAULT).covered_workers
    covered = _metric(at, "Pekerja dibiayai")
    assert covered.value == count(expected.covered_workers, "id")
    assert not covered.delta  # compared with the scenario just opened, not the previous one
    gcut = [s for s in at.slider if (s.key or "").startswith(f"gcut_{TRANSFER_CUT}_")]
    assert [s.value for s in gcut] == [round(_scenario(TRANSFER_CUT).policy.global_cut * 100)]


def _groups_editor_key(at: AppTest) -> str:
    keys = [d.key for d in at.data_editor if (d.key or "").startswith(f"groups_{DEFAULT}_")]
    assert len(keys) == 1, [d.key for d in at.data_editor]
    return keys[0]


def _edits(row: int, **cells: object) -> dict[str, object]:
    """A data editor's edit state with ``cells`` changed in ``row``."""
    return {"edited_rows": {row: cells}, "added_rows": [], "deleted_rows": []}


def test_plan_page_group_head_count_edit() -> None:
    at = _open("plan")
    key = _groups_editor_key(at)
    assert at.data_editor(key=key).value["id"].tolist()[0] == _scenario(DEFAULT).groups[0].id
    data = _scenario(DEFAULT).model_dump(mode="json")
    assert not _scenario(DEFAULT).regions  # head-counts are editable only without regions
    data["groups"][0]["eligible"] -= 5000
    edited = run(validate_scenario(data, DEFAULT), RunOptions(explain=False))
    base = _run(DEFAULT)
    assert edited.covered_workers != base.covered_workers

    at.session_state[key] = _edits(0, eligible=data["groups"][0]["eligible"])
    _ok(at.run())
    assert not at.error
    covered = _metric(at, "Pekerja dibiayai")
    assert covered.value == count(edited.covered_workers, "id")
    assert covered.delta == _signed(edited.covered_workers - base.covered_workers, count, "id")


def test_plan_page_editors_write_rules_and_lists_in_words() -> None:
    """The premium rule and 'all' in the page's language; 'semua' is read back as 'all'."""
    at = _open("plan")
    scenario = _scenario(DEFAULT)
    groups = at.data_editor(key=_groups_editor_key(at)).value
    for group, shown in zip(scenario.groups, groups["rule"], strict=True):
        rule = group.premium
        if rule is None:
            assert shown == ""
        elif rule.scheme == "bpu":
            assert shown == t("ui_rule_bpu", "id", income=rupiah(rule.declared_income, "id"))
        else:
            assert shown == t("ui_rule_wage", "id", wage=rupiah(rule.wage, "id"),
                              jkk_class=rule.jkk_class)
    assert "BPU, penghasilan Rp1.000.000" in groups["rule"].tolist()

    key = _sources_editor_key(at)
    sources = at.data_editor(key=key).value
    for source, shown in zip(scenario.sources, sources["groups"], strict=True):
        assert list(shown) == (["all"] if source.groups == "all" else list(source.groups))
    row = next(i for i, s in enumerate(scenario.sources) if s.groups != "all")
    at.session_state[key] = _edits(row, groups=["all"])
    _ok(at.run())
    assert not at.error
    from planner.ui import state as ui_state

    draft = at.session_state[ui_state._KEY].draft
    assert [s.groups for s in draft.sources] == [
        "all" if i == row else s.groups for i, s in enumerate(scenario.sources)]


def _sources_editor_key(at: AppTest) -> str:
    [key] = [d.key for d in at.data_editor if (d.key or "").startswith(f"sources_{DEFAULT}_")]
    return key


def _column_config(at: AppTest, key: str) -> dict[str, dict[str, object]]:
    return json.loads(at.data_editor(key=key).proto.columns)  # type: ignore[no-any-return]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_plan_page_editors_show_names_and_pick_groups_by_name(lang: str) -> None:
    """No column of ids: groups and sources by name, what a source pays for picked by name."""
    at = _open("plan")
    if lang == "en":
        _ok(at.sidebar.radio(key="ui_lang").set_value("en").run())
    scenario = _scenario(DEFAULT)
    for key in (_groups_editor_key(at), _sources_editor_key(at)):
        config = _column_config(at, key)
        assert config["id"].get("hidden") is True, config["id"]  # kept in the data, not shown
        assert t("ui_col_id", lang) not in [c.get("label") for c in config.values()]
    config = _column_config(at, _sources_editor_key(at))["groups"]
    assert config["type_config"]["type"] == "multiselect"
    assert config["type_config"]["options"] == [{"value": "all", "label": t("ui_all", lang)}] + [
        {"value": g.id, "label": g.label} for g in scenario.groups]

    # a pick changes whom the source may pay for; every id stays as it was
    key = _sources_editor_key(at)
    row, source = next((i, s) for i, s in enumerate(scenario.sources) if s.groups != "all")
    picks = [*source.groups, "nelayan"]
    assert "nelayan" not in source.groups
    at.session_state[key] = _edits(row, groups=picks)
    _ok(at.run())
    from planner.ui import state as ui_state

    draft = at.session_state[ui_state._KEY].draft
    assert [s.id for s in draft.sources] == [s.id for s in scenario.sources]
    assert draft.sources[row].groups == tuple(picks)
    assert [s.groups for i, s in enumerate(draft.sources) if i != row] == [
        s.groups for i, s in enumerate(scenario.sources) if i != row]

    # a group renamed keeps its id; the pick-list names it by its new name
    key = _groups_editor_key(at)
    at.session_state[key] = _edits(0, name="Petani, pekebun dan peladang")
    _ok(at.run())
    draft = at.session_state[ui_state._KEY].draft
    assert draft.groups[0].id == scenario.groups[0].id
    assert draft.groups[0].name == "Petani, pekebun dan peladang"
    options = _column_config(at, _sources_editor_key(at))["groups"]["type_config"]["options"]
    assert {"value": scenario.groups[0].id, "label": "Petani, pekebun dan peladang"} in options


@pytest.mark.parametrize("lang", ["id", "en"])
def test_plan_page_editors_group_numbers_in_the_pages_language(lang: str) -> None:
    """The edit tables group thousands as the page's language does, not the browser's."""
    at = _open("plan")
    if lang == "en":
        _ok(at.sidebar.radio(key="ui_lang").set_value("en").run())
    expected = "%'.,d" if lang == "id" else "%',,d"  # sprintf-js: the separator after a quote
    groups = _column_config(at, _groups_editor_key(at))
    for column in ("eligible", "covered_elsewhere", "premium_monthly"):
        assert groups[column]["type_config"]["format"] == expected, column
    assert _column_config(at, _sources_editor_key(at))["budget"]["type_config"]["format"] \
        == expected
    assert "localized" not in json.dumps([_column_config(at, d.key) for d in at.data_editor])


def test_plan_page_adds_a_group_and_a_source_by_name() -> None:
    """A row added by name gets an id made from it, unique; the plan is solved with it."""
    from planner.ui import state as ui_state

    at = _open("plan")
    scenario = _scenario(DEFAULT)
    [name_box] = [w for w in at.text_input if (w.key or "").startswith("add_group_")]
    name_box.input("Juru parkir & Pak Ogah")
    _ok(at.button(key="add_group_button").click().run())
    draft = at.session_state[ui_state._KEY].draft
    ids = [g.id for g in scenario.groups]
    assert [g.id for g in draft.groups] == [*ids, "juru_parkir_pak_ogah"]
    added = draft.groups[-1]
    assert (added.name, added.eligible, added.premium.scheme) == (
        "Juru parkir & Pak Ogah", 0, "bpu")
    # the new row is in the table, by name, and in the pick-list of every source
    groups = at.data_editor(key=_groups_editor_key(at)).value
    assert groups["name"].tolist()[-1] == "Juru parkir & Pak Ogah"
    options = _column_config(at, _sources_editor_key(at))["groups"]["type_config"]["options"]
    assert options[-1] == {"value": "juru_parkir_pak_ogah", "label": "Juru parkir & Pak Ogah"}

    # the same name again: another id; head-count typed in the new row reaches the scenario
    [name_box] = [w for w in at.text_input if (w.key or "").startswith("add_group_")]
    name_box.input("Juru parkir & Pak Ogah")
    _ok(at.button(key="add_group_button").click().run())
    draft = at.session_state[ui_state._KEY].draft
    assert [g.id for g in draft.groups][-2:] == ["juru_parkir_pak_ogah", "juru_parkir_pak_ogah_2"]
    at.session_state[_groups_editor_key(at)] = _edits(len(draft.groups) - 2, eligible=300)
    _ok(at.run())
    assert at.session_state[ui_state._KEY].draft.groups[-2].eligible == 300

    [name_box] = [w for w in at.text_input if (w.key or "").startswith("add_source_")]
    name_box.input("Baznas Kutai Timur")
    _ok(at.button(key="add_source_button").click().run())
    draft = at.session_state[ui_state._KEY].draft
    assert [s.id for s in draft.sources] == [s.id for s in scenario.sources] + [
        "baznas_kutai_timur"]
    assert (draft.sources[-1].budget, draft.sources[-1].groups) == (0, "all")
    assert not at.error


def test_new_ids_are_made_from_names_and_unique() -> None:
    from planner.ui.new_ids import new_id

    assert new_id("Pekerja parkir (juru parkir)", []) == "pekerja_parkir_juru_parkir"
    assert new_id("Petani", ["petani", "petani_2"]) == "petani_3"
    assert new_id("Pengrajin rotan Muara Ancalong", []) == "pengrajin_rotan_muara_ancalong"
    assert new_id("Café & pedagang", []) == "cafe_pedagang"
    assert new_id("???", []) == "kelompok"
    assert new_id("all", []) == "all_2"  # "all" means every group, never one
    assert len(new_id("x" * 200, [])) <= 64


def test_plan_page_invalid_edit_lists_the_problems() -> None:
    at = _open("plan")
    key = _groups_editor_key(at)
    data = _scenario(DEFAULT).model_dump(mode="json")
    data["groups"][0]["months"] = 20
    with pytest.raises(ScenarioError) as problems:
        validate_scenario(data, DEFAULT)

    at.session_state[key] = _edits(0, months=20)
    _ok(at.run())
    # one box in the main area: the plan kept, each problem by group (counted from 1) and name
    [box] = [e.value for e in at.error]
    assert box.startswith(t("ui_invalid_kept", "id"))
    for p in problems.value.problems:
        assert p.message("id") in box
    assert "kelompok ke-1 (" in box
    assert "groups[0]" not in box
    # the plan shown is still the last valid one: the saved scenario
    assert _metric(at, "Pekerja dibiayai").value == count(_run(DEFAULT).covered_workers, "id")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_figure_reaches_the_tables_as_a_number(lang: str) -> None:
    """The plan (with its allocation), cut and compare pages: figures sort as numbers."""
    checked = {}
    for page in ("plan", "cut", "compare"):
        at = _open(page)
        if lang == "en":
            _ok(at.sidebar.radio(key="ui_lang").set_value("en").run())
        if page == "plan":  # with a cut, the group and source tables carry the plan before
            _open_tables(at)
            sliders = [s for s in at.slider if (s.key or "").startswith("gcut_")]
            _ok(at.sidebar.selectbox[0].set_value(TRANSFER_CUT).run())
            sliders = [s for s in at.slider if (s.key or "").startswith(f"gcut_{TRANSFER_CUT}")]
            _ok(sliders[0].set_value(20).run())
        checked[page] = assert_figures_are_numbers(at, f"{page} ({lang})")
    # the allocation's workers, price and cost; the groups' and the sources' figures
    assert checked["plan"] >= 15, checked
    assert checked["cut"] >= 3, checked  # cut, workers, spend
    assert checked["compare"] >= 6, checked  # each scenario's and each difference's column


def _open_tables(at: AppTest) -> None:
    """Open the plan page's expanders that draw their tables only while open."""
    for key in ("plan_allocation", "plan_basis_figures", "plan_basis_rules"):
        at.session_state[key] = True


def test_plan_page_draws_the_tables_nobody_opened_only_when_opened() -> None:
    at = _open("plan")
    unit_cost = t("ui_col_unit_cost", "id")
    assert not [d for d in at.dataframe if unit_cost in d.value.columns]
    closed = len(at.dataframe)
    _open_tables(at)
    _ok(at.run())
    assert [d for d in at.dataframe if unit_cost in d.value.columns]
    assert len(at.dataframe) == closed + 3  # the allocation, the figures' bases, the rules


def test_allocation_table_keeps_numbers() -> None:
    at = _open("plan")
    _open_tables(at)
    _ok(at.run())
    base = _run(DEFAULT)
    [table] = [d for d in at.dataframe if t("ui_col_unit_cost", "id") in d.value.columns]
    cost = t("ui_col_cost", "id")
    assert table.value[cost].tolist() == base.allocation["cost"].tolist()
    assert _shown(table)[cost].tolist() == [rupiah(v, "id") for v in base.allocation["cost"]]


def test_comparison_of_a_scenario_without_a_plan_says_so() -> None:
    from planner.compare import compare
    from planner.ui.comparison_view import comparison_frames, statuses

    data = _scenario(TRANSFER_CUT).model_dump(mode="json")
    data["policy"]["global_cut"] = 0.9  # mandates fail: no plan
    none = run(validate_scenario(data, TRANSFER_CUT), RunOptions(explain=False))
    assert not none.ok
    cmp = compare([_run(TRANSFER_CUT), none], ["A", "B"])
    assert statuses(cmp, "id") == "B: " + t("cmp_status_infeasible", "id")
    assert statuses(compare([_run(TRANSFER_CUT), _run(DEFAULT)], ["A", "B"]), "en") == ""
    styler, text = comparison_frames(cmp.outputs.totals, cmp.names, "id")
    assert pd.api.types.is_numeric_dtype(styler.data["B"])
    assert pd.isna(styler.data["B"][0])  # no workers without a plan (the money is still there)
    assert text["B"][0] == "-"
    assert text["A"].tolist()[0] == count(_run(TRANSFER_CUT).covered_workers, "id")


# --- cut page ------------------------------------------------------------------------------------


def _breakpoints_text(name: str, start: float, stop: float, steps: int, lang: str) -> str:
    """The breakpoints as the page lists them, or its sentence for none."""
    curve = _sweep(name, start, stop, steps)
    if not curve.breakpoints:
        return t("ui_no_breakpoints", lang)
    return "\n".join(f"- {b.message().text(lang)}" for b in curve.breakpoints)


def _max_cut_text(name: str, start: float, stop: float, steps: int, lang: str) -> str:
    return percent(_sweep(name, start, stop, steps).max_feasible_cut, lang, 2)


def test_cut_page_range() -> None:
    at = _open("cut")
    assert at.slider(key="cut_range").value == (0, 50)
    assert at.number_input(key="cut_steps").value == 51
    label = "Pemotongan terbesar yang memenuhi semua mandat"
    assert _metric(at, label).value == _max_cut_text(DEFAULT, 0.0, 0.5, 51, "id")
    assert _breakpoints_text(DEFAULT, 0.0, 0.5, 51, "id") in _markdown(at)
    # the 2026 example, whose groups start losing cover in the range (in the 2025 one the
    # protected APBD alone pays for everyone, at any cut)
    name = TRANSFER_CUT
    _ok(at.sidebar.selectbox[0].set_value(name).run())
    before = _breakpoints_text(name, 0.0, 0.5, 51, "id")
    assert before in _markdown(at)

    after = _breakpoints_text(name, 0.5, 1.0, 51, "id")
    assert after != before  # the new range must show another list
    _ok(at.slider(key="cut_range").set_value((50, 100)).run())
    assert after in _markdown(at)
    assert _metric(at, label).value == _max_cut_text(name, 0.5, 1.0, 51, "id")


def test_cut_page_with_infeasible_points() -> None:
    """kutim-2026: mandates fail above ~29.5%, so the default range holds infeasible points."""
    at = _open("cut")
    _ok(at.sidebar.selectbox[0].set_value(TRANSFER_CUT).run())
    curve = _sweep(TRANSFER_CUT, 0.0, 0.5, 51)
    assert any(p.status != "optimal" for p in curve.points)
    label = "Pemotongan terbesar yang memenuhi semua mandat"
    assert _metric(at, label).value == percent(curve.max_feasible_cut, "id", 2)
    assert _breakpoints_text(TRANSFER_CUT, 0.0, 0.5, 51, "id") in _markdown(at)
    table = at.dataframe[-1]  # the curve's points, in the expander
    points = _shown(table)
    covered = points[t("ui_covered", "id")].tolist()
    assert len(covered) == len(curve.points)
    # numbers, so a click on the header sorts them as numbers; no count where there is no plan
    assert pd.api.types.is_numeric_dtype(table.value[t("ui_covered", "id")])
    statuses = points[t("ui_col_status", "id")].tolist()
    for shown, status, point in zip(covered, statuses, curve.points, strict=True):
        assert status == t("ui_status_" + point.status, "id")
        if point.status == "optimal":
            assert shown == count(point.covered_workers, "id")
        else:
            assert shown == "-"


def test_cut_page_marks_the_current_cut_of_the_edited_scenario() -> None:
    """The curve is the plan page's edited scenario, named as such, with its cut marked."""
    app = _session_with_edits(TRANSFER_CUT, global_cut=0.2)
    from planner.ui import state as ui_state

    at = AppTest.from_file(str(PAGES / "cut.py"), default_timeout=TIMEOUT)
    at.session_state[ui_state._KEY] = app
    at.session_state["cut_steps"] = 6  # a short curve: the check is about the marks
    _ok(at.run())
    scenario = _scenario(TRANSFER_CUT)
    assert t("ui_caption_edited", "id", name=scenario.name, file=TRANSFER_CUT) in _captions(at)
    curve = sweep(_edited(TRANSFER_CUT, 0.2), 0.0, 0.5, 6)
    label = "Pemotongan terbesar yang memenuhi semua mandat"
    assert _metric(at, label).value == percent(curve.max_feasible_cut, "id", 2)
    [(_, data)] = _charts(at)
    now = data[data["label"] == t("ui_cut_now", "id", cut=percent(0.2, "id"))]
    assert now["cut"].tolist() == [20.0]


# --- need page -----------------------------------------------------------------------------------


def _need_text(target: int, source: str | None, lang: str, name: str = DEFAULT) -> str:
    answers = need(_scenario(name), target, source)
    return "\n".join(f"- {a.message().text(lang)}" for a in answers)


def test_need_page_target_and_source() -> None:
    at = _open("need")
    eligible = sum(sum(_scenario(DEFAULT).eligible(g).values()) for g in _scenario(DEFAULT).groups)
    default = min(160_000, eligible)
    assert at.number_input(key="need_target").value == default
    assert _need_text(default, None, "id") in _markdown(at)
    # the input box has no thousands separator: the target is written out beside it
    assert _metric(at, "Target pekerja").value == count(default, "id") == "150.000"
    now = _run(DEFAULT).covered_workers
    assert _metric(at, "Pekerja dibiayai sekarang").value == count(now, "id")
    assert _metric(at, "Kurang dari target").value == count(max(default - now, 0), "id")
    _ok(at.sidebar.radio(key="ui_lang").set_value("en").run())
    assert _metric(at, "Target workers").value == count(default, "en") == "150,000"
    _ok(at.sidebar.radio(key="ui_lang").set_value("id").run())

    expected = _need_text(170_000, "apbd", "id")
    at.number_input(key="need_target").set_value(170_000)
    at.selectbox(key="need_source_id").set_value("apbd")
    _ok(at.run())
    assert expected in _markdown(at)
    table = at.dataframe[0].value
    assert len(table) == 1  # one source asked about
    # in English the question stays the same: the choice of source carries over
    _ok(at.sidebar.radio(key="ui_lang").set_value("en").run())
    assert at.selectbox(key="need_source_en").value == "apbd"
    assert _need_text(170_000, "apbd", "en") in _markdown(at)


def test_need_page_reachable_target() -> None:
    """kutim-2026 covers fewer than 150,000: the page names the extra APBD money that does."""
    at = _open("need")
    _ok(at.sidebar.selectbox[0].set_value(TRANSFER_CUT).run())
    [answer] = need(_scenario(TRANSFER_CUT), 150_000, "apbd")
    assert answer.reachable
    assert answer.extra > 0
    at.number_input(key="need_target").set_value(150_000)
    at.selectbox(key="need_source_id").set_value("apbd")
    _ok(at.run())
    assert _need_text(150_000, "apbd", "id", TRANSFER_CUT) in _markdown(at)
    row = _shown(at.dataframe[0]).iloc[0].tolist()
    assert rupiah_short(answer.extra, "id") in row
    assert rupiah_short(answer.extra_budget, "id") in row
    assert rupiah(answer.extra_budget, "id") in row  # the budget line to write, in full
    now = _run(TRANSFER_CUT).covered_workers
    assert now < 150_000
    assert _metric(at, "Target pekerja").value == count(150_000, "id")
    assert _metric(at, "Kurang dari target").value == count(150_000 - now, "id")


# --- compare page --------------------------------------------------------------------------------


def test_compare_page_totals_and_too_few() -> None:
    at = _open("compare")
    picked = at.multiselect(key="compare_pick").value
    assert len(picked) == 2
    assert DEFAULT in picked  # the scenario open in the sidebar is compared by default
    baseline = at.selectbox(key="compare_baseline").value
    assert baseline in picked
    totals = _shown(at.dataframe[0])  # the first table: totals, written in the page's language
    for name in picked:
        assert pd.api.types.is_numeric_dtype(at.dataframe[0].value[name])
        assert name in totals.columns, list(totals.columns)
        covered = _run(name).covered_workers
        assert count(covered, "id") in totals[name].tolist(), (name, totals[name].tolist())
        if name != baseline:
            diff = covered - _run(baseline).covered_workers
            shown = ("+" if diff > 0 else "") + count(diff, "id")
            diff_column = t("cmp_diff", "id", name=name)  # "selisih <name>", not "<name> Δ"
            assert name + DELTA not in totals.columns
            assert shown in totals[diff_column].tolist(), (shown, totals[diff_column].tolist())

    _ok(at.multiselect(key="compare_pick").set_value([DEFAULT]).run())
    assert [i.value for i in at.info] == [t("ui_compare_pick_more", "id")]
    assert not at.dataframe


def _inputs_row(inputs: pd.DataFrame, item: str, field: str) -> list[str]:
    rows = inputs[(inputs.iloc[:, 0] == item) & (inputs.iloc[:, 1] == field)]
    assert len(rows) == 1, (item, field, inputs.iloc[:, :2].to_numpy().tolist())
    return rows.iloc[0, 2:].tolist()


def test_compare_page_opens_on_the_2025_baseline_and_the_2026_cut() -> None:
    """The first view compares two scenarios that differ, inputs named and written for people."""
    at = _open("compare")
    assert at.multiselect(key="compare_pick").value == [DEFAULT, TRANSFER_CUT]
    assert at.selectbox(key="compare_baseline").value == DEFAULT
    old, new = _scenario(DEFAULT), _scenario(TRANSFER_CUT)
    apbd = [next(s for s in x.sources if s.id == "apbd") for x in (old, new)]
    assert apbd[0].budget != apbd[1].budget
    assert old.policy.global_cut != new.policy.global_cut

    for lang, field, budget in (("id", "Isian", "Anggaran"), ("en", "Field", "Budget")):
        if lang == "en":
            _ok(at.sidebar.radio(key="ui_lang").set_value("en").run())
        inputs = _table_with(at, field)
        assert list(inputs.columns[2:]) == [DEFAULT, TRANSFER_CUT]
        assert not set(inputs[field]) & {"budget", "global_cut", "year", "eligible"}
        source = t("cmp_item_source", lang, name=apbd[0].label)
        assert t("cmp_field_budget", lang) == budget
        assert _inputs_row(inputs, source, budget) == [rupiah_short(s.budget, lang) for s in apbd]
        assert _inputs_row(inputs, t("cmp_item_policy", lang), t("cmp_field_global_cut", lang)) \
            == [percent(x.policy.global_cut, lang) for x in (old, new)]
        assert _inputs_row(inputs, t("cmp_item_scenario", lang), t("cmp_field_year", lang)) \
            == [str(x.year) for x in (old, new)]
        assert _inputs_row(inputs, source, t("cmp_field_protected", lang)) == [
            t("cmp_yes" if s.protected else "cmp_no", lang) for s in apbd]
        totals = _shown(at.dataframe[0])
        # every scenario has a plan: no status row among the figures, no warning above them
        assert t("cmp_measure_status", lang) not in totals.iloc[:, 0].tolist()
        assert not at.warning
        assert t("cmp_diff", lang, name=TRANSFER_CUT) in totals.columns
    assert rupiah_short(apbd[0].budget, "id") == "Rp30,24 miliar"  # as budget documents write it


def test_compare_page_opens_on_the_plan_pages_unsaved_edits() -> None:
    """Edited on the plan page and not saved: compared with the saved scenario, in any language."""
    at = _open_with("compare", _session_with_edits(TRANSFER_CUT, global_cut=0.2))
    draft = f"{TRANSFER_CUT} *"
    saved, edited = _run(TRANSFER_CUT), run(_edited(TRANSFER_CUT, 0.2), RunOptions(explain=False))
    assert saved.covered_workers != edited.covered_workers
    assert at.selectbox(key="compare_baseline").value == TRANSFER_CUT
    for lang in ("id", "en"):
        if lang == "en":
            _ok(at.sidebar.radio(key="ui_lang").set_value("en").run())
        totals = _shown(at.dataframe[0])
        assert list(totals.columns[1:]) == [TRANSFER_CUT, draft, t("cmp_diff", lang, name=draft)]
        assert count(saved.covered_workers, lang) in totals[TRANSFER_CUT].tolist()
        assert count(edited.covered_workers, lang) in totals[draft].tolist()
        diff = edited.covered_workers - saved.covered_workers
        shown = ("+" if diff > 0 else "") + count(diff, lang)
        assert shown in totals[t("cmp_diff", lang, name=draft)].tolist()
        inputs = _table_with(at, t("cmp_col_field", lang))
        assert inputs.to_numpy().tolist() == [[
            t("cmp_item_policy", lang), t("cmp_field_global_cut", lang),
            percent(_scenario(TRANSFER_CUT).policy.global_cut, lang), percent(0.2, lang)]]
