"""What a cut costs, group by group and source by source: ``changes``.

The hearing asks "if we cut this much, who loses cover?". The answer compares the plan with the
same scenario before the cut (every cut at zero), or with the saved version it came from: per
group the workers funded before and after, per source the rupiah spent before and after, and a
sentence naming the groups that lose ("pemotongan 20% mengurangi 19.123 pekerja: UMKM 18.000,
buruh harian 1.123").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from planner.engine.inputs import Cell
from planner.engine.results import Message
from planner.engine.schema import Scenario
from planner.i18n import register

__all__ = ["Change", "Changes", "changes", "uncut"]

register(
    {
        "msg_cut_cost": {
            "id": "pemotongan {share_cut} mengurangi {n_lost} pekerja: {counts_losses}",
            "en": "a cut of {share_cut} removes {n_lost} workers: {counts_losses}",
        },
        "msg_cuts_cost": {
            "id": "pemotongan anggaran mengurangi {n_lost} pekerja: {counts_losses}",
            "en": "the budget cuts remove {n_lost} workers: {counts_losses}",
        },
        "msg_change_gain": {
            "id": "dibanding {against}, rencana ini melindungi {n_more} pekerja lebih banyak: "
            "{counts_gains}",
            "en": "against {against}, this plan covers {n_more} more workers: {counts_gains}",
        },
        "msg_cuts_cost_nobody": {
            "id": "pemotongan anggaran tidak mengurangi seorang pekerja pun",
            "en": "the budget cuts remove no worker",
        },
        "msg_change_cost": {
            "id": "dibanding {against}, rencana ini mengurangi {n_lost} pekerja: "
            "{counts_losses}",
            "en": "against {against}, this plan covers {n_lost} fewer workers: {counts_losses}",
        },
        "msg_cut_costs_nobody": {
            "id": "pemotongan {share_cut} tidak mengurangi seorang pekerja pun",
            "en": "a cut of {share_cut} removes no worker",
        },
    }
)


@dataclass(frozen=True)
class Change:
    """One group's funded workers, or one source's spend, before and after."""

    id: str
    name: str
    before: int
    after: int

    @property
    def change(self) -> int:
        """After minus before."""
        return self.after - self.before

    def to_json(self) -> dict[str, Any]:
        """``{id, before, after, change}``."""
        return {"id": self.id, "before": self.before, "after": self.after,
                "change": self.change}


@dataclass(frozen=True)
class Changes:
    """Per group and per source, before and after; ``against`` names the plan before."""

    against: str
    covered_before: int
    covered_after: int
    groups: list[Change]
    sources: list[Change]

    def to_json(self) -> dict[str, Any]:
        """Return the ``changes`` object of ``planner solve --json`` (MODEL.md)."""
        return {
            "against": self.against,
            "covered": {"before": self.covered_before, "after": self.covered_after,
                        "change": self.covered_after - self.covered_before},
            "groups": [c.to_json() for c in self.groups],
            "sources": [c.to_json() for c in self.sources],
        }

    def message(self, cut: float | None = None) -> Message:
        """Say how many workers the cut removes, and from which groups.

        ``cut`` is the global cut when it is the only cut (then the sentence names it).
        """
        lost = self.covered_before - self.covered_after
        losses = [[c.name, -c.change] for c in sorted(self.groups, key=lambda c: (c.change, c.id))
                  if c.change < 0]
        data: dict[str, Any] = {"n_lost": lost, "counts_losses": losses}
        if self.against != "no_cut":
            if lost < 0:
                gains = [[c.name, c.change] for c in sorted(
                    self.groups, key=lambda c: (-c.change, c.id)) if c.change > 0]
                return Message("change_gain", {"against": self.against, "n_more": -lost,
                                               "counts_gains": gains})
            return Message("change_cost", {"against": self.against, **data})
        if lost <= 0 and not losses:
            return (Message("cut_costs_nobody", {"share_cut": cut}) if cut is not None
                    else Message("cuts_cost_nobody"))
        if cut is not None:
            return Message("cut_cost", {"share_cut": cut, **data})
        return Message("cuts_cost", data)


def uncut(scenario: Scenario) -> Scenario:
    """Return the scenario with every cut at zero: the global cut and each source's own."""
    sources = tuple(s.model_copy(update={"cut": 0.0}) for s in scenario.sources)
    policy = scenario.policy.model_copy(update={"global_cut": 0.0})
    return scenario.model_copy(update={"sources": sources, "policy": policy})


def _totals(workers: dict[Cell, int], unit_cost: dict[tuple[str, str], int]
            ) -> tuple[dict[str, int], dict[str, int]]:
    funded: dict[str, int] = {}
    spent: dict[str, int] = {}
    for (g, _, s), w in workers.items():
        funded[g] = funded.get(g, 0) + w
        spent[s] = spent.get(s, 0) + w * unit_cost[g, s]
    return funded, spent


def changes(scenario: Scenario, before: dict[Cell, int], after: dict[Cell, int],
            unit_cost: dict[tuple[str, str], int], against: str = "no_cut",
            unit_cost_before: dict[tuple[str, str], int] | None = None) -> Changes:
    """Compare two plans of ``scenario``'s groups and sources (``before`` may be another version's).

    Groups and sources are listed as in ``scenario``; a group or source only in the plan before
    is listed after them.
    """
    f0, s0 = _totals(before, unit_cost_before or unit_cost)
    f1, s1 = _totals(after, unit_cost)
    groups = {g.id: g.label for g in scenario.groups}
    sources = {s.id: s.label for s in scenario.sources}
    group_ids = [*groups, *sorted(set(f0) - set(groups))]
    source_ids = [*sources, *sorted(set(s0) - set(sources))]
    return Changes(
        against=against,
        covered_before=sum(f0.values()),
        covered_after=sum(f1.values()),
        groups=[Change(g, groups.get(g, g), f0.get(g, 0), f1.get(g, 0)) for g in group_ids],
        sources=[Change(s, sources.get(s, s), s0.get(s, 0), s1.get(s, 0)) for s in source_ids],
    )
