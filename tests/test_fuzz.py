"""Mutated scenario files and Excel workbooks through every way in: no traceback, no hang, ever.

Each case is a seeded mutation of an example YAML file or of an Excel workbook (the templates in
``scenarios/templates/`` and workbooks the template code writes for each example): characters
flipped, lines dropped, numbers made huge, YAML tags; a workbook's bytes flipped, its zip cut
short or missing a part, cells holding huge numbers, text where numbers go or formulas, sheets
emptied, added, removed or renamed.

- :func:`test_fuzz_through_the_cli_and_the_upload` sends ``FUZZ_CASES`` cases (default 1,000,
  six in ten YAML) through the app's upload (``read_upload``) and the command line, in process
  with Typer's runner: ``planner validate`` and ``planner solve`` for YAML, ``planner validate``
  and ``planner library import`` (read, solve, save) for Excel. Every case runs under a time limit
  (:data:`CASE_SECONDS`); the cases are shared between two worker processes.
- The two ``..._never_raise_a_traceback`` tests send cases through ``read_upload`` and
  ``Library.save`` on SQLite and PostgreSQL: after a refusal the library holds exactly what it
  held before, after an acceptance one more version with the text exactly as read.

A :class:`ScenarioError` or :class:`LibraryError` is an answer (a message naming the file), and
so are the exit codes 0 and 2; any other exception is a traceback, and a case past its time limit
is a hang: both counts must be 0. The counts are printed (``pytest -s``).
"""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import os
import random
import signal
import sys
import tempfile
import time
import zipfile
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

import pytest
from openpyxl import load_workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.utils.exceptions import IllegalCharacterError

from planner.engine.scenarios import list_examples, load_scenario
from planner.errors import ScenarioError
from planner.store.errors import LibraryError
from planner.store.library import Library
from planner.store.template import write_template
from planner.store.template_layout import SHEETS
from planner.store.upload import read_upload

ROOT = Path(__file__).resolve().parent.parent
FUZZ_CASES = int(os.environ.get("FUZZ_CASES", "1000"))
YAML_SHARE = 0.6
WORKERS = 2
CASE_SECONDS = 30.0  # one case (read, validate, solve, save) past this is a hang
SOLVE_SECONDS = "2"  # --time-limit for the whole-worker stage of a mutated scenario's solve
YAML_CASES = 300  # through Library.save, on each database
EXCEL_CASES = 200
SEED = 20261123

_JUNK = ["", "-1", "1e30", "banyak", "NaN", "!!python/object:os.system", "{", "]", "'", "\x00",
         "\t", "ÿ", "Rp30.240.000.000", "50%", "null", "~", "- x", ": :", "&a", "*a", "?",
         "99999999999999999999999", "0.5", "true", "2026-01-01", "  ", "\u202e", "😀"]
_CELLS = [*_JUNK, None, -5, 10**18, 2**62, 1e300, 1e308, -1e308, 3.7, 1e-300, True, "1,2 miliar",
          "=1/0", "=A1", "=SUM(A1:Z99)", "=B2*10^300", "=HYPERLINK(\"x\")", "#REF!", "#N/A"]


# --- mutations -----------------------------------------------------------------------------------

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
        lines[i] = "".join(str(rng.choice([-1, 10**20, 0.5, 1e-9, 10**400, "1e999"]))
                           if c.isdigit() else c for c in lines[i])
    else:  # a YAML tag or anchor
        i = rng.randrange(len(lines))
        lines.insert(i, rng.choice(["!!python/object/apply:os.system ['x']\n",
                                    "x: !!binary AAAA\n", "a: &a [*a]\n", "<<: *nothing\n"]))
    return "".join(lines)


