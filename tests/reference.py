"""An independent reading of the scenario contract, for checking plans and optima.

Nothing here imports planner's inputs, formulation or solver: premiums are priced from the rates
written out below (DOMAIN.md), money after cuts, head-count limits, mandates, funding rules and
the equity floor are computed again from the scenario, and optima come from scipy's MILP
(HiGHS inside scipy, driven through a different API and a different formulation: one matrix
built here, no rounding, no staging). If the planner misreads the contract, these disagree.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linprog, milp

from planner.engine.schema import Group, Scenario

BPU_FLOOR = 1_000_000
BPU_CEILING = 20_700_000  # the table's top row: JKK at most Rp207,000 a month
JKM_BPU = 6_800
WAGE_JKK = {1: Fraction("0.0024"), 2: Fraction("0.0054"), 3: Fraction("0.0089"),
            4: Fraction("0.0127"), 5: Fraction("0.0174")}
WAGE_JKM = Fraction("0.003")
# PP 50/2025: never for APBD money (apbd, province, dbh_sawit); the others by their reading,
# whose defaults are: village budgets excluded, CSR, zakat and other payers priced (unconfirmed)
DEFAULT_READING = {"apbdes": "excluded", "csr": "unconfirmed", "zakat": "unconfirmed",
                   "other": "unconfirmed"}


def discounted_payer(kind: str, readings: dict[str, str | None]) -> bool:
    """Return True if a payer of ``kind`` gets the discount under the scenario's readings."""
    if kind not in DEFAULT_READING:
        return False
    return (readings.get(kind) or DEFAULT_READING[kind]) != "excluded"
RULE_TAG = {"apbdes": "village_apparatus", "dbh_sawit": "palm_plantation", "zakat": "mustahik"}


def _discounted(sector: str, year: int, month: int) -> bool:
    """PP 50/2025: transport Jan 2026 - Mar 2027, other sectors Apr - Dec 2026."""
    if sector == "transport":
        return (year == 2026) or (year == 2027 and month <= 3)
    return year == 2026 and month >= 4


def price(group: Group, kind: str, year: int, discounts: bool,
          readings: dict[str, str | None] | None = None) -> int:
    """Rupiah for one worker of ``group`` over its months, paid by a source of ``kind``."""
    payer = discounted_payer(kind, readings or {})
    total = 0
    for month in range(group.start_month, group.start_month + group.months):
        if group.premium is None:
            total += int(group.premium_monthly or 0)
            continue
        rule = group.premium
        if rule.scheme == "bpu":
            income = min(max(rule.declared_income or 0, BPU_FLOOR), BPU_CEILING)
            parts = {"jkk": Fraction(income, 100), "jkm": Fraction(JKM_BPU),
                     "jht": Fraction(income * 2, 100)}
            if discounts and payer and _discounted(group.sector, year, month):
                parts["jkk"] /= 2
                parts["jkm"] /= 2
        else:
            wage = rule.wage or 0
            parts = {"jkk": wage * WAGE_JKK[rule.jkk_class], "jkm": wage * WAGE_JKM}
        amount = sum((parts[p] for p in rule.programmes), Fraction(0))
        total += math.floor(amount + Fraction(1, 2))
    return total


def _frac(x: float) -> Fraction:
    return Fraction(repr(float(x)))


@dataclass
class Reference:
    """The scenario's numbers, computed here and nowhere else."""

    scenario: Scenario
    regions: list[str]
    available: dict[str, int]
    cost: dict[tuple[str, str], int]
    cap: dict[tuple[str, str], int]
    need: dict[tuple[str, str], int]
    region_need: dict[str, int]
    allowed: set[tuple[str, str, str]]
    families: dict[str, list[str]]  # parent -> the parent and its subgroups (part_of)


