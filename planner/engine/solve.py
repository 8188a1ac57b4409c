"""The only caller of a solver: a model in, a whole-worker :class:`Solution` out.

The model is a plan's inputs (its matrix built straight from them, :func:`plan_matrix`) or a
PuLP formulation that an analysis has added to, read once in bulk (:func:`to_matrix`). HiGHS is
driven through highspy (:mod:`~planner.engine.highs`) on that matrix, so one HiGHS model serves
every stage and every re-solve of an analysis:

1. the LP relaxation: its optimum U bounds every whole-worker plan; its duals explain the plan;
2. round down and repair to whole workers (mandates first, then the cheapest workers that still
   fit), then exchange moves (a worker shifted to another payer with room frees money for one
   more), which usually lands within a worker or two of ``floor(U)`` with no MILP at all;
3. when the repair cannot meet every floor (a mandate in every village, money that cannot be
   pooled across sources), fix and re-solve: the columns of each short row keep at least whole
   values that meet it, and the LP is re-solved from its basis for the rest; a few rounds give a
   whole-worker plan without the MILP;
4. the MILP, warm-started from that plan, closes what is left of the gap within the time budget;
   its dual bound tightens what we report as the bound;
5. least spend among plans reaching that objective: the LP with the objective held (its optimum is
   the spend bound), rounded and repaired the same way, workers moved to payers that pay less
   for them, and the MILP in the time that is left.

The time budget (:meth:`SolveOptions.budget`) is wall clock for everything past the first LP,
both stages together; the MILP runs in a worker process stopped at its deadline
(:meth:`HighsModel.milp`).

HiGHS statuses are mapped once, in :mod:`~planner.engine.highs`. PuLP's CBC is the fallback when
highspy cannot be imported (named in the solution's ``solver``); it reads both of PuLP's status
fields, since a time limit can come back as "Optimal".
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any, cast

import numpy as np
import pulp

from planner.engine.formulation import Formulation, policy_rows
from planner.engine.highs import HIGHS_AVAILABLE, IPM_ABOVE, HighsModel, prestart_worker
from planner.engine.inputs import Cell, ModelInputs
from planner.engine.matrix import INF, MatrixModel, plan_matrix, to_matrix
from planner.engine.rounding import Rounder
from planner.engine.solution import Solution, SolveOptions, Status
from planner.engine.tiebreak import EvenShare, SpendOrder
from planner.errors import SolverFailed, SolverUnavailable

__all__ = ["HIGHS_AVAILABLE", "RESCUE_SECONDS", "LpAnswer", "Solver", "solve"]

_EPS = 1e-6
RESCUE_SECONDS = 3.0  # MILP time to find any whole-worker plan when repair cannot, budget or not
_FIX_ROUNDS = 4  # fix-and-resolve rounds before the MILP is asked for a plan
_EASE_ROUNDS = 8  # rounds share floors in rounding's way are lowered a worker, then dropped


def _priority(mm: MatrixModel) -> np.ndarray:
    """Column order for greedy filling: most objective per rupiah first, then cheapest."""
    gain = np.maximum(-mm.cost, 0) if mm.sign < 0 else np.ones(mm.n)
    return mm.spend / np.maximum(gain, 1e-12) + 1e-9 * mm.spend


def _bound(mm: MatrixModel, lp_value_min: float) -> float:
    """Best objective any whole-worker plan can reach, in minimisation form."""
    if mm.integral_objective:
        return math.ceil(lp_value_min - _EPS)
    return lp_value_min


def _row_steps(mm: MatrixModel, n_cells: int, whole: bool) -> np.ndarray:
    """Per row, the step its activity moves in with whole workers (0 where it is not whole).

    A row whose columns are all whole-worker columns with whole coefficients (a budget in whole
    rupiah premiums, a head-count, a mandate) can only take multiples of the coefficients'
    greatest common divisor, so its bounds may be rounded to those multiples without losing a
    single whole-worker plan. That tightens the LP where it matters: a source that pays one
    premium (a village budget for village officials) cannot spend the fraction of a worker's
    premium that its budget holds beyond whole workers.
    """
    steps = np.zeros(mm.m)
    if not whole or mm.m == 0 or mm.index.size == 0:
        return steps
    start, cols, vals = mm.row_wise()
    rounded = np.round(vals)
    good = (cols < n_cells) & (np.abs(vals - rounded) < 1e-9) & (rounded != 0)
    counts = np.diff(start)
    rows = np.flatnonzero(counts > 0)
    starts = start[:-1][rows]
    all_good = np.logical_and.reduceat(good, starts)
    divisor = np.gcd.reduceat(np.abs(rounded).astype(np.int64), starts)
    steps[rows] = np.where(all_good, divisor, 0).astype(float)
    return steps


def _whole_bounds(
    steps: np.ndarray, lower: np.ndarray, upper: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Round row bounds to the multiples of each row's step that whole workers can reach."""
    lower, upper = lower.copy(), upper.copy()
    rows = np.flatnonzero(steps > 0)
    g = steps[rows]
    with np.errstate(invalid="ignore"):
        lo = np.ceil(lower[rows] / g - 1e-9) * g
        hi = np.floor(upper[rows] / g + 1e-9) * g
    lower[rows] = np.where(np.isfinite(lower[rows]), lo, lower[rows])
    upper[rows] = np.where(np.isfinite(upper[rows]), hi, upper[rows])
    return lower, upper


@dataclass
class LpAnswer:
    """The LP relaxation at one setting: objective in the model's own sense, values, duals."""

    status: Status
    objective: float = 0.0
    values: dict[tuple[str, str, str], float] = field(default_factory=dict)
    duals: dict[str, float] = field(default_factory=dict)
    extra_values: dict[str, float] = field(default_factory=dict)  # the formulation's extras


