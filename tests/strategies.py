"""Hypothesis strategies: small scenarios of every shape the contract allows."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from planner.engine.schema import SOURCE_KINDS, Scenario, validate_scenario

TAGS = ["village_apparatus", "palm_plantation", "mustahik"]


@st.composite
def premium(draw: st.DrawFn) -> dict[str, Any]:
    """A fixed monthly premium or a rule."""
    choice = draw(st.sampled_from(["monthly", "bpu", "wage"]))
    if choice == "monthly":
        return {"premium_monthly": draw(st.integers(1_000, 60_000))}
    if choice == "bpu":
        rule: dict[str, Any] = {
            "scheme": "bpu",
            "declared_income": draw(st.sampled_from([500_000, 1_000_000, 1_250_000, 3_000_000,
                                                     25_000_000])),
        }
        if draw(st.booleans()):
            rule["programmes"] = draw(st.sampled_from([["jkk", "jkm"], ["jkk", "jkm", "jht"],
                                                       ["jkm"]]))
        return {"premium": rule}
    return {"premium": {"scheme": "wage", "wage": draw(st.integers(800_000, 3_000_000)),
                        "jkk_class": draw(st.integers(1, 5))}}


@st.composite
def scenarios(draw: st.DrawFn, *, max_groups: int = 4, max_regions: int = 3,
              max_sources: int = 4, objectives: tuple[str, ...] = ("max_covered",
                                                                   "max_worker_months",
                                                                   "min_cost")) -> Scenario:
    """A small valid scenario; budgets are drawn so that sometimes money, sometimes heads bind."""
    n_regions = draw(st.integers(0, max_regions))
    regions = [{"id": f"r{i}"} for i in range(n_regions)]
    region_ids = [r["id"] for r in regions]
    groups = []
    for i in range(draw(st.integers(1, max_groups))):
        months = draw(st.integers(1, 12))
        start = draw(st.integers(1, 13 - months))
        if region_ids:
            eligible: Any = {r: draw(st.integers(0, 60)) for r in region_ids}
            elsewhere: Any = {r: draw(st.integers(0, 20)) for r in region_ids}
        else:
            eligible = draw(st.integers(0, 80))
            elsewhere = draw(st.integers(0, 20))
        max_share = draw(st.sampled_from([1.0, 1.0, 0.9, 0.5]))
        min_share = draw(st.sampled_from([0.0, 0.0, 0.0, 0.25, 0.5, 0.95]))
        group = {
            "id": f"g{i}",
            "eligible": eligible,
            "covered_elsewhere": elsewhere,
            "months": months,
            "start_month": start,
            "sector": draw(st.sampled_from(["other", "transport"])),
            "tags": draw(st.lists(st.sampled_from(TAGS), max_size=2, unique=True)),
            "weight": draw(st.sampled_from([1.0, 1.0, 1.0, 2.0, 0.5])),
            "min_share": min(min_share, max_share),
            "max_share": max_share,
            **draw(premium()),
        }
        if i > 0 and draw(st.integers(0, 3)) == 0:  # a subgroup counted inside the first group
            group["part_of"] = "g0"
        groups.append(group)
    group_ids = [g["id"] for g in groups]
    sources = []
    for i in range(draw(st.integers(1, max_sources))):
        src: dict[str, Any] = {
            "id": f"s{i}",
            "kind": draw(st.sampled_from(SOURCE_KINDS)),
            "budget": draw(st.integers(0, 40))
            * draw(st.sampled_from([50_000, 201_600, 1_000_000])),
            "cut": draw(st.sampled_from([0.0, 0.0, 0.1, 0.25])),
            "protected": draw(st.booleans()),
        }
        if draw(st.booleans()):
            src["groups"] = draw(st.lists(st.sampled_from(group_ids), min_size=1, unique=True))
        if region_ids and draw(st.booleans()):
            src["regions"] = draw(st.lists(st.sampled_from(region_ids), min_size=1, unique=True))
        sources.append(src)
    objective = draw(st.sampled_from(objectives))
    policy: dict[str, Any] = {
        "objective": objective,
        "global_cut": draw(st.sampled_from([0.0, 0.0, 0.2, 0.5])),
        "funding_rules": draw(st.sampled_from(["strict", "strict", "off"])),
        "premium_discounts": draw(st.booleans()),
        "min_region_share": draw(st.sampled_from([0.0, 0.0, 0.1, 0.3])),
        "discount_readings": {
            kind: draw(st.sampled_from([None, "excluded", "unconfirmed", "included"]))
            for kind in ("apbdes", "csr", "zakat", "other")},
    }
    if objective == "min_cost":
        policy["target_covered"] = draw(st.integers(0, 120))
    return validate_scenario({
        "name": "generated",
        "year": draw(st.sampled_from([2025, 2026, 2027])),
        "regions": regions,
        "groups": groups,
        "sources": sources,
        "policy": policy,
    })
