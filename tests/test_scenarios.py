"""planner.engine.scenarios: scenario files in and out, their content hash, the examples folder."""

from __future__ import annotations

import re

import pytest

from planner.engine.scenarios import (
    content_hash,
    dump_scenario,
    list_examples,
    load_scenario,
    parse_scenario,
    try_load,
)
from planner.engine.schema import Scenario
from planner.errors import ScenarioError

SMALL = """\
# Uji kecil
name: Uji kecil
year: 2026
groups:
  - id: petani
    name: Petani
    eligible: 10
    premium_monthly: 16800   # Rp per bulan
sources:
  - id: apbd
    kind: apbd
    budget: 1008000
"""

# The same scenario: other comments, other key order, flow style, defaults written out.
SMALL_REORDERED = """\
sources: [{budget: 1008000, kind: apbd, id: apbd, cut: 0.0, groups: all}]
groups:
  - {premium_monthly: 16800, eligible: 10, name: Petani, id: petani, months: 12}
year: 2026
name: Uji kecil
policy: {objective: max_covered}
"""

FULL = """\
name: Kalimantan Timur - uji
year: 2026
description: dua wilayah
regions:
  - {id: kutim, name: Kutai Timur}
  - {id: bontang, name: Bontang}
groups:
  - id: petani
    name: Petani
    eligible: {kutim: 300, bontang: 0}
    covered_elsewhere: {kutim: 5, bontang: 0}
    premium: {scheme: bpu, declared_income: 1500000, programmes: [jkk, jkm, jht]}
    sector: transport
    tags: [palm_plantation]
    weight: 2.5
    min_share: 0.1
    max_share: 0.9
  - id: pemilu
    eligible: {kutim: 20, bontang: 15}
    premium: {scheme: wage, wage: 1200000, jkk_class: 3}
    months: 3
    start_month: 2
sources:
  - {id: apbd, kind: apbd, budget: 30240000000, cut: 0.1, protected: true}
  - {id: csr, kind: csr, budget: 457300000, groups: [petani], regions: [bontang]}
policy:
  objective: min_cost
  target_covered: 100
  global_cut: 0.25
  min_region_share: 0.05
  funding_rules: "off"
  premium_discounts: false
"""


def test_load_scenario_reads_a_valid_file(tmp_path):
    path = tmp_path / "kecil.yaml"
    path.write_text(SMALL, encoding="utf-8")
    s = load_scenario(path)
    assert isinstance(s, Scenario)
    assert (s.name, s.year, s.groups[0].id, s.sources[0].budget) == (
        "Uji kecil",
        2026,
        "petani",
        1_008_000,
    )


