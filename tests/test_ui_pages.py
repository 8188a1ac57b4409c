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
import subprocess
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest

from planner import RunOptions, Scenario, ScenarioError, load_scenario, run
from planner.analysis import Sweep, need, sweep
from planner.compare import DELTA
from planner.i18n import TEXT, t
from planner.money import count, percent, rupiah_short
from planner.results import Result
from planner.schema import validate_scenario

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
    at = _open("plan")
    base = _run(DEFAULT)
    covered = _metric(at, "Pekerja dibiayai")
    assert covered.value == count(base.covered_workers, "id")
    assert not covered.delta  # nothing changed yet

    sliders = [s for s in at.slider if (s.key or "").startswith(f"gcut_{DEFAULT}_")]
    assert len(sliders) == 1, [s.key for s in at.slider]
    assert sliders[0].value == round(_scenario(DEFAULT).policy.global_cut * 100)
    cut = _run(DEFAULT, 0.9)
    assert cut.ok
    assert cut.covered_workers != base.covered_workers  # the cut must show
    _ok(sliders[0].set_value(90).run())

    covered = _metric(at, "Pekerja dibiayai")
    assert covered.value == count(cut.covered_workers, "id")
    assert covered.delta == _signed(cut.covered_workers - base.covered_workers, count, "id")
    spent = _metric(at, "Belanja")
    assert spent.value == rupiah_short(cut.total_cost, "id")
    assert spent.delta == _signed(cut.total_cost - base.total_cost, rupiah_short, "id")

    _ok(at.sidebar.radio(key="ui_lang").set_value("en").run())
    covered = _metric(at, "Workers funded")  # same plan, English words and numbers
    assert covered.value == count(cut.covered_workers, "en")
    assert covered.delta == _signed(cut.covered_workers - base.covered_workers, count, "en")
    assert at.slider(key=sliders[0].key).value == 90


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


def test_plan_page_invalid_edit_lists_the_problems() -> None:
    at = _open("plan")
    key = _groups_editor_key(at)
    data = _scenario(DEFAULT).model_dump(mode="json")
    data["groups"][0]["months"] = 20
    with pytest.raises(ScenarioError) as problems:
        validate_scenario(data, DEFAULT)

    at.session_state[key] = _edits(0, months=20)
    _ok(at.run())
    assert [e.value for e in at.error] == [t("ui_invalid", "id")]
    shown = _markdown(at)
    for p in problems.value.problems:
        assert f"- `{p.path or '-'}`: {p.message('id')}" in shown
    # the plan shown is still the last valid one: the saved scenario
    assert _metric(at, "Pekerja dibiayai").value == count(_run(DEFAULT).covered_workers, "id")


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
    before = _breakpoints_text(DEFAULT, 0.0, 0.5, 51, "id")
    assert before in _markdown(at)

    after = _breakpoints_text(DEFAULT, 0.5, 1.0, 51, "id")
    assert after != before  # the new range must show another list
    _ok(at.slider(key="cut_range").set_value((50, 100)).run())
    assert after in _markdown(at)
    assert _metric(at, label).value == _max_cut_text(DEFAULT, 0.5, 1.0, 51, "id")


def test_cut_page_with_infeasible_points() -> None:
    """kutim-2026: mandates fail above ~29.5%, so the default range holds infeasible points."""
    at = _open("cut")
    _ok(at.sidebar.selectbox[0].set_value(TRANSFER_CUT).run())
    curve = _sweep(TRANSFER_CUT, 0.0, 0.5, 51)
    assert any(p.status != "optimal" for p in curve.points)
    label = "Pemotongan terbesar yang memenuhi semua mandat"
    assert _metric(at, label).value == percent(curve.max_feasible_cut, "id", 2)
    assert _breakpoints_text(TRANSFER_CUT, 0.0, 0.5, 51, "id") in _markdown(at)
    points = at.dataframe[-1].value  # the curve's points, in the expander
    covered = points[points.columns[1]].tolist()
    assert len(covered) == len(curve.points)
    for shown, point in zip(covered, curve.points, strict=True):
        if point.status == "optimal":
            assert shown == count(point.covered_workers, "id")
        else:
            assert shown == t("ui_status_" + point.status, "id")


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

    expected = _need_text(170_000, "apbd", "id")
    at.number_input(key="need_target").set_value(170_000)
    at.selectbox(key="need_source").set_value("apbd")
    _ok(at.run())
    assert expected in _markdown(at)
    table = at.dataframe[0].value
    assert len(table) == 1  # one source asked about


def test_need_page_reachable_target() -> None:
    """kutim-2026 covers fewer than 150,000: the page names the extra APBD money that does."""
    at = _open("need")
    _ok(at.sidebar.selectbox[0].set_value(TRANSFER_CUT).run())
    [answer] = need(_scenario(TRANSFER_CUT), 150_000, "apbd")
    assert answer.reachable
    assert answer.extra > 0
    at.number_input(key="need_target").set_value(150_000)
    at.selectbox(key="need_source").set_value("apbd")
    _ok(at.run())
    assert _need_text(150_000, "apbd", "id", TRANSFER_CUT) in _markdown(at)
    row = at.dataframe[0].value.iloc[0].tolist()
    assert rupiah_short(answer.extra, "id") in row
    assert rupiah_short(answer.extra_budget, "id") in row


# --- compare page --------------------------------------------------------------------------------


def test_compare_page_totals_and_too_few() -> None:
    at = _open("compare")
    picked = at.multiselect(key="compare_pick").value
    assert len(picked) == 2
    assert DEFAULT in picked  # the scenario open in the sidebar is compared by default
    baseline = at.selectbox(key="compare_baseline").value
    assert baseline in picked
    totals = at.dataframe[0].value  # the first table: totals, as text in the page's language
    for name in picked:
        assert name in totals.columns, list(totals.columns)
        covered = _run(name).covered_workers
        assert count(covered, "id") in totals[name].tolist(), (name, totals[name].tolist())
        if name != baseline:
            diff = covered - _run(baseline).covered_workers
            shown = ("+" if diff > 0 else "") + count(diff, "id")
            assert shown in totals[name + DELTA].tolist(), (shown, totals[name + DELTA].tolist())

    _ok(at.multiselect(key="compare_pick").set_value([DEFAULT]).run())
    assert [i.value for i in at.info] == [t("ui_compare_pick_more", "id")]
    assert not at.dataframe
