"""Navigation over the app's pages, with titles in the chosen language, behind the sign-in.

When the app is shared (see :mod:`planner.ui.auth`) a signed-out visitor gets only the sign-in
page: the navigation is hidden and every page's address runs a stand-in that draws nothing, so
an address such as ``/pustaka`` opens the sign-in page, and after sign-in the page it names.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from planner.i18n import t
from planner.ui import (  # noqa: F401 - the app's words
    auth,
    draft_store,
    hearing_texts,
    library_texts,
    print_style,
    replan_texts,
    texts,
)
from planner.ui.state import state

PAGES = Path(__file__).resolve().parent / "pages"
# (file in pages/, title, icon, address); the first is the default page
NAVIGATION = [
    ("plan.py", "ui_page_plan", ":material/table:", "rencana"),
    ("cut.py", "ui_page_cut", ":material/trending_down:", "pemotongan"),
    ("need.py", "ui_page_need", ":material/savings:", "kebutuhan"),
    ("compare.py", "ui_page_compare", ":material/compare_arrows:", "bandingkan"),
    ("replan.py", "ui_page_replan", ":material/event_repeat:", "apbd-p"),
    ("library.py", "ui_page_library", ":material/inventory_2:", "pustaka"),
]


def main() -> None:
    """Configure the page, ask for sign-in when the app is shared, run the selected page."""
    # the sidebar's radio updates the state only when a page runs, after the navigation is
    # built: read the widget's own value so page titles follow the switch at once
    app = state()
    chosen = st.session_state.get("ui_lang", app.lang)
    lang = chosen if isinstance(chosen, str) else app.lang
    st.set_page_config(page_title=t("ui_app_title", lang), layout="wide",
                       initial_sidebar_state="expanded")
    if not auth.gate(app):  # the sign-in page was drawn; the pages stay out of reach
        st.navigation([st.Page(auth.signed_out, title=t("ui_auth_title", lang), url_path=path,
                               default=i == 0) for i, (_, _, _, path) in enumerate(NAVIGATION)],
                      position="hidden").run()
        return
    print_style.inject(lang)
    # the author's drafts: brought back on a new session (a reload, another tab), and kept as
    # they change (before the page, for a run that ended in a rerun; after it, for this one)
    draft_store.restore(app)
    draft_store.sync(app)
    nav = st.navigation([
        st.Page(PAGES / file, title=t(title, lang), icon=icon, url_path=path, default=i == 0)
        for i, (file, title, icon, path) in enumerate(NAVIGATION)])
    auth.account_box(app)
    draft_store.notice(app)
    nav.run()
    draft_store.sync(app)
