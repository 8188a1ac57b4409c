"""Why the plan is what it is, in the budget team's words, from the LP relaxation.

Each statement is a shadow price turned into a head-count: the LP dual says where the limit is
and the sign of the effect; the size is measured by re-solving the LP with the change (Rp1 miliar
more, a mandate dropped, the cut undone) from the last basis, so "about N workers" is what the
change actually does to the bound, not a linear guess that may run past the dual's range.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any, cast

from planner.engine.formulation import build
from planner.engine.inputs import ModelInputs, available_money
from planner.engine.results import Message, Result
from planner.engine.solution import Status
from planner.engine.solve import Solver
from planner.i18n import register

__all__ = ["BILLION", "explain"]

BILLION = 1_000_000_000
_TOL = 1e-9

register(
    {
        "msg_principle": {
            "id": "Perencana mendahulukan pekerja yang paling murah per rupiah (mis. pekerja "
            "yang dibayar CSR atau zakat pada masa diskon PP 50/2025); kelompok dengan biaya sama "
            "diisi menurut urutan dalam skenario.",
            "en": "The planner covers the workers who cost least per rupiah first (e.g. workers "
            "paid by CSR or zakat while the PP 50/2025 discount holds); groups that cost the same "
            "are filled in the order the scenario lists them.",
        },
        "msg_source_more_money": {
            "id": "Tambahan Rp1 miliar pada {source} akan melindungi sekitar {n_more} pekerja lagi",
            "en": "Rp1 billion more in {source} would cover about {n_more} more workers",
        },
        "msg_source_not_binding_full": {
            "id": "Tambahan dana pada {source} tidak menambah cakupan: semua kelompok yang boleh "
            "dibayarnya sudah penuh",
            "en": "More money in {source} covers nobody more: every group it may pay for is full",
        },
        "msg_source_not_binding_rules": {
            "id": "Tambahan dana pada {source} tidak menambah cakupan: tidak ada kelompok yang "
            "boleh dibayarnya (aturan pendanaan atau daftar groups/regions)",
            "en": "More money in {source} covers nobody more: there is no group it may pay for "
            "(funding rules or its groups/regions lists)",
        },
        "msg_source_not_binding": {
            "id": "Tambahan dana pada {source} tidak menambah cakupan: yang membatasi adalah "
            "jumlah pekerja layak, bukan uang",
            "en": "More money in {source} covers nobody more: head-counts, not money, are the "
            "limit",
        },
        "msg_mandate_cost": {
            "id": "Mandat untuk {group} menghabiskan dana setara sekitar {n_cost} pekerja lain",
            "en": "The mandate for {group} costs about {n_cost} other workers",
        },
        "msg_mandate_free": {
            "id": "Mandat untuk {group} menentukan siapa yang dilindungi, tetapi tidak mengurangi "
            "jumlah pekerja terlindungi (biaya per pekerja sama)",
            "en": "The mandate for {group} decides who is covered but costs no workers in total "
            "(the workers cost the same)",
        },
        "msg_equity_free": {
            "id": "Batas minimum per wilayah ({share_floor}) menentukan di mana dana dipakai, "
            "tetapi tidak mengurangi jumlah pekerja terlindungi",
            "en": "The regional floor ({share_floor}) decides where the money goes but costs no "
            "workers in total",
        },
        "msg_equity_cost": {
            "id": "Batas minimum per wilayah ({share_floor}) menghabiskan dana setara sekitar "
            "{n_cost} pekerja",
            "en": "The regional floor ({share_floor}) costs about {n_cost} workers",
        },
        "msg_global_cut_cost": {
            "id": "Pemotongan global {share_cut} mengurangi cakupan sekitar {n_cost} pekerja",
            "en": "The global cut of {share_cut} costs about {n_cost} workers",
        },
        "msg_protection_keeps": {
            "id": "Melindungi {source} dari pemotongan menjaga sekitar {n_kept} pekerja tetap "
            "terlindungi",
            "en": "Protecting {source} from the cut keeps about {n_kept} workers covered",
        },
        "msg_group_full": {
            "id": "{group}: seluruhnya terlindungi ({n_covered} pekerja)",
            "en": "{group}: fully covered ({n_covered} workers)",
        },
        "msg_group_partial": {
            "id": "{group}: sebagian ({share_covered}); dana {sources} habis untuk pekerja "
            "yang lebih murah atau lebih dahulu dalam urutan (Rp per pekerja dari sumber "
            "termurah: {rp_unit})",
            "en": "{group}: partly covered ({share_covered}); the money of {sources} went to "
            "workers who cost less or come earlier in the list (cheapest premium: {rp_unit})",
        },
        "msg_group_none": {
            "id": "{group}: tidak terlindungi; dana {sources} habis untuk pekerja yang lebih "
            "murah atau lebih dahulu dalam urutan (Rp per pekerja dari sumber termurah: "
            "{rp_unit})",
            "en": "{group}: not covered; the money of {sources} went to workers who cost less "
            "or come earlier in the list (cheapest premium: {rp_unit})",
        },
        "msg_group_at_mandate": {
            "id": "{group}: terlindungi sebatas mandatnya ({share_covered})",
            "en": "{group}: covered at its mandate ({share_covered})",
        },
        "msg_group_no_payer": {
            "id": "{group}: tidak terlindungi karena tidak ada sumber dana yang boleh "
            "membayarnya",
            "en": "{group}: not covered, because no source may pay for it",
        },
        "msg_region_status": {
            "id": "Wilayah {region}: {share_covered} terlindungi",
            "en": "Region {region}: {share_covered} covered",
        },
    }
)


def _factor(inputs: ModelInputs, source: str) -> float:
    """Rupiah of available money per rupiah of budget line."""
    src = inputs.source_by_id[source]
    cut = 0.0 if src.protected else inputs.scenario.policy.global_cut
    return (1 - src.cut) * (1 - cut)


class _Relaxation:
    """The plan's LP, re-solved with one change at a time."""

    def __init__(self, inputs: ModelInputs) -> None:
        self.f = build(inputs, integer=False)
        self.solver = Solver(self.f)
        self.base = self.solver.lp()
        self.bounds = {
            name: (float(self.solver.mm.row_lower[i]), float(self.solver.mm.row_upper[i]))
            for name, i in self.solver.row_index.items()
        }

    def effect(self, change: dict[str, tuple[float, float]]) -> float:
        """Change of the LP optimum under ``change`` (row -> bounds); the model is restored."""
        self.solver.set_rows(change)
        answer = self.solver.lp()
        self.solver.set_rows({name: self.bounds[name] for name in change})
        if answer.status is not Status.OPTIMAL:
            return math.nan
        return answer.objective - self.base.objective


