"""Accounts, sign-in and roles, on SQLite and a real PostgreSQL (``db_url``), and ``planner users``.

The library itself refuses what a role does not allow, whatever the app shows; passwords are kept
only as argon2id hashes and never appear in the database, the audit or any output.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from argon2 import PasswordHasher
from sqlalchemy import create_engine, select, text, update
from streamlit.testing.v1 import AppTest
from typer.testing import CliRunner

from planner.cli import app
from planner.cli import users as users_cli
from planner.store import accounts as accounts_module
from planner.store import db as store_db
from planner.store.accounts import Actor, Role, Throttle, accounts_exist
from planner.store.db import head_revision
from planner.store.errors import LibraryError
from planner.store.library import Library
from planner.store.models import AccountRow
from planner.ui.state import AppState

ROOT = Path(__file__).resolve().parent.parent
KUTIM = (ROOT / "scenarios" / "kutim-2025.yaml").read_text()
OPERATOR = Actor.local("operator")
PASSWORDS = {"ani": "Rahasia-admin-1", "budi": "Rahasia-editor-2", "citra": "Rahasia-viewer-3"}


@pytest.fixture
def lib(db_url: str) -> Iterator[Library]:
    library = Library.open(db_url)
    yield library
    library.close()


@pytest.fixture
def people(lib: Library) -> dict[str, Actor]:
    """An admin (ani), an editor (budi) and a viewer (citra), signed in."""
    for user, role in (("ani", "admin"), ("budi", "editor"), ("citra", "viewer")):
        lib.accounts.create(user, PASSWORDS[user], role, actor=OPERATOR,
                            display_name=user.title() + " (TAPD)")
    return {user: lib.accounts.verify(user, PASSWORDS[user]) for user in PASSWORDS}


def _refused(key: str, action, **params: object) -> LibraryError:
    with pytest.raises(LibraryError) as err:
        action()
    assert err.value.key == key, err.value.message("en")
    for name, value in params.items():
        assert err.value.params[name] == value
    return err.value


def _stored_text(lib: Library) -> str:
    """Every value of every table, as text (what someone reading the database would see)."""
    out = []
    with lib.engine.connect() as conn:
        for table in ("accounts", "audit_log", "scenarios", "scenario_versions"):
            out.extend(str(row) for row in conn.execute(text(f"SELECT * FROM {table}")))
    return "\n".join(out)


# --- hashing and sign-in --------------------------------------------------------------------------


def test_a_password_is_kept_only_as_an_argon2id_hash(lib: Library, people) -> None:
    with lib.engine.connect() as conn:
        hashes = {u: h for u, h in conn.execute(select(AccountRow.username,
                                                                 AccountRow.password_hash))}
    assert set(hashes) == set(PASSWORDS)
    for user, password in PASSWORDS.items():
        assert hashes[user].startswith("$argon2id$")
        assert PasswordHasher().verify(hashes[user], password)
    stored = _stored_text(lib)
    assert not any(p in stored for p in PASSWORDS.values())
    if lib.engine.url.get_backend_name() == "sqlite":  # the bytes on disk, journal included
        database = Path(str(lib.engine.url.database))
        raw = b"".join(p.read_bytes() for p in database.parent.glob(database.name + "*"))
        assert not any(p.encode() in raw for p in PASSWORDS.values())
        assert b"$argon2id$" in raw  # the check above looked at the right bytes


def test_sign_in_gives_the_account_with_its_role_and_records_when(lib: Library, people) -> None:
    ani = people["ani"]
    assert (ani.username, ani.role, ani.display_name, ani.signed_in) == (
        "ani", Role.ADMIN, "Ani (TAPD)", True)
    assert people["citra"].role == Role.VIEWER
    assert lib.accounts.verify("  ANI ", PASSWORDS["ani"]).username == "ani"  # as typed
    accounts = {a.username: a for a in lib.accounts.list_all()}
    assert accounts["ani"].last_sign_in is not None
    assert "password_hash" not in json.dumps([a.to_json() for a in accounts.values()])


def test_a_failed_sign_in_does_not_say_whether_the_user_exists(lib: Library, people) -> None:
    wrong = _refused("acct_bad_sign_in", lambda: lib.accounts.verify("ani", "not-the-password"))
    unknown = _refused("acct_bad_sign_in", lambda: lib.accounts.verify("nobody", "whatever-1"))
    empty = _refused("acct_bad_sign_in", lambda: lib.accounts.verify("", ""))
    assert wrong.message("id") == unknown.message("id") == empty.message("id")
    assert wrong.params == unknown.params == {}
    assert "ani" not in wrong.message("en")


def test_a_disabled_account_cannot_sign_in_until_enabled(lib: Library, people) -> None:
    lib.accounts.disable("budi", actor=people["ani"])
    _refused("acct_bad_sign_in", lambda: lib.accounts.verify("budi", PASSWORDS["budi"]))
    assert lib.accounts.current(people["budi"]) is None  # the app signs the session out
    lib.accounts.enable("budi", actor=people["ani"])
    assert lib.accounts.verify("budi", PASSWORDS["budi"]).role == Role.EDITOR


def test_an_old_hash_is_replaced_at_sign_in(lib: Library, people) -> None:
    weak = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash(PASSWORDS["budi"])
    with lib.engine.begin() as conn:
        conn.execute(update(AccountRow).where(AccountRow.username == "budi")
                     .values(password_hash=weak))
    lib.accounts.verify("budi", PASSWORDS["budi"])
    with lib.engine.connect() as conn:
        now = conn.scalar(select(AccountRow.password_hash).where(AccountRow.username == "budi"))
    assert now != weak
    assert not PasswordHasher().check_needs_rehash(now)
    assert lib.accounts.verify("budi", PASSWORDS["budi"]).username == "budi"


def test_failed_sign_ins_make_a_name_wait_longer_each_time(lib: Library, people) -> None:
    clock = [1000.0]
    throttle = Throttle(clock=lambda: clock[0])
    for _ in range(5):
        _refused("acct_bad_sign_in", lambda: lib.accounts.verify("ani", "wrong-guess", throttle))
    # even the right password waits now, and a wait does not count as a guess
    _refused("acct_wait", lambda: lib.accounts.verify("ani", PASSWORDS["ani"], throttle),
             seconds=2)
    assert throttle.wait("budi") == 0  # per username
    clock[0] += 2
    _refused("acct_bad_sign_in", lambda: lib.accounts.verify("ani", "wrong-again", throttle))
    _refused("acct_wait", lambda: lib.accounts.verify("ani", PASSWORDS["ani"], throttle),
             seconds=4)
    clock[0] += 4
    assert lib.accounts.verify("ani", PASSWORDS["ani"], throttle).username == "ani"
    assert throttle.wait("ani") == 0  # a success forgets the failures


def test_the_throttle_grows_to_its_cap_and_forgets_old_names() -> None:
    clock = [0.0]
    throttle = Throttle(free=2, cap=60, clock=lambda: clock[0], most_names=3)
    for _ in range(12):
        throttle.failed("x")
    assert throttle.wait("x") == 60
    for name in ("a", "b", "c"):
        throttle.failed(name)
    assert throttle.wait("x") == 0  # the oldest name was forgotten, memory stays bounded


# --- roles, enforced by the library ---------------------------------------------------------------


def test_a_viewer_reads_but_cannot_change_anything(lib: Library, people) -> None:
    lib.save("Kutim", KUTIM, actor=people["budi"])
    viewer = people["citra"]
    assert [v.number for v in lib.versions("Kutim")] == [1]  # reading needs no role
    _refused("acct_role_needed", lambda: lib.save("Kutim", KUTIM, actor=viewer),
             role="editor", have="viewer", user="citra")
    _refused("acct_role_needed", lambda: lib.save_comparison(
        "v1 vs v1", [("Kutim", 1), ("Kutim", 1)], actor=viewer), role="editor")
    for change in (lambda: lib.restore("Kutim", 1, actor=viewer),
                   lambda: lib.delete("Kutim", actor=viewer),
                   lambda: lib.rename("Kutim", "Kutai", actor=viewer)):
        _refused("acct_role_needed", change, role="admin")
    assert [v.number for v in lib.versions("Kutim")] == [1]
    assert lib.comparisons() == []
    assert [a.action for a in lib.audit()] == ["save", "account_add", "account_add",
                                               "account_add"]


def test_an_editor_saves_and_the_audit_names_the_account(lib: Library, people) -> None:
    editor = people["budi"]
    v1 = lib.save("Kutim", KUTIM, actor=editor, author="typed name is ignored")
    v2 = lib.save("Kutim", KUTIM.replace("eligible: 45000", "eligible: 46000"), actor=editor)
    lib.save_comparison("v1 vs v2", [("Kutim", 1), ("Kutim", 2)], actor=editor)
    assert (v1.author, v2.author) == ("budi", "budi")
    assert lib.comparison("v1 vs v2").author == "budi"
    assert [(a.actor, a.action) for a in lib.audit(limit=3)] == [
        ("budi", "save"), ("budi", "save"), ("budi", "save")]
    for change in (lambda: lib.restore("Kutim", 1, actor=editor),
                   lambda: lib.delete("Kutim", actor=editor),
                   lambda: lib.delete_comparison("v1 vs v2", actor=editor)):
        _refused("acct_role_needed", change, role="admin", have="editor")
    _refused("acct_role_needed", lambda: lib.accounts.create(
        "dedi", "Rahasia-baru-4", "viewer", actor=editor), role="admin")


def test_an_admin_restores_deletes_and_brings_back(lib: Library, people) -> None:
    admin = people["ani"]
    lib.save("Kutim", KUTIM, actor=people["budi"])
    lib.save("Kutim", KUTIM.replace("eligible: 45000", "eligible: 46000"), actor=admin)
    assert lib.restore("Kutim", 1, actor=admin).author == "ani"
    lib.delete("Kutim", actor=admin)
    assert lib.scenarios(include_deleted=True)[0].deleted_by == "ani"
    lib.undelete("Kutim", actor=admin)
    assert [(a.actor, a.action) for a in lib.audit(limit=3)] == [
        ("ani", "undelete"), ("ani", "delete"), ("ani", "restore")]


def test_the_role_is_read_again_at_each_change(lib: Library, people) -> None:
    stale = people["budi"]  # signed in as an editor
    lib.accounts.set_role("budi", "viewer", actor=people["ani"])
    _refused("acct_role_needed", lambda: lib.save("Kutim", KUTIM, actor=stale), have="viewer")
    lib.accounts.disable("budi", actor=people["ani"])
    _refused("acct_inactive", lambda: lib.save("Kutim", KUTIM, actor=stale))
    forged = Actor("nobody", Role.ADMIN)  # an actor no account stands behind
    _refused("acct_inactive", lambda: lib.delete("Kutim", actor=forged))
    assert lib.scenarios() == []


def test_local_operators_keep_every_right_unless_sign_in_is_required(lib: Library) -> None:
    assert lib.save("Kutim", KUTIM, author="Ani (TAPD)").author == "Ani (TAPD)"  # as before
    lib.delete("Kutim", author="Ani (TAPD)")
    _refused("lib_author_empty", lambda: lib.undelete("Kutim", author=" "))
    lib.sign_in_required = True  # the shared app: a change by no one is refused
    _refused("acct_sign_in_needed", lambda: lib.undelete("Kutim", author="Ani (TAPD)"))
    _refused("acct_sign_in_needed", lambda: lib.save("Kutim 2", KUTIM, author="ani"))
    assert lib.scenarios(include_deleted=True)[0].deleted


# --- managing accounts ----------------------------------------------------------------------------


def test_the_first_account_is_an_admin_and_one_admin_always_remains(lib: Library) -> None:
    _refused("acct_first_admin", lambda: lib.accounts.create(
        "budi", PASSWORDS["budi"], "editor", actor=OPERATOR))
    assert not lib.accounts.exist()
    lib.accounts.create("ani", PASSWORDS["ani"], Role.ADMIN, actor=OPERATOR)
    _refused("acct_last_admin", lambda: lib.accounts.set_role("ani", "editor", actor=OPERATOR))
    _refused("acct_last_admin", lambda: lib.accounts.disable("ani", actor=OPERATOR))
    lib.accounts.create("budi", PASSWORDS["budi"], "admin", actor=OPERATOR)
    lib.accounts.set_role("ani", "editor", actor=OPERATOR)
    _refused("acct_last_admin", lambda: lib.accounts.disable("budi", actor=OPERATOR))
    assert {a.username: a.role for a in lib.accounts.list_all()} == {
        "ani": Role.EDITOR, "budi": Role.ADMIN}


@pytest.mark.parametrize(("user", "password", "key"), [
    ("a", "Rahasia-panjang", "acct_username"),
    ("ani tapd", "Rahasia-panjang", "acct_username"),
    ("ani/../x", "Rahasia-panjang", "acct_username"),
    ("ani", "k3c1l!", "acct_password_short"),
    ("ani", "x" * 2000, "acct_password_long"),
    ("ani.tapd", "ANI.TAPD", "acct_password_is_name"),
])
def test_bad_names_and_passwords_are_refused(lib: Library, user, password, key) -> None:
    err = _refused(key, lambda: lib.accounts.create(user, password, "admin", actor=OPERATOR))
    assert password not in err.message("id") + err.message("en")
    assert not lib.accounts.exist()


def test_a_taken_name_an_unknown_name_and_an_unknown_role_are_refused(lib, people) -> None:
    _refused("acct_taken", lambda: lib.accounts.create("ANI", "Rahasia-lain-5", "viewer",
                                                       actor=OPERATOR))
    _refused("acct_not_found", lambda: lib.accounts.disable("dedi", actor=OPERATOR))
    _refused("acct_role_unknown", lambda: lib.accounts.set_role("budi", "boss", actor=OPERATOR))


def test_a_reset_password_works_and_the_old_one_does_not(lib: Library, people) -> None:
    lib.accounts.reset_password("citra", "Sandi-baru-citra-6", actor=people["ani"])
    _refused("acct_bad_sign_in", lambda: lib.accounts.verify("citra", PASSWORDS["citra"]))
    assert lib.accounts.verify("citra", "Sandi-baru-citra-6").username == "citra"
    assert [(a.actor, a.action, a.target) for a in lib.audit(limit=1)] == [
        ("ani", "account_password", "citra")]
    assert "Sandi-baru-citra-6" not in _stored_text(lib)


# --- upgrading a library made before accounts -----------------------------------------------------


def _library_at_0001(url: str) -> None:
    engine = store_db.open_engine(url)
    try:
        with engine.begin() as conn:
            cfg = Config()
            cfg.set_main_option("script_location", str(store_db.MIGRATIONS))
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0001")
        Library(engine).save("Kutim", KUTIM, author="ani")
    finally:
        engine.dispose()


def test_a_library_from_before_accounts_upgrades_with_init(db_url: str, monkeypatch) -> None:
    _library_at_0001(db_url)
    assert not accounts_exist(db_url)  # the app asks no one to sign in
    err = _refused("lib_old_schema", lambda: Library.open(db_url, create=False))
    assert "planner library init" in err.message("id")
    monkeypatch.setenv("PLANNER_DB_URL", db_url)
    runner = CliRunner()
    out = runner.invoke(app, ["users", "list"])
    assert out.exit_code == 2
    assert "planner library init" in out.output
    assert runner.invoke(app, ["library", "init"]).exit_code == 0
    engine = create_engine(db_url)
    with engine.connect() as conn:
        assert conn.scalar(text("SELECT version_num FROM alembic_version")) == head_revision()
    engine.dispose()
    lib = Library.open(db_url, create=False)
    assert lib.version("Kutim").yaml_text == KUTIM  # nothing lost
    assert lib.accounts.list_all() == []
    lib.close()


# --- planner users --------------------------------------------------------------------------------


@pytest.fixture
def users(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """``planner users ARGS`` on a new SQLite library; returns (exit code, all output)."""
    monkeypatch.setenv("PLANNER_DB_URL", f"sqlite:///{tmp_path / 'library.db'}")
    monkeypatch.setenv("PLANNER_AUTHOR", "operator")
    runner = CliRunner()

    def invoke(*args: str, stdin: str | None = None) -> tuple[int, str]:
        out = runner.invoke(app, ["users", *args], input=stdin)
        assert out.exception is None or isinstance(out.exception, SystemExit), out.exception
        return out.exit_code, out.output

    return invoke


def _typed(monkeypatch: pytest.MonkeyPatch, *answers: str) -> None:
    """Answer getpass's prompts with ``answers``, in order."""
    queue = list(answers)
    monkeypatch.setattr(users_cli.getpass, "getpass", lambda prompt="": queue.pop(0))


