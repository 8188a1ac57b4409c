"""A comparison written out: text tables for a terminal, JSON, CSV, and the inputs for people.

Each function takes a :class:`~planner.compare.Comparison` and writes it in one form:

- :func:`render_text`: the tables for a terminal, in Indonesian or English;
- :func:`inputs_table`: the inputs that differ with every value written for people;
- :func:`to_json`: plain JSON data, English keys, figures unformatted;
- :func:`to_csv`: one CSV in long format, for a spreadsheet.

The direction of the imports: this module imports :mod:`planner.compare.tables` (the types and
their shapes), never the other way round: the tables do not depend on how they are shown.
"""

from __future__ import annotations

import csv
import io
import math
from typing import Any, Final

import pandas as pd

from planner.compare.tables import (
    CSV_COLUMNS,
    DELTA,
    INPUT_KEYS,
    MISSING,
    OUTPUT_KEYS,
    Comparison,
    records,
)
from planner.compare.texts import KIND_NAMES, check_lang, field_label, item_label
from planner.engine.schema import ALL
from planner.i18n import TEXT, t
from planner.money import count, number, percent, rupiah, rupiah_short
from planner.texttable import text_table

__all__ = ["inputs_table", "render_text", "to_csv", "to_json"]

_WHOLE_UNITS: Final = frozenset({"Rp", "Rp/worker", "workers", "months"})


def to_json(comparison: Comparison, lang: str = "id") -> dict[str, Any]:
    """Return the comparison as plain JSON data: English keys, figures unformatted.

    Parameters
    ----------
    comparison
        From :func:`planner.compare.compare`.
    lang
        Language of the ``label`` and diagnosis words (``"id"`` or ``"en"``).

    Returns
    -------
    dict
        ``names``, ``baseline``, ``statuses``, ``scenarios`` (name, scenario, status,
        baseline), ``inputs`` (rows of item, name, field, unit, label, values), ``outputs``
        (``totals``, ``by_group``, ``by_source``: rows of item, name, measure, unit, label,
        values, differences) and ``diagnosis``. ``values`` and ``differences`` map a scenario
        name to a number, text or ``null`` (missing); ``differences`` leaves out the baseline.

    """
    check_lang(lang)
    c = comparison
    others = [n for n in c.names if n != c.baseline]
    return {
        "names": list(c.names),
        "baseline": c.baseline,
        "statuses": dict(c.statuses),
        "scenarios": [
            {"name": n, "scenario": c.scenario_names[n], "status": c.statuses[n],
             "baseline": n == c.baseline}
            for n in c.names
        ],
        "inputs": [
            {**{k: row[k] for k in INPUT_KEYS}, "label": field_label(row["field"], lang),
             "values": {n: _plain(row[n], row["unit"]) for n in c.names}}
            for row in records(c.inputs)
        ],
        "outputs": {
            section: [
                {**{k: row[k] for k in OUTPUT_KEYS},
                 "label": t(f"cmp_measure_{row['measure']}", lang),
                 "values": {n: _plain(row[n], row["unit"]) for n in c.names},
                 "differences": {n: _plain(row[n + DELTA], row["unit"]) for n in others}}
                for row in records(df)
            ]
            for section, df in c.outputs.tables().items()
        },
        "diagnosis": {n: [m.to_json(lang) for m in msgs] for n, msgs in c.diagnosis.items()},
    }


def to_csv(comparison: Comparison) -> str:
    """Write the comparison as one CSV in long format, for a spreadsheet.

    Parameters
    ----------
    comparison
        From :func:`planner.compare.compare`.

    Returns
    -------
    str
        A header ``section,item,name,field,unit,scenario,value,difference`` and one line per
        table row and scenario. ``section`` is ``inputs``, ``totals``, ``by_group`` or
        ``by_source``; ``field`` is the input field or the output measure. Numbers are plain
        (``30415000000``, ``0.5``); missing is empty; ``difference`` is the value minus the
        baseline's, empty for the baseline and for inputs. Write it with encoding
        ``utf-8-sig`` for Excel to read names with accents.

    """
    c = comparison
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in records(c.inputs):
        for n in c.names:
            writer.writerow([
                "inputs", row["item"], row["name"], row["field"], row["unit"], n,
                _csv_cell(row[n], row["unit"]), "",
            ])
    for section, df in c.outputs.tables().items():
        for row in records(df):
            for n in c.names:
                diff = row[n + DELTA] if n != c.baseline else None
                writer.writerow([
                    section, row["item"], row["name"], row["measure"], row["unit"], n,
                    _csv_cell(row[n], row["unit"]), _csv_cell(diff, row["unit"]),
                ])
    return buffer.getvalue()


