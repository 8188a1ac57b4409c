"""The plan's LP at its optimum, and what a change of its right-hand sides does to it.

:class:`Relaxation` reads a change's effect on the LP bound as cheaply as it can be known: from the
duals and the basis while the basis holds (the many-row form of HiGHS's ranging), bounded on both
sides by the duals, the part of the change the basis holds for and a greedy feasible point, and
by warm re-solves within a :class:`Budget` for the rest. :mod:`planner.analysis.explain` turns the
effects into sentences.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from planner.engine.formulation import build
from planner.engine.inputs import ModelInputs
from planner.engine.results import Message
from planner.engine.solution import Status
from planner.engine.solve import Solver

__all__ = ["Budget", "Claim", "Effect", "Relaxation", "round_down", "round_up"]

_TOL = 1e-9
_FEASIBLE = 1e-7  # primal feasibility tolerance of a basis step, relative to the value's size


@dataclass(frozen=True)
class Budget:
    """What the explanations may spend on warm re-solves, past the one LP.

    At most ``resolves`` re-solves, all started and finished within ``share`` times the seconds
    the first LP took, or within ``floor`` seconds when that is longer (a small model's LP takes
    milliseconds, and so do its re-solves).
    """

    resolves: int = 8
    share: float = 0.5  # at 1.0 no model measured sized a statement more (76k: 1.25 s, 0.63 s)
    floor: float = 0.03

    def seconds(self, lp_seconds: float) -> float:
        """Return the wall-clock seconds the re-solves may take after an LP of ``lp_seconds``."""
        return max(self.floor, self.share * lp_seconds)


@dataclass
class Effect:
    """What a change does to the LP optimum (the model's own sense): known to lie in [low, high].

    ``linear`` is the duals times the change, the first-order figure that orders the re-solves;
    ``feasible`` is False when a re-solve found the changed LP infeasible.
    """

    low: float
    high: float
    linear: float
    feasible: bool = True

    @property
    def known(self) -> bool:
        """True when the effect is known to the whole worker: exact, or both ends round alike."""
        return not self.feasible or self.low == self.high or (
            math.isfinite(self.low) and math.isfinite(self.high)
            and round_down(self.low) == round_up(self.high)
        )

    @property
    def value(self) -> float:
        """The effect when :attr:`known` (NaN when the changed LP is infeasible)."""
        return (self.low + self.high) / 2 if self.feasible else math.nan


@dataclass
class Claim:
    """A statement waiting for its effect: the change, what is known of it, and its words."""

    change: dict[str, tuple[float, float]]
    effect: Effect
    say: Callable[[Effect], list[Message]]
    resolved: bool = False


def round_down(x: float) -> int:
    """Round ``x`` to a head-count, down where it lies within float noise of a half."""
    return round(x - 1e-6 * max(1.0, abs(x)))


def round_up(x: float) -> int:
    """Round ``x`` to a head-count, up where it lies within float noise of a half."""
    return round(x + 1e-6 * max(1.0, abs(x)))


def _step(value: np.ndarray, move: np.ndarray, lower: np.ndarray, upper: np.ndarray) -> float:
    """Return the largest t in [0, 1] keeping ``value + t move`` within [lower, upper]."""
    tol = _FEASIBLE * np.maximum(1.0, np.abs(value))
    if np.any(value < lower - tol) or np.any(value > upper + tol):
        return 0.0
    with np.errstate(divide="ignore", invalid="ignore"):
        up = np.where(move > 0, (upper + tol - value) / move, np.inf)
        down = np.where(move < 0, (lower - tol - value) / move, np.inf)
    return float(max(0.0, min(1.0, float(up.min(initial=np.inf)),
                              float(down.min(initial=np.inf)))))


class Relaxation:
    """The plan's LP at its optimum: effects of changes read from its basis, or re-solved."""

    def __init__(
        self, inputs: ModelInputs, solver: Solver | None, lp_seconds: float | None
    ) -> None:
        t = time.perf_counter()
        if solver is None:  # the plan's own model: the solver treats it as the plan's solve does
            solver = Solver(build(inputs))
        self.solver = solver
        self.hs = solver.hs
        self.mm = mm = solver.mm
        self.index = solver.row_index
        if self.hs.has_basis():  # the pipeline's solver: its basis is at or near the optimum
            status = self.hs.lp(ipm=False, dual=True)
        else:
            lp_t = time.perf_counter()
            status = solver.lp().status
            lp_seconds = time.perf_counter() - lp_t if lp_seconds is None else lp_seconds
        self.optimal = status is Status.OPTIMAL
        self.lp_seconds = time.perf_counter() - t if lp_seconds is None else lp_seconds
        self.resolves = 0
        self.base_objective = 0.0
        self.lower = mm.row_lower.copy()
        self.upper = mm.row_upper.copy()
        if not self.optimal:
            return
        self.base_objective = mm.sign * self.hs.objective()
        self.duals = mm.sign * self.hs.duals()[: mm.m]  # the model's own sense, per unit of rhs
        self.x0 = self.hs.values()[: mm.n]
        self.r0 = self.hs.row_activity()
        self.status = self.hs.row_status()
        self._extremes: tuple[np.ndarray, np.ndarray] | None = None
        self._rows: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None

    def dual(self, row: str) -> float:
        """Return the dual of ``row``: change of the optimum per unit of its right-hand side."""
        return float(self.duals[self.index[row]])

    def bounds(self, row: str) -> tuple[float, float]:
        """Return the model's own (lower, upper) bounds of ``row``."""
        i = self.index[row]
        return float(self.lower[i]), float(self.upper[i])

    # --- reading an effect from the basis -----------------------------------------------------

    def estimate(self, change: Mapping[str, tuple[float, float]]) -> Effect:
        """Bound the change of the optimum under ``change`` (row -> bounds) without solving."""
        mm = self.mm
        rows = np.array([self.index[name] for name in change], dtype=np.int64)
        new_lo, new_hi = self._as_solved(rows, change)
        old_lo, old_hi = self.lower[rows], self.upper[rows]
        status = self.status[rows]
        unknown = Effect(-math.inf, math.inf, math.inf)
        if np.any(status == 2):
            return unknown
        # a nonbasic row moves with its bound; a bound dropped holds the row at its own extreme
        # activity instead, which leaves the same LP
        least, most = self._extreme_activity()
        target = np.where(status < 0, new_lo, new_hi)
        target = np.where(np.isfinite(target), target, np.where(status < 0, least[rows],
                                                                most[rows]))
        moved = np.where(status != 0, target - self.r0[rows], 0.0)
        if not np.all(np.isfinite(moved)):
            return unknown
        moves = np.zeros(mm.m)
        moves[rows] = moved
        linear = float(self.duals @ moves)
        relaxed = bool(np.all(new_lo <= old_lo) and np.all(new_hi >= old_hi))
        lower = self.lower.copy()
        upper = self.upper.copy()
        lower[rows], upper[rows] = new_lo, new_hi
        dx, dr = self.hs.basis_step(moves)
        t = _step(np.concatenate([self.x0, self.r0]), np.concatenate([dx, dr]),
                  np.concatenate([np.zeros(mm.n), lower]),
                  np.concatenate([mm.col_upper, upper]))
        if t >= 1.0:
            return Effect(linear, linear, linear)
        # the optimum is concave in the right-hand sides when maximised (convex when minimised):
        # the dual figure bounds the effect on one side; a relaxation can only help, and the
        # basis holds for the part t of the change, which bounds it on the other
        maximise = mm.sign < 0
        if relaxed:
            low, high = sorted((t * linear, linear))
        else:
            low, high = (-math.inf, linear) if maximise else (linear, math.inf)
        point = self._greedy(rows, lower, upper, new_lo, old_lo, new_hi, old_hi)
        if point is not None:  # a feasible point of the changed LP bounds the optimum
            gain = mm.sign * point
            low, high = (max(low, gain), high) if maximise else (low, min(high, gain))
        return Effect(low, max(low, high), linear)

    def _as_solved(self, rows: np.ndarray, change: Mapping[str, tuple[float, float]]
                   ) -> tuple[np.ndarray, np.ndarray]:
        """Return the bounds the solver sets for ``change`` (it may round them to whole workers).

        The change is set and taken back at once; the basis and its factors stay as they are.
        """
        self.solver.set_rows(change)
        lower, upper = self.mm.row_lower[rows].copy(), self.mm.row_upper[rows].copy()
        self.solver.set_rows({name: self.bounds(name) for name in change})
        return lower, upper

    def _extreme_activity(self) -> tuple[np.ndarray, np.ndarray]:
        """Return the least and the most activity each row can have within the columns' bounds."""
        if self._extremes is None:
            mm = self.mm
            cols = np.repeat(np.arange(mm.n), np.diff(mm.start))
            ub = mm.col_upper[cols]
            pos = mm.value > 0
            with np.errstate(invalid="ignore"):
                most = np.bincount(mm.index[pos], mm.value[pos] * ub[pos], minlength=mm.m)
                least = np.bincount(mm.index[~pos], mm.value[~pos] * ub[~pos], minlength=mm.m)
            self._extremes = (least, most)
        return self._extremes

    def _greedy(self, rows: np.ndarray, lower: np.ndarray, upper: np.ndarray,
                new_lo: np.ndarray, old_lo: np.ndarray,
                new_hi: np.ndarray, old_hi: np.ndarray) -> float | None:
        """Change of the objective (min form) at a feasible point of the changed LP, or None.

        Only for changes of upper bounds (budgets), row by row from the optimum: money added is
        spent on the columns that gain most per rupiah, money taken away is given up by the
        columns that lose least per rupiah, each column as far as its other rows allow. The
        point is checked against every row at the end (columns of different changed rows may
        share a row), and None is returned when it does not hold.
        """
        if not np.all(new_lo == old_lo) or (
            np.any(new_hi > old_hi) and np.any(new_hi < old_hi)
        ):
            return None
        mm = self.mm
        fill = bool(np.any(new_hi > old_hi))
        changed = rows[new_hi != old_hi]
        x = self.x0.copy()
        r = self.r0.copy()
        start = self._row_wise()[0]
        # the rows with fewest columns first: they have the fewest other places to go
        for i in changed[np.argsort(np.diff(start)[changed], kind="stable")].tolist():
            self._spend(int(i), x, r, lower, upper, fill)
        r = mm.activity(x)
        tol = _FEASIBLE * np.maximum(1.0, np.abs(r))
        if (np.any(r < lower - tol) or np.any(r > upper + tol) or np.any(x < -_FEASIBLE)
                or np.any(x > mm.col_upper + _FEASIBLE)):
            return None
        return float(mm.cost @ (x - self.x0))

    def _spend(self, i: int, x: np.ndarray, r: np.ndarray, lower: np.ndarray,
               upper: np.ndarray, fill: bool) -> None:
        """Move row ``i`` to its new upper bound through its columns, in place (see _greedy)."""
        mm = self.mm
        room = (upper[i] - r[i]) if fill else (r[i] - upper[i])
        if room <= 0:
            return
        start, cols, vals = self._row_wise()
        col, a = cols[start[i]: start[i + 1]], vals[start[i]: start[i + 1]]
        cost = mm.cost[col]
        rate = -cost / np.where(a > 0, a, 1.0)  # objective gained per unit of the row
        if fill:
            keep = (a > 0) & (cost < 0) & (x[col] < mm.col_upper[col])
            order = np.argsort(-rate[keep], kind="stable")
        else:
            keep = (a > 0) & (x[col] > 0)
            order = np.argsort(rate[keep], kind="stable")
        col, a = col[keep][order], a[keep][order]
        if col.size == 0:
            return
        # every entry of the candidate columns: how far each column may move for its other rows
        length = mm.start[col + 1] - mm.start[col]
        first = np.concatenate(([0], np.cumsum(length)[:-1]))
        entry = np.repeat(mm.start[col] - first, length) + np.arange(int(length.sum()))
        ks, ak = mm.index[entry], mm.value[entry]
        with np.errstate(divide="ignore", invalid="ignore"):
            if fill:
                limit = np.where(ak > 0, (upper[ks] - r[ks]) / ak, (r[ks] - lower[ks]) / -ak)
            else:
                limit = np.where(ak > 0, (r[ks] - lower[ks]) / ak, (upper[ks] - r[ks]) / -ak)
        limit[ks == i] = np.inf
        theta = np.minimum.reduceat(limit, first)
        theta = np.minimum(theta, mm.col_upper[col] - x[col] if fill else x[col])
        theta = np.maximum(theta, 0.0)
        used = np.cumsum(a * theta)
        k = int(np.searchsorted(used, room))
        if k < col.size:  # the k-th column takes what is left; those after it nothing
            theta[k] = (room - (used[k - 1] if k else 0.0)) / a[k]
            theta[k + 1:] = 0.0
        sign = 1.0 if fill else -1.0
        x[col] += sign * theta
        np.add.at(r, ks, sign * ak * np.repeat(theta, length))

    def _row_wise(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if self._rows is None:
            self._rows = self.mm.row_wise()
        return self._rows

    # --- re-solving -----------------------------------------------------------------------------

    def resolve(self, change: Mapping[str, tuple[float, float]], seconds: float) -> Effect | None:
        """Re-solve with ``change`` from the last basis within ``seconds``; restore the model.

        Returns the exact effect, or None when the time ran out first.
        """
        self.resolves += 1
        self.solver.set_rows(change)
        try:
            status = self.hs.warm_lp(seconds)
            value = self.mm.sign * self.hs.objective() if status is Status.OPTIMAL else math.nan
        finally:
            self.solver.set_rows({name: self.bounds(name) for name in change})
        if status is None:
            return None
        base = self.base_objective
        if status is not Status.OPTIMAL:
            return Effect(math.nan, math.nan, math.nan, feasible=False)
        return Effect(value - base, value - base, value - base)

    def settle(self, claims: list[Claim], budget: Budget, start: float) -> None:
        """Re-solve the open claims while the budget lasts, from ``start`` (perf_counter).

        The widest ranges go first (the statements the basis says least about), and among
        ranges alike the largest dual figure.
        """
        deadline = start + budget.seconds(self.lp_seconds)
        open_claims = [c for c in claims if not c.effect.known]
        open_claims.sort(key=lambda c: (-(c.effect.high - c.effect.low), -abs(c.effect.linear)))
        for claim in open_claims:
            left = deadline - time.perf_counter()
            if self.resolves >= budget.resolves or left <= 0:
                break
            effect = self.resolve(claim.change, left)
            if effect is not None:
                claim.effect, claim.resolved = effect, True
