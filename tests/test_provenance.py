"""Every figure is traceable: the basis of groups and sources, the data's regulations and dates,
the discount's readings, in the JSON, the CLI, the Excel export and the template; overlapping
groups (``part_of``) funded once."""

from __future__ import annotations

import io
import json
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from planner import run
from planner.cli import app
from planner.engine.inputs import funding_rules
from planner.engine.premiums import rates
from planner.engine.schema import validate_scenario
from planner.engine.yamlio import read_yaml
from planner.errors import ScenarioError
from planner.i18n import t
from planner.store.excel import ExportMeta, export_plan
from planner.store.template import read_template, write_template
from tests.reference import check_plan, optimum

BPU = {"scheme": "bpu", "declared_income": 1_000_000, "programmes": ["jkk", "jkm"]}
DATA = "planner/engine/data"


def scenario(groups: list[dict[str, Any]], sources: list[dict[str, Any]], year: int = 2026,
             regions: list[str] | None = None, **policy: Any):
    return validate_scenario({"name": "uji", "year": year, "groups": groups, "sources": sources,
                              "regions": [{"id": r} for r in regions or []], "policy": policy})


def cited():
    return scenario(
        [{"id": "petani", "eligible": 10, "premium": BPU, "basis": "Perbup Kutim 29/2024"},
         {"id": "ojek", "eligible": 5, "premium": BPU, "sector": "transport", "assumed": True}],
        [{"id": "apbd", "kind": "apbd", "budget": 10**9, "basis": "DPA Disnakertrans 2026"},
         {"id": "csr", "kind": "csr", "budget": 10**6, "assumed": True}])


# --- the data files -------------------------------------------------------------------------------


def test_every_rate_discount_and_funding_rule_carries_its_regulation_and_date() -> None:
    premiums = read_yaml(f"{DATA}/premiums.yaml", yes_no=None)
    for table in ("bpu", "wage"):
        assert premiums[table]["regulation"]
        assert premiums[table]["valid_from"]
    assert "PP 49/2023" in premiums["bpu"]["regulation"]  # PP 44/2015 as last amended
    for d in premiums["discounts"]:
        assert d["regulation"]
        assert d["enacted"] == "2025-12-22"
        for kind, reading in d["payers"].items():
            assert reading["basis"], kind
    rules = read_yaml(f"{DATA}/funding_rules.yaml", yes_no=None)
    for kind, rule in rules.items():
        assert rule["regulation"], kind
        assert rule["valid_from"], kind
    assert "PP 38/2023" in rules["dbh_sawit"]["regulation"]
    assert "PMK 91/2023" in rules["dbh_sawit"]["regulation"]
    assert "Inpres 2/2021" in rules["apbd"]["regulation"]
    assert "27/2021" in rules["apbd"]["regulation"]
    assert "84/2022" in rules["apbd"]["regulation"]
    assert "Fatwa MUI 102/2025" in rules["zakat"]["regulation"]
    assert funding_rules()["dbh_sawit"].max_share == pytest.approx(0.2)


def test_the_text_fixes_apbd_money_and_the_readings_are_defaults_with_a_reason() -> None:
    (discount,) = rates().discounts
    fixed = {k for k, r in discount.readings.items() if r.fixed}
    assert fixed == {"apbd", "province", "dbh_sawit"}  # "melalui APBN atau APBD"
    assert discount.reading("apbdes") == "excluded"  # a reading: APB Desa is not APBD
    assert discount.reading("csr") == discount.reading("zakat") == "unconfirmed"
    assert discount.reading("apbd", {"apbd": "included"}) == "excluded"  # the text wins
    assert discount.reading("apbdes", {"apbdes": "included"}) == "included"


# --- the answer -----------------------------------------------------------------------------------


