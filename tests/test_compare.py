"""planner.compare: the inputs that differ, the plans side by side, and the three ways out.

Expected figures are worked out by hand from scenarios/kutim-2025.yaml (its header derives them):

- Every BPU worker costs Rp201,600 a year (16,800 x 12); on their siltap a village head
  Rp157,248, a secretary Rp144,144 and another official Rp131,040 (13,104 / 12,012 / 10,920 x 12).
- The plan covers all 150,000 workers for Rp30,180,472,560 out of Rp32,907,000,000.
- A global cut of 50% halves every source but the protected APBD: Rp30,240,000,000 +
  358,500,000 + 600,000,000 + 375,000,000 = Rp31,573,500,000; still enough for everyone.
- UNPROTECTED (the APBD not protected) at a 50% cut: the 891 heads, secretaries and officials
  (cheapest, 85 x 157,248 + 85 x 144,144 + 721 x 131,040 = Rp120,098,160) from the APBDes, then
  whole BPU workers per source: APBDes (358,500,000 - 120,098,160) // 201,600 = 1,182 BPD members
  and RT heads, the APBD the other 2,956 - 1,182 = 1,774 of the mandate and
  (15,120,000,000 - 1,774 x 201,600) // 201,600 = 73,226 more, CSR tambang 2,976, CSR sawit
  1,860: 3,847 + 73,226 + 2,976 + 1,860 = 81,909 workers for
  Rp120,098,160 + 81,018 x 201,600 = Rp16,453,326,960.
- UNPROTECTED at a 99% cut: Rp302,400,000 + 7,170,000 + 12,000,000 + 7,500,000 = Rp329,070,000;
  the APBD and APBDes part (Rp309,570,000) cannot pay for the mandate of all 3,847 village
  apparatus (Rp716,027,760): infeasible.
- In 2026 the PP 50/2025 discount halves BPU JKK+JKM for CSR-paid workers: other sectors April to
  December (3 x 16,800 + 9 x 8,400 = 126,000), transport the whole year (12 x 8,400 = 100,800).
"""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path

import pandas as pd
import pytest

from planner import RunOptions, load_scenario, run
from planner.compare import DELTA, compare, inputs_table, render_text, to_csv, to_json, unique_names
from planner.i18n import TEXT
from planner.money import count, rupiah, rupiah_short

ROOT = Path(__file__).resolve().parent.parent
NAME = "Kutai Timur 2025 - baseline"
N2, N3 = f"{NAME} (2)", f"{NAME} (3)"


@pytest.fixture(scope="module")
def kutim():
    return load_scenario(ROOT / "scenarios" / "kutim-2025.yaml")


@pytest.fixture(scope="module")
def base(kutim):
    return run(kutim)


@pytest.fixture(scope="module")
def cut50(kutim):
    return run(kutim, RunOptions(global_cut=0.5))


@pytest.fixture(scope="module")
def cut20(kutim):
    return run(kutim, RunOptions(global_cut=0.2))


def _replace(items, item_id, **update):
    return tuple(x.model_copy(update=update) if x.id == item_id else x for x in items)


@pytest.fixture(scope="module")
def unprotected(kutim):
    return kutim.model_copy(update={"sources": _replace(kutim.sources, "apbd", protected=False)})


@pytest.fixture(scope="module")
def short50(unprotected):
    return run(unprotected, RunOptions(global_cut=0.5))


@pytest.fixture(scope="module")
def infeasible(unprotected):
    return run(unprotected, RunOptions(global_cut=0.99))


def _keys(df):
    return [tuple(k) for k in df[["item", "field"]].to_numpy().tolist()]


def _cell(df, item, measure, column):
    hit = df[(df["item"] == item) & (df["measure"] == measure)]
    assert len(hit) == 1, (item, measure)
    return hit[column].iloc[0]


def _rows(text, first):
    """The cells of every line of the rendered tables that starts with ``first``."""
    lines = [line for line in text.splitlines() if line.startswith(first + "  ")]
    return [[c.strip() for c in line.split("  ") if c.strip()] for line in lines]


def _cells(text, first):
    """The cells of the one line of the rendered tables that starts with ``first``."""
    rows = _rows(text, first)
    assert len(rows) == 1, (first, rows)
    return rows[0]


# --- inputs that differ -------------------------------------------------------------------------


