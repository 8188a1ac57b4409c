"""Plans and comparisons as Excel workbooks for the budget hearing.

Every figure is written from the result tables of :mod:`planner.engine.results` and
:mod:`planner.compare` as a number, never as formatted text: rupiah with a rupiah number format,
head-counts with thousands separators, shares as percentages, each chosen from the table's
``attrs["unit"]``. Sheet names and headers are in Indonesian (default) or English.

A plan's workbook also holds the scenario it solved in the template's sheets
(:mod:`planner.store.template`), so the file can be uploaded again as a scenario.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from importlib import metadata
from typing import Any, Final

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from planner.compare import DELTA, Comparison
from planner.engine.budget_lines import account_book, budget_lines, lines_frame
from planner.engine.provenance import basis_rows, reading_lines, rule_rows
from planner.engine.results import Message, Result, headline
from planner.engine.scenarios import content_hash
from planner.i18n import LANGS, register, t
from planner.money import count, rupiah_short
from planner.store.excel_texts import EXCEL_TEXTS
from planner.store.template import add_scenario_sheets, fit_columns, save, style_header
from planner.store.template_layout import SHEETS

__all__ = ["ExportMeta", "export_batch", "export_comparison", "export_plan", "planner_version"]

RUPIAH: Final = '"Rp"#,##0'
FORMATS: Final = {"Rp": RUPIAH, "Rp/worker": RUPIAH, "workers": "#,##0", "share": "0.0%",
                  "months": "0"}
_RUPIAH_DELTA: Final = '+"Rp"#,##0;-"Rp"#,##0;"Rp"0'
DELTA_FORMATS: Final = {"Rp": _RUPIAH_DELTA, "Rp/worker": _RUPIAH_DELTA,
                        "workers": "+#,##0;-#,##0;0", "share": "+0.0%;-0.0%;0.0%",
                        "months": "+0;-0;0"}
DATETIME: Final = "yyyy-mm-dd hh:mm:ss"
_WHOLE: Final = frozenset({"Rp", "Rp/worker", "workers", "months"})
WARNING_RED: Final = "9C0006"  # what a relaxed plan does not meet, in bold red

register(EXCEL_TEXTS)


def planner_version() -> str:
    """Return the planner's version: ``planner.__version__``, else the installed package's."""
    import planner

    version = getattr(planner, "__version__", None)
    if isinstance(version, str):
        return version
    try:
        return metadata.version("jamsostek-planner")
    except metadata.PackageNotFoundError:
        return "unknown"


@dataclass(frozen=True)
class ExportMeta:
    """Where an exported plan comes from, written on its summary sheet.

    Attributes
    ----------
    scenario_name
        The scenario's name (in the library, or in its file).
    version
        The saved version number, or ``None`` for a scenario that is not saved.
    content_hash
        :func:`planner.engine.scenarios.content_hash` of the scenario solved.
    solver
        The solver that made the plan (``result.solution.solver``).
    created_at
        When the export was made; a time zone, if given, is written beside it.
    author, note
        Who exported it and why (optional).
    planner_version
        The planner's version; found by :func:`planner_version` when not given.

    """

    scenario_name: str
    version: int | None
    content_hash: str
    solver: str
    created_at: datetime
    author: str | None = None
    note: str | None = None
    planner_version: str = field(default_factory=planner_version)

    @classmethod
    def for_result(cls, result: Result, *, version: int | None = None,
                   created_at: datetime | None = None, author: str | None = None,
                   note: str | None = None) -> ExportMeta:
        """Describe ``result``: its scenario's name and hash, its solver, the time now."""
        return cls(scenario_name=result.scenario.name, version=version,
                   content_hash=content_hash(result.scenario), solver=result.solution.solver,
                   created_at=created_at or datetime.now().astimezone(), author=author,
                   note=note)


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, got {lang!r}")


# --- cells --------------------------------------------------------------------------------------