def test_load_scenario_error_names_the_file(tmp_path):
    path = tmp_path / "salah.yaml"
    path.write_text(SMALL.replace("budget: 1008000", "budget: 30 miliar"), encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    assert info.value.file == str(path)
    assert info.value.render("en").startswith(f"{path}: sources[0].budget = '30 miliar': ")


def test_load_scenario_rejects_a_python_tag_and_runs_nothing(tmp_path):
    marker = tmp_path / "pwned"
    path = tmp_path / "serangan.yaml"
    path.write_text(
        SMALL + f"description: !!python/object/apply:os.system ['touch {marker}']\n",
        encoding="utf-8",
    )
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    assert not marker.exists()
    assert info.value.file == str(path)
    assert [p.path for p in info.value.problems] == [""]
    assert info.value.render("en") == (
        f"{path}: (file): YAML tags (!!python/object/apply:os.system) are not allowed in a "
        "scenario file; remove the tag"
    )


def test_load_scenario_of_a_missing_file(tmp_path):
    with pytest.raises(ScenarioError) as info:
        load_scenario(tmp_path / "tidak_ada.yaml")
    assert "file not found" in info.value.render("en")


def test_parse_scenario_names_the_given_file():
    with pytest.raises(ScenarioError) as info:
        parse_scenario(SMALL.replace("eligible: 10", "eligible: -10"), "unggahan.yaml")
    assert info.value.render("en").startswith("unggahan.yaml: groups[0].eligible = -10: ")


@pytest.mark.parametrize("text", ["", "# hanya komentar\n", "- a\n- b\n", "just text\n"])
def test_parse_scenario_of_a_non_mapping(text):
    with pytest.raises(ScenarioError) as info:
        parse_scenario(text, "kosong.yaml")
    assert "kosong.yaml: (file): a scenario file must hold key: value pairs" in (
        info.value.render("en")
    )


@pytest.mark.parametrize("text", [SMALL, FULL], ids=["small", "full"])
def test_dump_then_parse_gives_an_equal_scenario(text):
    s = parse_scenario(text)
    dumped = dump_scenario(s)
    again = parse_scenario(dumped)
    assert again == s
    assert content_hash(again) == content_hash(s)
    assert dump_scenario(again) == dumped


def test_dump_keeps_what_differs_from_the_defaults():
    dumped = dump_scenario(parse_scenario(FULL))
    for fragment in (
        "year: 2026",
        "protected: true",
        "jkk_class: 3",
        "global_cut: 0.25",
        "premium_discounts: false",
        "funding_rules: 'off'",
        "- jht",
    ):
        assert fragment in dumped


@pytest.mark.parametrize("path", list_examples(), ids=lambda p: p.name)
def test_example_scenarios_round_trip(path):
    s = load_scenario(path)
    again = parse_scenario(dump_scenario(s))
    assert again == s
    assert content_hash(again) == content_hash(s)


def test_content_hash_is_a_sha256_hex_digest():
    assert re.fullmatch(r"[0-9a-f]{64}", content_hash(parse_scenario(SMALL)))


def test_content_hash_ignores_comments_key_order_and_layout():
    assert content_hash(parse_scenario(SMALL)) == content_hash(parse_scenario(SMALL_REORDERED))


def test_content_hash_ignores_the_order_of_per_region_figures():
    reordered = FULL.replace(
        "eligible: {kutim: 300, bontang: 0}", "eligible: {bontang: 0, kutim: 300}"
    )
    assert reordered != FULL
    assert content_hash(parse_scenario(reordered)) == content_hash(parse_scenario(FULL))


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("budget: 1008000", "budget: 1008001"),
        ("eligible: 10", "eligible: 11"),
        ("year: 2026", "year: 2025"),
        ("name: Uji kecil", "name: Uji besar"),
        ("kind: apbd", "kind: csr"),
    ],
)
def test_content_hash_changes_with_the_meaning(old, new):
    assert old in SMALL
    changed = SMALL.replace(old, new)
    assert content_hash(parse_scenario(changed)) != content_hash(parse_scenario(SMALL))


def test_content_hash_changes_with_a_budget_in_a_full_scenario():
    changed = FULL.replace("budget: 457300000", "budget: 457300001")
    assert content_hash(parse_scenario(changed)) != content_hash(parse_scenario(FULL))


def test_list_examples_lists_yaml_files_sorted(tmp_path):
    for name in ("b.yaml", "a.yaml", "c.yml", "notes.txt"):
        (tmp_path / name).write_text("x: 1\n", encoding="utf-8")
    assert [p.name for p in list_examples(tmp_path)] == ["a.yaml", "b.yaml"]


def test_the_examples_folder_has_valid_scenarios():
    examples = list_examples()
    assert examples, "scenarios/ holds no example"
    assert examples == sorted(examples)
    for path in examples:
        assert isinstance(try_load(path), Scenario), path


def test_try_load_returns_the_error(tmp_path):
    path = tmp_path / "salah.yaml"
    path.write_text(SMALL.replace("kind: apbd", "kind: bank"), encoding="utf-8")
    result = try_load(path)
    assert isinstance(result, ScenarioError)
    assert [p.path for p in result.problems] == ["sources[0].kind"]
    assert result.file == str(path)