def test_same_scenario_at_two_cuts_differs_only_in_the_global_cut(base, cut50) -> None:
    cmp = compare([base, cut50])
    assert cmp.names == (NAME, N2)
    assert cmp.baseline == NAME
    assert list(cmp.inputs.columns) == ["item", "name", "field", "unit", NAME, N2]
    assert _keys(cmp.inputs) == [("policy", "global_cut")]
    assert cmp.inputs.iloc[0][NAME] == 0.0
    assert cmp.inputs.iloc[0][N2] == 0.5
    assert cmp.inputs.iloc[0]["unit"] == "share"


def test_by_source_differences_are_the_second_plan_minus_the_first(base, cut50) -> None:
    df = compare([base, cut50]).outputs.by_source
    assert list(df.columns) == ["item", "name", "measure", "unit", NAME, N2, N2 + DELTA]
    assert df.attrs["unit"]["spent"] == "Rp"
    spent0 = base.by_source.set_index("source")["spent"]
    spent1 = cut50.by_source.set_index("source")["spent"]
    assert list(df["item"].drop_duplicates()) == ["apbd", "apbdes", "csr_tambang", "csr_sawit"]
    for source in spent0.index:
        assert _cell(df, source, "spent", NAME) == spent0[source]
        assert _cell(df, source, "spent", N2) == spent1[source]
        assert _cell(df, source, "spent", N2 + DELTA) == spent1[source] - spent0[source]
    assert _cell(df, "apbd", "available", N2 + DELTA) == 0
    assert _cell(df, "apbdes", "available", N2) == 358_500_000
    assert _cell(df, "apbdes", "available", N2 + DELTA) == -358_500_000
    assert _cell(df, "csr_tambang", "available", N2 + DELTA) == -600_000_000


def test_totals_side_by_side(base, cut50) -> None:
    df = compare([base, cut50]).outputs.totals
    assert list(df["measure"]) == ["status", "covered_workers", "bound_covered", "total_cost",
                                   "available", "unspent"]
    assert _cell(df, "total", "status", N2) == "optimal"
    assert math.isnan(_cell(df, "total", "status", N2 + DELTA))
    assert _cell(df, "total", "covered_workers", NAME) == 150_000
    assert _cell(df, "total", "covered_workers", N2 + DELTA) == 0
    assert _cell(df, "total", "total_cost", N2) == 30_180_472_560
    assert _cell(df, "total", "available", NAME) == 32_907_000_000
    assert _cell(df, "total", "available", N2) == 31_573_500_000
    assert _cell(df, "total", "unspent", N2 + DELTA) == -1_333_500_000


def test_one_budget_and_one_head_count_changed_gives_exactly_those_rows(kutim, base) -> None:
    variant = kutim.model_copy(update={
        "sources": _replace(kutim.sources, "csr_tambang", budget=900_000_000),
        "groups": _replace(kutim.groups, "petani", eligible=40_000),
    })
    cmp = compare([base, run(variant)], names=["2025", "Usulan"])
    assert _keys(cmp.inputs) == [("source:csr_tambang", "budget"), ("group:petani", "eligible")]
    assert cmp.inputs[["2025", "Usulan"]].to_numpy().tolist() == [
        [1_200_000_000, 900_000_000], [42_000, 40_000]
    ]
    assert list(cmp.inputs["name"]) == ["CSR perusahaan tambang batu bara (desa ring 1)",
                                        "Petani dan pekebun"]
    assert list(cmp.inputs["unit"]) == ["Rp", "workers"]
    by_group = cmp.outputs.by_group
    assert _cell(by_group, "petani", "funded", "Usulan") == 40_000
    assert _cell(by_group, "petani", "funded", "Usulan Δ") == -2_000
    assert _cell(by_group, "petani", "share", "Usulan Δ") == 0.0
    assert _cell(by_group, "nelayan", "funded", "Usulan Δ") == 0
    totals = cmp.outputs.totals
    assert _cell(totals, "total", "covered_workers", "Usulan") == 148_000
    assert _cell(totals, "total", "total_cost", "Usulan Δ") == -2_000 * 201_600


