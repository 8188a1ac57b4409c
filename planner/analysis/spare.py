"""The money each source could lose with nobody losing cover: ``sources[].spare``.

A plan leaves some money unspent, but what a source could really give up is often more: another
source may be able to take over some of its workers at the same or a lower premium. The TAPD
reads this figure for the APBD-Perubahan and the SiLPA ("APBD bisa dipotong Rp1,68 miliar tanpa
mengurangi pekerja"). For each source, one LP: every (group, region) the plan funds held at
least at its funded workers (so every mandate, floor and priority still holds), the budgets as
they are, minimising that source's spend: ``spare_lp = available - ceil(least spend)``. The LP
may move a fraction of a worker; ``spare`` is what a whole-worker plan rounded from that LP point
proves, the figure to cut by.

Several whole plans may prove different amounts (the LP often has several optimal points, and a
rounding can top a (group, region) up from one payer or another), so the figure is fixed by a
rule, never by the order of the file: the LP is written with sources, groups and regions in id
order (so it ends at the same point however the file lists them), the rounding goes through the
(group, region)s in id order and tops each up from the other payers in id order, the source
itself last. ``spare_lp`` is the LP's optimum, unique by itself.
"""

from __future__ import annotations

import math
from collections import defaultdict

import numpy as np

from planner.engine.highs import HighsModel
from planner.engine.inputs import Cell, ModelInputs
from planner.engine.matrix import MatrixModel
from planner.engine.solution import Status

__all__ = ["spare"]


def spare(inputs: ModelInputs, workers: dict[Cell, int]) -> dict[str, tuple[int, int]]:
    """Per source, (whole, lp): rupiah it could lose alone, the plan's cover kept.

    ``lp`` is the LP's figure (the source's least spend with every group and region held at
    its funded workers); ``whole`` is what a whole-worker plan built from that LP point proves
    (never below the plan's own unspent money, never above ``lp``): the figure to cut by.
    """
    spent: dict[str, int] = defaultdict(int)
    funded: dict[tuple[str, str], int] = defaultdict(int)
    for (g, r, s), w in workers.items():
        spent[s] += w * inputs.unit_cost[g, s]
        funded[g, r] += w
    unspent = {s: inputs.available[s] - spent[s] for s in inputs.sources}
    out = {s: (unspent[s], unspent[s]) for s in inputs.sources}
    payers: dict[tuple[str, str], set[str]] = defaultdict(set)
    for g, r, s in inputs.cells:
        payers[g, r].add(s)
    # a source none of whose funded workers another source may pay for keeps its own spend
    shared = sorted({s for (g, r), ss in payers.items() if len(ss) > 1 and funded[g, r] > 0
                     for s in ss})
    if not shared:
        return out
    # only the groups and regions the plan funds (the others would only spend), and regions a
    # group has the same payers in taken together: any split of their workers over those
    # regions is as good, so the LP is the same (a province's 1,200 villages fall into a few
    # dozen such classes), and a whole plan of a class splits into whole plans of its regions
    pooled: dict[tuple[str, str], int] = defaultdict(int)
    cap: dict[tuple[str, str], int] = defaultdict(int)
    for (g, r), n in funded.items():
        if n > 0:
            key = (g, "|".join(sorted(payers[g, r])))
            pooled[key] += n
            cap[key] += inputs.cap[g, r]
    cells = sorted({(g, k, src) for (g, k) in pooled for src in k.split("|")})
    model = _transport(inputs, cells, pooled, cap)
    rounding = _Rounding(inputs, cells, pooled)
    hs = HighsModel(model)
    for s in shared:
        hs.set_cost(np.where(rounding.source_of == s, model.spend, 0.0))
        if hs.lp(ipm=False) is not Status.OPTIMAL:
            continue
        least = hs.objective()
        exact = round(least) if abs(least - round(least)) <= 1e-7 * max(1.0, least) else (
            math.ceil(least))
        lp = max(unspent[s], inputs.available[s] - exact)
        whole = rounding.left(hs.values(), s)
        out[s] = (unspent[s] if whole is None else min(lp, max(unspent[s], whole)), lp)
    return out


