"""planner.store.excel: plans and comparisons as workbooks, checked against the Result.

Every figure is read back from the saved .xlsx with openpyxl and compared with the Result (or
the Comparison) it was written from: sums to the rupiah, numbers stored as numbers with rupiah,
count and percent formats.
"""

from __future__ import annotations

import io
import math
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import openpyxl
import pytest

import planner
from planner import RunOptions, load_scenario, run
from planner.compare import compare
from planner.engine.scenarios import content_hash, list_examples
from planner.i18n import t
from planner.money import count
from planner.store.excel import ExportMeta, export_comparison, export_plan, planner_version
from planner.store.template import read_template

ROOT = Path(__file__).resolve().parent.parent
WHEN = datetime(2026, 3, 2, 9, 30, 15)
PLAN_SHEETS = ["summary", "allocation", "by_group", "by_source", "by_region", "messages", "basis",
               "budget_lines"]
INPUT_SHEETS = ["scenario", "groups", "sources", "policy", "regions", "per_region"]


def sheet_names(lang: str) -> list[str]:
    return [t(f"xl_sheet_{k}", lang) for k in PLAN_SHEETS] + [
        t(f"tpl_sheet_{k}", lang) for k in INPUT_SHEETS]


def reopen(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def records(ws) -> list[dict[str, openpyxl.cell.Cell]]:
    """Data rows of a sheet as {header text: cell}."""
    header = [c.value for c in ws[1]]
    return [dict(zip(header, row, strict=False)) for row in ws.iter_rows(min_row=2)
            if any(c.value is not None for c in row)]


def summary(ws, lang: str) -> dict[str, openpyxl.cell.Cell]:
    return {row[0].value: row[1] for row in ws.iter_rows(min_row=2) if row[0].value}


def col(key: str, lang: str) -> str:
    return t(f"xl_col_{key}", lang)


def meta_for(result, **extra) -> ExportMeta:
    return ExportMeta(scenario_name=result.scenario.name, version=extra.get("version", 4),
                      content_hash=content_hash(result.scenario), solver=result.solution.solver,
                      created_at=extra.get("created_at", WHEN), author="Sari (Bappeda)",
                      note="untuk rapat TAPD")


def assert_money(cell) -> None:
    assert cell.data_type == "n"
    assert isinstance(cell.value, int)
    assert "Rp" in cell.number_format


def assert_count(cell) -> None:
    assert cell.data_type == "n"
    assert isinstance(cell.value, int)
    assert cell.number_format == "#,##0"


@pytest.fixture(scope="module", params=list_examples(), ids=lambda p: p.stem)
def example(request):
    return run(load_scenario(request.param))


@pytest.fixture(scope="module")
def kutim():
    return load_scenario(ROOT / "scenarios" / "kutim-2025.yaml")


@pytest.fixture(scope="module")
def infeasible(kutim):
    """The village apparatus's mandate (3,847 of them, Rp716,027,760) left to an APBDes of
    Rp1,000,000."""
    others = tuple(g.id for g in kutim.groups if not g.min_share)
    sources = tuple(
        s.model_copy(update={"groups": others}) if s.id == "apbd"
        else s.model_copy(update={"budget": 1_000_000}) if s.id == "apbdes" else s
        for s in kutim.sources)
    result = run(kutim.model_copy(update={"sources": sources}))
    assert result.status == "infeasible"
    return result


# --- a plan -------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_plan_reopens_with_the_results_figures(example, lang):
    result = example
    wb = reopen(export_plan(result, meta_for(result), lang))
    assert wb.sheetnames == sheet_names(lang)

    alloc = records(wb[t("xl_sheet_allocation", lang)])
    assert len(alloc) == len(result.allocation)
    for row in alloc:
        assert_money(row[col("cost", lang)])
        assert_money(row[col("unit_cost", lang)])
        assert_count(row[col("workers", lang)])
    assert sum(r[col("cost", lang)].value for r in alloc) == result.total_cost
    assert sum(r[col("workers", lang)].value for r in alloc) == result.covered_workers

    by_group = {r[col("group", lang)].value: r for r in records(wb[t("xl_sheet_by_group", lang)])}
    assert list(by_group) == list(result.by_group["group"])
    for g in result.by_group.itertuples():
        row = by_group[g.group]
        assert row[col("funded", lang)].value == g.funded
        assert row[col("eligible", lang)].value == g.eligible
        assert row[col("cost", lang)].value == g.cost
        assert_count(row[col("funded", lang)])
        assert_money(row[col("cost", lang)])
        share = row[col("share", lang)]
        assert share.number_format == "0.0%"
        assert share.value == pytest.approx(g.share)
    funded = result.allocation.groupby("group")["workers"].sum()
    assert {g: r[col("funded", lang)].value for g, r in by_group.items() if g in funded} == {
        g: int(n) for g, n in funded.items()}

    by_source = {r[col("source", lang)].value: r
                 for r in records(wb[t("xl_sheet_by_source", lang)])}
    for s in result.by_source.itertuples():
        row = by_source[s.source]
        assert row[col("spent", lang)].value == s.spent
        assert row[col("unspent", lang)].value == s.unspent
        assert row[col("available", lang)].value == s.available
        assert row[col("cut", lang)].number_format == "0.0%"
        assert row[col("protected", lang)].value == t("xl_yes" if s.protected else "xl_no", lang)
        assert_money(row[col("spent", lang)])
    spent = result.allocation.groupby("source")["cost"].sum()
    assert {s: by_source[s][col("spent", lang)].value for s in spent.index} == {
        s: int(v) for s, v in spent.items()}

    by_region = records(wb[t("xl_sheet_by_region", lang)])
    if result.scenario.regions:
        assert [r[col("region", lang)].value for r in by_region] == [
            r.id for r in result.scenario.regions]
        assert sum(r[col("funded", lang)].value for r in by_region) == result.covered_workers
        assert sum(r[col("cost", lang)].value for r in by_region) == result.total_cost
    else:
        assert [next(iter(r.values())).value for r in by_region] == [t("xl_no_regions", lang)]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_summary_names_where_the_plan_comes_from(example, lang):
    result = example
    meta = meta_for(result)
    fields = summary(reopen(export_plan(result, meta, lang))[t("xl_sheet_summary", lang)], lang)

    def value(key):
        return fields[t(f"xl_sum_{key}", lang)].value

    assert value("scenario") == meta.scenario_name
    assert value("version") == 4
    assert value("hash") == meta.content_hash == content_hash(result.scenario)
    assert value("planner") == meta.planner_version == planner.__version__
    assert value("solver") == result.solution.solver
    assert value("created") == WHEN
    assert value("author") == "Sari (Bappeda)"
    assert value("note") == "untuk rapat TAPD"
    assert value("status") == t("xl_status_optimal", lang)
    assert value("covered") == result.covered_workers
    assert value("bound") == result.bound_covered
    assert value("spent") == result.total_cost
    assert value("unspent") == int(result.by_source["unspent"].sum())
    assert value("available") == sum(result.inputs.available.values())
    assert_money(fields[t("xl_sum_spent", lang)])
    assert_count(fields[t("xl_sum_covered", lang)])
    assert fields[t("xl_sum_global_cut", lang)].number_format == "0.0%"
    assert value("covered") is not None
    assert str(result.covered_workers)[:2] in value("headline").replace(".", "").replace(",", "")


def test_every_sheet_has_a_frozen_bold_header_and_fitted_widths(example):
    wb = reopen(export_plan(example, meta_for(example)))
    for ws in wb:
        assert ws.freeze_panes in ("A2", "B2"), ws.title
        assert ws["A1"].font.b, ws.title
        for letter in ("A", "B"):
            assert 8 <= ws.column_dimensions[letter].width <= 120, (ws.title, letter)
    by_group = wb["Per kelompok"]
    longest = max(len(g.label) for g in example.scenario.groups)
    assert by_group.column_dimensions["B"].width == min(60, longest + 2)  # the names
    assert by_group.column_dimensions["I"].width == 8  # months: short numbers, the minimum


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_explanations_sheet_holds_every_message_in_words(example, lang):
    rows = records(reopen(export_plan(example, meta_for(example), lang))[
        t("xl_sheet_messages", lang)])
    messages = [*example.diagnosis, *example.explanations, *example.warnings]
    assert len(messages) > 0
    assert [r[col("message", lang)].value for r in rows] == [m.text(lang) for m in messages]
    assert [r[col("code", lang)].value for r in rows] == [m.code for m in messages]


def test_an_exported_plan_reads_back_as_the_scenario_it_solved(kutim):
    result = run(kutim, RunOptions(global_cut=0.3))
    data = export_plan(result, meta_for(result), "en")
    again = read_template(data)
    assert again == result.scenario
    assert again.policy.global_cut == 0.3


@pytest.mark.parametrize("lang", ["id", "en"])
def test_an_infeasible_scenario_without_a_plan_is_exported_with_its_diagnosis(kutim, lang):
    """Asked for no relaxed plan, an infeasible scenario has no figures, only its diagnosis."""
    sources = tuple(s.model_copy(update={"budget": 1_000_000}) if s.id == "apbdes" else
                    s.model_copy(update={"groups": tuple(g.id for g in kutim.groups
                                                         if not g.min_share)})
                    if s.id == "apbd" else s for s in kutim.sources)
    result = run(kutim.model_copy(update={"sources": sources}), RunOptions(relaxed=False))
    assert result.status == "infeasible"
    assert result.relaxed is None
    wb = reopen(export_plan(result, meta_for(result), lang))
    assert t("xl_sheet_shortfalls", lang) not in wb.sheetnames
    fields = summary(wb[t("xl_sheet_summary", lang)], lang)
    assert fields[t("xl_sum_status", lang)].value == t("xl_status_infeasible", lang)
    assert fields[t("xl_sum_covered", lang)].value is None  # no plan, no figure
    assert fields[t("xl_sum_mandates", lang)].value is None
    assert fields[t("xl_sum_available", lang)].value == sum(result.inputs.available.values())
    assert [c.value for c in wb[t("xl_sheet_allocation", lang)]["A"]][1] == t("xl_no_plan", lang)
    rows = records(wb[t("xl_sheet_messages", lang)])
    diagnosis = [r for r in rows if r[col("kind", lang)].value == t("xl_kind_diagnosis", lang)]
    assert [r[col("message", lang)].value for r in diagnosis] == [
        m.text(lang) for m in result.diagnosis]
    assert diagnosis[0][col("code", lang)].value == "infeasible"
    assert any("aparatur" in r[col("message", lang)].value.lower()
               or "Kepala desa" in r[col("message", lang)].value for r in diagnosis)


def table_rows(ws) -> tuple[list[dict[str, openpyxl.cell.Cell]], list[str]]:
    """A plan table's records, and the text written under them after a blank row."""
    rows, below, blank = [], [], False
    header = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        if all(c.value is None for c in row):
            blank = True
        elif blank:
            below.append(row[0].value)
        else:
            rows.append(dict(zip(header, row, strict=False)))
    return rows, below


@pytest.mark.parametrize("lang", ["id", "en"])
def test_an_infeasible_plan_exports_its_relaxed_plan_marked_with_the_shortfalls(infeasible, lang):
    """The plan that meets the mandates as far as money allows, said not to meet them."""
    relaxed = infeasible.relaxed
    assert relaxed is not None
    assert infeasible.shortfalls
    wb = reopen(export_plan(infeasible, meta_for(infeasible), lang))
    assert wb.sheetnames[:2] == [t("xl_sheet_summary", lang), t("xl_sheet_shortfalls", lang)]
    assert wb.sheetnames[2:] == sheet_names(lang)[1:]

    fields = summary(wb[t("xl_sheet_summary", lang)], lang)
    short = sum(s["workers"] for s in infeasible.shortfalls)
    assert fields[t("xl_sum_status", lang)].value == t("xl_status_infeasible", lang)
    mandates = fields[t("xl_sum_mandates", lang)]
    assert mandates.value == t("xl_mandates_not_met", lang, workers=count(short, lang))
    assert mandates.font.b
    assert mandates.font.color.rgb.endswith("9C0006")
    assert fields[t("xl_sum_covered", lang)].value == relaxed.covered_workers
    assert fields[t("xl_sum_spent", lang)].value == relaxed.total_cost
    assert fields[t("xl_sum_headline", lang)].value.startswith(
        t("xl_relaxed_headline", lang, headline=""))

    ws = wb[t("xl_sheet_shortfalls", lang)]
    rows, below = table_rows(ws)
    names = {g.id: g.label for g in infeasible.scenario.groups}
    assert [(r[col("group", lang)].value, r[col("group_name", lang)].value,
             r[col("region", lang)].value, r[col("short", lang)].value,
             r[col("short_cost", lang)].value) for r in rows] == [
        (s["group"], names[s["group"]], s["region"], s["workers"], s["cost"])
        for s in infeasible.shortfalls]
    for r in rows:
        assert_count(r[col("short", lang)])
        assert_money(r[col("short_cost", lang)])
    assert below == [t("xl_shortfalls_note", lang,
                       bound=count(infeasible.shortfall_bound, lang))]

    for sheet, table, key in (("allocation", relaxed.allocation, None),
                              ("by_group", relaxed.by_group, "group"),
                              ("by_source", relaxed.by_source, "source")):
        rows, below = table_rows(wb[t(f"xl_sheet_{sheet}", lang)])
        assert below == [t("xl_relaxed_note", lang)], sheet
        assert len(rows) == len(table), sheet
        if key is not None:
            assert [r[col(key, lang)].value for r in rows] == list(table[key]), sheet
    alloc, _ = table_rows(wb[t("xl_sheet_allocation", lang)])
    assert sum(r[col("cost", lang)].value for r in alloc) == relaxed.total_cost
    by_group, _ = table_rows(wb[t("xl_sheet_by_group", lang)])
    assert [r[col("funded", lang)].value for r in by_group] == list(relaxed.by_group["funded"])
    # the messages: the diagnosis, then the relaxed plan's warnings
    messages = records(wb[t("xl_sheet_messages", lang)])
    assert [r[col("message", lang)].value for r in messages] == [
        m.text(lang) for m in [*infeasible.diagnosis, *infeasible.explanations,
                               *relaxed.warnings]]


@pytest.fixture(scope="module")
def transfer_cut():
    return load_scenario(ROOT / "scenarios" / "kutim-2026-transfer-cut.yaml")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_sources_sheet_holds_the_spare_money(example, lang):
    """Each source's spare money, in rupiah, as the Result has it; not the LP's bound."""
    assert "spare" in example.by_source
    rows = {r[col("source", lang)].value: r
            for r in records(reopen(export_plan(example, meta_for(example), lang))[
                t("xl_sheet_by_source", lang)])}
    assert set(rows) == set(example.by_source["source"])
    for s in example.by_source.itertuples():
        cell = rows[s.source][col("spare", lang)]
        assert cell.value == s.spare
        assert_money(cell)
        assert cell.value >= s.unspent  # never below the money the plan leaves
    header = list(next(iter(rows.values())))
    assert header.count(col("spare", lang)) == 1
    assert not any("lp" in str(h).lower() for h in header)  # the LP's bound is not a cut to make


@pytest.mark.parametrize("lang", ["id", "en"])
def test_groups_and_sources_sheets_hold_what_the_cuts_cost(transfer_cut, lang):
    """Before the cuts, after them and the change, per group (workers) and source (rupiah)."""
    result = run(transfer_cut, RunOptions(changes=True))
    assert result.changes is not None
    assert result.changes["against"] == "no_cut"
    wb = reopen(export_plan(result, meta_for(result), lang))
    for sheet, key, measure, check in (("by_group", "group", "funded", assert_count),
                                       ("by_source", "source", "spent", assert_money)):
        expected = result.changes["groups" if key == "group" else "sources"]
        rows = records(wb[t(f"xl_sheet_{sheet}", lang)])
        assert [r[col(key, lang)].value for r in rows] == [c["id"] for c in expected]
        for row, change in zip(rows, expected, strict=True):
            for part in ("before", "after", "change"):
                cell = row[col(f"{measure}_{part}", lang)]
                assert cell.value == change[part], (sheet, change["id"], part)
                if part != "change":
                    check(cell)
            assert row[col(f"{measure}_after", lang)].value == row[col(measure, lang)].value
            fmt = row[col(f"{measure}_change", lang)].number_format
            assert fmt.startswith("+"), fmt  # a change is written with its sign
        assert any(row[col(f"{measure}_change", lang)].value < 0 for row in rows)
    plain = reopen(export_plan(run(transfer_cut), meta_for(result), lang))
    header = [c.value for c in plain[t("xl_sheet_by_group", lang)][1]]
    assert col("funded_before", lang) not in header  # no changes asked for, none written


def test_an_infeasible_cut_exports_the_relaxed_plan_with_what_the_cuts_cost(transfer_cut):
    """At a 49% cut the 2026 example fails a mandate: relaxed plan, changes and shortfalls."""
    result = run(transfer_cut, RunOptions(global_cut=0.49, changes=True))
    assert result.status == "infeasible"
    assert result.relaxed is not None
    assert result.changes is not None
    wb = reopen(export_plan(result, meta_for(result), "en"))
    rows, below = table_rows(wb["Mandate shortfalls"])
    assert [(r["Group id"].value, r["Short (workers)"].value, r["Cost of the shortfall"].value)
            for r in rows] == [(s["group"], s["workers"], s["cost"]) for s in result.shortfalls]
    groups, below = table_rows(wb["By group"])
    assert below == [t("xl_relaxed_note", "en")]
    changes = {c["id"]: c for c in result.changes["groups"]}
    for row in groups:
        change = changes[row["Group id"].value]
        assert row["Funded"].value == change["after"]
        assert row["Funded without cuts"].value == change["before"]
        assert row["Change in funded"].value == change["change"]
    assert sum(r["Funded"].value for r in groups) == result.relaxed.covered_workers
    sources, _ = table_rows(wb["By source"])
    assert [r["Spare (no one loses cover)"].value for r in sources] == [0] * len(sources)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_shortfalls_per_region_name_the_regional_floors(lang):
    """kaltim-regions at a 60% cut misses a mandate in a region and regions' floors."""
    result = run(load_scenario(ROOT / "scenarios" / "kaltim-regions.yaml"),
                 RunOptions(global_cut=0.6, explain=False))
    assert result.relaxed is not None
    assert {s["group"] is None for s in result.shortfalls} == {True, False}
    regions = {r.id: r.name or r.id for r in result.scenario.regions}
    rows, _ = table_rows(reopen(export_plan(result, meta_for(result), lang))[
        t("xl_sheet_shortfalls", lang)])
    assert [(r[col("group", lang)].value, r[col("group_name", lang)].value,
             r[col("region", lang)].value, r[col("region_name", lang)].value,
             r[col("short", lang)].value) for r in rows] == [
        (s["group"], t("xl_region_floor", lang) if s["group"] is None
         else next(g.label for g in result.scenario.groups if g.id == s["group"]),
         s["region"], regions[s["region"]], s["workers"]) for s in result.shortfalls]


# --- a re-plan from a month (APBD-P) ------------------------------------------------------------


@pytest.fixture(scope="module")
def apbd_p():
    """October, the 2025 plan enrolled and paid through September, a 15% cut."""
    result = run(load_scenario(ROOT / "scenarios" / "kutim-2025-apbd-p.yaml"),
                 RunOptions(changes=True))
    assert int(result.by_group["dropped"].sum()) > 0
    return result


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_re_plan_exports_enrolled_kept_dropped_new_and_paid_to_date(apbd_p, lang):
    result = apbd_p
    wb = reopen(export_plan(result, meta_for(result), lang))
    groups = records(wb[t("xl_sheet_by_group", lang)])
    assert [r[col("group", lang)].value for r in groups] == list(result.by_group["group"])
    for row, g in zip(groups, result.by_group.itertuples(), strict=True):
        for column in ("enrolled", "kept", "dropped", "new"):
            cell = row[col(column, lang)]
            assert cell.value == getattr(g, column), (g.group, column)
            assert_count(cell)
        assert row[col("enrolled", lang)].value == g.kept + g.dropped
        assert row[col("funded", lang)].value == g.kept + g.new
    for column in ("enrolled", "kept", "dropped", "new"):
        assert sum(r[col(column, lang)].value for r in groups) == int(
            result.by_group[column].sum())

    sources = records(wb[t("xl_sheet_by_source", lang)])
    header = [c.value for c in wb[t("xl_sheet_by_source", lang)][1]]
    # read left to right: paid before the month, then the money from it on
    assert header.index(col("spent_to_date", lang)) + 1 == header.index(col("available", lang))
    for row, s in zip(sources, result.by_source.itertuples(), strict=True):
        assert row[col("source", lang)].value == s.source
        assert row[col("spent_to_date", lang)].value == s.spent_to_date
        assert_money(row[col("spent_to_date", lang)])
        assert row[col("available", lang)].value == s.available
        assert row[col("spent", lang)].value == s.spent
    paid = {x.id: x.spent_to_date for x in result.scenario.sources}
    assert {r[col("source", lang)].value: r[col("spent_to_date", lang)].value
            for r in sources} == paid

    fields = summary(wb[t("xl_sheet_summary", lang)], lang)
    assert fields[t("xl_sum_from_month", lang)].value == 10


def test_a_plan_of_the_year_has_no_re_plan_columns(kutim):
    result = run(kutim)
    wb = reopen(export_plan(result, meta_for(result), "en"))
    headers = [c.value for ws in (wb["By group"], wb["By source"]) for c in ws[1]]
    assert not {col(k, "en") for k in ("enrolled", "kept", "dropped", "new", "spent_to_date")
                } & set(headers)
    assert t("xl_sum_from_month", "en") not in summary(wb["Summary"], "en")


def test_meta_defaults_and_time_zones(kutim):
    result = run(kutim)
    meta = ExportMeta.for_result(result, version=2, created_at=WHEN.replace(tzinfo=UTC))
    assert meta.planner_version == planner_version() == planner.__version__
    assert meta.content_hash == content_hash(kutim)
    assert meta.solver == result.solution.solver
    wita = timezone(timedelta(hours=8))
    local = ExportMeta.for_result(result, created_at=datetime(2026, 3, 2, 17, 30, tzinfo=wita))
    ws = reopen(export_plan(result, local))["Ringkasan"]
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "Dibuat")
    assert row[1].value == datetime(2026, 3, 2, 17, 30)  # the wall clock, not shifted to UTC
    assert row[1].is_date
    assert row[2].value == "UTC+0800"