def _sources(result: Result, lp: _Relaxation) -> list[Message]:
    inputs = result.inputs
    out = []
    with_cells = {c[2] for c in inputs.cells}
    for s in inputs.sources:
        label = inputs.source_by_id[s].label
        row = f"budget[{s}]"
        dual = lp.base.duals.get(row, 0.0)
        if s not in with_cells:
            out.append(Message("source_not_binding_rules", {"source": label}))
        elif dual > _TOL:
            lo, hi = lp.bounds[row]
            more = lp.effect({row: (lo, hi + BILLION * _factor(inputs, s))})
            out.append(Message("source_more_money", {"source": label, "n_more": round(more)}))
        elif _full(result, s):
            out.append(Message("source_not_binding_full", {"source": label}))
        else:
            out.append(Message("source_not_binding", {"source": label}))
    return out


def _full(result: Result, source: str) -> bool:
    inputs = result.inputs
    funded: dict[tuple[str, str], int] = {}
    for (g, r, _), w in result.solution.workers.items():
        funded[g, r] = funded.get((g, r), 0) + w
    return all(funded.get((c[0], c[1]), 0) >= inputs.cap[c[0], c[1]]
               for c in inputs.cells if c[2] == source)


def _rules(result: Result, lp: _Relaxation) -> list[Message]:
    inputs = result.inputs
    policy = inputs.scenario.policy
    out = []
    for g in inputs.groups:
        rows = [f"mandate[{g},{r}]" for r in inputs.regions if f"mandate[{g},{r}]" in lp.bounds]
        if rows:  # a binding mandate may show a zero dual at a degenerate optimum: re-solve
            cost = lp.effect({row: (-math.inf, lp.bounds[row][1]) for row in rows})
            label = inputs.group_by_id[g].label
            if cost >= 0.5:
                out.append(Message("mandate_cost", {"group": label, "n_cost": round(cost)}))
            elif _at_floor(result, g):
                out.append(Message("mandate_free", {"group": label}))
    equity = [f"equity[{r}]" for r in inputs.regions if f"equity[{r}]" in lp.bounds]
    if equity:
        cost = lp.effect({row: (-math.inf, math.inf) for row in equity})
        if cost >= 0.5:
            out.append(Message("equity_cost", {"share_floor": policy.min_region_share,
                                               "n_cost": round(cost)}))
        elif any(row.funded <= row.floor
                 for row in cast("Iterable[Any]", result.by_region.itertuples()) if row.floor):
            out.append(Message("equity_free", {"share_floor": policy.min_region_share}))
    if policy.global_cut > 0:
        uncut = {f"budget[{s}]": (-math.inf, float(available_money(inputs.source_by_id[s], 0.0)))
                 for s in inputs.sources}
        cost = lp.effect(uncut)
        if cost >= 0.5:
            out.append(Message("global_cut_cost", {"share_cut": policy.global_cut,
                                                   "n_cost": round(cost)}))
        for s in inputs.sources:
            src = inputs.source_by_id[s]
            if src.protected:
                cut_too = src.model_copy(update={"protected": False})
                row = f"budget[{s}]"
                kept = -lp.effect({row: (-math.inf, float(available_money(cut_too,
                                                                          policy.global_cut)))})
                if kept >= 0.5:
                    out.append(Message("protection_keeps", {"source": src.label,
                                                            "n_kept": round(kept)}))
    return out


