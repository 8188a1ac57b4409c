"""A solved plan as tables with units, the messages that go with it, and the JSON of MODEL.md.

Tables are built once here (allocation, by group, by source, by region) with ``attrs["unit"]``
naming each column's unit; the CLI, the app and the Excel export format from them. Messages are
codes with parameters, put into words by :mod:`planner.i18n` in the reader's language.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, cast

import pandas as pd

from planner.engine.hearing import input_warnings, plan_warnings
from planner.engine.inputs import ModelInputs
from planner.engine.messages import Message
from planner.engine.provenance import provenance, readings_in_force
from planner.engine.schema import Scenario
from planner.engine.solution import SOLUTION_PRESENT, Solution, Status
from planner.i18n import register
from planner.money import count, rupiah, rupiah_short

__all__ = ["Message", "Result", "add_replan_columns", "build_result", "continuity_cost"]


register(
    {
        "msg_over_coverage": {
            "id": "{group_name} di {region_name}: {n_elsewhere} sudah terlindungi, di atas "
            "perkiraan {n_eligible} pekerja layak; perkiraan itu terlalu rendah, jadi angka yang "
            "lebih besar yang dipakai",
            "en": "{group_name} in {region_name}: {n_elsewhere} already covered, above the "
            "estimate of {n_eligible} eligible; the estimate is too low, so the larger figure is "
            "used",
        },
        "msg_funding_rule_narrowed": {
            "id": "{source_name} ({kind}) hanya boleh membayar kelompok bertanda {tag} "
            "({regulation}); tidak dibiayai olehnya: {removed_names}",
            "en": "{source_name} ({kind}) may pay only for groups tagged {tag} ({regulation}); "
            "excluded from it: {removed_names}",
        },
        "msg_source_no_groups": {
            "id": "{source_name} punya {rp_available} tetapi tidak ada kelompok yang boleh "
            "dibayarnya; periksa daftar groups/regions dan aturan pendanaan",
            "en": "{source_name} has {rp_available} but no group it may pay for; check its "
            "groups/regions lists and the funding rules",
        },
        "msg_source_money_unspendable": {
            "id": "{source_name} menyisakan {rp_unspent} yang tidak dapat dipakai: semua kelompok "
            "yang boleh dibayarnya sudah penuh",
            "en": "{source_name} has {rp_unspent} left that it cannot spend: every group it may "
            "pay for is full",
        },
        "msg_milp_gap": {
            "id": "rencana pekerja utuh ini {n_gap} pekerja di bawah batas atas {n_bound} (batas "
            "waktu tercapai sebelum terbukti optimal)",
            "en": "this whole-worker plan is {n_gap} workers below the bound of {n_bound} (the "
            "time limit came before a proof)",
        },
        "msg_spend_gap": {
            "id": "belanja mungkin bisa {rp_gap} lebih hemat untuk cakupan yang sama",
            "en": "the same cover might cost up to {rp_gap} less",
        },
        "msg_infeasible": {
            "id": "skenario ini tidak layak: tidak ada rencana yang memenuhi semua mandat dan "
            "batas anggaran sekaligus",
            "en": "this scenario is infeasible: no plan meets every mandate and budget limit "
            "at once",
        },
        "msg_mandate_no_payer": {
            "id": "mandat {group} di {region} ({n_need} pekerja) tidak dapat dipenuhi: tidak ada "
            "sumber dana yang boleh membayar kelompok ini di sana",
            "en": "the mandate for {group} in {region} ({n_need} workers) cannot be met: no source "
            "may pay for this group there",
        },
        "msg_cover_ended": {
            "id": "{group}: masa perlindungannya berakhir di bulan {n_last}, sebelum bulan "
            "{n_month}; tidak ada yang direncanakan untuknya",
            "en": "{group}: its cover ended in month {n_last}, before month {n_month}; nothing "
            "is planned for it",
        },
        "msg_enrolled_above_eligible": {
            "id": "{group} di {region_name}: {n_enrolled} peserta terdaftar, di atas {n_eligible} "
            "pekerja layak; periksa angka terdaftar atau layak",
            "en": "{group} in {region_name}: {n_enrolled} enrolled, above {n_eligible} eligible; "
            "check the enrolled or the eligible figure",
        },
        "msg_new_above_limit": {
            "id": "{group}: rencana menambah {n_new} peserta baru, di atas {n_limit} yang dapat "
            "didaftarkan (new_limit)",
            "en": "{group}: the plan adds {n_new} new workers, above the {n_limit} that can be "
            "registered (new_limit)",
        },
        "msg_continuity_cost": {
            "id": "mempertahankan peserta terdaftar mulai bulan {n_month} mengurangi {n_fewer} "
            "pekerja dibanding rencana baru tanpa peserta lama; {n_dropped} peserta terdaftar "
            "tetap kehilangan perlindungan",
            "en": "keeping the enrolled workers from month {n_month} costs {n_fewer} workers "
            "against a fresh plan; {n_dropped} enrolled workers still lose cover",
        },
        "msg_solver_error": {
            "id": "pemecah masalah gagal: {detail}",
            "en": "the solver failed: {detail}",
        },
    }
)


@dataclass
class Result:
    """Everything a solve tells a budget team: the plan as tables, its bounds, and messages."""

    scenario: Scenario
    inputs: ModelInputs
    solution: Solution
    allocation: pd.DataFrame
    by_group: pd.DataFrame
    by_source: pd.DataFrame
    by_region: pd.DataFrame
    warnings: list[Message]
    diagnosis: list[Message]
    timings: dict[str, float] = field(default_factory=dict)
    covered_bound: int = 0  # max-covered bound when the objective is not a plain head-count
    explanations: list[Message] = field(default_factory=list)
    # when infeasible: the plan that meets mandates as far as money allows, what it falls short
    # of ({group, region, workers, cost}; group None for a regional floor) and the least
    # shortfall any plan could have
    relaxed: Result | None = None
    shortfalls: list[dict[str, Any]] = field(default_factory=list)
    shortfall_bound: int = 0
    changes: dict[str, Any] | None = None  # against the plan before a cut (analysis.changes)

    @property
    def status(self) -> Status:
        """How the solve ended."""
        return self.solution.status

    @property
    def ok(self) -> bool:
        """True when there is a plan."""
        return self.status in SOLUTION_PRESENT

    @property
    def covered_workers(self) -> int:
        """Workers this plan pays for (the sum of ``funded``)."""
        return int(sum(self.solution.workers.values()))

    @property
    def bound_covered(self) -> int:
        """No whole-worker plan pays for more workers than this."""
        return int(self.solution.objective_bound) if self.counts_workers else self.covered_bound

    @property
    def eligible_total(self) -> int:
        """Eligible workers of the whole scenario (a subgroup is counted inside its parent)."""
        whole = self.by_group["part_of"] == ""
        return int(self.by_group["eligible"][whole].sum())

    @property
    def covered_total(self) -> int:
        """Workers covered, by this plan or elsewhere (a subgroup counted inside its parent)."""
        whole = self.by_group["part_of"] == ""
        return int(self.by_group["covered"][whole].sum())

    @property
    def counts_workers(self) -> bool:
        """True when the objective is the plain number of workers paid for."""
        policy = self.scenario.policy
        return policy.objective == "max_covered" and all(
            g.weight == 1 for g in self.scenario.groups
        )

    @property
    def total_cost(self) -> int:
        """Rupiah the plan spends."""
        return int(self.solution.spend)

    def to_json(self, lang: str = "id") -> dict[str, Any]:
        """Return the object ``planner solve --json`` prints (MODEL.md, plus documented extras)."""
        return _to_json(self, lang)


def _frame(rows: list[dict[str, Any]], columns: list[str], units: dict[str, str]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=columns)
    df.attrs["unit"] = units
    return df


def _allocation(inputs: ModelInputs, sol: Solution) -> pd.DataFrame:
    rows = [
        {
            "group": g,
            "region": r,
            "source": s,
            "workers": w,
            "unit_cost": inputs.unit_cost[g, s],
            "cost": w * inputs.unit_cost[g, s],
        }
        for (g, r, s), w in sol.workers.items()
        if w > 0
    ]
    rows.sort(key=lambda row: (row["group"], row["region"], row["source"]))
    return _frame(
        rows,
        ["group", "region", "source", "workers", "unit_cost", "cost"],
        {"workers": "workers", "unit_cost": "Rp/worker", "cost": "Rp"},
    )


def _by_group(inputs: ModelInputs, alloc: pd.DataFrame) -> pd.DataFrame:
    funded = alloc.groupby("group")["workers"].sum() if len(alloc) else pd.Series(dtype=int)
    cost = alloc.groupby("group")["cost"].sum() if len(alloc) else pd.Series(dtype=int)
    rows = []
    for g in inputs.groups:
        group = inputs.group_by_id[g]
        eligible = sum(inputs.eligible[g, r] for r in inputs.regions)
        elsewhere = sum(inputs.covered_elsewhere[g, r] for r in inputs.regions)
        f = int(funded.get(g, 0))
        rows.append(
            {
                "group": g,
                "name": group.label,
                "eligible": eligible,
                "covered_elsewhere": elsewhere,
                "funded": f,
                "covered": f + elsewhere,
                "share": (f + elsewhere) / eligible if eligible else math.nan,
                "mandate": sum(inputs.mandate[g, r] for r in inputs.regions),
                "months": group.months,
                "cost": int(cost.get(g, 0)),
                "basis": group.basis,
                "assumed": group.assumed,
                "part_of": group.part_of or "",
            }
        )
    return _frame(
        rows,
        ["group", "name", "eligible", "covered_elsewhere", "funded", "covered", "share",
         "mandate", "months", "cost", "basis", "assumed", "part_of"],
        {"eligible": "workers", "covered_elsewhere": "workers", "funded": "workers",
         "covered": "workers", "share": "share", "mandate": "workers", "months": "months",
         "cost": "Rp"},
    )


def _by_source(inputs: ModelInputs, alloc: pd.DataFrame) -> pd.DataFrame:
    spent = alloc.groupby("source")["cost"].sum() if len(alloc) else pd.Series(dtype=int)
    workers = alloc.groupby("source")["workers"].sum() if len(alloc) else pd.Series(dtype=int)
    rows = []
    for s in inputs.sources:
        src = inputs.source_by_id[s]
        used = int(spent.get(s, 0))
        rows.append(
            {
                "source": s,
                "name": src.label,
                "kind": src.kind,
                "budget": src.budget,
                "cut": src.cut,
                "protected": src.protected,
                "available": inputs.available[s],
                "spent": used,
                "unspent": inputs.available[s] - used,
                "workers": int(workers.get(s, 0)),
                "basis": src.basis,
                "assumed": src.assumed,
            }
        )
    return _frame(
        rows,
        ["source", "name", "kind", "budget", "cut", "protected", "available", "spent",
         "unspent", "workers", "basis", "assumed"],
        {"budget": "Rp", "cut": "share", "available": "Rp", "spent": "Rp", "unspent": "Rp",
         "workers": "workers"},
    )


def _by_region(inputs: ModelInputs, alloc: pd.DataFrame) -> pd.DataFrame:
    funded = alloc.groupby("region")["workers"].sum() if len(alloc) else pd.Series(dtype=int)
    cost = alloc.groupby("region")["cost"].sum() if len(alloc) else pd.Series(dtype=int)
    names = {r.id: r.name or r.id for r in inputs.scenario.regions}
    rows = []
    whole = [g for g in inputs.groups if g not in inputs.scenario_parts]  # parts counted inside
    for r in inputs.regions:
        eligible = sum(inputs.eligible[g, r] for g in whole)
        elsewhere = sum(inputs.covered_elsewhere[g, r] for g in whole)
        f = int(funded.get(r, 0))
        rows.append(
            {
                "region": r,
                "name": names.get(r, r),
                "eligible": eligible,
                "covered_elsewhere": elsewhere,
                "funded": f,
                "covered": f + elsewhere,
                "share": (f + elsewhere) / eligible if eligible else math.nan,
                "floor": inputs.equity[r],
                "cost": int(cost.get(r, 0)),
            }
        )
    return _frame(
        rows,
        ["region", "name", "eligible", "covered_elsewhere", "funded", "covered", "share",
         "floor", "cost"],
        {"eligible": "workers", "covered_elsewhere": "workers", "funded": "workers",
         "covered": "workers", "share": "share", "floor": "workers", "cost": "Rp"},
    )


def _names(inputs: ModelInputs) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Names people read for groups, sources and regions, by id."""
    regions = {r.id: r.name or r.id for r in inputs.scenario.regions}
    groups = {g: inputs.group_by_id[g].label for g in inputs.groups}
    sources = {s: inputs.source_by_id[s].label for s in inputs.sources}
    return groups, sources, regions


