"""The money each source could lose with nobody losing cover: ``sources[].spare``.

A plan leaves some money unspent, but what a source could really give up is often more: another
source may be able to take over some of its workers at the same or a lower premium. The TAPD
reads this figure for the APBD-Perubahan and the SiLPA ("APBD bisa dipotong Rp1,68 miliar tanpa
mengurangi pekerja"). For each source, one LP: the plan's matrix with every (group, region) held
at least at the workers the plan funds (so every mandate, floor and priority still holds),
minimising that source's spend. ``spare = available - ceil(least spend)``, in whole rupiah.
"""

from __future__ import annotations

import math
from collections import defaultdict

import numpy as np

from planner.engine.highs import HighsModel
from planner.engine.inputs import Cell, ModelInputs
from planner.engine.matrix import plan_matrix
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
    mm = plan_matrix(inputs)
    rows = {name: i for i, name in enumerate(mm.row_names)}
    keys = [k for k, w in funded.items() if w > 0]
    idx = np.array([rows[f"headcount[{g},{r}]"] for g, r in keys])
    hs = HighsModel(mm)
    hs.set_row_bounds(idx, np.array([float(funded[k]) for k in keys]), mm.row_upper[idx])
    source_of = np.array([c[2] for c in inputs.cells])
    for s in shared:
        hs.set_cost(np.where(source_of == s, mm.spend, 0.0))
        if hs.lp(ipm=False) is not Status.OPTIMAL:
            continue
        least = hs.objective()
        exact = round(least) if abs(least - round(least)) <= 1e-7 * max(1.0, least) else (
            math.ceil(least))
        lp = max(unspent[s], inputs.available[s] - exact)
        whole = _whole(inputs, hs.values()[: mm.n], funded, s)
        out[s] = (unspent[s] if whole is None else min(lp, max(unspent[s], whole)), lp)
    return out


def _whole(inputs: ModelInputs, x: np.ndarray, funded: dict[tuple[str, str], int],
           source: str) -> int | None:
    """Money ``source`` keeps in a whole-worker plan rounded from the LP point ``x``, or None.

    Every cell is rounded down, then each (group, region) is made up to its funded workers by
    a payer other than ``source`` that still has money for one more (then by ``source``). The
    plan keeps every head-count, mandate, regional floor and priority (they count workers per
    group and region); it is kept only if every budget holds.
    """
    cells = inputs.cells
    whole = np.floor(x + 1e-7)
    left = {s: float(inputs.available[s]) for s in inputs.sources}
    have: dict[tuple[str, str], int] = defaultdict(int)
    cols: dict[tuple[str, str], list[int]] = defaultdict(list)
    for j, (g, r, s) in enumerate(cells):
        left[s] -= whole[j] * inputs.unit_cost[g, s]
        have[g, r] += int(whole[j])
        cols[g, r].append(j)
    for key, need in funded.items():
        for j in sorted(cols[key], key=lambda j: (cells[j][2] == source, cells[j][2])):
            g, _, s = cells[j]
            price = inputs.unit_cost[g, s]
            while have[key] < need and (left[s] >= price or s == source):
                whole[j] += 1
                have[key] += 1
                left[s] -= price
    if any(v < -1e-6 for v in left.values()) or any(have[k] < n for k, n in funded.items()):
        return None
    return math.floor(left[source] + 1e-6)
