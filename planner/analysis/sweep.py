"""The cut curve: covered workers and spend at each global cut of a grid.

:func:`sweep` also finds the cuts at which each group starts losing cover (located exactly on the
LP, not only at grid points), the largest cut that keeps every mandate, and the same curve with
protections off. All re-solves go through :class:`planner.engine.solve.Solver`, which keeps one
HiGHS model and changes only right-hand sides between solves.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

from planner.analysis.cut import budget_rows, max_feasible_cut
from planner.analysis.relaxed import Relaxer, floor_rows
from planner.engine.formulation import add_priority, build
from planner.engine.inputs import ModelInputs, derive
from planner.engine.replan import split_enrolled
from planner.engine.results import Message
from planner.engine.schema import Scenario
from planner.engine.solution import SolveOptions, Status
from planner.engine.solve import Solver
from planner.i18n import register

__all__ = ["Breakpoint", "CutPoint", "Sweep", "sweep"]

_TOL = 1e-6
_T = TypeVar("_T")

register(
    {
        "msg_breakpoint_starts_losing": {
            "id": "pada pemotongan {share_cut}, {group} mulai kehilangan perlindungan",
            "en": "at a cut of {share_cut}, {group} starts losing cover",
        },
        "msg_breakpoint_mandates_fail": {
            "id": "di atas pemotongan {share_cut}, tidak semua mandat dapat dipenuhi",
            "en": "beyond a cut of {share_cut}, not every mandate can be met",
        },
    }
)


@dataclass(frozen=True)
class CutPoint:
    """The whole-worker plan at one global cut."""

    cut: float
    status: str
    covered_workers: int
    bound_covered: int
    total_cost: int
    # where mandates fail: the workers the relaxed plan covers (mandates met as far as the money
    # allows, then the scenario's policy), drawn in another style beyond the largest feasible cut
    relaxed_covered: int | None = None


@dataclass(frozen=True)
class Breakpoint:
    """A cut at which a group ``starts_losing`` cover, or beyond which ``mandates_fail``."""

    cut: float
    group: str
    event: str
    covered_before: float
    name: str = ""

    def message(self) -> Message:
        """Describe the event in words."""
        return Message(f"breakpoint_{self.event}",
                       {"group": self.name or self.group, "share_cut": self.cut})


@dataclass
class Sweep:
    """The cut curve of a scenario."""

    points: list[CutPoint]
    breakpoints: list[Breakpoint]
    max_feasible_cut: float | None
    unprotected: list[CutPoint] | None = None
    timings: dict[str, float] = field(default_factory=dict)

    def to_json(self, lang: str = "id") -> dict[str, Any]:
        """``{points, breakpoints, max_feasible_cut, points_without_protection}``."""
        return {
            "points": [vars(p) for p in self.points],
            "breakpoints": [
                {"cut": b.cut, "group": b.group, "event": b.event,
                 "covered_before": round(b.covered_before, 6),
                 "message": b.message().text(lang)}
                for b in self.breakpoints
            ],
            "max_feasible_cut": self.max_feasible_cut,
            "points_without_protection": (
                [vars(p) for p in self.unprotected] if self.unprotected is not None else None
            ),
        }

    def to_csv(self) -> str:
        """One row per cut: covered workers and spend, with protections off where there are any."""
        head = ["cut", "status", "covered_workers", "bound_covered", "total_cost",
                "relaxed_covered"]
        if self.unprotected is not None:
            head += ["covered_without_protection", "total_cost_without_protection"]
        lines = [",".join(head)]
        for i, p in enumerate(self.points):
            row = [f"{p.cut:.6f}", p.status, str(p.covered_workers), str(p.bound_covered),
                   str(p.total_cost), "" if p.relaxed_covered is None else str(p.relaxed_covered)]
            if self.unprotected is not None:
                u = self.unprotected[i]
                row += [str(u.covered_workers), str(u.total_cost)]
            lines.append(",".join(row))
        return "\n".join(lines) + "\n"


def _points(scenario: Scenario, cuts: list[float], options: SolveOptions) -> list[CutPoint]:
    inputs = split_enrolled(derive(scenario))  # a re-plan keeps enrolled workers first
    solver = Solver(inputs, options)  # the plan's own model, as run() builds it
    plain = scenario.policy.objective == "max_covered" and all(
        g.weight == 1 for g in scenario.groups
    )
    out = []
    relaxer: Relaxer | None = None
    floors = {n: (float(solver.mm.row_lower[i]), math.inf) for n, i in solver.row_index.items()
              if n.startswith(("mandate[", "equity["))}
    for k in cuts:
        solver.set_rows(budget_rows(inputs, k))
        sol = solver.solve(detail=False, cold=True)  # the very plan a single solve at k gives
        ok = sol.status is Status.OPTIMAL
        covered = sum(sol.workers.values()) if ok else 0
        bound = int(sol.objective_bound) if ok and plain else covered
        relaxed_covered = None
        if sol.status is Status.INFEASIBLE and floors:
            relaxer = relaxer or Relaxer(inputs, options)
            found = relaxer.lowered(budget_rows(inputs, k))
            if found is not None:
                solver.set_rows(floor_rows(solver, found[0], found[1]))
                plan = solver.solve(detail=False, cold=True)
                solver.set_rows(floors)
                if plan.status is Status.OPTIMAL:
                    relaxed_covered = sum(plan.workers.values())
        out.append(CutPoint(round(k, 10), str(sol.status), covered, bound,
                            int(sol.spend) if ok else 0, relaxed_covered))
    return out


class _GroupCover:
    """Each group's LP cover as a function of the cut, ties broken by the order listed."""

    def __init__(self, inputs: ModelInputs) -> None:
        f = build(inputs, integer=False)
        add_priority(f)
        self.inputs = inputs
        self.solver = Solver(f)
        self.solves = 0

    def at(self, cut: float) -> dict[str, float] | None:
        self.solver.set_rows(budget_rows(self.inputs, cut))
        self.solves += 1
        answer = self.solver.lp()
        if answer.status is not Status.OPTIMAL:
            return None
        cover = dict.fromkeys(self.inputs.groups, 0.0)
        for (g, _, _), v in answer.values.items():
            cover[g] += v
        return cover

    def locate(self, group: str, level: float, lo: float, hi: float) -> float:
        """Find the cut in (lo, hi] where ``group``'s cover first falls below ``level``.

        Bisection narrows the bracket to 1e-7; the cover is linear just past the breakpoint, so
        two solves inside the last bracket, both past it, put the breakpoint where that line
        meets ``level``. Money after a cut is whole rupiah, so a breakpoint is exact to about one
        rupiah of the budgets (1e-8 of a cut on a kabupaten's billions).
        """

        def cover(k: float) -> float:
            c = self.at(k)
            return -math.inf if c is None else c[group]

        while hi - lo > 1e-7:
            mid = (lo + hi) / 2
            if cover(mid) >= level - _TOL:
                lo = mid
            else:
                hi = mid
        mid = (lo + hi) / 2
        c_hi, c_mid = cover(hi), cover(mid)
        if math.isfinite(c_mid) and c_mid < level - _TOL and c_mid > c_hi:
            exact = mid - (level - c_mid) * (hi - mid) / (c_mid - c_hi)
            if lo - 1e-6 <= exact <= mid:  # lo may sit a tolerance past the breakpoint
                return max(exact, 0.0)
        return hi


