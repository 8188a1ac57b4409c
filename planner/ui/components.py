"""Pieces every page draws: cached pipeline calls, the sidebar, figures, tables and messages.

Solves are cached by the scenario's YAML text (``st.cache_data``), so moving a slider back to a
value seen before answers at once, and pages never solve or format on their own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from planner.analysis import Need, Sweep
from planner.engine.results import Message, Result
from planner.engine.scenarios import dump_scenario
from planner.i18n import LANGS, t
from planner.money import count, number, percent, rupiah, rupiah_short
from planner.pipeline import RunOptions, need, replan_from, run, sweep
from planner.ui.state import AppState, scenario_of_text, state
from planner.ui.texts import LANGUAGE_NAMES
from planner.ui.uploads import take_upload

__all__ = [
    "axis_format",
    "bar_chart",
    "bar_chart_spec",
    "cached_need",
    "cached_replan",
    "cached_run",
    "cached_sweep",
    "has_unsaved_edits",
    "messages",
    "metric_row",
    "plan_of",
    "scenario_caption",
    "sidebar",
    "signed_change",
    "whole_cell",
]


@st.cache_data(show_spinner=False, max_entries=256)
def cached_run(text: str, explain: bool = True, changes: bool = False) -> Result:
    """Solve a scenario given as YAML text; with ``changes``, also what its cuts cost.

    Every argument is part of the cache key, so a plan with its changes (two solves) and the
    same plan without them are kept apart.
    """
    return run(scenario_of_text(text), RunOptions(explain=explain, changes=changes))


def plan_of(result: Result) -> Result:
    """Return the plan to show: the result's own, or an infeasible scenario's relaxed plan.

    The relaxed plan meets the mandates only as far as the money allows, so whoever shows it
    must say so; a result with neither plan is returned as it is (``ok`` is False).
    """
    return result.relaxed if not result.ok and result.relaxed is not None else result


@st.cache_data(show_spinner=False, max_entries=32)
def cached_replan(text: str, month: int) -> str:
    """Return, as YAML text, the re-plan from ``month`` of a scenario given as YAML text.

    The scenario's plan is solved once per month asked (``replan_from``); a ``ScenarioError``
    (a bad month, an infeasible plan) is raised, not cached, for the page to show.
    """
    return dump_scenario(replan_from(scenario_of_text(text), month))


@st.cache_data(show_spinner=False, max_entries=32)
def cached_sweep(text: str, start: float, stop: float, steps: int) -> Sweep:
    """Sweep the cuts of a scenario given as YAML text."""
    return sweep(scenario_of_text(text), start, stop, steps)


@st.cache_data(show_spinner=False, max_entries=64)
def cached_need(text: str, target: int, source: str | None) -> list[Need]:
    """Answer the reverse question for a scenario given as YAML text."""
    return need(scenario_of_text(text), target, source)


PICKER_KEY = "ui_pick_"  # and the language


def _take_pick(app: AppState, key: str) -> None:
    """Open the scenario just chosen in the sidebar's picker (a callback, run before the run)."""
    choice = st.session_state.get(key)
    if isinstance(choice, str) and choice in app.scenarios and choice != app.current:
        app.select(choice)


def sidebar() -> AppState:
    """Language switch, scenario picker and upload; returns the state."""
    app = state()
    with st.sidebar:
        lang = st.radio(
            "Bahasa / Language", list(LANGS), index=list(LANGS).index(app.lang),
            format_func=lambda code: LANGUAGE_NAMES[code], horizontal=True, key="ui_lang",
        )
        app.lang = lang
        # One picker per language (a select box keeps the words it was drawn with), its key its
        # identity: a choice is taken by its callback before the run, and a scenario chosen
        # elsewhere (an upload, a library version opened) is shown by setting its state before
        # it is drawn. A key that changed with the choice drew a new picker beside the old one
        # until the run ended, and a slow run left two on screen.
        key = PICKER_KEY + lang
        if st.session_state.get(key) != app.current:
            st.session_state[key] = app.current
        st.selectbox(
            t("ui_scenario", lang), list(app.scenarios),
            format_func=lambda n: f"{n} ({t('ui_origin_' + app.scenarios[n].origin, lang)})",
            key=key, on_change=_take_pick, args=(app, key),
        )
        upload = st.file_uploader(t("ui_upload", lang), type=["yaml", "yml", "xlsx"],
                                  key=f"ui_upload_{app.edits}", help=t("ui_upload_help", lang))
    # the content identifies an upload; what happened is said in the main area (ui/uploads.py)
    take_upload(app, upload, lang)
    return app


def has_unsaved_edits(app: AppState) -> bool:
    """Whether the plan page's draft differs from the current scenario as saved."""
    return app.draft is not None and app.draft != app.baseline()


def scenario_caption(app: AppState, lang: str) -> None:
    """Name the scenario a page works on: its own name, its file, and unsaved edits if any."""
    scenario = app.draft or app.baseline()
    key = "ui_caption_edited" if has_unsaved_edits(app) else "ui_caption"
    st.caption(t(key, lang, name=scenario.name, file=app.current))


