"""CSV downloads (planner.ui.csv_export) and the comparison PDF (planner.store.pdf_compare).

Figures are computed here with the engine, so a change of the example scenarios does not break
the checks; each check reads the file back as a spreadsheet or a PDF reader would.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from planner import RunOptions, load_scenario, run
from planner.analysis import sweep
from planner.compare import compare
from planner.money import count
from planner.store.excel import ExportMeta
from planner.store.pdf_compare import export_comparison_handout
from planner.ui.csv_export import cell, comparison_csv, escape, sweep_csv, write_csv

ROOT = Path(__file__).resolve().parent.parent
BASE, CUT = "kutim-2025.yaml", "kutim-2026-transfer-cut.yaml"


def _rows(data: bytes, lang: str) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # a byte-order mark: Excel reads the accents
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")),
                           delimiter=";" if lang == "id" else ","))


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x\",\"y\")", "+1", "-2+3", "@SUM(A1)",
                                  "\tx", "\rx"])
def test_a_formula_is_kept_as_text(text: str) -> None:
    assert escape(text) == "'" + text
    rows = _rows(write_csv(["Nama"], [[text]], "id"), "id")
    assert rows[1] == ["'" + text]


def test_plain_text_and_numbers_are_not_escaped() -> None:
    assert escape("Petani") == "Petani"
    assert cell(-14685, "id") == "-14685"  # a number stays a number
    assert cell(88.913, "id") == "88,91"
    assert cell(88.913, "en") == "88.91"
    assert cell(None, "id") == ""


def test_indonesian_csv_uses_semicolons_and_a_decimal_comma() -> None:
    data = write_csv(["A", "B"], [["x;y", 0.5]], "id")
    assert data.decode("utf-8-sig").splitlines()[1] == '"x;y";0,5'
    assert write_csv(["A", "B"], [["x,y", 0.5]], "en").decode("utf-8-sig").splitlines()[1] \
        == '"x,y",0.5'


def _results() -> list:
    return [run(load_scenario(ROOT / "scenarios" / n), RunOptions(explain=False))
            for n in (BASE, CUT)]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_comparison_csv_in_words_with_engine_figures(lang: str) -> None:
    results = _results()
    names = ["=2025", "2026"]
    rows = _rows(comparison_csv(compare(results, names), lang), lang)
    header = rows[0]
    assert header[0] == ("Bagian" if lang == "id" else "Section")
    records = [dict(zip(header, r, strict=True)) for r in rows[1:]]
    scenario, value, measure = header[4], header[5], header[2]
    covered = {r[scenario]: r[value] for r in records
               if r[measure] in {"Pekerja dibiayai", "Workers funded"} and r[header[0]] in
               {"Jumlah", "Totals"}}
    assert covered == {"'=2025": str(results[0].covered_workers),
                       "2026": str(results[1].covered_workers)}
    assert not any(r[header[0]] in {"totals", "by_group"} for r in records)  # no raw ids
    shares = [r[value] for r in records if r[header[3]] == "%" and r[value]]
    assert shares
    assert all(0 <= float(v.replace(",", ".")) <= 100 for v in shares)


def test_sweep_csv_marks_infeasible_points() -> None:
    scenario = load_scenario(ROOT / "scenarios" / CUT)
    curve = sweep(scenario, 0.0, 1.0, 6)
    rows = _rows(sweep_csv(curve, "id"), "id")
    assert rows[0][0] == "Pemotongan (%)"
    assert [r[0] for r in rows[1:]] == [str(round(p.cut * 100)) for p in curve.points]
    for p, row in zip(curve.points, rows[1:], strict=True):
        if p.status == "optimal":
            assert row[1] == "optimal"
            assert row[2] == str(p.covered_workers)
        else:
            assert row[1] != "optimal"
            assert row[2] == ""
    assert any(p.status != "optimal" for p in curve.points), "the test needs an infeasible point"


def test_comparison_pdf_reads_back() -> None:
    results = _results()
    names = ["#import \"x\"", "2026 *"]
    comparison = compare(results, names)
    when = datetime(2026, 3, 1, 2, 0, tzinfo=UTC)
    metas = [ExportMeta(scenario_name=n, version=i or None, content_hash="0123456789abcdef",
                        solver=r.solution.solver, created_at=when)
             for i, (n, r) in enumerate(zip(names, results, strict=True))]
    pdf = export_comparison_handout(comparison, metas, "id")
    assert pdf.startswith(b"%PDF")
    words = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    for n in names:
        assert n in words  # printed as written, never run as markup
    for r in results:
        assert count(r.covered_workers, "id") in words
    assert count(results[1].covered_workers - results[0].covered_workers, "id").lstrip("-") \
        in words
    assert "Perbandingan skenario" in words
    english = export_comparison_handout(comparison, metas, "en")
    assert "Scenarios compared" in PdfReader(io.BytesIO(english)).pages[0].extract_text()
