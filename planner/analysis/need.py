"""The reverse question: the least extra money in a source that reaches a target head-count."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from planner.engine.formulation import add_extra_money, add_target, build
from planner.engine.inputs import ModelInputs, available_money, derive
from planner.engine.results import Message
from planner.engine.schema import Scenario
from planner.engine.solution import SolveOptions, Status
from planner.engine.solve import Solver
from planner.i18n import register

__all__ = ["Need", "need", "plain_objective"]

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

