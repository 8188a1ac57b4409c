"""The APBD-P page in a real browser: who loses cover from October, at 1400 and 1024 pixels.

Starts the app the README's way and drives it in Debian's headless Chromium with Playwright (see
``tests/test_browser.py``): the APBD-P example (October, the 2025 plan enrolled, a 15% cut) opened
in the sidebar (its plan page shows the re-plan's columns), then the APBD-P page. In Indonesian
and in English, at 1400 and at 1024 pixels, the page must show the sentence naming who loses
cover from October, the dropped workers' figure and the group table as the engine computes them,
with nothing cut short and nothing wider than the window; the list downloaded as CSV holds the
engine's numbers by group name. Screenshots go to ``test-artifacts/screenshots/`` (``replan-<lang>
-<width>.png``, the inputs opened, and the example's plan page).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from planner import RunOptions, load_scenario, run
from planner.engine.results import Result
from planner.i18n import t
from planner.money import count, rupiah_short
from planner.ui import replan_texts, texts  # noqa: F401 - registers the words the page shows
from planner.ui.replan_texts import month_name, replan_group_labels
from tests import test_browser
from tests.test_browser import (
    ARTIFACTS,
    Page,
    app_server,
    assert_metrics_whole,
    assert_no_exception,
    expect,
    failure_picture,
    metric,
    open_app,
    pick_scenario,
    screenshot,
    settle,
    sidebar,
    viewport_width,
)

ROOT = Path(__file__).resolve().parent.parent
LOG = ARTIFACTS / "streamlit-replan.log"
EXAMPLE = "kutim-2025-apbd-p.yaml"
WIDTHS = (1400, 1024)
LANGUAGES = {"id": "Bahasa Indonesia", "en": "English"}

# the same Chromium and tabs as tests/test_browser.py, on this module's server
browser = test_browser.browser
page = test_browser.page


server = app_server(LOG)  # the app on a free port, its library a new SQLite file


def _expected() -> Result:
    result = run(load_scenario(ROOT / "scenarios" / EXAMPLE), RunOptions(changes=True))
    assert result.ok
    assert int(result.by_group["dropped"].sum()) == 43_841  # as the file's header works it out
    return result


def _check(page: Page, result: Result, lang: str, width: int) -> None:
    """Who loses cover, the figures and the tables, on screen and whole."""
    where = f"APBD-P page ({lang}, {width} px)"
    main = page.locator('[data-testid="stMain"]')
    october = month_name(10, lang)
    dropped = int(result.by_group["dropped"].sum())
    # the sentence: from October, this many enrolled workers lose cover, group by group
    sentence = main.locator('[data-testid="stAlert"]').filter(
        has_text=t("ui_replan_dropped", lang, month=october, year=2025,
                   n=count(dropped, lang), groups="", last="").split(":")[0])
    expect(sentence).to_be_visible()
    loser = result.by_group.sort_values("dropped", ascending=False).iloc[0]
    expect(sentence).to_contain_text(f"{loser['name']} {count(loser['dropped'], lang)}")
    labels = replan_group_labels(10, lang)
    expect(metric(page, labels["dropped"])).to_have_text(count(dropped, lang))
    expect(metric(page, labels["kept"])).to_have_text(count(result.by_group["kept"].sum(), lang))
    expect(metric(page, t("ui_replan_spent", lang, month=october))).to_have_text(
        rupiah_short(result.total_cost, lang))
    expect(page.get_by_role("heading", name=t("ui_replan_by_group", lang))).to_be_visible()
    tables = main.locator('[data-testid="stDataFrame"]').filter(visible=True)
    expect(tables.first).to_be_visible()
    assert tables.count() >= 2, f"{where}: {tables.count()} tables"
    # the grid draws on a canvas; its accessible copy holds the headers and the cells
    header = tables.first.locator('th[role="columnheader"]')
    headers = header.all_text_contents()
    assert labels["dropped"] in headers, f"{where}: {headers}"
    column = headers.index(labels["dropped"]) + 1
    cells = tables.first.locator(f'td[aria-colindex="{column}"]').all_text_contents()
    # the grid's accessible copy holds the column's numbers (the canvas draws them written out)
    numbers = [int(c.replace(".", "").replace(",", "")) for c in cells]
    assert numbers == [int(v) for v in result.by_group["dropped"]], f"{where}: {cells}"
    assert_no_exception(page, where)
    assert_metrics_whole(page, where)
    overflow = page.evaluate(
        """() => document.querySelector('[data-testid="stMain"]').scrollWidth
                 - document.querySelector('[data-testid="stMain"]').clientWidth""")
    assert overflow <= 1, f"{where}: the page is {overflow} px wider than the window"


def _download_csv(page: Page, label: str) -> list[dict[str, str]]:
    button = page.locator('[data-testid="stDownloadButton"]').filter(has_text=label)
    with page.expect_download() as info:
        button.locator("button, a").first.click()
    data = Path(info.value.path()).read_bytes()
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_the_apbd_p_page_shows_who_loses_cover(server: str, page: Page) -> None:
    with failure_picture(page, "replan"):
        result = _expected()
        open_app(page, server)
        pick_scenario(page, "Skenario", f"{EXAMPLE} (contoh)")
        settle(page)
        # the plan page shows the same re-plan in its tables: the dropped workers among them
        tables = page.locator('[data-testid="stMain"] [data-testid="stDataFrame"]').filter(
            visible=True)
        expect(tables.first.locator('th[role="columnheader"]').filter(
            has_text=replan_group_labels(10, "id")["dropped"])).to_have_count(1)
        assert_no_exception(page, "plan page of the APBD-P example")
        screenshot(page, "plan-apbd-p-id")
        sidebar(page).locator('[data-testid="stSidebarNavLink"]').filter(
            has_text=t("ui_page_replan", "id")).click()
        expect(page.get_by_role("heading", level=1, name=t("ui_replan_title", "id"))
               ).to_be_visible()
        settle(page)
        for lang in ("id", "en"):
            if lang == "en":
                sidebar(page).get_by_text(LANGUAGES["en"], exact=True).click()
                expect(page.get_by_role("heading", level=1, name=t("ui_replan_title", "en"))
                       ).to_be_visible()
                settle(page)
            for width in WIDTHS:
                with viewport_width(page, width):
                    settle(page)
                    _check(page, result, lang, width)
                    screenshot(page, f"replan-{lang}-{width}", width=width)
        # the figures it starts from, to type over: the groups' and the sources' tables
        page.get_by_text(t("ui_replan_inputs", "en")).click()
        inputs = page.locator('[data-testid="stExpander"]').filter(
            has_text=t("ui_replan_inputs", "en"))
        editors = inputs.locator('[data-testid="stDataFrame"]').filter(visible=True)
        expect(editors).to_have_count(2)
        expect(editors.first.locator('th[role="columnheader"]').filter(
            has_text=t("ui_col_enrolled", "en"))).to_have_count(1)
        with viewport_width(page, 1024):
            settle(page)
            assert_no_exception(page, "APBD-P page, the inputs open")
            screenshot(page, "replan-inputs-en-1024", width=1024)
        rows = _download_csv(page, t("ui_replan_download_csv", "en"))
        dropped = replan_group_labels(10, "en")["dropped"]
        assert [r[t("ui_col_group", "en")] for r in rows] == result.by_group["name"].tolist()
        assert [int(r[dropped]) for r in rows] == result.by_group["dropped"].tolist()
