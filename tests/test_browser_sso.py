"""Sign-in through the office's identity provider (``PLANNER_AUTH=sso``), in a real browser.

Starts a real OpenID Connect provider on this machine (``oidc-provider-mock``, with two known
people), writes the app's ``[auth]`` secrets for it in a temporary file, and starts the app the
README's way with ``PLANNER_AUTH=sso`` and a library whose only account for the provider's people
is an editor made with ``planner users add EMAIL --sso``. Chromium signs in through the
provider's own page, saves as the editor, signs out, and is refused for someone the provider
knows but the library does not. Screenshots go to ``test-artifacts/screenshots/sso-*.png``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest

from planner.store.accounts import Actor
from planner.store.library import Library
from tests import test_browser
from tests.test_browser import (
    ARTIFACTS,
    FIRST_LOAD_MS,
    Page,
    _free_port,
    assert_no_exception,
    expect,
    failure_picture,
    screenshot,
    serve,
    settle,
    sidebar,
)
from tests.test_browser_auth import _sign_in_page as signed_out_page

LOG = ARTIFACTS / "streamlit-sso.log"
PROVIDER_LOG = ARTIFACTS / "oidc-provider.log"
EDITOR = "ani@kutaitimurkab.go.id"
STRANGER = "dodi@kutaitimurkab.go.id"
NAME = "Kutai Timur 2025 - baseline"
SSO_BUTTON = "Masuk dengan akun kantor"

browser = test_browser.browser
page = test_browser.page


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    """An OpenID Connect provider on a free port that knows Ani (as Ani@...) and Dodi."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    ARTIFACTS.mkdir(exist_ok=True)
    people = [{"sub": "ani", "email": "Ani@KutaiTimurKab.go.id", "name": "Ani Lestari"},
              {"sub": "dodi", "email": STRANGER, "name": "Dodi"}]
    command = [sys.executable, "-m", "oidc_provider_mock", "--port", str(port)]
    for person in people:
        command += ["--user-claims", json.dumps(person)]
    with PROVIDER_LOG.open("wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT,  # noqa: S603
                                   stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                pytest.fail(f"the OpenID provider exited with {process.returncode}:\n"
                            f"{PROVIDER_LOG.read_text(errors='replace')[-2000:]}", pytrace=False)
            try:
                with urllib.request.urlopen(  # noqa: S310 - our own provider on localhost
                        f"{url}/.well-known/openid-configuration", timeout=5) as answer:
                    if answer.status == 200:  # noqa: PLR2004
                        break
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                pytest.fail("the OpenID provider did not answer within 60 s", pytrace=False)
            time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="module")
def library_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('library') / 'library.db'}"
    lib = Library.open(url)
    operator = Actor.local("test")
    lib.accounts.create("admin", "Sandi-admin-kantor-1", "admin", actor=operator)
    lib.accounts.create(EDITOR, None, "editor", actor=operator, display_name="Ani Lestari")
    lib.close()
    return url


@pytest.fixture(scope="module")
def server(provider: str, library_url: str,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The shared app signing in through the provider: its [auth] secrets in a temporary file."""
    secrets = tmp_path_factory.mktemp("secrets") / "secrets.toml"
    secrets.write_text(
        "[auth]\n"
        'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        f'cookie_secret = "{os.urandom(24).hex()}"\n'
        'client_id = "perencana-jamsostek"\n'
        'client_secret = "rahasia-klien-uji"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n',
        encoding="utf-8")
    with serve(LOG, {"PLANNER_DB_URL": library_url, "PLANNER_AUTH": "sso",
                     "PLANNER_AUTHOR": ""}, args=("--secrets.files", str(secrets))) as url:
        yield url


def _sign_in_page(page: Page) -> None:
    signed_out_page(page)  # nothing of the app, as with passwords
    expect(page.get_by_label("Kata sandi", exact=True)).to_have_count(0)  # but no password
    expect(page.get_by_role("button", name=SSO_BUTTON)).to_be_visible()


def _through_provider(page: Page, provider: str, person: str) -> None:
    """Press the app's sign-in button and choose ``person`` on the provider's own page."""
    page.get_by_role("button", name=SSO_BUTTON).click()
    page.wait_for_url(f"{provider}/**", timeout=FIRST_LOAD_MS)
    page.get_by_role("button", name=person, exact=True).click()


def _signed_out_at_provider(page: Page, provider: str) -> None:
    """Signing out ends the provider's session too: its page asks, then sends back to the app."""
    page.wait_for_url(f"{provider}/**", timeout=FIRST_LOAD_MS)
    page.get_by_role("button", name="End session").click()
    _sign_in_page(page)


def test_sign_in_through_the_office_identity_provider(server: str, provider: str, page: Page,
                                                     library_url: str) -> None:
    with failure_picture(page, "sso"):
        _walk(server, provider, page, library_url)


def _walk(server: str, provider: str, page: Page, library_url: str) -> None:
    # 1. the sign-in page offers the office account, and nothing of the app
    page.goto(server + "/", timeout=FIRST_LOAD_MS)
    _sign_in_page(page)
    screenshot(page, "sso-sign-in")
    screenshot(page, "sso-sign-in-1024", width=1024)

    # 2. the provider vouches for Ani; her account (made with --sso) makes her an editor
    _through_provider(page, provider, "ani")
    expect(page.get_by_role("heading", level=1, name="Rencana iuran pekerja rentan")
           ).to_be_visible(timeout=FIRST_LOAD_MS)
    expect(sidebar(page).get_by_text(f"Masuk sebagai Ani Lestari ({EDITOR}, peran editor)")
           ).to_be_visible()
    settle(page, FIRST_LOAD_MS)
    assert_no_exception(page, "plan page after the provider's sign-in")
    screenshot(page, "sso-signed-in")

    # 3. she saves a version: the library records her account
    sidebar(page).locator('[data-testid="stSidebarNavLink"]').filter(has_text="Pustaka").click()
    expect(page.get_by_role("heading", level=1, name="Pustaka skenario")).to_be_visible()
    settle(page)
    page.get_by_label("Catatan (mengapa disimpan)").fill("pagu murni")
    page.get_by_role("button", name="Simpan versi baru").click()
    expect(page.get_by_text(f"Disimpan: {NAME}, versi 1.")).to_be_visible()
    settle(page)
    lib = Library.open(library_url, create=False)
    try:
        assert [(v.author, v.note) for v in lib.versions(NAME)] == [(EDITOR, "pagu murni")]
        assert lib.accounts.get(EDITOR).last_sign_in is not None
    finally:
        lib.close()

    # 4. signing out leaves the provider's sign-in too: the next visitor starts at the button
    sidebar(page).get_by_role("button", name="Keluar").click()
    _signed_out_at_provider(page, provider)
    page.goto(server + "/pustaka", timeout=FIRST_LOAD_MS)
    _sign_in_page(page)

    # 5. someone the provider knows but the library does not is told what to ask for
    _through_provider(page, provider, "dodi")
    expect(page.get_by_text(f"{STRANGER} sudah dikenali penyedia identitas kantor")
           ).to_be_visible(timeout=FIRST_LOAD_MS)
    expect(page.get_by_text(f"planner users add {STRANGER} --sso")).to_be_visible()
    assert page.locator('[data-testid="stMetric"]').count() == 0
    assert_no_exception(page, "a person without an account")
    screenshot(page, "sso-unknown")
    page.get_by_role("button", name="Keluar").click()
    _signed_out_at_provider(page, provider)
