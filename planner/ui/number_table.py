"""Tables of figures that sort as numbers and read as people write them.

A column keeps its numbers (so a click on its header sorts 907.200.000 below 8.673.638.400);
what the screen shows is written by a pandas ``Styler`` in the page's language, by the column's
unit in ``df.attrs["unit"]``: ``Rp`` as "Rp30,24 miliar" (or to the rupiah), workers with
thousands separators, shares as percentages, and a change with its sign. A table of measures, one
a row with its own unit (a comparison), is written row by row (:func:`by_row`). The edit tables
write their numbers with :func:`edit_format`, in the page's language rather than the browser's.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
from pandas.io.formats.style import Styler

from planner.money import count, number, percent, rupiah, rupiah_short

__all__ = ["SIGNED", "by_row", "edit_format", "formatter", "number_table", "shown_as"]

SIGNED = "signed "  # a unit's prefix for a change: "signed Rp", "signed workers"


def _missing(value: Any) -> bool:
    # None, NaN, and pandas' NA of a whole-number column with gaps (Int64)
    return value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value))


def formatter(unit: str | None, lang: str, short: bool = False,
              ) -> Callable[[object], str] | None:
    """Return how a column of ``unit`` is written, or None for a column left as it is."""
    signed = bool(unit and unit.startswith(SIGNED))
    base = unit.removeprefix(SIGNED) if unit else unit
    write: Callable[[float, str], str]
    if base == "Rp":
        write = rupiah_short if short else rupiah
    elif base == "Rp/worker":
        write = rupiah
    elif base == "workers":
        write = count
    elif base == "share":
        write = percent
    else:
        return None

    def fmt(value: object) -> str:
        if _missing(value):
            return "-"
        if isinstance(value, np.integer | np.floating):  # as they come out of a frame
            value = value.item()
        if isinstance(value, bool) or not isinstance(value, int | float):
            return str(value)
        if not signed:
            return write(value, lang)
        sign = "+" if value > 0 else "-" if value < 0 else ""
        return sign + write(abs(value), lang)

    return fmt


def number_table(df: pd.DataFrame, lang: str, labels: dict[str, str], short: bool = False,
                 shown: Collection[str] | None = None) -> tuple[Styler, pd.DataFrame]:
    """Return ``df``'s ``labels`` columns renamed, as a Styler that writes each figure, and text.

    The second value is the same table with every figure written out, for printing. ``shown``
    (columns of ``df``) keeps only those in the Styler, the text keeping them all.
    """
    units = df.attrs.get("unit", {})
    on_screen = [c for c in labels if shown is None or c in shown]
    data = df.loc[:, on_screen].set_axis([labels[c] for c in on_screen], axis=1)
    formats: dict[Any, Callable[[object], str] | str | None] = {}
    written: dict[str, list[Any]] = {}
    for column, label in labels.items():
        values = df[column].tolist()
        fmt = formatter(units.get(column), lang, short)
        if fmt is not None:
            formats[label] = fmt
            written[label] = [fmt(v) for v in values]
        else:
            written[label] = values
    text = pd.DataFrame(written, index=df.index)
    screen = [labels[c] for c in on_screen]
    styler = data.style.format({k: v for k, v in formats.items() if k in screen})
    return shown_as(styler, text if shown is None else text[screen]), text


def shown_as(styler: Styler, text: pd.DataFrame) -> Styler:
    """Let ``styler`` hand Streamlit the figures already written in ``text``.

    Streamlit reads a Styler's cells through its ``_translate``, pandas' general machinery for
    HTML, which took a sixth of the plan page's time on every slider move. Each figure is
    written once already (``text``, for printing), so the cells are handed over as they are,
    with the styles any ``apply`` set; pandas' own ``_translate`` says the same
    (tests/test_ui_number_table.py), and stays the one used for anything else asked of it.
    """
    own = getattr(styler, "_translate")  # noqa: B009 - the method Streamlit calls, kept

    def translate(sparse_index: bool, sparse_cols: bool, *args: Any, **kwargs: Any,
                  ) -> dict[str, Any]:
        if args or kwargs or sparse_index or sparse_cols or len(text.columns) != len(
                styler.data.columns):  # type: ignore[attr-defined]
            return own(sparse_index, sparse_cols, *args, **kwargs)  # type: ignore[no-any-return]
        columns = [text[c].tolist() for c in text.columns]
        body = [[{"id": f"row{r}_col{c}", "display_value": column[r]}
                 for c, column in enumerate(columns)] for r in range(len(text))]
        by_props: dict[tuple[tuple[str, str], ...], list[str]] = {}
        for (r, c), props in styler.ctx.items():  # type: ignore[attr-defined]
            if props:
                by_props.setdefault(tuple(props), []).append(f"row{r}_col{c}")
        cellstyle = [{"props": list(props), "selectors": cells}
                     for props, cells in by_props.items()]
        return {"body": body, "cellstyle": cellstyle, "table_styles": []}

    setattr(styler, "_translate", translate)  # noqa: B010 - pandas' stubs do not list it
    return styler


def by_row(df: pd.DataFrame, units: Sequence[str | None], columns: Mapping[Any, bool], lang: str,
           short: bool = False) -> tuple[Styler, pd.DataFrame]:
    """Return ``df`` as a Styler writing each row's figures in ``columns`` by that row's unit.

    ``columns`` maps a column to whether it holds changes (written with their sign). ``df``
    keeps its numbers, so they sort as numbers; ``units`` has one unit per row. The second
    value is the same table with every figure written out, for printing.
    """
    styler, text = df.style, df.astype(object)
    for unit in dict.fromkeys(units):
        rows = [i for i, u in zip(df.index, units, strict=True) if u == unit]
        for column, signed in columns.items():
            fmt = formatter((SIGNED if signed and unit else "") + (unit or ""), lang, short)
            if fmt is not None and rows:
                styler = styler.format(fmt, subset=(rows, [column]))
                text.loc[rows, column] = df.loc[rows, column].map(fmt)
    return styler, text


def edit_format(lang: str, unit: str = "") -> str:
    """Return an edit table's number format: grouped in ``lang`` whatever the browser's locale.

    Streamlit's ``"localized"`` groups by the browser's languages (46,000 on an English
    Chromium showing the Indonesian page); its printf formats (sprintf-js) take the separator
    after a quote: ``%'.,d`` writes 46.000. Whole numbers only: the editors hold whole rupiah
    and head-counts. ``unit`` is written before the figure (``Rp``).
    """
    separator = number(1000, lang)[1]  # the thousands separator planner.money writes
    return f"{unit}%'{separator},d"
