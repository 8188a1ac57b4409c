"""The app's own styles: a page that prints whole, Streamlit's English words replaced, 1024 px.

:func:`inject` adds one ``<style>`` per run (from the router). For the browser's print (Ctrl-P)
it hides the sidebar, the header, sliders, buttons, uploads and closed sections, lets the page
grow past one screen and swaps each interactive table (a canvas that shows a scrolled window of
its rows) for its printable twin, an HTML table with every row and column that
:func:`print_table` puts beside it and that the screen never shows.

On screen it replaces the words Streamlit gives no setting for (the uploader's "Drag and drop
file here", "Limit 10MB per file", "Browse files"; the multiselect's "Select all") with the
page's language, and lets long names wrap at 1024 px.
"""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from planner.i18n import t
from planner.ui import hearing_texts  # noqa: F401 - the words set here

__all__ = ["PRINT_ONLY", "inject", "print_table"]

PRINT_ONLY = "planner-print-only"

_PRINT = f"""
.{PRINT_ONLY} {{ display: none; }}
[data-testid="stElementContainer"]:has(.{PRINT_ONLY}) {{ display: none; }}
/* the uploader's and the multiselect's English words: replaced below, or not offered */
[data-testid="stFileUploaderDropzoneInstructions"] span,
[data-testid="stFileUploaderDropzoneInstructions"] small {{ display: none; }}
[data-key="__select_all__"], [data-key="__select_matches__"] {{ display: none !important; }}
[data-testid="stFileUploaderDropzone"] button,
[data-testid="stFileUploaderDropzone"] button * {{ font-size: 0 !important; }}
/* 1024 px: a select box shows its whole choice, a button its whole label */
[data-testid="stSelectbox"] [data-baseweb="select"] div {{ white-space: normal; }}
[data-testid="stButton"] button p, [data-testid="stDownloadButton"] button p,
[data-testid="stFormSubmitButton"] button p {{ white-space: normal; }}
/* room for the tables: Streamlit's wide layout leaves 5rem each side of the main block, and a
   300 px sidebar leaves 724 px of a 1024 px window; the figures need that room more */
[data-testid="stMainBlockContainer"] {{ padding-left: 2rem; padding-right: 2rem; }}
@media (max-width: 1200px) {{
  [data-testid="stMainBlockContainer"] {{ padding-left: 1rem; padding-right: 1rem; }}
  [data-testid="stSidebar"][data-collapsed="false"] {{
    width: 244px !important; min-width: 244px !important; max-width: 244px !important; }}
}}
@media print {{
  @page {{ size: A4 landscape; margin: 12mm; }}
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
  [data-testid="stHeader"], header, [data-testid="stToolbar"], [data-testid="stDecoration"],
  [data-testid="stStatusWidget"], [data-testid="stSlider"], [data-testid="stButton"],
  [data-testid="stDownloadButton"], [data-testid="stFormSubmitButton"], [data-testid="stForm"],
  [data-testid="stFileUploader"], [data-testid="stExpander"], [data-testid="stTextInput"],
  [data-testid="stDataFrame"], [data-testid="stDataEditor"], [data-testid="stTabs"] [role="tablist"]
  {{ display: none !important; }}
  html, body, .stApp, [data-testid="stApp"], [data-testid="stAppViewContainer"],
  [data-testid="stMain"], [data-testid="stMainBlockContainer"] {{
    overflow: visible !important; height: auto !important; min-height: 0 !important;
    position: static !important; }}
  [data-testid="stMainBlockContainer"] {{ padding: 0 !important; max-width: 100% !important; }}
  [data-testid="stElementContainer"]:has(.{PRINT_ONLY}) {{ display: block !important; }}
  .{PRINT_ONLY} {{ display: block !important; }}
  table.planner-print {{ border-collapse: collapse; width: 100%; font-size: 8.5pt;
    page-break-inside: auto; }}
  table.planner-print th, table.planner-print td {{ border-bottom: 0.5pt solid #bbb;
    padding: 2pt 4pt; text-align: left; vertical-align: top; }}
  table.planner-print td.num {{ text-align: right; white-space: nowrap; }}
  table.planner-print tr {{ page-break-inside: avoid; }}
}}
"""


def inject(lang: str) -> None:
    """Add the app's styles to the page, in ``lang`` for the words it replaces."""
    drop, browse = t("ui_upload_drop", lang), t("ui_upload_browse", lang)
    words = f"""
[data-testid="stFileUploaderDropzoneInstructions"] > div::before {{
  content: {json.dumps(drop)}; font-size: 0.875rem; }}
[data-testid="stFileUploaderDropzone"] button::after {{
  content: {json.dumps(browse)}; font-size: 0.875rem !important; }}
"""
    st.html(f"<style>{_PRINT}{words}</style>")


def print_table(frame: pd.DataFrame) -> None:
    """Put the printable twin of a table on the page: every row and column, print only.

    ``frame`` holds the texts to print (figures already written for people).
    """
    html = frame.to_html(index=False, classes="planner-print", na_rep="-", escape=True, border=0)
    st.html(f'<div class="{PRINT_ONLY}">{html}</div>')
