"""Round an LP point down to whole workers and repair it greedily.

Works on any model whose columns have non-negative coefficients (ours: budgets, head-counts,
mandates, equity and a held objective), so adding a worker only ever tightens <= rows.
"""

from __future__ import annotations

import math
from typing import cast

import numpy as np

from planner.engine.matrix import INF, MatrixModel

__all__ = ["Rounder"]


class Rounder:
    """Round an LP point down to whole workers and repair it greedily, keeping A x within bounds.

    Works on any model whose columns have non-negative coefficients (ours: budgets, head-counts,
    mandates, equity and the held objective), so a larger x only ever tightens <= rows.
    """

    def __init__(self, mm: MatrixModel) -> None:
        self.mm = mm
        self.rstart, self.rcols, self.rvals = mm.row_wise()
        # the matrix column-wise as Python lists: the greedy loops touch a few entries of a few
        # columns at a time, where numpy's per-call overhead would dominate; a column's pairs
        # are sliced when the loops ask for them (building them all cost 0.25 s at 75k columns)
        self._index: list[int] = mm.index.tolist()
        self._value: list[float] = mm.value.tolist()
        self._start: list[int] = mm.start.tolist()

    def col_all(self, j: int) -> list[tuple[int, float]]:
        """Column ``j``'s (row, coefficient) pairs."""
        a, b = self._start[j], self._start[j + 1]
        return list(zip(self._index[a:b], self._value[a:b], strict=True))

    def col_pos(self, j: int) -> list[tuple[int, float]]:
        """Column ``j``'s pairs with a positive coefficient (the rows it can fill up)."""
        return [(r, v) for r, v in self.col_all(j) if v > 0]

    def rooms(self, act: np.ndarray, upper: np.ndarray | None = None) -> np.ndarray:
        """For every column, how many more units fit in its <= rows (``upper``: other bounds)."""
        mm = self.mm
        upper = mm.row_upper if upper is None else upper
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = (upper[mm.index] - act[mm.index]) / np.where(
                mm.value > 0, mm.value, np.nan
            )
        ratio = np.nan_to_num(ratio, nan=INF, posinf=INF)
        counts = np.diff(mm.start)
        room = np.full(mm.n, INF)
        has = counts > 0
        room[has] = np.minimum.reduceat(ratio, mm.start[:-1][has])
        room = np.minimum(room, self.mm.col_upper)
        return cast(np.ndarray, np.floor(room + 1e-9))

    def run(
        self,
        x_lp: np.ndarray,
        priority: np.ndarray,
        *,
        improve: bool,
        extra: tuple[np.ndarray, float] | None = None,
    ) -> np.ndarray:
        """Whole-worker point near ``x_lp``; ``priority`` orders columns (lower comes first).

        ``extra`` is a further row ``a x >= b`` to meet (the held objective of stage 2).
        """
        mm = self.mm
        x: np.ndarray = np.floor(np.maximum(x_lp, 0) + 1e-7)
        act_np = mm.activity(x)
        short_rows = np.flatnonzero(act_np < mm.row_lower - 1e-9)
        act: list[float] = act_np.tolist()
        upper: list[float] = mm.row_upper.tolist()
        col_pos, col_all = self.col_pos, self.col_all

        def room(j: int) -> float:
            pairs = col_pos(j)
            if not pairs:
                return INF
            most = min((upper[r] - act[r]) / v for r, v in pairs)
            return math.floor(most + 1e-9) if math.isfinite(most) else most

        def add(j: int, delta: float) -> None:
            x[j] += delta
            for r, v in col_all(j):
                act[r] += v * delta

        # 1. rows with a floor (mandates, equity): add the cheapest workers that fit
        lower = mm.row_lower
        for i in short_rows:
            cols = self.rcols[self.rstart[i] : self.rstart[i + 1]]
            vals = self.rvals[self.rstart[i] : self.rstart[i + 1]]
            for k in np.argsort(priority[cols] / np.maximum(vals, 1e-12), kind="stable"):
                need = lower[i] - act[i]
                if need <= 1e-9:
                    break
                j = int(cols[k])
                delta = min(math.ceil(need / vals[k] - 1e-9), room(j))
                if delta >= 1:
                    add(j, delta)
        if extra is not None:
            a, b = extra
            have = float(a @ x)
            if have < b - 1e-9:
                fits = np.flatnonzero((self.rooms(np.asarray(act)) >= 1) & (a > 0))
                for j in fits[np.argsort(priority[fits] / a[fits], kind="stable")].tolist():
                    if have >= b - 1e-9:
                        break
                    delta = min(math.ceil((b - have) / a[j] - 1e-9), room(j))
                    if delta >= 1:
                        add(j, delta)
                        have += a[j] * delta
        # 2. spend what is left on the best workers that still fit
        if improve:
            fits = np.flatnonzero(self.rooms(np.asarray(act)) >= 1)
            for j in fits[np.argsort(priority[fits], kind="stable")].tolist():
                delta = room(j)
                if delta >= 1 and math.isfinite(delta):
                    add(j, delta)
        return x

    def feasible(self, x: np.ndarray, extra: tuple[np.ndarray, float] | None = None) -> bool:
        """Return True if ``x`` keeps every row (and ``extra``) within its bounds."""
        act = self.mm.activity(x)
        tol = 1e-6 * np.maximum(1.0, np.abs(act))
        ok = bool(np.all(act <= self.mm.row_upper + tol) and np.all(act >= self.mm.row_lower - tol))
        if ok and extra is not None:
            a, b = extra
            ok = float(a @ x) >= b - 1e-6
        return ok
