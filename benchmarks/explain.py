"""Time the explanations against the plan's first LP and its whole solve, in one run.

For each model (a generated kabupaten, and the hard shapes with a mandate in every village at
5k, 50k and 76k variables) this measures, as the median of several runs in one process:

- LP:       the plan's first LP alone (HiGHS through the planner's solver, from its matrix)
- solve:    the planner's staged solve (LP, whole workers, least spend), as the pipeline runs it
- explain:  the explanations as the pipeline makes them, from the solver that made the plan
- alone:    the explanations of a plan without its solver (they build and solve the LP again)

and prints explain / LP and explain / solve, with how the statements were sized: from the basis
(duals, ranging and greedy bounds), by a warm re-solve, or left as a range when the budget ran
out, and the number of re-solves. Run: ``python benchmarks/explain.py [--quick]``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from planner.analysis.explain import Explanation, explanation  # noqa: E402
from planner.engine.formulation import build  # noqa: E402
from planner.engine.inputs import derive  # noqa: E402
from planner.engine.results import build_result  # noqa: E402
from planner.engine.schema import Scenario  # noqa: E402
from planner.engine.solve import Solver  # noqa: E402
from planner.engine.synthetic import hard, kabupaten  # noqa: E402


def first_lp(scenario: Scenario) -> float:
    """Seconds of the plan's first LP alone, on a fresh solver (matrix and model not counted)."""
    solver = Solver(build(derive(scenario)))
    t = time.perf_counter()
    solver.lp()
    return time.perf_counter() - t


def solve_and_explain(scenario: Scenario) -> tuple[float, float, Explanation, int]:
    """Solve and explain as the pipeline does: (solve s, explanation s, explanation, variables)."""
    inputs = derive(scenario)
    solver = Solver(build(inputs))
    t = time.perf_counter()
    solution = solver.solve()
    t_solve = time.perf_counter() - t
    result = build_result(inputs, solution)
    t = time.perf_counter()
    said = explanation(result, solver)
    return t_solve, time.perf_counter() - t, said, solver.mm.n


def explain_alone(scenario: Scenario) -> float:
    """Seconds of the explanations of a plan whose solver is gone (the LP is built again)."""
    inputs = derive(scenario)
    result = build_result(inputs, Solver(build(inputs)).solve())
    t = time.perf_counter()
    explanation(result)
    return time.perf_counter() - t


def measure(name: str, scenario: Scenario, repeat: int) -> dict[str, Any]:
    """All timings of one model."""
    lp = statistics.median(first_lp(scenario) for _ in range(repeat))
    runs = [solve_and_explain(scenario) for _ in range(repeat)]
    t_solve = statistics.median(r[0] for r in runs)
    middle = sorted(runs, key=lambda r: r[1])[len(runs) // 2]
    alone = statistics.median(explain_alone(scenario) for _ in range(repeat))
    said = middle[2]
    return {"model": name, "vars": middle[3], "lp": lp, "solve": t_solve, "explain": middle[1],
            "alone": alone, "said": said}


def main() -> None:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="one run each, no 76k model")
    args = parser.parse_args()
    repeat = 1 if args.quick else 3
    models: list[tuple[str, Scenario]] = [("kabupaten seed 0", kabupaten(0))]
    sizes = ["5k", "50k"] if args.quick else ["5k", "50k", "76k"]
    models += [(f"hard {size}", hard(size)) for size in sizes]
    header = (f"{'model':<18}{'vars':>7}  {'LP':>7}{'solve':>8}{'explain':>9}{'alone':>8}  "
              f"{'/ LP':>6}{'/ solve':>8}  {'claims':>6}{'basis':>6}{'re-solved':>10}"
              f"{'ranged':>7}{'re-solves':>10}")
    print("Explanations from the plan's solver as a ratio to the plan's first LP alone and to its "
          "whole solve; 'alone' is the explanations of a plan without its solver (LP built and "
          f"solved again). Seconds; median of {repeat} run(s).")
    print(header)
    print("-" * len(header))
    for name, scenario in models:
        m = measure(name, scenario, repeat)
        said: Explanation = m["said"]
        print(
            f"{m['model']:<18}{m['vars']:>7}  {m['lp']:>6.3f}s{m['solve']:>7.3f}s"
            f"{m['explain']:>8.3f}s{m['alone']:>7.3f}s  {m['explain'] / m['lp']:>6.2f}"
            f"{m['explain'] / m['solve']:>8.2f}  {said.claims:>6}{said.from_basis:>6}"
            f"{said.resolved:>10}{said.ranged:>7}{said.resolves:>10}"
        )
        sys.stdout.flush()


if __name__ == "__main__":
    main()