def _number(value: Any, unit: str) -> Any:
    """Return a table value as a cell value: numbers stay numbers, NaN is empty."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):  # a numpy scalar
        value = value.item()
    if isinstance(value, float) and unit in _WHOLE and value.is_integer():
        return int(value)
    return value


def _cell(ws: Worksheet, row: int, col: int, value: Any, unit: str = "", lang: str = "id",
          delta: bool = False) -> None:
    value = _number(value, unit)
    if isinstance(value, bool):
        value = t("xl_yes" if value else "xl_no", lang)
    elif isinstance(value, datetime):
        value = value.replace(tzinfo=None)  # Excel has no time zones; the offset is beside it
    cell = ws.cell(row=row, column=col, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    if isinstance(value, int | float) and not isinstance(value, bool):
        fmt = (DELTA_FORMATS if delta else FORMATS).get(unit)
        if fmt:
            cell.number_format = fmt
    elif isinstance(value, datetime):
        cell.number_format = DATETIME


def _header(ws: Worksheet, headers: Sequence[str], freeze: str = "B2") -> None:
    for i, text in enumerate(headers, 1):
        ws.cell(row=1, column=i, value=text)
    style_header(ws)
    ws.freeze_panes = freeze


def _note(ws: Worksheet, row: int, text: str) -> None:
    ws.cell(row=row, column=1, value=text).font = Font(italic=True)


# --- a plan -------------------------------------------------------------------------------------


def export_plan(result: Result, meta: ExportMeta, lang: str = "id") -> bytes:
    """Write a solved plan as an Excel workbook.

    Parameters
    ----------
    result
        The plan, from :func:`planner.pipeline.run`. An infeasible one is written with its
        diagnosis and, when there is one, its relaxed plan (the mandates met as far as the money
        allows), each of its tables marked as not meeting the mandates, and the shortfalls.
    meta
        Where the plan comes from: scenario name, version, content hash, solver, time, author.
    lang
        ``"id"`` (default) or ``"en"``, for sheet names, headers and messages.

    Returns
    -------
    bytes
        An .xlsx with the sheets summary, (for a relaxed plan) mandate shortfalls, allocation,
        by group, by source and by region (each group's funded workers and each source's spend
        before the cuts too, when ``result.changes`` holds them) and explanations, then the
        scenario's inputs as template sheets (readable by
        :func:`planner.store.template.read_template`).

    """
    _check_lang(lang)
    wb = Workbook()
    wb.remove(wb.active)
    plan = result if result.ok else result.relaxed
    _summary(wb.create_sheet(t("xl_sheet_summary", lang)), result, plan, meta, lang)
    relaxed = plan is not None and plan is not result
    if relaxed:
        _shortfalls(wb.create_sheet(t("xl_sheet_shortfalls", lang)), result, lang)
    shown = plan or result  # without a plan, the tables keep their headers above a note
    missing = None if plan is not None else t("xl_no_plan", lang)
    below = t("xl_relaxed_note", lang) if relaxed else None
    changes = result.changes or {}
    for key, df in (("allocation", _allocation(shown)),
                    ("by_group", _marked(_before_after(shown.by_group, changes.get("groups"),
                                                       "group", "funded", "workers"), lang)),
                    ("by_source", _marked(_paid_first(_before_after(
                        shown.by_source, changes.get("sources"), "source", "spent", "Rp")),
                        lang))):
        _frame(wb.create_sheet(t(f"xl_sheet_{key}", lang)), df, lang, missing, below)
    regions = bool(result.scenario.regions)
    _frame(wb.create_sheet(t("xl_sheet_by_region", lang)), shown.by_region, lang,
           missing if regions else t("xl_no_regions", lang), below)
    _messages(wb.create_sheet(t("xl_sheet_messages", lang)), result, shown.warnings, lang)
    _basis(wb.create_sheet(t("xl_sheet_basis", lang)), result, lang)
    if plan is not None:
        _budget_lines(wb.create_sheet(t("xl_sheet_budget_lines", lang)), plan, lang)
    add_scenario_sheets(wb, result.scenario, lang)
    for ws in wb.worksheets:
        _print_settings(ws)
    return save(wb)


def _budget_lines(ws: Worksheet, plan: Result, lang: str) -> None:
    """Write the plan's budget lines as SIPD/RKA wants them, their total the plan's spend."""
    frame = lines_frame(budget_lines(plan), lang)
    headers: Mapping[str, str] = frame.attrs["headers"]
    units: Mapping[str, str] = frame.attrs["unit"]
    columns = [str(c) for c in frame.columns]
    _header(ws, [headers[c] for c in columns], "B2")
    last = len(frame) + 1
    for r, row in enumerate(frame.itertuples(index=False, name=None), 2):
        for c, (column, value) in enumerate(zip(columns, row, strict=True), 1):
            _cell(ws, r, c, None if value == "" else value, units.get(column, ""), lang)
            if r == last:
                ws.cell(row=r, column=c).font = Font(bold=True)
    fit_columns(ws, cap=60)
    _note(ws, last + 2, t("xl_budget_lines_note", lang, regulation=account_book().regulation))


def _basis(ws: Worksheet, result: Result, lang: str) -> None:
    """Write where each figure comes from.

    Groups and sources with their basis, illustrative figures marked; then the rates, discounts
    and funding rules with their regulation and dates; then how the discount is read for each
    payer.
    """
    scenario = result.scenario
    _header(ws, [t("prov_col_item", lang), t("prov_col_basis", lang), t("prov_col_note", lang)])
    r = 2
    for item, basis, note in basis_rows(scenario, lang):
        for c, value in enumerate((item, basis, note), 1):
            _cell(ws, r, c, value)
        if note:
            ws.cell(row=r, column=3).font = Font(bold=True, color=WARNING_RED)
        r += 1
    r += 1
    ws.cell(row=r, column=1, value=t("xl_basis_rules", lang)).font = Font(bold=True)
    for item, regulation, dates in rule_rows(scenario, lang):
        r += 1
        for c, value in enumerate((item, regulation, dates), 1):
            _cell(ws, r, c, value)
    lines = reading_lines(scenario.policy, scenario, lang)
    if lines:
        r += 2
        ws.cell(row=r, column=1, value=t("xl_basis_readings", lang)).font = Font(bold=True)
        for line in lines:
            r += 1
            _cell(ws, r, 1, line)
    fit_columns(ws, cap=90)


def _marked(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Move the basis columns last and write an illustrative figure as words, not yes/no."""
    if "assumed" not in df:
        return df
    last = [c for c in ("basis", "assumed", "part_of") if c in df]
    out = df[[c for c in df.columns if c not in last] + last].copy()
    out["assumed"] = [t("prov_assumed", lang) if v else "" for v in df["assumed"]]
    out.attrs = df.attrs
    return out


