"""A plan even when the mandates cannot all hold: ``relaxed`` with its ``shortfalls``.

An infeasible scenario stays infeasible (the hearing must see that a mandate fails), but the
money still covers almost everybody, so the answer carries the plan that meets the mandates and
regional floors as far as the money allows:

1. least shortfall in whole workers: the model with a shortfall column on every mandate, regional
   floor and target row, their sum minimised (whole workers, the staged solve);
2. each of those rows lowered to what that plan reaches (on the plan's own model, as the cut
   curve does), and the scenario solved again with its own policy (priorities, sharing, spend
   order), so who else is covered follows the same rules as in any plan.

``bound`` is the LP's least shortfall rounded up: no plan falls short by fewer workers.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from planner.engine.formulation import add_shortfalls, build
from planner.engine.inputs import GroupRegion, ModelInputs
from planner.engine.solution import Solution, SolveOptions, Status
from planner.engine.solve import Solver

__all__ = ["Relaxed", "Relaxer", "Shortfall", "floor_rows", "relaxed"]


@dataclass(frozen=True)
class Shortfall:
    """A mandate (group and region) or a regional floor (region only) the plan falls short of."""

    group: str | None
    region: str
    workers: int
    cost: int  # rupiah that would pay for the missing workers at the cheapest premium allowed


@dataclass
class Relaxed:
    """The relaxed plan, the rows it falls short of and the least total shortfall possible."""

    inputs: ModelInputs
    solution: Solution
    shortfalls: list[Shortfall]
    bound: int


def _cheapest(inputs: ModelInputs, group: str | None, region: str) -> int:
    prices = [inputs.unit_cost[g, s] for g, r, s in inputs.cells
              if r == region and (group is None or g == group)]
    return min(prices, default=0)


class Relaxer:
    """Stage 1 of the module docstring on one model, reusable at other budgets (a cut curve)."""

    def __init__(self, inputs: ModelInputs, options: SolveOptions | None = None) -> None:
        f = build(inputs)
        add_shortfalls(f)
        self.inputs = inputs
        self.solver = Solver(f, options or SolveOptions())

    def lowered(self, rows: Mapping[str, tuple[float, float]] | None = None
                ) -> tuple[dict[GroupRegion, int], dict[str, int], int, int] | None:
        """Mandates and regional floors lowered to what the least-shortfall plan reaches.

        ``rows`` changes the model's budget rows first. Returns (mandates, floors, workers
        that plan covers, the LP's least shortfall rounded up), or None without a plan.
        """
        if rows:
            self.solver.set_rows(rows)
        lp = self.solver.lp()
        if lp.status is not Status.OPTIMAL:
            return None
        first = self.solver.solve(detail=False, cold=True)
        if first.status is not Status.OPTIMAL:
            return None
        funded: dict[GroupRegion, int] = {}
        by_region: dict[str, int] = {}
        for (g, r, _), w in first.workers.items():
            funded[g, r] = funded.get((g, r), 0) + w
            by_region[r] = by_region.get(r, 0) + w
        inputs = self.inputs
        mandate = {k: min(n, funded.get(k, 0)) for k, n in inputs.mandate.items()}
        equity = {r: min(n, by_region.get(r, 0)) for r, n in inputs.equity.items()}
        return mandate, equity, sum(first.workers.values()), math.ceil(lp.objective - 1e-6)


def floor_rows(solver: Solver, mandate: dict[GroupRegion, int], equity: dict[str, int]
               ) -> dict[str, tuple[float, float]]:
    """Row bounds of the plan's model that hold the given mandates and regional floors."""
    names = {**{f"mandate[{g},{r}]": n for (g, r), n in mandate.items()},
             **{f"equity[{r}]": n for r, n in equity.items()}}
    return {name: (float(n), math.inf) for name, n in names.items() if name in solver.row_index}


def relaxed(inputs: ModelInputs, options: SolveOptions | None = None) -> Relaxed | None:
    """Find the plan of the module docstring, or None when even it cannot be found."""
    options = options or SolveOptions()
    found = Relaxer(inputs, options).lowered()
    if found is None:
        return None
    mandate, equity, reached, bound = found
    solver = Solver(inputs, options)
    rows = floor_rows(solver, mandate, equity)
    target = inputs.scenario.policy.target_covered
    if "target[covered]" in solver.row_index and target:
        rows["target[covered]"] = (float(min(target, reached)), math.inf)
    solver.set_rows(rows)
    plan = solver.solve()
    if plan.status is not Status.OPTIMAL:
        return None
    short: list[Shortfall] = []
    for (g, r), n in sorted(inputs.mandate.items()):
        if n > mandate[g, r]:
            missing = n - mandate[g, r]
            short.append(Shortfall(g, r, missing, missing * _cheapest(inputs, g, r)))
    for r, n in sorted(inputs.equity.items()):
        if n > equity[r]:
            missing = n - equity[r]
            short.append(Shortfall(None, r, missing, missing * _cheapest(inputs, None, r)))
    return Relaxed(inputs, plan, short, bound)