def inputs_table(comparison: Comparison, lang: str = "id") -> pd.DataFrame:
    """Return the inputs that differ as people read them, in ``lang``.

    Parameters
    ----------
    comparison
        From :func:`planner.compare.compare`.
    lang
        ``"id"`` (default) or ``"en"``.

    Returns
    -------
    pandas.DataFrame
        Text only, one row per row of ``inputs``: the item (``Sumber: APBD ...``), the
        field's label (``Anggaran``; a per-region or per-source field names the region or
        the source), then one column per scenario with its value written for people
        (``Rp30,24 miliar``, ``25,0%``, ``12.500``, ``ya``, names rather than ids; ``-`` when
        the scenario does not have the item). Headers: ``cmp_col_item``, ``cmp_col_field``
        and the scenario names.

    """
    check_lang(lang)
    c = comparison
    rows = []
    for row in records(c.inputs):
        words = [_input_words(c, row["field"], row[n], row["unit"], lang) for n in c.names]
        given = {row[n] for n in c.names if not _is_missing(row[n])}
        shown = {w for w in words if w != "-"}
        if row["unit"] in ("Rp", "share") and len(shown) < len(given):
            # the short forms hide a difference (Rp30,24 miliar both): write them in full
            words = [_exact(row[n], row["unit"], lang) for n in c.names]
        rows.append([item_label(row["item"], row["name"], lang),
                     _field_words(c, row["field"], lang), *words])
    return pd.DataFrame(
        rows, columns=[t("cmp_col_item", lang), t("cmp_col_field", lang), *c.names],
        dtype=object,
    )


def _field_words(comparison: Comparison, field: str, lang: str) -> str:
    base, _, rest = field.partition("[")
    label = t(f"cmp_field_{base}", lang)
    if not rest:
        return label
    kind = "source" if base == "unit_cost" else "region"
    item_id = rest.removesuffix("]")
    name = comparison.item_names.get(f"{kind}:{item_id}", item_id)
    return f"{label} ({name})"


def _input_words(comparison: Comparison, field: str, value: Any, unit: str, lang: str) -> str:
    if _is_missing(value) or isinstance(value, bool) or unit:
        return _format(value, unit, lang)
    if field == "kind" and value in KIND_NAMES:
        return KIND_NAMES[value]
    if field in ("objective", "funding_rules", "kind", "sector", "sharing"):
        return t(f"cmp_value_{field}_{value}", lang)
    if field in ("groups", "regions"):
        if value == ALL:
            return t("cmp_value_all", lang)
        kind = field.removesuffix("s")
        return ", ".join(comparison.item_names.get(f"{kind}:{x}", x) for x in value.split(", "))
    if field == "premium":
        return _premium_words(str(value), lang)
    if field == "tags" and value:
        return ", ".join(t(f"cmp_value_tag_{x}", lang) if f"cmp_value_tag_{x}" in TEXT else x
                         for x in value.split(", "))
    return _format(value, unit, lang)


def render_text(comparison: Comparison, lang: str = "id") -> str:
    """Render the comparison as tables for a terminal, in Indonesian (default) or English.

    Money is written as budget documents say it (``Rp30,24 miliar``), head-counts with
    thousands separators, shares as percentages and their differences in percentage points.
    """
    check_lang(lang)
    c = comparison
    out = [t("cmp_title", lang), t("cmp_baseline_line", lang, name=c.baseline), ""]
    out.append(text_table(
        [t("cmp_col_scenario", lang), t("cmp_col_scenario_name", lang),
         t("cmp_col_status", lang)],
        [[t("cmp_is_baseline", lang, name=n) if n == c.baseline else n,
          c.scenario_names[n], t(f"cmp_status_{c.statuses[n]}", lang)]
         for n in c.names],
        numeric_from=3,
    ))
    out += ["", t("cmp_section_totals", lang)]
    out.append(_render_measures(c, c.outputs.totals, lang))
    out += ["", t("cmp_section_inputs", lang)]
    out.append(_render_inputs(c, lang) if len(c.inputs) else t("cmp_no_input_diff", lang))
    for key, df, column in (("by_group", c.outputs.by_group, "cmp_col_group"),
                            ("by_source", c.outputs.by_source, "cmp_col_source")):
        for measure in dict.fromkeys(df["measure"]):
            title = t(f"cmp_section_{key}", lang, measure=t(f"cmp_measure_{measure}", lang))
            out += ["", title]
            out.append(_render_items(c, df[df["measure"] == measure], t(column, lang), lang))
    lines = [f"- {n}: {m.text(lang)}" for n, msgs in c.diagnosis.items() for m in msgs]
    if lines:
        out += ["", t("cmp_section_diagnosis", lang), *lines]
    out += ["", t("cmp_legend", lang)]
    return "\n".join(out) + "\n"


