"""Plans are valid and optimal: re-checked independently and compared with scipy's MILP."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from planner import RunOptions, SolveOptions, run
from planner.engine.synthetic import generate, kabupaten
from tests.reference import check_plan, optimum, reference
from tests.strategies import scenarios

SMALL = settings(max_examples=300, deadline=None, derandomize=True,
                 suppress_health_check=[HealthCheck.too_slow])


def _assert_tables_agree(result) -> None:
    alloc = result.allocation
    assert result.covered_workers == int(alloc["workers"].sum()) == int(
        result.by_group["funded"].sum()
    )
    assert result.total_cost == int(alloc["cost"].sum()) == int(result.by_source["spent"].sum())
    for row in result.by_source.itertuples():
        assert row.spent + row.unspent == row.available


@SMALL
@given(scenarios())
def test_small_plans_match_an_independent_milp(scenario) -> None:
    result = run(scenario)
    expected = optimum(scenario)
    if expected is None:
        assert result.status == "infeasible"
        assert result.diagnosis
        return
    assert result.status == "optimal", result.diagnosis
    assert check_plan(scenario, result.solution.workers) == []
    _assert_tables_agree(result)
    assert result.solution.objective == pytest.approx(expected.objective, abs=1e-6)
    # least spend among the best plans, to the rupiah
    assert result.total_cost == expected.spend
    assert result.solution.objective_bound == pytest.approx(result.solution.objective, abs=1e-6)
    assert result.solution.spend_gap == 0
    if result.counts_workers:
        assert result.covered_workers == result.bound_covered == expected.covered


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(objectives=("max_covered",)))
def test_rounding_without_the_milp_gives_valid_plans_within_a_valid_bound(scenario) -> None:
    """The repair path used on large models: never an invalid plan, never a wrong bound."""
    fast = SolveOptions(time_limit=0.0)
    result = run(scenario, RunOptions(solve=fast))
    expected = optimum(scenario)
    if expected is None:
        assert result.status == "infeasible"
        return
    if result.status == "infeasible":  # rounding could not meet a mandate: must be reported
        pytest.fail("a feasible scenario was reported infeasible by the repair path")
    assert check_plan(scenario, result.solution.workers) == []
    assert result.solution.objective <= expected.objective + 1e-6
    assert result.solution.objective_bound >= expected.objective - 1e-6
    if result.counts_workers:
        assert result.covered_workers <= expected.covered <= result.bound_covered


@settings(max_examples=60, deadline=None, derandomize=True)
@given(scenarios(objectives=("max_covered",)), st.sampled_from([1.25, 2.0, 5.0]))
def test_more_budget_never_covers_fewer(scenario, factor) -> None:
    base = run(scenario)
    richer = scenario.model_copy(update={"sources": tuple(
        s.model_copy(update={"budget": int(s.budget * factor)}) for s in scenario.sources
    )})
    more = run(richer)
    if base.status == "optimal":
        assert more.status == "optimal"
        assert more.solution.objective >= base.solution.objective - 1e-6


@settings(max_examples=60, deadline=None, derandomize=True)
@given(scenarios(objectives=("max_covered",)), st.sampled_from([0.1, 0.3, 0.6]))
def test_a_deeper_cut_never_covers_more(scenario, extra) -> None:
    shallow = run(scenario)
    deeper_cut = min(1.0, scenario.policy.global_cut + extra)
    deep = run(scenario, RunOptions(global_cut=deeper_cut))
    if deep.status == "optimal":
        assert shallow.status == "optimal"
        assert deep.solution.objective <= shallow.solution.objective + 1e-6


def _lp_bound(scenario) -> float:
    """The LP optimum of max covered, from scipy's linprog on the reference numbers."""
    ref = reference(scenario)
    cells = sorted(c for c in ref.allowed if ref.cap[c[0], c[1]] > 0)
    index = {c: j for j, c in enumerate(cells)}
    n = len(cells)
    a_ub, b_ub = [], []
    for src in scenario.sources:
        row = np.zeros(n)
        for c in cells:
            if c[2] == src.id:
                row[index[c]] = ref.cost[c[0], src.id]
        a_ub.append(row)
        b_ub.append(ref.available[src.id])
    for (g, r), cap in ref.cap.items():
        row = np.zeros(n)
        for c in cells:
            if c[0] == g and c[1] == r:
                row[index[c]] = 1
        a_ub.append(row)
        b_ub.append(cap)
        if ref.need[g, r]:
            a_ub.append(-row)
            b_ub.append(-ref.need[g, r])
    res = linprog(-np.ones(n), A_ub=np.array(a_ub), b_ub=b_ub, bounds=(0, None), method="highs")
    assert res.status == 0
    return -res.fun


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_kabupaten_plans_are_valid_and_within_a_few_workers_of_the_bound(seed) -> None:
    scenario = kabupaten(seed)
    result = run(scenario)
    assert result.status == "optimal"
    assert check_plan(scenario, result.solution.workers) == []
    _assert_tables_agree(result)
    upper = math.floor(_lp_bound(scenario) + 1e-6)
    assert result.bound_covered <= upper  # the bound we report is no looser than the LP's
    assert result.covered_workers <= result.bound_covered
    assert result.bound_covered - result.covered_workers <= 5
    assert result.solution.spend_bound <= result.total_cost


def test_the_milp_closes_or_narrows_the_gap_when_given_time() -> None:
    scenario = generate(60, 12, 6, seed=3)
    quick = run(scenario, RunOptions(solve=SolveOptions(time_limit=0.0)))
    patient = run(scenario, RunOptions(solve=SolveOptions(time_limit=20.0)))
    assert check_plan(scenario, patient.solution.workers) == []
    assert patient.covered_workers >= quick.covered_workers
    assert patient.bound_covered <= quick.bound_covered
    assert patient.bound_covered - patient.covered_workers <= (
        quick.bound_covered - quick.covered_workers
    )