def reference(s: Scenario) -> Reference:
    """Compute the contract's numbers from scratch."""
    regions = [r.id for r in s.regions] or ["all"]
    pol = s.policy
    available = {}
    for src in s.sources:
        amount = src.budget * (1 - _frac(src.cut))
        if not src.protected:
            amount *= 1 - _frac(pol.global_cut)
        available[src.id] = math.floor(amount)
    readings = pol.discount_readings.model_dump()
    cost = {(g.id, src.id): price(g, src.kind, s.year, pol.premium_discounts, readings)
            for g in s.groups for src in s.sources}
    cap, need = {}, {}
    for g in s.groups:
        for r in regions:
            n = g.eligible if isinstance(g.eligible, int) else g.eligible.get(r, 0)
            e = (g.covered_elsewhere if isinstance(g.covered_elsewhere, int)
                 else g.covered_elsewhere.get(r, 0))
            if isinstance(g.eligible, int) and len(regions) > 1:
                n = 0
            big = max(n, e)
            cap[g.id, r] = max(0, math.floor(_frac(g.max_share) * big) - e)
            need[g.id, r] = max(0, math.ceil(_frac(g.min_share) * big) - e)
    region_need = {}
    for r in regions:
        total_n = total_e = 0
        for g in s.groups:
            if g.part_of is not None:
                continue  # counted inside its parent
            n = g.eligible if isinstance(g.eligible, int) else g.eligible.get(r, 0)
            e = (g.covered_elsewhere if isinstance(g.covered_elsewhere, int)
                 else g.covered_elsewhere.get(r, 0))
            total_n += max(n, e)
            total_e += e
        region_need[r] = max(0, math.ceil(_frac(pol.min_region_share) * total_n) - total_e)
    allowed = set()
    for src in s.sources:
        for g in s.groups:
            if src.groups != "all" and g.id not in src.groups:
                continue
            tag = RULE_TAG.get(src.kind)
            if pol.funding_rules == "strict" and tag and tag not in g.tags:
                continue
            for r in regions:
                if src.regions != "all" and r not in src.regions:
                    continue
                allowed.add((g.id, r, src.id))
    families: dict[str, list[str]] = {}
    for g in s.groups:
        if g.part_of is not None:
            families.setdefault(g.part_of, [g.part_of]).append(g.id)
    return Reference(s, regions, available, cost, cap, need, region_need, allowed, families)


def check_plan(s: Scenario, workers: dict[tuple[str, str, str], int]) -> list[str]:
    """Every rule the plan breaks, in words (an empty list for a valid plan)."""
    ref = reference(s)
    broken = []
    spent: dict[str, int] = {}
    funded: dict[tuple[str, str], int] = {}
    by_region: dict[str, int] = {}
    for (g, r, src), w in workers.items():
        if not isinstance(w, int) or w < 0:
            broken.append(f"{g},{r},{src}: {w!r} is not a whole number of workers")
        if w and (g, r, src) not in ref.allowed:
            broken.append(f"{src} may not pay for {g} in {r}")
        spent[src] = spent.get(src, 0) + w * ref.cost[g, src]
        funded[g, r] = funded.get((g, r), 0) + w
        by_region[r] = by_region.get(r, 0) + w
    for src, amount in spent.items():
        if amount > ref.available[src]:
            broken.append(f"{src} spends {amount} of {ref.available[src]}")
    for key, n in ref.cap.items():
        if funded.get(key, 0) > n:
            broken.append(f"{key} funded {funded.get(key, 0)} above its limit {n}")
    for key, n in ref.need.items():
        if funded.get(key, 0) < n:
            broken.append(f"{key} funded {funded.get(key, 0)} below its mandate {n}")
    for r, n in ref.region_need.items():
        if by_region.get(r, 0) < n:
            broken.append(f"region {r} funded {by_region.get(r, 0)} below its floor {n}")
    for parent, members in ref.families.items():  # the same people are never funded twice
        for r in ref.regions:
            together = sum(funded.get((g, r), 0) for g in members)
            if together > ref.cap[parent, r]:
                broken.append(f"{members} in {r} funded {together} together, above the "
                              f"limit {ref.cap[parent, r]} of {parent}")
    return broken


@dataclass
class Optimum:
    """scipy's answer: None for an infeasible scenario."""

    objective: float
    covered: int
    spend: int


