"""CSV downloads a spreadsheet opens right, in the page's language.

Written by :mod:`planner.store.csvfile` (the language's separator and decimal mark, formula
cells escaped, UTF-8 with a byte-order mark). Here: headers, sections and measures in words, not
ids; shares as percentages; an infeasible point says so instead of 0 workers.
"""

from __future__ import annotations

from planner.analysis import Sweep
from planner.compare import DELTA, Comparison, inputs_table
from planner.i18n import t
from planner.store.csvfile import DIALECT, cell, escape, write_csv
from planner.ui import texts  # noqa: F401 - the statuses' words
from planner.ui.hearing_texts import CSV_HEADERS

__all__ = ["DIALECT", "cell", "comparison_csv", "escape", "sweep_csv", "write_csv"]

def _percent(value: object) -> object:
    """Return a share (0.25) as the percentage people read (25)."""
    return round(value * 100, 2) if isinstance(value, int | float) else value


def sweep_csv(curve: Sweep, lang: str) -> bytes:
    """Return the cut curve's points: cut in %, status in words, workers, spend, nearest plan."""
    rows = []
    for p in curve.points:
        ok = p.status == "optimal"
        rows.append([_percent(p.cut), t("ui_status_" + p.status, lang),
                     p.covered_workers if ok else None, p.total_cost if ok else None,
                     p.relaxed_covered])
    return write_csv(CSV_HEADERS[lang], rows, lang)


_SECTIONS = {"totals": "csv_section_totals", "by_group": "csv_section_groups",
             "by_source": "csv_section_sources"}


def comparison_csv(comparison: Comparison, lang: str) -> bytes:
    """Return the comparison in long form: section, name, measure, unit, scenario, value, diff.

    The inputs that differ come first, written as the page shows them; then the totals, the
    groups and the sources, with numbers a spreadsheet can add up (shares in %).
    """
    c = comparison
    header = [t(k, lang) for k in ("csv_col_section", "csv_col_name", "csv_col_measure",
                                   "csv_col_unit", "csv_col_scenario", "csv_col_value",
                                   "csv_col_difference")]
    rows: list[list[object]] = []
    if len(c.inputs):
        shown = inputs_table(c, lang)
        part, field = shown.columns[0], shown.columns[1]
        for record in shown.to_dict("records"):
            for n in c.names:
                rows.append([t("csv_section_inputs", lang), record[part], record[field], "",
                             n, record[n], ""])
    for section, frame in c.outputs.tables().items():
        for record in frame.to_dict("records"):
            unit = str(record.get("unit") or "")
            measure = str(record.get("measure") or "")
            name = record.get("name") or (t("csv_all", lang) if section == "totals"
                                          else record.get("item"))
            for n in c.names:
                value = record.get(n)
                diff = record.get(f"{n}{DELTA}") if n != c.baseline else None
                if measure == "status" and isinstance(value, str):
                    value, diff = t(f"cmp_status_{value}", lang), None
                elif unit == "share":
                    value, diff = _percent(value), _percent(diff)
                rows.append([t(_SECTIONS.get(section, section), lang), name,
                             t(f"cmp_measure_{measure}", lang),
                             t(f"csv_unit_{unit}", lang) if unit else "", n, value, diff])
    return write_csv(header, rows, lang)
