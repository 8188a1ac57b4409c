"""Scenarios side by side: the inputs that differ and the plans with their differences.

- :mod:`~planner.compare.tables`: :func:`compare` and the types it builds (:class:`Comparison`);
- :mod:`~planner.compare.render`: a comparison written out as text, JSON, CSV, or words;
- :mod:`~planner.compare.texts`: the words, in Indonesian and English.

The imports go one way: render imports tables, tables import texts, never back.
"""

from planner.compare.render import inputs_table, render_text, to_csv, to_json
from planner.compare.tables import (
    DELTA,
    MAX_SCENARIOS,
    MIN_SCENARIOS,
    Comparison,
    OutputTables,
    compare,
    differing_inputs,
    unique_names,
)

__all__ = [
    "DELTA",
    "MAX_SCENARIOS",
    "MIN_SCENARIOS",
    "Comparison",
    "OutputTables",
    "compare",
    "differing_inputs",
    "inputs_table",
    "render_text",
    "to_csv",
    "to_json",
    "unique_names",
]