def test_year_changes_the_unit_cost_of_csr_payers_only(kutim, base) -> None:
    cmp = compare([base, run(kutim.model_copy(update={"year": 2026}))], names=["a", "b"])
    assert _keys(cmp.inputs) == [
        ("scenario", "year"),
        ("group:petani", "unit_cost[csr_sawit]"),
        ("group:pedagang", "unit_cost[csr_tambang]"),
        ("group:ojek", "unit_cost[csr_tambang]"),
        ("group:buruh_harian", "unit_cost[csr_tambang]"),
        ("group:umkm", "unit_cost[csr_tambang]"),
    ]
    assert cmp.inputs["a"].tolist() == [2025, 201_600, 201_600, 201_600, 201_600, 201_600]
    assert cmp.inputs["b"].tolist() == [2026, 126_000, 126_000, 100_800, 126_000, 126_000]
    assert set(cmp.inputs["unit"][1:]) == {"Rp/worker"}


def test_per_region_head_counts_are_compared_with_their_total() -> None:
    scenario = load_scenario(ROOT / "scenarios" / "kaltim-regions.yaml")
    group = next(g for g in scenario.groups if g.id == "rentan_informal")
    eligible = {**group.eligible, "bontang": 40_000}
    variant = scenario.model_copy(
        update={"groups": _replace(scenario.groups, "rentan_informal", eligible=eligible)}
    )
    cmp = compare([run(scenario), run(variant)], names=["a", "b"])
    assert _keys(cmp.inputs) == [("group:rentan_informal", "eligible"),
                                 ("group:rentan_informal", "eligible[bontang]")]
    assert cmp.inputs[["a", "b"]].to_numpy().tolist() == [[436_000, 438_000], [38_000, 40_000]]


LKD = "Pengurus LKD (RW, PKK, Posyandu, Karang Taruna, LPM)"


def test_a_group_in_one_scenario_only_is_missing_in_the_other(kutim, base) -> None:
    without = run(kutim.model_copy(
        update={"groups": tuple(g for g in kutim.groups if g.id != "pengurus_lkd")}
    ))
    cmp = compare([base, without], names=["with", "without"])
    assert {item for item, _ in _keys(cmp.inputs)} == {"group:pengurus_lkd"}
    rows = cmp.inputs.set_index("field")
    assert list(rows.index) == ["name", "eligible", "covered_elsewhere", "premium",
                                "unit_cost[apbd]", "months", "start_month", "sector", "tags",
                                "weight", "min_share", "max_share", "priority"]
    assert rows["without"].isna().all()
    assert rows["without"].tolist() == [None] * 13
    assert rows.loc["eligible", "with"] == 6_153
    assert rows.loc["premium", "with"] == ("bpu, declared_income: 1000000, "
                                           "programmes: jkk+jkm")
    assert rows.loc["unit_cost[apbd]", "with"] == 201_600
    assert rows.loc["months", "with"] == 12

    by_group = cmp.outputs.by_group
    assert _cell(by_group, "pengurus_lkd", "funded", "with") == 6_153
    for measure in ("funded", "covered", "share", "cost"):
        assert math.isnan(_cell(by_group, "pengurus_lkd", measure, "without"))
        assert math.isnan(_cell(by_group, "pengurus_lkd", measure, "without Δ"))
    totals = cmp.outputs.totals
    assert _cell(totals, "total", "covered_workers", "without Δ") == -6_153
    assert _cell(totals, "total", "total_cost", "without Δ") == -6_153 * 201_600

    reverse = compare([base, without], names=["with", "without"], baseline=1).outputs.by_group
    assert list(reverse.columns[4:]) == ["with", "with Δ", "without"]
    assert _cell(reverse, "pengurus_lkd", "funded", "with") == 6_153
    assert math.isnan(_cell(reverse, "pengurus_lkd", "funded", "with Δ"))
    assert [f"Group: {LKD}", "Months of cover (months)", "12", "-"] in _rows(
        render_text(cmp, "en"), f"Group: {LKD}"
    )
    assert [LKD, "6,153", "-", "-"] in _rows(render_text(cmp, "en"), LKD)


# --- the inputs that differ, as people read them ------------------------------------------------


def _people(cmp, lang="id"):
    """The inputs table for people as lists of text, keyed by (item words, field words)."""
    table = inputs_table(cmp, lang)
    return {(row[0], row[1]): row[2:] for row in table.to_numpy().tolist()}


