"""planner.cli: the `planner` command, driven as a user would (exit codes, words, JSON).

Expected plans are worked out by hand:

- SMALL: Rp1,008,000 of APBD at Rp201,600 a worker-year (16,800 x 12) pays for exactly 5 of the 10
  farmers; with a 50% global cut Rp504,000 pays for 2 (Rp403,200).
- MIXED (2026): the CSR pays for farmers at the PP 50/2025 price 3 x 16,800 + 9 x 8,400 = 126,000,
  so its Rp630,000 pays for 5; the APBD (no discount) must pay for all 4 village officials
  (4 x 201,600 = 806,400, a 100% mandate) and has 201,600 left for 1 more farmer: 10 workers,
  Rp1,638,000. With a 50% cut the APBD has Rp504,000 < 806,400: the mandate cannot be met.
- INFEASIBLE: 10 village officials must all be covered, only the APBD may pay for them and it holds
  Rp1,008,000 < 10 x 201,600.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planner.cli import app
from planner.engine.scenarios import list_examples

ROOT = Path(__file__).resolve().parent.parent

SMALL = """\
name: Uji kecil
year: 2025
groups:
  - id: petani
    name: Petani
    eligible: 10
    premium_monthly: 16800
sources:
  - id: apbd
    name: APBD Uji
    kind: apbd
    budget: 1008000
"""

MIXED = """\
name: Uji campuran
year: 2026
groups:
  - id: petani
    name: Petani
    eligible: 10
    covered_elsewhere: 2
    premium: {scheme: bpu, declared_income: 1000000}
    sector: other
  - id: perangkat
    name: Perangkat desa
    eligible: 4
    premium_monthly: 16800
    tags: [village_apparatus]
    min_share: 1.0
sources:
  - {id: apbd, name: APBD, kind: apbd, budget: 1008000}
  - {id: csr, name: CSR, kind: csr, budget: 630000, groups: [petani]}
"""

INFEASIBLE = """\
name: Uji tidak layak
year: 2025
groups:
  - {id: perangkat, eligible: 10, premium_monthly: 16800, min_share: 1.0}
  - {id: petani, eligible: 100, premium_monthly: 16800}
sources:
  - {id: apbd, kind: apbd, budget: 1008000, groups: [perangkat]}
  - {id: csr, kind: csr, budget: 100000000, groups: [petani]}
"""

REGIONS = """\
name: Uji wilayah
regions:
  - {id: sangatta_utara, name: Sangatta Utara}
  - {id: bengalon, name: Bengalon}
groups:
  - {id: petani, eligible: {sangatta_utara: 3, bengalon: 2}, premium_monthly: 16800}
sources:
  - {id: apbd, kind: apbd, budget: 2016000}
