"""The explanations read from the plan's LP basis and a bounded number of warm re-solves.

Every statement with a figure is checked against the LP re-solved directly with the change the
statement is about (a fresh model, solved from scratch): a figure is the change of the LP bound
rounded to a worker, a range holds it. The number of warm re-solves is counted, never timed.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from planner.analysis.explain import BILLION, Budget, Explanation, explanation
from planner.engine.formulation import build
from planner.engine.inputs import ModelInputs, available_money, derive
from planner.engine.results import Message, Result, build_result
from planner.engine.solution import SolveOptions, Status
from planner.engine.solve import Solver
from planner.engine.synthetic import hard

GENEROUS = Budget(resolves=100, floor=600.0)  # every open statement gets its re-solve


def _plan(inputs: ModelInputs) -> tuple[Result, Solver]:
    solver = Solver(build(inputs), SolveOptions(time_limit=0.0))
    solution = solver.solve()
    assert solution.status == "optimal"
    return build_result(inputs, solution), solver


def _tight(size: str, seed: int = 0, funding: float = 0.3):
    """A mandate in every village and money for 30% of everyone: the mandates cost workers."""
    return hard(size, seed, funding)


def _change(inputs: ModelInputs, m: Message) -> dict[str, tuple[float, float]] | None:
    """The right-hand sides the statement ``m`` is about, from the scenario (None: no figure)."""
    by_label = {inputs.source_by_id[s].label: inputs.source_by_id[s] for s in inputs.sources}
    groups = {inputs.group_by_id[g].label: g for g in inputs.groups}
    cut = inputs.scenario.policy.global_cut
    if m.code.startswith("source_more_money"):
        src = by_label[m.data["source"]]
        richer = src.model_copy(update={"budget": src.budget + BILLION})
        return {f"budget[{src.id}]": (-math.inf, float(available_money(richer, cut)))}
    if m.code.startswith("mandate_cost"):
        g = groups[m.data["group"]]
        return {f"mandate[{g},{r}]": (-math.inf, math.inf) for r in inputs.regions
                if inputs.mandate.get((g, r), 0) > 0}
    if m.code.startswith("equity_cost"):
        return {f"equity[{r}]": (-math.inf, math.inf) for r in inputs.regions
                if inputs.equity.get(r, 0) > 0}
    if m.code.startswith("global_cut_cost"):
        return {f"budget[{s}]": (-math.inf, float(available_money(inputs.source_by_id[s], 0.0)))
                for s in inputs.sources}
    if m.code.startswith("protection_keeps"):
        src = by_label[m.data["source"]].model_copy(update={"protected": False})
        return {f"budget[{src.id}]": (-math.inf, float(available_money(src, cut)))}
    return None


def _direct(inputs: ModelInputs, change: dict[str, tuple[float, float]]) -> float:
    """Change of the LP optimum under ``change``, each LP solved from scratch."""
    base = Solver(build(inputs)).lp()
    changed = Solver(build(inputs))
    changed.set_rows(change)
    answer = changed.lp()
    if answer.status is not Status.OPTIMAL:
        return math.nan
    return answer.objective - base.objective


def _check(inputs: ModelInputs, said: Explanation) -> int:
    """Check every figure against a direct re-solve; return how many were checked."""
    checked = 0
    for m in said.messages:
        change = _change(inputs, m)
        if change is None:
            continue
        effect = _direct(inputs, change)
        if m.code.startswith("protection_keeps"):
            effect = -effect  # the workers kept are those lost without the protection
        slack = 0.5 + 1e-6 * max(1.0, abs(effect))  # a figure is the effect to the worker
        figures = [v for k, v in m.data.items() if k.startswith("n_")]
        if m.code.endswith("_range"):
            assert m.data["n_low"] - slack <= effect <= m.data["n_high"] + slack, (m, effect)
            assert m.data["n_low"] < m.data["n_high"], m
        elif m.code.endswith("_at_least"):
            assert effect >= m.data["n_kept"] - slack or math.isnan(effect), (m, effect)
        else:
            (figure,) = figures
            assert abs(figure - effect) <= slack, (m, effect)
        checked += 1
    return checked


def test_village_mandates_are_explained_as_direct_resolves_say() -> None:
    inputs = derive(hard("2k"))
    result, solver = _plan(inputs)
    said = explanation(result, solver)
    codes = {m.code for m in said.messages}
    assert {"principle", "global_cut_cost", "protection_keeps"} <= codes
    assert _check(inputs, said) >= 6
    # the mandates, a row in each of 72 villages, are read from the basis: they cost nobody
    assert not any(m.code.startswith("mandate_cost") for m in said.messages)
    assert said.claims == said.from_basis + said.resolved + said.ranged


@pytest.mark.parametrize("budget", [Budget(resolves=0), GENEROUS], ids=["no re-solves", "generous"])
def test_costly_mandates_are_never_misstated(budget: Budget) -> None:
    """Money for 30% of everyone: the mandates cost workers and most figures run past the
    duals' ranges. Without re-solves each statement gives the range it is known to lie in;
    with them every statement gets its figure, and each agrees with a direct re-solve."""
    inputs = derive(_tight("2k"))
    result, solver = _plan(inputs)
    said = explanation(result, solver, budget)
    assert any(m.code.startswith("mandate_cost") for m in said.messages)
    assert _check(inputs, said) >= 7
    assert said.resolves <= budget.resolves
    if budget.resolves == 0:
        assert said.ranged > 0
        assert said.resolved == 0
    else:
        assert said.ranged == 0
        assert said.resolves == said.resolved == said.claims - said.from_basis


def test_the_resolves_stop_at_the_budget_widest_ranges_first() -> None:
    inputs = derive(_tight("5k", seed=2))
    result, solver = _plan(inputs)
    free = explanation(result, solver, GENEROUS)
    assert free.resolves >= 3  # the premise: at least three statements need a re-solve
    result, solver = _plan(inputs)
    capped = explanation(result, solver, Budget(resolves=2, floor=600.0))
    assert capped.resolves == 2
    assert capped.resolved == 2
    assert capped.ranged == free.resolved - 2
    _check(inputs, capped)


def test_the_solver_handed_over_and_a_fresh_lp_say_the_same() -> None:
    inputs = derive(_tight("2k", seed=1, funding=0.35))
    result, solver = _plan(inputs)
    handed = explanation(result, solver, GENEROUS)
    fresh = explanation(result, None, GENEROUS)
    assert handed.messages == fresh.messages


def test_a_big_model_is_explained_from_its_basis() -> None:
    """About 50,000 variables and a mandate in 1,200 villages: the statements come from the
    basis, and the re-solves are bounded (counted, not timed)."""
    inputs = derive(hard("50k"))
    result, solver = _plan(inputs)
    said = explanation(result, solver)
    assert said.claims >= 8
    assert said.resolves <= Budget().resolves
    assert any(m.code == "source_more_money" for m in said.messages)
    result, solver = _plan(inputs)
    alone = explanation(result, solver, Budget(resolves=0))
    assert alone.resolves == 0
    assert alone.claims - alone.ranged >= 8  # sized without a single re-solve
    # what the basis alone states with a figure, the budgeted explanations state alike
    figures = [m for m in alone.messages if not m.code.endswith(("_range", "_at_least"))]
    assert all(m in said.messages for m in figures)


def test_a_basis_step_is_what_a_resolve_does_within_the_range() -> None:
    """Moving a binding budget a little: the basis step predicts the re-solved point."""
    inputs = derive(hard("2k"))
    solver = Solver(build(inputs))
    base = solver.lp()
    row = next(name for name, dual in base.duals.items()
               if name.startswith("budget[") and dual > 1e-9)
    i = solver.row_index[row]
    assert solver.hs.row_status()[i] == 1  # at its upper bound
    x0 = solver.hs.values()[: solver.mm.n].copy()
    r0 = solver.hs.row_activity().copy()
    lo, hi = float(solver.mm.row_lower[i]), float(solver.mm.row_upper[i])
    solver.set_rows({row: (lo, hi + 1_000_000.0)})  # Rp1 juta more: well within the range
    delta = float(solver.mm.row_upper[i]) - hi  # as the solver keeps it: whole premiums
    assert delta > 0
    moves = np.zeros(solver.mm.m)
    moves[i] = delta
    dx, dr = solver.hs.basis_step(moves)
    moved = solver.lp()
    assert moved.objective - base.objective == pytest.approx(base.duals[row] * delta, rel=1e-9)
    assert np.allclose(x0 + dx, solver.hs.values()[: solver.mm.n], atol=1e-7)
    assert np.allclose(r0 + dr, solver.hs.row_activity(), rtol=1e-9, atol=1e-6)
