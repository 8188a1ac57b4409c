"""The Library page in a real browser: save, change, save again, compare, export, reopen.

Starts the app the README's way (``streamlit run app.py``) with ``PLANNER_DB_URL`` pointing at a
new SQLite file, drives it in Debian's headless Chromium with Playwright (see
``tests/test_browser.py``), and checks what the page did against the library itself and what the
downloaded workbooks hold against the engine. Screenshots go to ``test-artifacts/screenshots/``.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from planner import RunOptions, load_scenario, run
from planner.money import count
from planner.store.library import Library
from planner.store.template import read_template
from tests import test_browser
from tests.test_browser import (
    ARTIFACTS,
    DEFAULT_EXAMPLE,
    EXAMPLE_2026,
    Page,
    assert_no_exception,
    expect,
    failure_picture,
    metric,
    move_cut,
    open_app,
    pick_scenario,
    screenshot,
    serve,
    settle,
    sidebar,
)

ROOT = Path(__file__).resolve().parent.parent
NAME = "Kutai Timur 2026 - pemotongan transfer ke daerah"
LOG = ARTIFACTS / "streamlit-library.log"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# the 2026 example's cut from 25% to 20%: the count moves (in the 2025 example the protected
# APBD alone pays for everyone, so no cut moves it)
STEP = -5

# the same Chromium and tabs as tests/test_browser.py, on this module's server
browser = test_browser.browser
page = test_browser.page


@pytest.fixture(scope="module")
def library_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp('library') / 'library.db'}"


@pytest.fixture(scope="module")
def server(library_url: str) -> Iterator[str]:
    """The app on a free port with its library in a new SQLite file (no PLANNER_AUTHOR)."""
    with serve(LOG, {"PLANNER_DB_URL": library_url, "PLANNER_AUTHOR": ""}) as url:
        yield url


def _go(page: Page, link: str, heading: str) -> None:
    sidebar(page).locator('[data-testid="stSidebarNavLink"]').filter(has_text=link).click()
    expect(page.get_by_role("heading", level=1, name=heading)).to_be_visible()
    settle(page)


def _save(page: Page, note: str, version: int) -> None:
    page.get_by_role("tab", name="Simpan", exact=True).click()
    page.get_by_label("Catatan (mengapa disimpan)").fill(note)
    page.get_by_role("button", name="Simpan versi baru").click()
    expect(page.get_by_text(f"Disimpan: {NAME}, versi {version}.")).to_be_visible()
    settle(page)
    assert_no_exception(page, f"library page, save {version}")


def _download(page: Page, label: str) -> bytes:
    button = page.locator('[data-testid="stDownloadButton"]').filter(has_text=label).first
    with page.expect_download() as info:
        button.locator("button, a").first.click()
    download = info.value
    assert download.suggested_filename.endswith(".xlsx"), download.suggested_filename
    return Path(download.path()).read_bytes()


def _summary(data: bytes) -> dict[str, object]:
    sheet = load_workbook(io.BytesIO(data))["Ringkasan"]
    return {str(r[0]): r[1] for r in sheet.iter_rows(min_row=2, values_only=True) if r[0]}


def test_save_change_save_again_compare_export_reopen(server: str, page: Page,
                                                      library_url: str) -> None:
    with failure_picture(page, "library"):
        _walk(server, page, library_url)


def _walk(server: str, page: Page, library_url: str) -> None:
    scenario = load_scenario(ROOT / "scenarios" / EXAMPLE_2026)
    before = run(scenario, RunOptions(explain=False)).covered_workers
    open_app(page, server)
    pick_scenario(page, "Skenario", f"{EXAMPLE_2026} (contoh)")
    settle(page)
    start = round(scenario.policy.global_cut * 100)

    # 1. save the example as it opens
    _go(page, "Pustaka", "Pustaka skenario")
    page.get_by_label("Nama Anda (tercatat pada setiap perubahan)").fill("Ani (TAPD)")
    page.keyboard.press("Enter")
    settle(page)
    _save(page, "pagu murni", 1)

    # 2. change it on the plan page (another global cut), and save again
    _go(page, "Rencana", "Rencana iuran pekerja rentan")
    move_cut(page, "Pemotongan global", STEP)
    after = run(scenario, RunOptions(global_cut=(start + STEP) / 100,
                                     explain=False)).covered_workers
    assert after != before
    expect(metric(page, "Pekerja dibiayai")).to_have_text(count(after, "id"))
    settle(page)
    _go(page, "Pustaka", "Pustaka skenario")
    _save(page, "setelah efisiensi", 2)
    lib = Library.open(library_url)
    versions = lib.versions(NAME)
    assert [(v.number, v.author, v.note) for v in versions] == [
        (1, "Ani (TAPD)", "pagu murni"), (2, "Ani (TAPD)", "setelah efisiensi")]
    assert [v.summary["covered_workers"] for v in versions if v.summary] == [before, after]

    # 3. compare the two versions on the browse tab; save the comparison
    page.get_by_role("tab", name="Telusuri dan versi").click()
    settle(page)
    expect(page.get_by_role("heading", name="Perbedaan antarversi")).to_be_visible()
    expect(page.get_by_role("heading", name="Ringkasan")).to_be_visible()
    page.get_by_role("button", name="Simpan perbandingan ini").click()
    expect(page.get_by_text(f"Perbandingan '{NAME} v1 vs v2' disimpan.")).to_be_visible()
    settle(page)
    assert_no_exception(page, "library browse tab")
    screenshot(page, "library-id")

    # 4. export the plan of version 2 and the comparison to Excel; open both back
    plan = _summary(_download(page, "Unduh rencana (Excel)"))
    assert (plan["Skenario"], plan["Versi"], plan["Pekerja dibiayai"]) == (NAME, 2, after)
    assert plan["Hash isi"] == versions[1].content_hash
    workbook = _download(page, "Unduh perbandingan (Excel)")
    assert load_workbook(io.BytesIO(workbook)).sheetnames
    exported = _download(page, "Unduh rencana (Excel)")
    assert read_template(exported, "export.xlsx").policy.global_cut == (start + STEP) / 100

    # 5. reopen: a new session sees both versions and the saved comparison
    page.reload()
    settle(page)
    _go(page, "Pustaka", "Pustaka skenario")
    page.get_by_role("tab", name="Perbandingan tersimpan").click()
    settle(page)
    expect(page.get_by_text("Pembanding: " + f"{NAME} @1")).to_be_visible()
    assert_no_exception(page, "saved comparison reopened")
    saved, = lib.comparisons()
    assert [(m.scenario, m.number) for m in saved.members] == [(NAME, 1), (NAME, 2)]
    lib.close()


def _excel_with(cells: dict[str, object]) -> bytes:
    book = load_workbook(ROOT / "scenarios" / "templates" / "kutim-2025.xlsx")
    for where, value in cells.items():
        sheet, cell = where.split("!")
        book[sheet][cell] = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_upload_an_excel_template_and_a_bad_one(server: str, page: Page) -> None:
    """A filled template opens as the plan; a bad cell is named by sheet and cell, in the page."""
    with failure_picture(page, "upload-excel"):
        open_app(page, server)
        uploader = sidebar(page).locator('[data-testid="stFileUploaderDropzoneInput"]')
        bad = _excel_with({"Sumber dana!D2": "30 miliar"})
        uploader.set_input_files(files=[{"name": "salah.xlsx", "mimeType": XLSX,
                                         "buffer": bad}])
        # said in the main area, which keeps the previous plan and says so
        main = page.locator('[data-testid="stMain"]')
        expect(main.get_by_text("salah.xlsx tidak dapat dipakai")).to_be_visible()
        expect(main.get_by_text("Sumber dana!D2 (budget)")).to_be_visible()
        assert_no_exception(page, "bad Excel upload")

        good = _excel_with({"Kelompok pekerja!C2": 50000})  # more farmers than the example
        scenario = read_template(good, "usulan.xlsx")
        expected = run(scenario, RunOptions(explain=False)).covered_workers
        assert expected != run(load_scenario(ROOT / "scenarios" / DEFAULT_EXAMPLE),
                               RunOptions(explain=False)).covered_workers
        page.reload()
        open_app(page, server)
        uploader = sidebar(page).locator('[data-testid="stFileUploaderDropzoneInput"]')
        uploader.set_input_files(files=[{"name": "usulan.xlsx", "mimeType": XLSX,
                                         "buffer": good}])
        expect(metric(page, "Pekerja dibiayai")).to_have_text(count(expected, "id"))
        settle(page)
        assert_no_exception(page, "Excel upload")


def test_compare_and_plan_pages_download_excel(server: str, page: Page) -> None:
    """The default comparison and the plan download as workbooks with the engine's figures."""
    with failure_picture(page, "excel-downloads"):
        open_app(page, server)
        plan = _summary(_download(page, "Unduh rencana (Excel)"))
        engine = run(load_scenario(ROOT / "scenarios" / DEFAULT_EXAMPLE), RunOptions())
        assert plan["Pekerja dibiayai"] == engine.covered_workers
        assert plan["Belanja"] == engine.total_cost
        _go(page, "Bandingkan", "Bandingkan skenario")
        book = load_workbook(io.BytesIO(_download(page, "Unduh Excel")))
        totals = {row[0]: row[1:] for row in book["Total"].iter_rows(min_row=2, values_only=True)
                  if row[0]}
        names = [str(c.value) for c in book["Total"][1][1:3]]
        assert names == [DEFAULT_EXAMPLE, "kutim-2026-transfer-cut.yaml"]
        covered = [run(load_scenario(ROOT / "scenarios" / n), RunOptions(explain=False))
                   .covered_workers for n in names]
        assert list(totals["Pekerja dibiayai"][:3]) == [*covered, covered[1] - covered[0]]