def _allocation(result: Result) -> pd.DataFrame:
    """Return the allocation with the names of groups, regions (if any) and sources by the ids."""
    names = _names(result)
    alloc = result.allocation.copy()
    alloc.insert(1, "group_name", [names["group"].get(g, g) for g in alloc["group"]])
    alloc.insert(4, "source_name", [names["source"].get(s, s) for s in alloc["source"]])
    if result.scenario.regions:
        alloc.insert(3, "region_name", [names["region"].get(r, r) for r in alloc["region"]])
    else:
        alloc = alloc.drop(columns=["region"])
    alloc.attrs["unit"] = result.allocation.attrs["unit"]
    return alloc


def _before_after(df: pd.DataFrame, rows: list[dict[str, Any]] | None, key: str, measure: str,
                  unit: str) -> pd.DataFrame:
    """``df`` with ``<measure>_before``, ``_after`` and ``_change`` from the changes' rows.

    Each source's ``spare`` money is given its unit here too (the pipeline adds the column); the
    LP's figure beside it (``spare_lp``, a bound that no whole-worker plan may reach) is left out,
    so the sheet holds only the amount to cut by.
    """
    out = df.drop(columns=[c for c in ("spare_lp",) if c in df])
    units = {**df.attrs.get("unit", {}), **({"spare": "Rp"} if "spare" in df else {})}
    if rows is not None:
        by_id = {row["id"]: row for row in rows}
        for part in ("before", "after", "change"):
            out[f"{measure}_{part}"] = [by_id.get(i, {}).get(part, 0) for i in df[key]]
            units[f"{measure}_{part}"] = unit
    out.attrs["unit"] = units
    return out


