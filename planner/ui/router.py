"""Navigation over the app's pages."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

PAGES = Path(__file__).resolve().parent / "pages"


def main() -> None:
    """Configure the page and run the selected page."""
    st.set_page_config(page_title="Perencana Iuran BPJS Ketenagakerjaan", layout="wide")
    nav = st.navigation([st.Page(PAGES / "plan.py", title="Rencana", icon=":material/table:")])
    nav.run()
