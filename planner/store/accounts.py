"""Who may use the shared app, with which role, and how they prove it: accounts and sign-in.

An account is a username, a display name, a role and an argon2id hash of its password
(argon2-cffi's ``PasswordHasher`` defaults; the password itself is never stored, logged or put in a
message). Roles grow: a **viewer** reads, compares and downloads; an **editor** also saves
versions and comparisons; an **admin** also restores, renames, deletes and brings back, and
manages the accounts. The library checks the role of whoever asks (:func:`authorize`) inside the
transaction that makes the change, so the app's controls are a courtesy, not the guard.

Someone working on their own machine (the ``planner`` command, or the app before any account
exists) is a *local operator* (:meth:`Actor.local`): no sign-in, every right, named as they choose.

A failed sign-in says the same thing whether the username is unknown, the password wrong or the
account disabled, and takes about as long (an unknown name is checked against a dummy hash).
After :attr:`Throttle.free` failures in a row a username must wait, longer after each failure.
At least one enabled admin always remains, and the first account made is an admin.
"""

from __future__ import annotations

import math
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from planner.i18n import register
from planner.store.db import check_existing, first_line, open_engine
from planner.store.errors import LibraryError
from planner.store.models import ROLES, USERNAME_LENGTH, AccountRow, Audit

__all__ = [
    "Account",
    "Accounts",
    "Actor",
    "Role",
    "Throttle",
    "accounts_exist",
    "authorize",
    "check_password",
    "check_username",
]

register(
    {
        "acct_bad_sign_in": {
            "id": "nama pengguna atau kata sandi salah",
            "en": "wrong username or password",
        },
        "acct_wait": {
            "id": "terlalu banyak percobaan masuk yang gagal untuk nama ini; coba lagi dalam "
            "{seconds} detik",
            "en": "too many failed sign-ins for this name; try again in {seconds} seconds",
        },
        "acct_role_needed": {
            "id": "ini perlu peran {role}; akun {user} berperan {have}. Minta admin mengubah "
            "peran Anda (`planner users set-role {user} {role}`)",
            "en": "this needs the {role} role; the account {user} is a {have}. Ask an admin to "
            "change your role (`planner users set-role {user} {role}`)",
        },
        "acct_inactive": {
            "id": "akun {user} tidak ada atau dinonaktifkan; masuk lagi dengan akun yang aktif",
            "en": "the account {user} does not exist or is disabled; sign in again with an "
            "active account",
        },
        "acct_sign_in_needed": {
            "id": "di aplikasi bersama, perubahan pustaka dicatat atas nama akun yang masuk; "
            "masuk dulu",
            "en": "in the shared app, library changes are recorded under the signed-in "
            "account; sign in first",
        },
        "acct_username": {
            "id": "nama pengguna {name!r} tidak sah: 2 sampai {most} huruf kecil, angka, titik, "
            "garis bawah, tanda minus atau @, diawali huruf atau angka (mis. ani.tapd)",
            "en": "the username {name!r} is not valid: 2 to {most} lower-case letters, digits, "
            "dots, underscores, hyphens or @, starting with a letter or digit (e.g. ani.tapd)",
        },
        "acct_role_unknown": {
            "id": "peran {role!r} tidak dikenal; pilih viewer, editor atau admin",
            "en": "unknown role {role!r}; choose viewer, editor or admin",
        },
        "acct_password_short": {
            "id": "kata sandi terlalu pendek; paling sedikit {least} karakter",
            "en": "the password is too short; at least {least} characters",
        },
        "acct_password_long": {
            "id": "kata sandi terlalu panjang; paling banyak {most} karakter",
            "en": "the password is too long; at most {most} characters",
        },
        "acct_password_is_name": {
            "id": "kata sandi tidak boleh sama dengan nama pengguna",
            "en": "the password may not be the username",
        },
        "acct_taken": {
            "id": "akun {user} sudah ada; lihat `planner users list`",
            "en": "the account {user} already exists; see `planner users list`",
        },
        "acct_not_found": {
            "id": "tidak ada akun {user}; lihat `planner users list`",
            "en": "there is no account {user}; see `planner users list`",
        },
        "acct_first_admin": {
            "id": "akun pertama harus admin (seseorang harus bisa mengelola akun lain): "
            "`planner users add NAMA --role admin`",
            "en": "the first account must be an admin (someone must be able to manage the "
            "others): `planner users add NAME --role admin`",
        },
        "acct_last_admin": {
            "id": "{user} adalah satu-satunya admin aktif; jadikan akun lain admin dulu",
            "en": "{user} is the only active admin; make another account an admin first",
        },
        "lib_kind_account": {"id": "akun", "en": "account"},
        "lib_action_account_add": {"id": "buat akun", "en": "add account"},
        "lib_action_account_role": {"id": "ubah peran", "en": "change role"},
        "lib_action_account_disable": {"id": "nonaktifkan akun", "en": "disable account"},
        "lib_action_account_enable": {"id": "aktifkan akun", "en": "enable account"},
        "lib_action_account_password": {"id": "atur ulang kata sandi", "en": "reset password"},
    }
)

