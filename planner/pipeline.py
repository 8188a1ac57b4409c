"""The single entry the CLI and the UI call: a scenario in, a :class:`Result` out.

The top of the core: it joins the engine (:mod:`planner.engine`, the solved plan) and the analysis
(:mod:`planner.analysis`, explanations, diagnosis, the cut curve and the reverse question).
"""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from planner.analysis import diagnose, max_feasible_cut, need, plain_objective, sweep
from planner.analysis.changes import changes, uncut
from planner.analysis.explain import explain
from planner.analysis.relaxed import Shortfall, relaxed
from planner.analysis.spare import spare
from planner.engine.formulation import build
from planner.engine.inputs import ModelInputs, derive
from planner.engine.premiums import monthly_prices
from planner.engine.replan import fold, kept, split_enrolled
from planner.engine.results import Result, add_replan_columns, build_result, continuity_cost
from planner.engine.scenarios import load_scenario
from planner.engine.schema import ALL, Scenario, validate_scenario
from planner.engine.solution import Cell, SolveOptions, Status
from planner.engine.solve import HIGHS_AVAILABLE, Solver, solve
from planner.errors import Problem, ScenarioError

__all__ = ["RunOptions", "max_feasible_cut", "need", "replan_from", "run", "run_file", "sweep"]


@dataclass(frozen=True)
class RunOptions:
    """What to change for this run and how hard to solve.

    ``global_cut`` overrides the scenario's ``policy.global_cut`` (as ``planner solve --cut``).
    """

    global_cut: float | None = None
    solve: SolveOptions = field(default_factory=SolveOptions)
    explain: bool = True  # statements from the LP's duals and basis (a few warm re-solves)
    # what the cuts cost: the same scenario with every cut at zero is solved too, and
    # ``Result.changes`` compares the two (only when the scenario has a cut)
    changes: bool = False
    relaxed: bool = True  # when infeasible, the plan that meets mandates as far as money allows
    spare: bool = True  # each source's spare money (one LP per source another source can relieve)


def _covered_bound(scenario: Scenario, options: SolveOptions) -> int:
    """Bound the workers any plan could pay for, for objectives that are not a plain head-count."""
    f = build(derive(plain_objective(scenario)))
    sol = solve(f, replace(options, time_limit=0.0, lexicographic=False))
    return int(sol.objective_bound)


def run(scenario: Scenario, options: RunOptions | None = None) -> Result:
    """Solve ``scenario`` to a whole-worker plan and build its tables and messages."""
    options = options or RunOptions()
    t0 = time.perf_counter()
    if options.global_cut is not None:
        scenario = scenario.with_global_cut(options.global_cut)
    inputs = derive(scenario)
    # a re-plan keeps enrolled workers first: the model has a group of them beside their own
    model = split_enrolled(inputs)
    t1 = time.perf_counter()
    # HiGHS's solver is kept for the explanations, which read the plan's LP from its basis; its
    # matrix comes straight from the inputs (PuLP is built only for the CBC fallback)
    solver = (Solver(model, options.solve)
              if options.solve.solver == "highs" and HIGHS_AVAILABLE else None)
    t2 = time.perf_counter()
    solution = solver.solve() if solver is not None else solve(build(model), options.solve)
    kept_workers = kept(model, solution.workers)
    if model is not inputs:
        solution = replace(solution, workers=fold(model, solution.workers),
                           lp_workers={}, shadow_prices={})
        solver = None  # the explanations read the scenario's own model, not the split one
    t3 = time.perf_counter()
    covered_bound = None
    policy = scenario.policy
    if solution.status == "optimal" and (
        policy.objective != "max_covered" or any(g.weight != 1 for g in scenario.groups)
    ):
        covered_bound = _covered_bound(scenario, options.solve)
    result = build_result(inputs, solution, covered_bound)
    continuity = None
    if inputs.enrolled or scenario.policy.from_month > 1:
        add_replan_columns(result, kept_workers)
        if inputs.enrolled and result.ok:
            # the same months and money with nobody enrolled: what continuity costs
            fresh = (Solver(inputs, options.solve).solve(detail=False)
                     if options.solve.solver == "highs" and HIGHS_AVAILABLE
                     else solve(build(inputs), options.solve))
            if fresh.status is Status.OPTIMAL:
                continuity = continuity_cost(result, int(sum(fresh.workers.values())))
    if solution.status is Status.INFEASIBLE:
        result.diagnosis = diagnose(scenario)
        relax = relaxed(model, options.solve) if options.relaxed else None
        if relax is not None:
            nearest = replace(relax.solution, workers=fold(model, relax.solution.workers))
            result.relaxed = build_result(inputs, nearest)
            if inputs.enrolled or scenario.policy.from_month > 1:
                add_replan_columns(result.relaxed, kept(model, relax.solution.workers))
            # nothing is spare while a mandate fails
            result.relaxed.by_source["spare"] = result.relaxed.by_source["spare_lp"] = 0
            result.shortfalls = _shortfalls(model, relax.shortfalls)
            result.shortfall_bound = relax.bound
    elif solution.status is Status.OPTIMAL:
        if options.spare:
            amounts = spare(inputs, solution.workers)
            result.by_source["spare"] = [amounts[s][0] for s in result.by_source["source"]]
            result.by_source["spare_lp"] = [amounts[s][1] for s in result.by_source["source"]]
            result.by_source.attrs["unit"] |= {"spare": "Rp", "spare_lp": "Rp"}
        if options.explain:
            result.explanations = explain(result, solver)
    if continuity is not None:
        result.explanations.insert(0, continuity)
    plan = result if result.ok else result.relaxed
    if options.changes and plan is not None and _has_cut(scenario):
        kept_before = _uncut_workers(uncut(scenario).model_dump_json(), options.solve)
        if kept_before is not None:
            ch = changes(scenario, dict(kept_before), plan.solution.workers, inputs.unit_cost)
            result.changes = ch.to_json()
            cut = scenario.policy.global_cut if not any(s.cut for s in scenario.sources) else None
            result.explanations.insert(0, ch.message(cut))
    t4 = time.perf_counter()
    result.timings = {
        "inputs": t1 - t0,
        "build": t2 - t1,
        **{f"solve.{k}": v for k, v in solution.timings.items()},
        "solve": t3 - t2,
        "report": t4 - t3,
        "total": t4 - t0,
    }
    return result


