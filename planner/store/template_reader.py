"""The template's rows -> scenario data, and each problem's place in the workbook.

:class:`TemplateReader` works on plain cell values (the openpyxl part is in
:mod:`planner.store.template`): it finds the sheets, matches headers, reads each cell as its
field's value and builds the data :func:`~planner.engine.schema.validate_scenario` checks. It
remembers where each list item and field came from, so a schema problem at
``groups[2].eligible`` is reported at ``Kelompok pekerja!C4 (eligible)``.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time
from typing import Any, Final

from planner.engine.schema import ALL
from planner.errors import Problem
from planner.i18n import register
from planner.store.template_layout import (
    FIELD_SHEETS,
    PER_REGION_FIELDS,
    SHEETS,
    Column,
    Sheet,
    normalise,
)

__all__ = ["EMPTY", "TemplateReader", "parse_cell"]

Rows = list[tuple[int, tuple[Any, ...]]]


class _Empty:
    def __repr__(self) -> str:
        return "EMPTY"


EMPTY: Final = _Empty()  # a blank cell: the field takes its default

_TRUE = frozenset({"ya", "yes", "y", "true", "benar", "1"})
_FALSE = frozenset({"tidak", "no", "n", "false", "salah", "0"})
_ALL_WORDS = frozenset({ALL, "semua", "*"})
_INT_TEXT = re.compile(r"[+-]?\d+")
_NUMBER_TEXT = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_DATES = (datetime, date, time)
_MAX_DIGITS = 100  # longer digit strings are not read as numbers (and Python refuses > 4300)
_ITEM_PATH = re.compile(r"(groups|sources|regions)\[(\d+)\](?:\.(.+))?")


register(
    {
        "tpl_missing_sheet": {
            "id": "lembar '{sheet}' tidak ada (lembar yang ada: {found}); pakai templat kosong "
            "atau kembalikan nama lembar itu",
            "en": "there is no sheet '{sheet}' (sheets found: {found}); start from the blank "
            "template or restore that sheet's name",
        },
        "tpl_duplicate_sheet": {
            "id": "lembar ini sama dengan lembar '{other}'; hapus salah satunya",
            "en": "this sheet is the same as sheet '{other}'; delete one of them",
        },
        "tpl_unknown_header": {
            "id": "judul kolom tidak dikenal; judul yang dikenal ada di lembar Petunjuk (atau "
            "kuncinya: {known})",
            "en": "unknown column header; the known headers are on the Instructions sheet (or "
            "their keys: {known})",
        },
        "tpl_duplicate_header": {
            "id": "kolom ini muncul dua kali; hapus salah satunya",
            "en": "this column appears twice; delete one of them",
        },
        "tpl_missing_column": {
            "id": "kolom wajib '{label}' tidak ada di baris judul; tambahkan",
            "en": "the required column '{label}' is missing from the header row; add it",
        },
        "tpl_no_header": {
            "id": "sel ini berisi data tetapi kolomnya tidak punya judul; beri judul atau "
            "kosongkan",
            "en": "this cell holds data but its column has no header; add a header or clear it",
        },
        "tpl_unknown_field": {
            "id": "isian tidak dikenal; isian yang dikenal: {known}",
            "en": "unknown field; known fields: {known}",
        },
        "tpl_duplicate_field": {
            "id": "isian ini sudah ada di baris {row}; hapus salah satunya",
            "en": "this field is already given in row {row}; delete one of them",
        },
        "tpl_not_number": {
            "id": "sel ini harus berisi angka, tanpa titik ribuan atau 'Rp' (mis. 30240000000)",
            "en": "this cell must hold a number, without separators or 'Rp' (e.g. 30240000000)",
        },
        "tpl_not_whole": {
            "id": "sel ini harus berisi bilangan bulat (tanpa pecahan)",
            "en": "this cell must hold a whole number (no fractions)",
        },
        "tpl_not_share": {
            "id": "tulis porsi sebagai persen (mis. 20%) atau pecahan dengan titik (0.2)",
            "en": "write a share as a percentage (e.g. 20%) or a fraction (0.2)",
        },
        "tpl_not_bool": {"id": "tulis ya atau tidak", "en": "write yes or no"},
        "tpl_required_empty": {
            "id": "sel wajib ini kosong; isi {label}",
            "en": "this required cell is empty; fill in {label}",
        },
        "tpl_too_many_rows": {
            "id": "lembar ini berisi lebih dari {limit} baris data (atau data di bawah baris "
            "{last}); bagi skenario atau hapus baris kosong yang berformat",
            "en": "this sheet holds more than {limit} data rows (or data below row {last}); "
            "split the scenario or delete formatted empty rows",
        },
        "tpl_need_groups": {
            "id": "isi minimal satu kelompok pekerja di lembar ini, mulai baris 2 (id, pekerja "
            "layak, iuran)",
            "en": "fill in at least one worker group on this sheet, from row 2 (id, eligible "
            "workers, premium)",
        },
        "tpl_need_sources": {
            "id": "isi minimal satu sumber dana di lembar ini, mulai baris 2 (id, jenis, "
            "anggaran)",
            "en": "fill in at least one funding source on this sheet, from row 2 (id, kind, "
            "budget)",
        },
        "tpl_unknown_group": {
            "id": "kelompok ini tidak ada di lembar '{sheet}'; yang ada: {known}",
            "en": "this group is not on the '{sheet}' sheet; known groups: {known}",
        },
        "tpl_duplicate_row": {
            "id": "kelompok dan wilayah ini sudah diisi di baris {row}; hapus salah satunya",
            "en": "this group and region are already given in row {row}; delete one of them",
        },
        "tpl_both_headcounts": {
            "id": "angka ini juga diisi per wilayah di lembar '{sheet}'; kosongkan sel ini",
            "en": "this figure is also given by region on the '{sheet}' sheet; clear this cell",
        },
    }
)


def column_letter(index: int) -> str:
    """Return the spreadsheet letters of 1-based column ``index`` (1 -> A, 27 -> AA)."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def is_blank(value: Any) -> bool:
    """Return True for an empty cell or one holding only spaces."""
    return value is None or (isinstance(value, str) and not value.strip())


