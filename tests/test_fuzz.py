"""Mutated scenario files and Excel workbooks through import and save: no traceback, ever.

Each case is a seeded mutation of an example YAML file or of the Kutai Timur Excel template. It
goes through what an upload goes through (``read_upload``) and, when that accepts it, through
``Library.save``. A :class:`ScenarioError` or :class:`LibraryError` is an answer (a message that
names the file); any other exception is a traceback and fails the test. After a refusal the
library must hold exactly what it held before; after an acceptance, one more version with the
text exactly as read. The counts are printed (``pytest -s``) for the closing note.
"""

from __future__ import annotations

import contextlib
import io
import random
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.utils.exceptions import IllegalCharacterError

from planner.engine.scenarios import list_examples, load_scenario
from planner.errors import ScenarioError
from planner.store.errors import LibraryError
from planner.store.library import Library
from planner.store.template import write_template
from planner.store.upload import read_upload

ROOT = Path(__file__).resolve().parent.parent
YAML_CASES = 300
EXCEL_CASES = 200

_JUNK = ["", "-1", "1e30", "banyak", "NaN", "!!python/object:os.system", "{", "]", "'", "\x00",
         "\t", "ÿ", "Rp30.240.000.000", "50%", "null", "~", "- x", ": :", "&a", "*a", "?",
         "99999999999999999999999", "0.5", "true", "2026-01-01", "  ", "\u202e", "😀"]


def _mutate_text(text: str, rng: random.Random) -> str:
    lines = text.splitlines(keepends=True)
    kind = rng.randrange(8)
    if kind == 0:  # truncated
        return text[: rng.randrange(len(text))]
    if kind == 1:  # a line dropped
        del lines[rng.randrange(len(lines))]
    elif kind == 2:  # a line duplicated
        i = rng.randrange(len(lines))
        lines.insert(i, lines[i])
    elif kind == 3:  # a value replaced by junk
        i = rng.randrange(len(lines))
        head, sep, _ = lines[i].partition(":")
        lines[i] = f"{head}{sep or ':'} {rng.choice(_JUNK)}\n"
    elif kind == 4:  # indentation broken
        i = rng.randrange(len(lines))
        lines[i] = " " * rng.randrange(1, 7) + lines[i].lstrip()
    elif kind == 5:  # characters flipped
        chars = list(text)
        for _ in range(rng.randrange(1, 20)):
            chars[rng.randrange(len(chars))] = chr(rng.randrange(0, 0x3000))
        return "".join(chars)
    elif kind == 6:  # a number made huge, negative or fractional
        i = rng.randrange(len(lines))
        lines[i] = "".join(str(rng.choice([-1, 10**20, 0.5, 1e-9])) if c.isdigit() else c
                           for c in lines[i])
    else:  # a YAML tag or anchor
        i = rng.randrange(len(lines))
        lines.insert(i, rng.choice(["!!python/object/apply:os.system ['x']\n",
                                    "x: !!binary AAAA\n", "a: &a [*a]\n", "<<: *nothing\n"]))
    return "".join(lines)


def _mutate_workbook(data: bytes, rng: random.Random) -> bytes:
    kind = rng.randrange(6)
    if kind == 0:  # bytes: truncated
        return data[: rng.randrange(len(data))]
    if kind == 1:  # bytes: flipped
        raw = bytearray(data)
        for _ in range(rng.randrange(1, 30)):
            raw[rng.randrange(len(raw))] = rng.randrange(256)
        return bytes(raw)
    if kind == 2:  # a part of the zip left out
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
            names = src.namelist()
            skip = rng.choice(names)
            for name in names:
                if name != skip:
                    dst.writestr(name, src.read(name))
        return out.getvalue()
    wb = load_workbook(io.BytesIO(data))
    if kind == 3:  # a sheet removed or renamed
        ws = rng.choice(wb.worksheets)
        if rng.random() < 0.5 and len(wb.worksheets) > 1:
            wb.remove(ws)
        else:
            ws.title = rng.choice(["Sheet", "x", "Kelompok", "groups"])[:31]
    else:  # cells: junk, numbers, formulas, empties
        for _ in range(rng.randrange(1, 8)):
            ws = rng.choice(wb.worksheets)
            row = rng.randrange(1, max(2, ws.max_row + 2))
            col = rng.randrange(1, max(2, ws.max_column + 2))
            cell = ws.cell(row=row, column=col)
            if isinstance(cell, MergedCell):
                continue
            value = rng.choice([*_JUNK, None, -5, 10**18, 3.7, "=1/0", "=A1", True])
            with contextlib.suppress(IllegalCharacterError):  # Excel cannot hold a NUL either
                cell.value = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _feed(lib: Library, data: bytes, filename: str, outcome: Counter[str],
          tracebacks: list[str]) -> None:
    try:
        _feed_one(lib, data, filename, outcome)
    except Exception as exc:  # noqa: BLE001 - counting exactly what must never happen
        outcome["traceback"] += 1
        tracebacks.append(f"{filename}: {type(exc).__name__}: {exc}"[:300])


def _feed_one(lib: Library, data: bytes, filename: str, outcome: Counter[str]) -> None:
    before = [(e.name, e.versions) for e in lib.scenarios(include_deleted=True)]
    try:
        text, _scenario = read_upload(data, filename)
    except ScenarioError as exc:
        refusal: ScenarioError | None = exc
    else:
        refusal = None
    if refusal is not None:
        assert refusal.file == filename, refusal  # names the file
        assert refusal.problems
        outcome["refused on reading"] += 1
        return
    try:
        version = lib.save("fuzz", text, author="fuzz")
    except (ScenarioError, LibraryError):
        outcome["refused on saving"] += 1
        assert [(e.name, e.versions) for e in lib.scenarios(include_deleted=True)] == before
        return
    assert lib.version("fuzz", version.number).yaml_text == text
    outcome["accepted"] += 1


@pytest.fixture
def lib(db_url: str):
    library = Library.open(db_url)
    yield library
    library.close()


def test_mutated_yaml_files_never_raise_a_traceback(lib) -> None:
    rng = random.Random(20261123)
    texts = [p.read_text() for p in list_examples()]
    outcome: Counter[str] = Counter()
    tracebacks: list[str] = []
    for i in range(YAML_CASES):
        text = _mutate_text(rng.choice(texts), rng)
        _feed(lib, text.encode("utf-8", errors="surrogatepass"), f"fuzz-{i}.yaml", outcome,
              tracebacks)
    print(f"\nYAML fuzz: {YAML_CASES} cases, {dict(outcome)}")
    assert tracebacks == []
    assert sum(outcome.values()) == YAML_CASES
    assert outcome["refused on reading"] > YAML_CASES // 4  # the mutations do break files


def test_mutated_excel_workbooks_never_raise_a_traceback(lib) -> None:
    rng = random.Random(11232026)
    kutim = write_template(load_scenario(ROOT / "scenarios" / "kutim-2025.yaml"))
    outcome: Counter[str] = Counter()
    tracebacks: list[str] = []
    for i in range(EXCEL_CASES):
        _feed(lib, _mutate_workbook(kutim, rng), f"fuzz-{i}.xlsx", outcome, tracebacks)
    print(f"\nExcel fuzz: {EXCEL_CASES} cases, {dict(outcome)}")
    assert tracebacks == []
    assert sum(outcome.values()) == EXCEL_CASES
    assert outcome["refused on reading"] > EXCEL_CASES // 4
