"""Among equally good plans, groups listed first are filled first."""

from __future__ import annotations

from planner import run
from planner.engine.schema import validate_scenario
from tests.reference import check_plan


def _scenario(groups, budget, regions=None, policy=None):
    data = {"name": "ties", "groups": groups,
            "sources": [{"id": "apbd", "kind": "apbd", "budget": budget}],
            "policy": policy or {}}
    if regions:
        data["regions"] = regions
    return validate_scenario(data)


def test_equal_cost_groups_are_filled_in_the_order_listed() -> None:
    groups = [{"id": g, "eligible": 10, "premium_monthly": 16_800} for g in ("a", "b", "c")]
    s = _scenario(groups, 15 * 201_600)
    result = run(s)
    assert result.by_group.set_index("group")["funded"].to_dict() == {"a": 10, "b": 5, "c": 0}
    reordered = _scenario(list(reversed(groups)), 15 * 201_600)
    funded = run(reordered).by_group.set_index("group")["funded"].to_dict()
    assert funded == {"c": 10, "b": 5, "a": 0}


def test_mandates_and_regional_floors_are_kept_when_reordering() -> None:
    regions = [{"id": "r0"}, {"id": "r1"}]
    groups = [
        {"id": "a", "eligible": {"r0": 10, "r1": 10}, "premium_monthly": 16_800},
        {"id": "b", "eligible": {"r0": 10, "r1": 10}, "premium_monthly": 16_800,
         "min_share": 0.3},
    ]
    s = _scenario(groups, 20 * 201_600, regions, {"min_region_share": 0.4})
    result = run(s)
    assert check_plan(s, result.solution.workers) == []
    funded = result.by_group.set_index("group")["funded"].to_dict()
    assert funded == {"a": 14, "b": 6}  # b keeps its mandate of 3 a region
    by_region = result.by_region.set_index("region")["funded"].to_dict()
    assert min(by_region.values()) >= 8  # 40% of 20 in each region
