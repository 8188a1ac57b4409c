"""Scenarios in an Excel template: write one (blank or filled) and read one back.

A budget officer fills a workbook instead of a YAML file. :func:`write_template` makes the
workbook, :func:`read_template` turns it into a :class:`~planner.engine.schema.Scenario` through
:func:`~planner.engine.schema.validate_scenario`, so every schema check applies; each problem
names its sheet, row and column, e.g. ``Sumber dana!D4 (budget) = 'abc': ...``. The sheets
and columns are described in :mod:`planner.store.template_layout` and on the workbook's
instructions sheet.

Regenerate the example templates with ``python -m planner.store.template scenarios/templates``.
"""

from __future__ import annotations

import io
import sys
import warnings
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Final
from xml.etree.ElementTree import ParseError

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from planner.engine.scenarios import EXAMPLES_DIR, load_scenario
from planner.engine.schema import ALL, Group, Policy, Scenario, validate_scenario
from planner.errors import Problem, ScenarioError
from planner.i18n import register, t
from planner.money import count
from planner.store.template_layout import (
    FIELD_SHEETS,
    PER_REGION_FIELDS,
    SHEETS,
    Column,
    Sheet,
    bool_word,
    normalise,
)
from planner.store.template_reader import TemplateReader

__all__ = [
    "MAX_BYTES",
    "MAX_ROWS",
    "add_scenario_sheets",
    "fit_columns",
    "generate_templates",
    "read_template",
    "style_header",
    "write_template",
]

MAX_BYTES: Final = 10 * 1024 * 1024  # an upload larger than this is refused before parsing
MAX_UNPACKED: Final = 100 * 1024 * 1024  # the workbook's parts, unpacked (a zip bomb is refused)
MAX_ROWS: Final = 5000  # data rows per sheet
MAX_COLUMNS: Final = 60  # columns read per sheet
TEMPLATE_FILES: Final = {"template-kosong.xlsx": None, "kutim-2025.xlsx": "kutim-2025.yaml"}

FORMATS: Final = {"count": "#,##0", "money": '"Rp"#,##0', "int": "0", "share": "0.0##%"}
_HEADER_FONT: Final = Font(bold=True)
_HEADER_FILL: Final = PatternFill("solid", fgColor="DDEBF7")

register(
    {
        "tpl_too_large": {
            "id": "berkas terlalu besar ({size} bita; paling besar {limit}); templat skenario "
            "biasanya di bawah 100 KB",
            "en": "the file is too large ({size} bytes; at most {limit}); a scenario template is "
            "usually under 100 KB",
        },
        "tpl_not_xlsx": {
            "id": "berkas ini tidak dapat dibaca sebagai buku kerja Excel .xlsx ({detail}); "
            "simpan sebagai 'Excel Workbook (*.xlsx)' lalu unggah lagi",
            "en": "this file cannot be read as an Excel .xlsx workbook ({detail}); save it as "
            "'Excel Workbook (*.xlsx)' and upload it again",
        },
        "tpl_encrypted": {
            "id": "buku kerja ini dilindungi kata sandi (terenkripsi) atau berformat lama .xls; "
            "buka di Excel, hapus kata sandinya (File > Info > Lindungi Buku Kerja > Enkripsi "
            "dengan Kata Sandi, kosongkan) lalu simpan sebagai 'Excel Workbook (*.xlsx)'",
            "en": "this workbook is password-protected (encrypted) or an old .xls file; open it "
            "in Excel, remove the password (File > Info > Protect Workbook > Encrypt with "
            "Password, clear it) and save it as 'Excel Workbook (*.xlsx)'",
        },
    }
)

# an OLE2 compound file: how Excel stores a password-protected .xlsx, and the old .xls format
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


# --- writing ------------------------------------------------------------------------------------


def write_template(scenario: Scenario | None, lang: str = "id") -> bytes:
    """Write the Excel template, blank or filled with ``scenario``.

    Parameters
    ----------
    scenario
        The scenario to fill in, or ``None`` for a blank template (policy at its defaults).
    lang
        Language of the sheet names, headers and yes/no words: ``"id"`` (default) or ``"en"``.

    Returns
    -------
    bytes
        An .xlsx workbook that :func:`read_template` reads back to ``scenario``.

    """
    wb = Workbook()
    wb.remove(wb.active)
    _instructions(wb.create_sheet(t("tpl_sheet_instructions", lang)), lang)
    add_scenario_sheets(wb, scenario, lang)
    return save(wb)


