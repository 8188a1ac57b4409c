"""Ready for the hearing, in a real browser: drafts that survive a reload, uploads by content,
the PDF hand-out, the print view and the pages at 1024 px in both languages.

Starts the app the README's way with a new SQLite library (``tests/test_browser.py``), drives it
in Debian's headless Chromium and checks every figure against the engine. Screenshots go to
``test-artifacts/screenshots/hearing-*.png``; look at them: nothing may be cut at 1024 px.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from planner import RunOptions, load_scenario, run
from planner.engine.scenarios import dump_scenario
from planner.engine.schema import validate_scenario
from planner.engine.yamlio import dump_yaml
from planner.money import count
from tests import test_browser
from tests.test_browser import (
    ARTIFACTS,
    DEFAULT_EXAMPLE,
    EXAMPLE_2026,
    PAGES,
    VIEWPORT,
    Browser,
    Page,
    assert_no_exception,
    covered,
    cut_slider,
    expect,
    failure_picture,
    go_to,
    lower_cut,
    metric,
    open_app,
    pick_scenario,
    screenshot,
    serve,
    settle,
    sidebar,
)

ROOT = Path(__file__).resolve().parent.parent
LOG = ARTIFACTS / "streamlit-hearing.log"
NARROW = 1024
PRESSES = 5

browser = test_browser.browser
page = test_browser.page


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app with its library (and so the drafts) in a new SQLite file."""
    library = tmp_path_factory.mktemp("library") / "library.db"
    with serve(LOG, {"PLANNER_DB_URL": f"sqlite:///{library}", "PLANNER_AUTHOR": ""}) as url:
        yield url


def _picker(page: Page) -> str:
    box = sidebar(page).get_by_role("combobox", name="Skenario")
    expect(box).to_have_count(1)
    return box.input_value()


def test_an_edit_survives_a_reload_and_another_tab(server: str, page: Page,
                                                   browser: Browser) -> None:
    with failure_picture(page, "hearing-reload"):
        open_app(page, server)
        test_browser.pick_scenario(page, "Skenario", f"{EXAMPLE_2026} (contoh)")
        start = round(load_scenario(ROOT / "scenarios" / EXAMPLE_2026).policy.global_cut * 100)
        expect(cut_slider(page, "Pemotongan global")).to_have_value(str(start))
        settle(page)
        lower_cut(page, "Pemotongan global", PRESSES)
        after = covered(EXAMPLE_2026, (start - PRESSES) / 100)
        assert after != covered(EXAMPLE_2026), "pick a cut where the count changes"
        funded = metric(page, "Pekerja dibiayai")
        expect(funded).to_have_text(count(after, "id"))
        settle(page)
        page.wait_for_timeout(1000)  # the draft is written at the end of the run

        # F5: a new session; the edit, the scenario and the cut are back
        page.reload()
        expect(funded).to_have_text(count(after, "id"), timeout=60_000)
        settle(page)
        assert _picker(page) == f"{EXAMPLE_2026} (contoh)"
        expect(cut_slider(page, "Pemotongan global")).to_have_value(str(start - PRESSES))
        assert_no_exception(page, "after the reload")

        # a second tab (another browser context: no shared storage) sees the same draft
        context = browser.new_context(viewport=VIEWPORT)
        try:
            other = context.new_page()
            other.set_default_timeout(60_000)
            expect(open_app(other, server)).to_have_text(count(after, "id"))
            assert _picker(other) == f"{EXAMPLE_2026} (contoh)"
        finally:
            context.close()

        # undoing the edit forgets the draft: a reload opens on the first example as shipped
        page.get_by_role("button", name="Kembalikan ke semula").click()
        expect(funded).to_have_text(count(covered(EXAMPLE_2026), "id"))
        settle(page)
        page.wait_for_timeout(1000)
        page.reload()
        expect(metric(page, "Pekerja dibiayai")).to_have_text(
            count(covered(DEFAULT_EXAMPLE), "id"), timeout=60_000)
        settle(page)
        assert _picker(page) == f"{DEFAULT_EXAMPLE} (contoh)"


