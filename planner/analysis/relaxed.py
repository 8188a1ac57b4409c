"""A plan even when the mandates cannot all hold: ``relaxed`` with its ``shortfalls``.

An infeasible scenario stays infeasible (the hearing must see that a mandate fails), but the
money still covers almost everybody, so the answer carries the plan that meets the mandates and
regional floors as far as the money allows:

1. least shortfall in whole workers: the model with a shortfall column on every mandate, regional
   floor and target row, their sum minimised (whole workers, the staged solve);
2. each of those rows lowered to what that plan reaches, and the scenario solved again with its
   own policy (priorities, sharing, spend order), so who else is covered follows the same rules
   as in any plan.

``bound`` is the LP's least shortfall rounded up: no plan falls short by fewer workers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from planner.engine.formulation import add_shortfalls, build
from planner.engine.inputs import ModelInputs
from planner.engine.solution import Solution, SolveOptions, Status
from planner.engine.solve import Solver

__all__ = ["Relaxed", "Shortfall", "relaxed"]


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


def relaxed(inputs: ModelInputs, options: SolveOptions | None = None) -> Relaxed | None:
    """The plan of the module docstring, or None when even it cannot be found."""
    options = options or SolveOptions()
    f = build(inputs)
    add_shortfalls(f)
    solver = Solver(f, options)
    lp = solver.lp()
    if lp.status is not Status.OPTIMAL:
        return None
    bound = math.ceil(lp.objective - 1e-6)
    first = solver.solve(detail=False)
    if first.status is not Status.OPTIMAL:
        return None
    funded: dict[tuple[str, str], int] = {}
    by_region: dict[str, int] = {}
    for (g, r, _), w in first.workers.items():
        funded[g, r] = funded.get((g, r), 0) + w
        by_region[r] = by_region.get(r, 0) + w
    mandate = {k: min(n, funded.get(k, 0)) for k, n in inputs.mandate.items()}
    equity = {r: min(n, by_region.get(r, 0)) for r, n in inputs.equity.items()}
    scenario = inputs.scenario
    policy = scenario.policy
    if policy.objective == "min_cost" and policy.target_covered:
        reached = sum(first.workers.values())
        scenario = scenario.model_copy(update={"policy": policy.model_copy(
            update={"target_covered": min(policy.target_covered, reached)})})
    lowered = replace(inputs, scenario=scenario, mandate=mandate, equity=equity)
    plan = Solver(lowered, options).solve()
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


