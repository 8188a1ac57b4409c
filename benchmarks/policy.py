"""What the "who loses cover" policy costs, as ratios to HiGHS alone on the same model.

For each model, in one process, the median of several runs of `run()` (explanations off, as a
cut curve reads plans) under each policy:

- default:   one priority rank, ties shared evenly, money in the default spend order
- ranks:     the groups split over three priority ranks (each rank solved and held in turn)
- equal:     ``sharing: equal_share`` (progressive filling of the coverage share, then the most
             workers)
- ranks+eq:  both
- spare:     each source's spare money (one LP per source another source can relieve), timed
             apart as part of the default run
- changes:   `run(..., changes=True)` at a 20% global cut: the plan and the uncut plan
- replan:    an APBD-P re-plan from October at a 15% cut (`replan_from`: the plan's workers
             enrolled and kept first, a group of kept workers beside each group in the model)

each divided by HiGHS's own LP on the same matrix (``highs``; interior point above 30,000
variables). Every plan is checked by the independent reading of the contract in
``tests/reference.py`` (budgets, head-counts, mandates, regional floors, funding rules); a
broken plan is a FAIL, whatever the time. Targets: on the hard kabupaten shapes (a mandate in
every village, restricted sources, money for 45%) every policy answers within 1 s, as a slider
must (a cut's changes and a re-plan within 2 s: each is two solves); on the province shapes
(``--full``) within 5 s (10 s). ``--strict`` exits 1 when one fails. Run:
``python benchmarks/policy.py [--quick | --full] [--strict]``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.engine import highs_alone  # noqa: E402
from planner.engine import synthetic  # noqa: E402
from planner.engine.highs import IPM_ABOVE  # noqa: E402
from planner.engine.inputs import derive  # noqa: E402
from planner.engine.matrix import plan_matrix  # noqa: E402
from planner.engine.scenarios import load_scenario  # noqa: E402
from planner.engine.schema import Scenario, validate_scenario  # noqa: E402
from planner.pipeline import RunOptions, replan_from, run  # noqa: E402
from tests.reference import check_plan, year_view  # noqa: E402

POLICIES = ("default", "ranks", "equal", "ranks+eq")


def _median(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def with_policy(s: Scenario, policy: str) -> Scenario:
    """The scenario under one of :data:`POLICIES`: ranks 1-3 by the group's place among ids."""
    data = s.model_dump(mode="json")
    if "ranks" in policy:
        for i, g in enumerate(sorted(data["groups"], key=lambda g: g["id"])):
            g["priority"] = 1 + i % 3
    if "eq" in policy:
        data["policy"]["sharing"] = "equal_share"
    return validate_scenario(data)


def measure(name: str, s: Scenario, repeat: int) -> dict[str, Any]:
    """Time every policy on one model and check each plan."""
    mm = plan_matrix(derive(s))
    reference = {"solver": "ipm", "run_crossover": "on"} if mm.n > IPM_ABOVE else {}
    t_highs = statistics.median(highs_alone(mm, allow_infeasible=True, **reference)
                                for _ in range(repeat))
    row: dict[str, Any] = {"model": name, "vars": mm.n, "highs": t_highs, "broken": []}
    for policy in POLICIES:
        scenario = with_policy(s, policy)
        t, result = _median(lambda sc=scenario: run(sc, RunOptions(explain=False)), repeat)
        row[policy] = t
        plan = result if result.ok else result.relaxed
        if plan is not None and result.ok:
            row["broken"] += [f"{policy}: {b}" for b in check_plan(scenario, plan.solution.workers)]
        if policy == "default":
            row["spare"] = result.timings.get("report", 0.0)
            row["covered"] = result.covered_workers
        row[f"{policy}_covered"] = result.covered_workers
    t_off, _ = _median(lambda: run(s, RunOptions(explain=False, spare=False)), repeat)
    row["spare"] = max(0.0, row["default"] - t_off)
    t_changes, _ = _median(lambda: run(s, RunOptions(global_cut=0.2, explain=False,
                                                     changes=True)), repeat)
    row["changes"] = t_changes
    october = replan_from(s, max(10, s.policy.from_month + 1), 0.15)  # an APBD-P re-plans again
    t_replan, result = _median(lambda: run(october, RunOptions(explain=False)), repeat)
    row["replan"] = t_replan
    if result.ok:
        row["broken"] += [f"replan: {b}" for b in check_plan(year_view(october),
                                                              result.solution.workers)]
    return row


def verdict(row: dict[str, Any], hard: bool) -> str:
    """ok, FAIL, or '' where no target is set (the plans are checked everywhere)."""
    if row["broken"]:
        return "FAIL"
    if not hard:
        return ""
    limit = 5.0 if row["vars"] > IPM_ABOVE else 1.0
    ok = (all(row[p] < limit for p in POLICIES) and row["changes"] < 2 * limit
          and row["replan"] < 2 * limit)
    return "ok" if ok else "FAIL"


def main() -> None:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats and models")
    parser.add_argument("--full", action="store_true", help="the province shapes too")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target fails")
    args = parser.parse_args()
    repeat = 1 if args.quick else 3
    root = Path(__file__).resolve().parent.parent / "scenarios"
    models: list[tuple[str, Scenario, bool]] = [
        (p.stem, load_scenario(p), False) for p in sorted(root.glob("kutim-*.yaml"))]
    sizes = ["2k", "5k"] if args.quick else ["2k", "4k", "5k"]
    sizes += ["50k", "76k"] if args.full else []
    models += [(f"hard {size}", synthetic.hard(size), True) for size in sizes]
    head = (f"{'model':<28}{'vars':>7}{'highs':>8}" + "".join(f"{p:>10}" for p in POLICIES)
            + f"{'spare':>8}{'changes':>9}{'replan':>8}  covered default/ranks/equal  target")
    print(head)
    failed = False
    run(models[0][1], RunOptions(explain=False))  # imports and the MILP worker, once
    for name, scenario, hard in models:
        row = measure(name, scenario, repeat)
        mark = verdict(row, hard)
        failed |= mark == "FAIL"
        ratios = "".join(f"{row[p]:>6.2f}s{row[p] / row['highs']:>3.0f}x"[:10].rjust(10)
                         for p in POLICIES)
        covered = "/".join(str(row[f"{p}_covered"]) for p in ("default", "ranks", "equal"))
        print(f"{name:<28}{row['vars']:>7}{row['highs']:>7.3f}s{ratios}{row['spare']:>7.2f}s"
              f"{row['changes']:>8.2f}s{row['replan']:>7.2f}s  {covered:<28}{mark}")
        for b in row["broken"][:5]:
            print(f"    broken: {b}")
    print("\nTimes are medians of run() without explanations; NNx is that time over HiGHS's own "
          "LP on the same matrix.")
    sys.exit(1 if failed and args.strict else 0)


if __name__ == "__main__":
    main()
