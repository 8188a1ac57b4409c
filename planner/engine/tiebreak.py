"""Among equally good plans, share the cover evenly; only then decide by ids.

The optimum often leaves a choice: when two groups (or two villages) cost a source the same and
count the same in the objective and in the priorities, any split of the source's money between
them covers as many workers for the same spend. A budget officer must be able to say why one
group lost cover and not the other, so the choice is a rule, never the position of a line in the
file (MODEL.md, "Who loses cover"):

1. money is used in the policy's ``spend_order`` (:class:`SpendOrder`): a worker paid by a source
   late in the order moves to a source earlier in it that pays the same premium for the same
   group and region and has money left, so what is left is left where the team wants it;
2. within one source, workers of equal price, weight and priority are shared evenly
   (:class:`EvenShare`): every (group, region) of such a class ends at the same coverage share
   as far as head-counts, mandates and regional floors allow (max-min, water-filling), and the
   last whole workers go by ids.

Spend per source (for 2), total spend, the objective, the priorities and every limit are kept.
"""

from __future__ import annotations

import math
from collections import defaultdict

import numpy as np

from planner.engine.inputs import Cell, GroupRegion, ModelInputs

__all__ = ["EvenShare", "SpendOrder", "source_order"]


def source_order(inputs: ModelInputs) -> dict[str, int]:
    """Each source's place in ``policy.spend_order``: by id, else by kind; unlisted ones last."""
    order = inputs.scenario.policy.spend_order
    place = {name: i for i, name in enumerate(order)}
    out = {}
    for s in inputs.sources:
        src = inputs.source_by_id[s]
        out[s] = place.get(s, place.get(src.kind, len(order)))
    return out


class SpendOrder:
    """Moves that use earlier sources in the spend order for the same workers at the same price."""

    def __init__(self, inputs: ModelInputs, cells: list[Cell], spend: np.ndarray) -> None:
        order = source_order(inputs)
        by_gr: dict[GroupRegion, list[int]] = defaultdict(list)
        for j, (g, r, _) in enumerate(cells):
            by_gr[g, r].append(j)
        pairs = []
        for cols in by_gr.values():
            for a in cols:
                for b in cols:
                    sa, sb = cells[a][2], cells[b][2]
                    if (order[sb], sb) < (order[sa], sa) and abs(spend[a] - spend[b]) < 0.5:
                        pairs.append(((order[sb], sb, -order[sa], cells[a]), a, b))
        pairs.sort()
        self.moves = [(a, b) for _, a, b in pairs]  # (from, to), the first target first
        self.source = [c[2] for c in cells]

    def apply(self, x: np.ndarray, spend: np.ndarray, room: dict[str, float],
              col_upper: np.ndarray) -> np.ndarray:
        """Return ``x`` with workers moved to earlier sources; ``room``: money left per source."""
        if not self.moves:
            return x
        x = x.copy()
        room = dict(room)
        for a, b in self.moves:
            if x[a] < 1:
                continue
            price = spend[b]
            fits = math.floor((room[self.source[b]] + 1e-6) / price) if price > 0 else math.inf
            count = min(x[a], fits, col_upper[b] - x[b])
            if count >= 1:
                x[a] -= count
                x[b] += count
                room[self.source[b]] -= count * price
                room[self.source[a]] += count * spend[a]
        return x