def _input_warnings(inputs: ModelInputs) -> list[Message]:
    groups, sources, regions = _names(inputs)
    out = [
        Message("over_coverage", {"group": o.group, "region": o.region,
                                  "group_name": groups[o.group],
                                  "region_name": regions.get(o.region, o.region),
                                  "n_eligible": o.eligible, "n_elsewhere": o.covered_elsewhere})
        for o in inputs.over_covered
    ]
    out += [
        Message("funding_rule_narrowed", {"source": n.source,
                                          "source_name": sources[n.source],
                                          "kind": inputs.source_by_id[n.source].kind,
                                          "tag": n.rule.requires_tag,
                                          "regulation": n.rule.regulation,
                                          "removed": list(n.removed),
                                          "removed_names": [groups[g] for g in n.removed]})
        for n in inputs.narrowed
    ]
    with_cells = {c[2] for c in inputs.cells}
    out += [
        Message("source_no_groups", {"source": s, "source_name": sources[s],
                                     "rp_available": inputs.available[s]})
        for s in inputs.sources
        if s not in with_cells and inputs.available[s] > 0
    ]
    return out


def _plan_warnings(inputs: ModelInputs, sol: Solution, by_source: pd.DataFrame,
                   counts_workers: bool) -> list[Message]:
    out = []
    funded: dict[tuple[str, str], int] = {}
    for (g, r, _), w in sol.workers.items():
        funded[g, r] = funded.get((g, r), 0) + w
    for row in cast("Iterable[Any]", by_source.itertuples()):
        cells = [c for c in inputs.cells if c[2] == row.source]
        if not cells:
            continue
        cheapest = min(inputs.unit_cost[c[0], c[2]] for c in cells)
        full = all(funded.get((c[0], c[1]), 0) >= inputs.cap[c[0], c[1]] for c in cells)
        if row.unspent >= cheapest and full:
            out.append(Message("source_money_unspendable",
                               {"source": row.source, "source_name": row.name,
                                "rp_unspent": int(row.unspent)}))
    if "milp_time_limit" in sol.notes and counts_workers:
        gap = int(round(sol.objective_bound - sol.objective))
        if gap > 0:
            out.append(Message("milp_gap", {"n_gap": gap, "n_bound": int(sol.objective_bound)}))
    if sol.spend_gap > 0:
        out.append(Message("spend_gap", {"rp_gap": sol.spend_gap}))
    if not inputs.enrolled and inputs.scenario.policy.from_month == 1:  # else: the re-plan's
        new = {g: 0 for g in inputs.groups}
        for (g, _, _), w in sol.workers.items():
            new[g] += w
        out += _new_above_limit(inputs, new)
    return out