def _at_floor(result: Result, group: str) -> bool:
    """Return True when the plan funds ``group`` exactly at its mandate in some region."""
    inputs = result.inputs
    funded: dict[str, int] = {}
    for (g, r, _), w in result.solution.workers.items():
        if g == group:
            funded[r] = funded.get(r, 0) + w
    return any(0 < inputs.mandate[group, r] == funded.get(r, 0) for r in inputs.regions)


def _groups(result: Result) -> list[Message]:
    inputs = result.inputs
    out = []
    table = result.by_group.set_index("group")
    for g in inputs.groups:
        label = inputs.group_by_id[g].label
        payers = sorted({c[2] for c in inputs.cells if c[0] == g})
        funded = int(cast(float, table.loc[g, "funded"]))
        cap = sum(inputs.cap[g, r] for r in inputs.regions)
        if cap == 0 or funded >= cap:
            out.append(Message("group_full", {
                "group": label, "n_covered": int(cast(float, table.loc[g, "covered"])),
            }))
        elif not payers:
            out.append(Message("group_no_payer", {"group": label}))
        elif funded == sum(inputs.mandate[g, r] for r in inputs.regions) > 0:
            out.append(Message("group_at_mandate", {"group": label,
                                                    "share_covered": table.loc[g, "share"]}))
        else:
            unit = min(inputs.unit_cost[g, s] for s in payers)
            names = [inputs.source_by_id[s].label for s in payers]
            share = cast(float, table.loc[g, "share"])
            code = "group_partial" if funded > 0 else "group_none"
            out.append(Message(code, {"group": label, "sources": names, "rp_unit": unit,
                                      "share_covered": 0.0 if math.isnan(share) else share}))
    if inputs.scenario.regions:
        for row in result.by_region.itertuples():
            out.append(Message("region_status", {"region": row.name,
                                                 "share_covered": row.share}))
    return out


def explain(result: Result) -> list[Message]:
    """Statements about the plan: the principle, each source, each rule, each group and region."""
    if not result.ok or not result.inputs.cells:
        return []
    lp = _Relaxation(result.inputs)
    if lp.base.status is not Status.OPTIMAL:
        return []
    return [Message("principle"), *_sources(result, lp), *_rules(result, lp), *_groups(result)]
