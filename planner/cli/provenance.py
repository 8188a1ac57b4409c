"""The plan's "Dasar angka" (basis of the figures) section, as the terminal prints it.

Each group and source with its citation and, for an illustrative figure, "angka ilustratif";
then the rate tables, discounts and funding rules the scenario uses with their regulation and
dates; then how the discount is read for each payer. The rows come from
:mod:`planner.engine.provenance`; this module only lays them out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from planner.i18n import t
from planner.texttable import text_table

if TYPE_CHECKING:
    from planner.engine.results import Result

__all__ = ["basis_lines"]


def basis_lines(result: Result, lang: str) -> list[str]:
    """Return the section's lines, starting with a blank line and its title."""
    from planner.engine.provenance import basis_rows, reading_lines, rule_rows

    scenario = result.scenario
    rows = [list(row) for row in basis_rows(scenario, lang)]
    lines = ["", t("prov_title", lang)]
    lines.append(text_table([t(k, lang) for k in ("prov_col_item", "prov_col_basis",
                                                   "prov_col_note")], rows,
                            numeric_from=len(rows[0]) if rows else 0))
    lines += [f"- {item}: {regulation} ({dates})"
              for item, regulation, dates in rule_rows(scenario, lang)]
    lines += [f"- {line}" for line in reading_lines(scenario.policy, scenario, lang)]
    return lines