def _mutate_workbook(data: bytes, rng: random.Random) -> bytes:  # noqa: C901, PLR0912
    kind = rng.randrange(9)
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
            ws.title = rng.choice(["Sheet", "x", "Kelompok", "groups", "Sumber dana ",
                                   "SKENARIO", "Wilayah (2)"])[:31]
    elif kind == 4:  # a sheet emptied
        ws = rng.choice(wb.worksheets)
        ws.delete_rows(rng.choice([1, 2]), ws.max_row + 1)
    elif kind == 5:  # an extra sheet: junk, or a template sheet a second time (other language)
        sheet = rng.choice(list(SHEETS.values()))
        title = rng.choice([sheet.name("en"), sheet.name("id") + "2", "Lampiran"])
        source = rng.choice(wb.worksheets)
        extra = wb.create_sheet(title[:31], rng.randrange(len(wb.worksheets) + 1))
        for row in list(source.iter_rows(values_only=True)):
            with contextlib.suppress(IllegalCharacterError):
                extra.append([rng.choice(_CELLS) if rng.random() < 0.2 else v for v in row])
    elif kind == 6:  # a data row's numbers made huge, or text where numbers go
        ws = rng.choice(wb.worksheets)
        row = rng.randrange(2, max(3, ws.max_row + 1))
        for col in range(1, ws.max_column + 1):
            cell = ws.cell(row=row, column=col)
            if isinstance(cell.value, int | float) and not isinstance(cell, MergedCell):
                cell.value = rng.choice([1e300, 1e308, -1e20, "banyak", "1.000.000",
                                         "=1/0", 2**62, 0.000001, "1e999"])
    else:  # cells: junk, numbers, formulas, empties
        for _ in range(rng.randrange(1, 8)):
            ws = rng.choice(wb.worksheets)
            row = rng.randrange(1, max(2, ws.max_row + 2))
            col = rng.randrange(1, max(2, ws.max_column + 2))
            cell = ws.cell(row=row, column=col)
            if isinstance(cell, MergedCell):
                continue
            with contextlib.suppress(IllegalCharacterError):  # Excel cannot hold a NUL either
                cell.value = rng.choice(_CELLS)
    out = io.BytesIO()
    try:
        wb.save(out)
    except (AttributeError, TypeError, ValueError):  # a mutation openpyxl itself cannot write
        return data[: len(data) // 2]
    return out.getvalue()


_bases: dict[str, list[bytes]] = {}


def _workbooks() -> list[bytes]:
    """The templates as shipped, and the template code's workbook of every example."""
    if "xlsx" not in _bases:
        shipped = [p.read_bytes() for p in sorted((ROOT / "scenarios" / "templates").glob(
            "*.xlsx"))]
        _bases["xlsx"] = shipped + [write_template(load_scenario(p)) for p in list_examples()]
    return _bases["xlsx"]


def _texts() -> list[bytes]:
    if "yaml" not in _bases:
        _bases["yaml"] = [p.read_bytes() for p in list_examples()]
    return _bases["yaml"]


def fuzz_case(index: int) -> tuple[str, bytes]:
    """Return case ``index``'s file name and bytes; the same for a given index on any run."""
    rng = random.Random(SEED * 1_000_003 + index)
    if rng.random() < YAML_SHARE:
        text = rng.choice(_texts()).decode("utf-8")
        return f"fuzz-{index}.yaml", _mutate_text(text, rng).encode("utf-8", "surrogatepass")
    return f"fuzz-{index}.xlsx", _mutate_workbook(rng.choice(_workbooks()), rng)


# --- through the command line and the upload, under a time limit ---------------------------------

class _Hang(Exception):  # noqa: N818 - what is counted
    """A case ran past :data:`CASE_SECONDS`."""


def _alarm(_signum: int, _frame: FrameType | None) -> None:
    raise _Hang


@dataclass
class Tally:
    """What the cases came to: answers by kind, tracebacks and hangs (with their cases)."""

    cases: int = 0
    outcome: Counter[str] = field(default_factory=Counter)
    tracebacks: list[str] = field(default_factory=list)
    hangs: list[str] = field(default_factory=list)
    slowest: float = 0.0

    def add(self, other: Tally) -> None:
        """Add another worker's tally to this one."""
        self.cases += other.cases
        self.outcome.update(other.outcome)
        self.tracebacks += other.tracebacks
        self.hangs += other.hangs
        self.slowest = max(self.slowest, other.slowest)


def _invoke(runner: object, args: list[str], allowed: set[int], what: str,
            tally: Tally, name: str) -> int:
    from planner.cli import app

    out = runner.invoke(app, args)  # type: ignore[attr-defined]
    if isinstance(out.exception, _Hang):
        raise out.exception
    if out.exception is not None and not isinstance(out.exception, SystemExit):
        tally.tracebacks.append(f"{name}: {what}: {type(out.exception).__name__}: "
                                f"{out.exception}"[:300])
    elif out.exit_code not in allowed or "Traceback" in out.output:
        tally.tracebacks.append(f"{name}: {what}: exit {out.exit_code}: {out.output[-300:]}")
    tally.outcome[f"{what} exit {out.exit_code}"] += 1
    return int(out.exit_code)


def _one(name: str, data: bytes, folder: Path, db: str, runner: object, tally: Tally) -> None:
    try:
        read_upload(data, name)
    except ScenarioError as exc:
        if exc.file != name:  # a refusal names the file
            tally.tracebacks.append(f"{name}: the refusal names {exc.file!r}")
        accepted = False
    else:
        accepted = True
    tally.outcome["upload " + ("accepted" if accepted else "refused")] += 1
    path = folder / name
    path.write_bytes(data)
    try:
        valid = _invoke(runner, ["validate", str(path)], {0, 2}, "validate", tally, name) == 0
        if name.endswith(".yaml"):
            if valid != accepted:  # the upload and the CLI read a YAML file alike
                tally.tracebacks.append(f"{name}: upload accepted={accepted}, validate={valid}")
            _invoke(runner, ["solve", str(path), "--json", "--time-limit", SOLVE_SECONDS],
                    {0, 2}, "solve", tally, name)
        else:
            saved = _invoke(runner, ["library", "import", str(path), "--name", "fuzz", "--db", db,
                                     "--author", "fuzz"], {0, 2}, "import", tally, name) == 0
            if saved != accepted:  # the upload and the CLI read a workbook alike
                tally.tracebacks.append(f"{name}: upload accepted={accepted}, import={saved}")
    finally:
        path.unlink()


def run_cases(indices: list[int]) -> Tally:
    """Run cases ``indices`` through the upload and the CLI, each under a time limit."""
    from typer.testing import CliRunner

    tally = Tally()
    runner = CliRunner()
    previous = signal.signal(signal.SIGALRM, _alarm)
    with tempfile.TemporaryDirectory(prefix="fuzz-") as tmp:
        folder = Path(tmp)
        db = f"sqlite:///{folder / 'library.db'}"
        for index in indices:
            name, data = fuzz_case(index)  # outside the count: the test's own mutation
            started = time.perf_counter()
            signal.setitimer(signal.ITIMER_REAL, CASE_SECONDS)
            try:
                _one(name, data, folder, db, runner, tally)
            except _Hang:
                tally.hangs.append(f"case {index}: over {CASE_SECONDS:.0f} s")
            except Exception as exc:  # noqa: BLE001 - counting exactly what must never happen
                tally.tracebacks.append(f"case {index}: {type(exc).__name__}: {exc}"[:300])
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            took = time.perf_counter() - started
            tally.slowest = max(tally.slowest, took)
            if took > CASE_SECONDS and not any(h.startswith(f"case {index}:")
                                               for h in tally.hangs):
                tally.hangs.append(f"case {index}: {took:.1f} s")
            tally.cases += 1
    signal.signal(signal.SIGALRM, previous)
    return tally


def test_fuzz_through_the_cli_and_the_upload() -> None:
    started = time.perf_counter()
    chunks = [list(range(w, FUZZ_CASES, WORKERS)) for w in range(WORKERS)]
    total = Tally()
    # spawned, not forked: a parent that has solved before holds HiGHS's threads
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(WORKERS, mp_context=context) as pool:
        futures = [pool.submit(run_cases, chunk) for chunk in chunks]
        for future in futures:
            # a worker stuck in C code past every case's limit is a hang of the whole run
            total.add(future.result(timeout=CASE_SECONDS * len(chunks[0]) + 120))
    yaml_cases = sum(1 for i in range(FUZZ_CASES) if fuzz_case_is_yaml(i))
    print(f"\nFuzz through the CLI and the upload: {total.cases} cases ({yaml_cases} YAML, "
          f"{total.cases - yaml_cases} Excel) in {time.perf_counter() - started:.0f} s, "
          f"slowest case {total.slowest:.1f} s; tracebacks {len(total.tracebacks)}, "
          f"hangs {len(total.hangs)}; {dict(sorted(total.outcome.items()))}")
    assert total.tracebacks == []
    assert total.hangs == []
    assert total.cases == FUZZ_CASES
    assert total.outcome["upload refused"] > FUZZ_CASES // 4  # the mutations do break files
    assert total.outcome["upload accepted"] > FUZZ_CASES // 10  # and some still get through
    assert total.outcome["solve exit 0"] > 0
    assert total.outcome["import exit 0"] > 0


def fuzz_case_is_yaml(index: int) -> bool:
    """Return True when case ``index`` is a YAML file (the same draw :func:`fuzz_case` makes)."""
    return random.Random(SEED * 1_000_003 + index).random() < YAML_SHARE


def test_the_time_limit_catches_a_hang(monkeypatch: pytest.MonkeyPatch) -> None:
    """A case that does not end is counted, not waited for: the guard can fail the test."""
    def forever(*_args: object) -> None:
        while True:
            time.sleep(0.01)

    monkeypatch.setattr(sys.modules[__name__], "_one", forever)
    monkeypatch.setattr(sys.modules[__name__], "CASE_SECONDS", 0.2)
    tally = run_cases([0])
    assert tally.hangs == ["case 0: over 0 s"]
    assert tally.tracebacks == []


# --- through Library.save, on each database ------------------------------------------------------

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
def lib(db_url: str) -> Iterator[Library]:
    library = Library.open(db_url)
    yield library
    library.close()


def test_mutated_yaml_files_never_raise_a_traceback(lib) -> None:
    rng = random.Random(SEED)
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
    outcome: Counter[str] = Counter()
    tracebacks: list[str] = []
    for i in range(EXCEL_CASES):
        _feed(lib, _mutate_workbook(rng.choice(_workbooks()), rng), f"fuzz-{i}.xlsx", outcome,
              tracebacks)
    print(f"\nExcel fuzz: {EXCEL_CASES} cases, {dict(outcome)}")
    assert tracebacks == []
    assert sum(outcome.values()) == EXCEL_CASES
    assert outcome["refused on reading"] > EXCEL_CASES // 4
