"""Every example in scenarios/ validates, solves, and its plan passes the independent checks."""

from __future__ import annotations

import pytest

from planner import load_scenario, run
from planner.engine.scenarios import list_examples
from tests.reference import check_plan, optimum, reference, year_view

EXAMPLES = list_examples()


def test_the_examples_folder_has_the_three_issue_examples() -> None:
    names = {p.name for p in EXAMPLES}
    assert {"kutim-2025.yaml", "kutim-2026-transfer-cut.yaml", "kaltim-regions.yaml"} <= names


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_solves_to_a_valid_optimal_plan(path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.lstrip().startswith("#"), "every example starts with a header saying its sources"
    scenario = load_scenario(path)
    result = run(scenario)
    assert result.status == "optimal"
    scenario = year_view(scenario)  # a re-plan (APBD-P) as the plain plan of its months
    assert check_plan(scenario, result.solution.workers) == []
    expected = optimum(scenario)
    assert expected is not None
    assert result.covered_workers == expected.covered == result.bound_covered
    assert result.total_cost == expected.spend
    ref = reference(scenario)
    for row in result.by_source.itertuples():
        assert row.available == ref.available[row.source]


def test_kutim_2025_prices_the_standard_package_for_an_apbd_payer() -> None:
    scenario = load_scenario("scenarios/kutim-2025.yaml")
    result = run(scenario)
    apbd = result.allocation[result.allocation["source"] == "apbd"]
    informal = apbd[apbd["group"] == "petani"]
    assert set(informal["unit_cost"]) == {201_600}
    petani = result.by_group.set_index("group").loc["petani"]
    assert petani["funded"] == 45_000


def test_kutim_2026_cut_leaves_workers_uncovered_and_says_which_rule_narrowed() -> None:
    result = run(load_scenario("scenarios/kutim-2026-transfer-cut.yaml"))
    assert result.covered_workers < int(result.by_group["eligible"].sum())
    codes = {m.code for m in result.warnings}
    assert "funding_rule_narrowed" in codes
