"""End to end in a real browser: the README's start command, driven by Playwright in Chromium.

The test starts ``python -m streamlit run app.py`` on a free port, opens the app in Debian's
headless Chromium (``/usr/bin/chromium``; Playwright's own browser download is not used) and
walks through it as a budget officer would: read the plan, open the 2026 transfer-cut example,
move the global cut, switch to English, compare two scenarios and download the comparison CSV.
Every figure it checks is computed here with the engine (``planner.run``) and formatted with
``planner.money``, so the page must show what the engine says.

It also saves a full-page screenshot of every page, in Indonesian (``<page>-id.png``) and in
English (``<page>.png``), to ``test-artifacts/screenshots/`` for people to look at, and the
server's log to ``test-artifacts/streamlit.log``.

It never skips: without ``/usr/bin/chromium`` or the ``playwright`` package it fails and says
what to install (CI installs both: ``.ci/run`` and the ``test`` extra).
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from planner import RunOptions, load_scenario, run
from planner.money import count

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
SERVER_LOG = ARTIFACTS / "streamlit.log"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

# Generous waits: the machine is shared and the first solve imports the whole stack.
START_TIMEOUT_S = 120  # until the server answers its health check
FIRST_LOAD_MS = 60_000  # until the first page shows its figures
STEP_MS = 60_000  # any later step (a rerun with a solve)
SWEEP_MS = 180_000  # the cut page solves the whole cut curve twice
VIEWPORT = {"width": 1400, "height": 900}
NARROW = 1100  # a smaller office screen: the headline figures must still show in full
MAX_SHOT_HEIGHT = 16_000  # pixels; Chromium refuses larger captures
LIBRARIES: dict[str, str] = {}  # a served app's URL -> its library's database URL

EXAMPLE_2026 = "kutim-2026-transfer-cut.yaml"
DEFAULT_EXAMPLE = "kutim-2025.yaml"
CUT_PRESSES = 5  # slider presses: 25% -> 20% in the 2026 example, where the count moves
# the comparison's CSV in English (planner/ui/csv_export.py): comma-separated, words not ids
CSV_COLUMNS = ["Section", "Name", "Measure", "Unit", "Scenario", "Value",
               "Difference from the baseline"]

# (file stem, title of the page in the navigation, its heading) per language.
PAGES = {
    "id": [
        ("plan", "Rencana", "Rencana iuran pekerja rentan"),
        ("cut", "Uji pemotongan", "Uji pemotongan anggaran"),
        ("need", "Kebutuhan dana", "Berapa dana untuk mencapai target?"),
        ("compare", "Bandingkan", "Bandingkan skenario"),
    ],
    "en": [
        ("plan", "Plan", "Premium plan for vulnerable workers"),
        ("cut", "Test a cut", "Test a budget cut"),
        ("need", "Money needed", "How much money reaches a target?"),
        ("compare", "Compare", "Compare scenarios"),
    ],
}

try:  # imported here so that a missing package fails the test with a message, not a skip
    from playwright.sync_api import Browser, Locator, Page, expect, sync_playwright
except ImportError as exc:  # pragma: no cover - exercised only on a broken setup
    _PLAYWRIGHT_ERROR: ImportError | None = exc
else:
    _PLAYWRIGHT_ERROR = None


# --- engine: what the page must show --------------------------------------------------------


def covered(example: str, cut: float | None = None) -> int:
    """Workers the engine covers in an example scenario, optionally with a global cut."""
    result = run(load_scenario(ROOT / "scenarios" / example),
                 RunOptions(global_cut=cut, explain=False))
    assert result.ok, f"{example} at cut {cut}: the engine says {result.status}"
    return int(result.covered_workers)


# --- the server -----------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _log_tail(path: Path = SERVER_LOG, lines: int = 40) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "(no server log)"
    return "\n".join(text.splitlines()[-lines:])


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop the server and everything it started (its own process group)."""
    if process.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, 20), (signal.SIGKILL, 10)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=wait)
        if process.poll() is not None:
            return