def save(wb: Workbook) -> bytes:
    """Return the workbook as .xlsx bytes."""
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def add_scenario_sheets(wb: Workbook, scenario: Scenario | None, lang: str = "id") -> None:
    """Add the template's sheets (scenario, groups, sources, policy, regions) to ``wb``.

    Parameters
    ----------
    wb
        The workbook to add to; the Excel export adds them after the plan's sheets, so an
        exported plan reads back with :func:`read_template` to the scenario it solved.
    scenario
        The scenario to write, or ``None`` for empty tables and the default policy.
    lang
        Language of sheet names and headers.

    """
    items = _items(scenario)
    policy = scenario.policy.model_dump() if scenario else _default_policy()
    for kind, reading in policy.pop("discount_readings", {}).items():  # one row a payer kind
        policy[f"discount_readings.{kind}"] = reading
    head: dict[str, Any] = {"name": None, "year": None, "description": None}
    if scenario:
        head = {"name": scenario.name, "year": scenario.year,
                "description": scenario.description or None}
    for key in SHEETS:
        sheet = SHEETS[key]
        ws = wb.create_sheet(sheet.name(lang))
        if key in FIELD_SHEETS:
            _write_fields(ws, sheet, head if key == "scenario" else policy, lang)
        else:
            _write_table(ws, sheet, items[key], lang)


def _default_policy() -> dict[str, Any]:
    return Policy().model_dump()


def _items(scenario: Scenario | None) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {k: [] for k in SHEETS if k not in FIELD_SHEETS}
    if scenario is None:
        return out
    regions = [r.id for r in scenario.regions]
    out["regions"] = [{"id": r.id, "name": r.name or None} for r in scenario.regions]
    for g in scenario.groups:
        out["groups"].append(_group_row(g, bool(regions)))
        per = {f: v for f in PER_REGION_FIELDS if isinstance(v := getattr(g, f), dict)}
        for r in regions if per else ():
            out["per_region"].append({"group": g.id, "region": r,
                                      **{f: v.get(r) for f, v in per.items()}})
    for s in scenario.sources:
        out["sources"].append({"id": s.id, "name": s.name or None, "kind": s.kind,
                               "budget": s.budget, "cut": s.cut, "protected": s.protected,
                               "groups": s.groups, "regions": s.regions,
                               "spent_to_date": s.spent_to_date or None,
                               "allocation": s.allocation, "basis": s.basis or None,
                               "assumed": s.assumed})
    return out


def _group_row(g: Group, with_regions: bool) -> dict[str, Any]:
    row: dict[str, Any] = g.model_dump(exclude={"premium"})
    row["name"] = g.name or None
    row["basis"] = g.basis or None
    for f in PER_REGION_FIELDS:
        if isinstance(row[f], dict) or (with_regions and row[f] == 0):
            row[f] = None
    if g.premium is not None:
        rule = g.premium
        row |= {"premium.scheme": rule.scheme, "premium.declared_income": rule.declared_income,
                "premium.wage": rule.wage, "premium.programmes": rule.programmes}
        if rule.scheme == "wage" or rule.jkk_class != 1:
            row["premium.jkk_class"] = rule.jkk_class
    return row


def _cell_value(column: Column, value: Any, lang: str) -> Any:
    if isinstance(value, bool):
        return bool_word(value, lang)
    if column.kind == "all_or_list" and value == ALL:
        return t("tpl_all", lang)
    if isinstance(value, tuple | list):
        return ", ".join(str(v) for v in value) or None
    return value