def test_an_upload_with_an_examples_name_is_taken(server: str, page: Page,
                                                  tmp_path: Path) -> None:
    with failure_picture(page, "hearing-upload"):
        open_app(page, server)
        base = load_scenario(ROOT / "scenarios" / "kutim-2025.yaml")
        data = base.model_dump(mode="json")
        for source in data["sources"]:
            source["budget"] = int(source["budget"]) // 2
        edited = validate_scenario(data, "kutim-2025.yaml")
        want = run(edited, RunOptions(explain=False)).covered_workers
        assert want != covered("kutim-2025.yaml"), "the upload must change the figures"
        upload = tmp_path / "kutim-2025.yaml"
        upload.write_text(dump_scenario(edited), encoding="utf-8")
        sidebar(page).locator('input[type="file"]').set_input_files(str(upload))
        expect(metric(page, "Pekerja dibiayai")).to_have_text(count(want, "id"))
        settle(page)
        expect(page.locator('[data-testid="stMain"]')).to_contain_text("kutim-2025 (2).yaml")
        assert _picker(page) == "kutim-2025 (2).yaml (unggahan)"
        assert_no_exception(page, "after the upload")

        # a file that cannot be used is said in the main area, with the plan kept
        bad = tmp_path / "rusak.yaml"
        broken = edited.model_dump(mode="json")
        broken["sources"][0]["cut"] = 1.4  # a cut is a share from 0 to 1
        bad.write_text(dump_yaml(broken), encoding="utf-8")
        sidebar(page).locator('input[type="file"]').set_input_files(str(bad))
        alert = page.locator('[data-testid="stMain"] [data-testid="stAlert"]').filter(
            has_text="rusak.yaml")
        expect(alert).to_contain_text("masih dari skenario sebelumnya")
        expect(alert).to_contain_text("sumber dana ke-1")  # counted from 1, not sources[0]
        expect(metric(page, "Pekerja dibiayai")).to_have_text(count(want, "id"))


def test_the_hand_out_downloads_from_the_plan_page(server: str, page: Page) -> None:
    with failure_picture(page, "hearing-pdf"):
        open_app(page, server)
        test_browser.pick_scenario(page, "Skenario", f"{EXAMPLE_2026} (contoh)")
        scenario = load_scenario(ROOT / "scenarios" / EXAMPLE_2026)
        expect(metric(page, "Pekerja dibiayai")).to_have_text(count(covered(EXAMPLE_2026), "id"))
        settle(page)
        shown = metric(page, "Pekerja dibiayai").inner_text()
        button = page.locator('[data-testid="stDownloadButton"]').filter(
            has_text="Unduh bahan rapat (PDF)")
        with page.expect_download(timeout=180_000) as info:
            button.locator("button, a").first.click()
        download = info.value
        assert download.suggested_filename.endswith(".pdf")
        pdf = Path(download.path()).read_bytes()
        words = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
        assert scenario.name in words
        assert shown in words


def test_print_hides_the_sidebar_and_the_controls(server: str, page: Page) -> None:
    with failure_picture(page, "hearing-print"):
        open_app(page, server)
        page.emulate_media(media="print")
        try:
            expect(sidebar(page)).to_be_hidden()
            expect(page.locator('[data-testid="stSlider"]').first).to_be_hidden()
            expect(page.locator('[data-testid="stDownloadButton"]').first).to_be_hidden()
            printed = page.locator("table.planner-print").first
            expect(printed).to_be_visible()
            screenshot(page, "hearing-print-id")
        finally:
            page.emulate_media(media="screen")
        expect(sidebar(page)).to_be_visible()
        expect(page.locator("table.planner-print").first).to_be_hidden()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_pages_at_1024_px(server: str, page: Page, lang: str) -> None:
    """Screenshots of the plan, compare, need and library pages, 1024 px wide."""
    with failure_picture(page, f"hearing-1024-{lang}"):
        open_app(page, server)
        page.set_viewport_size({"width": NARROW, "height": VIEWPORT["height"]})
        settle(page)
        if lang == "en":
            sidebar(page).get_by_text("English", exact=True).click()
            expect(page.get_by_role("heading", level=1, name=PAGES["en"][0][2])).to_be_visible()
            settle(page)
        titles = {stem: heading for stem, _, heading in PAGES[lang]}
        titles["library"] = "Pustaka skenario" if lang == "id" else "Scenario library"
        for stem in ("plan", "compare", "need", "library"):
            if stem == "library":
                sidebar(page).locator('[data-testid="stSidebarNavLink"]').nth(5).click()
                expect(page.get_by_role("heading", level=1, name=titles[stem])).to_be_visible()
                settle(page)
            else:
                go_to(page, stem, titles[stem])
            assert_no_exception(page, f"{stem} at {NARROW} px ({lang})")
            screenshot(page, f"hearing-{stem}-{NARROW}-{lang}", width=NARROW)


# Every text a canvas draws (Streamlit's tables are glide-data-grid canvases: what a cell shows is
# in no DOM node; its accessible table holds the raw numbers), recorded before the page's own
# scripts run.
_RECORD_CANVAS_TEXT = """
window.__drawn = new Set();
const fill = CanvasRenderingContext2D.prototype.fillText;
CanvasRenderingContext2D.prototype.fillText = function (text, ...rest) {
  window.__drawn.add(String(text));
  return fill.call(this, text, ...rest);
};
"""


