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

from planner.engine.inputs import Cell, ModelInputs

__all__ = ["ListedOrder", "fill_in_listed_order"]


class ListedOrder:
    """The interchangeable cells of a model, ordered once; :meth:`apply` reorders a plan."""

    def __init__(self, inputs: ModelInputs) -> None:
        self.inputs = inputs
        group_rank = {g: i for i, g in enumerate(inputs.groups)}
        region_rank = {r: i for i, r in enumerate(inputs.regions)}
        classes: dict[tuple[str, int, float], list[Cell]] = defaultdict(list)
        for cell in inputs.cells:
            g, _, s = cell
            classes[s, inputs.unit_cost[g, s], inputs.objective_weight[g]].append(cell)
        # each pass is a list of cells, first-listed first: within a region where a class holds
        # several groups (no regional floor can break there), then the whole class
        self.passes: list[list[Cell]] = []
        for cells in classes.values():
            if len(cells) < 2:
                continue
            cells.sort(key=lambda c: (group_rank[c[0]], region_rank[c[1]]))
            if len({c[0] for c in cells}) > 1:
                per_region: dict[str, list[Cell]] = defaultdict(list)
                for cell in cells:
                    per_region[cell[1]].append(cell)
                self.passes += [rc for rc in per_region.values() if len(rc) > 1]
            self.passes.append(cells)

    def apply(self, workers: dict[Cell, int]) -> dict[Cell, int]:
        """Return the same plan with interchangeable workers moved to the cells listed first."""
        inputs = self.inputs
        plan = {c: w for c, w in workers.items() if w > 0}
        funded: dict[tuple[str, str], int] = defaultdict(int)
        by_region: dict[str, int] = defaultdict(int)
        for (g, r, _), w in plan.items():
            funded[g, r] += w
            by_region[r] += w
        cap, mandate, equity = inputs.cap, inputs.mandate, inputs.equity
        for cells in self.passes:
            first, last = 0, len(cells) - 1
            while first < last:
                to, src = cells[first], cells[last]
                to_gr = (to[0], to[1])
                room = cap[to_gr] - funded[to_gr]
                if room <= 0:
                    first += 1
                    continue
                src_gr = (src[0], src[1])
                spare = min(plan.get(src, 0), funded[src_gr] - mandate[src_gr])
                if src[1] != to[1]:
                    spare = min(spare, by_region[src[1]] - equity[src[1]])
                if spare <= 0:
                    last -= 1
                    continue
                move = min(room, spare)
                plan[src] = plan.get(src, 0) - move
                plan[to] = plan.get(to, 0) + move
                funded[src_gr] -= move
                funded[to_gr] += move
                by_region[src[1]] -= move
                by_region[to[1]] += move
        return {c: w for c, w in plan.items() if w > 0}


def fill_in_listed_order(inputs: ModelInputs, workers: dict[Cell, int]) -> dict[Cell, int]:
    """Return the same plan with interchangeable workers moved to the groups listed first."""
    return ListedOrder(inputs).apply(workers)
