"""The numbers of the model, derived once from a scenario, with no solver involved.

Money available per source after cuts, the unit cost of each group for each payer, head-count
limits and mandates in whole workers, the equity floor per region, and which (group, region,
source) cells a source may pay for under its lists and the funding rules. The formulation, the
results tables and the independent plan checks all read these, so they agree by construction on
what the scenario says and disagree only if one of them computes a plan wrong.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cache
from pathlib import Path

from planner.engine.premiums import unit_cost
from planner.engine.schema import ALL, Group, Scenario, Source
from planner.engine.yamlio import read_yaml
from planner.errors import Problem, ScenarioError

__all__ = ["FundingRule", "ModelInputs", "Narrowing", "OverCoverage", "derive", "from_month",
           "funding_rules", "money_left"]

Cell = tuple[str, str, str]  # (group, region, source)
GroupRegion = tuple[str, str]

RULES_FILE = Path(__file__).resolve().parent / "data" / "funding_rules.yaml"


@dataclass(frozen=True)
class FundingRule:
    """What a source kind may pay for, with its regulation and the date it holds from.

    A kind with ``requires_tag`` pays only for groups carrying that tag; ``max_share`` is the
    most of a source's ``allocation`` its premium line may take (DBH sawit: 20%).
    """

    kind: str
    requires_tag: str | None
    regulation: str
    valid_from: str = ""
    max_share: Fraction | None = None


@cache
def funding_rules(path: Path = RULES_FILE) -> dict[str, FundingRule]:
    """Return the funding rules by source kind, read once from ``funding_rules.yaml``."""
    data = read_yaml(path, yes_no=None)  # the planner's own data: yes/no anywhere
    return {
        kind: FundingRule(
            kind,
            str(v["requires_tag"]) if v.get("requires_tag") else None,
            str(v["regulation"]),
            str(v.get("valid_from", "")),
            share(v["max_share_of_allocation"]) if "max_share_of_allocation" in v else None,
        )
        for kind, v in data.items()
    }


@dataclass(frozen=True)
class Narrowing:
    """A funding rule that removed groups from what a source's own list allows."""

    source: str
    rule: FundingRule
    removed: tuple[str, ...]


@dataclass(frozen=True)
class OverCoverage:
    """Covered elsewhere above the eligible estimate: the estimate is too low."""

    group: str
    region: str
    eligible: int
    covered_elsewhere: int


def share(value: float) -> Fraction:
    """Return a share as an exact fraction (0.2 is 1/5, not 0.2000000000000000111)."""
    return Fraction(repr(float(value)))


def after_cut(source: Source, global_cut: float) -> int:
    """B[s] (1 - k[s]) (1 - K unless protected), rounded down to whole rupiah."""
    amount = source.budget * (1 - share(source.cut))
    if not source.protected:
        amount *= 1 - share(global_cut)
    return math.floor(amount)


def available_money(source: Source, global_cut: float) -> int:
    """A[s]: the money after cuts, less what the source has paid before a re-plan's month.

    Negative when the cut would take back money already paid (:func:`money_left` refuses that
    for a plan; a cut curve finds no plan there).
    """
    return after_cut(source, global_cut) - source.spent_to_date


def from_month(group: Group, month: int) -> Group | None:
    """Return the part of ``group``'s cover from ``month`` on (None when it ended before)."""
    if month <= group.start_month:
        return group
    end = group.start_month + group.months - 1
    if month > end:
        return None
    return group.model_copy(update={"start_month": month, "months": end - month + 1})


def money_left(scenario: Scenario) -> dict[str, int]:
    """Money each source has from ``policy.from_month`` on: after cuts, less what it has paid.

    Raises :class:`ScenarioError` naming ``sources[i].spent_to_date`` when a source has paid
    more than the cut leaves it: the cut cannot take back money already spent.
    """
    policy = scenario.policy
    out: dict[str, int] = {}
    problems = []
    for i, s in enumerate(scenario.sources):
        left = available_money(s, policy.global_cut)
        if left < 0:
            problems.append(Problem(f"sources[{i}].spent_to_date", "spent_above_available",
                                    {"source": s.label,
                                     "rp_available": after_cut(s, policy.global_cut)},
                                    s.spent_to_date, True))
        out[s.id] = left
    if problems:
        raise ScenarioError(problems)
    return out