def _new_above_limit(inputs: ModelInputs, new: dict[str, int]) -> list[Message]:
    """Warn of groups given more new workers than can be registered (``new_limit``)."""
    out = []
    for g in inputs.groups:
        limit = inputs.group_by_id[g].new_limit
        if limit is not None and new[g] > limit:
            out.append(Message("new_above_limit", {"group": inputs.group_by_id[g].label,
                                                   "n_new": new[g], "n_limit": limit}))
    return out


def add_replan_columns(result: Result, kept: dict[tuple[str, str], int]) -> None:
    """Add a re-plan's columns: per group enrolled, kept, dropped and new; per source paid.

    ``kept`` is the enrolled workers the plan keeps, per group and region (:mod:`replan`).
    """
    inputs = result.inputs
    enrolled = {g: sum(n for (h, _), n in inputs.enrolled.items() if h == g)
                for g in inputs.groups}
    kept_g = {g: sum(n for (h, _), n in kept.items() if h == g) for g in inputs.groups}
    by_group = result.by_group
    by_group["enrolled"] = [enrolled[g] for g in by_group["group"]]
    by_group["kept"] = [kept_g[g] for g in by_group["group"]]
    by_group["dropped"] = by_group["enrolled"] - by_group["kept"]
    by_group["new"] = by_group["funded"] - by_group["kept"]
    by_group.attrs["unit"] |= dict.fromkeys(("enrolled", "kept", "dropped", "new"), "workers")
    by_source = result.by_source
    by_source["spent_to_date"] = [inputs.source_by_id[s].spent_to_date
                                  for s in by_source["source"]]
    by_source.attrs["unit"] |= {"spent_to_date": "Rp"}
    result.warnings += _replan_warnings(result)