def _shared_starts(inputs: ModelInputs, found: list[Breakpoint],
                   options: SolveOptions) -> list[Breakpoint]:
    """Check the LP's breakpoints against the plans, which share ties evenly.

    The LP behind the breakpoints breaks ties by priority, then id, so among groups one source
    pays the same for, one loses first there; the plan shares the loss evenly, so the others of
    that tie start losing at the same cut. Just past each breakpoint the whole-worker plan is
    solved (with the scenario's policy) and every group it funds less than at no cut is taken
    to start losing there, if the LP put that later or nowhere.
    """
    if not found:
        return found
    solver = Solver(inputs, options)

    def funded(cut: float) -> dict[str, int] | None:
        solver.set_rows(budget_rows(inputs, cut))
        sol = solver.solve(cold=True)
        if sol.status is not Status.OPTIMAL:
            return None
        out = dict.fromkeys(inputs.groups, 0)
        for (g, _, _), w in sol.workers.items():
            out[g] += w
        return out

    base = funded(0.0)
    if base is None:
        return found
    by_group = {b.group: b for b in found}
    for k in sorted({b.cut for b in found}):
        after = funded(min(1.0, k + 1e-3))
        if after is None:
            continue
        for g in inputs.groups:
            if after[g] < base[g] and (g not in by_group or by_group[g].cut > k):
                by_group[g] = Breakpoint(k, g, "starts_losing", float(base[g]),
                                         inputs.group_by_id[g].label)
    return list(by_group.values())


