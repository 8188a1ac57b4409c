"""Time the planning pipeline phase by phase, as ratios to HiGHS alone on the same model.

For each model (the examples, generated kabupaten and province models) this measures, as the
median of several runs in one process:

- validate: YAML text -> Scenario (pydantic, cross-field checks)
- inputs:   Scenario -> model numbers (premiums, cuts, limits, funding rules)
- build:    the PuLP problem
- solve:    matrix, LP, whole workers, least spend (the planner's staged solve)
- report:   pandas tables, messages and the JSON object
- pipeline: build + solve + report, what a slider in the app waits for after validation

and divides each by the time HiGHS alone takes to solve the same model's LP from its matrix
(passModel + run with HiGHS's default options, LP relaxation only). It also prints the gap to the
bound in workers and in rupiah. Run: ``python benchmarks/engine.py [--quick]``.
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

import highspy  # noqa: E402
import numpy as np  # noqa: E402

from planner.engine.formulation import build  # noqa: E402
from planner.engine.inputs import derive  # noqa: E402
from planner.engine.matrix import MatrixModel, to_matrix  # noqa: E402
from planner.engine.results import build_result  # noqa: E402
from planner.engine.scenarios import dump_scenario, list_examples, parse_scenario  # noqa: E402
from planner.engine.solution import SolveOptions  # noqa: E402
from planner.engine.solve import solve  # noqa: E402
from planner.engine.synthetic import kabupaten, province  # noqa: E402


def _median_time(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def highs_alone(mm: MatrixModel, allow_infeasible: bool = False, **options: Any) -> float:
    """Seconds HiGHS takes to load the LP from arrays and solve it."""
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    for k, v in options.items():
        h.setOptionValue(k, v)
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = mm.n, mm.m
    lp.col_cost_ = mm.cost
    lp.col_lower_ = np.zeros(mm.n)
    lp.col_upper_ = np.full(mm.n, highspy.kHighsInf)
    lp.row_lower_ = np.where(np.isfinite(mm.row_lower), mm.row_lower, -highspy.kHighsInf)
    lp.row_upper_ = np.where(np.isfinite(mm.row_upper), mm.row_upper, highspy.kHighsInf)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_, lp.a_matrix_.index_, lp.a_matrix_.value_ = mm.start, mm.index, mm.value
    t = time.perf_counter()
    h.passModel(lp)
    h.run()
    elapsed = time.perf_counter() - t
    assert allow_infeasible or h.getModelStatus() == highspy.HighsModelStatus.kOptimal
    return elapsed


def measure(name: str, text: str, repeat: int) -> dict[str, Any]:
    """All phases of one model."""
    t_validate, scenario = _median_time(lambda: parse_scenario(text), repeat)
    t_inputs, inputs = _median_time(lambda: derive(scenario), repeat)
    t_build, form = _median_time(lambda: build(inputs), repeat)
    options = SolveOptions()

    def solve_fresh() -> Any:
        return solve(build(inputs), options)

    t_solve_and_build, solution = _median_time(solve_fresh, repeat)
    t_solve = max(t_solve_and_build - t_build, 0.0)
    t_report, result = _median_time(
        lambda: build_result(inputs, solution).to_json("id"), repeat
    )
    mm = to_matrix(form)
    t_highs = statistics.median(highs_alone(mm) for _ in range(repeat))
    t_highs_primal = statistics.median(
        highs_alone(mm, simplex_strategy=4) for _ in range(repeat)
    )
    pipeline = t_build + t_solve + t_report
    return {
        "model": name,
        "vars": mm.n,
        "rows": mm.m,
        "validate": t_validate,
        "inputs": t_inputs,
        "build": t_build,
        "solve": t_solve,
        "report": t_report,
        "pipeline": pipeline,
        "highs": t_highs,
        "highs_primal": t_highs_primal,
        "gap_workers": int(round(solution.objective_bound - solution.objective)),
        "gap_rupiah": solution.spend_gap,
        "covered": result["covered_workers"],
    }


def main() -> None:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats, no province model")
    args = parser.parse_args()
    repeat = 3 if args.quick else 5
    models: list[tuple[str, str]] = [
        (p.stem, p.read_text(encoding="utf-8")) for p in list_examples()
    ]
    models += [(f"kabupaten seed {s}", dump_scenario(kabupaten(s))) for s in range(3)]
    if not args.quick:
        models.append(("province seed 0", dump_scenario(province(0))))
    header = (f"{'model':<28}{'vars':>7}{'rows':>7}  {'HiGHS LP':>9}  "
              f"{'validate':>9}{'inputs':>8}{'build':>8}{'solve':>8}{'report':>8}"
              f"{'pipeline':>10}{'vs primal':>10}  {'seconds':>8}  gap")
    print("Each phase as a ratio to HiGHS alone solving the model's LP from its matrix "
          "(default options); 'vs primal' divides the pipeline by HiGHS with primal simplex, "
          f"the algorithm the planner uses. Median of {repeat} runs.")
    print(header)
    print("-" * len(header))
    for name, text in models:
        m = measure(name, text, repeat)
        h = m["highs"]
        print(
            f"{m['model']:<28}{m['vars']:>7}{m['rows']:>7}  {h:>8.3f}s  "
            f"{m['validate'] / h:>9.2f}{m['inputs'] / h:>8.2f}{m['build'] / h:>8.2f}"
            f"{m['solve'] / h:>8.2f}{m['report'] / h:>8.2f}{m['pipeline'] / h:>10.2f}"
            f"{m['pipeline'] / m['highs_primal']:>10.2f}  {m['pipeline']:>7.3f}s  "
            f"{m['gap_workers']} workers, Rp{m['gap_rupiah']:,}"
        )
        sys.stdout.flush()


if __name__ == "__main__":
    main()