def _replan_warnings(result: Result) -> list[Message]:
    inputs = result.inputs
    groups, _, regions = _names(inputs)
    month = inputs.scenario.policy.from_month
    out = [Message("cover_ended", {"group": groups[g], "n_month": month,
                                   "n_last": inputs.group_by_id[g].start_month
                                   + inputs.group_by_id[g].months - 1})
           for g in inputs.ended]
    for (g, r), n in sorted(inputs.enrolled.items()):
        if n > inputs.eligible[g, r]:
            out.append(Message("enrolled_above_eligible", {
                "group": groups[g], "region_name": regions.get(r, r), "n_enrolled": n,
                "n_eligible": inputs.eligible[g, r]}))
    if result.ok:
        new = dict(zip(result.by_group["group"], result.by_group["new"].astype(int), strict=True))
        out += _new_above_limit(inputs, new)
    return out


def continuity_cost(result: Result, fresh_covered: int) -> Message:
    """Say what keeping every enrolled worker costs: workers a fresh plan covers on top."""
    dropped = int(result.by_group["dropped"].sum())
    return Message("continuity_cost", {"n_fewer": max(0, fresh_covered - result.covered_workers),
                                       "n_dropped": dropped, "n_month": result.scenario.policy
                                       .from_month})


def _diagnosis(sol: Solution) -> list[Message]:
    if sol.status is Status.ERROR:
        return [Message("solver_error", {"detail": "; ".join(sol.notes)})]
    if sol.status is Status.INFEASIBLE:
        return [Message("infeasible")]
    return []


