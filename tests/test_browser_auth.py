"""The shared app in a real browser: sign-in first, roles on the Library page, sign-out.

Starts the app the README's way with ``PLANNER_SHARED=1`` and a new SQLite library holding an
admin, an editor and a viewer, drives it in Debian's headless Chromium (see
``tests/test_browser.py``), and checks what the library recorded. Screenshots at 1400 and 1024
pixels go to ``test-artifacts/screenshots/auth-*.png``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from planner.money import count
from planner.store.accounts import Actor
from planner.store.library import Library
from tests import test_browser
from tests.test_browser import (
    ARTIFACTS,
    DEFAULT_EXAMPLE,
    FIRST_LOAD_MS,
    Page,
    assert_no_exception,
    covered,
    expect,
    failure_picture,
    metric,
    screenshot,
    serve,
    settle,
    sidebar,
)

NAME = "Kutai Timur 2025 - baseline"
LOG = ARTIFACTS / "streamlit-auth.log"
NARROW = 1024
PEOPLE = {  # username: (role, display name, password)
    "ani": ("admin", "Ani Lestari", "Sandi-admin-ani-1"),
    "budi": ("editor", "Budi Santoso", "Sandi-editor-budi-2"),
    "citra": ("viewer", "Citra Dewi", "Sandi-viewer-citra-3"),
}
SIGN_IN = "Masuk ke perencana"
LIBRARY = "Pustaka skenario"

browser = test_browser.browser
page = test_browser.page


@pytest.fixture(scope="module")
def library_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('library') / 'library.db'}"
    lib = Library.open(url)
    for user, (role, shown, password) in PEOPLE.items():
        lib.accounts.create(user, password, role, actor=Actor.local("test"), display_name=shown)
    lib.close()
    return url


@pytest.fixture(scope="module")
def server(library_url: str) -> Iterator[str]:
    """The shared app: sign-in required, its library the one above."""
    with serve(LOG, {"PLANNER_DB_URL": library_url, "PLANNER_SHARED": "1",
                     "PLANNER_AUTHOR": ""}) as url:
        yield url


def _sign_in_page(page: Page) -> None:
    expect(page.get_by_role("heading", level=1, name=SIGN_IN)).to_be_visible(
        timeout=FIRST_LOAD_MS)
    settle(page, FIRST_LOAD_MS)
    # nothing of the app shows before sign-in: no figures, no navigation
    assert page.locator('[data-testid="stMetric"]').count() == 0
    assert page.locator('[data-testid="stSidebarNavLink"]').count() == 0


def _sign_in(page: Page, user: str, password: str) -> None:
    page.get_by_label("Nama pengguna").fill(user)
    page.get_by_label("Kata sandi", exact=True).fill(password)
    page.get_by_role("button", name="Masuk", exact=True).click()
    settle(page)


def _signed_in(page: Page, user: str, heading: str) -> None:
    """After a sign-in: the page the address names, and who is signed in, in the sidebar."""
    expect(page.get_by_role("heading", level=1, name=heading)).to_be_visible(
        timeout=FIRST_LOAD_MS)
    role, shown, _ = PEOPLE[user]
    expect(sidebar(page).get_by_text(f"Masuk sebagai {shown} ({user}, peran {role})")
           ).to_be_visible()
    settle(page, FIRST_LOAD_MS)
    assert_no_exception(page, f"{heading} as {user}")


def _sign_out(page: Page) -> None:
    sidebar(page).get_by_role("button", name="Keluar").click()
    _sign_in_page(page)
    expect(page.get_by_text("Anda sudah keluar.")).to_be_visible()


def _pictures(page: Page, name: str) -> None:
    screenshot(page, name)
    screenshot(page, f"{name}-{NARROW}", width=NARROW)


def test_sign_in_roles_and_sign_out(server: str, page: Page, library_url: str) -> None:
    with failure_picture(page, "auth"):
        _walk(server, page, library_url)


def _walk(server: str, page: Page, library_url: str) -> None:
    # 1. the sign-in page comes first, on any page's address
    page.goto(server + "/pustaka", timeout=FIRST_LOAD_MS)
    _sign_in_page(page)
    expect(page.get_by_role("heading", name="Pustaka skenario")).to_have_count(0)
    _pictures(page, "auth-sign-in")

    # 2. a wrong password is refused, with the same words as an unknown name
    _sign_in(page, "ani", "not-her-password")
    expect(page.get_by_text("nama pengguna atau kata sandi salah")).to_be_visible()
    _sign_in_page(page)
    _sign_in(page, "nobody", PEOPLE["ani"][2])
    expect(page.get_by_text("nama pengguna atau kata sandi salah")).to_be_visible()
    _sign_in_page(page)
    screenshot(page, "auth-refused")

    # 3. a viewer sees the library the address named, but cannot save
    _sign_in(page, "citra", PEOPLE["citra"][2])
    _signed_in(page, "citra", LIBRARY)
    expect(page.get_by_label("Nama Anda (tercatat pada setiap perubahan)")).to_have_count(0)
    expect(page.get_by_text("Menyimpan versi perlu peran editor; Anda masuk dengan peran "
                            "viewer.")).to_be_visible()
    expect(page.get_by_role("button", name="Simpan versi baru")).to_have_count(0)
    assert_no_exception(page, "library page as a viewer")
    _pictures(page, "auth-library-viewer")
    _sign_out(page)

    # 4. an editor saves; the library records the account, not a typed name
    _sign_in(page, "budi", PEOPLE["budi"][2])
    _signed_in(page, "budi", LIBRARY)
    expect(page.get_by_text("Masuk sebagai Budi Santoso (budi, peran editor)").first
           ).to_be_visible()
    expect(page.get_by_label("Nama Anda (tercatat pada setiap perubahan)")).to_have_count(0)
    page.get_by_label("Catatan (mengapa disimpan)").fill("pagu murni")
    page.get_by_role("button", name="Simpan versi baru").click()
    expect(page.get_by_text(f"Disimpan: {NAME}, versi 1.")).to_be_visible()
    settle(page)
    lib = Library.open(library_url, create=False)
    try:
        assert [(v.number, v.author, v.note) for v in lib.versions(NAME)] == [
            (1, "budi", "pagu murni")]
        assert [(a.actor, a.action) for a in lib.audit(limit=1)] == [("budi", "save")]
    finally:
        lib.close()
    page.get_by_role("tab", name="Telusuri dan versi").click()
    settle(page)
    expect(page.get_by_text("Menjadikan versi lama terbaru, menghapus dan membatalkan hapus "
                            "perlu peran admin; Anda masuk dengan peran editor.")).to_be_visible()
    expect(page.get_by_role("button", name="Hapus (bisa dibatalkan)")).to_have_count(0)
    expect(page.get_by_role("button", name="Jadikan versi terbaru")).to_be_disabled()
    _pictures(page, "auth-library-editor-browse")
    page.get_by_role("tab", name="Riwayat").click()
    settle(page)
    history = page.locator('[data-testid="stDataFrame"]').filter(visible=True).first
    expect(history).to_be_visible()
    page.get_by_role("tab", name="Simpan", exact=True).click()
    settle(page)
    assert_no_exception(page, "library page as an editor")
    _pictures(page, "auth-library-editor")

    # 5. signing out returns to the sign-in page, with nothing of the session left
    _sign_out(page)
    screenshot(page, "auth-signed-out")

    # 6. a new session is signed out too; the admin lands on the plan and may delete
    page.goto(server + "/", timeout=FIRST_LOAD_MS)
    _sign_in_page(page)
    _sign_in(page, "ani", PEOPLE["ani"][2])
    _signed_in(page, "ani", "Rencana iuran pekerja rentan")
    expected = count(covered(DEFAULT_EXAMPLE), "id")
    expect(metric(page, "Pekerja dibiayai")).to_have_text(expected)
    sidebar(page).locator('[data-testid="stSidebarNavLink"]').filter(has_text="Pustaka").click()
    expect(page.get_by_role("heading", level=1, name=LIBRARY)).to_be_visible()
    settle(page)
    page.get_by_role("tab", name="Telusuri dan versi").click()
    settle(page)
    expect(page.get_by_role("button", name="Hapus (bisa dibatalkan)")).to_be_visible()
    expect(page.get_by_text("perlu peran admin")).to_have_count(0)
    assert_no_exception(page, "library page as an admin")
    _sign_out(page)