@contextlib.contextmanager
def serve(log_path: Path, env: dict[str, str] | None = None,
          args: tuple[str, ...] = ()) -> Iterator[str]:
    """Run the app as the README starts it, on a free port; yields its base URL.

    ``env`` is added to this process's environment (e.g. ``PLANNER_DB_URL``), ``args`` to
    Streamlit's command line; the server's output goes to ``log_path``. Fails, never skips,
    without playwright or Chromium.
    """
    if _PLAYWRIGHT_ERROR is not None:
        pytest.fail(
            "the browser test needs the Python package 'playwright' "
            f"(pip install -e '.[test]'): {_PLAYWRIGHT_ERROR}", pytrace=False)
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(
            f"the browser test needs Debian's Chromium at {CHROMIUM} "
            "(apt-get install chromium; .ci/run does this in CI)", pytrace=False)
    ARTIFACTS.mkdir(exist_ok=True)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    LIBRARIES[url] = (env or {}).get("PLANNER_DB_URL", "")
    # no file watcher: a file saved in the working tree during the test must not reload the
    # app's modules under a running session (its state would belong to the old classes)
    command = [sys.executable, "-m", "streamlit", "run", "app.py",
               "--server.port", str(port), "--server.headless", "true",
               "--server.fileWatcherType", "none", *args]
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True,
                                   env={**os.environ, **(env or {})})
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            if process.poll() is not None:
                pytest.fail(f"streamlit exited with {process.returncode} before answering:\n"
                            f"{_log_tail(log_path)}", pytrace=False)
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=5) as answer:
                    if answer.status == 200:
                        break
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"streamlit did not answer on {url} within {START_TIMEOUT_S} s:\n"
                            f"{_log_tail(log_path)}", pytrace=False)
            time.sleep(0.5)
        yield url
    finally:
        _stop(process)


def app_server(log_path: Path) -> Callable[..., Iterator[str]]:
    """A module's ``server`` fixture: the app on a free port, its library a new SQLite file."""

    @pytest.fixture(scope="module")
    def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
        library = tmp_path_factory.mktemp("library") / "library.db"
        with serve(log_path, {"PLANNER_DB_URL": f"sqlite:///{library}"}) as url:
            yield url

    return server


server = app_server(SERVER_LOG)


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[Browser]:
    """Debian's headless Chromium, driven by Playwright."""
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def forget_drafts(server: str) -> None:
    """Drop every draft the app keeps in the server's library, so a test starts as shipped.

    The app brings an author's drafts back in every new tab (planner/ui/draft_store.py); one
    test's edits must not open in the next test's tab.
    """
    url = LIBRARIES.get(server, "")
    if not url.startswith("sqlite:///") or not Path(url.removeprefix("sqlite:///")).exists():
        return
    from sqlalchemy import create_engine, inspect, text

    engine = create_engine(url)
    try:
        if inspect(engine).has_table("drafts"):
            with engine.begin() as conn:
                conn.execute(text("DELETE FROM drafts"))
    finally:
        engine.dispose()


@pytest.fixture
def page(browser: Browser, server: str) -> Iterator[Page]:
    """A fresh tab (and so a fresh Streamlit session, with no drafts kept) for one test."""
    forget_drafts(server)
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    try:
        tab = context.new_page()
        tab.set_default_timeout(STEP_MS)
        expect.set_options(timeout=STEP_MS)
        yield tab
    finally:
        context.close()


# --- page helpers ---------------------------------------------------------------------------


def settle(page: Page, timeout: int = STEP_MS) -> None:
    """Wait until the app's script has finished its run (Streamlit marks it on the root).

    Checked twice around a short pause, since a rerun a click asked for may not have begun yet.
    """
    done = page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]')
    done.wait_for(timeout=timeout)
    page.wait_for_timeout(300)
    done.wait_for(timeout=timeout)