@dataclass(frozen=True)
class ModelInputs:
    """Everything the model needs, in whole workers and whole rupiah."""

    scenario: Scenario
    groups: tuple[str, ...]
    regions: tuple[str, ...]
    sources: tuple[str, ...]
    available: dict[str, int]
    unit_cost: dict[tuple[str, str], int]  # (group, source) -> Rp per worker for the cover
    eligible_given: dict[GroupRegion, int]
    eligible: dict[GroupRegion, int]  # max(eligible, covered elsewhere)
    covered_elsewhere: dict[GroupRegion, int]
    cap: dict[GroupRegion, int]  # most workers the plan may fund
    mandate: dict[GroupRegion, int]  # fewest workers the plan must fund (0 if none)
    equity: dict[str, int]  # fewest workers the plan must fund in a region (0 if none)
    cells: tuple[Cell, ...]
    objective_weight: dict[str, float]  # per group
    narrowed: tuple[Narrowing, ...] = ()
    over_covered: tuple[OverCoverage, ...] = ()
    group_by_id: dict[str, Group] = field(default_factory=dict)
    source_by_id: dict[str, Source] = field(default_factory=dict)
    # a re-plan from month m (policy.from_month): workers enrolled before m, per group and
    # region; groups whose cover ended before m; and, in the model split_enrolled makes, the
    # id of each group of enrolled workers and the group it comes from
    enrolled: dict[GroupRegion, int] = field(default_factory=dict)
    ended: tuple[str, ...] = ()
    kept_of: dict[str, str] = field(default_factory=dict)
    # overlapping groups (``part_of``): each model group that belongs to a parent's head-count
    # (a subgroup, or a re-plan's kept part of the parent or of a subgroup) -> the parent; and
    # per (parent, region) the most workers the parent and its parts may be funded together
    part_of: dict[str, str] = field(default_factory=dict)
    family_cap: dict[GroupRegion, int] = field(default_factory=dict)
    # (group, source) -> Rp per worker without any discount: what a discount saves
    undiscounted_cost: dict[tuple[str, str], int] = field(default_factory=dict)

    @property
    def scenario_parts(self) -> frozenset[str]:
        """The scenario's own subgroups (``part_of``), counted inside their parents' totals."""
        return frozenset(g.id for g in self.scenario.groups if g.part_of is not None)

    def payers(self, group: str, region: str) -> list[str]:
        """List the sources that may pay for ``group`` in ``region``."""
        return [s for (g, r, s) in self.cells if g == group and r == region]


def _allowed_groups(
    scenario: Scenario, source: Source, strict: bool
) -> tuple[set[str], Narrowing | None]:
    listed = {g.id for g in scenario.groups} if source.groups == ALL else set(source.groups)
    rule = funding_rules().get(source.kind) if strict else None
    if rule is None or rule.requires_tag is None:
        return listed, None
    tagged = {g.id for g in scenario.groups if rule.requires_tag in g.tags}
    removed = tuple(g.id for g in scenario.groups if g.id in listed - tagged)
    return listed & tagged, Narrowing(source.id, rule, removed) if removed else None