class Solver:
    """The staged solve on one HiGHS model, reusable with changed right-hand sides.

    ``set_rows({name: (lower, upper)})`` changes constraint bounds (a budget after another cut, a
    mandate relaxed); :meth:`solve` and :meth:`lp` then start from the last basis.
    """

    def __init__(
        self, f: Formulation | ModelInputs, options: SolveOptions | None = None
    ) -> None:
        """Make the model of ``f``: a formulation, or the inputs of a plan.

        The analyses pass formulations, to which they add columns and rows of their own; a plan
        passes its inputs, whose matrix is built straight from them (:func:`plan_matrix`: the
        same matrix without PuLP's cost).
        """
        if not HIGHS_AVAILABLE:
            raise SolverUnavailable("highspy is not installed; pip install highspy")
        self.options = options or SolveOptions()
        t = time.perf_counter()
        if isinstance(f, ModelInputs):
            self.mm, inputs, whole = plan_matrix(f), f, True
            self.cells: list[Cell] = list(f.cells)
            self.extra: list[str] = []
        else:
            self.mm, inputs = to_matrix(f), f.inputs
            whole = all(v.cat == pulp.LpInteger for v in f.x.values())
            self.cells, self.extra = list(f.x), list(f.extra)
        self.inputs = inputs
        self.row_index = {name: i for i, name in enumerate(self.mm.row_names)}
        self.timings: dict[str, float] = {"matrix": time.perf_counter() - t}
        self.row_step = _row_steps(self.mm, len(self.cells), whole)
        self.mm.row_lower, self.mm.row_upper = _whole_bounds(
            self.row_step, self.mm.row_lower, self.mm.row_upper)
        self.hs = HighsModel(self.mm)
        self.hs2: HighsModel | None = None  # stage 2, with the held objective, made on demand
        self.warm = False  # True once a basis exists for the current model
        self.name = f"HiGHS {self.hs.h.version()}"
        self.rounder = Rounder(self.mm)
        self.priority = _priority(self.mm)
        self._pairs: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        self.full_cost = self.mm.cost.copy()
        self.ranks, self.shared = policy_rows(inputs) if isinstance(f, ModelInputs) else ([], [])
        self.share_floors: dict[str, int] = {}
        # per rank's shared groups, its floors raised again with whole workers (_raise_floors)
        self._whole_floors: dict[tuple[str, ...], Callable[[], dict[str, int]]] = {}
        self._last_groups: list[str] = []  # the last rank's shared groups, for the last stage
        self._x = np.zeros(self.mm.n)  # the last stage's whole-worker point
        self.cost_changed = False
        self._short: dict[str, float] = {}
        self._short_x = np.zeros(self.mm.n)  # the rounded point that left them short
        self._spend_order: SpendOrder | None = None  # made when a plan's detail first needs it
        self.budget_row = {s: self.row_index[f"budget[{s}]"] for s in inputs.sources
                           if f"budget[{s}]" in self.row_index}

    def set_rows(self, bounds: Mapping[str, tuple[float, float]]) -> None:
        """Set (lower, upper) bounds of the named rows for the next solves."""
        rows = np.array([self.row_index[name] for name in bounds], dtype=np.int32)
        lower, upper = _whole_bounds(
            self.row_step[rows],
            np.array([b[0] for b in bounds.values()], dtype=float),
            np.array([b[1] for b in bounds.values()], dtype=float),
        )
        self.mm.row_lower[rows] = lower
        self.mm.row_upper[rows] = upper
        self.hs.set_row_bounds(rows, lower, upper)
        if self.hs2 is not None:
            self.hs2.set_row_bounds(rows, lower, upper)

    def lp(self) -> LpAnswer:
        """Solve the LP relaxation only (the analyses' re-solves)."""
        status = self.hs.lp(ipm=self.mm.n > IPM_ABOVE, dual=self.warm)
        self.warm = status is Status.OPTIMAL
        if status is None:
            detail = self.hs.h.modelStatusToString(self.hs.h.getModelStatus())
            raise SolverFailed(f"HiGHS stopped without an answer: {detail}")
        if status is not Status.OPTIMAL:
            return LpAnswer(status or Status.ERROR)
        x = self.hs.values()
        duals = self.hs.duals()[: self.mm.m]
        n = len(self.cells)
        return LpAnswer(
            Status.OPTIMAL,
            objective=float(self.mm.sign * self.hs.objective()) + 0.0,
            values={c: float(v) for c, v in zip(self.cells, x[:n], strict=True) if v > 1e-9},
            extra_values={k: float(v) for k, v in zip(self.extra, x[n:], strict=True)},
            duals={n: float(self.mm.sign * d) + 0.0
                   for n, d in zip(self.mm.row_names, duals, strict=True)},
        )

    def solve(self, *, detail: bool = True, cold: bool = False) -> Solution:
        """Find the whole-worker plan of the module docstring, at the current right-hand sides.

        The policy decides among plans (MODEL.md, "Who loses cover"): with more than one
        priority rank, each rank but the last is solved for its own cover and held there
        before the next (:meth:`_policy_stages`); with ``equal_share``, each rank's groups are
        first held at the even coverage share money and rules allow (:meth:`_share_floors`).
        Then the staged solve for the whole objective and the least spend; then money is used
        in the spend order and equal workers are shared evenly (:mod:`~planner.engine.tiebreak`).

        With ``detail=False`` (a cut curve, which reads only totals) the last two are skipped
        and the LP's values and duals are not kept. With ``cold=True`` the LPs start from
        scratch, as in a new Solver: the plan is then exactly the one a single solve at these
        right-hand sides gives (a warm start may end at another optimal vertex, and round to
        another plan).
        """
        if cold:
            self.hs.h.clearSolver()
            self.hs2 = None
            self.warm = False
        if self.mm.n == 0:
            return self._empty(dict(self.timings))
        if not self.ranks and not self.shared:
            return self._stage(detail, self.options.lexicographic, None)
        t = time.perf_counter()
        try:
            start, notes = self._policy_stages()
            sol = self._floored(self._last_groups, partial(
                self._stage, detail, self.options.lexicographic, start), notes)
        finally:
            self._release_policy_rows()
            self._whole_floors = {}  # each holds a HiGHS model
        sol.timings["policy"] = time.perf_counter() - t - sum(
            v for k, v in sol.timings.items() if k not in self.timings)
        sol.notes += notes
        return sol

    def _policy_rows(self, names: list[str], lower: list[float]) -> None:
        self.set_rows({n: (lo, INF) for n, lo in zip(names, lower, strict=True)})

    def _release_policy_rows(self) -> None:
        names = [f"rank[{k}]" for k in self.ranks] + [f"share[{g}]" for g in self.shared]
        self._policy_rows(names, [0.0] * len(names))
        self._set_cost(self.full_cost)

    def _set_cost(self, cost: np.ndarray) -> None:
        """Make ``cost`` the objective of the next stage (a rank's cover, or the whole)."""
        if np.array_equal(cost, self.mm.cost):
            return
        self.mm.cost[:] = cost
        self.hs.set_cost(cost)
        self.priority = _priority(self.mm)
        self.cost_changed = True  # the next LP starts by primal simplex from the basis

    def _policy_stages(self) -> tuple[np.ndarray | None, list[str]]:
        """Settle each priority rank in turn; returns a plan meeting every hold, and notes.

        The last rank is left to the whole objective's stage (:meth:`solve`), with its share
        floors set.
        """
        inputs = self.inputs
        rank_of = np.array([inputs.group_by_id[c[0]].priority for c in self.cells])
        ranks = self.ranks or sorted(set(rank_of.tolist()))
        start: np.ndarray | None = None
        notes: list[str] = []
        self.share_floors = {}
        self._whole_floors = {}
        self._last_groups = []
        self._release_policy_rows()
        for i, k in enumerate(ranks):
            groups = [g for g in self.shared if inputs.group_by_id[g].priority == k]
            self.share_floors.update(self._share_floors(groups))
            self._last_groups = groups
            if i == len(ranks) - 1 or not self.ranks:
                break  # the last rank is the whole objective's stage
            self._set_cost(np.where(rank_of == k, self.full_cost, 0.0))
            sol = self._floored(groups, partial(self._stage, False, False, start), notes)
            if sol.status is not Status.OPTIMAL:
                notes.append(f"rank_{k}_no_plan")
                break
            start = self._x
            self._policy_rows([f"rank[{k}]"], [sol.objective - 1e-6 * max(1.0, sol.objective)])
        self._set_cost(self.full_cost)
        if start is not None and not self.rounder.feasible(start):
            start = None
        return start, notes

    def _floored(self, groups: list[str], stage: Callable[[bool], Solution],
                 notes: list[str]) -> Solution:
        """Run ``stage`` with the share floors of ``groups``, eased when no whole plan meets them.

        The floors come from the LP; whole workers cannot always reach them: where every
        worker sits under a floor and the money is spent, the last fraction of a worker in
        one group cannot be paid for, and the LP pools fractions of a worker that no whole
        plan can. Before any MILP is asked for a plan, the floors past the level are raised
        again, each raise checked by rounding (:meth:`_raise_floors`); then the floors in
        rounding's way are lowered by one worker a round (:meth:`_to_ease`: a group's own
        floor rounding leaves short, else the highest share competing for the money of a
        mandate or floor left short), up to ``_EASE_ROUNDS`` times; then the floors are
        dropped. The plan names any easing in its notes (``equal_share_eased``: by whole
        workers; ``equal_share_dropped``).
        """
        floors = {g: self.share_floors[g] for g in groups if g in self.share_floors}
        given = dict(floors)
        whole = self._whole_floors.pop(tuple(groups), None) if floors else None
        for _ in range(_EASE_ROUNDS + int(whole is not None) if floors else 1):
            self._policy_rows([f"share[{g}]" for g in floors], [float(v) for v in floors.values()])
            sol = stage(not floors)
            if sol.status is Status.OPTIMAL:
                if floors != given:
                    notes.append("equal_share_eased")
                self.share_floors.update(floors)
                return sol
            if whole is not None:  # first, the raises past the level that whole workers reach
                floors.update(whole())
                whole = None
                continue
            ease = self._to_ease(floors)
            if not ease:
                break
            for g in ease:  # one worker at a time: rounding may overstate the lack
                floors[g] -= 1
        self._policy_rows([f"share[{g}]" for g in floors], [0.0] * len(floors))
        sol = stage(True)
        if floors and sol.status is Status.OPTIMAL:
            notes.append("equal_share_dropped")
            self.share_floors.update(dict.fromkeys(floors, 0))
        return sol

    def _to_ease(self, floors: dict[str, int]) -> list[str]:
        """Return the groups whose floor gives way by a worker, for the rows rounding left short.

        A floor no higher than the group's mandates is not in the way (lowering it frees
        nothing), so it is never chosen. A group whose own share row is left short gives way
        itself. When only other rows are short (a mandate, a regional floor, a held rank),
        they lack money that the floors hold elsewhere: the floor that gives way is the one
        max-min values least, the highest share at its floor among the groups whose workers
        in the rounded plan a source of the row's columns pays (a group paid by its own money
        frees none of theirs), ties by the later id (the reverse of the order
        :meth:`_raise_floors` raises them in).
        """
        inputs = self.inputs
        share: dict[str, float] = {}
        for g, v in floors.items():
            forced = sum(inputs.mandate.get((g, r), 0) for r in inputs.regions)
            elig = sum(inputs.eligible[g, r] for r in inputs.regions)
            if v > forced and elig > 0:
                els = sum(inputs.covered_elsewhere[g, r] for r in inputs.regions)
                share[g] = (els + v) / elig
        own = sorted(g for g in (n[6:-1] for n in self._short if n.startswith("share["))
                     if g in share)
        if own or not self._short:
            return own
        n = len(self.cells)
        payers: dict[str, set[str]] = {}  # the groups each source pays in the rounded plan
        for j in np.flatnonzero(self._short_x[:n] > 0.5).tolist():
            g, _, s = self.cells[j]
            payers.setdefault(s, set()).add(g)
        start, cols = self.rounder.rstart, self.rounder.rcols
        ease: set[str] = set()
        for name in self._short:
            i = self.row_index[name]
            sources = {self.cells[j][2] for j in cols[start[i]:start[i + 1]].tolist() if j < n}
            rivals = {g for s in sources for g in payers.get(s, ()) if g in share}
            if rivals:
                ease.add(max(rivals, key=lambda g: (share[g], g)))
        return sorted(ease)

    def _share_floors(self, groups: list[str]) -> dict[str, int]:
        """Return the whole workers each group keeps under ``equal_share``: max-min share.

        Progressive filling on the LP: raise one share level t for every group still open
        (funded + covered elsewhere >= t eligible), then freeze the groups that hold t back (a
        share row with a dual: money or rules keep that group from more) at t, and repeat
        for the rest, so a group that rules keep low does not hold the others down.
        """
        inputs, mm = self.inputs, self.mm
        if not groups:
            return {}
        elig = {g: sum(inputs.eligible[g, r] for r in inputs.regions) for g in groups}
        els = {g: sum(inputs.covered_elsewhere[g, r] for r in inputs.regions) for g in groups}
        active = [g for g in groups if elig[g] > 0]
        hs = HighsModel(mm)
        hs.set_cost(np.zeros(mm.n))
        rows = {g: self.row_index[f"share[{g}]"] for g in active}
        col = hs.add_column(-1.0, 1.0, np.array([rows[g] for g in active]),
                            np.array([-float(elig[g]) for g in active]))
        hs.set_row_bounds(np.array([rows[g] for g in active]),
                          np.array([-float(els[g]) for g in active]), np.full(len(active), INF))
        level: dict[str, float] = {}
        first = True
        while active:
            # cold, the interior point method on a big model; then dual simplex from the basis
            if hs.lp(ipm=first and mm.n > IPM_ABOVE, dual=not first) is not Status.OPTIMAL:
                break
            first = False
            t = float(hs.values()[col])
            duals = hs.duals()
            stuck = [g for g in active if abs(duals[rows[g]]) > 1e-9]
            if not stuck or t >= 1 - 1e-9:
                stuck = list(active)
            for g in stuck:
                level[g] = t
                hs.change_coeff(rows[g], col, 0.0)
            hs.set_row_bounds(np.array([rows[g] for g in stuck]),
                              np.array([t * elig[g] - els[g] - 1e-7 for g in stuck]),
                              np.full(len(stuck), INF))
            active = [g for g in active if g not in stuck]
        floors = {g: max(0, math.floor(lv * elig[g] - els[g] + 1e-6)) for g, lv in level.items()}
        checks = 4 * len(floors) + 4
        self._whole_floors[tuple(groups)] = partial(
            self._raise_floors, hs, rows, dict(floors), elig, els, checks, whole=True)
        return self._raise_floors(hs, rows, floors, elig, els, checks, whole=False)

    def _raise_floors(self, hs: HighsModel, rows: dict[str, int], floors: dict[str, int],
                      elig: dict[str, int], els: dict[str, int], checks: int, *,
                      whole: bool) -> dict[str, int]:
        """Whole workers past the level: one more to the lowest share while the LP allows it.

        Rounding each group down to whole workers leaves money over (less than a worker per
        group); spent on the most workers it would go to the cheapest group. Here it raises the
        group with the lowest share after one more worker first (ties by id), each step an LP
        feasibility check, so shares end within a worker of each other where money allows; at
        most ``checks`` checks (four a group: the money left is less than a worker a group).
        With ``whole``, a raise is kept only when rounding reaches it too (:meth:`_whole_at`):
        the LP pools fractions of a worker across sources that no whole plan can (Rp16,400 left
        in a village's own budget after its last whole worker), and a floor raised with that
        money takes it from a mandate or another floor. Checking every raise that way is
        stricter than the stage (which also re-solves), so the floors are raised by the LP
        alone first, and with ``whole`` when the stage finds no whole plan at them
        (:meth:`_floored`).
        """
        if not floors:
            return floors
        names = sorted(floors)
        idx = np.array([rows[g] for g in names])
        hs.set_row_bounds(idx, np.array([float(floors[g]) for g in names]),
                          np.full(len(names), INF))
        raised = True
        while raised and checks > 0:
            raised = False
            for g in sorted(names, key=lambda g: ((els[g] + floors[g] + 1) / elig[g], g)):
                if checks <= 0:
                    break
                checks -= 1
                one = np.array([rows[g]])
                hs.set_row_bounds(one, np.array([floors[g] + 1.0]), np.array([INF]))
                if hs.lp(ipm=False, dual=True) is Status.OPTIMAL and (
                        not whole or self._whole_at(hs.values()[: self.mm.n], rows,
                                                    {**floors, g: floors[g] + 1})):
                    floors[g] += 1
                    raised = True
                    break  # the order of shares changed: start again from the lowest
                hs.set_row_bounds(one, np.array([float(floors[g])]), np.array([INF]))
        return floors

    def _whole_at(self, x_lp: np.ndarray, rows: dict[str, int], floors: dict[str, int]) -> bool:
        """Return True if rounding ``x_lp`` (and the swap repair) meets every row at ``floors``.

        The rounding and repair of a stage (:meth:`_stage`), without its re-solves, from the
        LP's point at those floors; the share rows of ``self.mm`` are set for the check only.
        """
        mm = self.mm
        idx = np.array([rows[g] for g in floors])
        saved = mm.row_lower[idx].copy()
        mm.row_lower[idx] = np.array([float(floors[g]) for g in floors])
        try:
            x = self.rounder.run(x_lp, self.priority, improve=False)
            return self.rounder.feasible(x) or self._swap_repair(x) is not None
        finally:
            mm.row_lower[idx] = saved

    def _stage(self, detail: bool, lexicographic: bool, start: np.ndarray | None,
               rescue: bool = True) -> Solution:
        """One staged solve of the current objective (module docstring, stages 1 to 5).

        ``start`` is a whole-worker plan known to meet every row (the plan of the rank before),
        kept when rounding finds nothing better. Without ``rescue`` the MILP gets no extra time
        to find a plan when rounding finds none (the caller eases its floors instead). The plan's
        point is left in ``self._x``.
        """
        mm, hs, options = self.mm, self.hs, self.options
        timings = dict(self.timings)
        self._short = {}  # rows rounding left short, by how much
        if options.budget(mm.n) > 0:
            prestart_worker()  # a MILP may follow: its process starts while the LP runs
        t = time.perf_counter()
        # a new objective keeps the last basis primal feasible but not dual feasible: primal
        # simplex from it, not dual simplex (a rank's LP at 50,000 columns: 12.8 s to 0.3 s)
        primal = self.cost_changed and self.warm
        self.cost_changed = False
        status = hs.lp(ipm=mm.n > IPM_ABOVE and not primal, dual=self.warm and not primal)
        self.warm = status is Status.OPTIMAL
        timings["lp"] = time.perf_counter() - t
        if status is None:
            reason = hs.h.modelStatusToString(hs.h.getModelStatus())
            return Solution(Status.ERROR, self.name, timings=timings, notes=[f"HiGHS: {reason}"])
        if status is Status.INFEASIBLE:
            return Solution(Status.INFEASIBLE, self.name, timings=timings)
        lp_min = hs.objective()
        x_lp = hs.values()
        shadow = {}
        if detail:
            duals = hs.duals()[: mm.m]
            shadow = {n: float(mm.sign * d) + 0.0 for n, d in zip(mm.row_names, duals, strict=True)}
        notes: list[str] = []

        # stage 1: whole workers for the objective
        t = time.perf_counter()
        deadline = budget_end = t + options.budget(mm.n)
        x = self.rounder.run(x_lp, self.priority, improve=mm.sign < 0)
        if not self.rounder.feasible(x):
            act = mm.activity(x)
            self._short = {mm.row_names[i]: float(mm.row_lower[i] - act[i])
                           for i in np.flatnonzero(act < mm.row_lower - 1e-6)}
            self._short_x = x
            swapped = self._swap_repair(x)
            x_fixed = None if swapped is not None else self._fix_and_resolve(x_lp)
            if swapped is not None:
                x_fixed, x = None, swapped
            timings["fix"] = time.perf_counter() - t
            if x_fixed is not None:
                x = self.rounder.run(x_fixed, self.priority, improve=mm.sign < 0)
        if start is not None and (not self.rounder.feasible(x)
                                  or float(mm.cost @ start) < float(mm.cost @ x) - _EPS):
            x = start.copy()
        bound = _bound(mm, lp_min)
        if mm.sign < 0 and self.rounder.feasible(x) and float(mm.cost @ x) > bound + _EPS:
            x = self._exchange(x, bound)
        best = float(mm.cost @ x) if self.rounder.feasible(x) else INF
        timings["round"] = time.perf_counter() - t
        if not math.isfinite(best) and rescue:
            # no whole-worker plan yet: the MILP must look for one, whatever the budget says
            deadline = max(deadline, time.perf_counter() + RESCUE_SECONDS)
        if best > bound + _EPS and time.perf_counter() < deadline:
            t = time.perf_counter()
            self.warm = False  # the MILP leaves no LP basis behind
            stop = deadline
            if math.isfinite(best) and lexicographic and mm.sign < 0:
                stop = t + (deadline - t) * 2 / 3  # leave a third for the least spend
            x_mip, mip_bound = hs.milp(x, stop, mm.integral_objective, mm.cost)
            if x_mip is not None and self.rounder.feasible(x_mip) and mm.cost @ x_mip < best - _EPS:
                x, best = x_mip, float(mm.cost @ x_mip)
            if math.isfinite(mip_bound):
                bound = max(bound, _bound(mm, mip_bound))
            timings["milp"] = time.perf_counter() - t
        if best > bound + _EPS:
            notes.append("milp_time_limit")
        if not math.isfinite(best):  # only a MILP could find a whole-worker plan, and it did not
            return Solution(
                Status.INFEASIBLE, self.name, timings=timings, notes=["no_integer_plan"]
            )

        spend = float(mm.spend @ x)
        spend_bound = spend
        if lexicographic and mm.sign < 0:
            # a rescue's extra seconds were for finding a plan, not for its least spend
            x, spend, spend_bound = self._least_spend(x, best, budget_end, timings)
        elif mm.sign > 0:
            spend_bound = min(round(spend), math.ceil(bound - _EPS))
        self._x = x
        return Solution(
            status=Status.OPTIMAL,
            solver=self.name,
            workers=self._workers(x, detail),
            objective=float(mm.sign * best) + 0.0,
            objective_bound=float(mm.sign * bound) + 0.0,
            lp_objective=float(mm.sign * lp_min) + 0.0,
            spend=round(spend),
            spend_bound=int(spend_bound),
            shadow_prices=shadow,
            lp_workers=(
                {c: float(v) for c, v in zip(self.cells, x_lp, strict=True) if v > 1e-9}
                if detail else {}
            ),
            timings=timings,
            notes=notes,
        )

    def _workers(self, x: np.ndarray, detail: bool) -> dict[tuple[str, str, str], int]:
        """Return the plan by cell; with ``detail``, money in spend order, ties shared evenly."""
        if detail and self.budget_row:
            act = self.mm.activity(x)
            room = {s: float(self.mm.row_upper[i] - act[i]) for s, i in self.budget_row.items()}
            if self._spend_order is None:  # 0.2 s at 76,000 columns: not for LP-only analyses
                self._spend_order = SpendOrder(self.inputs, self.cells, self.mm.spend)
            x = self._spend_order.apply(x, self.mm.spend, room, self.mm.col_upper)
        x = x[: len(self.cells)]  # without an analysis's own columns
        plan = {self.cells[j]: int(x[j]) for j in np.flatnonzero(x > 0.5)}
        return EvenShare(self.inputs, self.share_floors).apply(plan) if detail else plan

    def _source_pairs(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Columns (j1, j2) of the same group and region paid by two sources, and j1's budget row.

        Moving a worker from j1 to j2 changes only the two budget rows: head-counts, mandates
        and regional floors count the group and region, not the payer.
        """
        if self._pairs is None:
            by_cell: dict[tuple[str, str], list[int]] = {}
            for j, (g, r, _) in enumerate(self.cells):
                by_cell.setdefault((g, r), []).append(j)
            pairs = [(a, b) for cols in by_cell.values() if len(cols) > 1
                     for a in cols for b in cols if a != b]
            arr = np.array(pairs, dtype=np.int64).reshape(-1, 2)
            row_of = np.array([self.row_index.get(f"budget[{c[2]}]", -1) for c in self.cells])
            self._pairs = (arr[:, 0], arr[:, 1], row_of)
        return self._pairs

    def _exchange(self, x: np.ndarray, bound: float, rounds: int = 50) -> np.ndarray:
        """Gain whole workers that money split across sources keeps out of reach of the greedy.

        Each move shifts one worker of a group and region from source s1 to another source s2
        that has room for that worker's premium, which frees enough of s1's money to pay for a
        worker s1 could not afford before: one more worker, every row kept. It stops when no
        such move is left, at the bound, or after ``rounds`` moves.
        """
        mm = self.mm
        j1s, j2s, row_of = self._source_pairs()
        if j1s.size == 0 or np.any(row_of < 0):
            return x
        x = x.copy()
        spend, gain = mm.spend, -mm.cost
        budget_rows = np.unique(row_of)
        loose = mm.row_upper.copy()
        loose[budget_rows] = INF  # room of each column in every row but its budget
        for _ in range(rounds):
            act = mm.activity(x)
            slack = mm.row_upper - act
            room = self.rounder.rooms(act, loose)
            # what each source would add first, with more money: its cheapest column with room
            open_cols = np.flatnonzero((room >= 1) & (gain > 0))
            if open_cols.size == 0:
                break
            want = np.full(mm.m, INF)
            np.minimum.at(want, row_of[open_cols], spend[open_cols])
            short = want[row_of[j1s]] - slack[row_of[j1s]]  # money s1 lacks for that column
            ok = ((x[j1s] >= 1) & (spend[j2s] <= slack[row_of[j2s]] + 1e-9)
                  & (x[j2s] + 1 <= mm.col_upper[j2s]) & (spend[j1s] >= short - 1e-9)
                  & (short > 0) & np.isclose(gain[j1s], gain[j2s]))
            moves = np.flatnonzero(ok)
            if moves.size == 0:
                break
            k = moves[np.argmax(spend[j1s[moves]])]
            j1, j2, b1 = int(j1s[k]), int(j2s[k]), int(row_of[j1s[k]])
            free = slack[b1] + spend[j1]
            adds = open_cols[(row_of[open_cols] == b1) & (spend[open_cols] <= free + 1e-9)]
            if adds.size == 0:
                break
            j3 = int(adds[np.argmax(gain[adds] / np.maximum(spend[adds], 1e-12))])
            trial = x.copy()
            trial[j1] -= 1
            trial[j2] += 1
            trial[j3] += 1
            if not self.rounder.feasible(trial):
                break
            x = trial
            if float(mm.cost @ x) <= bound + _EPS:
                break
        return x

    def _cheaper(self, x: np.ndarray, spend_bound: float, rounds: int = 200) -> np.ndarray:
        """Spend less for the same plan: move workers to a payer that pays less for them.

        A worker of a group and region paid by source s1 is moved to source s2 when s2 pays less
        for that group and has room for it in its budget: head-counts, mandates, regional floors
        and the objective are unchanged (same group, same region), and spend falls. Each round
        makes the move that saves most, as many workers at once as the rows allow; it stops at
        the spend bound, when no move saves, or after ``rounds`` rounds.
        """
        mm = self.mm
        j1s, j2s, row_of = self._source_pairs()
        if j1s.size == 0 or np.any(row_of < 0):
            return x
        cheaper = (mm.spend[j2s] < mm.spend[j1s] - 0.5) & np.isclose(mm.cost[j1s], mm.cost[j2s])
        j1s, j2s = j1s[cheaper], j2s[cheaper]
        if j1s.size == 0:
            return x
        x = x.copy()
        saving = mm.spend[j1s] - mm.spend[j2s]
        for _ in range(rounds):
            slack = mm.row_upper - mm.activity(x)
            with np.errstate(divide="ignore", invalid="ignore"):  # a premium of Rp0 fits always
                fits = np.nan_to_num(np.floor((slack[row_of[j2s]] + 1e-6) / mm.spend[j2s]),
                                     nan=0.0, posinf=INF)
            count = np.minimum(np.minimum(x[j1s], fits), mm.col_upper[j2s] - x[j2s])
            moves = np.flatnonzero(count >= 1)
            if moves.size == 0:
                break
            k = moves[np.argmax(saving[moves] * count[moves])]
            trial = x.copy()
            trial[j1s[k]] -= count[k]
            trial[j2s[k]] += count[k]
            if not self.rounder.feasible(trial):
                break
            x = trial
            if float(mm.spend @ x) <= spend_bound + 0.5:
                break
        return x

    def _swap_repair(self, x: np.ndarray, moves: int = 100) -> np.ndarray | None:
        """Meet the floor rows rounding left short by paying for a worker with another's money.

        When every rupiah is spent, a row short by a worker (a share floor, a village mandate)
        cannot be repaired by adding alone. Here, for each short row, its cheapest column whose
        payer can be freed is raised by one, and the money is freed by taking workers off the
        same payer's other columns whose rows all stay within bounds (a group above its floor),
        least gain per rupiah first. Each move is a few passes over the matrix in numpy, so a
        province's model repairs in well under a second. Returns a plan meeting every row, or
        None.
        """
        mm, rounder = self.mm, self.rounder
        if mm.sign > 0 or not self.budget_row:
            return None
        _, _, payer = self._source_pairs()
        budget_rows = np.unique(payer[payer >= 0])
        loose = mm.row_upper.copy()
        loose[budget_rows] = INF  # room in every <= row but the budget
        gain = -mm.cost
        x = x.copy()
        for _ in range(moves):
            act = mm.activity(x)
            short = np.flatnonzero(act < mm.row_lower - 1e-6)
            if short.size == 0:
                return x if rounder.feasible(x) else None
            i = int(short[0])
            cols = rounder.rcols[rounder.rstart[i]: rounder.rstart[i + 1]]
            in_row = np.zeros(mm.n, dtype=bool)
            in_row[cols] = True
            room = rounder.rooms(act, loose)
            spare = self._removable(act)  # units each column can lose, every floor kept
            done = False
            for j in cols[np.argsort(mm.spend[cols], kind="stable")].tolist():
                b = int(payer[j])
                if b < 0 or room[j] < 1:
                    continue
                need = mm.spend[j] - (mm.row_upper[b] - act[b])
                if need <= 1e-6:
                    x[j] += 1
                    done = True
                    break
                cand = np.flatnonzero((payer == b) & (spare >= 1) & ~in_row & (x >= 1))
                if cand.size == 0 or float(mm.spend[cand] @ np.minimum(x[cand], spare[cand])
                                           ) < need - 1e-6:
                    continue
                cand = cand[np.argsort(gain[cand] / np.maximum(mm.spend[cand], 1e-12),
                                       kind="stable")]
                trial = x.copy()
                for k in cand.tolist():
                    take = int(min(trial[k], spare[k],
                                   math.ceil((need - 1e-6) / max(mm.spend[k], 1e-12))))
                    trial[k] -= take
                    need -= take * mm.spend[k]
                    if need <= 1e-6:
                        break
                trial[j] += 1
                t_act = mm.activity(trial)
                # units taken from columns that share a floor row may break it together
                if np.any(t_act < np.minimum(mm.row_lower, act) - 1e-6) or np.any(
                        t_act > mm.row_upper + 1e-6):
                    continue
                x, done = trial, True
                break
            if not done:
                return None
        return x if rounder.feasible(x) else None

    def _removable(self, act: np.ndarray) -> np.ndarray:
        """For every column, how many units it can lose with every row kept above its floor."""
        mm = self.mm
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = (act[mm.index] - mm.row_lower[mm.index]) / np.where(
                mm.value > 0, mm.value, np.nan)
        ratio = np.nan_to_num(ratio, nan=INF, posinf=INF, neginf=-INF)
        counts = np.diff(mm.start)
        out = np.full(mm.n, INF)
        has = counts > 0
        out[has] = np.minimum.reduceat(ratio, mm.start[:-1][has])
        return cast(np.ndarray, np.floor(np.maximum(out, 0) + 1e-9))

    def _fix_and_resolve(self, x_lp: np.ndarray) -> np.ndarray | None:
        """Re-solve the LP with whole-worker floors on the columns of rows rounding leaves short.

        Rounding down can leave a mandate short by a worker whose money is split across sources
        (0.4 of a worker's premium left in one, 0.6 in another). For each short row this keeps
        every column of the row at least at a whole value that meets the row (the rounded-down
        values, plus one on the columns with the largest fractions until the row holds), then
        re-solves the LP from its basis, so the money for those whole workers is taken from
        cells without a floor. Floors only grow, so a row met stays met. When the re-solve has
        left another row short (its money moved), the next round holds every row with a floor
        at whole values, which the LP can then only raise, so the round after meets them all.
        Returns the last LP point, whose floors the rounder then keeps, or None when the
        floors cannot all be paid for (then the MILP looks for a plan).
        """
        mm, hs = self.mm, self.hs
        floor_rows = np.flatnonzero(mm.row_lower > _EPS)
        lower = np.zeros(mm.n)
        answer: np.ndarray | None = None
        # money each column's payer spends on cells without a floor: what the LP can take back
        # to pay for a bumped worker without moving the fraction to another floor row
        _, _, payer = self._source_pairs()
        in_floor = np.zeros(mm.n, dtype=bool)
        for i in floor_rows.tolist():
            in_floor[self.rounder.rcols[self.rounder.rstart[i] : self.rounder.rstart[i + 1]]] = True
        try:
            for round_ in range(_FIX_ROUNDS):
                x = np.floor(np.maximum(x_lp, lower) + 1e-7)
                act = mm.activity(x)
                free = np.zeros(mm.m + 1)
                np.add.at(free, payer, np.where(in_floor, 0.0, mm.spend * x_lp))
                flexible = free[payer]
                short = floor_rows[act[floor_rows] < mm.row_lower[floor_rows] - 1e-9]
                if short.size == 0:
                    answer = x_lp
                    break
                for i in (short if round_ == 0 else floor_rows).tolist():
                    cols = self.rounder.rcols[self.rounder.rstart[i] : self.rounder.rstart[i + 1]]
                    vals = self.rounder.rvals[self.rounder.rstart[i] : self.rounder.rstart[i + 1]]
                    need = mm.row_lower[i] - float(vals @ x[cols])
                    frac = x_lp[cols] - x[cols]
                    room = mm.col_upper[cols] - x[cols]
                    order = np.lexsort((self.priority[cols], -frac, -flexible[cols]))
                    for k in order.tolist():
                        if need <= 1e-9:
                            break
                        if room[k] >= 1:
                            x[cols[k]] += 1
                            need -= vals[k]
                    lower[cols] = np.maximum(lower[cols], x[cols])
                fixed = np.flatnonzero(lower > 0).astype(np.int32)
                hs.set_col_lower(fixed, lower[fixed])
                if hs.lp(ipm=False, dual=True) is not Status.OPTIMAL:
                    break
                x_lp = np.maximum(hs.values()[: mm.n], lower)
        finally:
            touched = np.flatnonzero(lower > 0).astype(np.int32)
            if touched.size:
                hs.set_col_lower(touched, np.zeros(touched.size))
        return answer

    def _least_spend(
        self, x: np.ndarray, best: float, deadline: float, timings: dict[str, float]
    ) -> tuple[np.ndarray, float, float]:
        """Stage 2: least spend among plans that reach ``best``; returns (x, spend, bound)."""
        mm = self.mm
        spend = float(mm.spend @ x)
        spend_bound = spend
        t = time.perf_counter()
        hold = best + (1e-6 if mm.integral_objective else 1e-7 * max(1.0, abs(best)))
        fresh = self.hs2 is None
        if self.hs2 is None:  # a model of its own, so both stages keep their bases
            self.hs2 = HighsModel(mm)
            self.hs2.h.setBasis(self.hs.h.getBasis())
        hs = self.hs2
        hs.hold_objective(mm.cost, hold, mm.spend)
        status = hs.lp(ipm=False, dual=not fresh)
        timings["lp2"] = time.perf_counter() - t
        if status is not Status.OPTIMAL:
            return x, spend, spend_bound
        spend_lp = hs.objective()
        spend_bound = math.ceil(spend_lp - 1e-9 * max(1.0, spend_lp))
        t = time.perf_counter()
        held = (-mm.cost, -hold)
        x2 = self.rounder.run(hs.values()[: mm.n], mm.spend, improve=False, extra=held)
        if self.rounder.feasible(x2, held) and mm.spend @ x2 < spend - 0.5:
            x, spend = x2, float(mm.spend @ x2)
        if spend > spend_bound + 0.5:
            x = self._cheaper(x, spend_bound)
            spend = float(mm.spend @ x)
        timings["round2"] = time.perf_counter() - t
        if spend > spend_bound + 0.5 and time.perf_counter() < deadline:
            t = time.perf_counter()
            x_mip, mip_bound = hs.milp(x, deadline, True, mm.spend)
            if (x_mip is not None and self.rounder.feasible(x_mip, held)
                    and mm.spend @ x_mip < spend - 0.5):
                x, spend = x_mip, float(mm.spend @ x_mip)
            if math.isfinite(mip_bound):
                spend_bound = max(spend_bound, math.ceil(mip_bound - 1e-6))
            timings["milp2"] = time.perf_counter() - t
        return x, spend, min(spend_bound, round(spend))

    def _empty(self, timings: dict[str, float]) -> Solution:
        """Solve an empty model (nobody may be paid for): feasible only if nothing is required."""
        if np.any(self.mm.row_lower > 0):
            return Solution(Status.INFEASIBLE, self.name, timings=timings)
        shadow = dict.fromkeys(self.mm.row_names, 0.0)
        return Solution(Status.OPTIMAL, self.name, shadow_prices=shadow, timings=timings)


def solve(f: Formulation, options: SolveOptions | None = None) -> Solution:
    """Solve ``f`` to a whole-worker plan; see the module docstring for the stages."""
    options = options or SolveOptions()
    if options.solver == "cbc" or not HIGHS_AVAILABLE:
        return _solve_cbc(f, options)
    if options.solver != "highs":
        raise SolverUnavailable(f"unknown solver {options.solver!r}; use highs or cbc")
    return Solver(f, options).solve()


# --- CBC fallback ----------------------------------------------------------------------------


def cbc_command(path: str | None = None) -> Any:
    """Return PuLP's ``COIN_CMD`` bound to a CBC binary.

    ``path`` names the binary; by default the one PuLP 3 bundles. PuLP 4 bundles none (and drops
    ``PULP_CBC_CMD``): its ``COIN_CMD`` finds the ``cbcbox`` package's binary (``pip install
    'jamsostek-planner[cbc]'``) or a ``cbc`` on ``PATH`` (Debian's ``coinor-cbc``).
    """
    path = path or _bundled_cbc()
    return partial(pulp.COIN_CMD, path=path) if path else pulp.COIN_CMD


def _bundled_cbc() -> str | None:
    """Return the CBC binary PuLP 3 ships, or ``None`` (PuLP 4)."""
    try:
        from pulp.apis import coin_api
    except ImportError:
        return None
    path = getattr(coin_api, "pulp_cbc_path", None)
    return path if isinstance(path, str) and os.path.isfile(path) else None


def _solve_cbc(f: Formulation, options: SolveOptions) -> Solution:
    """Solve with PuLP's CBC: exact MILP for both stages, LP relaxation for the duals."""
    cbc = cbc_command(options.cbc_path)
    if not cbc(msg=False).available():
        raise SolverUnavailable(
            "neither highspy nor CBC can be run; pip install highspy, or for CBC "
            "pip install 'jamsostek-planner[cbc]' (or apt-get install coinor-cbc)")
    name = "CBC (fallback)"
    timings: dict[str, float] = {}
    budget = options.budget(len(f.x))
    # CBC has no rounding and repair before its MILP: a time limit of 0 must still leave it time
    # to find a whole-worker plan, or a feasible scenario would read as infeasible.
    limit = max(budget, RESCUE_SECONDS) if math.isfinite(budget) else None
    t = time.perf_counter()
    for v in f.x.values():
        v.cat = pulp.LpContinuous
    f.problem.solve(cbc(msg=False))
    for v in f.x.values():
        v.cat = pulp.LpInteger
    if f.problem.status != pulp.LpStatusOptimal:
        return Solution(Status.INFEASIBLE, name, timings=timings)
    lp_value = float(pulp.value(f.problem.objective) or 0.0)
    shadow = {n: float(c.pi or 0.0) for n, c in zip(f.rows, f.constraints, strict=True)}
    lp_workers = {c: float(v.varValue or 0.0) for c, v in f.x.items()}
    timings["lp"] = time.perf_counter() - t
    t = time.perf_counter()
    f.problem.solve(cbc(msg=False, timeLimit=limit, gapRel=0, gapAbs=0.999))
    timings["milp"] = time.perf_counter() - t
    if f.problem.sol_status not in (pulp.LpSolutionOptimal, pulp.LpSolutionIntegerFeasible):
        return Solution(Status.INFEASIBLE, name, timings=timings)
    notes = [] if f.problem.sol_status == pulp.LpSolutionOptimal else ["milp_time_limit"]
    best = float(pulp.value(f.problem.objective) or 0.0)
    values = {c: round(v.varValue or 0.0) for c, v in f.x.items()}
    if options.lexicographic and f.maximise:
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
    spend = sum(f.inputs.unit_cost[c[0], c[2]] * w for c, w in values.items())
    proven = "milp_time_limit" not in notes
    bound = best if proven else (math.floor(lp_value + _EPS) if f.maximise else lp_value)
    return Solution(
        status=Status.OPTIMAL,
        solver=name,
        workers=EvenShare(f.inputs).apply({c: w for c, w in values.items() if w > 0}),
        objective=best,
        objective_bound=bound,
        lp_objective=lp_value,
        spend=spend,
        spend_bound=spend if proven else 0,
        shadow_prices=shadow,
        lp_workers=lp_workers,
        timings=timings,
        notes=notes,
    )