def test_the_json_carries_the_basis_and_the_readings_in_force() -> None:
    out = run(cited()).to_json("en")
    groups = {g["id"]: g for g in out["provenance"]["groups"]}
    assert groups["petani"]["basis"] == "Perbup Kutim 29/2024"
    assert groups["ojek"]["assumed"] is True
    assert groups["petani"]["assumed"] is False
    assert "PP 44/2015" in groups["petani"]["premium_basis"]
    assert "PP 50/2025" in groups["petani"]["premium_basis"]  # 2026: the discount's year
    sources = {s["id"]: s for s in out["provenance"]["sources"]}
    assert sources["apbd"]["basis"] == "DPA Disnakertrans 2026"
    assert "Inpres 2/2021" in sources["apbd"]["rule_basis"]
    readings = out["policy"]["discount_readings"]["pp_50_2025"]
    assert readings == {"apbd": "excluded", "province": "excluded", "dbh_sawit": "excluded",
                        "apbdes": "excluded", "csr": "unconfirmed", "zakat": "unconfirmed",
                        "other": "unconfirmed"}
    detail = out["provenance"]["discount_readings"]["pp_50_2025"]
    assert detail["apbd"]["fixed"]
    assert not detail["csr"]["fixed"]
    assert detail["csr"]["default"]


def test_a_chosen_reading_and_discounts_off_show_in_the_answer() -> None:
    chosen = validate_scenario({**cited().model_dump(mode="json"), "policy": {
        "discount_readings": {"csr": "included", "apbdes": "unconfirmed"}}})
    readings = run(chosen).to_json()["policy"]["discount_readings"]["pp_50_2025"]
    assert readings["csr"] == "included"
    assert readings["apbdes"] == "unconfirmed"
    off = validate_scenario({**cited().model_dump(mode="json"),
                             "policy": {"premium_discounts": False}})
    readings = run(off).to_json()["policy"]["discount_readings"]["pp_50_2025"]
    assert set(readings.values()) == {"excluded"}


@pytest.mark.parametrize(("lang", "words"), [("id", ("Dasar angka", "angka ilustratif",
                                                      "belum dipastikan (standar)")),
                                             ("en", ("Basis of the figures", "illustrative figure",
                                                     "not confirmed (default)"))])
def test_the_cli_prints_the_basis_and_marks_illustrative_figures(tmp_path, lang, words) -> None:
    path = tmp_path / "s.json"
    path.write_text(json.dumps(cited().model_dump(mode="json")), encoding="utf-8")
    out = CliRunner().invoke(app, ["solve", str(path), "--lang", lang]).stdout
    for word in words:
        assert word in out
    lines = out.splitlines()
    lines = lines[lines.index(words[0]):]  # the basis section
    ojek = next(line for line in lines if line.startswith("ojek "))
    assert words[1] in ojek  # the assumed group is the one marked
    petani = next(line for line in lines if line.startswith("petani "))
    assert "Perbup Kutim 29/2024" in petani
    assert words[1] not in petani
    assert any("PP 44/2015" in line for line in lines)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_excel_export_has_the_basis_columns_and_sheet(lang) -> None:
    result = run(cited())
    wb = openpyxl.load_workbook(io.BytesIO(export_plan(result, ExportMeta.for_result(result),
                                                       lang)))
    ws = wb[t("xl_sheet_by_group", lang)]
    header = [c.value for c in ws[1]]
    assert header[-3:] == [t(f"xl_col_{k}", lang) for k in ("basis", "assumed", "part_of")]
    rows = {r[0].value: r for r in ws.iter_rows(min_row=2)}
    assert rows["petani"][header.index(t("xl_col_basis", lang))].value == "Perbup Kutim 29/2024"
    assert rows["ojek"][header.index(t("xl_col_assumed", lang))].value == t("prov_assumed", lang)
    basis = [[c.value for c in row] for row in wb[t("xl_sheet_basis", lang)].iter_rows()]
    assert ["csr", t("prov_no_basis", lang), t("prov_assumed", lang)] in basis
    assert any(row[1] and "PP 50/2025" in str(row[1]) for row in basis)
    assert any(row[0] and "PP 50/2025" in str(row[0]) and "csr" not in str(row[0])
               for row in basis)


def test_the_template_keeps_every_new_field() -> None:
    s = validate_scenario({
        "name": "uji", "year": 2026,
        "groups": [{"id": "petani", "eligible": 10, "premium": BPU, "basis": "data 2025",
                    "assumed": True},
                   {"id": "mustahik", "eligible": 4, "premium": BPU, "part_of": "petani",
                    "tags": ["mustahik"]}],
        "sources": [{"id": "dbh", "kind": "dbh_sawit", "budget": 10, "allocation": 100,
                     "basis": "PMK 91/2023", "assumed": True}],
        "policy": {"discount_readings": {"apbdes": "included", "zakat": "excluded"}}})
    for lang in ("id", "en"):
        assert read_template(write_template(s, lang)) == s