def test_users_commands_add_list_change_and_never_show_a_password(users, monkeypatch,
                                                                  tmp_path) -> None:
    _typed(monkeypatch, PASSWORDS["ani"], PASSWORDS["ani"])
    code, said = users("add", "Ani", "--role", "admin", "--display-name", "Ani (TAPD)")
    assert (code, said.strip()) == (0, "Akun dibuat: ani (Ani (TAPD)), peran admin")
    code, said = users("add", "budi", "--role", "editor", "--password-stdin", "--lang", "en",
                       stdin=PASSWORDS["budi"] + "\n")
    assert (code, said.strip()) == (0, "Account made: budi (budi), role editor")
    _typed(monkeypatch, PASSWORDS["citra"], "something else")
    code, said = users("add", "citra", "--role", "viewer")
    assert (code, said.strip()) == (2, "kedua kata sandi tidak sama; tidak ada yang diubah")
    assert users("add", "citra", "--password-stdin", stdin=PASSWORDS["citra"] + "\n")[0] == 0

    code, listing = users("list")
    assert code == 0
    lines = listing.splitlines()
    assert lines[0].split() == ["Nama", "pengguna", "Nama", "Peran", "Keadaan", "Terakhir",
                                "masuk"]
    assert [line.split()[0] for line in lines[2:]] == ["ani", "budi", "citra"]
    assert "viewer" in lines[4]
    assert "belum pernah" in lines[4]
    data = json.loads(users("list", "--json")[1])
    assert [(a["username"], a["role"], a["active"]) for a in data] == [
        ("ani", "admin", True), ("budi", "editor", True), ("citra", "viewer", True)]

    assert users("set-role", "citra", "editor") == (0, "Peran citra sekarang editor\n")
    code, said = users("disable", "budi", "--lang", "en")
    assert code == 0
    assert said.startswith("Account budi disabled")
    assert json.loads(users("list", "--json")[1])[1]["active"] is False
    assert users("enable", "budi")[0] == 0
    code, said = users("reset-password", "budi", "--password-stdin",
                       stdin="Sandi-baru-budi-7\n")
    assert (code, said.strip()) == (0, "Kata sandi budi sudah diganti")

    lib = Library.open(f"sqlite:///{tmp_path / 'library.db'}")
    assert lib.accounts.verify("budi", "Sandi-baru-budi-7").role == Role.EDITOR
    assert lib.accounts.verify("citra", PASSWORDS["citra"]).role == Role.EDITOR
    audit = [(a.actor, a.action, a.target) for a in lib.audit()]
    assert audit[0] == ("operator", "account_password", "budi")
    assert ("operator", "account_add", "ani") in audit
    stored = _stored_text(lib)
    assert not any(p in stored for p in [*PASSWORDS.values(), "Sandi-baru-budi-7"])
    lib.close()