def build_result(inputs: ModelInputs, sol: Solution, covered_bound: int | None = None) -> Result:
    """Turn a solution into the Result every front end reads."""
    alloc = _allocation(inputs, sol)
    by_source = _by_source(inputs, alloc)
    result = Result(
        scenario=inputs.scenario,
        inputs=inputs,
        solution=sol,
        allocation=alloc,
        by_group=_by_group(inputs, alloc),
        by_source=by_source,
        by_region=_by_region(inputs, alloc),
        warnings=[],
        diagnosis=_diagnosis(sol),
        timings=dict(sol.timings),
    )
    result.covered_bound = covered_bound if covered_bound is not None else result.covered_workers
    result.warnings = _input_warnings(inputs) + input_warnings(inputs)
    if sol.status is Status.OPTIMAL:
        result.warnings += _plan_warnings(inputs, sol, by_source, result.counts_workers)
        result.warnings += plan_warnings(inputs, sol.workers)
    return result


def _records(df: pd.DataFrame, columns: list[str]) -> list[dict[str, Any]]:
    out = []
    for row in cast("list[dict[str, Any]]", df[columns].to_dict("records")):
        clean: dict[str, Any] = {}
        for k, v in row.items():
            if isinstance(v, float) and math.isnan(v):
                clean[k] = None
            elif hasattr(v, "item"):
                clean[k] = v.item()
            else:
                clean[k] = v
        out.append(clean)
    return out


