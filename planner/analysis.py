"""Answers a budget hearing asks for: what a cut does, how far one can go, what a target costs.

- :func:`sweep`: covered workers and spend at each global cut of a grid, the cuts at which each
  group starts losing cover (located exactly on the LP, not only at grid points), the largest cut
  that keeps every mandate, and the same curve with protections off;
- :func:`max_feasible_cut`: that largest cut, solved as one LP with the cut as a variable;
- :func:`need`: the least extra money in a source that reaches a target head-count;
- :func:`diagnose`: why a scenario is infeasible, mandate by mandate.

All re-solves go through :class:`planner.solve.Solver`, which keeps one HiGHS model and changes
only right-hand sides between solves.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field, replace
from typing import Any

from planner.formulation import (
    add_cut_variable,
    add_extra_money,
    add_priority,
    add_shortfalls,
    add_target,
    build,
)
from planner.i18n import register
from planner.inputs import ModelInputs, available_money, derive
from planner.results import Message
from planner.schema import Scenario
from planner.solution import SolveOptions, Status
from planner.solve import Solver

__all__ = [
    "Breakpoint",
    "CutPoint",
    "Need",
    "Sweep",
    "budget_rows",
    "diagnose",
    "max_feasible_cut",
    "need",
    "sweep",
]

_TOL = 1e-6

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
        "msg_need_none": {
            "id": "{source}: target {n_target} pekerja sudah tercapai tanpa tambahan dana",
            "en": "{source}: the target of {n_target} workers is reached without more money",
        },
        "msg_need_extra": {
            "id": "{source}: perlu tambahan {rp_extra} dana tersedia (pagu {rp_budget} sebelum "
            "pemotongan) untuk mencapai {n_target} pekerja",
            "en": "{source}: needs {rp_extra} more available money ({rp_budget} of budget "
            "before cuts) to reach {n_target} workers",
        },
        "msg_need_unreachable": {
            "id": "{source}: berapa pun tambahannya, target {n_target} tidak tercapai; paling "
            "banyak {n_most} pekerja, karena sumber ini hanya boleh membayar kelompok atau "
            "wilayah tertentu (aturan pendanaan atau daftarnya) dan dana sumber lain sudah habis",
            "en": "{source}: no amount reaches {n_target}; at most {n_most} workers, because this "
            "source may pay only for some groups or regions (funding rules or its lists) and the "
            "other sources' money is spent",
        },
        "msg_mandate_short": {
            "id": "mandat {group} kurang {n_short} pekerja (sekitar {rp_short})",
            "en": "the mandate for {group} falls {n_short} workers short (about {rp_short})",
        },
        "msg_equity_short": {
            "id": "batas minimum wilayah {region} kurang {n_short} pekerja",
            "en": "the regional floor of {region} falls {n_short} workers short",
        },
        "msg_target_short": {
            "id": "target cakupan kurang {n_short} pekerja",
            "en": "the coverage target falls {n_short} workers short",
        },
        "msg_max_feasible_cut": {
            "id": "semua mandat masih terpenuhi sampai pemotongan {share_cut} (sekarang "
            "{share_now})",
            "en": "every mandate still holds up to a cut of {share_cut} (now {share_now})",
        },
        "msg_no_cut_feasible": {
            "id": "mandat tidak terpenuhi bahkan tanpa pemotongan: tambah dana atau turunkan "
            "mandat",
            "en": "the mandates cannot be met even without a cut: add money or lower a mandate",
        },
    }
)


def budget_rows(inputs: ModelInputs, cut: float) -> dict[str, tuple[float, float]]:
    """Return the budget rows' bounds at global cut ``cut``: ``{"budget[s]": (-inf, A[s])}``."""
    return {
        f"budget[{s}]": (-math.inf, float(available_money(inputs.source_by_id[s], cut)))
        for s in inputs.sources
    }


# --- the largest cut ---------------------------------------------------------------------------


