"""Round an LP point down to whole workers and repair it greedily.

Works on any model whose columns have non-negative coefficients (ours: budgets, head-counts,
mandates, equity and a held objective), so adding a worker only ever tightens <= rows.
"""

from __future__ import annotations

import math

import numpy as np

from planner.matrix import INF, MatrixModel

__all__ = ["Rounder"]


class Rounder:
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