"""

INVALID = SMALL.replace("    budget: 1008000", "    budget: 1008000\n    cut: 1.4")

TAGGED = "name: !!python/object/apply:os.system ['touch {marker}']\n"

runner = CliRunner()


@pytest.fixture
def write(tmp_path):
    def _write(text: str, name: str = "skenario.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return _write


def invoke(*args: object):
    return runner.invoke(app, [str(a) for a in args])


def assert_no_traceback(result) -> None:
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception


def flat(text: str) -> str:
    """Text without the box that typer may draw round a usage error, on one line."""
    return " ".join(re.sub("[\u2500-\u257f]", " ", text).split())


def solve_json(*args: object) -> dict:
    result = invoke("solve", *args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# --- validate -----------------------------------------------------------------------------------


def test_validate_a_valid_file(write):
    path = write(SMALL)
    result = invoke("validate", path)
    assert result.exit_code == 0
    assert result.stdout == f"{path}: sah - 1 kelompok pekerja, 1 sumber dana, 0 wilayah\n"


def test_validate_a_valid_file_in_english(write):
    path = write(REGIONS)
    result = invoke("validate", path, "--lang", "en")
    assert result.exit_code == 0
    assert result.stdout == f"{path}: valid - 1 worker groups, 1 funding sources, 2 regions\n"


def test_validate_an_invalid_file_in_indonesian_by_default(write):
    path = write(INVALID)
    result = invoke("validate", path)
    assert result.exit_code == 2
    assert_no_traceback(result)
    assert result.stdout == ""
    assert result.stderr == (
        f"{path}: tidak sah, 1 masalah:\n"
        f"  {path}: sources[0].cut = 1.4: "
        "pemotongan adalah porsi dari 0 sampai 1 (40% ditulis 0.4)\n"
    )


def test_validate_an_invalid_file_in_english(write):
    path = write(INVALID)
    result = invoke("validate", path, "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr == (
        f"{path}: not valid, 1 problem(s):\n"
        f"  {path}: sources[0].cut = 1.4: a cut is a share from 0 to 1 (40% is 0.4)\n"
    )


def test_validate_lists_every_problem(write):
    text = INVALID.replace("eligible: 10", "eligible: -10").replace("name: Uji kecil\n", "")
    path = write(text)
    result = invoke("validate", path, "--lang", "en")
    assert result.exit_code == 2
    assert f"{path}: not valid, 3 problem(s):" in result.stderr
    for fragment in (
        f"{path}: name: this required field is missing",
        f"{path}: groups[0].eligible = -10: a head-count",
        f"{path}: sources[0].cut = 1.4: a cut is a share",
    ):
        assert fragment in result.stderr


@pytest.mark.parametrize("command", ["validate", "solve"])
def test_missing_file_exits_2_without_a_traceback(tmp_path, command):
    path = tmp_path / "tidak_ada.yaml"
    result = invoke(command, path)
    assert result.exit_code == 2
    assert_no_traceback(result)
    assert f"{path}: (file): berkas tidak ditemukan; periksa nama dan foldernya" in result.stderr


@pytest.mark.parametrize("command", ["validate", "solve"])
def test_yaml_tag_exits_2_and_runs_nothing(write, tmp_path, command):
    marker = tmp_path / "pwned"
    path = write(TAGGED.format(marker=marker))
    result = invoke(command, path, "--lang", "en")
    assert result.exit_code == 2
    assert_no_traceback(result)
    assert not marker.exists()
    assert result.stdout == ""
    assert result.stderr == (
        f"{path}: not valid, 1 problem(s):\n"
        f"  {path}: (file): YAML tags (!!python/object/apply:os.system) are not allowed in a "
        "scenario file; remove the tag\n"
    )


@pytest.mark.parametrize("command", ["validate", "solve"])
def test_yaml_tag_is_worded_in_indonesian_by_default(write, tmp_path, command):
    marker = tmp_path / "pwned"
    path = write(TAGGED.format(marker=marker))
    result = invoke(command, path)
    assert result.exit_code == 2
    assert_no_traceback(result)
    assert not marker.exists()
    assert (
        f"  {path}: (file): tag YAML (!!python/object/apply:os.system) tidak diizinkan di berkas "
        "skenario; hapus tag itu\n"
    ) in result.stderr


@pytest.mark.parametrize("command", ["validate", "solve"])
def test_unknown_language_is_rejected(write, command):
    result = invoke(command, write(SMALL), "--lang", "fr")
    assert result.exit_code == 2
    assert_no_traceback(result)
    assert result.stdout == ""
    assert "--lang must be one of id, en" in flat(result.stderr)


# --- solve --------------------------------------------------------------------------------------


def test_solve_prints_status_and_headline(write):
    result = invoke("solve", write(SMALL))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:3] == [
        "Uji kecil (2025)",
        "Status: optimal",
        "Pekerja dibiayai: 5 (batas atas 5); belanja Rp1,01 juta (Rp1.008.000); sisa dana Rp0",
    ]
    assert "Per kelompok pekerja" in lines
    assert "Per sumber dana" in lines
    assert "Alokasi (kelompok x sumber)" in lines
    assert any(line.startswith("Petani") and "50,0%" in line for line in lines)


def test_solve_in_english_uses_english_words(write):
    path = write(SMALL)
    en = invoke("solve", path, "--lang", "en")
    default = invoke("solve", path)
    assert en.exit_code == default.exit_code == 0
    assert en.stdout.splitlines()[2] == (
        "Workers funded: 5 (upper bound 5); spend Rp1.01 million (Rp1,008,000); money left Rp0"
    )
    assert "By worker group" in en.stdout
    assert "Per kelompok pekerja" not in en.stdout
    assert "Workers funded" not in default.stdout
    assert "Pekerja dibiayai" in default.stdout


def test_solve_with_regions_shows_the_regions(write):
    result = invoke("solve", write(REGIONS), "--lang", "en")
    assert result.exit_code == 0
    assert "By region" in result.stdout
    assert "Sangatta Utara" in result.stdout
    assert "Workers funded: 5 (upper bound 5)" in result.stdout


def test_solve_json_small(write):
    data = solve_json(write(SMALL))
    assert data["status"] == "optimal"
    assert (data["covered_workers"], data["bound_covered"], data["total_cost"]) == (5, 5, 1_008_000)
    assert data["groups"] == [
        {
            "id": "petani",
            "eligible": 10,
            "covered_elsewhere": 0,
            "funded": 5,
            "covered": 5,
            "share": 0.5,
        }
    ]
    assert data["sources"] == [
        {"id": "apbd", "available": 1_008_000, "spent": 1_008_000, "unspent": 0, "spare": 0,
         "spare_lp": 0}
    ]
    assert data["regions"] == [
        {
            "id": "all",
            "eligible": 10,
            "covered_elsewhere": 0,
            "funded": 5,
            "covered": 5,
            "share": 0.5,
        }
    ]
    assert data["allocation"] == [
        {"group": "petani", "region": "all", "source": "apbd", "workers": 5, "cost": 1_008_000}
    ]
    assert data["diagnosis"] == []
    assert data["warnings"] == []


def test_solve_json_has_the_keys_of_model_md(write):
    data = solve_json(write(MIXED))
    assert {
        "status",
        "covered_workers",
        "bound_covered",
        "total_cost",
        "groups",
        "sources",
        "regions",
        "allocation",
        "shadow_prices",
        "diagnosis",
        "warnings",
    } <= data.keys()
    for family in ("groups", "regions"):
        for row in data[family]:
            assert {"id", "eligible", "covered_elsewhere", "funded", "covered", "share"} <= (
                row.keys()
            )
            assert not {"group", "region"} & row.keys()
    for row in data["sources"]:
        assert {"id", "available", "spent", "unspent"} <= row.keys()
        assert "source" not in row
    for row in data["allocation"]:
        assert {"group", "region", "source", "workers", "cost"} <= row.keys()
    assert isinstance(data["shadow_prices"], dict)
    assert isinstance(data["diagnosis"], list)
    assert isinstance(data["warnings"], list)


def test_solve_json_mixed_plan_worked_by_hand(write):
    data = solve_json(write(MIXED))
    assert data["status"] == "optimal"
    assert (data["covered_workers"], data["bound_covered"], data["total_cost"]) == (
        10,
        10,
        1_638_000,
    )
    assert data["groups"] == [
        {
            "id": "petani",
            "eligible": 10,
            "covered_elsewhere": 2,
            "funded": 6,
            "covered": 8,
            "share": 0.8,
        },
        {
            "id": "perangkat",
            "eligible": 4,
            "covered_elsewhere": 0,
            "funded": 4,
            "covered": 4,
            "share": 1.0,
        },
    ]
    assert data["sources"] == [
        {"id": "apbd", "available": 1_008_000, "spent": 1_008_000, "unspent": 0, "spare": 0,
         "spare_lp": 0},
        {"id": "csr", "available": 630_000, "spent": 630_000, "unspent": 0, "spare": 0,
         "spare_lp": 0},
    ]
    assert data["allocation"] == [
        {"group": "perangkat", "region": "all", "source": "apbd", "workers": 4, "cost": 806_400},
        {"group": "petani", "region": "all", "source": "apbd", "workers": 1, "cost": 201_600},
        {"group": "petani", "region": "all", "source": "csr", "workers": 5, "cost": 630_000},
    ]


def test_solve_json_with_regions(write):
    data = solve_json(write(REGIONS))
    assert (data["covered_workers"], data["total_cost"]) == (5, 1_008_000)
    assert data["regions"] == [
        {
            "id": "sangatta_utara",
            "eligible": 3,
            "covered_elsewhere": 0,
            "funded": 3,
            "covered": 3,
            "share": 1.0,
        },
        {
            "id": "bengalon",
            "eligible": 2,
            "covered_elsewhere": 0,
            "funded": 2,
            "covered": 2,
            "share": 1.0,
        },
    ]
    assert data["sources"] == [
        {"id": "apbd", "available": 2_016_000, "spent": 1_008_000, "unspent": 1_008_000,
         "spare": 1_008_000, "spare_lp": 1_008_000}
    ]
    assert data["allocation"] == [
        {"group": "petani", "region": "bengalon", "source": "apbd", "workers": 2, "cost": 403_200},
        {
            "group": "petani",
            "region": "sangatta_utara",
            "source": "apbd",
            "workers": 3,
            "cost": 604_800,
        },
    ]


def test_solve_json_totals_add_up(write):
    data = solve_json(write(MIXED))
    assert data["covered_workers"] == sum(g["funded"] for g in data["groups"])
    assert data["covered_workers"] == sum(a["workers"] for a in data["allocation"])
    assert data["total_cost"] == sum(a["cost"] for a in data["allocation"])
    assert data["total_cost"] == sum(s["spent"] for s in data["sources"])
    for s in data["sources"]:
        assert s["spent"] + s["unspent"] == s["available"]


def test_solve_json_field_names_stay_english(write):
    path = write(INFEASIBLE)
    id_data = solve_json(path)
    en_data = solve_json(path, "--lang", "en")
    assert id_data.keys() == en_data.keys()
    assert [d["code"] for d in id_data["diagnosis"]] == [d["code"] for d in en_data["diagnosis"]]
    assert id_data["diagnosis"][0]["message"] != en_data["diagnosis"][0]["message"]


def test_cut_reduces_the_workers_covered(write):
    path = write(SMALL)
    full = solve_json(path, "--cut", "0")
    halved = solve_json(path, "--cut", "0.5")
    assert (full["covered_workers"], full["total_cost"]) == (5, 1_008_000)
    assert (halved["covered_workers"], halved["total_cost"]) == (2, 403_200)
    assert halved["sources"][0]["available"] == 504_000
    assert halved["sources"][0]["unspent"] == 100_800
    assert halved["covered_workers"] < full["covered_workers"]


def test_cut_can_make_a_mandate_impossible(write):
    data = solve_json(write(MIXED), "--cut", "0.5")
    assert data["status"] == "infeasible"
    assert data["diagnosis"]


@pytest.mark.parametrize("cut", ["1.5", "-0.1"])
def test_cut_outside_0_to_1_is_rejected(write, cut):
    result = invoke("solve", write(SMALL), "--cut", cut)
    assert result.exit_code == 2
    assert_no_traceback(result)
    assert result.stdout == ""
    assert "--cut" in result.stderr
    assert "pemotongan adalah porsi dari 0 sampai 1 (40% ditulis 0.4)" in flat(result.stderr)


def test_infeasible_scenario_is_an_answer(write):
    data = solve_json(write(INFEASIBLE), "--lang", "en")
    assert data["status"] == "infeasible"
    assert data["covered_workers"] == 0
    assert data["diagnosis"]
    assert data["diagnosis"][0]["code"] == "infeasible"
    assert data["diagnosis"][0]["message"].startswith("this scenario is infeasible")


def test_infeasible_scenario_in_text(write):
    path = write(INFEASIBLE)
    result = invoke("solve", path)
    assert result.exit_code == 0
    assert_no_traceback(result)
    assert "Status: tidak layak" in result.stdout
    assert "Diagnosis" in result.stdout
    assert "skenario ini tidak layak" in result.stdout
    en = invoke("solve", path, "--lang", "en")
    assert "Status: infeasible" in en.stdout


def test_solve_an_invalid_file_exits_2(write):
    path = write(INVALID)
    result = invoke("solve", path, "--json", "--lang", "en")
    assert result.exit_code == 2
    assert_no_traceback(result)
    assert result.stdout == ""
    assert f"{path}: sources[0].cut = 1.4: a cut is a share from 0 to 1" in result.stderr


@pytest.mark.parametrize("path", list_examples(), ids=lambda p: p.name)
def test_solve_json_on_each_example(path):
    data = solve_json(path)
    assert data["status"] == "optimal"
    assert data["covered_workers"] == sum(g["funded"] for g in data["groups"])
    assert data["covered_workers"] == sum(a["workers"] for a in data["allocation"])
    assert data["total_cost"] == sum(a["cost"] for a in data["allocation"])
    assert data["covered_workers"] <= data["bound_covered"]


# --- as a separate process ----------------------------------------------------------------------


def run_module(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "planner.cli", *(str(a) for a in args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )


def test_module_prints_only_json_on_stdout(write):
    proc = run_module("solve", write(MIXED), "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert (data["covered_workers"], data["total_cost"]) == (10, 1_638_000)


def test_module_reports_a_missing_file_without_a_traceback(tmp_path):
    path = tmp_path / "tidak_ada.yaml"
    proc = run_module("validate", path, "--lang", "en")
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    assert f"{path}: (file): file not found; check its name and folder" in proc.stderr


# --- who loses cover: changes, spare money, the relaxed plan -------------------------------------

POLICY = """
name: Siapa kehilangan perlindungan
groups:
  - {id: umkm, name: Pekerja UMKM, eligible: 10, premium_monthly: 16800, priority: 2}
  - {id: ojek, name: Pengemudi ojek, eligible: 10, premium_monthly: 16800}
  - {id: desa, name: Aparatur desa, eligible: 4, premium_monthly: 16800, min_share: 1.0}
