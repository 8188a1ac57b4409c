"""Answers a budget hearing asks for, each in its own module.

- :mod:`~planner.analysis.sweep`: covered workers and spend at each global cut of a grid, the cuts
  at which each group starts losing cover, and the same curve with protections off;
- :mod:`~planner.analysis.cut`: the largest cut that keeps every mandate, one LP with the cut as a
  variable;
- :mod:`~planner.analysis.need`: the least extra money in a source that reaches a target;
- :mod:`~planner.analysis.diagnose`: why a scenario is infeasible, mandate by mandate;
- :mod:`~planner.analysis.explain`: why a plan is what it is, in words, from the LP, whose
  effects :mod:`~planner.analysis.relaxation` reads from the duals, the basis and re-solves.

This layer stands on the engine (:mod:`planner.engine`) and is joined to it by
:mod:`planner.pipeline`.
"""

from planner.analysis.cut import budget_rows, max_feasible_cut
from planner.analysis.diagnose import diagnose
from planner.analysis.explain import explain
from planner.analysis.need import Need, need, plain_objective
from planner.analysis.sweep import Breakpoint, CutPoint, Sweep, sweep

__all__ = [
    "Breakpoint",
    "CutPoint",
    "Need",
    "Sweep",
    "budget_rows",
    "diagnose",
    "explain",
    "max_feasible_cut",
    "need",
    "plain_objective",
    "sweep",
]