def _lp_max_cut(inputs: ModelInputs) -> float | None:
    f = build(inputs, integer=False)
    add_cut_variable(f)
    answer = Solver(f).lp()
    if answer.status is not Status.OPTIMAL:
        return None
    return min(1.0, max(0.0, answer.objective))


def _feasible_at(solver: Solver, inputs: ModelInputs, cut: float) -> bool:
    solver.set_rows(budget_rows(inputs, cut))
    return solver.solve().status is Status.OPTIMAL


def max_feasible_cut(scenario: Scenario, options: SolveOptions | None = None) -> float | None:
    """Find the largest global cut at which every mandate, floor and target can still be met.

    Solved as one LP with the cut K as a variable (``A[s] = B'[s] (1 - K)`` is linear in K), then
    checked with whole workers: money cannot be pooled across sources, so whole workers may need
    a slightly smaller cut than the LP's; then the largest feasible K is found below it by
    bisection (to 1e-6). ``None`` when the mandates cannot be met even without a cut.
    """
    inputs = derive(scenario)
    upper = _lp_max_cut(inputs)
    if upper is None:
        return None
    solver = Solver(build(inputs), replace(options or SolveOptions(), lexicographic=False))
    k = math.floor(upper * 1e6) / 1e6
    if _feasible_at(solver, inputs, k):
        return k
    lo, hi = 0.0, k
    if not _feasible_at(solver, inputs, lo):
        return None
    while hi - lo > 1e-9:
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if _feasible_at(solver, inputs, mid) else (lo, mid)
    # money is whole rupiah, so the exact limit is often a round share: try it first
    rounded = math.ceil(lo * 1e6) / 1e6
    if rounded <= hi and _feasible_at(solver, inputs, rounded):
        return rounded
    return math.floor(lo * 1e6) / 1e6


# --- the cut curve -----------------------------------------------------------------------------


@dataclass(frozen=True)
class CutPoint:
    """The whole-worker plan at one global cut."""

    cut: float
    status: str
    covered_workers: int
    bound_covered: int
    total_cost: int


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
        head = ["cut", "status", "covered_workers", "bound_covered", "total_cost"]
        if self.unprotected is not None:
            head += ["covered_without_protection", "total_cost_without_protection"]
        lines = [",".join(head)]
        for i, p in enumerate(self.points):
            row = [f"{p.cut:.6f}", p.status, str(p.covered_workers), str(p.bound_covered),
                   str(p.total_cost)]
            if self.unprotected is not None:
                u = self.unprotected[i]
                row += [str(u.covered_workers), str(u.total_cost)]
            lines.append(",".join(row))
        return "\n".join(lines) + "\n"


def _points(scenario: Scenario, cuts: list[float], options: SolveOptions) -> list[CutPoint]:
    inputs = derive(scenario)
    solver = Solver(build(inputs), options)
    plain = scenario.policy.objective == "max_covered" and all(
        g.weight == 1 for g in scenario.groups
    )
    out = []
    for k in cuts:
        solver.set_rows(budget_rows(inputs, k))
        sol = solver.solve(detail=False)
        ok = sol.status is Status.OPTIMAL
        covered = sum(sol.workers.values()) if ok else 0
        bound = int(sol.objective_bound) if ok and plain else covered
        out.append(CutPoint(round(k, 10), str(sol.status), covered, bound,
                            int(sol.spend) if ok else 0))
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