def metric_box(page: Page, label: str) -> Locator:
    """The metric whose label contains ``label``."""
    return page.locator('[data-testid="stMetric"]').filter(
        has=page.locator('[data-testid="stMetricLabel"]', has_text=label))


def metric(page: Page, label: str) -> Locator:
    """The value of the metric whose label contains ``label``."""
    return metric_box(page, label).locator('[data-testid="stMetricValue"]')


def sidebar(page: Page) -> Locator:
    return page.locator('[data-testid="stSidebar"]')


def cut_slider(page: Page, label: str) -> Locator:
    """The thumb of the plan page's global cut slider (an ``input type=range``)."""
    return page.locator('[data-testid="stSlider"]').filter(has_text=label).get_by_role("slider")


def pick_scenario(page: Page, label: str, name: str) -> None:
    """Choose a scenario in the sidebar's picker (shown as ``name (contoh)``)."""
    sidebar(page).get_by_role("combobox", name=label).click()
    page.get_by_role("option", name=name).click()
    picker = sidebar(page).get_by_role("combobox", name=label)
    expect(picker).to_have_count(1)  # a rerun briefly shows the old picker beside the new one
    expect(picker).to_have_value(name)


def visible_table(page: Page) -> Locator:
    """The first table on screen (the plan page keeps its editors in a closed expander)."""
    return page.locator('[data-testid="stDataFrame"]').filter(visible=True).first


def nav_link(page: Page, stem: str) -> Locator:
    """The sidebar link to a page, by its place in the navigation (its title is translated)."""
    place = [name for name, _, _ in PAGES["id"]].index(stem)
    return sidebar(page).locator('[data-testid="stSidebarNavLink"]').nth(place)


def go_to(page: Page, stem: str, heading: str, timeout: int = STEP_MS) -> None:
    """Open a page through the sidebar navigation and wait for it to finish drawing."""
    title = page.get_by_role("heading", level=1, name=heading)
    if not title.is_visible():
        nav_link(page, stem).click()
    expect(title).to_be_visible(timeout=timeout)
    settle(page, timeout)


def assert_no_exception(page: Page, where: str) -> None:
    boxes = page.locator('[data-testid="stException"]')
    if boxes.count():
        texts = "\n---\n".join(boxes.all_inner_texts())
        pytest.fail(f"{where}: Streamlit shows {boxes.count()} exception box(es):\n{texts}\n"
                    f"server log:\n{_log_tail()}", pytrace=False)


def screenshot(page: Page, name: str, width: int = VIEWPORT["width"]) -> Path:
    """A full-page picture of the app, ``width`` pixels wide.

    Streamlit scrolls inside its main block, not the document, so Playwright's ``full_page``
    alone shows one screen: the viewport is stretched to the content for the picture.
    """
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    height = page.evaluate(
        """() => Math.max(
            ...[...document.querySelectorAll('[data-testid="stMain"], [data-testid="stSidebar"]')]
                .map((e) => e.scrollHeight), document.documentElement.scrollHeight)""")
    page.set_viewport_size({"width": width,
                            "height": max(VIEWPORT["height"], min(int(height) + 40,
                                                                  MAX_SHOT_HEIGHT))})
    path = SCREENSHOTS / f"{name}.png"
    try:
        settle(page)
        page.wait_for_timeout(800)  # let charts and tables redraw at the new size
        page.screenshot(path=str(path), full_page=True)
    finally:
        page.set_viewport_size(VIEWPORT)
    assert path.stat().st_size > 0
    return path


@contextlib.contextmanager
def viewport_width(page: Page, width: int) -> Iterator[None]:
    """Look at the page in a window ``width`` pixels wide, then restore the usual one."""
    page.set_viewport_size({"width": width, "height": VIEWPORT["height"]})
    try:
        page.wait_for_timeout(500)  # let the layout settle at the new width
        yield
    finally:
        page.set_viewport_size(VIEWPORT)


