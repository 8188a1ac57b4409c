"""Tables of figures that sort as numbers and read as people write them.

A column keeps its numbers (so a click on its header sorts 907.200.000 below 8.673.638.400);
what the screen shows is written by a pandas ``Styler`` in the page's language, by the column's
unit in ``df.attrs["unit"]``: ``Rp`` as "Rp30,24 miliar" (or to the rupiah), workers with
thousands separators, shares as percentages, and a change with its sign.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
from pandas.io.formats.style import Styler

from planner.money import count, percent, rupiah, rupiah_short

__all__ = ["SIGNED", "formatter", "number_table"]

SIGNED = "signed "  # a unit's prefix for a change: "signed Rp", "signed workers"


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value))


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
                 ) -> tuple[Styler, pd.DataFrame]:
    """Return ``df``'s ``labels`` columns renamed, as a Styler that writes each figure, and text.

    The second value is the same table with every figure written out, for printing.
    """
    units = df.attrs.get("unit", {})
    data = pd.DataFrame(index=df.index)
    formats: dict[Any, Callable[[object], str] | str | None] = {}
    for column, label in labels.items():
        data[label] = df[column]
        fmt = formatter(units.get(column), lang, short)
        if fmt is not None:
            formats[label] = fmt
    text = data.copy()
    for label, write in formats.items():
        if callable(write):
            text[label] = data[label].map(write)
    return data.style.format(formats), text