def _paid_first(df: pd.DataFrame) -> pd.DataFrame:
    """Put a re-plan's money paid before its month before the money from the month on.

    Read left to right, a source's row then tells the year: paid, available from the month,
    spent from it, left.
    """
    if "spent_to_date" not in df:
        return df
    columns = [c for c in df.columns if c != "spent_to_date"]
    columns.insert(columns.index("available"), "spent_to_date")
    out = df[columns]
    out.attrs = df.attrs
    return out


def _names(result: Result) -> dict[str, dict[str, str]]:
    scenario = result.scenario
    return {"group": {g.id: g.label for g in scenario.groups},
            "source": {s.id: s.label for s in scenario.sources},
            "region": {r.id: r.name or r.id for r in scenario.regions}}


def _column_label(column: str, lang: str) -> str:
    return t("xl_col_kind_source" if column == "kind" else f"xl_col_{column}", lang)


def _frame(ws: Worksheet, df: pd.DataFrame, lang: str, note: str | None,
           below: str | None = None) -> None:
    """Write a result table: localised headers, one row per record, formats by unit.

    ``note`` stands instead of the records (a plan that is not there); ``below`` is written
    under them (a relaxed plan, which does not meet the mandates).
    """
    units: dict[str, str] = df.attrs.get("unit", {})
    columns = list(df.columns)
    _header(ws, [_column_label(c, lang) for c in columns])
    if note is not None:
        _note(ws, 2, note)
    else:
        for r, record in enumerate(df.itertuples(index=False), 2):
            for c, (column, value) in enumerate(zip(columns, record, strict=True), 1):
                _cell(ws, r, c, value, units.get(column, ""), lang, column.endswith("_change"))
        if below is not None:
            _warn(ws, len(df) + 3, below)
    fit_columns(ws)


def _warn(ws: Worksheet, row: int, text: str) -> None:
    ws.cell(row=row, column=1, value=text).font = Font(bold=True, color=WARNING_RED)


def _shortfalls(ws: Worksheet, result: Result, lang: str) -> None:
    """Write the mandates and regional floors the relaxed plan falls short of, one row each."""
    names = _names(result)
    _header(ws, [t(f"xl_col_{k}", lang) for k in (
        "group", "group_name", "region", "region_name", "short", "short_cost")])
    for r, s in enumerate(result.shortfalls, 2):
        group = s["group"]
        values = [(group, ""), (names["group"].get(group, group) if group is not None
                                else t("xl_region_floor", lang), ""),
                  (s["region"], ""), (names["region"].get(s["region"], s["region"]), ""),
                  (s["workers"], "workers"), (s["cost"], "Rp")]
        for c, (value, unit) in enumerate(values, 1):
            _cell(ws, r, c, value, unit, lang)
    _warn(ws, len(result.shortfalls) + 3, t("xl_shortfalls_note", lang,
                                              bound=count(result.shortfall_bound, lang)))
    fit_columns(ws)


