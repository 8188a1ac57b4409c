"""Time the cut curve against the same number of cold HiGHS solves, in one run.

For each model, a 51-point sweep (whole-worker plans with least spend at each cut, each point
solved from scratch on one model with that cut's budgets, so that it is the very plan
`planner solve --cut` gives) is divided by the time of 51 cold HiGHS LP solves of the same model,
each loaded from its matrix with that cut's budgets (HiGHS's default options). The breakpoints,
the largest feasible cut and the curve without protections are timed too, and the whole sweep
is checked against the issue's target for a kabupaten (under 5 s). The models: the examples, a
generated kabupaten and a hard one (a mandate in every village, restricted sources, about 5,000
variables). Run: ``python benchmarks/analysis.py [--quick]``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402

from benchmarks.engine import highs_alone  # noqa: E402
from planner.analysis import budget_rows, sweep  # noqa: E402
from planner.engine.formulation import build  # noqa: E402
from planner.engine.inputs import derive  # noqa: E402
from planner.engine.matrix import to_matrix  # noqa: E402
from planner.engine.scenarios import list_examples, load_scenario  # noqa: E402
from planner.engine.schema import Scenario  # noqa: E402
from planner.engine.synthetic import hard, kabupaten  # noqa: E402

STEPS = 51


def cold_solves(scenario: Scenario, cuts: list[float]) -> float:
    """Seconds for one cold HiGHS LP solve per cut, the model loaded from its matrix each time."""
    inputs = derive(scenario)
    mm = to_matrix(build(inputs))
    index = {name: i for i, name in enumerate(mm.row_names)}
    total = 0.0
    for k in cuts:
        upper = mm.row_upper.copy()
        for name, (_, hi) in budget_rows(inputs, k).items():
            upper[index[name]] = hi
        mm_k = type(mm)(**{**mm.__dict__, "row_upper": np.asarray(upper)})
        total += highs_alone(mm_k, allow_infeasible=True)
    return total


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="one repeat, one kabupaten")
    args = parser.parse_args()
    repeat = 1 if args.quick else 3
    models = [(p.stem, load_scenario(p)) for p in list_examples()]
    models += [(f"kabupaten seed {s}", kabupaten(s)) for s in range(1 if args.quick else 2)]
    models.append(("hard 5k", hard("5k")))
    cuts = [0.5 * i / (STEPS - 1) for i in range(STEPS)]
    print(f"A {STEPS}-point sweep from 0 to 50% as a ratio to {STEPS} cold HiGHS LP solves of the "
          f"same model (median of {repeat}).")
    head = (f"{'model':<26}{'cold LPs':>10}{'points':>9}{'ratio':>7}{'breakpoints':>13}"
            f"{'max cut':>9}{'no protection':>15}{'total':>8}  target")
    print(head)
    print("-" * len(head))
    for name, scenario in models:
        cold = statistics.median(cold_solves(scenario, cuts) for _ in range(repeat))
        runs = []
        for _ in range(repeat):
            t = time.perf_counter()
            result = sweep(scenario, 0.0, 0.5, STEPS)
            runs.append((time.perf_counter() - t, result.timings))
        total, timings = sorted(runs, key=lambda r: r[0])[len(runs) // 2]
        print(f"{name:<26}{cold:>9.3f}s{timings['points']:>8.3f}s"
              f"{timings['points'] / cold:>7.2f}{timings['breakpoints']:>12.3f}s"
              f"{timings['max_feasible_cut']:>8.3f}s{timings['unprotected']:>14.3f}s"
              f"{total:>7.3f}s  {'ok' if total < 5 else 'FAIL'}")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