# Every text of a metric that Streamlit would end with an ellipsis, with its natural width (the
# same text and font, unwrapped, off screen) and the width of its box. scrollWidth cannot tell:
# "Rp31.19 billion" is 223.4 px in a 223 px box, cut to "Rp31.19 billi..." by 0.4 px.
_CUT_SHORT_JS = """() => [...document.querySelectorAll('[data-testid="stMetric"] *')]
    .filter((e) => getComputedStyle(e).textOverflow === "ellipsis" && e.textContent.trim())
    .map((e) => {
        const style = getComputedStyle(e);
        const probe = document.createElement("span");
        probe.style.font = style.font;
        probe.style.letterSpacing = style.letterSpacing;
        probe.style.whiteSpace = "nowrap";
        probe.style.position = "absolute";
        probe.style.visibility = "hidden";
        probe.textContent = e.textContent.trim();
        document.body.appendChild(probe);
        const natural = probe.getBoundingClientRect().width;
        probe.remove();
        return [e.textContent.trim(), natural, e.getBoundingClientRect().width];
    })
    .filter(([, natural, box]) => natural > box + 0.05)"""


def assert_metrics_whole(page: Page, where: str) -> None:
    """Fail when a headline figure (or its label or change) is cut short with an ellipsis."""
    boxes = page.locator('[data-testid="stMetric"]')
    expect(boxes.first).to_be_visible()
    assert boxes.count() >= 4, f"{where}: {boxes.count()} metrics"
    cut_short = page.evaluate(_CUT_SHORT_JS)
    assert not cut_short, f"{where}: cut short (text, its width, the box's width): {cut_short}"


def tour(page: Page, lang: str) -> None:
    """Visit every page, check none shows an exception, and photograph it."""
    for stem, _, heading in PAGES[lang]:
        go_to(page, stem, heading, timeout=SWEEP_MS if stem == "cut" else STEP_MS)
        if stem == "cut":  # the curve is drawn once the sweep is done
            expect(page.locator('[data-testid="stVegaLiteChart"]').first).to_be_visible(
                timeout=SWEEP_MS)
        else:
            expect(visible_table(page)).to_be_visible()
        assert_no_exception(page, f"{stem} page ({lang})")
        screenshot(page, stem if lang == "en" else f"{stem}-{lang}")


def picked_names(picker: Locator) -> list[str]:
    """The values a multiselect shows as chosen (each has a "Remove <value>" button)."""
    labels = picker.get_by_role("button", name=re.compile(r"^Remove ")).all()
    return [str(b.get_attribute("aria-label")).removeprefix("Remove ") for b in labels]


def main_combobox_value(page: Page, label: str) -> str:
    """The value a selectbox of the main area shows."""
    box = page.locator('[data-testid="stMain"]').get_by_role("combobox", name=label)
    expect(box).to_be_visible()
    return box.input_value()


@contextlib.contextmanager
def failure_picture(page: Page, name: str) -> Iterator[None]:
    """On a failure, keep a picture of the screen next to the other screenshots."""
    try:
        yield
    except BaseException:
        with contextlib.suppress(Exception):
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / f"failure-{name}.png"))
        raise


def open_app(page: Page, server: str) -> Locator:
    """Open the app; returns the "Pekerja dibiayai" figure once the first plan is shown."""
    page.goto(server + "/", timeout=FIRST_LOAD_MS)
    expect(page.locator('[data-testid="stMetric"]').first).to_be_visible(timeout=FIRST_LOAD_MS)
    settle(page, FIRST_LOAD_MS)
    assert_no_exception(page, "first load")
    return metric(page, "Pekerja dibiayai")


def lower_cut(page: Page, label: str, presses: int) -> None:
    """Move the global cut slider left with the keyboard, one percentage point a press."""
    move_cut(page, label, -presses)


def move_cut(page: Page, label: str, points: int) -> None:
    """Move the global cut slider by ``points`` percentage points with the keyboard."""
    thumb = cut_slider(page, label)
    before = int(thumb.input_value())
    thumb.focus()
    for _ in range(abs(points)):
        page.keyboard.press("ArrowRight" if points > 0 else "ArrowLeft")
    expect(thumb).to_have_value(str(before + points))