def _summary(ws: Worksheet, result: Result, plan: Result | None, meta: ExportMeta,
             lang: str) -> None:
    """Write where the plan comes from and its figures; a relaxed plan's are marked as such."""
    ok = plan is not None
    eligible = result.eligible_total  # a subgroup is counted inside its parent
    covered = plan.covered_total if plan is not None else None
    available = int(sum(result.inputs.available.values()))
    created = meta.created_at
    offset = created.strftime("UTC%z") if created.tzinfo else ""
    words = headline(plan, lang) if plan is not None else {}
    relaxed = plan is not None and plan is not result
    short = sum(s["workers"] for s in result.shortfalls)
    mandates = (t("xl_mandates_met", lang) if result.ok else
                t("xl_mandates_not_met", lang, workers=count(short, lang)) if relaxed else None)
    head = t("xl_headline", lang, **words) if plan is not None else t("xl_no_plan", lang)
    rows: list[tuple[str, Any, str, str]] = [
        ("scenario", meta.scenario_name, "", ""),
        ("file_name", result.scenario.name, "", ""),
        ("version", meta.version, "", ""),
        ("hash", meta.content_hash, "", ""),
        ("planner", meta.planner_version, "", ""),
        ("solver", meta.solver, "", ""),
        ("created", created, "", offset),
        ("author", meta.author, "", ""),
        ("note", meta.note, "", ""),
        ("year", result.scenario.year, "", ""),
        ("objective", result.scenario.policy.objective, "", ""),
        ("global_cut", result.scenario.policy.global_cut, "share", ""),
        *_from_month(result, lang),
        ("status", t(f"xl_status_{result.status}", lang), "", ""),
        ("mandates", mandates, "", ""),
        ("covered", plan.covered_workers if plan else None, "workers", words.get("covered", "")),
        ("bound", plan.bound_covered if plan else None, "workers", words.get("bound", "")),
        ("gap", max(0, plan.bound_covered - plan.covered_workers) if plan else None,
         "workers", ""),
        ("eligible", eligible, "workers", count(eligible, lang)),
        ("share", covered / eligible if ok and covered is not None and eligible else None,
         "share", ""),
        ("spent", plan.total_cost if plan else None, "Rp", words.get("spent", "")),
        ("cost_bound", int(plan.solution.spend_bound) if plan else None, "Rp", ""),
        ("available", available, "Rp", rupiah_short(available, lang)),
        ("unspent", int(plan.by_source["unspent"].sum()) if plan else None, "Rp",
         words.get("unspent", "")),
        ("headline", t("xl_relaxed_headline", lang, headline=head) if relaxed else head, "",
         ""),
    ]
    _header(ws, [t("xl_field", lang), t("xl_value", lang), t("xl_remark", lang)], "A2")
    for r, (key, value, unit, remark) in enumerate(rows, 2):
        ws.cell(row=r, column=1, value=t(f"xl_sum_{key}", lang))
        _cell(ws, r, 2, value, unit, lang)
        if remark:
            ws.cell(row=r, column=3, value=remark)
    if relaxed:  # the figures below it are the relaxed plan's
        mandates_row = 2 + [key for key, *_ in rows].index("mandates")
        for c in (1, 2):
            ws.cell(row=mandates_row, column=c).font = Font(bold=True, color=WARNING_RED)
    fit_columns(ws, cap=70)
    _note(ws, len(rows) + 3, t("xl_inputs_note", lang, sheets=", ".join(_input_sheets(lang))))


def _from_month(result: Result, lang: str) -> list[tuple[str, Any, str, str]]:
    """Return a re-plan's month and what counts from it as a summary row (none for a year)."""
    month = result.scenario.policy.from_month
    if month == 1 and "enrolled" not in result.by_group:
        return []
    return [("from_month", month, "months", t("xl_from_month_note", lang))]


def _input_sheets(lang: str) -> list[str]:
    return [s.name(lang) for s in SHEETS.values()]


def _messages(ws: Worksheet, result: Result, warnings: list[Message], lang: str) -> None:
    _header(ws, [t("xl_col_kind", lang), t("xl_col_code", lang), t("xl_col_message", lang)])
    groups: list[tuple[str, Iterable[Message]]] = [
        ("diagnosis", result.diagnosis), ("explanation", result.explanations),
        ("warning", warnings)]
    r = 2
    for kind, messages in groups:
        for m in messages:
            ws.cell(row=r, column=1, value=t(f"xl_kind_{kind}", lang))
            ws.cell(row=r, column=2, value=m.code)
            _cell(ws, r, 3, m.text(lang))
            r += 1
    if r == 2:
        _note(ws, 2, t("xl_no_messages", lang))
    fit_columns(ws, cap=120)