def _transport(inputs: ModelInputs, cells: list[Cell], funded: dict[tuple[str, str], int],
               cap: dict[tuple[str, str], int]) -> MatrixModel:
    """Build the spare LP: a budget row per source, then one row per funded (group, region).

    Each (group, region) row reads ``funded <= sum_s x <= cap``. Mandates, regional floors and
    priorities count workers per group and region, so every plan of this LP keeps them.
    """
    sources = sorted(inputs.sources)  # id order, never the file's: the LP ends at one vertex
    keys = sorted({(g, r) for g, r, _ in cells})
    src_row = {s: i for i, s in enumerate(sources)}
    key_row = {k: len(sources) + i for i, k in enumerate(keys)}
    n = len(cells)
    price = np.array([float(inputs.unit_cost[g, s]) for g, _, s in cells])
    index = np.empty(2 * n, dtype=np.int32)
    value = np.empty(2 * n)
    index[0::2] = [src_row[s] for _, _, s in cells]
    index[1::2] = [key_row[g, r] for g, r, _ in cells]
    value[0::2] = price
    value[1::2] = 1.0
    return MatrixModel(
        cost=np.zeros(n), col_upper=np.full(n, math.inf), spend=price,
        row_lower=np.array([-math.inf] * len(sources) + [float(funded[k]) for k in keys]),
        row_upper=np.array([float(inputs.available[s]) for s in sources]
                           + [float(cap[k]) for k in keys]),
        start=np.arange(0, 2 * n + 1, 2, dtype=np.int32), index=index, value=value,
        row_names=[f"budget[{s}]" for s in sources] + [f"headcount[{g},{r}]" for g, r in keys],
        sign=1.0, integral_objective=False,
    )


class _Rounding:
    """Whole-worker plans rounded from the spare LP's points (arrays built once)."""

    def __init__(self, inputs: ModelInputs, cells: list[Cell],
                 funded: dict[tuple[str, str], int]) -> None:
        self.sources = sorted(inputs.sources)  # id order: payers top up by id, not by the file
        src_index = {s: i for i, s in enumerate(self.sources)}
        self.source_of = np.array([c[2] for c in cells])
        self.src = np.array([src_index[c[2]] for c in cells], dtype=np.int64)
        self.price = np.array([float(inputs.unit_cost[c[0], c[2]]) for c in cells])
        self.keys = sorted(funded)  # (group, payers) in id order, not the plan's dict order
        key_index = {k: i for i, k in enumerate(self.keys)}
        self.key = np.array([key_index[(c[0], c[1])] for c in cells], dtype=np.int64)
        self.need = np.array([funded[k] for k in self.keys], dtype=float)
        self.available = np.array([float(inputs.available[s]) for s in self.sources])
        self.cols: dict[int, list[int]] = defaultdict(list)
        for j, k in enumerate(self.key.tolist()):
            self.cols[k].append(j)

    def left(self, x: np.ndarray, source: str) -> int | None:
        """Money ``source`` keeps in a whole plan rounded from ``x``, or None.

        Every cell is rounded down, then each (group, region), in id order, is made up to its
        funded workers by the payers other than ``source`` in id order, each while it still has
        money for one more (then by ``source``); the plan is kept only if every budget holds.
        Ids, not the file's order, decide, so the figure is the same however the file is sorted.
        """
        whole = np.floor(x + 1e-7)
        left = self.available - np.bincount(self.src, whole * self.price,
                                            minlength=len(self.sources))
        have = np.bincount(self.key, whole, minlength=len(self.keys))
        mine = self.sources.index(source)
        for k in np.flatnonzero(have < self.need - 0.5).tolist():
            for j in sorted(self.cols[k], key=lambda j: (self.src[j] == mine, self.src[j])):
                b, price = int(self.src[j]), self.price[j]
                while have[k] < self.need[k] - 0.5 and (left[b] >= price or b == mine):
                    have[k] += 1
                    left[b] -= price
        if np.any(left < -1e-6) or np.any(have < self.need - 0.5):
            return None
        return math.floor(float(left[mine]) + 1e-6)
