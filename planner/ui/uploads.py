"""An uploaded scenario taken into the list: by its content, said in the main area.

The content, not the file's name, identifies an upload (:meth:`AppState.add_upload`): the same
text opens the scenario already there; a changed file with an earlier upload's name replaces
it; with an example's name it is added beside it. What happened is said once in the main area,
and a file that cannot be used is listed there with each problem, saying that the plan shown is
still the previous scenario's.
"""

from __future__ import annotations

import hashlib
from typing import Any

import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from planner.engine.yamlio import parse_yaml
from planner.errors import ScenarioError
from planner.i18n import t
from planner.store.upload import is_excel, read_upload
from planner.ui import hearing_texts  # noqa: F401 - the words said here
from planner.ui.problems import show_problems
from planner.ui.state import AppState

__all__ = ["take_upload"]

_SAID = "planner_upload_said"  # the one-time message after the rerun that opens an upload


def _data(raw: bytes, filename: str) -> Any:
    """Return the upload's data as read, for naming the groups and sources in its problems."""
    if is_excel(filename, raw):
        return None
    try:
        return parse_yaml(raw.decode("utf-8", errors="replace"), filename)
    except ScenarioError:
        return None


def take_upload(app: AppState, upload: UploadedFile | None, lang: str) -> None:
    """Take ``upload`` into the list (and rerun), or say why not; say what the last one did."""
    said = st.session_state.pop(_SAID, None)
    if isinstance(said, str) and said:
        st.info(said, icon=":material/upload_file:")
    if upload is None:
        app.upload_problem = None
        return
    raw = upload.getvalue()
    digest = hashlib.sha256(upload.name.encode() + b"\0" + raw).hexdigest()
    if app.upload_problem is None or app.upload_problem[0] != digest:
        try:
            # YAML is kept as given; an Excel template becomes YAML text (planner.store)
            text, _ = read_upload(raw, upload.name)
            key, what = app.add_upload(upload.name, text)
        except ScenarioError as exc:
            app.upload_problem = (digest, upload.name, exc)
        else:
            app.upload_problem = None
            st.session_state[_SAID] = t(f"ui_upload_{what}", lang, file=upload.name, name=key)
            st.rerun()
    if app.upload_problem is not None:
        _, name, error = app.upload_problem
        show_problems(t("ui_upload_refused", lang, file=name, current=app.current), error,
                      _data(raw, name), lang)