class EvenShare:
    """The interchangeable cells of a model, grouped once; :meth:`apply` shares each class evenly.

    ``floors`` are further lower limits on a group's funded workers (the share floors of
    ``equal_share``), which a move must keep too.
    """

    def __init__(self, inputs: ModelInputs, floors: dict[str, int] | None = None) -> None:
        self.inputs = inputs
        self.floors = floors or {}
        rank = {g: inputs.group_by_id[g].priority for g in inputs.groups}
        classes: dict[tuple[str, int, float, int], list[Cell]] = defaultdict(list)
        for cell in inputs.cells:  # in the order of ids
            g, _, s = cell
            classes[s, inputs.unit_cost[g, s], inputs.objective_weight[g], rank[g]].append(cell)
        self.classes = [cells for _, cells in sorted(classes.items()) if len(cells) > 1]
        # overlapping groups (part_of): the groups of each parent's family, whose funded
        # workers together a move must keep within the parent's limit
        self.members: dict[str, list[str]] = defaultdict(list)
        for g in inputs.groups:
            parent = inputs.part_of.get(g)
            if parent is not None:
                self.members[parent].append(g)
        for parent in self.members:
            self.members[parent].append(parent)

    def apply(self, workers: dict[Cell, int]) -> dict[Cell, int]:
        """Return the same plan with each class's workers shared evenly."""
        plan = {c: w for c, w in workers.items() if w > 0}
        if not self.classes:
            return plan
        funded: dict[GroupRegion, int] = defaultdict(int)
        by_region: dict[str, int] = defaultdict(int)
        by_group: dict[str, int] = defaultdict(int)
        for (g, r, _), w in plan.items():
            funded[g, r] += w
            by_region[r] += w
            by_group[g] += w
        for cells in self.classes:
            total = sum(plan.get(c, 0) for c in cells)
            if total == 0:
                continue
            new = self._fill(cells, total, plan, funded)
            if new is not None and not self._keeps_floors(cells, new, plan, by_region, by_group):
                # share within each region instead: region totals cannot change then
                by_r: dict[str, list[Cell]] = defaultdict(list)
                for c in cells:
                    by_r[c[1]].append(c)
                new = {}
                for part in by_r.values():
                    t = sum(plan.get(c, 0) for c in part)
                    filled = self._fill(part, t, plan, funded) if t else None
                    new.update(filled or {c: plan.get(c, 0) for c in part})
                if not self._keeps_floors(cells, new, plan, by_region, by_group):
                    continue
            if new is None or not self._keeps_families(cells, new, plan, funded):
                continue
            for c in cells:
                delta = new[c] - plan.get(c, 0)
                if delta:
                    funded[c[0], c[1]] += delta
                    by_region[c[1]] += delta
                    by_group[c[0]] += delta
                    plan[c] = new[c]
        return {c: w for c, w in plan.items() if w > 0}

    def _keeps_families(self, cells: list[Cell], new: dict[Cell, int], plan: dict[Cell, int],
                        funded: dict[GroupRegion, int]) -> bool:
        """Return True if the move keeps every parent and its parts within the parent's limit."""
        if not self.members:
            return True
        delta: dict[GroupRegion, int] = defaultdict(int)
        for c in cells:
            parent = self.inputs.part_of.get(c[0], c[0])
            if parent in self.members:
                delta[parent, c[1]] += new[c] - plan.get(c, 0)
        return all(
            sum(funded[g, r] for g in self.members[p]) + d <= self.inputs.family_cap[p, r]
            for (p, r), d in delta.items() if d > 0)

    def _keeps_floors(self, cells: list[Cell], new: dict[Cell, int], plan: dict[Cell, int],
                      by_region: dict[str, int], by_group: dict[str, int]) -> bool:
        region_delta: dict[str, int] = defaultdict(int)
        group_delta: dict[str, int] = defaultdict(int)
        for c in cells:
            d = new[c] - plan.get(c, 0)
            region_delta[c[1]] += d
            group_delta[c[0]] += d
        equity = self.inputs.equity
        return all(by_region[r] + d >= equity[r] for r, d in region_delta.items() if d < 0) and all(
            by_group[g] + d >= self.floors.get(g, 0) for g, d in group_delta.items() if d < 0)

    def _fill(self, cells: list[Cell], total: int, plan: dict[Cell, int],
              funded: dict[GroupRegion, int]) -> dict[Cell, int] | None:
        """Water-fill ``total`` workers over ``cells`` to equal coverage shares, whole workers."""
        inputs = self.inputs
        n = len(cells)
        elig = np.empty(n)
        base = np.empty(n)  # covered without this class: elsewhere + other payers
        lo = np.empty(n)
        hi = np.empty(n)
        for k, c in enumerate(cells):
            gr = (c[0], c[1])
            other = funded[gr] - plan.get(c, 0)
            elig[k] = inputs.eligible[gr]
            base[k] = inputs.covered_elsewhere[gr] + other
            lo[k] = max(0, inputs.mandate[gr] - other)
            hi[k] = max(lo[k], inputs.cap[gr] - other)
        if lo.sum() > total or hi.sum() < total:
            return None

        def amount(t: float) -> np.ndarray:
            return np.clip(t * elig - base, lo, hi)

        a, b = 0.0, float(np.max((base + hi) / elig)) + 1.0
        for _ in range(100):
            mid = (a + b) / 2
            if amount(mid).sum() < total:
                a = mid
            else:
                b = mid
        y = amount(b)
        whole = np.minimum(np.floor(y + 1e-9), hi)
        left = int(total - whole.sum())
        # the last whole workers: to the lowest share after the floor, then by ids (cell order)
        share = (base + whole) / elig
        for k in np.lexsort((np.arange(n), share)).tolist():
            if left <= 0:
                break
            if whole[k] < hi[k]:
                whole[k] += 1
                left -= 1
        while left < 0:  # rounding put one too many: take it back from the highest share
            share = (base + whole) / elig
            for k in np.lexsort((np.arange(n), -share)).tolist():
                if whole[k] > lo[k]:
                    whole[k] -= 1
                    left += 1
                    break
            else:
                return None
        if left != 0:
            return None
        return {c: int(whole[k]) for k, c in enumerate(cells)}
