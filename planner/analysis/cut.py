"""The largest global cut at which every mandate, regional floor and target still holds.

Solved as one LP with the cut as a variable, then checked with whole workers. The sweep marks it
on the cut curve and the diagnosis of an infeasible scenario names it.
"""

from __future__ import annotations

import math
from dataclasses import replace

from planner.engine.formulation import add_cut_variable, build
from planner.engine.inputs import ModelInputs, available_money, derive
from planner.engine.schema import Scenario
from planner.engine.solution import SolveOptions, Status
from planner.engine.solve import Solver

__all__ = ["budget_rows", "max_feasible_cut"]


def budget_rows(inputs: ModelInputs, cut: float) -> dict[str, tuple[float, float]]:
    """Return the budget rows' bounds at global cut ``cut``: ``{"budget[s]": (-inf, A[s])}``."""
    return {
        f"budget[{s}]": (-math.inf, float(available_money(inputs.source_by_id[s], cut)))
        for s in inputs.sources
    }


def _lp_max_cut(inputs: ModelInputs) -> float | None:
    f = build(inputs, integer=False)
    add_cut_variable(f)
    answer = Solver(f).lp()
    if answer.status is not Status.OPTIMAL:
        return None
    return min(1.0, max(0.0, answer.objective))


def _feasible_at(solver: Solver, inputs: ModelInputs, cut: float) -> bool:
    solver.set_rows(budget_rows(inputs, cut))
    return solver.solve().status is Status.OPTIMAL


def max_feasible_cut(scenario: Scenario, options: SolveOptions | None = None) -> float | None:
    """Find the largest global cut at which every mandate, floor and target can still be met.

    Solved as one LP with the cut K as a variable (``A[s] = B'[s] (1 - K)`` is linear in K), then
    checked with whole workers: money cannot be pooled across sources, so whole workers may need
    a slightly smaller cut than the LP's; then the largest feasible K is found below it by
    bisection (to 1e-6). ``None`` when the mandates cannot be met even without a cut.
    """
    inputs = derive(scenario)
    upper = _lp_max_cut(inputs)
    if upper is None:
        return None
    solver = Solver(build(inputs), replace(options or SolveOptions(), lexicographic=False))
    k = math.floor(upper * 1e6) / 1e6
    if _feasible_at(solver, inputs, k):
        return k
    lo, hi = 0.0, k
    if not _feasible_at(solver, inputs, lo):
        return None
    while hi - lo > 1e-9:
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if _feasible_at(solver, inputs, mid) else (lo, mid)
    # money is whole rupiah, so the exact limit is often a round share: try it first
    rounded = math.ceil(lo * 1e6) / 1e6
    if rounded <= hi and _feasible_at(solver, inputs, rounded):
        return rounded
    return math.floor(lo * 1e6) / 1e6