def _shortfalls(model: ModelInputs, found: list[Shortfall]) -> list[dict[str, Any]]:
    """Return the relaxed plan's shortfalls by the scenario's own groups."""
    out: dict[tuple[str | None, str], dict[str, Any]] = {}
    for s in found:
        group = model.kept_of.get(s.group, s.group) if s.group else None
        row = out.setdefault((group, s.region), {"group": group, "region": s.region,
                                                 "workers": 0, "cost": 0})
        row["workers"] += s.workers
        row["cost"] += s.cost
    return list(out.values())


def replan_from(scenario: Scenario, month: int, cut: float | None = None,
                options: RunOptions | None = None) -> Scenario:
    """Re-plan ``scenario``'s plan from ``month``: its workers enrolled, its months paid.

    ``scenario`` is solved as it stands (a saved version); the workers its plan funds become
    ``enrolled`` for every group whose cover started before ``month`` (and has not ended), each
    source's ``spent_to_date`` grows by what the plan pays for the months before ``month``, and
    ``policy.from_month`` is set (``policy.global_cut`` too, when ``cut`` is given).

    Raises
    ------
    ScenarioError
        For a month outside 1..12, one not after the plan's own ``from_month``, or a plan with
        no answer to start from (an infeasible scenario).

    """
    start = scenario.policy.from_month
    if not 1 <= month <= 12 or month <= start and month != 1:
        raise ScenarioError([Problem("policy.from_month", "replan_month", {"n_from": start},
                                     month, True)])
    result = run(scenario, replace(options or RunOptions(), explain=False, changes=False,
                                   spare=False, global_cut=None))
    if not result.ok:
        raise ScenarioError([Problem("policy", "replan_infeasible", {})])
    enrolled: dict[str, dict[str, int]] = {}
    paid: dict[str, int] = {}
    groups = {g.id: g for g in scenario.groups}
    sources = {x.id: x for x in scenario.sources}
    for (g, r, src), w in result.solution.workers.items():
        group = groups[g]
        if group.start_month < month <= group.start_month + group.months - 1:
            enrolled.setdefault(g, {})[r] = enrolled.get(g, {}).get(r, 0) + w
        prices = monthly_prices(group, sources[src].kind, scenario.year,
                                discounts=scenario.policy.premium_discounts)
        paid[src] = paid.get(src, 0) + w * sum(p.amount for p in prices if start <= p.month < month)
    one_region = not scenario.regions
    new_groups = tuple(g.model_copy(update={"enrolled": (
        enrolled.get(g.id, {}).get(ALL, 0) if one_region else enrolled.get(g.id, {}))})
        for g in scenario.groups)
    new_sources = tuple(x.model_copy(update={"spent_to_date": x.spent_to_date + paid.get(x.id, 0)})
                        for x in scenario.sources)
    policy = scenario.policy.model_copy(update={"from_month": month, **(
        {"global_cut": cut} if cut is not None else {})})
    out = scenario.model_copy(update={"groups": new_groups, "sources": new_sources,
                                      "policy": policy})
    return validate_scenario(out.model_dump(mode="json"))


@functools.lru_cache(maxsize=32)
def _uncut_workers(scenario_json: str, solve: SolveOptions,
                   ) -> tuple[tuple[Cell, int], ...] | None:
    """Return the plan without cuts that a cut plan's changes count from (None: there is none).

    Every move of the app's cut slider asks it again of the same scenario, so it is kept, keyed
    by the scenario as JSON, as a tuple nothing can change.
    """
    scenario = Scenario.model_validate_json(scenario_json)
    before = run(scenario, RunOptions(solve=solve, explain=False, spare=False))
    base = before if before.ok else before.relaxed
    return None if base is None else tuple(base.solution.workers.items())


def _has_cut(scenario: Scenario) -> bool:
    return scenario.policy.global_cut > 0 or any(s.cut > 0 for s in scenario.sources)


def run_file(path: str | Path, options: RunOptions | None = None) -> Result:
    """Load, validate and solve a scenario file."""
    return run(load_scenario(path), options)