def test_inputs_table_names_fields_and_writes_values_per_language(kutim, base) -> None:
    csr = next(s for s in kutim.sources if s.id == "csr_tambang")
    petani = next(g for g in kutim.groups if g.id == "petani")
    variant = kutim.model_copy(update={
        "sources": _replace(kutim.sources, "csr_tambang", budget=900_000_000),
        "groups": _replace(kutim.groups, "petani", eligible=40_000),
    })
    cmp = compare([base, run(variant)], names=["2025", "Usulan"])
    table = inputs_table(cmp)
    assert list(table.columns) == ["Bagian", "Isian", "2025", "Usulan"]
    assert _people(cmp) == {
        (f"Sumber: {csr.name}", "Anggaran"): [rupiah_short(csr.budget, "id"), "Rp900,00 juta"],
        ("Kelompok: Petani dan pekebun", "Pekerja layak"): [count(petani.eligible, "id"),
                                                            "40.000"],
    }
    assert _people(cmp, "en") == {
        (f"Source: {csr.name}", "Budget"): [rupiah_short(csr.budget, "en"), "Rp900.00 million"],
        ("Group: Petani dan pekebun", "Eligible workers"): [count(petani.eligible, "en"),
                                                            "40,000"],
    }
    assert rupiah_short(csr.budget, "id") == "Rp1,20 miliar"
    # the file's own numbers stay in the CSV
    assert f"inputs,source:csr_tambang,{csr.name},budget,Rp,Usulan,900000000," in to_csv(cmp)


def test_inputs_table_names_the_source_of_a_unit_cost_and_writes_the_year(kutim, base) -> None:
    cmp = compare([base, run(kutim.model_copy(update={"year": 2026}))], names=["a", "b"])
    people = _people(cmp)
    assert people[("Skenario", "Tahun anggaran")] == ["2025", "2026"]
    sawit = next(s for s in kutim.sources if s.id == "csr_sawit")
    assert people[("Kelompok: Petani dan pekebun", f"Biaya per pekerja ({sawit.name})")] == [
        rupiah(201_600, "id"), rupiah(126_000, "id")]


def test_inputs_table_names_regions_rather_than_ids() -> None:
    scenario = load_scenario(ROOT / "scenarios" / "kaltim-regions.yaml")
    group = next(g for g in scenario.groups if g.id == "rentan_informal")
    bontang = next(r for r in scenario.regions if r.id == "bontang")
    variant = scenario.model_copy(update={"groups": _replace(
        scenario.groups, "rentan_informal", eligible={**group.eligible, "bontang": 40_000})})
    cmp = compare([run(scenario), run(variant)], names=["a", "b"])
    item = f"Kelompok: {group.name}"
    assert _people(cmp)[(item, f"Pekerja layak ({bontang.name})")] == [
        count(group.eligible["bontang"], "id"), "40.000"]


def test_inputs_table_words_for_choices_lists_and_premiums(kutim, base) -> None:
    policy = kutim.policy.model_copy(update={"funding_rules": "off"})
    variant = kutim.model_copy(update={
        "policy": policy,
        "sources": _replace(kutim.sources, "apbd", kind="province", protected=False,
                            groups=("petani", "nelayan")),
        "groups": tuple(g.model_copy(update={"premium": g.premium.model_copy(
            update={"wage": 3_000_000})}) if g.id == "kepala_desa" else g
            for g in kutim.groups if g.id != "pengurus_lkd"),
    })
    cmp = compare([base, run(variant)], names=["a", "b"])
    apbd = next(s for s in kutim.sources if s.id == "apbd")
    people, english = _people(cmp), _people(cmp, "en")
    assert people[("Kebijakan", "Aturan pendanaan")] == ["ketat", "tidak diterapkan"]
    assert english[("Policy", "Funding rules")] == ["strict", "not applied"]
    source = f"Sumber: {apbd.name}"
    assert people[(source, "Jenis sumber")] == ["APBD", "provinsi"]
    assert people[(source, "Dilindungi dari pemotongan")] == ["ya", "tidak"]
    # ids become the names people know, in the order of the ids
    assert people[(source, "Kelompok yang boleh dibayar")] == [
        "semua", "Nelayan, Petani dan pekebun"]
    assert english[(f"Source: {apbd.name}", "Groups it may pay for")] == [
        "all", "Nelayan, Petani dan pekebun"]
    head = "Kelompok: Kepala desa"
    assert people[(head, "Iuran")] == ["upah Rp2.426.640, kelas risiko JKK 1, JKK+JKM",
                                       "upah Rp3.000.000, kelas risiko JKK 1, JKK+JKM"]
    assert english[("Group: Kepala desa", "Premium")] == [
        "wage Rp2,426,640, JKK risk class 1, JKK+JKM",
        "wage Rp3,000,000, JKK risk class 1, JKK+JKM"]
    lkd = f"Kelompok: {LKD}"
    assert people[(lkd, "Lama perlindungan (bulan)")] == ["12", "-"]
    assert people[(lkd, "Sektor")] == ["lainnya", "-"]