# --- the walk-through -----------------------------------------------------------------------


def test_officer_walkthrough(server: str, page: Page) -> None:
    """Plan, a new example, a cut, English, a comparison with its CSV, and every page."""
    with failure_picture(page, "walkthrough"):
        _walkthrough(server, page)


def _walkthrough(server: str, page: Page) -> None:
    # 1. The app opens on the plan page with the Kutai Timur 2025 example, in Indonesian.
    funded = open_app(page, server)
    expect(funded).to_have_text(count(covered(DEFAULT_EXAMPLE), "id"))

    # 2. Pick the 2026 transfer-cut example in the sidebar: the figure is the engine's.
    saved = covered(EXAMPLE_2026)
    pick_scenario(page, "Skenario", f"{EXAMPLE_2026} (contoh)")
    caption = page.locator('[data-testid="stCaptionContainer"]').filter(has_text=EXAMPLE_2026)
    expect(caption).to_contain_text(  # the scenario's own name and its file
        load_scenario(ROOT / "scenarios" / EXAMPLE_2026).name)
    expect(funded).to_have_text(count(saved, "id"))
    settle(page)

    # 3. Lower the global cut with the keyboard: the figure and its change follow the engine.
    start = round(load_scenario(ROOT / "scenarios" / EXAMPLE_2026).policy.global_cut * 100)
    expect(cut_slider(page, "Pemotongan global")).to_have_value(str(start))
    lower_cut(page, "Pemotongan global", CUT_PRESSES)
    cut_now = (start - CUT_PRESSES) / 100
    after = covered(EXAMPLE_2026, cut_now)
    assert after != saved, "pick a cut where the engine's count changes"
    expect(funded).to_have_text(count(after, "id"))
    sign = "+" if after > saved else "-"
    delta = metric_box(page, "Pekerja dibiayai").locator('[data-testid="stMetricDelta"]')
    expect(delta).to_contain_text(sign + count(abs(after - saved), "id"))
    settle(page)
    assert_no_exception(page, "plan page after the cut")
    # the allocation is drawn when its expander opens (the page leaves it out until then)
    allocation = page.locator('[data-testid="stExpander"]').filter(has_text="Alokasi")
    expect(allocation.locator('[data-testid="stDataFrame"]')).to_have_count(0)
    allocation.locator("summary").click()
    expect(allocation.locator('[data-testid="stDataFrame"]')).to_have_count(1)
    expect(allocation.locator('[data-testid="stDataFrame"] th[role="columnheader"]').filter(
        has_text="Iuran per orang")).to_have_count(1)
    settle(page)

    # 4. English, on the same page: the labels change, the plan and the cut stay.
    sidebar(page).get_by_text("English", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="Premium plan for vulnerable workers")
           ).to_be_visible()
    expect(metric(page, "Workers funded")).to_have_text(count(after, "en"))
    # every select box shows its choice in English at once, not the Indonesian words it had
    expect(page.locator('[data-testid="stMain"]').get_by_role("combobox", name="Objective")
           ).to_have_value("Cover as many workers as possible")
    expect(page.locator('[data-testid="stMain"]').get_by_role("combobox", name="Funding rules")
           ).to_have_value("Strict")
    expect(sidebar(page).get_by_role("combobox", name="Scenario")).to_have_value(
        f"{EXAMPLE_2026} (example)")
    expect(cut_slider(page, "Global cut")).to_have_value(str(start - CUT_PRESSES))
    settle(page)
    assert_no_exception(page, "plan page in English")

    # The headline figures are readable in full, at 1400 and at 1100 pixels wide.
    assert_metrics_whole(page, "plan page in English")
    with viewport_width(page, NARROW):
        assert_metrics_whole(page, f"plan page in English at {NARROW} px")

    # 5. Compare: the page opens on the edited scenario against the saved one; download CSV.
    go_to(page, "compare", "Compare scenarios")
    draft = f"{EXAMPLE_2026} *"  # the unsaved edits, named as the plan page would save them
    picker = page.locator('[data-testid="stMultiSelect"]').filter(has_text="Pick 2 to 10")
    expect(picker).to_be_visible()
    chosen = picked_names(picker)
    assert chosen == [EXAMPLE_2026, draft], chosen
    baseline = main_combobox_value(page, "Baseline")
    assert baseline == EXAMPLE_2026, baseline
    expect(page.get_by_role("heading", name="Totals")).to_be_visible()
    expect(visible_table(page)).to_be_visible()
    settle(page)
    assert_no_exception(page, "compare page")
    button = page.locator('[data-testid="stDownloadButton"]').filter(has_text="Download CSV")
    with page.expect_download() as download_info:
        button.locator("button, a").first.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv"), download.suggested_filename
    text = Path(download.path()).read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows, "the downloaded CSV is empty"
    assert rows[0] == CSV_COLUMNS
    records = [dict(zip(CSV_COLUMNS, row, strict=True)) for row in rows[1:]]
    totals = {r["Scenario"]: r for r in records
              if r["Section"] == "Totals" and r["Measure"] == "Workers funded"}
    assert sorted(totals) == sorted(chosen), f"covered_workers rows for {sorted(totals)}"
    engine = {EXAMPLE_2026: saved, draft: after}  # the saved scenario and the edited one
    for name in chosen:
        assert int(float(totals[name]["Value"])) == engine[name], (name, totals[name])
        if name == baseline:
            assert totals[name]["Difference from the baseline"] == "", totals[name]
        else:
            difference = int(float(totals[name]["Difference from the baseline"]))
            assert difference == engine[name] - engine[baseline], (name, totals[name])

    # 6. Every page, in English and then in Indonesian: no exception, a screenshot each.
    tour(page, "en")
    sidebar(page).get_by_text("Bahasa Indonesia", exact=True).click()
    expect(page.get_by_role("heading", level=1, name=PAGES["id"][-1][2])).to_be_visible()
    tour(page, "id")
    go_to(page, "plan", PAGES["id"][0][2])
    for width in (VIEWPORT["width"], NARROW):
        with viewport_width(page, width):
            assert_metrics_whole(page, f"plan page in Indonesian at {width} px")


