"""Among equally good plans, fill worker groups in the order the scenario lists them.

The optimum often leaves a choice: when two groups cost a source the same and count the same in
the objective, any split of the source's money between them covers as many workers for the same
spend, and the solver's pick is arbitrary ("44,999 of 45,000 farmers, 94% of MSME workers"). A
budget officer expects a rule they can state and steer, so the planner moves such workers, within
one source, towards the groups (and regions) listed first, as far as head-counts, mandates and
regional floors allow. Spend per source, the objective and every limit are unchanged.
"""

from __future__ import annotations

from collections import defaultdict

from planner.inputs import Cell, ModelInputs

__all__ = ["fill_in_listed_order"]


def fill_in_listed_order(inputs: ModelInputs, workers: dict[Cell, int]) -> dict[Cell, int]:
    """The same plan with interchangeable workers moved to the groups listed first."""
    plan = {c: w for c, w in workers.items() if w > 0}
    funded: dict[tuple[str, str], int] = defaultdict(int)
    by_region: dict[str, int] = defaultdict(int)
    for (g, r, _), w in plan.items():
        funded[g, r] += w
        by_region[r] += w
    group_rank = {g: i for i, g in enumerate(inputs.groups)}
    region_rank = {r: i for i, r in enumerate(inputs.regions)}
    classes: dict[tuple[str, int, float], list[Cell]] = defaultdict(list)
    for cell in inputs.cells:
        g, _, s = cell
        classes[s, inputs.unit_cost[g, s], inputs.objective_weight[g]].append(cell)
    def shift(cells: list[Cell]) -> None:
        """Move workers from the last-listed cells to the first-listed ones that have room."""
        first, last = 0, len(cells) - 1
        while first < last:
            to, src = cells[first], cells[last]
            room = inputs.cap[to[0], to[1]] - funded[to[0], to[1]]
            if room <= 0:
                first += 1
                continue
            spare = min(plan.get(src, 0), funded[src[0], src[1]] - inputs.mandate[src[0], src[1]])
            if src[1] != to[1]:
                spare = min(spare, by_region[src[1]] - inputs.equity[src[1]])
            if spare <= 0:
                last -= 1
                continue
            move = min(room, spare)
            plan[src] = plan.get(src, 0) - move
            plan[to] = plan.get(to, 0) + move
            funded[src[0], src[1]] -= move
            funded[to[0], to[1]] += move
            by_region[src[1]] -= move
            by_region[to[1]] += move

    for cells in classes.values():
        if len(cells) < 2:
            continue
        cells.sort(key=lambda c: (group_rank[c[0]], region_rank[c[1]]))
        per_region: dict[str, list[Cell]] = defaultdict(list)
        for cell in cells:
            per_region[cell[1]].append(cell)
        for region_cells in per_region.values():  # within a region no floor can break
            shift(region_cells)
        shift(cells)  # then across regions, as far as the regional floors allow
    return {c: w for c, w in plan.items() if w > 0}