def _breakpoints(
    inputs: ModelInputs, cuts: list[float], max_cut: float | None, options: SolveOptions
) -> tuple[list[Breakpoint], int]:
    """Where each group starts losing cover and loses all of it, on the feasible part."""
    if max_cut is None:
        return [], 0
    cuts = [k for k in cuts if k <= max_cut] + ([max_cut] if max_cut < cuts[-1] else [])
    curve = _GroupCover(inputs)
    covers = [curve.at(k) for k in cuts]
    start = covers[0]
    if start is None:
        return [], curve.solves
    out = []
    for g in inputs.groups:
        level = start[g]
        if level <= _TOL:
            continue
        for i in range(1, len(cuts)):
            c = covers[i]
            if c is not None and c[g] < level - _TOL:
                k = curve.locate(g, level, cuts[i - 1], cuts[i])
                name = inputs.group_by_id[g].label
                out.append(Breakpoint(round(k, 9), g, "starts_losing", round(level, 6), name))
                break
    out = _shared_starts(inputs, out, options)
    rank = {g: i for i, g in enumerate(inputs.groups)}
    out.sort(key=lambda b: (b.cut, rank[b.group]))
    if max_cut < cuts[-1] or max_cut < 1:
        out.append(Breakpoint(max_cut, "", "mandates_fail", 0.0, ""))
    return out, curve.solves


def sweep(
    scenario: Scenario,
    start: float = 0.0,
    stop: float = 0.5,
    steps: int = 51,
    options: SolveOptions | None = None,
) -> Sweep:
    """Plan at ``steps`` cuts from ``start`` to ``stop``: the cut curve and its breakpoints."""
    if not 0 <= start <= stop <= 1 or steps < 2:
        raise ValueError("need 0 <= from <= to <= 1 and at least 2 steps")
    # each point is the plan `planner solve --cut k` gives with the same options (by default a
    # MILP only on small models, where it takes milliseconds), so the curve and a plan agree
    options = options or SolveOptions()
    cuts = [start + (stop - start) * i / (steps - 1) for i in range(steps)]
    t0 = time.perf_counter()
    timings: dict[str, float] = {}

    def timed(key: str, work: Callable[[], _T]) -> _T:
        t = time.perf_counter()
        out = work()
        timings[key] = time.perf_counter() - t
        return out

    open_lines = None
    if any(s.protected for s in scenario.sources):
        open_lines = scenario.model_copy(update={"sources": tuple(
            s.model_copy(update={"protected": False}) for s in scenario.sources
        )})
    # the two curves are independent models: HiGHS lets go of the GIL while it solves, so on
    # two cores they run side by side (1.5x on a kabupaten) with every point as it would be alone
    with ThreadPoolExecutor(max_workers=2) as pool:
        unprotected_curve = (
            pool.submit(timed, "unprotected", lambda: _points(open_lines, cuts, options))
            if open_lines is not None else None
        )
        points = timed("points", lambda: _points(scenario, cuts, options))
        max_cut = timed("max_feasible_cut", lambda: max_feasible_cut(scenario, options))
        breakpoints, solves = timed(
            "breakpoints", lambda: _breakpoints(derive(scenario), cuts, max_cut, options))
        unprotected = unprotected_curve.result() if unprotected_curve is not None else None
    timings.setdefault("unprotected", 0.0)
    return Sweep(points, breakpoints, max_cut, unprotected, {
        **timings, "breakpoint_solves": solves, "total": time.perf_counter() - t0,
    })