def test_an_unknown_language_is_refused(kutim):
    result = run(kutim)
    with pytest.raises(ValueError, match="lang"):
        export_plan(result, meta_for(result), "fr")


# --- a comparison -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def three(kutim):
    return [run(kutim), run(kutim, RunOptions(global_cut=0.5)),
            run(load_scenario(ROOT / "scenarios" / "kutim-2026-transfer-cut.yaml"))]


def side_by_side(ws) -> dict[tuple[str, str], dict[str, object]]:
    """{(item id, measure label): {header: value}} of a by-group or by-source sheet."""
    header = [c.value for c in ws[1]]
    out = {}
    for row in ws.iter_rows(min_row=2, values_only=True):
        out[row[1], row[2]] = dict(zip(header, row, strict=True))
    return out


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_comparison_of_three_reopens_with_values_and_differences(three, lang):
    names = ["dasar", "potong50", "2026"]
    cmp = compare(three, names, baseline=0)
    wb = reopen(export_comparison(cmp, [meta_for(r, version=i + 1) for i, r in enumerate(three)],
                                  lang))
    assert wb.sheetnames == [t(f"xl_sheet_{k}", lang) for k in (
        "summary", "inputs_differ", "totals", "by_group", "by_source", "diagnosis")]

    rows = records(wb[t("xl_sheet_summary", lang)])
    assert [r[t("xl_sum_scenario", lang)].value for r in rows] == names
    assert [r[t("xl_col_baseline", lang)].value for r in rows] == [
        t("xl_yes", lang), t("xl_no", lang), t("xl_no", lang)]
    assert [r[t("xl_sum_hash", lang)].value for r in rows] == [
        content_hash(r.scenario) for r in three]
    assert [r[t("xl_sum_version", lang)].value for r in rows] == [1, 2, 3]

    totals = {r[0].value: r for r in wb[t("xl_sheet_totals", lang)].iter_rows(min_row=2)}
    covered = totals[t("cmp_measure_covered_workers", lang)]
    assert [c.value for c in covered[1:]] == [
        three[0].covered_workers,
        three[1].covered_workers, three[1].covered_workers - three[0].covered_workers,
        three[2].covered_workers, three[2].covered_workers - three[0].covered_workers]
    spend = totals[t("cmp_measure_total_cost", lang)]
    assert spend[5].value == three[2].total_cost - three[0].total_cost < 0
    assert_money(spend[1])
    assert spend[5].number_format.startswith('+"Rp"')
    assert totals[t("cmp_measure_status", lang)][1].value == t("xl_status_optimal", lang)

    by_group = side_by_side(wb[t("xl_sheet_by_group", lang)])
    funded = t("cmp_measure_funded", lang)
    for i, result in enumerate(three):
        for g in result.by_group.itertuples():
            assert by_group[g.group, funded][names[i]] == g.funded
    laundry = by_group["laundry_salon", funded]  # only in the 2026 scenario
    assert laundry["dasar"] is None
    assert laundry["2026"] == three[2].by_group.set_index("group").loc["laundry_salon", "funded"]
    share = by_group["umkm", t("cmp_measure_share", lang)]
    diff = t("cmp_diff", lang, name="2026")
    assert share[diff] == pytest.approx(
        three[2].by_group.set_index("group").loc["umkm", "share"] - 1.0)

    by_source = side_by_side(wb[t("xl_sheet_by_source", lang)])
    spent = t("cmp_measure_spent", lang)
    for i, result in enumerate(three):
        for s in result.by_source.itertuples():
            assert by_source[s.source, spent][names[i]] == s.spent
    apbd = by_source["apbd", spent]
    assert apbd[t("cmp_diff", lang, name="potong50")] == (
        three[1].by_source.set_index("source").loc["apbd", "spent"]
        - three[0].by_source.set_index("source").loc["apbd", "spent"])

    inputs = records(wb[t("xl_sheet_inputs_differ", lang)])
    cut = next(r for r in inputs if "(global_cut)" in r[t("xl_col_field", lang)].value)
    assert [cut[n].value for n in names] == [0, 0.5, 0.25]
    assert cut["potong50"].number_format == "0.0%"
    budget = next(r for r in inputs if r[t("xl_col_field", lang)].value.endswith("(budget)"))
    assert_money(budget["2026"])


