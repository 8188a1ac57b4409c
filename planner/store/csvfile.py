"""CSV files a spreadsheet opens right, in the reader's language.

Indonesian: columns separated by a semicolon and decimals by a comma, as Excel set to Indonesian
reads them; English: a comma and a dot. A text cell that a spreadsheet would take for a formula
(starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is written after a single
quote, so a name such as ``=HYPERLINK(...)`` stays text. The file is UTF-8 with a byte-order
mark, so Excel reads names with accents. The app's downloads and ``planner budget-lines`` write
through here.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Sequence

from planner.i18n import register, t

__all__ = ["DIALECT", "cell", "escape", "write_csv"]

register({
    "csv_yes": {"id": "ya", "en": "yes"},
    "csv_no": {"id": "tidak", "en": "no"},
})

# (separator, decimal mark) per language
DIALECT = {"id": (";", ","), "en": (",", ".")}
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def escape(text: str) -> str:
    """Return ``text`` so that a spreadsheet keeps it as text, never runs it as a formula."""
    return "'" + text if text.startswith(_FORMULA) else text


def cell(value: object, lang: str, decimals: int | None = None) -> str:
    """Write one value: a number with the language's decimal mark, text escaped, empty for none."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return t("csv_yes" if value else "csv_no", lang)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and decimals is None:
            return str(int(value))
        text = f"{value:.{decimals if decimals is not None else 2}f}".rstrip("0").rstrip(".")
        return text.replace(".", DIALECT[lang][1])
    return escape(str(value))


def write_csv(header: Sequence[str], rows: Iterable[Sequence[object]], lang: str) -> bytes:
    """Return the CSV file of ``rows`` under ``header``, in the language's dialect."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=DIALECT[lang][0], lineterminator="\r\n")
    writer.writerow([escape(h) for h in header])
    for row in rows:
        writer.writerow([cell(v, lang) for v in row])
    return buffer.getvalue().encode("utf-8-sig")