def test_inputs_table_writes_bpu_and_monthly_premiums(kutim, base) -> None:
    variant = kutim.model_copy(update={"groups": _replace(
        kutim.groups, "petani", premium=None, premium_monthly=17_000)})
    cmp = compare([base, run(variant)], names=["a", "b"])
    assert _people(cmp)[("Kelompok: Petani dan pekebun", "Iuran")] == [
        "BPU, penghasilan Rp1.000.000, JKK+JKM", "Rp17.000 per bulan"]
    assert _people(cmp, "en")[("Group: Petani dan pekebun", "Premium")] == [
        "BPU, declared income Rp1,000,000, JKK+JKM", "Rp17,000 a month"]


def test_inputs_table_writes_in_full_what_the_short_form_would_hide(kutim) -> None:
    apbd = next(s for s in kutim.sources if s.id == "apbd")
    budgets = (30_240_000_000, 30_241_000_000)  # Rp1 juta apart, both "Rp30,24 miliar"
    assert rupiah_short(budgets[0], "id") == rupiah_short(budgets[1], "id") == "Rp30,24 miliar"
    results = [run(kutim.model_copy(update={"sources": _replace(kutim.sources, "apbd", budget=b)}))
               for b in budgets]
    cmp = compare(results, names=["a", "b"])
    assert _people(cmp)[(f"Sumber: {apbd.name}", "Anggaran")] == [
        "Rp30.240.000.000", "Rp30.241.000.000"]
    assert _people(cmp, "en")[(f"Source: {apbd.name}", "Budget")] == [
        "Rp30,240,000,000", "Rp30,241,000,000"]


# --- three scenarios, a baseline in the middle --------------------------------------------------


def test_three_scenarios_against_the_middle_one(base, cut20, cut50) -> None:
    cmp = compare([base, cut20, cut50], baseline=1)
    assert cmp.names == (NAME, N2, N3)
    assert cmp.baseline == N2
    assert cmp.inputs[[NAME, N2, N3]].to_numpy().tolist() == [[0.0, 0.2, 0.5]]
    df = cmp.outputs.by_source
    assert list(df.columns) == ["item", "name", "measure", "unit", NAME, NAME + DELTA, N2, N3,
                                N3 + DELTA]
    middle = cut20.by_source.set_index("source")
    for label, result in ((NAME, base), (N3, cut50)):
        mine = result.by_source.set_index("source")
        for source in mine.index:
            for measure in ("available", "spent", "unspent", "workers"):
                diff = mine.loc[source, measure] - middle.loc[source, measure]
                assert _cell(df, source, measure, label + DELTA) == diff
    assert _cell(df, "apbdes", "available", N2) == 573_600_000
    assert _cell(df, "apbdes", "available", NAME + DELTA) == 143_400_000
    assert _cell(df, "apbdes", "available", N3 + DELTA) == -215_100_000
    assert set(to_json(cmp, "en")["outputs"]["totals"][1]["differences"]) == {NAME, N3}
    apbdes = "APBDes/ADD desa se-Kutai Timur - iuran aparatur desa"
    assert [apbdes, "Rp717,00 juta", "+Rp143,40 juta", "Rp573,60 juta", "Rp358,50 juta",
            "-Rp215,10 juta"] in _rows(render_text(cmp, "id"), apbdes)


def test_a_renamed_group_is_named_as_in_the_first_scenario(kutim, base) -> None:
    renamed = run(kutim.model_copy(
        update={"groups": _replace(kutim.groups, "nelayan", name="Nelayan tangkap")}
    ))
    cmp = compare([renamed, base], names=["baru", "lama"], baseline=1)
    assert _keys(cmp.inputs) == [("group:nelayan", "name")]
    assert cmp.inputs[["baru", "lama"]].to_numpy().tolist() == [["Nelayan tangkap", "Nelayan"]]
    assert cmp.inputs["name"].tolist() == ["Nelayan tangkap"]
    assert set(cmp.outputs.by_group.set_index("item").loc["nelayan", "name"]) == {"Nelayan tangkap"}


# --- what compare refuses -----------------------------------------------------------------------