def optimum(s: Scenario, time_limit: float = 60.0) -> Optimum | None:
    """Lexicographic optimum with scipy.optimize.milp: best objective, then least spend."""
    ref = reference(s)
    cells = sorted(c for c in ref.allowed if ref.cap[c[0], c[1]] > 0)
    n = len(cells)
    pol = s.policy
    groups = {g.id: g for g in s.groups}
    spend = np.array([ref.cost[g, src] for g, _, src in cells], dtype=float)
    if pol.objective == "max_worker_months":
        gain = np.array([groups[g].weight * groups[g].months for g, _, _ in cells])
    elif pol.objective == "max_covered":
        gain = np.array([groups[g].weight for g, _, _ in cells])
    else:
        gain = np.ones(n)
    rows, lo, hi = [], [], []

    def row(coefs: dict[int, float], low: float, high: float) -> None:
        r = np.zeros(n)
        for j, v in coefs.items():
            r[j] = v
        rows.append(r)
        lo.append(low)
        hi.append(high)

    for src in s.sources:
        row({j: spend[j] for j, c in enumerate(cells) if c[2] == src.id}, -np.inf,
            ref.available[src.id])
    for (g, r), cap in ref.cap.items():
        idx = {j: 1.0 for j, c in enumerate(cells) if c[0] == g and c[1] == r}
        row(idx, ref.need[g, r], cap)
    for r, need in ref.region_need.items():
        if need > 0:
            row({j: 1.0 for j, c in enumerate(cells) if c[1] == r}, need, np.inf)
    for parent, members in ref.families.items():
        for r in ref.regions:
            row({j: 1.0 for j, c in enumerate(cells) if c[0] in members and c[1] == r},
                -np.inf, ref.cap[parent, r])
    if pol.objective == "min_cost":
        row({j: 1.0 for j in range(n)}, pol.target_covered or 0, np.inf)
    if any(ref.need[k] > ref.cap[k] for k in ref.need):
        return None
    if n == 0:
        feasible = all(v == 0 for v in ref.need.values()) and all(
            v == 0 for v in ref.region_need.values()
        ) and not (pol.objective == "min_cost" and (pol.target_covered or 0) > 0)
        return Optimum(0.0, 0, 0) if feasible else None
    a = np.array(rows)
    cons = [LinearConstraint(a, lo, hi)]
    integrality = np.ones(n)
    bounds = Bounds(0, np.inf)
    opts = {"time_limit": time_limit, "mip_rel_gap": 0.0}
    if pol.objective == "min_cost":
        res = milp(spend, constraints=cons, integrality=integrality, bounds=bounds, options=opts)
        if res.status != 0:
            return None
        x = np.round(res.x)
        return Optimum(float(spend @ x), int(x.sum()), int(round(spend @ x)))
    res = milp(-gain, constraints=cons, integrality=integrality, bounds=bounds, options=opts)
    if res.status != 0:
        return None
    best = float(gain @ np.round(res.x))
    held = [*cons, LinearConstraint(gain[None, :], best - 1e-6, np.inf)]
    res2 = milp(spend, constraints=held, integrality=integrality, bounds=bounds, options=opts)
    assert res2.status == 0, res2.message
    x = np.round(res2.x)
    return Optimum(float(gain @ x), int(x.sum()), int(round(spend @ x)))


@dataclass
class Model:
    """The scenario's whole-worker model as one matrix: x[g,r,s] >= 0 over the allowed cells."""

    ref: Reference
    cells: list[tuple[str, str, str]]
    gain: np.ndarray
    spend: np.ndarray
    a: np.ndarray
    lo: np.ndarray
    hi: np.ndarray
    floors: list[tuple[str | None, str] | None]  # per row: (group, region), (None, region), None

    def floors_of(self) -> list[tuple[str | None, str] | None]:
        """Per row: the mandate's (group, region), a regional floor's (None, region), or None."""
        return self.floors

    def rank_of(self) -> np.ndarray:
        """Each cell's group priority."""
        groups = {g.id: g for g in self.ref.scenario.groups}
        return np.array([groups[g].priority for g, _, _ in self.cells])


def model(s: Scenario) -> Model:
    """Budgets, head-counts with mandates, and regional floors, written out here."""
    ref = reference(s)
    cells = sorted(c for c in ref.allowed if ref.cap[c[0], c[1]] > 0)
    n = len(cells)
    groups = {g.id: g for g in s.groups}
    spend = np.array([ref.cost[g, src] for g, _, src in cells], dtype=float)
    if s.policy.objective == "max_worker_months":
        gain = np.array([groups[g].weight * groups[g].months for g, _, _ in cells], dtype=float)
    else:
        gain = np.array([groups[g].weight for g, _, _ in cells], dtype=float)
    rows, lo, hi, floors = [], [], [], []
    for src in s.sources:
        rows.append(np.array([spend[j] if c[2] == src.id else 0.0 for j, c in enumerate(cells)]))
        lo.append(-np.inf)
        hi.append(ref.available[src.id])
        floors.append(None)
    for (g, r), cap in ref.cap.items():
        rows.append(np.array([1.0 if (c[0], c[1]) == (g, r) else 0.0 for c in cells]))
        lo.append(ref.need[g, r])
        hi.append(cap)
        floors.append((g, r))
    for r, need in ref.region_need.items():
        rows.append(np.array([1.0 if c[1] == r else 0.0 for c in cells]))
        lo.append(need)
        hi.append(np.inf)
        floors.append((None, r))
    for parent, members in ref.families.items():
        for r in ref.regions:
            rows.append(np.array([1.0 if c[0] in members and c[1] == r else 0.0
                                  for c in cells]))
            lo.append(-np.inf)
            hi.append(ref.cap[parent, r])
            floors.append(None)
    a = np.array(rows).reshape(len(rows), n)
    return Model(ref, cells, gain, spend, a, np.array(lo, dtype=float), np.array(hi, dtype=float),
                 floors)