# --- a comparison -------------------------------------------------------------------------------


def export_comparison(comparison: Comparison, meta: Sequence[ExportMeta] | None = None,
                      lang: str = "id") -> bytes:
    """Write a comparison of scenarios as an Excel workbook.

    Parameters
    ----------
    comparison
        From :func:`planner.compare.compare`.
    meta
        One :class:`ExportMeta` per compared scenario, in the comparison's order, or ``None``.
    lang
        ``"id"`` (default) or ``"en"``.

    Returns
    -------
    bytes
        An .xlsx with the sheets summary (names, baseline, statuses, each scenario's meta),
        inputs that differ, totals, by group and by source (each scenario's value and its
        difference to the baseline, as numbers) and diagnosis.

    Raises
    ------
    ValueError
        For an unknown ``lang`` or a ``meta`` list of the wrong length.

    """
    _check_lang(lang)
    if meta is not None and len(meta) != len(comparison.names):
        raise ValueError(f"meta needs one entry per scenario ({len(comparison.names)}), "
                         f"got {len(meta)}")
    wb = Workbook()
    wb.remove(wb.active)
    _comparison_summary(wb.create_sheet(t("xl_sheet_summary", lang)), comparison, meta, lang)
    _inputs_differ(wb.create_sheet(t("xl_sheet_inputs_differ", lang)), comparison, lang)
    for key, df in comparison.outputs.tables().items():
        item_key = {"by_group": "group", "by_source": "source"}.get(key, "")
        _side_by_side(wb.create_sheet(t(f"xl_sheet_{key}", lang)), comparison, df, item_key, lang)
    ws = wb.create_sheet(t("xl_sheet_diagnosis", lang))
    _header(ws, [t("xl_col_scenario", lang), t("xl_col_code", lang), t("xl_col_message", lang)])
    rows = [(n, m) for n, msgs in comparison.diagnosis.items() for m in msgs]
    for r, (name, m) in enumerate(rows, 2):
        for c, value in enumerate((name, m.code, m.text(lang)), 1):
            _cell(ws, r, c, value)
    if not rows:
        _note(ws, 2, t("xl_no_diagnosis", lang))
    fit_columns(ws, cap=120)
    for ws in wb.worksheets:
        _print_settings(ws)
    return save(wb)


def _comparison_summary(ws: Worksheet, comparison: Comparison,
                        meta: Sequence[ExportMeta] | None, lang: str) -> None:
    keys = ["scenario", "file_name", "baseline", "status"]
    if meta is not None:
        keys += ["version", "hash", "planner", "solver", "created", "author", "note"]
    _header(ws, [t("xl_col_baseline" if k == "baseline" else f"xl_sum_{k}", lang)
                 for k in keys])
    for r, name in enumerate(comparison.names, 2):
        values: list[Any] = [name, comparison.scenario_names[name],
                             name == comparison.baseline,
                             t(f"xl_status_{comparison.statuses[name]}", lang)]
        if meta is not None:
            m = meta[r - 2]
            values += [m.version, m.content_hash, m.planner_version, m.solver, m.created_at,
                       m.author, m.note]
        for c, value in enumerate(values, 1):
            _cell(ws, r, c, value, lang=lang)
    fit_columns(ws)


def _item_label(item: str, name: str, lang: str) -> str:
    kind, _, item_id = item.partition(":")
    return t(f"cmp_item_{kind}", lang, name=name or item_id) if item_id else t(
        f"cmp_item_{kind}", lang)


def _field_label(field_name: str, lang: str) -> str:
    base, bracket, rest = field_name.partition("[")
    return f"{t(f'cmp_field_{base}', lang)} ({base})" + (f" [{rest}" if bracket else "")