def _whole(value: Any) -> tuple[Any, str | None]:
    if isinstance(value, bool | datetime | date | time):
        return None, "tpl_not_number"
    if isinstance(value, int):
        return value, None
    if isinstance(value, float):
        if not math.isfinite(value):
            return None, "tpl_not_number"
        return (int(value), None) if value.is_integer() else (None, "tpl_not_whole")
    text = str(value).strip()
    if _INT_TEXT.fullmatch(text) and len(text) <= _MAX_DIGITS:
        return int(text), None
    return None, "tpl_not_whole" if _NUMBER_TEXT.fullmatch(text) else "tpl_not_number"


def _real(value: Any, percent_ok: bool) -> tuple[Any, str | None]:
    bad = "tpl_not_share" if percent_ok else "tpl_not_number"
    if isinstance(value, bool | datetime | date | time):
        return None, bad
    if isinstance(value, int | float):
        number = float(value)
        return (number, None) if math.isfinite(number) else (None, bad)
    text = str(value).strip()
    scale = 1.0
    if percent_ok and text.endswith("%"):
        text, scale = text[:-1].strip(), 0.01
    if not _NUMBER_TEXT.fullmatch(text):
        return None, bad
    number = float(text) * scale
    return (number, None) if math.isfinite(number) else (None, bad)


def _words(value: Any) -> tuple[str, ...]:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return tuple(w for w in re.split(r"[,;\s]+", str(value).strip()) if w)


