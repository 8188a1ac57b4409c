"""HiGHS through highspy: the only module that imports it.

One :class:`HighsModel` holds a model for all stages of a solve (LP, MILP, least spend) and for
the re-solves of the analyses, which change right-hand sides and warm-start from the last basis.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Iterator
from typing import Any

import numpy as np

from planner.engine.matrix import INF, MatrixModel
from planner.engine.solution import Status

try:
    import highspy
except ImportError:  # pragma: no cover - exercised by forcing solver="cbc"
    highspy = None  # type: ignore[assignment]

__all__ = ["HIGHS_AVAILABLE", "HighsModel", "IPM_ABOVE"]

HIGHS_AVAILABLE = highspy is not None
IPM_ABOVE = 30_000  # columns above which the LP goes to the interior point method

_banner_shown = False


@contextlib.contextmanager
def _quiet_stdout() -> Iterator[None]:
    """Keep HiGHS's one-off start-up banner out of stdout (it would corrupt ``--json``)."""
    global _banner_shown
    if _banner_shown:
        yield
        return
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), 1)
            yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        _banner_shown = True


def _status_map() -> dict[Any, Status]:
    s = highspy.HighsModelStatus
    return {
        s.kOptimal: Status.OPTIMAL,
        s.kInfeasible: Status.INFEASIBLE,
        s.kUnboundedOrInfeasible: Status.INFEASIBLE,
    }


