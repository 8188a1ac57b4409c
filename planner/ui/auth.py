"""Sign-in for the app when it is shared: who may see it, and who is acting in the library.

On one person's machine (the default: ``make run`` serves on 127.0.0.1 only) nobody signs in and
the Library page records the name typed there, as before. Sign-in is required on every page,
before anything else is drawn, when any of these holds:

- ``PLANNER_SHARED=1`` or ``PLANNER_AUTH=password`` (the documented setting for the office
  network), or ``PLANNER_AUTH=sso``: sign-in through the office's identity provider (Streamlit's
  OpenID Connect ``st.login``, configured under ``[auth]`` in ``.streamlit/secrets.toml``), the
  provider's e-mail address naming the account and so its role; another ``PLANNER_AUTH`` value
  keeps the app closed with a message;
- the server listens on an address other than this machine's own (``--server.address 0.0.0.0``);
- the library has accounts (an office that made accounts wants them used).

A signed-in session ends after ``PLANNER_SESSION_MINUTES`` (30) minutes without activity, when
its account is disabled, or with the sidebar's "Keluar" button; each time the whole session state
is dropped, so the next person at the screen sees nothing of the last one's work. Failed sign-ins
are slowed per username (:class:`~planner.store.accounts.Throttle`). The library itself checks
every change against the signed-in account's role (``Library.sign_in_required`` is set here), so a
page that forgot a check cannot write as someone else.
"""

from __future__ import annotations

import os
import time

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from planner.i18n import LANGS, t
from planner.store.accounts import Actor, Role, Throttle, accounts_exist
from planner.store.db import default_url
from planner.store.errors import LibraryError
from planner.store.library import Library
from planner.ui import texts  # noqa: F401 - registers the sign-in words
from planner.ui.library_access import library
from planner.ui.state import AppState, state
from planner.ui.texts import LANGUAGE_NAMES

__all__ = ["account_box", "acting", "gate", "needs_role", "required", "session_minutes",
           "signed_out"]

SHARED_ENV, AUTH_ENV, MINUTES_ENV = "PLANNER_SHARED", "PLANNER_AUTH", "PLANNER_SESSION_MINUTES"
DEFAULT_MINUTES = 30
_YES = {"1", "true", "yes", "ya", "on"}
_THIS_MACHINE = {"", "127.0.0.1", "localhost", "::1"}
_known_to_have_accounts: set[str] = set()  # accounts are never deleted: once seen, always there


SETTINGS = {"", "password", "sso"}


def _setting() -> str:
    """Return ``"password"`` or ``"sso"`` when the settings ask for sign-in, ``""`` if not.

    Any other value is returned as it is, for the gate to refuse.
    """
    auth = os.environ.get(AUTH_ENV, "").strip().lower()
    if auth:
        return auth
    return "password" if os.environ.get(SHARED_ENV, "").strip().lower() in _YES else ""


def session_minutes() -> float:
    """Return the minutes without activity that end a session (``$PLANNER_SESSION_MINUTES``)."""
    try:
        minutes = float(os.environ.get(MINUTES_ENV, ""))
    except ValueError:
        return DEFAULT_MINUTES
    return minutes if minutes > 0 else DEFAULT_MINUTES


def _served_beyond_this_machine() -> bool:
    address = st.get_option("server.address")
    return isinstance(address, str) and address.strip() not in _THIS_MACHINE


@st.cache_data(ttl=10, show_spinner=False)
def _has_accounts(url: str) -> bool:
    return accounts_exist(url)


def _library_has_accounts() -> bool:
    url = default_url()
    if url in _known_to_have_accounts:
        return True
    if _has_accounts(url):
        _known_to_have_accounts.add(url)
        return True
    return False


def required() -> bool:
    """Return True when everyone must sign in before the app shows anything."""
    return bool(_setting()) or _served_beyond_this_machine() or _library_has_accounts()


@st.cache_resource(show_spinner=False)
def _throttle() -> Throttle:
    return Throttle()  # one per app server: the failures of every session count together


def _sign_out(app: AppState, notice: str) -> AppState:
    """Forget the whole session (the signed-in account and its work); keep the language."""
    lang = app.lang
    st.session_state.clear()
    fresh = state()
    fresh.lang, fresh.notice = lang, notice
    return fresh


def _refuse(lang: str, message: str) -> None:
    st.title(t("ui_auth_title", lang))
    st.error(message)


def gate(app: AppState) -> bool:
    """Return True when the page may be drawn; else draw the sign-in page and return False.

    Also renews a signed-in session (its account is read again: a role changed by an admin
    shows at once, a disabled account is signed out).
    """
    if not required():
        return True
    setting = _setting()
    if setting not in SETTINGS:
        _refuse(app.lang, t("ui_auth_bad_setting", app.lang, value=setting))
        return False
    if setting == "sso" and not _sso_configured():
        _refuse(app.lang, t("ui_auth_sso_missing", app.lang))
        return False
    lib = library()
    if isinstance(lib, LibraryError):
        _refuse(app.lang, t("ui_auth_no_library", app.lang, detail=lib.message(app.lang)))
        return False
    lib.sign_in_required = True  # from now on the library refuses changes by no one
    actor = app.actor
    if actor is not None:
        if time.time() - app.last_seen > session_minutes() * 60:
            minutes = f"{session_minutes():g}"
            app = _sign_out(app, t("ui_auth_expired", app.lang, minutes=minutes))
        else:
            current = lib.accounts.current(actor)
            if current is None:
                app = _sign_out(app, t("ui_auth_inactive", app.lang))
            else:
                app.actor, app.last_seen = current, time.time()
                return True
    if setting == "sso":
        return _sso_sign_in(lib, app)
    _sign_in_page(lib, app)
    return False


