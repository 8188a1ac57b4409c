"""What a solve returns: a status that is data, and the whole-worker plan with its bounds.

An infeasible scenario is an answer (``Status.INFEASIBLE``), not an exception. ``SOLUTION_PRESENT``
lists the statuses that come with a plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

__all__ = [
    "AUTO_MILP_MAX_VARS",
    "DEFAULT_TIME_LIMIT",
    "SOLUTION_PRESENT",
    "SolveOptions",
    "Solution",
    "Status",
]

Cell = tuple[str, str, str]


class Status(StrEnum):
    """How a solve ended."""

    OPTIMAL = "optimal"
    INFEASIBLE = "infeasible"
    ERROR = "error"


SOLUTION_PRESENT = frozenset({Status.OPTIMAL})


DEFAULT_TIME_LIMIT = 1.0  # seconds past the LP for the MILP on a small model, by default
AUTO_MILP_MAX_VARS = 1_000  # above this, by default, whole workers come from repair alone


@dataclass(frozen=True)
class SolveOptions:
    """How hard to work for the last worker and the last rupiah.

    Parameters
    ----------
    solver
        ``"highs"`` (HiGHS through highspy) or ``"cbc"`` (PuLP's bundled CBC, the fallback).
    time_limit
        Wall-clock seconds a solve may spend past its LP on whole workers: rounding, repair and
        the MILP that closes what rounding left, for both stages together (the most workers,
        then the least spend). ``None``, the default of the app, the CLI and the sweep: up to
        :data:`DEFAULT_TIME_LIMIT` on models of at most :data:`AUTO_MILP_MAX_VARS` variables,
        where HiGHS closes a gap in milliseconds, and no MILP above, where rounding, repair and
        fix-and-resolve land within a few workers of the bound in a few LP times. ``0`` runs no
        MILP unless no whole-worker plan was found otherwise (then the MILP gets
        :data:`~planner.engine.solve.RESCUE_SECONDS` to find one); ``math.inf`` proves the
        optimum however long that takes (``planner solve --exact``). What the time did not
        close is reported as the gap between the plan and its bound.
    lexicographic
        Among the plans that reach the best objective, find the one that spends least.
    cbc_path
        A CBC binary for ``solver="cbc"``, run through PuLP's ``COIN_CMD``; ``None`` uses the
        one PuLP 3 bundles, or on PuLP 4 the ``cbcbox`` package's or a ``cbc`` on ``PATH``.

    """

    solver: str = "highs"
    time_limit: float | None = None
    lexicographic: bool = True
    cbc_path: str | None = None

    def budget(self, n_vars: int) -> float:
        """Return the seconds past the LP a solve of ``n_vars`` variables may spend."""
        if self.time_limit is not None:
            return max(0.0, self.time_limit)
        return DEFAULT_TIME_LIMIT if n_vars <= AUTO_MILP_MAX_VARS else 0.0


@dataclass
class Solution:
    """A solved model: whole workers per cell, the objective with its bound, spend with its bound.

    ``objective_bound`` is what no whole-worker plan can beat (``floor`` of the LP optimum when
    the objective counts whole workers, tightened by the MILP when it ran); ``spend_bound`` is the
    least any plan reaching ``objective`` could spend. ``shadow_prices`` are the LP duals of the
    first stage, by constraint name, as the change of the objective per unit of right-hand side.
    """

    status: Status
    solver: str
    workers: dict[Cell, int] = field(default_factory=dict)
    objective: float = 0.0
    objective_bound: float = 0.0
    lp_objective: float = 0.0
    spend: int = 0
    spend_bound: int = 0
    shadow_prices: dict[str, float] = field(default_factory=dict)
    lp_workers: dict[Cell, float] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def objective_gap(self) -> float:
        """How far the plan's objective may be from the best whole-worker plan."""
        return abs(self.objective_bound - self.objective)

    @property
    def spend_gap(self) -> int:
        """Rupiah the plan might spend above the least possible for its objective."""
        return max(0, self.spend - self.spend_bound)
