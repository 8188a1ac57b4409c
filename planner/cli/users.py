"""``planner users ...``: the accounts that may sign in to the shared app; prints, never computes.

Whoever runs these commands is a local operator with every right (as with ``planner library``):
the audit names them by ``$PLANNER_AUTHOR`` or their login name. A password is read twice from
the terminal without being shown (``getpass``), or once from standard input with
``--password-stdin`` (for scripts); it is never printed, logged or stored, only its argon2id hash.
The database is ``--db URL``, else ``$PLANNER_DB_URL``, else ``data/library.db``. Exit status:
0 done, 2 a request that cannot be done (a bad name, role or password, an unknown account, the
last admin), 1 a database that cannot be reached.
"""

from __future__ import annotations

import getpass
import json
import os
import sys
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from planner.cli.common import check_lang
from planner.cli.library import Db, Lang
from planner.i18n import register, t
from planner.store.errors import LibraryError  # light: registers the library's messages
from planner.texttable import text_table

if TYPE_CHECKING:
    from planner.store.accounts import Account, Accounts, Actor

__all__ = ["users_app"]

register(
    {
        "users_added": {
            "id": "Akun dibuat: {user} ({name}), peran {role}",
            "en": "Account made: {user} ({name}), role {role}",
        },
        "users_role_set": {"id": "Peran {user} sekarang {role}", "en": "{user} is now {role}"},
        "users_disabled": {
            "id": "Akun {user} dinonaktifkan: tidak bisa masuk sampai diaktifkan lagi "
            "(`planner users enable {user}`)",
            "en": "Account {user} disabled: it cannot sign in until enabled again "
            "(`planner users enable {user}`)",
        },
        "users_enabled": {"id": "Akun {user} aktif lagi", "en": "Account {user} is active again"},
        "users_password_reset": {
            "id": "Kata sandi {user} sudah diganti",
            "en": "The password of {user} was changed",
        },
        "users_prompt": {"id": "Kata sandi untuk {user}: ", "en": "Password for {user}: "},
        "users_prompt_again": {"id": "Ulangi kata sandi: ", "en": "Repeat the password: "},
        "users_mismatch": {
            "id": "kedua kata sandi tidak sama; tidak ada yang diubah",
            "en": "the two passwords differ; nothing was changed",
        },
        "users_sso_no_password": {
            "id": "akun --sso masuk lewat penyedia identitas kantor, tanpa kata sandi; hapus "
            "--password-stdin",
            "en": "an --sso account signs in through the office's identity provider, without a "
            "password; drop --password-stdin",
        },
        "users_no_password": {
            "id": "tidak ada kata sandi yang dibaca; ketik di terminal atau kirim satu baris ke "
            "masukan standar dengan --password-stdin",
            "en": "no password was read; type it at a terminal or send one line to standard "
            "input with --password-stdin",
        },
        "users_none": {
            "id": "Belum ada akun; aplikasi tidak meminta masuk. Buat admin pertama dengan "
            "`planner users add NAMA --role admin`.",
            "en": "No accounts yet; the app asks no one to sign in. Make the first admin with "
            "`planner users add NAME --role admin`.",
        },
        "users_col_user": {"id": "Nama pengguna", "en": "Username"},
        "users_col_name": {"id": "Nama", "en": "Name"},
        "users_col_role": {"id": "Peran", "en": "Role"},
        "users_col_state": {"id": "Keadaan", "en": "State"},
        "users_col_last": {"id": "Terakhir masuk", "en": "Last sign-in"},
        "users_active": {"id": "aktif", "en": "active"},
        "users_inactive": {"id": "nonaktif", "en": "disabled"},
        "users_never": {"id": "belum pernah", "en": "never"},
    }
)

users_app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Accounts of the shared app: add, list, change a role, disable, enable, reset a "
    "password.",
)

Name = Annotated[str, typer.Argument(help="The username, e.g. ani.tapd.")]
Json = Annotated[bool, typer.Option("--json", help="Print JSON.")]
PasswordStdin = Annotated[bool, typer.Option(
    "--password-stdin", help="Read the password from the first line of standard input.")]


def _operator() -> Actor:
    """Return the local operator running the command: ``$PLANNER_AUTHOR`` or the login name."""
    from planner.store.accounts import Actor

    try:
        name = os.environ.get("PLANNER_AUTHOR") or getpass.getuser()
    except (KeyError, OSError):
        name = "unknown"
    return Actor.local(name)


def _fail(exc: LibraryError, lang: str) -> NoReturn:
    typer.echo(exc.message(lang), err=True)
    environment = exc.key in {"lib_unreachable", "lib_newer_schema", "lib_busy", "lib_bad_url"}
    raise typer.Exit(1 if environment else 2)


def _accounts(db: str | None, lang: str, *, create: bool = True) -> Accounts:
    """Open the library's accounts; a command that only reads passes ``create=False``."""
    from planner.store.library import Library  # SQLAlchemy and argon2 are loaded only here

    try:
        return Library.open(db, create=create).accounts
    except LibraryError as exc:
        _fail(exc, lang)