def shadow_price_table(result: Result) -> dict[str, list[dict[str, Any]]]:
    """LP duals by family in the user's units: objective change per worker or per rupiah."""
    sol = result.solution
    inputs = result.inputs
    out: dict[str, list[dict[str, Any]]] = {"budget": [], "headcount": [], "mandate": [],
                                            "equity": []}
    for s in inputs.sources:
        value = sol.shadow_prices.get(f"budget[{s}]", 0.0)
        src = inputs.source_by_id[s]
        per_budget_rupiah = value * float(
            (1 - src.cut) * (1 if src.protected else 1 - inputs.scenario.policy.global_cut)
        )
        out["budget"].append({"source": s, "per_rupiah": value,
                              "per_billion_budget": per_budget_rupiah * 1e9})
    for (g, r) in inputs.cap:
        name = f"headcount[{g},{r}]"
        if name in sol.shadow_prices:
            out["headcount"].append({"group": g, "region": r, "value": sol.shadow_prices[name]})
        name = f"mandate[{g},{r}]"
        if name in sol.shadow_prices:
            out["mandate"].append({"group": g, "region": r, "value": sol.shadow_prices[name]})
    for r in inputs.regions:
        name = f"equity[{r}]"
        if name in sol.shadow_prices:
            out["equity"].append({"region": r, "value": sol.shadow_prices[name]})
    return out


_REPLAN_GROUP = ("enrolled", "kept", "dropped", "new")
_EXTRA_SOURCE = ("spare", "spare_lp", "spent_to_date")


def _to_json(result: Result, lang: str) -> dict[str, Any]:
    sol = result.solution
    ok = result.ok
    return {
        "scenario": result.scenario.name,
        "year": result.scenario.year,
        "objective": result.scenario.policy.objective,
        "policy": {"premium_discounts": result.scenario.policy.premium_discounts,
                   "discount_readings": {
                       d: {k: v["reading"] for k, v in payers.items()}
                       for d, payers in readings_in_force(result.scenario.policy).items()}},
        "status": str(result.status),
        "covered_workers": result.covered_workers if ok else 0,
        "bound_covered": result.bound_covered if ok else 0,
        "gap_workers": max(0, result.bound_covered - result.covered_workers) if ok else 0,
        "total_cost": result.total_cost if ok else 0,
        "cost_bound": int(sol.spend_bound) if ok else 0,
        "objective_value": sol.objective if ok else None,
        "objective_bound": sol.objective_bound if ok else None,
        "lp_bound": sol.lp_objective if ok else None,
        "groups": _records(result.by_group.rename(columns={"group": "id"}),
                           ["id", "eligible", "covered_elsewhere", "funded", "covered",
                            "share", *[c for c in _REPLAN_GROUP if c in result.by_group]])
                  if ok else [],
        "sources": _records(result.by_source.rename(columns={"source": "id"}),
                            ["id", "available", "spent", "unspent",
                             *[c for c in _EXTRA_SOURCE if c in result.by_source]])
                    if ok else [],
        "regions": _records(result.by_region.rename(columns={"region": "id"}),
                            ["id", "eligible", "covered_elsewhere", "funded", "covered",
                             "share"]) if ok else [],
        "allocation": _records(result.allocation,
                               ["group", "region", "source", "workers", "cost"]) if ok else [],
        "shadow_prices": shadow_price_table(result) if ok else {},
        "explanations": [m.to_json(lang) for m in result.explanations],
        "diagnosis": [m.to_json(lang) for m in result.diagnosis],
        "warnings": [m.to_json(lang) for m in result.warnings],
        "provenance": provenance(result.scenario),
        "solver": sol.solver,
        "timings": {k: round(v, 4) for k, v in result.timings.items()},
        **({"changes": result.changes} if result.changes is not None else {}),
        **({"relaxed": {**_to_json(result.relaxed, lang), "shortfalls": result.shortfalls,
                        "shortfall_bound": result.shortfall_bound}}
           if result.relaxed is not None else {}),
    }


def headline(result: Result, lang: str = "id") -> dict[str, str]:
    """Return the headline figures as people read them."""
    return {
        "covered": count(result.covered_workers, lang),
        "bound": count(result.bound_covered, lang),
        "spent": rupiah_short(result.total_cost, lang),
        "spent_full": rupiah(result.total_cost, lang),
        "unspent": rupiah_short(int(result.by_source["unspent"].sum()), lang),
    }
