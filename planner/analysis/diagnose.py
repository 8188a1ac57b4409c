"""Why a scenario is infeasible: which mandates, regional floors or target fail, and by how much."""

from __future__ import annotations

import math

from planner.analysis.cut import max_feasible_cut
from planner.engine.formulation import add_shortfalls, build
from planner.engine.inputs import derive
from planner.engine.results import Message
from planner.engine.schema import Scenario
from planner.engine.solution import Status
from planner.engine.solve import Solver
from planner.i18n import register

__all__ = ["diagnose"]

_TOL = 1e-6

register(
    {
        "msg_mandate_short": {
            "id": "mandat {group} kurang {n_short} pekerja (sekitar {rp_short})",
            "en": "the mandate for {group} falls {n_short} workers short (about {rp_short})",
        },
        "msg_equity_short": {
            "id": "batas minimum wilayah {region} kurang {n_short} pekerja",
            "en": "the regional floor of {region} falls {n_short} workers short",
        },
        "msg_target_short": {
            "id": "target cakupan kurang {n_short} pekerja",
            "en": "the coverage target falls {n_short} workers short",
        },
        "msg_max_feasible_cut": {
            "id": "semua mandat masih terpenuhi sampai pemotongan {share_cut} (sekarang "
            "{share_now})",
            "en": "every mandate still holds up to a cut of {share_cut} (now {share_now})",
        },
        "msg_no_cut_feasible": {
            "id": "mandat tidak terpenuhi bahkan tanpa pemotongan: tambah dana atau turunkan "
            "mandat",
            "en": "the mandates cannot be met even without a cut: add money or lower a mandate",
        },
    }
)


def diagnose(scenario: Scenario) -> list[Message]:
    """Which mandates, regional floors or target cannot be met, by how many workers and rupiah.

    Solves the elastic LP (a shortfall column on each of those rows, total shortfall minimised),
    then names contradictions that no money can fix, and the largest cut at which all hold.
    """
    inputs = derive(scenario)
    out: list[Message] = [Message("infeasible")]
    payable = {(c[0], c[1]) for c in inputs.cells}
    for (g, r), n in inputs.mandate.items():
        if n > 0 and (g, r) not in payable:
            out.append(Message("mandate_no_payer", {"group": g, "region": r, "n_need": n}))
    f = build(inputs, integer=False)
    add_shortfalls(f)
    answer = Solver(f).lp()
    if answer.status is Status.OPTIMAL:
        short = {name: v for name, v in answer.extra_values.items() if v > _TOL}
        by_group: dict[str, float] = {}
        for name, value in short.items():
            family, key = f.rows[name]
            if family == "mandate":
                g, r = key  # type: ignore[misc]
                if (g, r) in payable:
                    by_group[g] = by_group.get(g, 0.0) + value
            elif family == "equity":
                out.append(Message("equity_short", {"region": key, "n_short": math.ceil(value)}))
            elif family == "target":
                out.append(Message("target_short", {"n_short": math.ceil(value)}))
        for g, value in by_group.items():
            costs = [inputs.unit_cost[g, c[2]] for c in inputs.cells if c[0] == g]
            workers = math.ceil(value - _TOL)
            out.append(Message("mandate_short", {"group": inputs.group_by_id[g].label,
                                                 "n_short": workers,
                                                 "rp_short": workers * min(costs)}))
    cut = max_feasible_cut(scenario) if not any(
        m.code == "mandate_no_payer" for m in out) else None
    if cut is not None and cut < scenario.policy.global_cut:
        out.append(Message("max_feasible_cut", {"share_cut": cut,
                                                 "share_now": scenario.policy.global_cut}))
    elif cut is None and len(out) > 1:
        out.append(Message("no_cut_feasible"))
    return out