def _password(user: str, from_stdin: bool, lang: str) -> str:
    """Read a new password: one line of standard input, or typed twice without echo."""
    if from_stdin:
        typed = sys.stdin.readline().rstrip("\r\n")
    else:
        try:
            typed = getpass.getpass(t("users_prompt", lang, user=user))
            again = getpass.getpass(t("users_prompt_again", lang))
        except (EOFError, KeyboardInterrupt):
            typed, again = "", ""
        if typed != again:
            typer.echo(t("users_mismatch", lang), err=True)
            raise typer.Exit(2)
    if not typed:
        typer.echo(t("users_no_password", lang), err=True)
        raise typer.Exit(2)
    return typed


def _checked(user: str, role: str | None, lang: str) -> str:
    """Check the username (and role) before a password is asked for; returns the username."""
    from planner.store.accounts import Role, check_username

    try:
        if role is not None:
            Role.parse(role)
        return check_username(user)
    except LibraryError as exc:
        _fail(exc, lang)


@users_app.command("add")
def add_cmd(
    user: Name,
    role: Annotated[str, typer.Option("--role", help="viewer, editor or admin.")] = "viewer",
    display_name: Annotated[str, typer.Option("--display-name", help="The name people read, "
                                              "e.g. 'Ani (TAPD)'.")] = "",
    password_stdin: PasswordStdin = False,
    sso: Annotated[bool, typer.Option(
        "--sso", help="The account signs in only through the office's identity provider "
        "(PLANNER_AUTH=sso): USER is the e-mail address it gives; no password.")] = False,
    db: Db = None, lang: Lang = "id",
) -> None:
    """Make an account (the first must be an admin); the password is asked for twice."""
    lang = check_lang(lang)
    user = _checked(user, role, lang)
    if sso and password_stdin:
        raise typer.BadParameter(t("users_sso_no_password", lang), param_hint="--sso")
    accounts = _accounts(db, lang)  # a library that cannot be opened is said first
    password = None if sso else _password(user, password_stdin, lang)
    try:
        account = accounts.create(user, password, role, actor=_operator(),
                                  display_name=display_name)
    except LibraryError as exc:
        _fail(exc, lang)
    typer.echo(t("users_added", lang, user=account.username, name=account.display_name,
                 role=account.role))


def _when(moment: datetime | None, lang: str) -> str:
    if moment is None:
        return t("users_never", lang)
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def _rows(accounts: list[Account], lang: str) -> list[list[str]]:
    return [[a.username, a.display_name, str(a.role),
             t("users_active" if a.active else "users_inactive", lang),
             _when(a.last_sign_in, lang)] for a in accounts]


@users_app.command("list")
def list_cmd(db: Db = None, as_json: Json = False, lang: Lang = "id") -> None:
    """List the accounts: username, name, role, active or not, last sign-in (no passwords)."""
    lang = check_lang(lang)
    try:
        accounts = _accounts(db, lang, create=False).list_all()
    except LibraryError as exc:
        _fail(exc, lang)
    if as_json:
        typer.echo(json.dumps([a.to_json() for a in accounts], ensure_ascii=False, indent=2))
        return
    if not accounts:
        typer.echo(t("users_none", lang))
        return
    headers = [t(k, lang) for k in ("users_col_user", "users_col_name", "users_col_role",
                                    "users_col_state", "users_col_last")]
    typer.echo(text_table(headers, _rows(accounts, lang), numeric_from=len(headers)))


@users_app.command("set-role")
def set_role_cmd(user: Name, role: Annotated[str, typer.Argument(
        help="viewer, editor or admin.")], db: Db = None, lang: Lang = "id") -> None:
    """Give an account another role (the last active admin keeps theirs)."""
    lang = check_lang(lang)
    user = _checked(user, role, lang)
    try:
        account = _accounts(db, lang).set_role(user, role, actor=_operator())
    except LibraryError as exc:
        _fail(exc, lang)
    typer.echo(t("users_role_set", lang, user=account.username, role=account.role))


@users_app.command("disable")
def disable_cmd(user: Name, db: Db = None, lang: Lang = "id") -> None:
    """Stop an account from signing in; its name stays in the history."""
    lang = check_lang(lang)
    user = _checked(user, None, lang)
    try:
        _accounts(db, lang).disable(user, actor=_operator())
    except LibraryError as exc:
        _fail(exc, lang)
    typer.echo(t("users_disabled", lang, user=user))


@users_app.command("enable")
def enable_cmd(user: Name, db: Db = None, lang: Lang = "id") -> None:
    """Let a disabled account sign in again."""
    lang = check_lang(lang)
    user = _checked(user, None, lang)
    try:
        _accounts(db, lang).enable(user, actor=_operator())
    except LibraryError as exc:
        _fail(exc, lang)
    typer.echo(t("users_enabled", lang, user=user))


@users_app.command("reset-password")
def reset_password_cmd(user: Name, password_stdin: PasswordStdin = False, db: Db = None,
                       lang: Lang = "id") -> None:
    """Give an account a new password (asked for twice)."""
    lang = check_lang(lang)
    user = _checked(user, None, lang)
    accounts = _accounts(db, lang)
    try:
        accounts.get(user)  # an unknown name is said before a password is asked for
        accounts.reset_password(user, _password(user, password_stdin, lang),
                                actor=_operator())
    except LibraryError as exc:
        _fail(exc, lang)
    typer.echo(t("users_password_reset", lang, user=user))