sources:
  - {id: apbd, kind: apbd, budget: 4838400}
"""


def test_solve_cut_json_says_what_the_cut_costs_group_by_group(write):
    data = solve_json(write(POLICY), "--cut", "0.25")
    assert data["status"] == "optimal"
    changes = {c["id"]: c for c in data["changes"]["groups"]}
    assert changes["umkm"] == {"id": "umkm", "before": 10, "after": 4, "change": -6}
    assert changes["ojek"]["change"] == changes["desa"]["change"] == 0
    assert data["changes"]["sources"] == [
        {"id": "apbd", "before": 4_838_400, "after": 3_628_800, "change": -1_209_600}]
    assert data["changes"]["covered"] == {"before": 24, "after": 18, "change": -6}
    assert data["explanations"][0]["code"] == "cut_cost"
    assert data["sources"][0]["spare"] == data["sources"][0]["unspent"] == 0


@pytest.mark.parametrize(("lang", "words"), [
    ("id", ["Perubahan", "Bisa dipotong", "pemotongan 25,0% mengurangi 6 pekerja: Pekerja UMKM 6",
            "kehilangan perlindungan karena prioritasnya 2"]),
    ("en", ["Change", "Spare", "a cut of 25.0% removes 6 workers: Pekerja UMKM 6",
            "loses cover because its priority is 2"]),
])
def test_solve_text_shows_changes_spare_and_priorities(write, lang, words):
    result = invoke("solve", write(POLICY), "--cut", "0.25", "--lang", lang)
    assert result.exit_code == 0, result.output
    for w in words:
        assert w in result.stdout


@pytest.mark.parametrize(("lang", "title", "floor"), [
    ("id", "Rencana terdekat (TIDAK memenuhi mandat di bawah; kurang 2 pekerja)", "Aparatur desa"),
    ("en", "Nearest plan (does NOT meet the mandates below; 2 workers short)", "Aparatur desa"),
])
def test_an_infeasible_cut_prints_the_nearest_plan_and_its_shortfalls(write, lang, title, floor):
    result = invoke("solve", write(POLICY), "--cut", "0.9", "--lang", lang)
    assert result.exit_code == 0, result.output
    assert title in result.stdout
    assert floor in result.stdout.split(title)[1]
    data = solve_json(write(POLICY), "--cut", "0.9", "--lang", lang)
    assert data["status"] == "infeasible"
    assert data["covered_workers"] == 0
    assert data["relaxed"]["covered_workers"] == 2
    assert data["relaxed"]["shortfalls"] == [
        {"group": "desa", "region": "all", "workers": 2, "cost": 403_200}]
    assert data["relaxed"]["shortfall_bound"] == 2


@pytest.mark.parametrize(("lang", "words"), [
    ("en", "no solver 'gurobi'; choose one of: highs, cbc"),
    ("id", "pemecah 'gurobi' tidak dikenal"),
])
def test_an_unknown_solver_is_a_usage_error_in_the_chosen_language(lang, words):
    result = invoke("solve", "scenarios/kutim-2025.yaml", "--solver", "gurobi", "--lang", lang)
    assert result.exit_code == 2
    assert words in flat(result.output)