def _inputs_differ(ws: Worksheet, comparison: Comparison, lang: str) -> None:
    names = list(comparison.names)
    _header(ws, [t("xl_col_item", lang), t("xl_col_field", lang), *names], "C2")
    df = comparison.inputs
    for r, row in enumerate(df.to_dict("records"), 2):
        _cell(ws, r, 1, _item_label(str(row["item"]), str(row["name"] or ""), lang))
        _cell(ws, r, 2, _field_label(str(row["field"]), lang))
        for c, name in enumerate(names, 3):
            _cell(ws, r, c, row[name], str(row["unit"]), lang)
    if df.empty:
        _note(ws, 2, t("cmp_no_input_diff", lang))
    fit_columns(ws)


def _side_by_side(ws: Worksheet, comparison: Comparison, df: pd.DataFrame, item_key: str,
                  lang: str) -> None:
    """Values per scenario and, beside each but the baseline's, the difference to it."""
    columns: list[tuple[str, bool]] = []
    for name in comparison.names:
        columns.append((name, False))
        if name != comparison.baseline:
            columns.append((name + DELTA, True))
    head = [t("xl_col_name", lang), t(f"xl_col_{item_key}", lang)] if item_key else []
    _header(ws, [*head, t("xl_col_measure", lang),
                 *(t("cmp_diff", lang, name=c[: -len(DELTA)]) if delta else c
                   for c, delta in columns)], "C2" if item_key else "B2")
    for r, row in enumerate(df.to_dict("records"), 2):
        measure = str(row["measure"])
        first = [row["name"] or row["item"], row["item"]] if item_key else []
        for c, value in enumerate([*first, t(f"cmp_measure_{measure}", lang)], 1):
            _cell(ws, r, c, value)
        for c, (column, delta) in enumerate(columns, len(first) + 2):
            value = row[column]
            if measure == "status" and isinstance(value, str):
                value = t(f"xl_status_{value}", lang)
            _cell(ws, r, c, value, str(row["unit"]), lang, delta)
    fit_columns(ws)


# --- a batch (planner batch --out results.xlsx) ---------------------------------------------
# Added for issue 17; the batch layer hands over finished tables, their headers already in the
# reader's language, and this writes them with the units' number formats, ready to print.


def export_batch(sheets: Sequence[tuple[str, pd.DataFrame]], headers: Mapping[str, str],
                 lang: str = "id") -> bytes:
    """Write a batch's tables (the results, then its summaries) as an Excel workbook.

    Parameters
    ----------
    sheets
        ``(sheet name, table)`` in order; each table's ``attrs["unit"]`` picks the number
        format of its columns (rupiah, head-counts, shares), and an empty value stays empty.
    headers
        The header shown for each column id (a column not in it is shown by its id).
    lang
        ``"id"`` or ``"en"``, for yes/no cells.

    Returns
    -------
    bytes
        An .xlsx whose sheets have a frozen, filtered header and print landscape on A4, one
        page wide, the header repeated on every page, pages numbered in the footer.

    """
    _check_lang(lang)
    wb = Workbook()
    wb.remove(wb.active)
    for title, df in sheets:
        ws = wb.create_sheet(title[:31])
        units: Mapping[str, str] = df.attrs.get("unit", {})
        columns = [str(c) for c in df.columns]
        _header(ws, [headers.get(c, c) for c in columns], "B2")
        for r, row in enumerate(df.itertuples(index=False, name=None), 2):
            for c, (column, value) in enumerate(zip(columns, row, strict=True), 1):
                _cell(ws, r, c, None if value is pd.NA else value, units.get(column, ""), lang)
        fit_columns(ws, cap=60)
        _print_settings(ws)
    return save(wb)


def _print_settings(ws: Worksheet) -> None:
    """Landscape A4, one page wide, header row on every page, page numbers, a filter."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    ws.print_options.gridLines = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.oddFooter.center.text = "&P / &N"
    ws.oddHeader.center.text = "&A"
    if ws.max_row > 1:
        ws.auto_filter.ref = ws.dimensions