# --- validation -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("change", "path", "words"), [
    ({"groups": [{"id": "a", "eligible": 1, "premium_monthly": 1, "part_of": "zz"}]},
     "groups[0].part_of", "no such worker group"),
    ({"groups": [{"id": "a", "eligible": 1, "premium_monthly": 1, "part_of": "a"}]},
     "groups[0].part_of", "cannot be part of itself"),
    ({"sources": [{"id": "s", "kind": "apbd", "budget": 1, "allocation": 5}]},
     "sources[0].allocation", "only for a source of kind: dbh_sawit"),
    ({"policy": {"discount_readings": {"apbd": "included"}}},
     "policy.discount_readings.apbd", "excluded by the text of PP 50/2025"),
    ({"policy": {"discount_readings": {"csr": "maybe"}}},
     "policy.discount_readings.csr", "excluded (no discount), unconfirmed"),
])
def test_a_wrong_new_field_names_the_field_and_the_fix(change, path, words) -> None:
    data = {"name": "x", "groups": [{"id": "a", "eligible": 1, "premium_monthly": 1}],
            "sources": [{"id": "s", "kind": "apbd", "budget": 1}], **change}
    with pytest.raises(ScenarioError) as err:
        validate_scenario(data)
    (problem,) = err.value.problems
    assert problem.path == path
    assert words in problem.message("en")
    assert problem.message("id") != problem.message("en")


# --- overlapping groups ---------------------------------------------------------------------------


def family(budget: int, regions: bool = False, **policy: Any):
    """Farmers, and mustahik farmers inside them, who zakat may pay for at the discount."""
    if regions:
        farmers: Any = {"a": 100, "b": 40}
        poor: Any = {"a": 30, "b": 40}
    else:
        farmers, poor = 100, 30
    return scenario(
        [{"id": "petani", "eligible": farmers, "premium": BPU},
         {"id": "mustahik", "eligible": poor, "premium": BPU, "tags": ["mustahik"],
          "part_of": "petani"}],
        [{"id": "apbd", "kind": "apbd", "budget": budget},
         {"id": "zakat", "kind": "zakat", "budget": 10**9}],
        regions=["a", "b"] if regions else None, **policy)


@pytest.mark.parametrize("regions", [False, True])
def test_a_subgroup_is_never_funded_on_top_of_its_parent(regions) -> None:
    s = family(10**12, regions)
    result = run(s)
    assert check_plan(s, result.solution.workers) == []
    funded = dict(zip(result.by_group["group"], result.by_group["funded"], strict=True))
    # money for everyone: the farmers' 100 + 40 are covered once, the poor among them by zakat
    # (the cheaper payer in 2026), never 100 + 40 + 30 + 40
    assert funded["petani"] + funded["mustahik"] == (140 if regions else 100)
    assert result.covered_workers == (140 if regions else 100)
    assert funded["mustahik"] == (70 if regions else 30)
    per_region = result.allocation.groupby(["region"])["workers"].sum().to_dict()
    if regions:
        assert per_region == {"a": 100, "b": 40}
        assert result.by_region.set_index("region").loc["a", "eligible"] == 100
    assert result.eligible_total == (140 if regions else 100)
    expected = optimum(s)
    assert expected is not None
    assert expected.covered == result.covered_workers
    assert expected.spend == result.total_cost


def test_without_part_of_the_same_people_would_be_counted_twice() -> None:
    """The check that a test of part_of relies on can fail: the plain scenario double-counts."""
    data = family(10**12).model_dump(mode="json")
    data["groups"][1]["part_of"] = None
    plain = validate_scenario(data)
    result = run(plain)
    assert result.covered_workers == 130
    assert check_plan(family(10**12), result.solution.workers) != []


def test_the_equity_floor_counts_a_subgroup_once() -> None:
    s = family(10**12, regions=True, min_region_share=0.5)
    inputs = run(s).inputs
    assert inputs.equity == {"a": 50, "b": 20}  # half of the farmers only: 100 and 40
