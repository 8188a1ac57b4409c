"""A PuLP formulation as arrays: the one place the model's matrix is read out of PuLP.

Columns follow ``Formulation.x`` and rows ``Formulation.rows``; the objective is stored in
minimisation form (a maximised objective is negated), so every solver stage minimises.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from planner.engine.formulation import Formulation, overlap_rows, policy_rows
from planner.engine.inputs import ModelInputs

__all__ = ["INF", "MatrixModel", "plan_matrix", "to_matrix"]

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
    n = len(col)
    sign = -1.0 if f.maximise else 1.0
    cost = np.zeros(n)
    for var, coef in f.problem.objective.items():
        cost[col[id(var)]] = sign * coef
    spend = np.zeros(n)
    for var, coef in f.spend.items():
        spend[col[id(var)]] = coef
    col_upper = np.array([INF if v.upBound is None else float(v.upBound) for v in columns])
    triplets = (np.asarray(rows), np.asarray(cols), np.asarray(vals, dtype=float))
    return _assemble(triplets, cost, spend, col_upper, (lower, upper, names), sign)


def _assemble(
    triplets: tuple[np.ndarray, np.ndarray, np.ndarray],
    cost: np.ndarray,
    spend: np.ndarray,
    col_upper: np.ndarray,
    row_bounds: tuple[list[float], list[float], list[str]],
    sign: float,
) -> MatrixModel:
    """Sort (row, column, value) triplets column-wise, rows ascending, into a MatrixModel."""
    r, c, v = (triplets[0].astype(np.int32), triplets[1].astype(np.int32),
               triplets[2].astype(float))
    order = np.lexsort((r, c))
    n = len(cost)
    start = np.concatenate(([0], np.cumsum(np.bincount(c, minlength=n)))).astype(np.int32)
    lower, upper, names = row_bounds
    return MatrixModel(
        cost=cost + 0.0,
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


def plan_matrix(inputs: ModelInputs) -> MatrixModel:
    """Build the plan's matrix straight from the inputs: ``to_matrix(build(inputs))`` without PuLP.

    The same columns (``inputs.cells``), rows (budgets, head-counts, overlapping groups,
    mandates, regional floors;
    for ``min_cost`` the coverage target first), names, coefficients and bounds as the PuLP
    formulation, in the same order (a test holds them equal), at a fraction of the cost: the
    plan a slider asks for does not wait for PuLP to name thousands of variables. The analyses,
    which add columns and rows of their own, and the CBC fallback still use the formulation.
    """
    cells = inputs.cells
    n = len(cells)
    spend = np.array([float(inputs.unit_cost[g, s]) for g, _, s in cells])
    policy = inputs.scenario.policy
    maximise = policy.objective != "min_cost"
    names: list[str] = []
    lower: list[float] = []
    upper: list[float] = []
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []  # (row, column, value)
    columns = np.arange(n)
    if maximise:
        sign = -1.0
        cost = np.array([-float(inputs.objective_weight[g]) for g, _, _ in cells])
    else:
        sign, cost = 1.0, spend.copy()
        names.append("target[covered]")
        lower.append(float(policy.target_covered or 0))
        upper.append(INF)
        parts.append((np.zeros(n, dtype=np.int64), columns, np.ones(n)))

    def add_family(keys: list[Any], key_of_cell: list[Any], label: Any, lo: Any,
                   hi: Any) -> None:
        """Add one row per key, in order; each cell enters the row of its key with 1."""
        first = len(names)
        row_of = {k: first + i for i, k in enumerate(keys)}
        for k in keys:
            names.append(label(k))
            lower.append(lo(k))
            upper.append(hi(k))
        rows = np.array([row_of.get(k, -1) for k in key_of_cell], dtype=np.int64)
        keep = rows >= 0
        parts.append((rows[keep], columns[keep], np.ones(int(keep.sum()))))

    add_family(sorted(inputs.sources), [c[2] for c in cells], lambda s: f"budget[{s}]",
               lambda s: -INF, lambda s: float(inputs.available[s]))
    parts[-1] = (parts[-1][0], parts[-1][1], spend[parts[-1][1]])
    group_regions = [(c[0], c[1]) for c in cells]
    add_family(list(dict.fromkeys(group_regions)), group_regions,
               lambda k: f"headcount[{k[0]},{k[1]}]", lambda k: -INF,
               lambda k: float(inputs.cap[k]))
    overlap = overlap_rows(inputs)
    if overlap:  # a cell of a parent or its part enters its family's row (one row a cell)
        family_of = {c: k for k, cells_k in overlap.items() for c in cells_k}
        add_family(list(overlap), [family_of.get(c) for c in cells],
                   lambda k: f"overlap[{k[0]},{k[1]}]", lambda k: -INF,
                   lambda k: float(inputs.family_cap[k]))
    add_family(sorted(k for k, need in inputs.mandate.items() if need > 0), group_regions,
               lambda k: f"mandate[{k[0]},{k[1]}]", lambda k: float(inputs.mandate[k]),
               lambda k: INF)
    add_family(sorted(r for r, need in inputs.equity.items() if need > 0), [c[1] for c in cells],
               lambda r: f"equity[{r}]", lambda r: float(inputs.equity[r]), lambda r: INF)
    ranks, shared = policy_rows(inputs)
    rank_of = [inputs.group_by_id[c[0]].priority for c in cells]
    weight = np.array([float(inputs.objective_weight[c[0]]) for c in cells])
    add_family(ranks, rank_of, lambda k: f"rank[{k}]", lambda k: 0.0, lambda k: INF)
    if ranks:
        parts[-1] = (parts[-1][0], parts[-1][1], weight[parts[-1][1]])
    add_family(shared, [c[0] for c in cells], lambda g: f"share[{g}]", lambda g: 0.0,
               lambda g: INF)
    triplets = tuple(np.concatenate([p[k] for p in parts]) for k in range(3))
    return _assemble((triplets[0], triplets[1], triplets[2]), cost, spend, np.full(n, INF),
                     (lower, upper, names), sign)
