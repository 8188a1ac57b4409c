"""The solver stage: HiGHS through highspy, the CBC fallback, duals, status as data."""

from __future__ import annotations

import pulp
import pytest

from planner import RunOptions, SolveOptions, run
from planner.engine.schema import validate_scenario
from tests.reference import check_plan, optimum


def scenario(**policy):
    return validate_scenario({
        "name": "two groups, two sources",
        "year": 2026,
        "groups": [
            {"id": "petani", "eligible": 100, "premium_monthly": 16_800},
            {"id": "nelayan", "eligible": 50, "premium_monthly": 10_000, "min_share": 0.5},
        ],
        "sources": [
            {"id": "apbd", "kind": "apbd", "budget": 10_000_000},
            {"id": "csr", "kind": "csr", "budget": 3_000_000, "groups": ["nelayan"]},
        ],
        "policy": policy,
    })


def test_pulp_lists_highs_as_available() -> None:
    assert "HiGHS" in pulp.listSolvers(onlyAvailable=True)


def test_hand_worked_plan() -> None:
    # nelayan cost 120,000 a year, petani 201,600. Cheapest first: CSR pays 25 nelayan
    # (3,000,000), APBD the other 25 (3,000,000), leaving 7,000,000 for 34 petani (6,854,400).
    result = run(scenario())
    assert result.status == "optimal"
    funded = result.by_group.set_index("group")["funded"].to_dict()
    assert funded == {"petani": 34, "nelayan": 50}
    assert result.covered_workers == 84 == result.bound_covered
    assert result.total_cost == 34 * 201_600 + 50 * 120_000
    spent = result.by_source.set_index("source")["spent"].to_dict()
    assert spent == {"apbd": 34 * 201_600 + 25 * 120_000, "csr": 3_000_000}


def test_budget_duals_are_workers_per_rupiah_and_never_negative() -> None:
    result = run(scenario())
    prices = {row["source"]: row["per_rupiah"]
              for row in result.to_json()["shadow_prices"]["budget"]}
    # one more rupiah of APBD buys 1/201,600 of a farmer
    assert prices["apbd"] == pytest.approx(1 / 201_600)
    # a rupiah of CSR pays a fisher and frees the APBD rupiah it cost: 1/201,600 as well
    assert prices["csr"] == pytest.approx(1 / 201_600)
    for value in prices.values():
        assert value >= 0


def test_budget_dual_matches_a_resolve_with_more_money() -> None:
    base = run(scenario())
    price = base.to_json()["shadow_prices"]["budget"][0]["per_rupiah"]
    extra = 5 * 201_600
    richer = scenario().model_copy(update={"sources": (
        scenario().sources[0].model_copy(update={"budget": 10_000_000 + extra}),
        scenario().sources[1],
    )})
    more = run(richer)
    assert more.solution.lp_objective - base.solution.lp_objective == pytest.approx(price * extra)
    assert more.covered_workers == base.covered_workers + 5


def test_infeasible_is_an_answer_not_an_exception() -> None:
    result = run(scenario(), RunOptions(global_cut=0.9))
    assert result.status == "infeasible"
    assert result.covered_workers == 0
    assert [m.code for m in result.diagnosis][0] == "infeasible"
    assert result.to_json()["status"] == "infeasible"


@pytest.mark.parametrize("cut", [0.0, 0.3])
def test_cbc_fallback_agrees_with_highs_and_names_itself(cut) -> None:
    s = scenario(global_cut=cut)
    highs = run(s)
    cbc = run(s, RunOptions(solve=SolveOptions(solver="cbc")))
    assert cbc.solution.solver == "CBC (fallback)"
    assert cbc.status == highs.status
    assert cbc.covered_workers == highs.covered_workers
    assert cbc.total_cost == highs.total_cost
    assert check_plan(s, cbc.solution.workers) == []


def test_cbc_through_coin_cmd_as_on_pulp_4_agrees_with_highs() -> None:
    """PuLP 4 drops PULP_CBC_CMD; the fallback then runs a CBC binary through COIN_CMD."""
    from pulp.apis import coin_api

    bundled = coin_api.pulp_cbc_path  # the PuLP 3 binary, named as a cbcbox one would be
    s = scenario(global_cut=0.3)
    highs = run(s)
    cbc = run(s, RunOptions(solve=SolveOptions(solver="cbc", cbc_path=bundled)))
    assert cbc.solution.solver == "CBC (fallback)"
    assert (cbc.status, cbc.covered_workers, cbc.total_cost) == (
        highs.status, highs.covered_workers, highs.total_cost)
    assert check_plan(s, cbc.solution.workers) == []


def test_cbc_with_no_time_past_the_lp_still_finds_the_plan() -> None:
    """--solver cbc --time-limit 0 once reported a feasible scenario as infeasible."""
    s = scenario(global_cut=0.3)
    highs = run(s)
    cbc = run(s, RunOptions(solve=SolveOptions(solver="cbc", time_limit=0)))
    assert (cbc.status, cbc.covered_workers) == (highs.status, highs.covered_workers)


def test_cbc_missing_is_a_message_naming_the_install() -> None:
    from planner.errors import SolverUnavailable

    with pytest.raises(SolverUnavailable, match="jamsostek-planner\\[cbc\\]"):
        run(scenario(), RunOptions(solve=SolveOptions(solver="cbc", cbc_path="/nonexistent/cbc")))


def test_min_cost_finds_the_cheapest_way_to_a_target() -> None:
    s = scenario(objective="min_cost", target_covered=60)
    result = run(s)
    expected = optimum(s)
    assert result.status == "optimal"
    assert result.covered_workers >= 60
    assert result.total_cost == expected.spend == 50 * 120_000 + 10 * 201_600
    assert result.bound_covered == 84  # the most these budgets could cover


def test_unknown_solver_is_reported() -> None:
    from planner.errors import SolverUnavailable

    with pytest.raises(SolverUnavailable):
        run(scenario(), RunOptions(solve=SolveOptions(solver="gurobi")))


def test_another_highs_configured_first_does_not_break_our_solves() -> None:
    """HiGHS's thread scheduler is global: a Highs with other thread settings run first (as a
    benchmark or another library does) once made every later solve fail when we set threads."""
    import highspy
    import numpy as np

    other = highspy.Highs()
    other.setOptionValue("output_flag", False)
    other.setOptionValue("threads", 2)
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = 1, 0
    lp.col_cost_ = np.array([1.0])
    lp.col_lower_, lp.col_upper_ = np.array([0.0]), np.array([1.0])
    other.passModel(lp)
    other.run()
    result = run(scenario())
    assert result.status == "optimal"
    assert result.covered_workers == 84