def metric_row(result: Result, baseline: Result | None, lang: str) -> None:
    """Covered workers, spend, money left and coverage, with their change from the baseline.

    The figures sit in a row that wraps (each as wide as its text), so a long figure such as
    "Rp27,59 miliar" is never cut short on a narrow screen; the help of each figure gives the
    exact amount and the exact change.
    """
    ok = result.ok and (baseline is None or baseline.ok)
    compared = baseline if baseline is not None and ok else None
    eligible = result.eligible_total
    covered = result.covered_total
    share = covered / eligible if eligible and result.ok else None
    before_share = None
    if compared is not None:
        base_eligible = compared.eligible_total
        if base_eligible:
            before_share = compared.covered_total / base_eligible
    figures: list[tuple[str, int, int | None, Callable[[float, str], str]]] = [
        ("ui_covered", result.covered_workers,
         compared.covered_workers if compared else None, count),
        ("ui_spent", result.total_cost, compared.total_cost if compared else None, rupiah_short),
        ("ui_unspent", _unspent(result), _unspent(compared) if compared else None, rupiah_short),
    ]
    with st.container(horizontal=True, gap="medium", key="metric_row"):
        for key, value, before, fmt in figures:
            exact = rupiah if fmt is rupiah_short else count
            delta = None
            help_text = t("ui_exact", lang, value=exact(value, lang))
            if before is not None and value != before:
                delta = signed_change(value - before, fmt, lang)
                help_text = t("ui_exact_change", lang, value=exact(value, lang),
                              delta=signed_change(value - before, exact, lang))
            st.metric(t(key, lang), fmt(value, lang) if result.ok else "-", delta=delta,
                      delta_color="off" if key != "ui_covered" else "normal",
                      help=help_text if result.ok else None, border=True, width="content")
        share_delta = None
        if share is not None and before_share is not None:
            points = number((share - before_share) * 100, lang, 1)
            if any(c in "123456789" for c in points):  # a change that shows at one decimal
                sign = "+" if share > before_share else ""
                share_delta = t("ui_points", lang, value=sign + points)
        st.metric(t("ui_share", lang), percent(share, lang), delta=share_delta,
                  help=t("ui_share_help", lang, covered=count(covered, lang),
                         eligible=count(eligible, lang)) if share is not None else None,
                  border=True, width="content")


def _unspent(result: Result) -> int:
    return int(result.by_source["unspent"].sum()) if result.ok else 0


def signed_change(change: int, fmt: Callable[[float, str], str], lang: str) -> str:
    """Write a change with its sign, and no change plainly: ``+8.273``, ``-Rp36.800``, ``0``."""
    return ("+" if change > 0 else "-" if change < 0 else "") + fmt(abs(change), lang)


def whole_cell(value: Any) -> Any:
    """Read a whole number from a table cell; pass anything else on for validation to name.

    An empty cell is ``None``; a float the editor made of a whole number is an ``int`` again.
    """
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


# Room for a value written after its bar: Vega-Lite's default 11 px font is at most about 7 px
# a character, and the text starts VALUE_DX px after the bar.
CHAR_PX = 7
VALUE_DX = 4


def bar_chart(df: pd.DataFrame, category: str, value: str, title: str, lang: str,
              money: bool = False) -> None:
    """Draw a horizontal bar chart with each value written after its bar.

    The chart keeps padding on its right as wide as the longest value, so the value written
    after the longest bar is never clipped, whatever the chart's width.
    """
    data, spec = bar_chart_spec(df, category, value, title, lang, money)
    st.vega_lite_chart(data, spec, width="stretch")


def bar_chart_spec(df: pd.DataFrame, category: str, value: str, title: str, lang: str,
                   money: bool = False) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Return the data and the Vega-Lite spec :func:`bar_chart` draws (bars, their values).

    Written as Vega-Lite itself rather than through Altair: the plan page draws two of these
    on every move of a slider, and Altair's building and checking of the spec took a quarter
    of the page's time.
    """
    data = pd.DataFrame({"category": df[category].astype(str), "value": df[value]})
    fmt = (lambda v: rupiah_short(v, lang)) if money else (lambda v: count(v, lang))
    data["text"] = data["value"].map(fmt)
    room = CHAR_PX * max((len(text) for text in data["text"]), default=0) + VALUE_DX + 8
    encoding: dict[str, Any] = {
        "x": {"field": "value", "type": "quantitative", "title": None,
              "axis": {"labels": False, "ticks": False, "grid": False},
              "scale": {"domainMin": 0}},
        "y": {"field": "category", "type": "nominal", "sort": None, "title": None,
              "axis": {"labelLimit": 360}},
        "tooltip": [{"field": "category", "type": "nominal", "title": " "},
                    {"field": "text", "type": "nominal", "title": title}],
    }
    spec = {
        "title": title,
        "padding": {"left": 5, "top": 5, "bottom": 5, "right": room},
        "layer": [
            {"mark": {"type": "bar"}, "encoding": encoding},
            {"mark": {"type": "text", "align": "left", "baseline": "middle", "dx": VALUE_DX},
             "encoding": {**encoding, "text": {"field": "text", "type": "nominal"}}},
        ],
    }
    return data, spec


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