def test_cut_survives_a_visit_to_another_page(server: str, page: Page) -> None:
    """A cut set on the plan page is still there after a look at the money-needed page."""
    with failure_picture(page, "cut-survives"):
        funded = open_app(page, server)
        pick_scenario(page, "Skenario", f"{EXAMPLE_2026} (contoh)")
        start = round(load_scenario(ROOT / "scenarios" / EXAMPLE_2026).policy.global_cut * 100)
        expect(cut_slider(page, "Pemotongan global")).to_have_value(str(start))
        lower_cut(page, "Pemotongan global", CUT_PRESSES)
        after = count(covered(EXAMPLE_2026, (start - CUT_PRESSES) / 100), "id")
        expect(funded).to_have_text(after)
        settle(page)
        go_to(page, "need", "Berapa dana untuk mencapai target?")
        go_to(page, "plan", "Rencana iuran pekerja rentan")
        assert cut_slider(page, "Pemotongan global").input_value() == str(start - CUT_PRESSES)
        assert funded.inner_text() == after


def test_navigation_follows_the_language(server: str, page: Page) -> None:
    """Switching the language renames the pages in the sidebar at once."""
    with failure_picture(page, "navigation-language"):
        open_app(page, server)
        go_to(page, "compare", "Bandingkan skenario")
        sidebar(page).get_by_text("English", exact=True).click()
        expect(page.get_by_role("heading", level=1, name="Compare scenarios")).to_be_visible()
        settle(page)
        shown = {stem: nav_link(page, stem).inner_text() for stem, _, _ in PAGES["en"]}
        for stem, title, _ in PAGES["en"]:
            assert title in shown[stem], f"the {stem} page is listed as {shown[stem]!r}"