def _drawn(page: Page) -> set[str]:
    return set(page.evaluate("() => [...window.__drawn]"))


def test_edit_tables_group_numbers_as_the_page_does_in_an_english_browser(
        server: str, browser: Browser) -> None:
    """An English Chromium (en-US) shows the Indonesian page's edit tables as 46.000, not 46,000.

    Streamlit's "localized" number format groups by the browser's languages; the editors write
    figures in the page's language instead (planner/ui/number_table.py ``edit_format``).
    """
    context = browser.new_context(viewport={"width": NARROW, "height": VIEWPORT["height"]},
                                  locale="en-US")
    context.add_init_script(_RECORD_CANVAS_TEXT)
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        with failure_picture(page, "hearing-editor-locale"):
            open_app(page, server)
            assert page.evaluate("() => navigator.language") == "en-US"
            test_browser.pick_scenario(page, "Skenario", f"{EXAMPLE_2026} (contoh)")
            settle(page)
            page.get_by_text("Kelompok pekerja / Sumber dana").click()
            editors = page.locator('[data-testid="stExpander"] [data-testid="stDataFrame"]')
            expect(editors.first).to_be_visible()
            settle(page)
            page.wait_for_timeout(1000)  # the canvas draws after the layout settles
            drawn = _drawn(page)
            assert "46.000" in drawn, sorted(x for x in drawn if x[:1].isdigit())[:40]
            assert "46,000" not in drawn
            assert "32.256.000.000" in drawn
            assert "32,256,000,000" not in drawn
            # the names, not the ids; what a source may pay for, by name
            assert "Petani dan pekebun" in drawn
            assert "petani" not in drawn
            screenshot(page, f"hearing-editors-{NARROW}-en-US-browser", width=NARROW)
    finally:
        context.close()


# the inner scroller of each result table: wider content than box means it scrolls sideways
_TABLE_SCROLL_JS = """(headings) => headings.map((name) => {
    const heading = [...document.querySelectorAll('h3')].find((h) => h.innerText.trim() === name);
    if (!heading) return [name, null, null];
    const block = heading.closest('[data-testid="stElementContainer"]');
    let next = block.nextElementSibling;
    while (next && !next.querySelector('[data-testid="stDataFrame"]')) {
        next = next.nextElementSibling;
    }
    const scroller = next && next.querySelector('[data-testid="stDataFrame"] .dvn-scroller');
    return [name, scroller ? scroller.scrollWidth : null, scroller ? scroller.clientWidth : null];
})"""


@pytest.mark.parametrize("lang", ["id", "en"])
def test_result_tables_fit_without_scrolling_sideways(server: str, page: Page, lang: str) -> None:
    """The plan page's group and source tables show their columns at 1024 and 1400 px.

    On the first example (no plan before to compare with) and on the 2026 example, whose cuts
    put the plan before and the change beside the figures: there the tables leave five columns
    to the "every column" switch, and fit.
    """
    headings = {"id": ["Cakupan per kelompok", "Belanja per sumber"],
                "en": ["Coverage by group", "Spend by source"]}[lang]
    with failure_picture(page, f"hearing-tables-{lang}"):
        open_app(page, server)
        if lang == "en":
            sidebar(page).get_by_text("English", exact=True).click()
            expect(page.get_by_role("heading", level=1, name=PAGES["en"][0][2])).to_be_visible()
            settle(page)
        for example in (DEFAULT_EXAMPLE, EXAMPLE_2026):
            if example != DEFAULT_EXAMPLE:
                page.set_viewport_size(VIEWPORT)
                origin = {"id": "contoh", "en": "example"}[lang]
                pick_scenario(page, {"id": "Skenario", "en": "Scenario"}[lang],
                              f"{example} ({origin})")
                settle(page)
                expect(page.get_by_role("switch", name={
                    "id": "Tampilkan semua kolom", "en": "Show every column"}[lang])
                       ).not_to_be_checked()
            for width in (NARROW, VIEWPORT["width"]):
                page.set_viewport_size({"width": width, "height": VIEWPORT["height"]})
                settle(page)
                page.wait_for_timeout(800)
                measured = page.evaluate(_TABLE_SCROLL_JS, headings)
                for name, scroll, client in measured:
                    assert scroll is not None, (name, measured)
                    assert scroll <= client + 1, (
                        f"{name} of {example} scrolls sideways at {width} px: {measured}")
                main = page.evaluate("""() => {
                    const m = document.querySelector('[data-testid="stMain"]');
                    return [m.scrollWidth, m.clientWidth]; }""")
                assert main[0] <= main[1], (example, width, main)
                stem = "" if example == DEFAULT_EXAMPLE else "-2026"
                screenshot(page, f"hearing-tables{stem}-{width}-{lang}", width=width)