def parse_cell(column: Column, value: Any) -> tuple[Any, str | None]:
    """Read one cell as the value of ``column``'s field.

    Parameters
    ----------
    column
        The column (or field row) the cell belongs to.
    value
        The cell's value as openpyxl gives it (``None``, text, a number, a boolean, a date).

    Returns
    -------
    tuple
        ``(value, None)`` with the field's value (:data:`EMPTY` for a blank cell), or
        ``(None, key)`` with the i18n key of the problem: ``tpl_not_number``, ``tpl_not_whole``,
        ``tpl_not_share`` or ``tpl_not_bool``. Ranges and ids are left to the schema.

    """
    if is_blank(value):
        return EMPTY, None
    kind = column.kind
    if kind in ("count", "money", "int"):
        return _whole(value)
    if kind in ("share", "number"):
        return _real(value, kind == "share")
    if kind == "bool":
        if isinstance(value, bool):
            return value, None
        word = normalise(str(value))
        return (word in _TRUE, None) if word in _TRUE | _FALSE else (None, "tpl_not_bool")
    if kind == "list":
        return _words(value), None
    if kind == "all_or_list":
        words = _words(value)
        every = len(words) == 1 and words[0].casefold() in _ALL_WORDS
        return (ALL if every else words), None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = value.isoformat() if isinstance(value, _DATES) else str(value)
    return (text.strip().casefold() if kind == "choice" else text.strip()), None


def _set(item: dict[str, Any], key: str, value: Any) -> None:
    head, dot, rest = key.partition(".")
    if dot:
        item.setdefault(head, {})[rest] = value
    else:
        item[key] = value


class _Table:
    """Where a table sheet's items came from: the sheet, its columns and each item's row."""

    def __init__(self, title: str, sheet: Sheet) -> None:
        self.title = title
        self.sheet = sheet
        self.letters: dict[str, str] = {}  # field key -> column letter
        self.rows: list[int] = []  # item index -> row number
        self.items: list[dict[str, Any]] = []

    def ref(self, key: str, row: int | None) -> str:
        letter = self.letters.get(key)
        if letter is None:
            return f"{self.title}!1:1 ({key})"  # the column is missing
        return f"{self.title}!{letter}{row if row is not None else 2} ({key})"