@pytest.mark.parametrize(("args", "stdin", "words"), [
    (("add", "x"), "Rahasia-panjang\n", "nama pengguna 'x' tidak sah"),
    (("add", "dedi", "--role", "boss"), "Rahasia-panjang\n", "peran 'boss' tidak dikenal"),
    (("add", "dedi", "--role", "editor"), "Rahasia-panjang\n", "akun pertama harus admin"),
    (("add", "dedi", "--role", "admin"), "k3c1l!\n", "paling sedikit 8 karakter"),
    (("add", "dedi", "--role", "admin"), "\n", "tidak ada kata sandi yang dibaca"),
    (("disable", "dedi"), None, "tidak ada akun dedi"),
    (("set-role", "dedi", "admin", "--lang", "en"), None, "there is no account dedi"),
    (("reset-password", "dedi"), None, "tidak ada akun dedi"),
])
def test_users_commands_refuse_with_exit_2_and_a_message(users, args, stdin, words) -> None:
    if stdin is not None:
        args = (*args, "--password-stdin")
    code, said = users(*args, stdin=stdin)
    assert code == 2, said
    assert words in said
    assert "Traceback" not in said
    if stdin:
        assert stdin.strip() not in said or stdin.strip() == ""


def test_the_last_admin_cannot_be_demoted_from_the_command_line(users) -> None:
    assert users("add", "ani", "--role", "admin", "--password-stdin",
                 stdin=PASSWORDS["ani"] + "\n")[0] == 0
    code, said = users("set-role", "ani", "viewer")
    assert code == 2
    assert "satu-satunya admin" in said
    code, said = users("disable", "ani", "--lang", "en")
    assert (code, "only active admin" in said) == (2, True)


