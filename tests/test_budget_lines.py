"""Budget lines as SIPD/RKA wants them: codes, volumes, unit prices, totals to the rupiah."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from typer.testing import CliRunner

from planner.cli.main import app
from planner.engine.budget_lines import account_book, budget_lines, lines_frame
from planner.engine.scenarios import load_scenario, parse_scenario
from planner.errors import ScenarioError
from planner.pipeline import RunOptions, replan_from, run
from planner.store.excel import ExportMeta, export_plan
from tests.strategies import scenarios

ROOT = Path(__file__).resolve().parents[1]
KUTIM_2026 = ROOT / "scenarios" / "kutim-2026-transfer-cut.yaml"
runner = CliRunner()


def _plan(scenario):
    result = run(scenario, RunOptions(explain=False))
    return result if result.ok else result.relaxed


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_the_lines_add_up_to_the_plans_spend_per_source_and_group(scenario) -> None:
    plan = _plan(scenario)
    if plan is None:
        return
    lines = budget_lines(plan)
    assert sum(line.total for line in lines) == plan.total_cost
    spent = plan.by_source.set_index("source")["spent"]
    for source in spent.index:  # each source's lines are what that source spends
        assert sum(line.total for line in lines if line.source == source) == spent[source]
    for line in lines:
        assert line.workers > 0
        assert line.months == line.last_month - line.first_month + 1 >= 1
        assert line.unit_price >= 0


@pytest.mark.parametrize("month", [4, 10])
def test_a_mid_year_re_plan_prices_its_lines_from_that_month(month) -> None:
    again = replan_from(load_scenario(ROOT / "scenarios" / "kutim-2025.yaml"), month, 0.2)
    plan = _plan(again)
    lines = budget_lines(plan)
    assert sum(line.total for line in lines) == plan.total_cost
    assert min(line.first_month for line in lines) >= month


def test_jkk_and_jkm_apart_with_the_default_codes_only_for_apbd_money() -> None:
    plan = _plan(load_scenario(KUTIM_2026))
    lines = budget_lines(plan)
    kinds = {s.id: s.kind for s in plan.scenario.sources}
    book = account_book()
    for line in lines:
        if kinds[line.source] in ("apbd", "province", "dbh_sawit"):
            assert line.account_code == book.codes[line.programme]
        else:
            assert line.account_code == ""
    apbd = [line for line in lines if line.source == "apbd"]
    assert {line.programme for line in apbd} == {"jkk", "jkm"}
    assert {line.account_code for line in apbd} == {"5.1.02.02.02.0006", "5.1.02.02.02.0007"}
    # BPU at the floor income: JKK 1% of Rp1,000,000 and JKM Rp6,800 a month
    assert {(line.programme, line.unit_price) for line in apbd} == {("jkk", 10_000),
                                                                     ("jkm", 6_800)}


def test_a_discount_period_is_its_own_line() -> None:
    """CSR-paid workers in 2026: full premium January-March, half (PP 50/2025) from April."""
    plan = _plan(load_scenario(KUTIM_2026))
    csr = [line for line in budget_lines(plan) if line.kind == "csr" and line.programme == "jkk"
           and line.group == "petani"]
    assert [(line.first_month, line.last_month, line.unit_price) for line in csr] == [
        (1, 3, 10_000), (4, 12, 5_000)]


def test_a_region_sets_its_own_codes_and_a_bad_code_is_named() -> None:
    text = KUTIM_2026.read_text()
    own = re.sub(r"^policy:\n", "policy:\n  account_codes: {jkk: 5.1.02.02.01.0099}\n", text,
                 count=1, flags=re.M)
    plan = _plan(parse_scenario(own))
    codes = {line.account_code for line in budget_lines(plan) if line.source == "apbd"}
    assert codes == {"5.1.02.02.01.0099", "5.1.02.02.02.0007"}
    bad = re.sub(r"^policy:\n", "policy:\n  account_codes: {jkm: 'x y;'}\n", text, count=1,
                 flags=re.M)
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(bad, file="bad.yaml")
    assert "policy.account_codes.jkm" in str(caught.value.problems[0].path)


def test_the_excel_sheet_totals_the_spend_and_every_sheet_prints(tmp_path) -> None:
    plan = _plan(load_scenario(KUTIM_2026))
    data = export_plan(plan, ExportMeta("Kutim 2026", None, "h", "HiGHS", datetime.now(UTC)))
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb["Rincian belanja (SIPD)"]
    header = [c.value for c in ws[1]]
    total_row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "Jumlah")
    assert ws.cell(total_row, header.index("Jumlah (Rp)") + 1).value == plan.total_cost
    for sheet in wb.worksheets:
        assert sheet.page_setup.orientation == "landscape", sheet.title
        assert sheet.page_setup.fitToWidth == 1, sheet.title


def test_the_csv_opens_in_columns_in_an_indonesian_excel_and_runs_no_formula(tmp_path) -> None:
    text = KUTIM_2026.read_text().replace("name: Petani dan pekebun",
                                          "name: '=HYPERLINK(\"http://x\")'", 1)
    assert "=HYPERLINK" in text
    scenario_file = tmp_path / "s.yaml"
    scenario_file.write_text(text)
    out = tmp_path / "rincian.csv"
    done = runner.invoke(app, ["budget-lines", str(scenario_file), "--out", str(out)])
    assert done.exit_code == 0, done.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 with its mark
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Sumber dana"
    assert len({len(r) for r in rows}) == 1
    names = {r[4] for r in rows[1:]}
    assert "'=HYPERLINK(\"http://x\")" in names
    assert not any(cell.startswith("=") for r in rows for cell in r)
    plan = _plan(load_scenario(scenario_file))
    assert int(rows[-1][-1]) == plan.total_cost


def test_english_lines_use_commas_and_english_words(tmp_path) -> None:
    out = tmp_path / "lines.csv"
    done = runner.invoke(app, ["budget-lines", str(KUTIM_2026), "--out", str(out), "--lang",
                               "en"])
    assert done.exit_code == 0, done.output
    rows = list(csv.reader(io.StringIO(out.read_text("utf-8-sig"))))
    assert rows[0][0] == "Funding source"
    assert "people x" in rows[1][6]


def test_the_printed_table_ends_with_the_spend() -> None:
    done = runner.invoke(app, ["budget-lines", str(KUTIM_2026)])
    assert done.exit_code == 0, done.output
    plan = _plan(load_scenario(KUTIM_2026))
    frame = lines_frame(budget_lines(plan))
    assert f"Jumlah {len(frame) - 1} baris" in done.output
    from planner.money import rupiah

    assert rupiah(plan.total_cost) in done.output.splitlines()[-1]


@pytest.mark.parametrize("out", ["lines.txt", "nowhere/lines.csv"])
def test_a_bad_output_is_refused_before_any_work(tmp_path, out) -> None:
    done = runner.invoke(app, ["budget-lines", str(KUTIM_2026), "--out", str(tmp_path / out)])
    assert done.exit_code == 2
    assert list(tmp_path.iterdir()) == []