@pytest.mark.parametrize("n", [0, 1, 11])
def test_fewer_than_two_or_more_than_ten_results_are_refused(base, n) -> None:
    with pytest.raises(ValueError, match=f"2 to 10 results, got {n}"):
        compare([base] * n)


def test_ten_results_are_accepted(base) -> None:
    assert len(compare([base] * 10).names) == 10


@pytest.mark.parametrize("baseline", [2, -1, 10])
def test_a_baseline_out_of_range_is_refused(base, cut50, baseline) -> None:
    with pytest.raises(ValueError, match="baseline must be an index from 0 to 1"):
        compare([base, cut50], baseline=baseline)


def test_bad_names_and_results_are_refused(base, cut50) -> None:
    with pytest.raises(ValueError, match="names has 1 entries for 2 results"):
        compare([base, cut50], names=["a"])
    with pytest.raises(ValueError, match=r"names\[1\] is blank"):
        compare([base, cut50], names=["a", "  "])
    with pytest.raises(TypeError, match="not a single string"):
        compare([base, cut50], names="ab")
    with pytest.raises(TypeError, match=r"results\[1\] is a dict"):
        compare([base, {}])


def test_names_are_made_unique(base, cut20, cut50) -> None:
    assert compare([base, cut50], names=["Dasar", "Dasar"]).names == ("Dasar", "Dasar (2)")
    assert compare([base, cut20, cut50]).names == (NAME, N2, N3)
    assert unique_names(["A", "A", "A (2)"]) == ("A", "A (2)", "A (2) (2)")
    assert unique_names(["unit", "item", "B"]) == ("unit (2)", "item (2)", "B")
    assert unique_names(["A", "A Δ"]) == ("A", "A Δ (2)")
    assert unique_names(["A Δ", "A"]) == ("A Δ", "A (2)")


# --- a scenario without a plan ------------------------------------------------------------------


def test_an_infeasible_scenario_is_compared_with_its_outputs_missing(
    base, short50, infeasible
) -> None:
    cmp = compare([base, short50, infeasible], names=["dasar", "potong", "habis"])
    assert cmp.statuses == {"dasar": "optimal", "potong": "optimal", "habis": "infeasible"}
    assert _keys(cmp.inputs) == [("policy", "global_cut"), ("source:apbd", "protected")]
    assert cmp.inputs[["dasar", "potong", "habis"]].to_numpy().tolist() == [
        [0.0, 0.5, 0.99], [True, False, False]
    ]
    totals = cmp.outputs.totals
    assert _cell(totals, "total", "status", "habis") == "infeasible"
    assert _cell(totals, "total", "covered_workers", "potong") == 81_909
    assert _cell(totals, "total", "covered_workers", "potong Δ") == 81_909 - 150_000
    assert _cell(totals, "total", "total_cost", "potong") == 16_453_326_960
    for measure in ("covered_workers", "bound_covered", "total_cost", "unspent"):
        assert math.isnan(_cell(totals, "total", measure, "habis"))
        assert math.isnan(_cell(totals, "total", measure, "habis Δ"))
    assert _cell(totals, "total", "available", "habis") == 329_070_000
    assert cmp.outputs.by_group["habis"].isna().all()
    assert cmp.outputs.by_group["habis Δ"].isna().all()
    by_source = cmp.outputs.by_source
    plan = by_source[by_source["measure"] != "available"]
    assert plan["habis"].isna().all()
    assert _cell(by_source, "apbd", "available", "habis") == 302_400_000
    assert list(cmp.diagnosis) == ["habis"]
    assert cmp.diagnosis["habis"][0].code == "infeasible"

    text = render_text(cmp, "id")
    assert _cells(text, "Status hasil") == ["Status hasil", "rencana optimal", "rencana optimal",
                                            "-", "tidak layak", "-"]
    assert _cells(text, "Pekerja dibiayai") == ["Pekerja dibiayai", "150.000", "81.909",
                                                "-68.091", "-", "-"]
    assert "Mengapa tidak ada rencana" in text
    assert "- habis: " + cmp.diagnosis["habis"][0].text("id") in text
    assert _cells(render_text(cmp, "en"), "habis") == ["habis", NAME, "infeasible"]
    assert _cells(render_text(cmp, "en"), "dasar (baseline)") == [
        "dasar (baseline)", NAME, "optimal plan"
    ]


