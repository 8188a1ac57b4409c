"""An infeasible scenario in a real browser: the relaxed plan, plainly marked, never a blank page.

Starts the app the README's way and drives it in Debian's headless Chromium with Playwright (see
``tests/test_browser.py``): the 2026 transfer-cut example with its global cut raised to 49%,
beyond the largest cut that keeps the village mandate. At 1400 and at 1024 pixels, in Indonesian
and in English, the page must show the warning that names the mandate missed and the relaxed
plan's figures and tables, as the engine computes them. Screenshots go to
``test-artifacts/screenshots/plan-infeasible-<lang>-<width>.png``.
"""

from __future__ import annotations

from pathlib import Path

from planner import RunOptions, load_scenario, run
from planner.engine.results import Result
from planner.i18n import t
from planner.money import count, rupiah_short
from planner.ui import texts  # noqa: F401 - registers the words the page shows
from tests import test_browser
from tests.test_browser import (
    ARTIFACTS,
    EXAMPLE_2026,
    SWEEP_MS,
    Page,
    app_server,
    assert_metrics_whole,
    assert_no_exception,
    expect,
    failure_picture,
    go_to,
    metric,
    move_cut,
    open_app,
    pick_scenario,
    screenshot,
    settle,
    sidebar,
    viewport_width,
)

ROOT = Path(__file__).resolve().parent.parent
LOG = ARTIFACTS / "streamlit-policy.log"
CUT = 49  # percent: the village officials' mandate holds only up to 29.5%
WIDTHS = (1400, 1024)
LANGUAGES = {"id": "Bahasa Indonesia", "en": "English"}

# the same Chromium and tabs as tests/test_browser.py, on this module's server
browser = test_browser.browser
page = test_browser.page


server = app_server(LOG)  # the app on a free port, its library a new SQLite file


def _expected() -> Result:
    scenario = load_scenario(ROOT / "scenarios" / EXAMPLE_2026).with_global_cut(CUT / 100)
    result = run(scenario, RunOptions(explain=False))
    assert result.status == "infeasible", result.status
    assert result.relaxed is not None
    assert result.shortfalls
    return result


def _check(page: Page, result: Result, lang: str, width: int) -> None:
    """The error, the warning naming each shortfall, and the relaxed plan, all on screen."""
    relaxed = result.relaxed
    assert relaxed is not None
    where = f"infeasible plan ({lang}, {width} px)"
    main = page.locator('[data-testid="stMain"]')
    expect(main.locator('[data-testid="stAlert"]').filter(
        has_text=t("ui_infeasible", lang)).first).to_be_visible()
    short = count(sum(s["workers"] for s in result.shortfalls), lang)
    warning = main.locator('[data-testid="stAlert"]').filter(
        has_text=t("ui_relaxed_title", lang, workers=short,
                   bound=count(result.shortfall_bound, lang)).replace("**", ""))
    expect(warning).to_be_visible()
    for s in result.shortfalls:
        expect(warning).to_contain_text(count(s["workers"], lang))
        expect(warning).to_contain_text(rupiah_short(s["cost"], lang))
    expect(metric(page, t("ui_covered", lang))).to_have_text(
        count(relaxed.covered_workers, lang))
    expect(metric(page, t("ui_spent", lang))).to_have_text(rupiah_short(relaxed.total_cost, lang))
    expect(page.get_by_role("heading", name=t("ui_by_group", lang))).to_be_visible()
    tables = main.locator('[data-testid="stDataFrame"]').filter(visible=True)
    expect(tables.first).to_be_visible()
    assert tables.count() >= 2, f"{where}: {tables.count()} tables"
    expect(main.locator('[data-testid="stVegaLiteChart"]').first).to_be_visible()
    assert_no_exception(page, where)
    assert_metrics_whole(page, where)
    # nothing wider than the window: the page never scrolls sideways
    overflow = page.evaluate(
        """() => document.querySelector('[data-testid="stMain"]').scrollWidth
                 - document.querySelector('[data-testid="stMain"]').clientWidth""")
    assert overflow <= 1, f"{where}: the page is {overflow} px wider than the window"


def test_infeasible_example_shows_its_relaxed_plan(server: str, page: Page) -> None:
    with failure_picture(page, "plan-infeasible"):
        result = _expected()
        open_app(page, server)
        pick_scenario(page, "Skenario", f"{EXAMPLE_2026} (contoh)")
        settle(page)
        start = round(load_scenario(ROOT / "scenarios" / EXAMPLE_2026).policy.global_cut * 100)
        move_cut(page, "Pemotongan global", CUT - start)
        settle(page)
        for lang in ("id", "en"):
            if lang == "en":
                sidebar(page).get_by_text(LANGUAGES["en"], exact=True).click()
                expect(page.get_by_role("heading", level=1, name=t("ui_plan_title", "en"))
                       ).to_be_visible()
                settle(page)
            for width in WIDTHS:
                with viewport_width(page, width):
                    settle(page)
                    _check(page, result, lang, width)
                    screenshot(page, f"plan-infeasible-{lang}-{width}", width=width)
        # the cut curve of the same scenario: beyond 29.5% its relaxed points, dashed
        go_to(page, "cut", t("ui_cut_title", "en"), timeout=SWEEP_MS)
        expect(page.locator('[data-testid="stVegaLiteChart"]').first).to_be_visible(
            timeout=SWEEP_MS)
        assert_no_exception(page, "cut page of the infeasible scenario")
        screenshot(page, "cut-infeasible")