class HighsModel:
    """One HiGHS model reused across the stages."""

    def __init__(self, mm: MatrixModel) -> None:
        with _quiet_stdout():
            self.h = highspy.Highs()  # type: ignore[no-untyped-call]  # unannotated __init__
        h = self.h
        h.setOptionValue("output_flag", False)
        h.setOptionValue("random_seed", 0)
        lp = highspy.HighsLp()
        lp.num_col_ = mm.n
        lp.num_row_ = mm.m
        lp.col_cost_ = mm.cost
        lp.col_lower_ = np.zeros(mm.n)
        lp.col_upper_ = np.where(np.isfinite(mm.col_upper), mm.col_upper, highspy.kHighsInf)
        lp.row_lower_ = np.where(np.isfinite(mm.row_lower), mm.row_lower, -highspy.kHighsInf)
        lp.row_upper_ = np.where(np.isfinite(mm.row_upper), mm.row_upper, highspy.kHighsInf)
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = mm.start
        lp.a_matrix_.index_ = mm.index
        lp.a_matrix_.value_ = mm.value
        h.passModel(lp)
        self.n = mm.n
        self.m = mm.m
        self.cost = mm.cost
        self.held = False

    def lp(self, *, ipm: bool, dual: bool = False) -> Status | None:
        """Solve the LP.

        Primal simplex from scratch (x = 0 is nearly feasible here, and stage 2 starts from
        stage 1's basis, which stays primal feasible); dual simplex after right-hand sides
        changed (the last basis stays dual feasible); IPM with crossover on big cold models.
        """
        h = self.h
        h.setOptionValue("solver", "ipm" if ipm and not dual else "simplex")
        h.setOptionValue("simplex_strategy", 1 if dual else 4)
        h.setOptionValue("run_crossover", "on")
        h.setOptionValue("time_limit", highspy.kHighsInf)
        h.run()
        return _status_map().get(h.getModelStatus())

    def milp(
        self, x0: np.ndarray, seconds: float, integral: bool, cost: np.ndarray
    ) -> tuple[np.ndarray | None, float]:
        """Run the MILP from ``x0``; return (best point or None, dual bound in min form).

        ``cost`` is the objective the model currently holds. When HiGHS proves optimality the
        bound returned is the incumbent's objective itself (with an integral objective and an
        absolute gap below one nothing better exists). HiGHS 1.16 can misreport the objective
        and the dual bound of a MILP started from a user solution (off by the cost of columns
        presolve fixed), so the answer is trusted only when HiGHS's objective matches the
        incumbent's objective computed here; if not, the MILP is run again without the start.
        """
        h = self.h
        cols = np.arange(self.n, dtype=np.int32)
        h.changeColsIntegrality(self.n, cols, np.full(self.n, highspy.HighsVarType.kInteger))
        h.setOptionValue("solver", "choose")
        h.setOptionValue("mip_rel_gap", 0.0)
        h.setOptionValue("mip_abs_gap", 1 - 1e-6 if integral else 1e-6)
        deadline = time.perf_counter() + max(seconds, 0.01)
        try:
            for warm in (True, False):
                h.setOptionValue("time_limit", max(deadline - time.perf_counter(), 0.01))
                if warm:
                    sol = highspy.HighsSolution()
                    sol.col_value = x0.tolist()
                    sol.value_valid = True
                    h.setSolution(sol)
                else:
                    h.clearSolver()
                h.run()
                answer = self._mip_answer(cost)
                if answer is not None:
                    return answer
            return None, -INF
        finally:
            h.changeColsIntegrality(
                self.n, cols, np.full(self.n, highspy.HighsVarType.kContinuous)
            )

    def _mip_answer(self, cost: np.ndarray) -> tuple[np.ndarray | None, float] | None:
        """Return the MILP's point and bound, or None when HiGHS's report does not add up."""
        h = self.h
        info = h.getInfo()
        status = h.getModelStatus()
        if status == highspy.HighsModelStatus.kInfeasible:
            return None, INF
        if info.primal_solution_status != highspy.kSolutionStatusFeasible:
            return None, -INF
        x = np.round(np.asarray(h.getSolution().col_value))
        value = float(cost @ x)
        bound = float(info.mip_dual_bound)
        reported = float(info.objective_function_value)
        if abs(reported - value) > 1e-6 * max(1.0, abs(value)) or bound > value + 1e-6:
            return None
        return x, value if status == highspy.HighsModelStatus.kOptimal else bound

    def values(self) -> np.ndarray:
        """Column values of the last solution."""
        return np.asarray(self.h.getSolution().col_value)

    def objective(self) -> float:
        """Objective value of the last solution (min form)."""
        return float(self.h.getInfo().objective_function_value)

    def duals(self) -> np.ndarray:
        """Row duals of the last solution."""
        return np.asarray(self.h.getSolution().row_dual)

    def hold_objective(self, cost: np.ndarray, best: float, spend: np.ndarray) -> None:
        """Hold ``cost x <= best`` (min form) and make spend the objective (stage 2).

        The row is added once and kept; later calls only move its bound, so the basis of the
        last stage-2 solve stays valid for the next.
        """
        if self.held:
            self.h.changeRowBounds(self.m, -highspy.kHighsInf, best)
            return
        nz = np.flatnonzero(cost)
        self.h.addRow(-highspy.kHighsInf, best, len(nz), nz.astype(np.int32), cost[nz])
        self.held = True
        self.set_cost(spend)

    def release_objective(self) -> None:
        """Drop the held-objective row of stage 2 and restore the model's own objective."""
        if self.held:
            last = self.h.getNumRow() - 1
            self.h.deleteRows(1, np.array([last], dtype=np.int32))
            self.held = False
        self.set_cost(self.cost)

    def set_cost(self, cost: np.ndarray) -> None:
        """Make ``cost`` (min form) the objective."""
        self.h.changeColsCost(self.n, np.arange(self.n, dtype=np.int32), cost)

    def set_row_bounds(self, rows: np.ndarray, lower: np.ndarray, upper: np.ndarray) -> None:
        """Change the bounds of ``rows``; the next solve starts from the current basis."""
        lo = np.where(np.isfinite(lower), lower, -highspy.kHighsInf)
        hi = np.where(np.isfinite(upper), upper, highspy.kHighsInf)
        # bound at run time, missing from highspy's _core stubs
        self.h.changeRowsBounds(  # type: ignore[attr-defined]
            len(rows), rows.astype(np.int32), lo, hi
        )

    def row_activity(self) -> np.ndarray:
        """Row activities of the last solution (the model's own rows)."""
        return np.asarray(self.h.getSolution().row_value)[: self.m]