def test_an_infeasible_baseline_leaves_every_difference_missing(base, infeasible) -> None:
    cmp = compare([infeasible, base], names=["habis", "dasar"])
    assert cmp.outputs.by_group["dasar Δ"].isna().all()
    spent = cmp.outputs.by_source[cmp.outputs.by_source["measure"] == "spent"]
    assert spent["dasar Δ"].isna().all()
    assert spent["dasar"].tolist() == base.by_source["spent"].tolist()


# --- JSON, CSV and text -------------------------------------------------------------------------


def test_to_json_round_trips_and_keeps_figures_exact(base, short50, infeasible) -> None:
    cmp = compare([base, short50, infeasible], names=["dasar", "potong", "habis"])
    data = to_json(cmp, "en")
    assert json.loads(json.dumps(data, allow_nan=False)) == data
    assert list(data) == ["names", "baseline", "statuses", "scenarios", "inputs", "outputs",
                          "diagnosis"]
    assert data["names"] == ["dasar", "potong", "habis"]
    assert data["baseline"] == "dasar"
    assert data["statuses"]["habis"] == "infeasible"
    assert data["scenarios"][0] == {"name": "dasar", "scenario": NAME, "status": "optimal",
                                    "baseline": True}
    assert data["inputs"][0] == {
        "item": "policy", "name": "", "field": "global_cut", "unit": "share",
        "label": "Global cut (global_cut)", "values": {"dasar": 0.0, "potong": 0.5, "habis": 0.99},
    }
    totals = {row["measure"]: row for row in data["outputs"]["totals"]}
    assert totals["total_cost"]["values"] == {"dasar": 30_180_472_560, "potong": 16_453_326_960,
                                             "habis": None}
    assert totals["total_cost"]["differences"] == {"potong": -13_727_145_600, "habis": None}
    assert isinstance(totals["total_cost"]["values"]["dasar"], int)
    assert totals["status"]["differences"] == {"potong": None, "habis": None}
    assert set(data["outputs"]) == {"totals", "by_group", "by_source"}
    assert data["diagnosis"]["habis"][0]["code"] == "infeasible"
    assert to_json(cmp, "id")["inputs"][0]["label"] == "Pemotongan global (global_cut)"
    with pytest.raises(ValueError, match="lang must be one of"):
        to_json(cmp, "fr")


def test_to_csv_parses_back_with_the_same_values(base, cut50, infeasible) -> None:
    cmp = compare([base, cut50, infeasible], names=["a", "b", "c"])
    text = to_csv(cmp)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert text.splitlines()[0] == "section,item,name,field,unit,scenario,value,difference"
    n_rows = len(cmp.inputs) + sum(len(df) for df in cmp.outputs.tables().values())
    assert len(rows) == 3 * n_rows
    found = {(r["section"], r["item"], r["field"], r["scenario"]): r for r in rows}
    for label, result in (("a", base), ("b", cut50)):
        for source, spent in zip(result.by_source["source"], result.by_source["spent"],
                                 strict=True):
            assert int(found["by_source", source, "spent", label]["value"]) == spent
    apbdes_b = found["by_source", "apbdes", "spent", "b"]
    assert int(apbdes_b["difference"]) == (
        cut50.by_source.set_index("source").loc["apbdes", "spent"]
        - base.by_source.set_index("source").loc["apbdes", "spent"]
    )
    assert found["by_source", "apbdes", "spent", "a"]["difference"] == ""
    assert found["by_source", "apbdes", "spent", "c"]["value"] == ""
    assert found["by_source", "apbdes", "available", "c"]["value"] == "7170000"
    assert found["totals", "total", "status", "c"]["value"] == "infeasible"
    assert found["inputs", "policy", "global_cut", "c"]["value"] == "0.99"
    assert found["inputs", "source:apbd", "protected", "a"]["value"] == "true"
    assert found["by_group", "petani", "share", "a"]["value"] == "1.0"

    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    assert list(frame.columns) == ["section", "item", "name", "field", "unit", "scenario", "value",
                                   "difference"]
    assert frame.to_dict("records") == rows