class TemplateReader:
    """Turn a template's rows into scenario data, collecting problems with their cells.

    Parameters
    ----------
    sheets
        ``{sheet title: rows}``; rows are ``(row number, values)`` for rows holding a value.
    max_rows
        Data rows allowed per sheet.

    """

    def __init__(self, sheets: dict[str, Rows], max_rows: int) -> None:
        self.problems: list[Problem] = []
        self.max_rows = max_rows
        self.titles = self._find_sheets(list(sheets))
        self.tables: dict[str, _Table] = {}
        self.fields: dict[str, tuple[str, dict[str, int]]] = {}
        self.values: dict[str, dict[str, Any]] = {}
        for key, title in self.titles.items():
            if key in FIELD_SHEETS:
                self.values[key] = self._read_fields(title, SHEETS[key], sheets[title])
            else:
                self.tables[key] = self._read_table(title, SHEETS[key], sheets[title])
        self.per_region: dict[tuple[str, str], int] = {}
        self.first_row: dict[str, int] = {}

    # --- sheets and cells ------------------------------------------------------------------

    def _problem(self, path: str, key: str, value: Any = None, **params: Any) -> None:
        self.problems.append(Problem(path, key, params, value, value is not None))

    def _find_sheets(self, titles: list[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for title in titles:
            key = next(k for k, s in SHEETS.items() if normalise(title) in s.names())
            if key in found:
                self._problem(title, "tpl_duplicate_sheet", other=found[key])
            else:
                found[key] = title
        for key, sheet in SHEETS.items():
            if sheet.required and key not in found:
                self._problem(sheet.name("id"), "tpl_missing_sheet",
                              sheet=f"{sheet.name('id')} / {sheet.name('en')}",
                              found=", ".join(titles) or "-")
        return found

    def _cell(self, title: str, column: Column, letter: str, row: int, value: Any) -> Any:
        parsed, error = parse_cell(column, value)
        where = f"{title}!{letter}{row} ({column.key})"
        if error:
            self._problem(where, error, value)
            return EMPTY
        return parsed

    def _too_many(self, title: str, rows: Rows) -> bool:
        if len(rows) > self.max_rows + 1:
            self._problem(title, "tpl_too_many_rows", limit=self.max_rows,
                          last=20 * self.max_rows)
            return True
        return False

    def _read_table(self, title: str, sheet: Sheet, rows: Rows) -> _Table:
        table = _Table(title, sheet)
        if self._too_many(title, rows):
            return table
        header = rows[0][1] if rows and rows[0][0] == 1 else ()
        accepted = sheet.headers()
        columns: dict[int, Column] = {}
        for i, text in enumerate(header):
            if is_blank(text):
                continue
            letter = column_letter(i + 1)
            key = accepted.get(normalise(str(text)))
            if key is None:
                self._problem(f"{title}!{letter}1", "tpl_unknown_header", str(text),
                              known=", ".join(c.key for c in sheet.columns))
            elif key in table.letters:
                self._problem(f"{title}!{letter}1 ({key})", "tpl_duplicate_header", str(text))
            else:
                table.letters[key] = letter
                columns[i] = sheet.column(key)
        for column in sheet.columns:
            if column.required and column.key not in table.letters:
                self._problem(table.ref(column.key, None), "tpl_missing_column",
                              label=sheet.label(column.key, "id"))
        for number, values in rows[1:] if header else rows:
            item: dict[str, Any] = {}
            for i, value in enumerate(values):
                letter = column_letter(i + 1)
                if i not in columns:
                    if not is_blank(value) and (i >= len(header) or is_blank(header[i])):
                        self._problem(f"{title}!{letter}{number}", "tpl_no_header", value)
                    continue
                column = columns[i]
                parsed = self._cell(title, column, letter, number, value)
                if parsed is not EMPTY:
                    _set(item, column.key, parsed)
            for key in table.letters:
                column = sheet.column(key)
                if column.required and key not in item and not self._has_problem(
                        table.ref(key, number)):
                    self._problem(table.ref(key, number), "tpl_required_empty",
                                  label=sheet.label(key, "id") + " / " + sheet.label(key, "en"))
            table.items.append(item)
            table.rows.append(number)
        return table

    def _has_problem(self, path: str) -> bool:
        return any(p.path == path for p in self.problems)

    def _read_fields(self, title: str, sheet: Sheet, rows: Rows) -> dict[str, Any]:
        accepted = sheet.headers()
        rows_of: dict[str, int] = {}
        out: dict[str, Any] = {}
        if self._too_many(title, rows):
            rows = []
        for number, values in rows:
            label = values[0] if values else None
            key = None if is_blank(label) else accepted.get(normalise(str(label)))
            if number == 1 and key is None:
                continue  # the header row
            if key is None:
                if not is_blank(label) or any(not is_blank(v) for v in values[1:2]):
                    self._problem(f"{title}!A{number}", "tpl_unknown_field", label,
                                  known=", ".join(c.key for c in sheet.columns))
                continue
            if key in rows_of:
                self._problem(f"{title}!A{number} ({key})", "tpl_duplicate_field", label,
                              row=rows_of[key])
                continue
            rows_of[key] = number
            value = values[1] if len(values) > 1 else None
            parsed = self._cell(title, sheet.column(key), "B", number, value)
            if parsed is EMPTY and sheet.column(key).required:
                if not self._has_problem(f"{title}!B{number} ({key})"):
                    self._problem(f"{title}!B{number} ({key})", "tpl_required_empty",
                                  label=sheet.label(key, "id") + " / " + sheet.label(key, "en"))
            elif parsed is not EMPTY:
                out[key] = parsed
        self.fields[sheet.key] = (title, rows_of)
        return out

    # --- the scenario data -----------------------------------------------------------------

    def data(self) -> dict[str, Any]:
        """Return the scenario data read, for :func:`planner.engine.schema.validate_scenario`.

        Blank cells are left out, so their fields take the schema's defaults; cells that could
        not be read are left out too (their problem is already in :attr:`problems`).
        """
        out: dict[str, Any] = dict(self.values.get("scenario", {}))
        out["policy"] = dict(self.values.get("policy", {}))
        for key in ("regions", "groups", "sources"):
            table = self.tables.get(key)
            items = table.items if table else []
            if key == "regions" and not items:
                continue
            out[key] = items
            if not items and table and key != "regions":
                self._problem(f"{table.title}!A2 ({key})", f"tpl_need_{key}")
        self._merge_per_region(out.get("groups", []))
        return out

    def _merge_per_region(self, groups: list[dict[str, Any]]) -> None:
        table = self.tables.get("per_region")
        if table is None:
            return
        ids = [g.get("id") for g in groups]
        known = ", ".join(str(i) for i in ids if i is not None) or "-"
        figures: dict[str, dict[str, dict[str, int]]] = {}
        for item, number in zip(table.items, table.rows, strict=True):
            group, region = item.get("group"), item.get("region")
            if group is None or region is None:
                continue
            if group not in ids:
                groups_title = self.tables["groups"].title if "groups" in self.tables else "-"
                self._problem(table.ref("group", number), "tpl_unknown_group", group,
                              sheet=groups_title, known=known)
                continue
            if (group, region) in self.per_region:
                self._problem(table.ref("region", number), "tpl_duplicate_row", region,
                              row=self.per_region[group, region])
                continue
            self.per_region[group, region] = number
            self.first_row.setdefault(group, number)
            for field in PER_REGION_FIELDS:
                if field in item:
                    figures.setdefault(group, {}).setdefault(field, {})[region] = item[field]
        groups_table = self.tables.get("groups")
        for i, g in enumerate(groups):
            for field, per in figures.get(str(g.get("id")), {}).items():
                if field in g and groups_table is not None:
                    self._problem(groups_table.ref(field, groups_table.rows[i]),
                                  "tpl_both_headcounts", g[field], sheet=table.title)
                g[field] = per
            if g.get("id") in self.first_row and "eligible" not in g:
                g["eligible"] = {}  # rows without figures: the schema names the regions

    # --- where a schema problem sits -------------------------------------------------------

    def locate(self, problem: Problem) -> Problem:
        """Return ``problem`` with its path as ``Sheet!<column><row> (field)`` where known."""
        path = self._where(problem.path, problem.key)
        if path is None:
            return problem
        return Problem(path, problem.key, problem.params, problem.value, problem.has_value)

    def _where(self, path: str, key: str) -> str | None:
        if path in ("groups", "sources", "regions") and path in self.tables:
            return f"{self.tables[path].title}!A2 ({path})"
        match = _ITEM_PATH.fullmatch(path)
        if match:
            return self._item_cell(match[1], int(match[2]), match[3], key)
        sheet, _, field = path.rpartition(".") if path.startswith("policy.") else ("", "", path)
        field = re.sub(r"\[\d+\]$", "", field)  # an item of a list field: the field's cell
        key = "policy" if sheet else "scenario"
        if key not in self.fields:
            return None
        title, rows = self.fields[key]
        if field == "policy":
            return title
        if field not in rows:
            return f"{title} ({field})" if field in {c.key for c in SHEETS[key].columns} else None
        return f"{title}!B{rows[field]} ({field})"

    def _item_cell(self, family: str, index: int, rest: str | None, key: str) -> str | None:
        table = self.tables.get(family)
        if table is None or index >= len(table.rows):
            return None
        row = table.rows[index]
        if rest is None:
            return table.ref("id", row)
        field = re.sub(r"\[\d+\]", "", rest)
        head, _, region = field.partition(".")
        if family == "groups" and head in PER_REGION_FIELDS:
            group = str(table.items[index].get("id"))
            per_region = self.tables.get("per_region")
            if per_region is not None and group in self.first_row:
                number = self.per_region.get((group, region), self.first_row[group])
                return per_region.ref("region" if key == "unknown_region" else head, number)
            return table.ref(head, row)
        if head == "premium" and field not in table.sheet.headers().values():
            field = "premium.scheme" if not region or region == "scheme" else "premium_monthly"
        if field not in {c.key for c in table.sheet.columns}:
            return table.ref("id", row)
        return table.ref(field, row)
