"""The only caller of a solver: a PuLP formulation in, a whole-worker :class:`Solution` out.

HiGHS is driven through highspy on the matrix of the PuLP problem, read once in bulk, so that one
HiGHS model serves every stage (PuLP's own HiGHS adapter adds columns one at a time and rebuilds
the model for each solve, which costs more than the solve itself at village level):

1. the LP relaxation: its optimum U bounds every whole-worker plan; its duals explain the plan;
2. round down and repair to whole workers (mandates first, then the cheapest workers that still
   fit), which usually reaches ``floor(U)`` and then needs no MILP at all;
3. if it falls short, the MILP, warm-started from the repaired plan, closes the gap within a time
   budget; its dual bound tightens what we report as the bound;
4. least spend among plans reaching that objective: the LP with the objective held (its optimum is
   the spend bound), rounded and repaired the same way, and the MILP within the time budget.

Status is mapped once, in ``_STATUS``. PuLP's CBC is the fallback when highspy cannot be imported
(named in the solution's ``solver``); it reads both of PuLP's status fields, since a time limit can
come back as "Optimal".
"""

from __future__ import annotations

import contextlib
import math
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import pulp

from planner.errors import SolverUnavailable
from planner.formulation import Formulation
from planner.solution import SolveOptions, Solution, Status
from planner.tiebreak import fill_in_listed_order

try:
    import highspy
except ImportError:  # pragma: no cover - exercised by forcing solver="cbc"
    highspy = None

__all__ = ["HIGHS_AVAILABLE", "MatrixModel", "solve", "to_matrix"]

HIGHS_AVAILABLE = highspy is not None
INF = math.inf
_EPS = 1e-6
IPM_ABOVE = 30_000  # columns above which the LP goes to the interior point method