def test_render_text_formats_money_counts_and_shares_per_language(base, cut50) -> None:
    cmp = compare([base, cut50], names=["2025", "potong 50%"])
    text_id = render_text(cmp)
    assert text_id.startswith("Perbandingan skenario\nPembanding: 2025\n")
    assert _cells(text_id, "Dana tersedia") == [
        "Dana tersedia", "Rp32,91 miliar", "Rp31,57 miliar", "-Rp1,33 miliar"
    ]
    assert _cells(text_id, "Pekerja dibiayai") == ["Pekerja dibiayai", "150.000", "150.000", "0"]
    assert _cells(text_id, "Kebijakan") == ["Kebijakan", "Pemotongan global (global_cut)", "0,0%",
                                            "50,0%"]
    assert _rows(text_id, "APBDes/ADD desa se-Kutai Timur - iuran aparatur desa")[0] == [
        "APBDes/ADD desa se-Kutai Timur - iuran aparatur desa", "Rp717,00 juta", "Rp358,50 juta",
        "-Rp358,50 juta",
    ]
    csr = "CSR perusahaan perkebunan kelapa sawit (desa sekitar kebun)"
    assert [csr, "Rp48.000", "Rp24.000", "-Rp24.000"] in _rows(text_id, csr)
    assert "selisih potong 50%" in text_id
    assert "0,0 poin" in text_id

    text_en = render_text(cmp, "en")
    assert text_en.startswith("Scenario comparison\nBaseline: 2025\n")
    assert _cells(text_en, "Money available") == [
        "Money available", "Rp32.91 billion", "Rp31.57 billion", "-Rp1.33 billion"
    ]
    assert _cells(text_en, "Workers funded") == ["Workers funded", "150,000", "150,000", "0"]
    assert _cells(text_en, "Policy") == ["Policy", "Global cut (global_cut)", "0.0%", "50.0%"]
    assert "diff. potong 50%" in text_en
    with pytest.raises(ValueError, match="lang must be one of"):
        render_text(cmp, "fr")


def test_render_text_writes_share_differences_in_points(kutim, base) -> None:
    # a ceiling of 80% on the 42,000 farmers: 33,600 funded, money is ample for everyone else
    capped = run(kutim.model_copy(
        update={"groups": _replace(kutim.groups, "petani", max_share=0.8)}
    ))
    cmp = compare([base, capped], names=["a", "b"])
    assert _keys(cmp.inputs) == [("group:petani", "max_share")]
    assert _cell(cmp.outputs.by_group, "petani", "share", "b") == 0.8
    assert _cell(cmp.outputs.by_group, "petani", "share", "b Δ") == 0.8 - 1.0
    text_id, text_en = render_text(cmp, "id"), render_text(cmp, "en")
    assert _rows(text_id, "Petani dan pekebun") == [
        ["Petani dan pekebun", "42.000", "33.600", "-8.400"],
        ["Petani dan pekebun", "42.000", "33.600", "-8.400"],
        ["Petani dan pekebun", "100,0%", "80,0%", "-20,0 poin"],
        ["Petani dan pekebun", "Rp8,47 miliar", "Rp6,77 miliar", "-Rp1,69 miliar"],
    ]
    assert ["Petani dan pekebun", "100.0%", "80.0%", "-20.0 pp"] in _rows(
        text_en, "Petani dan pekebun"
    )
    assert ["Group: Petani dan pekebun", "Ceiling (maximum share) (max_share)", "100.0%",
            "80.0%"] in _rows(text_en, "Group: Petani dan pekebun")
    assert _cells(text_en, "Spend") == ["Spend", "Rp30.18 billion", "Rp28.49 billion",
                                        "-Rp1.69 billion"]


def test_every_comparison_word_is_in_both_languages() -> None:
    keys = [k for k in TEXT if k.startswith("cmp_")]
    assert len(keys) > 40
    for key in keys:
        assert set(TEXT[key]) == {"id", "en"}, key
        assert TEXT[key]["id"] != TEXT[key]["en"], key


def test_the_policy_that_decides_who_loses_cover_is_an_input_that_differs(kutim, base) -> None:
    groups = tuple(g.model_copy(update={"priority": 3}) if g.id == "umkm" else g
                   for g in kutim.groups)
    policy = kutim.policy.model_copy(update={"sharing": "equal_share",
                                             "spend_order": ("apbd", "csr")})
    other = run(kutim.model_copy(update={"groups": groups, "policy": policy}))
    cmp = compare([base, other], names=["a", "b"])
    assert set(_keys(cmp.inputs)) == {("policy", "sharing"), ("policy", "spend_order"),
                                      ("group:umkm", "priority")}
    table = inputs_table(cmp, "id")
    assert "dibagi rata" in table.to_string()
    assert "pekerja terbanyak" in table.to_string()