MIN_PASSWORD, MAX_PASSWORD = 8, 1024
# the stored "hash" of an account that signs in only through the identity provider: not an
# argon2 hash, so no password ever matches it
SSO_ONLY = "!sso-only"
_USERNAME = re.compile(rf"^[a-z0-9][a-z0-9._@-]{{1,{USERNAME_LENGTH - 1}}}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_hasher = PasswordHasher()  # argon2id with argon2-cffi's defaults (RFC 9106 low-memory profile)
_dummy: list[str] = []  # a hash to check unknown names against, made on first need


class Role(StrEnum):
    """What an account may do; each role may do everything the roles before it may."""

    VIEWER = "viewer"
    EDITOR = "editor"
    ADMIN = "admin"

    def covers(self, needed: Role) -> bool:
        """Return True when this role may do what ``needed`` may."""
        return ROLES.index(self.value) >= ROLES.index(needed.value)

    @classmethod
    def parse(cls, text: str) -> Role:
        """Return the role named ``text`` (any case), or raise LibraryError listing the roles."""
        try:
            return cls(str(text).strip().lower())
        except ValueError:
            raise LibraryError("acct_role_unknown", role=text) from None


@dataclass(frozen=True)
class Actor:
    """Whoever asks the library to do something: a signed-in account or a local operator."""

    username: str
    role: Role
    display_name: str = ""
    signed_in: bool = True  # False: the planner command, or the app on one person's machine

    @classmethod
    def local(cls, name: str) -> Actor:
        """Return a local operator called ``name``: no sign-in, every right."""
        return cls(username=name, role=Role.ADMIN, display_name=name, signed_in=False)

    def may(self, needed: Role) -> bool:
        """Return True when this actor's role covers ``needed`` (for showing controls)."""
        return self.role.covers(needed)

    @property
    def shown(self) -> str:
        """The name people read: the display name, else the username."""
        return self.display_name or self.username


@dataclass(frozen=True)
class Account:
    """An account as listed: everything but its password hash."""

    username: str
    display_name: str
    role: Role
    created_at: datetime
    disabled_at: datetime | None
    last_sign_in: datetime | None

    @property
    def active(self) -> bool:
        """True when the account may sign in."""
        return self.disabled_at is None

    def to_json(self) -> dict[str, Any]:
        """Return the account as JSON data (no password hash)."""
        return {"username": self.username, "display_name": self.display_name,
                "role": str(self.role), "active": self.active,
                "created_at": self.created_at.isoformat(),
                "disabled_at": self.disabled_at.isoformat() if self.disabled_at else None,
                "last_sign_in": self.last_sign_in.isoformat() if self.last_sign_in else None}


def check_username(name: str) -> str:
    """Return ``name`` trimmed and in lower case, or raise LibraryError saying what is allowed."""
    cleaned = name.strip().lower() if isinstance(name, str) else ""
    if not _USERNAME.match(cleaned):
        raise LibraryError("acct_username", name=_CONTROL.sub("", str(name))[:80],
                           most=USERNAME_LENGTH)
    return cleaned


def check_password(password: str, username: str = "") -> str:
    """Return ``password`` unchanged, or raise LibraryError (which never repeats it)."""
    if not isinstance(password, str) or len(password) < MIN_PASSWORD:
        raise LibraryError("acct_password_short", least=MIN_PASSWORD)
    if len(password) > MAX_PASSWORD:
        raise LibraryError("acct_password_long", most=MAX_PASSWORD)
    if username and password.strip().lower() == username:
        raise LibraryError("acct_password_is_name")
    return password


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _dummy_hash() -> str:
    if not _dummy:
        _dummy.append(_hasher.hash("not a password of anyone's"))
    return _dummy[0]


def _now() -> datetime:
    return datetime.now(UTC)


def _utc(when: datetime | None) -> datetime | None:
    # SQLite hands back naive datetimes; they were stored in UTC
    return when.replace(tzinfo=UTC) if when is not None and when.tzinfo is None else when


def _account(row: AccountRow) -> Account:
    created = _utc(row.created_at)
    assert created is not None  # noqa: S101 - the column is NOT NULL
    return Account(username=row.username, display_name=row.display_name, role=Role(row.role),
                   created_at=created, disabled_at=_utc(row.disabled_at),
                   last_sign_in=_utc(row.last_sign_in))


def authorize(session: Session, actor: Actor, needed: Role, *,
              sign_in_required: bool = False) -> str:
    """Return the name to record for ``actor`` doing something that needs ``needed``.

    A signed-in actor's account is read again in ``session`` (the transaction of the change), so
    a role lowered or an account disabled since sign-in counts at once.

    Raises
    ------
    LibraryError
        ``acct_role_needed`` naming the role needed; ``acct_inactive`` for a disabled or
        unknown account; ``acct_sign_in_needed`` for a local operator where sign-in is required.

    """
    if not actor.signed_in:
        if sign_in_required:
            raise LibraryError("acct_sign_in_needed")
        return actor.username
    row = session.scalars(
        select(AccountRow).where(AccountRow.username == actor.username)).one_or_none()
    if row is None or row.disabled_at is not None:
        raise LibraryError("acct_inactive", user=actor.username)
    role = Role(row.role)
    if not role.covers(needed):
        raise LibraryError("acct_role_needed", role=str(needed), user=row.username,
                           have=str(role))
    return row.username


class Throttle:
    """Slow down guessing: after ``free`` failed sign-ins in a row, a username must wait.

    The wait doubles with each further failure (2 s, 4 s, 8 s, ... up to ``cap`` seconds) and
    ends with a successful sign-in. It is kept in memory, per process (one app server), by
    username, whether or not the username exists.
    """

    def __init__(self, free: int = 5, cap: float = 900.0,
                 clock: Callable[[], float] = time.monotonic, most_names: int = 10_000) -> None:
        self.free, self.cap, self._clock, self._most = free, cap, clock, most_names
        self._failures: dict[str, tuple[int, float]] = {}
        self._lock = threading.Lock()

    def wait(self, username: str) -> float:
        """Return the seconds ``username`` must still wait before trying again (0: none)."""
        with self._lock:
            n, last = self._failures.get(username, (0, 0.0))
        if n < self.free:
            return 0.0
        delay = min(2.0 ** (n - self.free + 1), self.cap)
        return max(0.0, last + delay - self._clock())

    def failed(self, username: str) -> None:
        """Count a failed sign-in for ``username``."""
        with self._lock:
            n, _ = self._failures.pop(username, (0, 0.0))
            if len(self._failures) >= self._most:  # forget the oldest name first
                self._failures.pop(next(iter(self._failures)))
            self._failures[username] = (n + 1, self._clock())

    def succeeded(self, username: str) -> None:
        """Forget ``username``'s failures."""
        with self._lock:
            self._failures.pop(username, None)


class Accounts:
    """The accounts of one library database (see :class:`~planner.store.library.Library`)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def _change(self, actor: Actor, username: str,
                action: Callable[[Session, str], Account]) -> Account:
        """Run ``action`` in one transaction, after checking that ``actor`` is an admin."""
        try:
            with self._sessions.begin() as session:
                return action(session, authorize(session, actor, Role.ADMIN))
        except IntegrityError:  # made at the same moment by someone else
            raise LibraryError("acct_taken", user=username) from None
        except OperationalError as exc:
            raise LibraryError("lib_busy", detail=first_line(exc)) from None

    @staticmethod
    def _row(session: Session, username: str, lock: bool = False) -> AccountRow:
        query = select(AccountRow).where(AccountRow.username == check_username(username))
        row = session.scalars(query.with_for_update() if lock else query).one_or_none()
        if row is None:
            raise LibraryError("acct_not_found", user=username.strip().lower())
        return row

    @staticmethod
    def _audit(session: Session, by: str, action: str, row: AccountRow,
               detail: dict[str, Any] | None = None) -> None:
        session.add(Audit(at=_now(), actor=by, action=action, kind="account",
                          target=row.username, subject_id=row.id, detail=detail or {}))

    @staticmethod
    def _keep_an_admin(session: Session, row: AccountRow) -> None:
        """Refuse a change that would leave no enabled admin (the admins are locked first)."""
        if row.role != Role.ADMIN or row.disabled_at is not None:
            return
        admins = session.scalars(select(AccountRow.id).where(
            AccountRow.role == Role.ADMIN.value, AccountRow.disabled_at.is_(None)
        ).with_for_update()).all()
        if len(admins) <= 1:
            raise LibraryError("acct_last_admin", user=row.username)

    def create(self, username: str, password: str | None, role: Role | str, *, actor: Actor,
               display_name: str = "") -> Account:
        """Make an account; the first one must be an admin.

        ``password`` None makes an account that signs in only through the office's identity
        provider (its username is the e-mail address the provider gives): no password matches.

        Raises
        ------
        LibraryError
            For a bad username or password, an unknown role, a name already used, a first
            account that is not an admin, or an actor who is not an admin.

        """
        username, role = check_username(username), Role.parse(role)
        if password is None:  # signs in through the office's identity provider only
            password_hash = SSO_ONLY
        else:
            check_password(password, username)
            password_hash = _hasher.hash(password)
        shown = _CONTROL.sub("", display_name or "").strip()[:120] or username

        def action(session: Session, by: str) -> Account:
            if session.scalar(select(AccountRow.id).where(AccountRow.username == username)):
                raise LibraryError("acct_taken", user=username)
            if role != Role.ADMIN and not session.scalar(select(func.count(AccountRow.id))):
                raise LibraryError("acct_first_admin")
            row = AccountRow(username=username, display_name=shown, role=role.value,
                             password_hash=password_hash, created_at=_now())
            session.add(row)
            session.flush()
            self._audit(session, by, "account_add", row, {"role": role.value})
            return _account(row)
        return self._change(actor, username, action)

    def set_role(self, username: str, role: Role | str, *, actor: Actor) -> Account:
        """Give an account another role (the last enabled admin keeps theirs)."""
        role = Role.parse(role)

        def action(session: Session, by: str) -> Account:
            row = self._row(session, username, lock=True)
            if role != row.role:
                if role != Role.ADMIN:
                    self._keep_an_admin(session, row)
                self._audit(session, by, "account_role", row, {"from": row.role,
                                                                "to": role.value})
                row.role = role.value
            return _account(row)
        return self._change(actor, str(username), action)

    def disable(self, username: str, *, actor: Actor) -> Account:
        """Stop an account from signing in (its history stays); the last admin stays enabled."""
        def action(session: Session, by: str) -> Account:
            row = self._row(session, username, lock=True)
            if row.disabled_at is None:
                self._keep_an_admin(session, row)
                row.disabled_at = _now()
                self._audit(session, by, "account_disable", row)
            return _account(row)
        return self._change(actor, str(username), action)

    def enable(self, username: str, *, actor: Actor) -> Account:
        """Let a disabled account sign in again."""
        def action(session: Session, by: str) -> Account:
            row = self._row(session, username, lock=True)
            if row.disabled_at is not None:
                row.disabled_at = None
                self._audit(session, by, "account_enable", row)
            return _account(row)
        return self._change(actor, str(username), action)

    def reset_password(self, username: str, password: str, *, actor: Actor) -> Account:
        """Give an account a new password (the audit says so; it never holds the password)."""
        name = check_username(username)
        password_hash = _hasher.hash(check_password(password, name))

        def action(session: Session, by: str) -> Account:
            row = self._row(session, name, lock=True)
            row.password_hash = password_hash
            self._audit(session, by, "account_password", row)
            return _account(row)
        return self._change(actor, str(username), action)

    def verify(self, username: str, password: str, throttle: Throttle | None = None) -> Actor:
        """Return the actor of an active account whose password matches.

        The password is checked in constant time by argon2; an unknown name is checked against
        a dummy hash, so a failure takes about as long whatever the cause. A hash made with
        older settings is replaced by one with the current settings.

        Raises
        ------
        LibraryError
            ``acct_bad_sign_in`` (the same words for an unknown name, a wrong password or a
            disabled account), or ``acct_wait`` when the name must wait (see :class:`Throttle`).

        """
        key = _CONTROL.sub("", str(username)).strip().lower()[:USERNAME_LENGTH]
        if throttle is not None:
            wait = throttle.wait(key)
            if wait > 0:
                raise LibraryError("acct_wait", seconds=math.ceil(wait))
        try:
            with self._sessions() as session:
                row = session.scalars(select(AccountRow).where(
                    AccountRow.username == key)).one_or_none()
        except OperationalError as exc:
            raise LibraryError("lib_busy", detail=first_line(exc)) from None
        matched = _verify(row.password_hash if row is not None else _dummy_hash(),
                          password if isinstance(password, str) else "")
        if row is None or not matched or row.disabled_at is not None:
            if throttle is not None:
                throttle.failed(key)
            raise LibraryError("acct_bad_sign_in")
        if throttle is not None:
            throttle.succeeded(key)
        rehash = _hasher.check_needs_rehash(row.password_hash)
        new_hash = _hasher.hash(password) if rehash else None
        with self._sessions.begin() as session:
            stored = session.get(AccountRow, row.id)
            if stored is not None:
                stored.last_sign_in = _now()
                if new_hash is not None:
                    stored.password_hash = new_hash
        return Actor(username=row.username, role=Role(row.role), display_name=row.display_name)

    def by_identity(self, email: str) -> Actor | None:
        """Return the actor of the active account named ``email``, signed in by the provider.

        The office's identity provider (``st.login``) vouches for the address; the account
        gives the role. None for an address with no account, or a disabled one.
        """
        try:
            username = check_username(email)
        except LibraryError:
            return None
        try:
            with self._sessions.begin() as session:
                row = session.scalars(select(AccountRow).where(
                    AccountRow.username == username)).one_or_none()
                if row is None or row.disabled_at is not None:
                    return None
                row.last_sign_in = _now()
                return Actor(username=row.username, role=Role(row.role),
                             display_name=row.display_name)
        except OperationalError as exc:
            raise LibraryError("lib_busy", detail=first_line(exc)) from None

    def current(self, actor: Actor) -> Actor | None:
        """Return ``actor`` with its account's role and name now, or None if it is disabled."""
        if not actor.signed_in:
            return actor
        with self._sessions() as session:
            row = session.scalars(select(AccountRow).where(
                AccountRow.username == actor.username)).one_or_none()
        if row is None or row.disabled_at is not None:
            return None
        return Actor(username=row.username, role=Role(row.role), display_name=row.display_name)

    def get(self, username: str) -> Account:
        """Return one account (raises LibraryError when there is none)."""
        with self._sessions() as session:
            return _account(self._row(session, username))

    def list_all(self) -> list[Account]:
        """Return every account, by username."""
        with self._sessions() as session:
            return [_account(r) for r in session.scalars(
                select(AccountRow).order_by(AccountRow.username))]

    def exist(self) -> bool:
        """Return True when the library has any account (then the app asks everyone to sign in)."""
        with self._sessions() as session:
            return session.scalar(select(AccountRow.id).limit(1)) is not None


def accounts_exist(url: str | None = None) -> bool:
    """Return True when the library at ``url`` has accounts, without creating or changing it.

    A missing library, or one older than the accounts (revision 0001), has none.
    """
    try:
        check_existing(url)
    except LibraryError:
        return False
    engine = open_engine(url)
    try:
        return Accounts(engine).exist()
    except SQLAlchemyError:
        return False
    finally:
        engine.dispose()
