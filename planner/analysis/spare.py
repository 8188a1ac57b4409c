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


def spare(inputs: ModelInputs, workers: dict[Cell, int]) -> dict[str, int]:
    """Rupiah that could be taken out of each source alone, the plan's cover kept."""
    spent: dict[str, int] = defaultdict(int)
    funded: dict[tuple[str, str], int] = defaultdict(int)
    for (g, r, s), w in workers.items():
        spent[s] += w * inputs.unit_cost[g, s]
        funded[g, r] += w
    out = {s: inputs.available[s] - spent[s] for s in inputs.sources}
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
        whole = round(least) if abs(least - round(least)) <= 1e-7 * max(1.0, least) else (
            math.ceil(least))
        out[s] = max(out[s], inputs.available[s] - whole)
    return out


