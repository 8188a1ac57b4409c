"""A PuLP formulation as arrays: the one place the model's matrix is read out of PuLP.

Columns follow ``Formulation.x`` and rows ``Formulation.rows``; the objective is stored in
minimisation form (a maximised objective is negated), so every solver stage minimises.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from planner.engine.formulation import Formulation

__all__ = ["INF", "MatrixModel", "to_matrix"]

INF = math.inf


@dataclass
class MatrixModel:
    """A PuLP problem as arrays, in minimisation form (a maximised objective is negated)."""

    cost: np.ndarray  # objective, minimisation form
    col_upper: np.ndarray  # column upper bounds (lower bounds are 0)
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
        """Return the matrix row-wise: (start, column index, value)."""
        cols = np.repeat(np.arange(self.n), np.diff(self.start))
        order = np.argsort(self.index, kind="stable")
        start = np.concatenate(([0], np.cumsum(np.bincount(self.index, minlength=self.m))))
        return start, cols[order], self.value[order]


def to_matrix(f: Formulation) -> MatrixModel:
    """Read the PuLP problem's matrix once: columns ``f.x`` then ``f.extra``, rows ``f.rows``."""
    columns = [*f.x.values(), *f.extra.values()]
    col = {id(v): j for j, v in enumerate(columns)}  # by identity: a name is a method call
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    lower, upper, names = [], [], []
    for i, (name, con) in enumerate(zip(f.rows, f.constraints, strict=True)):
        items = con.items()
        rows.extend([i] * len(items))
        cols.extend([col[id(var)] for var, _ in items])
        vals.extend([coef for _, coef in items])
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
        cost[col[id(var)]] = sign * coef
    spend = np.zeros(n)
    for var, coef in f.spend.items():
        spend[col[id(var)]] = coef
    col_upper = np.array([INF if v.upBound is None else float(v.upBound) for v in columns])
    return MatrixModel(
        cost=cost,
        col_upper=col_upper,
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