def ranked_best(m: Model, rank: int, held: dict[int, float]) -> float | None:
    """Most weighted cover of ``rank``'s groups with the ranks in ``held`` kept at least there."""
    n = len(m.cells)
    if n == 0:
        return 0.0
    ranks = m.rank_of()
    cons = [LinearConstraint(m.a, m.lo, m.hi)]
    for k, value in held.items():
        cons.append(LinearConstraint((m.gain * (ranks == k))[None, :], value - 1e-6, np.inf))
    res = milp(-(m.gain * (ranks == rank)), constraints=cons, integrality=np.ones(n),
               bounds=Bounds(0, np.inf), options={"time_limit": 60, "mip_rel_gap": 0.0})
    if res.status != 0:
        return None
    return float((m.gain * (ranks == rank)) @ np.round(res.x))


def least_shortfall(m: Model) -> float | None:
    """Fewest workers by which mandates and regional floors fall short (whole workers)."""
    n = len(m.cells)
    floor_rows = [i for i, f in enumerate(m.floors_of()) if f is not None and m.lo[i] > 0]
    k = len(floor_rows)
    a = np.zeros((m.a.shape[0], n + k))
    a[:, :n] = m.a
    for j, i in enumerate(floor_rows):
        a[i, n + j] = 1.0
    cost = np.concatenate([np.zeros(n), np.ones(k)])
    integrality = np.concatenate([np.ones(n), np.zeros(k)])
    res = milp(cost, constraints=[LinearConstraint(a, m.lo, m.hi)], integrality=integrality,
               bounds=Bounds(0, np.inf), options={"time_limit": 60, "mip_rel_gap": 0.0})
    return None if res.status != 0 else float(res.fun)


def least_spend_of(m: Model, source: str, funded: dict[tuple[str, str], int]) -> float | None:
    """LP: the least ``source`` can spend with every (group, region) funded at least as given."""
    n = len(m.cells)
    if n == 0:
        return 0.0
    lo = m.lo.copy()
    for i, f in enumerate(m.floors_of()):
        if f is not None and f[0] is not None:
            lo[i] = max(lo[i], funded.get((f[0], f[1]), 0))
    cost = np.array([m.spend[j] if c[2] == source else 0.0 for j, c in enumerate(m.cells)])
    a_ub = np.vstack([m.a, -m.a])
    b_ub = np.concatenate([m.hi, -lo])
    keep = np.isfinite(b_ub)
    res = linprog(cost, A_ub=a_ub[keep], b_ub=b_ub[keep], bounds=(0, None), method="highs")
    return None if res.status != 0 else float(res.fun)


def year_view(s: Scenario) -> Scenario:
    """A re-plan written as a plain plan, for the checks above: months before from_month gone.

    Each group keeps only its months of cover from ``policy.from_month`` on (a group whose
    cover ended has nobody to plan), each source has the money after cuts less what it has
    paid as its whole budget, nobody is enrolled, and a subgroup of a group whose cover ended
    stands alone (its parent funds nobody). Computed here from the contract's words,
    not with the planner's inputs.
    """
    from planner.engine.schema import validate_scenario

    m = s.policy.from_month
    data = s.model_dump(mode="json")
    ended = {g["id"] for g in data["groups"] if m > g["start_month"] + g["months"] - 1}
    for g in data["groups"]:
        if g["part_of"] in ended:  # a parent that funds nobody from month m bounds nobody
            g["part_of"] = None
        end = g["start_month"] + g["months"] - 1
        if m > end:
            zero: Any = 0 if not s.regions else {r.id: 0 for r in s.regions}
            g["eligible"], g["covered_elsewhere"], g["min_share"] = zero, zero, 0.0
        elif m > g["start_month"]:
            g["start_month"], g["months"] = m, end - m + 1
        g["enrolled"] = 0
    for src in data["sources"]:
        after = src["budget"] * (1 - _frac(src["cut"]))
        if not src["protected"]:
            after *= 1 - _frac(s.policy.global_cut)
        src["budget"] = math.floor(after) - src["spent_to_date"]
        src["cut"], src["protected"], src["spent_to_date"] = 0.0, True, 0
    data["policy"]["global_cut"] = 0.0
    data["policy"]["from_month"] = 1
    return validate_scenario(data)
