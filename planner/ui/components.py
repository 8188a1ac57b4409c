"""Pieces every page draws: cached pipeline calls, the sidebar, figures, tables and messages.

Solves are cached by the scenario's YAML text (``st.cache_data``), so moving a slider back to a
value seen before answers at once, and pages never solve or format on their own.
"""

from __future__ import annotations

from collections.abc import Iterable

import altair as alt
import pandas as pd
import streamlit as st

from planner.analysis import Need, Sweep
from planner.errors import ScenarioError
from planner.i18n import LANGS, t
from planner.money import count, percent, rupiah, rupiah_short
from planner.pipeline import RunOptions, need, run, sweep
from planner.results import Message, Result
from planner.scenarios import parse_scenario
from planner.ui.state import AppState, state
from planner.ui.texts import LANGUAGE_NAMES

__all__ = [
    "axis_format",
    "cached_need",
    "cached_run",
    "cached_sweep",
    "messages",
    "metric_row",
    "money_table",
    "sidebar",
]


@st.cache_data(show_spinner=False, max_entries=256)
def cached_run(text: str, explain: bool = True) -> Result:
    """Solve a scenario given as YAML text."""
    return run(parse_scenario(text), RunOptions(explain=explain))


@st.cache_data(show_spinner=False, max_entries=32)
def cached_sweep(text: str, start: float, stop: float, steps: int) -> Sweep:
    """Sweep the cuts of a scenario given as YAML text."""
    return sweep(parse_scenario(text), start, stop, steps)


@st.cache_data(show_spinner=False, max_entries=64)
def cached_need(text: str, target: int, source: str | None) -> list[Need]:
    """Answer the reverse question for a scenario given as YAML text."""
    return need(parse_scenario(text), target, source)


def sidebar() -> AppState:
    """Language switch, scenario picker and upload; returns the state."""
    app = state()
    with st.sidebar:
        lang = st.radio(
            "Bahasa / Language", list(LANGS), index=list(LANGS).index(app.lang),
            format_func=lambda code: LANGUAGE_NAMES[code], horizontal=True, key="ui_lang",
        )
        app.lang = lang
        names = list(app.scenarios)
        choice = st.selectbox(
            t("ui_scenario", lang), names, index=names.index(app.current),
            format_func=lambda n: f"{n} ({t('ui_origin_' + app.scenarios[n].origin, lang)})",
            key=f"ui_pick_{len(names)}_{app.current}",
        )
        if choice != app.current:
            app.select(choice)
            st.rerun()
        upload = st.file_uploader(t("ui_upload", lang), type=["yaml", "yml"],
                                  key=f"ui_upload_{app.edits}")
        if upload is not None and upload.name not in app.scenarios:
            try:
                text = upload.getvalue().decode("utf-8")
                app.add_upload(upload.name, text)
                st.rerun()
            except UnicodeDecodeError:
                st.error(t("yaml_not_utf8", lang))
            except ScenarioError as exc:
                st.error(t("ui_upload_invalid", lang, file=upload.name))
                for p in exc.problems:
                    st.markdown(f"- `{p.path or '-'}`: {p.message(lang)}")
    return app


def metric_row(result: Result, baseline: Result | None, lang: str) -> None:
    """Covered workers, spend and money left, with their change from the baseline."""
    cols = st.columns(4)
    unspent = int(result.by_source["unspent"].sum()) if result.ok else 0
    figures = [
        ("ui_covered", result.covered_workers, count),
        ("ui_spent", result.total_cost, rupiah_short),
        ("ui_unspent", unspent, rupiah_short),
    ]
    for col, (key, value, fmt) in zip(cols, figures, strict=False):
        delta = None
        if baseline is not None and baseline.ok and result.ok:
            before = {
                "ui_covered": baseline.covered_workers,
                "ui_spent": baseline.total_cost,
                "ui_unspent": int(baseline.by_source["unspent"].sum()),
            }[key]
            if value != before:
                sign = "+" if value > before else "-"
                delta = sign + fmt(abs(value - before), lang)
        col.metric(t(key, lang), fmt(value, lang) if result.ok else "-", delta=delta,
                   delta_color="off" if key != "ui_covered" else "normal")
    eligible = int(result.by_group["eligible"].sum())
    covered = int(result.by_group["covered"].sum())
    share = covered / eligible if eligible and result.ok else None
    cols[3].metric(t("ui_share", lang), percent(share, lang))


def money_table(df: pd.DataFrame, lang: str, labels: dict[str, str]) -> pd.DataFrame:
    """``df`` with its columns formatted by unit and renamed for people."""
    units = df.attrs.get("unit", {})
    out = pd.DataFrame(index=df.index)
    for column, label in labels.items():
        unit = units.get(column)
        values = df[column]
        if unit in ("Rp", "Rp/worker"):
            out[label] = values.map(lambda v: rupiah(v, lang))
        elif unit == "workers":
            out[label] = values.map(lambda v: count(v, lang))
        elif unit == "share":
            out[label] = values.map(lambda v: percent(v, lang))
        else:
            out[label] = values
    return out


def bar_chart(df: pd.DataFrame, category: str, value: str, title: str, lang: str,
              money: bool = False) -> None:
    """Draw a horizontal bar chart with values people read."""
    data = pd.DataFrame({"category": df[category].astype(str), "value": df[value]})
    fmt = (lambda v: rupiah_short(v, lang)) if money else (lambda v: count(v, lang))
    data["text"] = data["value"].map(fmt)
    chart = alt.Chart(data, title=title).mark_bar().encode(
        x=alt.X("value:Q", title=None, axis=alt.Axis(labels=False, ticks=False),
                # room on the right for the value written after the longest bar
                scale=alt.Scale(domain=[0, float(data["value"].max() or 1) * 1.25])),
        y=alt.Y("category:N", sort=None, title=None, axis=alt.Axis(labelLimit=320)),
        tooltip=[alt.Tooltip("category:N", title=" "), alt.Tooltip("text:N", title=title)],
    )
    text = chart.mark_text(align="left", dx=3).encode(text="text:N")
    st.altair_chart(chart + text, width="stretch")


def axis_format(lang: str) -> alt.Axis:
    """Return a numeric axis with the language's thousands separator."""
    if lang == "id":
        return alt.Axis(format=",d", labelExpr="replace(datum.label, /,/g, '.')")
    return alt.Axis(format=",d")


def messages(items: Iterable[Message], lang: str, kind: str = "info") -> None:
    """Messages as a list in the page."""
    lines = [f"- {m.text(lang)}" for m in items]
    if not lines:
        return
    body = "\n".join(lines)
    if kind == "warning":
        st.warning(body)
    elif kind == "error":
        st.error(body)
    else:
        st.markdown(body)