def test_a_comparison_with_a_scenario_without_a_plan(three, infeasible):
    cmp = compare([three[0], infeasible], ["dasar", "habis"], baseline=1)
    wb = reopen(export_comparison(cmp, None, "en"))
    rows = records(wb["Summary"])
    assert [r["Status"].value for r in rows] == ["optimal", "infeasible"]
    assert "Content hash" not in rows[0]  # no meta given
    totals = {r[0].value: [c.value for c in r[1:]] for r in wb["Totals"].iter_rows(min_row=2)}
    # columns: dasar, its difference to the baseline habis, habis
    assert [c.value for c in wb["Totals"][1]] == ["Measure", "dasar", "diff. dasar", "habis"]
    assert totals["Workers funded"] == [three[0].covered_workers, None, None]
    assert totals["Money available"][2] == sum(infeasible.inputs.available.values())
    assert totals["Money available"][1] == (
        sum(three[0].inputs.available.values()) - sum(infeasible.inputs.available.values()))
    diagnosis = records(wb["Diagnosis"])
    assert [r["Message"].value for r in diagnosis] == [m.text("en") for m in infeasible.diagnosis]
    assert {r["Scenario"].value for r in diagnosis} == {"habis"}


def test_a_comparison_of_two_with_nothing_differing_says_so(three):
    cmp = compare([three[0], three[0]])
    wb = reopen(export_comparison(cmp, None))
    assert [c.value for c in wb["Masukan berbeda"]["A"]][1] == t("cmp_no_input_diff", "id")
    totals = {r[0].value: [c.value for c in r[1:]] for r in wb["Total"].iter_rows(min_row=2)}
    covered = totals[t("cmp_measure_covered_workers", "id")]
    assert covered == [three[0].covered_workers, three[0].covered_workers, 0]
    assert not any(isinstance(v, float) and math.isnan(v) for vs in totals.values() for v in vs)


def test_meta_of_the_wrong_length_is_refused(three):
    cmp = compare(three[:2])
    with pytest.raises(ValueError, match="one entry per scenario"):
        export_comparison(cmp, [meta_for(three[0])])