def _value_headers(comparison: Comparison, lang: str) -> list[str]:
    out = []
    for n in comparison.names:
        out.append(n)
        if n != comparison.baseline:
            out.append(t("cmp_diff", lang, name=n))
    return out


def _value_cells(comparison: Comparison, row: dict[str, Any], lang: str) -> list[str]:
    out = []
    for n in comparison.names:
        out.append(_format(row[n], row["unit"], lang, row["measure"]))
        if n != comparison.baseline:
            out.append(_format_delta(row[n + DELTA], row["unit"], lang))
    return out


def _render_measures(comparison: Comparison, df: pd.DataFrame, lang: str) -> str:
    return text_table(
        [t("cmp_col_measure", lang), *_value_headers(comparison, lang)],
        [[t(f"cmp_measure_{row['measure']}", lang), *_value_cells(comparison, row, lang)]
         for row in records(df)],
    )


def _render_items(comparison: Comparison, df: pd.DataFrame, header: str, lang: str) -> str:
    return text_table(
        [header, *_value_headers(comparison, lang)],
        [[row["name"], *_value_cells(comparison, row, lang)] for row in records(df)],
    )


def _render_inputs(comparison: Comparison, lang: str) -> str:
    return text_table(
        [t("cmp_col_item", lang), t("cmp_col_field", lang), *comparison.names],
        [[item_label(row["item"], row["name"], lang), field_label(row["field"], lang),
          *(_format(row[n], row["unit"], lang) for n in comparison.names)]
         for row in records(comparison.inputs)],
        numeric_from=2,
    )


# --- values -------------------------------------------------------------------------------------


def _is_missing(value: Any) -> bool:
    return value is None or value is MISSING or (isinstance(value, float) and math.isnan(value))


def _plain(value: Any, unit: str) -> Any:
    """Return a table cell as JSON data: whole rupiah and workers as ints, missing as None."""
    if _is_missing(value):
        return None
    if hasattr(value, "item"):  # a numpy scalar
        value = value.item()
    if isinstance(value, float) and unit in _WHOLE_UNITS and value.is_integer():
        return int(value)
    return value


def _csv_cell(value: Any, unit: str) -> str:
    plain = _plain(value, unit)
    if plain is None:
        return ""
    if isinstance(plain, bool):
        return "true" if plain else "false"
    return repr(plain) if isinstance(plain, float) else str(plain)


def _format(value: Any, unit: str, lang: str, measure: str = "") -> str:
    """Write a value as people read it: rupiah, head-counts, percentages, yes/no."""
    value = _plain(value, unit)
    if value is None:
        return "-"
    if measure == "status":
        return t(f"cmp_status_{value}", lang)
    if isinstance(value, bool):
        return t("cmp_yes" if value else "cmp_no", lang)
    if isinstance(value, str):
        return value
    if unit == "Rp":
        return rupiah_short(value, lang)
    if unit == "Rp/worker":
        return rupiah(value, lang)
    if unit in ("workers", "months"):
        return count(value, lang)
    if unit == "share":
        return percent(value, lang)
    if isinstance(value, float) and not value.is_integer():
        return number(value, lang, 2)
    return str(int(value))  # years and month numbers have no thousands separator


def _format_delta(value: Any, unit: str, lang: str) -> str:
    """Write a difference with its sign; shares in percentage points."""
    if _is_missing(value):
        return "-"
    if unit == "share":
        text = t("cmp_points", lang, value=number(value * 100, lang, 1))
    else:
        text = _format(value, unit, lang)
    return "+" + text if value > 0 and any(c in "123456789" for c in text) else text


def _exact(value: Any, unit: str, lang: str) -> str:
    """Write money in full rupiah and a share to two decimals of a percent."""
    if _is_missing(value):
        return "-"
    return rupiah(value, lang) if unit == "Rp" else percent(value, lang, 2)


def _premium_words(text: str, lang: str) -> str:
    """Write a premium as :func:`planner.compare._premium_text` gives it, in words.

    ``premium_monthly: 16800`` becomes ``Rp16.800 per bulan``.
    """
    parts = text.split(", ")
    pairs = dict(p.split(": ", 1) for p in parts if ": " in p)
    try:
        if "premium_monthly" in pairs:
            amount = rupiah(int(pairs["premium_monthly"]), lang)
            return t("cmp_premium_monthly", lang, amount=amount)
        programmes = pairs["programmes"].upper()
        if parts[0] == "bpu":
            return t("cmp_premium_bpu", lang, programmes=programmes,
                     income=rupiah(int(pairs["declared_income"]), lang))
        return t("cmp_premium_wage", lang, programmes=programmes, jkk_class=pairs["jkk_class"],
                 wage=rupiah(int(pairs["wage"]), lang))
    except (KeyError, ValueError):
        return text  # not a premium this module wrote: show it as it is