def _breakpoints(
    inputs: ModelInputs, cuts: list[float], max_cut: float | None
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
    rank = {g: i for i, g in enumerate(inputs.groups)}
    out.sort(key=lambda b: (b.cut, -rank[b.group]))
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
    # each point is the rounded and repaired LP plan with its bound, no MILP: a sweep is read as
    # a curve, and 51 MILPs would cost seconds even on small models (HiGHS needs ~15 ms a MILP)
    options = options or SolveOptions(time_limit=0.0)
    cuts = [start + (stop - start) * i / (steps - 1) for i in range(steps)]
    t0 = time.perf_counter()
    points = _points(scenario, cuts, options)
    t1 = time.perf_counter()
    max_cut = max_feasible_cut(scenario, options)
    t2 = time.perf_counter()
    breakpoints, solves = _breakpoints(derive(scenario), cuts, max_cut)
    t3 = time.perf_counter()
    unprotected = None
    if any(s.protected for s in scenario.sources):
        open_lines = scenario.model_copy(update={"sources": tuple(
            s.model_copy(update={"protected": False}) for s in scenario.sources
        )})
        unprotected = _points(open_lines, cuts, options)
    t4 = time.perf_counter()
    return Sweep(points, breakpoints, max_cut, unprotected, {
        "points": t1 - t0, "max_feasible_cut": t2 - t1, "breakpoints": t3 - t2,
        "breakpoint_solves": solves, "unprotected": t4 - t3, "total": t4 - t0,
    })


# --- the reverse question ----------------------------------------------------------------------


@dataclass(frozen=True)
class Need:
    """The least extra money in one source that reaches the target, or why none can."""

    source: str
    target: int
    reachable: bool
    extra: int = 0  # rupiah more available money (after cuts)
    extra_budget: int = 0  # the same as a budget line before cuts
    lower_bound: int = 0  # the LP's least extra money: no plan needs less
    covered: int = 0  # workers the plan with the extra money covers
    most: int = 0  # when unreachable: the most this source can bring the cover to
    name: str = ""  # the source's name as people read it

    def message(self) -> Message:
        """Describe the answer in words."""
        label = self.name or self.source
        if self.reachable and self.extra == 0:
            return Message("need_none", {"source": label, "n_target": self.target})
        if self.reachable:
            return Message("need_extra", {"source": label, "n_target": self.target,
                                          "rp_extra": self.extra,
                                          "rp_budget": self.extra_budget})
        return Message("need_unreachable", {"source": label, "n_target": self.target,
                                            "n_most": self.most})


def _with_budget(scenario: Scenario, source: str, extra_budget: int) -> Scenario:
    return scenario.model_copy(update={"sources": tuple(
        s.model_copy(update={"budget": s.budget + extra_budget}) if s.id == source else s
        for s in scenario.sources
    )})


def _budget_for(scenario: Scenario, source: str, extra_available: float) -> int:
    """Budget-line rupiah (before cuts) that leave ``extra_available`` more after cuts."""
    src = next(s for s in scenario.sources if s.id == source)
    factor = (1 - src.cut) * (1 if src.protected else 1 - scenario.policy.global_cut)
    return math.ceil(extra_available / factor) if factor > 0 else 0


def plain_objective(scenario: Scenario) -> Scenario:
    """Give the scenario the objective "cover the most workers", every worker counting once."""
    return scenario.model_copy(update={
        "policy": scenario.policy.model_copy(update={"objective": "max_covered",
                                                     "target_covered": None}),
        "groups": tuple(g.model_copy(update={"weight": 1.0}) for g in scenario.groups),
    })


def _covered(scenario: Scenario, options: SolveOptions) -> int:
    """Whole workers the plain scenario covers (0 when infeasible)."""
    f = build(derive(plain_objective(scenario)))
    sol = Solver(f, replace(options, lexicographic=False)).solve()
    return sum(sol.workers.values()) if sol.status is Status.OPTIMAL else 0


def _most_with_unlimited(scenario: Scenario, source: str, options: SolveOptions) -> int:
    """Count the most whole workers any plan covers with practically unlimited ``source`` money."""
    return _covered(_with_budget(scenario, source, 10**15), options)


def _need_one(scenario: Scenario, inputs: ModelInputs, source: str, target: int,
              options: SolveOptions) -> Need:
    f = build(derive(plain_objective(scenario)), integer=False)
    add_target(f, target)
    add_extra_money(f, source)
    answer = Solver(f).lp()
    if answer.status is not Status.OPTIMAL:
        return Need(source, target, False, most=_most_with_unlimited(scenario, source, options))
    lower = max(0, math.ceil(answer.objective - 1e-6))
    extra_budget = _budget_for(scenario, source, lower)
    cheapest = min((inputs.unit_cost[c[0], source] for c in inputs.cells if c[2] == source),
                   default=1)
    for _ in range(8):  # check with whole workers; add whole premiums until the plan reaches it
        funded = _with_budget(scenario, source, extra_budget)
        covered = _covered(funded, options)
        if covered >= target:
            src = next(s for s in funded.sources if s.id == source)
            extra = available_money(src, scenario.policy.global_cut) - inputs.available[source]
            return Need(source, target, True, extra=extra, extra_budget=extra_budget,
                        lower_bound=lower, covered=covered)
        extra_budget += _budget_for(scenario, source, max(1, target - covered) * cheapest)
    return Need(source, target, False, lower_bound=lower,
                most=_most_with_unlimited(scenario, source, options))


def need(scenario: Scenario, target: int, source: str | None = None,
         options: SolveOptions | None = None) -> list[Need]:
    """Find the least extra money in ``source`` (or in each source) to cover ``target`` workers.

    The LP gives the least extra money any plan needs; the answer is then checked with whole
    workers (the plan with that money must cover the target) and raised by whole premiums until
    it does, so the figure stated always works when entered in the budget.
    """
    options = options or SolveOptions()
    inputs = derive(scenario)
    sources = [source] if source else list(inputs.sources)
    unknown = [s for s in sources if s not in inputs.source_by_id]
    if unknown:
        raise ValueError(f"no such source: {', '.join(unknown)}; "
                         f"known: {', '.join(inputs.sources)}")
    return [
        replace(_need_one(scenario, inputs, s, target, options),
                name=inputs.source_by_id[s].label)
        for s in sources
    ]


# --- infeasibility -----------------------------------------------------------------------------


def diagnose(scenario: Scenario) -> list[Message]:
    """Which mandates, regional floors or target cannot be met, by how many workers and rupiah.

    Solves the elastic LP (a shortfall column on each of those rows, total shortfall minimised),
    then names contradictions that no money can fix, and the largest cut at which all hold.
    """
    inputs = derive(scenario)
    out: list[Message] = [Message("infeasible")]
    payable = {(c[0], c[1]) for c in inputs.cells}
    for (g, r), n in inputs.mandate.items():
        if n > 0 and (g, r) not in payable:
            out.append(Message("mandate_no_payer", {"group": g, "region": r, "n_need": n}))
    f = build(inputs, integer=False)
    add_shortfalls(f)
    answer = Solver(f).lp()
    if answer.status is Status.OPTIMAL:
        short = {name: v for name, v in answer.extra_values.items() if v > _TOL}
        by_group: dict[str, float] = {}
        for name, value in short.items():
            family, key = f.rows[name]
            if family == "mandate":
                g, r = key  # type: ignore[misc]
                if (g, r) in payable:
                    by_group[g] = by_group.get(g, 0.0) + value
            elif family == "equity":
                out.append(Message("equity_short", {"region": key, "n_short": math.ceil(value)}))
            elif family == "target":
                out.append(Message("target_short", {"n_short": math.ceil(value)}))
        for g, value in by_group.items():
            costs = [inputs.unit_cost[g, c[2]] for c in inputs.cells if c[0] == g]
            workers = math.ceil(value - _TOL)
            out.append(Message("mandate_short", {"group": inputs.group_by_id[g].label,
                                                 "n_short": workers,
                                                 "rp_short": workers * min(costs)}))
    cut = max_feasible_cut(scenario) if not any(
        m.code == "mandate_no_payer" for m in out) else None
    if cut is not None and cut < scenario.policy.global_cut:
        out.append(Message("max_feasible_cut", {"share_cut": cut,
                                                 "share_now": scenario.policy.global_cut}))
    elif cut is None and len(out) > 1:
        out.append(Message("no_cut_feasible"))
    return out