@dataclass
class MatrixModel:
    """A PuLP problem as arrays, in minimisation form (a maximised objective is negated)."""

    cost: np.ndarray  # objective, minimisation form
    spend: np.ndarray  # the second-stage objective (rupiah per worker)
    row_lower: np.ndarray
    row_upper: np.ndarray
    start: np.ndarray  # column-wise sparse matrix
    index: np.ndarray
    value: np.ndarray
    row_names: list[str]
    sign: float  # -1 when the original objective is maximised
    integral_objective: bool

    @property
    def n(self) -> int:
        """Number of columns."""
        return len(self.cost)

    @property
    def m(self) -> int:
        """Number of rows."""
        return len(self.row_lower)

    def activity(self, x: np.ndarray) -> np.ndarray:
        """Row activities A x."""
        counts = np.diff(self.start)
        return np.bincount(self.index, self.value * np.repeat(x, counts), minlength=self.m)

    def row_wise(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The matrix row-wise: (start, column index, value)."""
        cols = np.repeat(np.arange(self.n), np.diff(self.start))
        order = np.argsort(self.index, kind="stable")
        start = np.concatenate(([0], np.cumsum(np.bincount(self.index, minlength=self.m))))
        return start, cols[order], self.value[order]


def to_matrix(f: Formulation) -> MatrixModel:
    """Read the PuLP problem's matrix once, columns in the order of ``f.x``."""
    col = {v.name: j for j, v in enumerate(f.x.values())}
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    lower, upper, names = [], [], []
    for i, (name, con) in enumerate(zip(f.rows, f.constraints, strict=True)):
        for var, coef in con.items():
            rows.append(i)
            cols.append(col[var.name])
            vals.append(coef)
        lb, ub = con.getLb(), con.getUb()
        lower.append(-INF if lb is None else lb)
        upper.append(INF if ub is None else ub)
        names.append(name)
    r = np.asarray(rows, dtype=np.int32)
    c = np.asarray(cols, dtype=np.int32)
    v = np.asarray(vals, dtype=float)
    order = np.lexsort((r, c))
    n = len(col)
    start = np.concatenate(([0], np.cumsum(np.bincount(c, minlength=n)))).astype(np.int32)
    sign = -1.0 if f.maximise else 1.0
    cost = np.zeros(n)
    for var, coef in f.problem.objective.items():
        cost[col[var.name]] = sign * coef
    spend = np.zeros(n)
    for var, coef in f.spend.items():
        spend[col[var.name]] = coef
    return MatrixModel(
        cost=cost,
        spend=spend,
        row_lower=np.asarray(lower, dtype=float),
        row_upper=np.asarray(upper, dtype=float),
        start=start,
        index=r[order],
        value=v[order],
        row_names=names,
        sign=sign,
        integral_objective=bool(np.all(np.abs(cost - np.round(cost)) < 1e-9)),
    )


# --- rounding and repair ---------------------------------------------------------------------


class _Rounder:
    """Round an LP point down to whole workers and repair it greedily, keeping A x within bounds.

    Works on any model whose columns have non-negative coefficients (ours: budgets, head-counts,
    mandates, equity and the held objective), so a larger x only ever tightens <= rows.
    """

    def __init__(self, mm: MatrixModel, extra_lower: tuple[np.ndarray, float] | None = None):
        self.mm = mm
        self.rstart, self.rcols, self.rvals = mm.row_wise()
        self.extra = extra_lower  # a further row  a x >= b (the held objective of stage 2)

    def _room(self, j: int, act: np.ndarray) -> float:
        mm = self.mm
        lo, hi = mm.start[j], mm.start[j + 1]
        rows, a = mm.index[lo:hi], mm.value[lo:hi]
        slack = mm.row_upper[rows] - act[rows]
        pos = a > 0
        if not pos.any():
            return INF
        return float(np.floor(np.min(slack[pos] / a[pos]) + 1e-9))

    def _rooms(self, act: np.ndarray) -> np.ndarray:
        """For every column, how many more units fit in its <= rows."""
        mm = self.mm
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = (mm.row_upper[mm.index] - act[mm.index]) / np.where(
                mm.value > 0, mm.value, np.nan
            )
        ratio = np.nan_to_num(ratio, nan=INF, posinf=INF)
        counts = np.diff(mm.start)
        room = np.full(mm.n, INF)
        has = counts > 0
        room[has] = np.minimum.reduceat(ratio, mm.start[:-1][has])
        return np.floor(room + 1e-9)

    def _add(self, j: int, delta: float, x: np.ndarray, act: np.ndarray) -> None:
        mm = self.mm
        lo, hi = mm.start[j], mm.start[j + 1]
        x[j] += delta
        act[mm.index[lo:hi]] += mm.value[lo:hi] * delta

    def run(self, x_lp: np.ndarray, priority: np.ndarray, *, improve: bool) -> np.ndarray:
        """Whole-worker point near ``x_lp``; ``priority`` orders columns (lower comes first)."""
        mm = self.mm
        x = np.floor(np.maximum(x_lp, 0) + 1e-7)
        act = mm.activity(x)
        # 1. rows with a floor (mandates, equity): add the cheapest workers that fit
        for i in np.flatnonzero(act < mm.row_lower - 1e-9):
            cols = self.rcols[self.rstart[i] : self.rstart[i + 1]]
            vals = self.rvals[self.rstart[i] : self.rstart[i + 1]]
            for k in np.argsort(priority[cols] / np.maximum(vals, 1e-12), kind="stable"):
                need = mm.row_lower[i] - act[i]
                if need <= 1e-9:
                    break
                j = int(cols[k])
                delta = min(math.ceil(need / vals[k] - 1e-9), self._room(j, act))
                if delta >= 1:
                    self._add(j, delta, x, act)
        if self.extra is not None:
            a, b = self.extra
            have = float(a @ x)
            if have < b - 1e-9:
                fits = np.flatnonzero((self._rooms(act) >= 1) & (a > 0))
                for j in fits[np.argsort(priority[fits] / a[fits], kind="stable")]:
                    if have >= b - 1e-9:
                        break
                    delta = min(math.ceil((b - have) / a[j] - 1e-9), self._room(int(j), act))
                    if delta >= 1:
                        self._add(int(j), delta, x, act)
                        have += a[j] * delta
        # 2. spend what is left on the best workers that still fit
        if improve:
            fits = np.flatnonzero(self._rooms(act) >= 1)
            for j in fits[np.argsort(priority[fits], kind="stable")]:
                delta = self._room(int(j), act)
                if delta >= 1 and math.isfinite(delta):
                    self._add(int(j), delta, x, act)
        return x

    def feasible(self, x: np.ndarray) -> bool:
        """True if ``x`` keeps every row within its bounds."""
        act = self.mm.activity(x)
        tol = 1e-6 * np.maximum(1.0, np.abs(act))
        ok = bool(np.all(act <= self.mm.row_upper + tol) and np.all(act >= self.mm.row_lower - tol))
        if ok and self.extra is not None:
            a, b = self.extra
            ok = float(a @ x) >= b - 1e-6
        return ok


# --- HiGHS -----------------------------------------------------------------------------------

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


class _Highs:
    """One HiGHS model reused across the stages."""

    def __init__(self, mm: MatrixModel):
        with _quiet_stdout():
            self.h = highspy.Highs()
        h = self.h
        h.setOptionValue("output_flag", False)
        h.setOptionValue("random_seed", 0)
        h.setOptionValue("threads", 1)
        lp = highspy.HighsLp()
        lp.num_col_ = mm.n
        lp.num_row_ = mm.m
        lp.col_cost_ = mm.cost
        lp.col_lower_ = np.zeros(mm.n)
        lp.col_upper_ = np.full(mm.n, highspy.kHighsInf)
        lp.row_lower_ = np.where(np.isfinite(mm.row_lower), mm.row_lower, -highspy.kHighsInf)
        lp.row_upper_ = np.where(np.isfinite(mm.row_upper), mm.row_upper, highspy.kHighsInf)
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = mm.start
        lp.a_matrix_.index_ = mm.index
        lp.a_matrix_.value_ = mm.value
        h.passModel(lp)
        self.n = mm.n

    def lp(self, *, ipm: bool) -> Status | None:
        """Solve the LP: primal simplex (x = 0 is nearly feasible here, and stage 2 starts from
        stage 1's basis, which stays primal feasible), or IPM with crossover on big models."""
        h = self.h
        h.setOptionValue("solver", "ipm" if ipm else "simplex")
        h.setOptionValue("simplex_strategy", 4)
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
        """The MILP's point and bound, or None when HiGHS's report does not add up."""
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
        return np.asarray(self.h.getSolution().col_value)

    def objective(self) -> float:
        return float(self.h.getInfo().objective_function_value)

    def duals(self) -> np.ndarray:
        return np.asarray(self.h.getSolution().row_dual)

    def hold_objective(self, cost: np.ndarray, best: float, spend: np.ndarray) -> None:
        """Add ``cost x <= best`` (min form) and make spend the objective."""
        nz = np.flatnonzero(cost)
        self.h.addRow(-highspy.kHighsInf, best, len(nz), nz.astype(np.int32), cost[nz])
        self.h.changeColsCost(self.n, np.arange(self.n, dtype=np.int32), spend)


def _priority(mm: MatrixModel) -> np.ndarray:
    """Column order for greedy filling: most objective per rupiah first, then cheapest."""
    gain = np.maximum(-mm.cost, 0) if mm.sign < 0 else np.ones(mm.n)
    return mm.spend / np.maximum(gain, 1e-12) + 1e-9 * mm.spend


def _bound(mm: MatrixModel, lp_value_min: float) -> float:
    """Best objective any whole-worker plan can reach, in minimisation form."""
    if mm.integral_objective:
        return math.ceil(lp_value_min - _EPS)
    return lp_value_min


def solve(f: Formulation, options: SolveOptions | None = None) -> Solution:
    """Solve ``f`` to a whole-worker plan; see the module docstring for the stages."""
    options = options or SolveOptions()
    if options.solver == "cbc" or not HIGHS_AVAILABLE:
        return _solve_cbc(f, options)
    if options.solver != "highs":
        raise SolverUnavailable(f"unknown solver {options.solver!r}; use highs or cbc")
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    mm = to_matrix(f)
    cells = list(f.x)
    timings["matrix"] = time.perf_counter() - t0
    t = time.perf_counter()
    hs = _Highs(mm)
    solver = f"HiGHS {hs.h.version()}"
    if mm.n == 0:
        return _empty(f, mm, solver, timings)
    status = hs.lp(ipm=mm.n > IPM_ABOVE)
    timings["lp"] = time.perf_counter() - t
    if status is None:
        return Solution(Status.ERROR, solver, timings=timings,
                        notes=[f"HiGHS: {hs.h.modelStatusToString(hs.h.getModelStatus())}"])
    if status is Status.INFEASIBLE:
        return Solution(Status.INFEASIBLE, solver, timings=timings)
    lp_min = hs.objective()
    x_lp = hs.values()
    duals = hs.duals()
    shadow = {name: float(mm.sign * d) + 0.0 for name, d in zip(mm.row_names, duals, strict=True)}
    notes: list[str] = []

    # stage 1: whole workers for the objective
    t = time.perf_counter()
    rounder = _Rounder(mm)
    priority = _priority(mm)
    x = rounder.run(x_lp, priority, improve=mm.sign < 0)
    if not rounder.feasible(x):  # pragma: no cover - the repair keeps rows; guard all the same
        x = np.zeros(mm.n)
    bound = _bound(mm, lp_min)
    best = float(mm.cost @ x) if rounder.feasible(x) else INF
    budget = options.milp_time(mm.n)
    timings["round"] = time.perf_counter() - t
    if best > bound + _EPS and budget > 0:
        t = time.perf_counter()
        x_mip, mip_bound = hs.milp(x, budget, mm.integral_objective, mm.cost)
        if x_mip is not None and rounder.feasible(x_mip) and mm.cost @ x_mip < best - _EPS:
            x, best = x_mip, float(mm.cost @ x_mip)
        if math.isfinite(mip_bound):
            bound = max(bound, _bound(mm, mip_bound))
        timings["milp"] = time.perf_counter() - t
        if best > bound + _EPS:
            notes.append("milp_time_limit")
    if not math.isfinite(best):  # only a MILP could find a whole-worker plan, and it did not
        return Solution(Status.INFEASIBLE, solver, timings=timings, notes=["no_integer_plan"])

    spend = float(mm.spend @ x)
    spend_bound = spend
    if options.lexicographic and mm.sign < 0:
        # stage 2: least spend among plans that reach `best`
        t = time.perf_counter()
        hold = best + (1e-6 if mm.integral_objective else 1e-7 * max(1.0, abs(best)))
        hs.hold_objective(mm.cost, hold, mm.spend)
        status2 = hs.lp(ipm=False)
        timings["lp2"] = time.perf_counter() - t
        if status2 is Status.OPTIMAL:
            spend_lp = hs.objective()
            spend_bound = math.ceil(spend_lp - 1e-6 * max(1.0, spend_lp) * 1e-3)
            t = time.perf_counter()
            r2 = _Rounder(mm, extra_lower=(-mm.cost, -hold))
            x2 = r2.run(hs.values(), mm.spend, improve=False)
            if r2.feasible(x2) and mm.spend @ x2 < spend - 0.5:
                x, spend = x2, float(mm.spend @ x2)
            timings["round2"] = time.perf_counter() - t
            if spend > spend_bound + 0.5 and budget > 0:
                t = time.perf_counter()
                x_mip, mip_bound = hs.milp(x, budget, True, mm.spend)
                if x_mip is not None and r2.feasible(x_mip) and mm.spend @ x_mip < spend - 0.5:
                    x, spend = x_mip, float(mm.spend @ x_mip)
                if math.isfinite(mip_bound):
                    spend_bound = max(spend_bound, math.ceil(mip_bound - 1e-6))
                timings["milp2"] = time.perf_counter() - t
            spend_bound = min(spend_bound, round(spend))
    elif mm.sign > 0:
        spend_bound = -math.inf if not math.isfinite(bound) else bound
        spend_bound = min(round(spend), math.ceil(spend_bound - _EPS))

    return Solution(
        status=Status.OPTIMAL,
        solver=solver,
        workers=fill_in_listed_order(
            f.inputs, {c: int(v) for c, v in zip(cells, x, strict=True) if v > 0.5}
        ),
        objective=float(mm.sign * best) + 0.0,
        objective_bound=float(mm.sign * bound) + 0.0,
        lp_objective=float(mm.sign * lp_min) + 0.0,
        spend=round(spend),
        spend_bound=int(spend_bound),
        shadow_prices=shadow,
        lp_workers={c: float(v) for c, v in zip(cells, x_lp, strict=True) if v > 1e-9},
        timings=timings,
        notes=notes,
    )


def _empty(f: Formulation, mm: MatrixModel, solver: str, timings: dict[str, float]) -> Solution:
    """A model with nobody any source may pay for: feasible only if nothing is required."""
    if np.any(mm.row_lower > 0):
        return Solution(Status.INFEASIBLE, solver, timings=timings)
    shadow = dict.fromkeys(mm.row_names, 0.0)
    return Solution(Status.OPTIMAL, solver, shadow_prices=shadow, timings=timings)


# --- CBC fallback ----------------------------------------------------------------------------

def _cbc() -> Any:
    """PuLP's CBC: the bundled binary (PuLP 3) or an installed one (PuLP 4)."""
    make = getattr(pulp, "PULP_CBC_CMD", None) or pulp.COIN_CMD
    return make


def _solve_cbc(f: Formulation, options: SolveOptions) -> Solution:
    """Solve with PuLP's CBC: exact MILP for both stages, LP relaxation for the duals."""
    cbc = _cbc()
    if not cbc(msg=False).available():
        raise SolverUnavailable("neither highspy nor PuLP's CBC can be run; pip install highspy")
    cells = list(f.x)
    timings: dict[str, float] = {}
    limit = options.milp_time(len(cells))
    t = time.perf_counter()
    for v in f.x.values():
        v.cat = pulp.LpContinuous
    f.problem.solve(cbc(msg=False))
    relaxed = f.problem
    if relaxed.status != pulp.LpStatusOptimal:
        for v in f.x.values():
            v.cat = pulp.LpInteger
        return Solution(Status.INFEASIBLE, "CBC (fallback)", timings=timings)
    lp_value = float(pulp.value(relaxed.objective) or 0.0)
    shadow = {name: float(c.pi or 0.0) for name, c in zip(f.rows, f.constraints, strict=True)}
    lp_workers = {c: float(v.varValue or 0.0) for c, v in f.x.items()}
    for v in f.x.values():
        v.cat = pulp.LpInteger
    timings["lp"] = time.perf_counter() - t
    t = time.perf_counter()
    f.problem.solve(cbc(msg=False, timeLimit=limit, gapRel=0, gapAbs=0.999))
    timings["milp"] = time.perf_counter() - t
    if f.problem.sol_status not in (pulp.LpSolutionOptimal, pulp.LpSolutionIntegerFeasible):
        return Solution(Status.INFEASIBLE, "CBC (fallback)", timings=timings)
    notes = [] if f.problem.sol_status == pulp.LpSolutionOptimal else ["milp_time_limit"]
    best = float(pulp.value(f.problem.objective) or 0.0)
    maximise = f.maximise
    values = {c: round(v.varValue or 0.0) for c, v in f.x.items()}
    spend_bound = None
    if options.lexicographic and maximise:
        held = pulp.LpConstraint(f.problem.objective, pulp.LpConstraintGE, rhs=best - 1e-6)
        stage2 = f.problem.copy()
        stage2.addConstraint(held, "hold_objective")
        stage2.sense = pulp.LpMinimize
        stage2.setObjective(f.spend)
        stage2.solve(cbc(msg=False, timeLimit=limit, gapRel=0, gapAbs=0.999))
        if stage2.sol_status in (pulp.LpSolutionOptimal, pulp.LpSolutionIntegerFeasible):
            values = {c: round(v.varValue or 0.0) for c, v in f.x.items()}
            if stage2.sol_status != pulp.LpSolutionOptimal:
                notes.append("milp_time_limit")
            else:
                spend_bound = None  # proven: the bound equals the spend below
    spend = sum(f.inputs.unit_cost[c[0], c[2]] * w for c, w in values.items())
    proven = "milp_time_limit" not in notes
    bound = best if proven else (math.floor(lp_value + _EPS) if maximise else lp_value)
    return Solution(
        status=Status.OPTIMAL,
        solver="CBC (fallback)",
        workers=fill_in_listed_order(f.inputs, {c: w for c, w in values.items() if w > 0}),
        objective=best,
        objective_bound=bound,
        lp_objective=lp_value,
        spend=spend,
        spend_bound=spend if spend_bound is None and proven else 0,
        shadow_prices=shadow,
        lp_workers=lp_workers,
        timings=timings,
        notes=notes,
    )
