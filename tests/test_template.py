"""planner.store.template: the Excel scenario template, written and read back.

Cells named below are those of the Kutai Timur 2025 template (scenarios/templates/kutim-2025.xlsx):
'Sumber dana' lists apbd (row 2), apbdes (3), csr_tambang (4), csr_sawit (5) in columns
A id, B name, C kind, D budget, E cut, F protected, G groups, H regions; 'Kelompok pekerja' lists
petani (row 2) ... aparatur_desa (row 11) with E premium_monthly, F scheme, K months, L start
month, P min_share; 'Kebijakan' rows 2..7 hold objective, global_cut, target_covered,
min_region_share, funding_rules, premium_discounts in column B.
"""

from __future__ import annotations

import io
import zipfile
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import MergedCell

from planner.engine.scenarios import list_examples, load_scenario
from planner.engine.schema import Scenario
from planner.errors import ScenarioError
from planner.store import template
from planner.store.template import (
    MAX_BYTES,
    MAX_ROWS,
    TEMPLATE_FILES,
    generate_templates,
    read_template,
    write_template,
)

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "scenarios" / "templates"
KUTIM = ROOT / "scenarios" / "kutim-2025.yaml"
KALTIM = ROOT / "scenarios" / "kaltim-regions.yaml"


@pytest.fixture(scope="module")
def kutim() -> Scenario:
    return load_scenario(KUTIM)


@pytest.fixture(scope="module")
def kutim_xlsx(kutim) -> bytes:
    return write_template(kutim)


@pytest.fixture(scope="module")
def kaltim_xlsx() -> bytes:
    return write_template(load_scenario(KALTIM))