def test_users_on_an_unreachable_database_is_exit_1(monkeypatch) -> None:
    monkeypatch.setenv("PLANNER_DB_URL", "postgresql+psycopg://u:sekret@127.0.0.1:1/none")
    out = CliRunner().invoke(app, ["users", "list"])
    assert out.exit_code == 1
    assert "sekret" not in out.output


def test_the_console_script_reads_the_password_from_stdin_and_never_prints_it(
        tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'library.db'}"
    proc = subprocess.run(
        [sys.executable, "-m", "planner.cli", "users", "add", "ani", "--role", "admin",
         "--password-stdin", "--db", url],
        input=PASSWORDS["ani"] + "\n", capture_output=True, text=True, check=False, cwd=ROOT,
        timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert PASSWORDS["ani"] not in proc.stdout + proc.stderr
    audit = subprocess.run(
        [sys.executable, "-m", "planner.cli", "library", "audit", "--db", url],
        capture_output=True, text=True, check=False, cwd=ROOT, timeout=120)
    assert audit.returncode == 0, audit.stderr
    assert "buat akun" in audit.stdout
    assert "akun: ani" in audit.stdout
    assert accounts_exist(url)
    assert accounts_module.accounts_exist(f"sqlite:///{tmp_path / 'missing.db'}") is False
    assert not (tmp_path / "missing.db").exists()  # looking did not make a library


# --- the app's sign-in, driven with AppTest (the real browser: tests/test_browser_auth.py) --------

APP = ROOT / "app.py"
PLAN_TITLE = "Rencana iuran pekerja rentan"


@pytest.fixture
def shared_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A library with an admin and a viewer; the app set up for the office network."""
    url = f"sqlite:///{tmp_path / 'library.db'}"
    lib = Library.open(url)
    lib.accounts.create("ani", PASSWORDS["ani"], "admin", actor=OPERATOR)
    lib.accounts.create("citra", PASSWORDS["citra"], "viewer", actor=OPERATOR)
    lib.close()
    monkeypatch.setenv("PLANNER_DB_URL", url)
    monkeypatch.setenv("PLANNER_SHARED", "1")
    for name in ("PLANNER_AUTH", "PLANNER_SESSION_MINUTES", "PLANNER_AUTHOR"):
        monkeypatch.delenv(name, raising=False)
    return url


def _app() -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=180).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _titles(at: AppTest) -> list[str]:
    return [e.value for e in at.title]


def _app_sign_in(at: AppTest, user: str, password: str) -> AppTest:
    at.text_input(key="auth_username").input(user)
    at.text_input(key="auth_password").input(password)
    at.button(key="auth_submit").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _app_state(at: AppTest) -> AppState:
    app_state = at.session_state["planner_app_state"]
    assert isinstance(app_state, AppState)
    return app_state


def test_the_app_on_one_machine_asks_no_one_to_sign_in(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("PLANNER_DB_URL", f"sqlite:///{tmp_path / 'library.db'}")
    for name in ("PLANNER_SHARED", "PLANNER_AUTH"):
        monkeypatch.delenv(name, raising=False)
    at = _app()
    assert _titles(at) == [PLAN_TITLE]
    assert at.metric  # the plan is shown at once
    assert not (tmp_path / "library.db").exists()  # looking for accounts made no library


def test_the_shared_app_shows_nothing_before_sign_in(shared_url: str) -> None:
    at = _app()
    assert _titles(at) == ["Masuk ke perencana"]
    assert not at.metric
    assert not at.sidebar.button  # no sign-out, no page's controls
    _app_sign_in(at, "citra", "wrong-password")
    assert _titles(at) == ["Masuk ke perencana"]
    assert [e.value for e in at.error] == ["nama pengguna atau kata sandi salah"]
    _app_sign_in(at, "citra", PASSWORDS["citra"])
    assert _titles(at) == [PLAN_TITLE]
    assert at.metric
    signed = _app_state(at).actor
    assert signed is not None
    assert (signed.username, signed.role) == ("citra", Role.VIEWER)
    assert at.sidebar.button(key="auth_sign_out").label == "Keluar"


def test_accounts_in_the_library_ask_for_sign_in_without_the_setting(shared_url,
                                                                     monkeypatch) -> None:
    monkeypatch.delenv("PLANNER_SHARED")
    assert _titles(_app()) == ["Masuk ke perencana"]


def test_an_unknown_auth_setting_keeps_the_app_closed(shared_url, monkeypatch) -> None:
    monkeypatch.setenv("PLANNER_AUTH", "oidc")
    at = _app()
    assert not at.text_input
    assert "PLANNER_AUTH=oidc" in at.error[0].value


@pytest.mark.parametrize(("minutes", "limit", "said"), [
    (None, 30 * 60, "Sesi berakhir setelah 30 menit tanpa kegiatan"),
    ("2", 2 * 60, "Sesi berakhir setelah 2 menit tanpa kegiatan"),
])
def test_an_idle_session_ends_and_asks_for_sign_in_again(shared_url, monkeypatch, minutes,
                                                         limit, said) -> None:
    if minutes:
        monkeypatch.setenv("PLANNER_SESSION_MINUTES", minutes)
    at = _app_sign_in(_app(), "ani", PASSWORDS["ani"])
    assert _titles(at) == [PLAN_TITLE]
    _app_state(at).last_seen -= limit - 20  # not yet: the session goes on, and is renewed
    at.run()
    assert _titles(at) == [PLAN_TITLE]
    _app_state(at).last_seen -= limit + 5
    at.run()
    assert _titles(at) == ["Masuk ke perencana"]
    assert said in at.info[0].value
    assert _app_state(at).actor is None


def test_a_disabled_account_is_signed_out_at_its_next_step(shared_url: str) -> None:
    at = _app_sign_in(_app(), "citra", PASSWORDS["citra"])
    lib = Library.open(shared_url)
    lib.accounts.disable("citra", actor=OPERATOR)
    lib.close()
    at.run()
    assert _titles(at) == ["Masuk ke perencana"]
    assert "dinonaktifkan" in at.info[0].value


def test_signing_out_forgets_the_session(shared_url: str) -> None:
    at = _app_sign_in(_app(), "ani", PASSWORDS["ani"])
    _app_state(at).author = "left behind"
    at.sidebar.button(key="auth_sign_out").click().run()
    assert _titles(at) == ["Masuk ke perencana"]
    assert at.info[0].value == "Anda sudah keluar."
    fresh = _app_state(at)
    assert (fresh.actor, fresh.author) == (None, "")


def test_password_auth_is_the_same_setting_and_the_sign_in_speaks_english(shared_url,
                                                                          monkeypatch) -> None:
    monkeypatch.delenv("PLANNER_SHARED")
    monkeypatch.setenv("PLANNER_AUTH", "password")
    at = _app()
    at.radio(key="auth_lang").set_value("en").run()
    assert _titles(at) == ["Sign in to the planner"]
    _app_sign_in(at, "nobody", "whatever-it-is")
    assert [e.value for e in at.error] == ["wrong username or password"]


def test_an_identity_provider_account_gives_its_role_and_no_password_opens_it(lib: Library,
                                                                             people) -> None:
    email = "Dewi@KutaiTimurKab.go.id"
    made = lib.accounts.create(email, None, "editor", actor=people["ani"])
    assert made.username == email.lower()
    signed = lib.accounts.by_identity(email)
    assert signed is not None
    assert (signed.username, signed.role, signed.signed_in) == (email.lower(), Role.EDITOR, True)
    assert lib.accounts.get(email).last_sign_in is not None
    for guess in ("", accounts_module.SSO_ONLY, "Rahasia-apa-saja-1"):  # no password matches
        _refused("acct_bad_sign_in", lambda g=guess: lib.accounts.verify(email, g))
    # unknown, disabled, and not an address the library could hold: nobody
    assert lib.accounts.by_identity("someone@kutaitimurkab.go.id") is None
    assert lib.accounts.by_identity("") is None
    assert lib.accounts.by_identity("x" * 500) is None
    lib.accounts.disable(email, actor=people["ani"])
    assert lib.accounts.by_identity(email) is None


def test_users_add_sso_asks_no_password(users, monkeypatch) -> None:
    _typed(monkeypatch, PASSWORDS["ani"], PASSWORDS["ani"])
    assert users("add", "ani", "--role", "admin")[0] == 0
    monkeypatch.setattr(users_cli.getpass, "getpass",
                        lambda prompt="": pytest.fail("--sso asked for a password"))
    code, said = users("add", "dewi@kutaitimurkab.go.id", "--sso", "--role", "editor")
    assert code == 0, said
    assert "dewi@kutaitimurkab.go.id" in said
    code, said = users("add", "eko@kutaitimurkab.go.id", "--sso", "--password-stdin",
                       stdin="x\n")
    assert code == 2
    assert "--sso" in said


def test_the_app_with_sso_but_no_provider_configured_stays_closed(shared_url, monkeypatch,
                                                                  tmp_path) -> None:
    monkeypatch.setenv("PLANNER_AUTH", "sso")
    at = _app()
    assert not at.text_input  # no password form to fall back on
    assert not at.metric
    assert "[auth]" in at.error[0].value
