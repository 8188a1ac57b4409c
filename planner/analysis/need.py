"""The reverse question: the least extra money in a source that reaches a target head-count."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from planner.engine.formulation import add_extra_money, add_target, build
from planner.engine.inputs import ModelInputs, available_money, derive
from planner.engine.results import Message
from planner.engine.schema import Scenario
from planner.engine.solution import AUTO_MILP_MAX_VARS, SolveOptions, Status
from planner.engine.solve import Solver
from planner.i18n import register

__all__ = ["NEED_CHECK_SECONDS", "Need", "need", "plain_objective"]

register(
    {
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
        "msg_need_beyond_eligible": {
            "id": "{source}: target {n_target} pekerja melebihi semua pekerja yang layak dibiayai "
            "({n_eligible}); berapa pun tambahannya tidak tercapai, paling banyak {n_most} "
            "pekerja",
            "en": "{source}: the target of {n_target} workers is more than every worker who may be "
            "funded ({n_eligible}); no amount reaches it, at most {n_most} workers",
        },
    }
)


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
    eligible: int | None = None  # set when the target is more than every fundable worker

    def message(self) -> Message:
        """Describe the answer in words."""
        label = self.name or self.source
        if self.reachable and self.extra == 0:
            return Message("need_none", {"source": label, "n_target": self.target})
        if self.reachable:
            return Message("need_extra", {"source": label, "n_target": self.target,
                                          "rp_extra": self.extra,
                                          "rp_budget": self.extra_budget})
        if self.eligible is not None:
            return Message("need_beyond_eligible", {"source": label, "n_target": self.target,
                                                    "n_eligible": self.eligible,
                                                    "n_most": self.most})
        return Message("need_unreachable", {"source": label, "n_target": self.target,
                                            "n_most": self.most})


NEED_CHECK_SECONDS = 0.25  # per whole-worker check, by default: MILP past the LP, small models


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


class _Reach:
    """Whole workers the plain scenario covers with more money in one source.

    One model for all sources, built once; each check only moves one budget row and re-solves
    from the last basis (rounding, repair and a short MILP on small models), so a check costs a
    warm LP.
    """

    def __init__(self, scenario: Scenario, options: SolveOptions) -> None:
        self.scenario = scenario
        inputs = derive(plain_objective(scenario))
        check = options.time_limit if options.time_limit is not None else NEED_CHECK_SECONDS
        if options.time_limit is None and len(inputs.cells) > AUTO_MILP_MAX_VARS:
            check = 0.0  # as a plan of this size: repair alone
        self.solver = Solver(inputs, replace(options, lexicographic=False, time_limit=check))
        self.moved: str | None = None

    def available(self, source: str, extra_budget: int) -> int:
        """Money available after cuts with ``extra_budget`` more on ``source``'s budget line."""
        src = next(s for s in self.scenario.sources if s.id == source)
        src = src.model_copy(update={"budget": src.budget + extra_budget})
        return available_money(src, self.scenario.policy.global_cut)

    def covered(self, source: str, extra_budget: int) -> int:
        """Whole workers covered with ``extra_budget`` more for ``source`` (0: infeasible)."""
        if self.moved is not None and self.moved != source:
            self.solver.set_rows({f"budget[{self.moved}]": (
                -math.inf, float(self.available(self.moved, 0)))})
        self.moved = source
        self.solver.set_rows({f"budget[{source}]": (
            -math.inf, float(self.available(source, extra_budget)))})
        sol = self.solver.solve(detail=False)
        return sum(sol.workers.values()) if sol.status is Status.OPTIMAL else 0


def _need_one(scenario: Scenario, inputs: ModelInputs, source: str, target: int,
              reach: _Reach) -> Need:
    """Find the least extra money in ``source`` for ``target`` workers, checked with whole workers.

    The LP's least extra money is a lower bound. From it, whole premiums (the cheapest this
    source pays) are added, twice as many each time, until a whole-worker plan reaches the
    target; then the last step is halved back to within one premium, so the figure stated
    always works in the budget and is at most one premium above the least whole-worker amount
    the checks can find.
    """
    fundable = sum(inputs.cap.values())
    if target > fundable:  # more than every worker who may be funded: no amount reaches it
        return Need(source, target, False, most=reach.covered(source, 10**15), eligible=fundable)
    f = build(derive(plain_objective(scenario)), integer=False)
    add_target(f, target)
    add_extra_money(f, source)
    answer = Solver(f).lp()
    if answer.status is not Status.OPTIMAL:
        return Need(source, target, False, most=reach.covered(source, 10**15))
    lower = max(0, math.ceil(answer.objective - 1e-6))
    premium = min((inputs.unit_cost[c[0], source] for c in inputs.cells if c[2] == source),
                  default=1)
    step = _budget_for(scenario, source, premium)
    failed, extra_budget = -1, _budget_for(scenario, source, lower)
    for i in range(40):  # add whole premiums, twice as many each time, until the plan reaches it
        covered = reach.covered(source, extra_budget)
        if covered >= target:
            break
        failed = extra_budget
        extra_budget += step * max(1, target - covered) * 2**i
    else:
        return Need(source, target, False, lower_bound=lower,
                    most=reach.covered(source, 10**15))
    while failed >= 0 and extra_budget - failed > step:  # back to within one premium
        mid = (failed + extra_budget) // 2
        if reach.covered(source, mid) >= target:
            extra_budget = mid
        else:
            failed = mid
    covered = reach.covered(source, extra_budget)
    extra = reach.available(source, extra_budget) - inputs.available[source]
    return Need(source, target, True, extra=extra, extra_budget=extra_budget,
                lower_bound=lower, covered=covered)


def need(scenario: Scenario, target: int, source: str | None = None,
         options: SolveOptions | None = None) -> list[Need]:
    """Find the least extra money in ``source`` (or in each source) to cover ``target`` workers.

    The LP gives the least extra money any plan needs (``lower_bound``); the answer is then
    checked with whole workers (the plan with that money must cover the target) and raised by
    whole premiums until it does, so the figure stated always works when entered in the budget.
    Each check is a warm re-solve of one model per source, with a MILP of at most
    :data:`NEED_CHECK_SECONDS` on small models (``options.time_limit`` overrides it).
    """
    options = options or SolveOptions()
    inputs = derive(scenario)
    sources = [source] if source else list(inputs.sources)
    unknown = [s for s in sources if s not in inputs.source_by_id]
    if unknown:
        raise ValueError(f"no such source: {', '.join(unknown)}; "
                         f"known: {', '.join(inputs.sources)}")
    reach = _Reach(scenario, options)
    return [
        replace(_need_one(scenario, inputs, s, target, reach), name=inputs.source_by_id[s].label)
        for s in sources
    ]