def edit(data: bytes, *changes: tuple[str, str, object]) -> bytes:
    """Set cells (sheet, cell, value) in a workbook and return its bytes."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    for sheet, cell, value in changes:
        wb[sheet][cell] = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def problems(data: bytes, file: str = "upload.xlsx") -> dict[str, object]:
    """Read ``data`` expecting a ScenarioError; return its problems by path."""
    with pytest.raises(ScenarioError) as info:
        read_template(data, file)
    err = info.value
    assert err.file == file
    for lang in ("id", "en"):  # every message renders in both languages, naming the file
        for line in err.render(lang).splitlines():
            assert line.startswith(f"{file}: ")
            assert "{" not in line.partition(": ")[2].partition(" = ")[0]
    return {p.path: p for p in err.problems}


# --- round trips --------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("path", list_examples(), ids=lambda p: p.stem)
def test_every_example_reads_back_equal(path, lang):
    scenario = load_scenario(path)
    assert read_template(write_template(scenario, lang)) == scenario


def test_a_re_plan_reads_back_equal_with_enrolled_per_region():
    scenario = load_scenario(KALTIM)
    data = scenario.model_dump(mode="json")
    data["policy"]["from_month"] = 10
    data["groups"][0]["enrolled"] = {r.id: 100 + i for i, r in enumerate(scenario.regions)}
    data["groups"][0]["new_limit"] = 500
    data["sources"][0]["spent_to_date"] = 1_000_000
    replan = Scenario.model_validate(data)
    again = read_template(write_template(replan))
    assert again == replan
    assert again.groups[0].enrolled == data["groups"][0]["enrolled"]


def test_a_scenario_with_every_kind_of_field_reads_back_equal(kutim):
    groups = (
        kutim.groups[0].model_copy(update={"premium": None, "premium_monthly": 16800,
                                           "name": "=1+1", "weight": 2.5, "tags": ("a", "b_2"),
                                           "max_share": 0.8, "min_share": 0.125,
                                           "priority": 3}),
        *kutim.groups[1:],
    )
    policy = kutim.policy.model_copy(update={"objective": "min_cost", "target_covered": 1000,
                                             "premium_discounts": False, "global_cut": 0.2949,
                                             "sharing": "equal_share",
                                             "spend_order": ("apbd", "csr_tambang", "zakat")})
    scenario = kutim.model_copy(update={"groups": groups, "policy": policy, "description": ""})
    again = read_template(write_template(scenario))
    assert again == Scenario.model_validate(scenario.model_dump())
    assert again.groups[0].name == "=1+1"  # written as text, never as a formula


def test_headers_and_sheet_names_may_be_english_or_raw_keys(kutim, kutim_xlsx):
    wb = openpyxl.load_workbook(io.BytesIO(kutim_xlsx))
    wb["Sumber dana"].title = "sources"
    wb["Kelompok pekerja"].title = "Worker Groups"  # case and spaces do not matter
    for cell in wb["sources"][1]:
        cell.value = {"ID sumber": "id", "Anggaran (Rp)": "budget", "Jenis": " KIND ",
                      "Dilindungi": "Protected"}.get(cell.value, cell.value)
    out = io.BytesIO()
    wb.save(out)
    assert read_template(out.getvalue()) == kutim


def test_cells_typed_by_hand_are_read_as_people_mean_them(kutim, kutim_xlsx):
    data = edit(kutim_xlsx,
                ("Kelompok pekerja", "C2", "42000"),  # a number stored as text
                ("Kelompok pekerja", "D2", 0.0),  # a float that is whole
                ("Sumber dana", "E4", "20%"),
                ("Sumber dana", "F4", "YA"),
                ("Sumber dana", "G5", "petani"),
                ("Sumber dana", "G2", "Semua"),
                ("Kebijakan", "B2", "MAX_COVERED"))
    got = read_template(data)
    assert got.sources[2].cut == pytest.approx(0.2)
    assert got.sources[2].protected is True
    assert got.sources[3].groups == ("petani",)
    assert got.groups[0].eligible == 42000
    assert got == kutim.model_copy(update={"sources": (
        *kutim.sources[:2],
        kutim.sources[2].model_copy(update={"cut": got.sources[2].cut, "protected": True}),
        kutim.sources[3])})


def test_regions_are_entered_as_one_row_per_group_and_region():
    scenario = load_scenario(KALTIM)
    wb = openpyxl.load_workbook(io.BytesIO(write_template(scenario)))
    rows = list(wb["Pekerja per wilayah"].iter_rows(min_row=2, values_only=True))
    assert rows[0] == ("rentan_informal", "kukar", 80000, 0, None)  # no enrolled: empty
    assert ("rentan_informal", "berau", 58000, 7115, None) in rows
    assert ("buruh_harian", "kukar", 5454, None, None) in rows  # covered_elsewhere left at 0
    assert len(rows) == len(scenario.groups) * len(scenario.regions)
    assert [c.value for c in wb["Kelompok pekerja"]["C"][1:]] == [None] * 4  # not on this sheet


# --- the committed templates --------------------------------------------------------------------


def cell_values(data: bytes) -> dict[str, list[list[object]]]:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    return {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in wb}


def test_the_committed_templates_are_what_the_generator_makes(tmp_path):
    written = generate_templates(tmp_path)
    assert sorted(p.name for p in written) == sorted(TEMPLATE_FILES)
    for path in written:
        committed = TEMPLATES / path.name
        assert committed.exists(), f"run python -m planner.store.template {TEMPLATES}"
        assert cell_values(committed.read_bytes()) == cell_values(path.read_bytes()), (
            f"{committed.name} is stale: run python -m planner.store.template scenarios/templates")
        assert committed.stat().st_size < 40_000


def test_the_committed_kutim_template_reads_back_to_the_yaml_scenario(kutim):
    assert read_template((TEMPLATES / "kutim-2025.xlsx").read_bytes()) == kutim


def test_the_blank_template_asks_for_a_name_a_group_and_a_source():
    found = problems((TEMPLATES / "template-kosong.xlsx").read_bytes(), "template-kosong.xlsx")
    assert {p.key for p in found.values()} == {"tpl_required_empty", "tpl_need_groups",
                                                "tpl_need_sources"}
    assert set(found) == {"Skenario!B2 (name)", "Kelompok pekerja!A2 (groups)",
                          "Sumber dana!A2 (sources)"}
    assert "minimal satu kelompok" in found["Kelompok pekerja!A2 (groups)"].message("id")
    assert "at least one funding source" in found["Sumber dana!A2 (sources)"].message("en")


def test_the_template_explains_every_column_and_offers_drop_downs(kutim_xlsx):
    wb = openpyxl.load_workbook(io.BytesIO(kutim_xlsx))
    assert wb.sheetnames[0] == "Petunjuk"
    keys = [row[3] for row in wb["Petunjuk"].iter_rows(min_row=6, values_only=True)]
    assert {"eligible", "budget", "premium.scheme", "kind", "objective"} <= set(keys)
    lists = {str(dv.sqref): dv.formula1 for dv in wb["Sumber dana"].data_validations.dataValidation}
    assert lists[f"C2:C{MAX_ROWS + 1}"] == '"apbd,apbdes,dbh_sawit,csr,zakat,province,other"'
    assert lists[f"F2:F{MAX_ROWS + 1}"] == '"ya,tidak"'
    policy = {str(dv.sqref): dv.formula1 for dv in wb["Kebijakan"].data_validations.dataValidation}
    assert policy["B2"] == '"max_covered,max_worker_months,min_cost"'
    groups = wb["Kelompok pekerja"]
    assert groups.freeze_panes == "B2"
    assert groups["A1"].font.b
    assert wb["Sumber dana"]["D2"].number_format == '"Rp"#,##0'


# --- problems, each at its sheet, row and column ------------------------------------------------


def test_text_where_a_number_belongs_names_the_cell_and_value(kutim_xlsx):
    found = problems(edit(kutim_xlsx, ("Sumber dana", "D4", "1,2 miliar")))
    problem = found["Sumber dana!D4 (budget)"]
    assert problem.key == "tpl_not_number"
    assert problem.value == "1,2 miliar"
    assert len(found) == 1  # the schema's 'missing budget' is the same cell, said once
    text = ScenarioError([problem], "x.xlsx").render("en")
    assert text.startswith("x.xlsx: Sumber dana!D4 (budget) = '1,2 miliar': this cell must hold")


@pytest.mark.parametrize(("cell", "value", "path", "key"), [
    ("Kelompok pekerja!K11", 2.5, "Kelompok pekerja!K11 (months)", "tpl_not_whole"),
    ("Sumber dana!E2", "sepertiga", "Sumber dana!E2 (cut)", "tpl_not_share"),
    ("Sumber dana!F3", "mungkin", "Sumber dana!F3 (protected)", "tpl_not_bool"),
    ("Kebijakan!B3", True, "Kebijakan!B3 (global_cut)", "tpl_not_share"),
    ("Skenario!B3", "dua ribu", "Skenario!B3 (year)", "tpl_not_number"),
])
def test_a_cell_of_the_wrong_type(kutim_xlsx, cell, value, path, key):
    sheet, ref = cell.split("!")
    found = problems(edit(kutim_xlsx, (sheet, ref, value)))
    assert found[path].key == key
    assert found[path].value == value


@pytest.mark.parametrize(("cell", "path"), [
    ("Sumber dana!C3", "Sumber dana!C3 (kind)"),
    ("Sumber dana!D5", "Sumber dana!D5 (budget)"),
    ("Kelompok pekerja!A4", "Kelompok pekerja!A4 (id)"),
    ("Skenario!B2", "Skenario!B2 (name)"),
])
def test_an_empty_required_cell(kutim_xlsx, cell, path):
    sheet, ref = cell.split("!")
    found = problems(edit(kutim_xlsx, (sheet, ref, None)))
    assert list(found) == [path]
    assert found[path].key == "tpl_required_empty"


def test_an_unknown_column_header(kutim_xlsx):
    found = problems(edit(kutim_xlsx, ("Kelompok pekerja", "M1", "Sektor usaha")))
    assert found["Kelompok pekerja!M1"].key == "tpl_unknown_header"
    assert found["Kelompok pekerja!M1"].value == "Sektor usaha"
    assert "sector" in found["Kelompok pekerja!M1"].message("en")


def test_a_missing_required_column_is_named_once(kutim_xlsx):
    found = problems(edit(kutim_xlsx, ("Sumber dana", "D1", None)))
    assert found["Sumber dana!1:1 (budget)"].key == "tpl_missing_column"
    assert found["Sumber dana!D2"].key == "tpl_no_header"  # its figures sit under no header


def test_a_missing_sheet(kutim_xlsx):
    wb = openpyxl.load_workbook(io.BytesIO(kutim_xlsx))
    del wb["Sumber dana"]
    out = io.BytesIO()
    wb.save(out)
    found = problems(out.getvalue())
    assert found["Sumber dana"].key == "tpl_missing_sheet"
    assert "Kelompok pekerja" in found["Sumber dana"].message("id")  # the sheets it did find


@pytest.mark.parametrize("data", [
    b"name: Kutai Timur\ngroups: []\n",
    b"PK\x03\x04 truncated",
    b"",
], ids=["yaml", "broken-zip", "empty"])
def test_a_file_that_is_not_an_xlsx(data):
    found = problems(data, "rencana.xlsx")
    assert found[""].key == "tpl_not_xlsx"
    assert "Excel Workbook (*.xlsx)" in found[""].message("en")


def test_a_zip_that_is_not_a_workbook():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert problems(buffer.getvalue())[""].key == "tpl_not_xlsx"


def test_a_file_over_10_mb_is_refused_before_it_is_parsed(monkeypatch):
    def must_not_parse(*args, **kwargs):
        raise AssertionError("parsed a file that is too large")

    monkeypatch.setattr(template, "load_workbook", must_not_parse)
    monkeypatch.setattr(zipfile, "ZipFile", must_not_parse)
    found = problems(b"PK\x03\x04" + b"\0" * MAX_BYTES)
    assert found[""].key == "tpl_too_large"
    assert MAX_BYTES == 10 * 1024 * 1024


def test_a_workbook_that_unpacks_too_large_is_refused(monkeypatch, kutim_xlsx):
    monkeypatch.setattr(template, "MAX_UNPACKED", 50_000)
    assert problems(kutim_xlsx)[""].key == "tpl_too_large"


def test_an_unknown_group_referenced_by_a_source(kutim_xlsx):
    found = problems(edit(kutim_xlsx, ("Sumber dana", "G4", "buruh_harian, pedagangg")))
    problem = found["Sumber dana!G4 (groups)"]
    assert problem.key == "unknown_group"
    assert problem.value == "pedagangg"
    assert "pedagang" in problem.message("en")  # the known groups


def test_more_rows_than_allowed(kutim_xlsx):
    wb = openpyxl.load_workbook(io.BytesIO(kutim_xlsx))
    ws = wb["Kelompok pekerja"]
    for i in range(MAX_ROWS):
        ws.append([f"g{i}"])
    out = io.BytesIO()
    wb.save(out)
    found = problems(out.getvalue())
    assert found["Kelompok pekerja"].key == "tpl_too_many_rows"
    assert "5000" in found["Kelompok pekerja"].message("en")


@pytest.mark.parametrize(("changes", "path", "key"), [
    ([("Kelompok pekerja", "K2", 13)], "Kelompok pekerja!K2 (months)", "months_range"),
    ([("Kelompok pekerja", "L10", 11)], "Kelompok pekerja!K10 (months)",
     "group_months_past_december"),
    ([("Kelompok pekerja", "C3", -5)], "Kelompok pekerja!C3 (eligible)", "headcount_field"),
    ([("Kelompok pekerja", "A4", "petani")], "Kelompok pekerja!A4 (id)", "duplicate_id"),
    ([("Kelompok pekerja", "A5", "Ojek")], "Kelompok pekerja!A5 (id)", "bad_id"),
    ([("Kelompok pekerja", "E2", 16800)], "Kelompok pekerja!E2 (premium_monthly)",
     "group_one_premium"),
    ([("Kelompok pekerja", "G3", None)], "Kelompok pekerja!G3 (premium.declared_income)",
     "premium_bpu_needs_income"),
    ([("Kelompok pekerja", "F4", "bpjs")], "Kelompok pekerja!F4 (premium.scheme)", "bad_scheme"),
    ([("Kelompok pekerja", "P11", 1.2)], "Kelompok pekerja!P11 (min_share)", "share_field"),
    ([("Sumber dana", "E3", 1.4)], "Sumber dana!E3 (cut)", "share_cut"),
    ([("Sumber dana", "C5", "bumn")], "Sumber dana!C5 (kind)", "bad_kind"),
    ([("Kebijakan", "B2", "min_cost")], "Kebijakan!B4 (target_covered)",
     "min_cost_needs_target"),
    ([("Skenario", "B3", 1990)], "Skenario!B3 (year)", "bad_year"),
])
def test_schema_problems_are_reported_at_their_cell(kutim_xlsx, changes, path, key):
    found = problems(edit(kutim_xlsx, *changes))
    assert path in found, list(found)
    assert found[path].key == key


def test_several_problems_are_reported_at_once(kutim_xlsx):
    found = problems(edit(kutim_xlsx, ("Sumber dana", "D2", "banyak"), ("Sumber dana", "E3", 2),
                          ("Kelompok pekerja", "K2", 0)))
    assert set(found) == {"Sumber dana!D2 (budget)", "Sumber dana!E3 (cut)",
                          "Kelompok pekerja!K2 (months)"}


def test_per_region_problems_point_at_the_region_sheet(kaltim_xlsx):
    sheet = "Pekerja per wilayah"
    # row 2 is rentan_informal in kukar; row 8 buruh_harian in kukar
    found = problems(edit(kaltim_xlsx, (sheet, "B2", "kukarr")))
    assert found[f"{sheet}!B2 (region)"].key == "unknown_region"
    found = problems(edit(kaltim_xlsx, (sheet, "C3", -1)))
    assert found[f"{sheet}!C3 (eligible)"].key == "headcount_field"
    found = problems(edit(kaltim_xlsx, (sheet, "A8", "buruh")))
    assert found[f"{sheet}!A8 (group)"].key == "tpl_unknown_group"
    found = problems(edit(kaltim_xlsx, (sheet, "B3", "kukar")))
    assert found[f"{sheet}!B3 (region)"].key == "tpl_duplicate_row"
    found = problems(edit(kaltim_xlsx, ("Kelompok pekerja", "C2", 100)))
    assert found["Kelompok pekerja!C2 (eligible)"].key == "tpl_both_headcounts"


def test_a_region_missing_from_a_group_is_named(kaltim_xlsx):
    wb = openpyxl.load_workbook(io.BytesIO(kaltim_xlsx))
    wb["Pekerja per wilayah"].delete_rows(3)  # rentan_informal in bontang
    out = io.BytesIO()
    wb.save(out)
    found = problems(out.getvalue())
    problem = found["Pekerja per wilayah!C2 (eligible)"]
    assert problem.key == "eligible_missing_regions"
    assert problem.params["missing"] == "bontang"


def test_regions_without_a_regions_sheet_row_are_caught(kaltim_xlsx):
    wb = openpyxl.load_workbook(io.BytesIO(kaltim_xlsx))
    wb["Wilayah"].delete_rows(2, 10)
    out = io.BytesIO()
    wb.save(out)
    found = problems(out.getvalue())
    assert {p.key for p in found.values()} >= {"per_region_without_regions", "unknown_region"}
    assert all(path.startswith(("Pekerja per wilayah!", "Sumber dana!")) for path in found)


# --- random corruption --------------------------------------------------------------------------

_VALUES = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12),
    st.integers(-10**9, -1),
    st.sampled_from([10**9, 10**16 + 1, 10**20, 2**63, 1e300, 0.5, 1.5, -0.0]),
    st.none(),
    st.just(""),
    st.booleans(),
)


def read_or_error(data: bytes) -> Scenario | ScenarioError:
    """Read a workbook; return the ScenarioError instead of raising it (any other escapes)."""
    try:
        return read_template(data, "acak.xlsx")
    except ScenarioError as exc:
        return exc


def test_random_cell_corruption_gives_a_scenario_or_a_scenario_error(kutim):
    """Put text, negative, huge or empty values into random cells of the kutim template."""
    wb = openpyxl.load_workbook(TEMPLATES / "kutim-2025.xlsx")
    titles = wb.sheetnames
    data_sheets = [title for title in titles if title != "Petunjuk"]  # instructions are not read
    sizes = {ws.title: (ws.max_row + 1, ws.max_column + 1) for ws in wb}
    counts: Counter[str] = Counter()

    @settings(max_examples=200, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow])
    @given(data=st.data())
    def corrupt(data: st.DataObject) -> None:
        title = data.draw(st.sampled_from(data_sheets))
        rows, cols = sizes[title]
        cells = data.draw(st.lists(st.tuples(st.integers(1, rows), st.integers(1, cols)),
                                   min_size=1, max_size=3, unique=True))
        ws = wb[title]
        assume(not any(isinstance(ws.cell(r, c), MergedCell) for r, c in cells))
        before = {(r, c): ws.cell(r, c).value for r, c in cells}
        try:
            for r, c in cells:
                ws.cell(r, c).value = data.draw(_VALUES)
            out = io.BytesIO()
            wb.save(out)
            outcome = read_or_error(out.getvalue())
            if isinstance(outcome, ScenarioError):
                counts["ScenarioError"] += 1
                assert outcome.problems
                for p in outcome.problems:
                    assert p.path.startswith(tuple(titles)), p.path
                    assert p.render("acak.xlsx", "id")
                    assert p.render("acak.xlsx", "en")
            else:
                counts["Scenario"] += 1
                counts["Scenario, unchanged"] += outcome == kutim
                assert isinstance(outcome, Scenario)
        finally:
            for (r, c), value in before.items():
                ws.cell(r, c).value = value

    corrupt()
    print(f"\nrandom corruption of kutim-2025.xlsx: {dict(counts)}")
    assert counts["Scenario"] > 0
    assert counts["ScenarioError"] > 0
    assert sum(counts[k] for k in ("Scenario", "ScenarioError")) >= 150


def test_a_missing_field_row_names_the_sheet_and_field(kutim_xlsx):
    wb = openpyxl.load_workbook(io.BytesIO(kutim_xlsx))
    wb["Skenario"].delete_rows(2)  # the scenario's name
    out = io.BytesIO()
    wb.save(out)
    found = problems(out.getvalue())
    assert found["Skenario (name)"].key == "missing_field"


def test_an_unknown_field_row(kutim_xlsx):
    found = problems(edit(kutim_xlsx, ("Kebijakan", "A8", "Anggaran cadangan"),
                          ("Kebijakan", "B8", 5)))
    assert found["Kebijakan!A8"].key == "tpl_unknown_field"
    assert "global_cut" in found["Kebijakan!A8"].message("en")


def test_a_workbook_openpyxl_cannot_load_is_refused_without_a_traceback(kutim_xlsx):
    wb = openpyxl.load_workbook(io.BytesIO(kutim_xlsx))
    del wb["Sumber dana"]
    wb.create_chartsheet("Sumber dana")  # openpyxl cannot read back a chart sheet it wrote
    out = io.BytesIO()
    wb.save(out)
    assert problems(out.getvalue())[""].key == "tpl_not_xlsx"


def test_parts_of_the_workbook_mangled_inside_the_zip(kutim_xlsx):
    """Broken XML, missing parts and bad numbers inside the package: a Scenario or a problem."""
    archive = zipfile.ZipFile(io.BytesIO(kutim_xlsx))
    parts = {n: archive.read(n) for n in archive.namelist()}
    outcomes: Counter[str] = Counter()
    for name in parts:
        for mangle in (lambda b: b[: len(b) // 2], lambda b: b.replace(b"<c ", b"<c t=\"x\" "),
                       lambda b: b.replace(b"<v>", b"<v>x"), None):
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w") as z:
                for n, content in parts.items():
                    if n != name or mangle is not None:
                        z.writestr(n, mangle(content) if n == name and mangle else content)
            outcomes[type(read_or_error(out.getvalue())).__name__] += 1
    assert set(outcomes) == {"Scenario", "ScenarioError"}