def derive(scenario: Scenario) -> ModelInputs:
    """Compute the model's numbers from a validated scenario."""
    policy = scenario.policy
    regions = scenario.region_ids
    strict = policy.funding_rules == "strict"
    available = money_left(scenario)
    # a re-plan from month m prices each worker for its months from m on
    planned = {g.id: from_month(g, policy.from_month) for g in scenario.groups}
    ended = tuple(g for g, part in planned.items() if part is None)
    readings = policy.discount_readings.model_dump()
    costs = {
        (g.id, s.id): unit_cost(planned[g.id] or g, s.kind, scenario.year,
                                discounts=policy.premium_discounts, readings=readings)
        if planned[g.id] is not None else 0
        for g in scenario.groups
        for s in scenario.sources
    }
    full = {
        (g.id, s.id): unit_cost(planned[g.id] or g, s.kind, scenario.year, discounts=False)
        if planned[g.id] is not None else 0
        for g in scenario.groups
        for s in scenario.sources
    }
    eligible_given: dict[GroupRegion, int] = {}
    eligible: dict[GroupRegion, int] = {}
    elsewhere: dict[GroupRegion, int] = {}
    cap: dict[GroupRegion, int] = {}
    mandate: dict[GroupRegion, int] = {}
    over: list[OverCoverage] = []
    enrolled: dict[GroupRegion, int] = {}
    for g in scenario.groups:
        n_given = scenario.eligible(g)
        e_given = scenario.covered_elsewhere(g)
        k_given = scenario.enrolled(g)
        hi, lo = share(g.max_share), share(g.min_share)
        for r in regions:
            n, e = n_given[r], e_given[r]
            if e > n:
                over.append(OverCoverage(g.id, r, n, e))
            n_eff = max(n, e)
            eligible_given[g.id, r], eligible[g.id, r], elsewhere[g.id, r] = n, n_eff, e
            open_ = planned[g.id] is not None  # nothing to plan once a group's cover ended
            cap[g.id, r] = max(0, math.floor(hi * n_eff) - e) if open_ else 0
            mandate[g.id, r] = max(0, math.ceil(lo * n_eff) - e) if open_ else 0
            if k_given[r] and open_:
                enrolled[g.id, r] = k_given[r]
    q = share(policy.min_region_share)
    # a subgroup is counted inside its parent's head-count, not again; a parent whose cover
    # ended before a re-plan's month funds nobody from it on, so its parts stand alone
    part_of = {g.id: g.part_of for g in scenario.groups
               if g.part_of is not None and planned.get(g.part_of) is not None}
    # a group whose cover ended before a re-plan's first month is not planned, nor counted
    counted = [g for g in scenario.groups if planned[g.id] is not None and g.id not in part_of]
    equity = {
        r: max(
            0,
            math.ceil(q * sum(eligible[g.id, r] for g in counted))
            - sum(elsewhere[g.id, r] for g in counted),
        )
        for r in regions
    }
    narrowed: list[Narrowing] = []
    cells: list[Cell] = []
    for s in scenario.sources:
        allowed, narrowing = _allowed_groups(scenario, s, strict)
        if narrowing:
            narrowed.append(narrowing)
        s_regions = regions if s.regions == ALL else tuple(s.regions)
        cells.extend(
            (g.id, r, s.id)
            for g in scenario.groups
            if g.id in allowed
            for r in s_regions
            if cap[g.id, r] > 0
        )
    if policy.objective == "max_worker_months":
        weight = {g.id: g.weight * (planned[g.id] or g).months for g in scenario.groups}
    else:
        weight = {g.id: g.weight for g in scenario.groups}
    return ModelInputs(
        scenario=scenario,
        groups=tuple(g.id for g in scenario.groups),
        regions=regions,
        sources=tuple(s.id for s in scenario.sources),
        available=available,
        unit_cost=costs,
        eligible_given=eligible_given,
        eligible=eligible,
        covered_elsewhere=elsewhere,
        cap=cap,
        mandate=mandate,
        equity=equity,
        # columns in the order of ids, never of the file: a plan must not depend on where a
        # group, region or source is listed (ties are settled by policy, then by ids)
        cells=tuple(sorted(cells)),
        objective_weight=weight,
        narrowed=tuple(narrowed),
        over_covered=tuple(over),
        group_by_id={g.id: g for g in scenario.groups},
        source_by_id={s.id: s for s in scenario.sources},
        enrolled=enrolled,
        ended=ended,
        part_of=part_of,
        family_cap={(p, r): cap[p, r] for p in set(part_of.values()) for r in regions},
        undiscounted_cost=full,
    )