def _put(ws: Worksheet, row: int, col: int, value: Any, fmt: str | None = None) -> None:
    cell = ws.cell(row=row, column=col, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # text, never a formula
    if fmt:
        cell.number_format = fmt


def style_header(ws: Worksheet, row: int = 1) -> None:
    """Make ``row`` a header: bold on a light fill."""
    for cell in ws[row]:
        if cell.value is not None:
            cell.font = _HEADER_FONT
            cell.fill = _HEADER_FILL


def _validation(ws: Worksheet, column: Column, where: str, lang: str) -> None:
    words = column.choices if column.kind == "choice" else (
        (bool_word(True, lang), bool_word(False, lang)) if column.kind == "bool" else ())
    if not words:
        return
    dv = DataValidation(type="list", formula1='"' + ",".join(words) + '"', allow_blank=True)
    dv.add(where)
    ws.add_data_validation(dv)


def _write_table(ws: Worksheet, sheet: Sheet, rows: list[dict[str, Any]], lang: str) -> None:
    for i, column in enumerate(sheet.columns, 1):
        _put(ws, 1, i, sheet.label(column.key, lang))
        letter = get_column_letter(i)
        fmt = FORMATS.get(column.kind)
        if fmt:
            ws.column_dimensions[letter].number_format = fmt  # for rows typed in later
        _validation(ws, column, f"{letter}2:{letter}{MAX_ROWS + 1}", lang)
        for r, item in enumerate(rows, 2):
            value = _cell_value(column, item.get(column.key), lang)
            if value is not None:
                _put(ws, r, i, value, fmt)
    if sheet.key == "per_region":
        for i, source in ((1, "groups"), (2, "regions")):
            title = SHEETS[source].name(lang).replace("'", "''")
            dv = DataValidation(type="list", allow_blank=True,
                                formula1=f"='{title}'!$A$2:$A${MAX_ROWS + 1}")
            dv.add(f"{get_column_letter(i)}2:{get_column_letter(i)}{MAX_ROWS + 1}")
            ws.add_data_validation(dv)
    style_header(ws)
    ws.freeze_panes = "B2"
    fit_columns(ws)


def _write_fields(ws: Worksheet, sheet: Sheet, values: dict[str, Any], lang: str) -> None:
    for i, word in enumerate(("tpl_field", "tpl_value", "tpl_explanation"), 1):
        _put(ws, 1, i, t(word, lang))
    for r, column in enumerate(sheet.columns, 2):
        _put(ws, r, 1, sheet.label(column.key, lang))
        value = _cell_value(column, values.get(column.key), lang)
        _put(ws, r, 2, value, FORMATS.get(column.kind))
        _put(ws, r, 3, sheet.help(column.key, lang))
        ws.cell(row=r, column=3).alignment = Alignment(wrap_text=True, vertical="top")
        _validation(ws, column, f"B{r}", lang)
    style_header(ws)
    ws.freeze_panes = "A2"
    fit_columns(ws, cap=80)


def _instructions(ws: Worksheet, lang: str) -> None:
    _put(ws, 1, 1, t("tpl_title", lang))
    ws.cell(row=1, column=1).font = Font(bold=True, size=13)
    for row, words in ((2, lang), (3, "en" if lang == "id" else "id")):
        _put(ws, row, 1, t("tpl_intro", words))
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=7)
        ws.cell(row=row, column=1).alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[row].height = 15 * (len(t("tpl_intro", words)) // 150 + 1)
    headers = ("tpl_col_sheet", "tpl_col_label_id", "tpl_col_label_en", "tpl_col_key",
               "tpl_col_required", "tpl_col_help_id", "tpl_col_help_en")
    for i, key in enumerate(headers, 1):
        _put(ws, 5, i, t(key, lang))
    row = 6
    for sheet in SHEETS.values():
        for column in sheet.columns:
            cells = (sheet.name(lang), sheet.label(column.key, "id"),
                     sheet.label(column.key, "en"), column.key,
                     bool_word(column.required, lang), sheet.help(column.key, "id"),
                     sheet.help(column.key, "en"))
            for i, value in enumerate(cells, 1):
                _put(ws, row, i, value)
            row += 1
    style_header(ws, 5)
    ws.freeze_panes = "A6"
    fit_columns(ws, cap=70, skip_rows=3)
    for r in range(6, row):
        for c in (1, 6, 7):
            ws.cell(row=r, column=c).alignment = Alignment(wrap_text=True, vertical="top")


def _text_width(value: Any, fmt: str) -> int:
    if isinstance(value, bool) or value is None:
        return 5
    if isinstance(value, int | float):
        if "%" in fmt:
            return len(f"{value * 100:.1f}") + 2
        width = len(f"{abs(round(value)):,}") + (1 if value < 0 else 0)
        return width + (3 if "Rp" in fmt else 0) + (0 if float(value).is_integer() else 4)
    if hasattr(value, "isoformat"):
        return 17
    return max(len(line) for line in str(value).splitlines() or [""])


def fit_columns(ws: Worksheet, cap: int = 60, skip_rows: int = 0) -> None:
    """Set each column's width from its longest cell (as shown), between 8 and ``cap``."""
    widths: dict[int, int] = {}
    for row in ws.iter_rows(min_row=skip_rows + 1):
        for cell in row:
            if cell.value is not None:
                width = _text_width(cell.value, str(cell.number_format))
                widths[cell.column] = max(widths.get(cell.column, 0), width)
    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = min(cap, max(8, width + 2))


# --- reading ------------------------------------------------------------------------------------

Rows = list[tuple[int, tuple[Any, ...]]]  # (row number, values), row 1 first


def read_template(data: bytes, file: str = "upload.xlsx") -> Scenario:
    """Read a filled template into a validated scenario.

    Parameters
    ----------
    data
        The workbook's bytes (an upload, or a file's content).
    file
        The name problems are reported against.

    Returns
    -------
    Scenario
        The scenario, checked by :func:`planner.engine.schema.validate_scenario`.

    Raises
    ------
    ScenarioError
        Listing every problem found, each at ``Sheet!<column><row> (field)`` with the value and
        its fix: a file over :data:`MAX_BYTES` or not an .xlsx, a missing sheet, an unknown
        header, a cell that is not a number, an empty required cell, more than
        :data:`MAX_ROWS` rows, and every schema problem mapped back to its cell.

    """
    if len(data) > MAX_BYTES:
        raise ScenarioError([Problem("", "tpl_too_large", {"size": count(len(data)),
                                                            "limit": count(MAX_BYTES)})], file)
    sheets = _read_cells(data, file)
    reader = TemplateReader(sheets, MAX_ROWS)
    raw = reader.data()
    problems = list(reader.problems)
    try:
        scenario = validate_scenario(raw, file)
    except ScenarioError as exc:
        problems += [reader.locate(p) for p in exc.problems]
    else:
        if not problems:
            return scenario
    raise ScenarioError(_unique(problems), file)


def _unique(problems: Iterable[Problem]) -> list[Problem]:
    seen: set[str] = set()
    out = []
    for p in problems:
        if p.path not in seen:
            seen.add(p.path)
            out.append(p)
    return out


def _not_xlsx(file: str, detail: str) -> ScenarioError:
    return ScenarioError([Problem("", "tpl_not_xlsx", {"detail": detail})], file)


def _read_cells(data: bytes, file: str) -> dict[str, Rows]:
    """Every known sheet's rows as plain values; the only place the file is parsed."""
    if data.startswith(_OLE2):
        raise ScenarioError([Problem("", "tpl_encrypted", {})], file)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise _not_xlsx(file, "zip") from None
    if unpacked > MAX_UNPACKED:
        raise ScenarioError([Problem("", "tpl_too_large", {"size": count(unpacked),
                                                            "limit": count(MAX_UNPACKED)})], file)
    known = set().union(*(s.names() for s in SHEETS.values()))
    try:
        with warnings.catch_warnings():  # openpyxl warns of Excel features it drops on reading
            warnings.simplefilter("ignore", UserWarning)
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                return {title: _rows(wb[title]) for title in wb.sheetnames
                        if normalise(title) in known}
            finally:
                wb.close()
    # what openpyxl raises on a broken part (AttributeError: a chart sheet without a drawing);
    # zipfile's NotImplementedError and RuntimeError: a part with a compression method or the
    # encryption flag that a damaged byte made up
    except (KeyError, ValueError, TypeError, AttributeError, OSError, EOFError, IndexError,
            ParseError, InvalidFileException, zipfile.BadZipFile, zlib.error,
            NotImplementedError, RuntimeError) as exc:
        raise _not_xlsx(file, type(exc).__name__) from None


def _rows(ws: Any) -> Rows:
    """Rows with a value, at most MAX_ROWS + 2 of them (more is reported by the reader)."""
    out: Rows = []
    if not hasattr(ws, "iter_rows"):  # a chart sheet under a template sheet's name
        return out
    last_row = 20 * MAX_ROWS
    for number, values in enumerate(ws.iter_rows(max_col=MAX_COLUMNS, values_only=True), 1):
        if number > last_row:
            out.append((number, ("...",)))  # the reader reports too many rows
            break
        if any(v is not None and not (isinstance(v, str) and not v.strip()) for v in values):
            out.append((number, tuple(values)))
            if len(out) > MAX_ROWS + 1:
                break
    return out


# --- the example templates ----------------------------------------------------------------------


def generate_templates(folder: Path) -> list[Path]:
    """Write the blank template and the Kutai Timur 2025 example into ``folder``.

    Returns
    -------
    list of Path
        The files written: ``template-kosong.xlsx`` and ``kutim-2025.xlsx``.

    """
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, source in TEMPLATE_FILES.items():
        scenario = load_scenario(EXAMPLES_DIR / source) if source else None
        path = folder / name
        path.write_bytes(write_template(scenario))
        written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m planner.store.template FOLDER``: regenerate the example templates."""
    args = list(sys.argv[1:] if argv is None else argv)
    folder = Path(args[0]) if args else EXAMPLES_DIR / "templates"
    for path in generate_templates(folder):
        print(path)  # noqa: T201
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