def _sso_configured() -> bool:
    """Return True when ``.streamlit/secrets.toml`` has the ``[auth]`` of an identity provider."""
    try:
        return "auth" in st.secrets
    except (FileNotFoundError, StreamlitSecretNotFoundError):
        return False


def _sso_sign_in(lib: Library, app: AppState) -> bool:
    """Sign in through the office's identity provider (``st.login``); the account gives the role.

    The provider vouches for the e-mail address; an active account of that name (made with
    ``planner users add EMAIL --sso``) is who acts. A session that ended (idle, signed out, its
    account disabled) also leaves the provider's sign-in here, so the next visitor starts over.
    """
    if app.notice and st.user.is_logged_in:
        st.logout()  # the session ended: the identity cookie goes too
        return False
    if st.user.is_logged_in:
        email = str(st.user.get("email") or "").strip().lower()
        try:
            actor = lib.accounts.by_identity(email)
        except LibraryError as exc:
            _refuse(app.lang, exc.message(app.lang))
            return False
        if actor is not None:
            app.actor, app.last_seen, app.notice = actor, time.time(), ""
            return True
    _, middle, _ = st.columns([1, 2, 1])
    with middle:
        lang = _language(app)
        st.title(t("ui_auth_title", lang))
        if app.notice:
            st.info(app.notice)
        if st.user.is_logged_in:  # the provider knows them; this library does not
            st.error(t("ui_auth_sso_unknown", lang, email=email or "-"))
            if st.button(t("ui_auth_sign_out", lang), key="auth_sso_out",
                         icon=":material/logout:"):
                st.logout()
            return False
        st.write(t("ui_auth_sso_intro", lang))
        if st.button(t("ui_auth_sso_sign_in", lang), key="auth_sso", type="primary",
                     icon=":material/badge:"):
            st.login()
    return False


def _language(app: AppState) -> str:
    """Draw the sign-in page's language switch; return the language chosen."""
    lang = st.radio("Bahasa / Language", list(LANGS), index=list(LANGS).index(app.lang),
                    format_func=lambda code: LANGUAGE_NAMES[code], horizontal=True,
                    key="auth_lang")
    app.lang = lang
    return lang


def _sign_in_page(lib: Library, app: AppState) -> None:
    """Draw all a signed-out visitor sees: the language, a username and a password."""
    _, middle, _ = st.columns([1, 2, 1])
    with middle:
        lang = _language(app)
        st.title(t("ui_auth_title", lang))
        st.write(t("ui_auth_intro", lang))
        if app.notice:
            st.info(app.notice)
        with st.form("auth_form", clear_on_submit=True):
            username = st.text_input(t("ui_auth_username", lang), key="auth_username",
                                     autocomplete="username")
            password = st.text_input(t("ui_auth_password", lang), type="password",
                                     key="auth_password", autocomplete="current-password")
            submitted = st.form_submit_button(t("ui_auth_sign_in", lang), type="primary",
                                              key="auth_submit")
        if submitted:
            try:
                actor = lib.accounts.verify(username, password, _throttle())
            except LibraryError as exc:
                st.error(exc.message(lang))
            else:
                app.actor, app.last_seen, app.notice = actor, time.time(), ""
                st.rerun()
        if not lib.accounts.exist():
            st.warning(t("ui_auth_no_accounts", lang))


def signed_out() -> None:
    """Stand in for the pages while nobody is signed in (the sign-in page is already drawn)."""


def account_box(app: AppState) -> None:
    """In the sidebar: who is signed in, and the "Keluar" (sign out) button."""
    actor = app.actor
    if actor is None:
        return
    lang = app.lang
    with st.sidebar:
        st.caption(t("ui_auth_signed_in_as", lang, name=actor.shown, user=actor.username,
                     role=actor.role))
        if st.button(t("ui_auth_sign_out", lang), key="auth_sign_out",
                     icon=":material/logout:"):
            _sign_out(app, t("ui_auth_signed_out", lang))
            if _setting() == "sso" and st.user.is_logged_in:
                # the provider's cookie goes too; stop here, since a rerun would drop the
                # message that sends the browser to sign out
                st.logout()
                st.stop()
            st.rerun()


def acting(app: AppState) -> Actor | None:
    """Return who acts in the library: the signed-in account, a local operator, or None.

    None means nobody is signed in and no name was typed (the page asks for one).
    """
    if app.actor is not None:
        return app.actor
    name = app.author.strip()
    return Actor.local(name) if name else None


def needs_role(actor: Actor | None, role: Role, what: str, lang: str) -> bool:
    """Return True (and say which role is needed) when ``actor`` may not do ``what``."""
    if actor is None or actor.may(role):
        return False
    st.info(t("ui_auth_needs_role", lang, what=t(what, lang), role=role, have=actor.role),
            icon=":material/lock:")
    return True
