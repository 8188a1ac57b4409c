"""Navigation over the app's pages, with titles in the chosen language."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from planner.i18n import t
from planner.ui import library_texts, replan_texts, texts  # noqa: F401 - the app's words
from planner.ui.state import state

PAGES = Path(__file__).resolve().parent / "pages"


def main() -> None:
    """Configure the page and run the selected page."""
    # the sidebar's radio updates the state only when a page runs, after the navigation is
    # built: read the widget's own value so page titles follow the switch at once
    app = state()
    chosen = st.session_state.get("ui_lang", app.lang)
    lang = chosen if isinstance(chosen, str) else app.lang
    st.set_page_config(page_title=t("ui_app_title", lang), layout="wide",
                       initial_sidebar_state="expanded")
    nav = st.navigation([
        st.Page(PAGES / "plan.py", title=t("ui_page_plan", lang), icon=":material/table:",
                url_path="rencana", default=True),
        st.Page(PAGES / "cut.py", title=t("ui_page_cut", lang), icon=":material/trending_down:",
                url_path="pemotongan"),
        st.Page(PAGES / "need.py", title=t("ui_page_need", lang), icon=":material/savings:",
                url_path="kebutuhan"),
        st.Page(PAGES / "compare.py", title=t("ui_page_compare", lang),
                icon=":material/compare_arrows:", url_path="bandingkan"),
        st.Page(PAGES / "replan.py", title=t("ui_page_replan", lang),
                icon=":material/event_repeat:", url_path="apbd-p"),
        st.Page(PAGES / "library.py", title=t("ui_page_library", lang),
                icon=":material/inventory_2:", url_path="pustaka"),
    ])
    nav.run()
