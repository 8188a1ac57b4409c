"""Why the plan is what it is, in the budget team's words, from the LP relaxation.

Each statement is a change of the LP's right-hand sides (Rp1 miliar more, a mandate dropped, the
cut undone) whose effect on the LP bound is turned into a head-count: "about N workers" is what
the change does to the bound, not a linear guess that may run past the dual's range. The LP is
solved once (the plan's own LP when the pipeline hands its solver over), and each effect is read
as cheaply as it can be known:

1. from the duals and the basis: while the change keeps the optimal basis primal feasible (the
   many-row form of HiGHS's ranging: one solve with the basis factors), the effect is exactly the
   duals times the change;
2. bounded on both sides otherwise: the duals times the change bound it on one side (the LP
   optimum is concave in the right-hand sides when maximised); the part of the change the basis
   holds for, and a feasible point found by spending the added money greedily (or giving up the
   money taken away), bound it on the other; when both sides round to the same head-count the
   figure is known;
3. by a warm re-solve for the statements still open, the widest ranges first, within a
   :class:`Budget` (a number of re-solves, and about the time the first LP took);
4. past the budget a statement gives the range it is known to lie in ("between N and M
   workers"), never a figure that is not known.

The reading of effects is :mod:`planner.analysis.relaxation`; here the statements and their words.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, cast

from planner.analysis.relaxation import Budget, Claim, Effect, Relaxation, round_down, round_up
from planner.engine.inputs import available_money
from planner.engine.results import Message, Result
from planner.engine.solve import Solver
from planner.engine.tiebreak import source_order
from planner.i18n import register

__all__ = ["BILLION", "Budget", "Explanation", "explain", "explanation"]

BILLION = 1_000_000_000
_TOL = 1e-9

register(
    {
        "msg_principle": {
            "id": "Perencana mendahulukan pekerja yang paling murah per rupiah (mis. pekerja "
            "yang dibayar CSR atau zakat pada masa diskon PP 50/2025); kelompok dan desa dengan "
            "biaya dan prioritas sama dibagi rata (cakupan yang sama), bukan menurut urutan "
            "dalam berkas.",
            "en": "The planner covers the workers who cost least per rupiah first (e.g. workers "
            "paid by CSR or zakat while the PP 50/2025 discount holds); groups and villages of "
            "the same cost and priority share evenly (the same coverage), never by their order "
            "in the file.",
        },
        "msg_principle_priority": {
            "id": "Prioritas: kelompok berprioritas lebih tinggi dilindungi sepenuhnya sejauh "
            "dana dan aturan memungkinkan sebelum prioritas berikutnya mendapat dana "
            "(prioritas {ranks}; lainnya lebih tinggi)",
            "en": "Priorities: groups of a higher priority are covered as fully as money and "
            "rules allow before the next priority gets money (priority {ranks}; the others "
            "come first)",
        },
        "msg_principle_equal_share": {
            "id": "Dibagi rata: setiap kelompok {share_covered} terlindungi, sejauh dana dan "
            "aturan memungkinkan; baru kemudian pekerja terbanyak",
            "en": "Shared equally: every group is {share_covered} covered, as far as money and "
            "rules allow; then the most workers",
        },
        "msg_principle_spend_order": {
            "id": "Untuk cakupan dan belanja yang sama, dana dipakai menurut urutan: {sources}",
            "en": "For the same cover and spend, money is used in this order: {sources}",
        },
        "msg_group_priority": {
            "id": "{group}: {share_covered} terlindungi; kehilangan perlindungan karena "
            "prioritasnya {rank} (kelompok berprioritas lebih tinggi dilindungi lebih dahulu)",
            "en": "{group}: {share_covered} covered; loses cover because its priority is {rank} "
            "(groups of a higher priority are covered first)",
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
        "msg_source_more_money_range": {
            "id": "Tambahan Rp1 miliar pada {source} akan melindungi antara {n_low} dan {n_high} "
            "pekerja lagi",
            "en": "Rp1 billion more in {source} would cover between {n_low} and {n_high} more "
            "workers",
        },
        "msg_mandate_cost_range": {
            "id": "Mandat untuk {group} menghabiskan dana setara antara {n_low} dan {n_high} "
            "pekerja lain",
            "en": "The mandate for {group} costs between {n_low} and {n_high} other workers",
        },
        "msg_equity_cost_range": {
            "id": "Batas minimum per wilayah ({share_floor}) menghabiskan dana setara antara "
            "{n_low} dan {n_high} pekerja",
            "en": "The regional floor ({share_floor}) costs between {n_low} and {n_high} workers",
        },
        "msg_global_cut_cost_range": {
            "id": "Pemotongan global {share_cut} mengurangi cakupan antara {n_low} dan {n_high} "
            "pekerja",
            "en": "The global cut of {share_cut} costs between {n_low} and {n_high} workers",
        },
        "msg_protection_keeps_range": {
            "id": "Melindungi {source} dari pemotongan menjaga antara {n_low} dan {n_high} "
            "pekerja tetap terlindungi",
            "en": "Protecting {source} from the cut keeps between {n_low} and {n_high} workers "
            "covered",
        },
        "msg_protection_keeps_at_least": {
            "id": "Melindungi {source} dari pemotongan menjaga sedikitnya {n_kept} pekerja tetap "
            "terlindungi",
            "en": "Protecting {source} from the cut keeps at least {n_kept} workers covered",
        },
        "msg_group_full": {
            "id": "{group}: seluruhnya terlindungi ({n_covered} pekerja)",
            "en": "{group}: fully covered ({n_covered} workers)",
        },
        "msg_group_partial": {
            "id": "{group}: sebagian ({share_covered}); dana {sources} habis untuk pekerja "
            "yang lebih murah, atau dibagi rata dengan kelompok seharga (Rp per pekerja dari "
            "sumber termurah: {rp_unit})",
            "en": "{group}: partly covered ({share_covered}); the money of {sources} went to "
            "workers who cost less, or is shared evenly with groups of the same price (cheapest "
            "premium: {rp_unit})",
        },
        "msg_group_none": {
            "id": "{group}: tidak terlindungi; dana {sources} habis untuk pekerja yang lebih "
            "murah (Rp per pekerja dari sumber termurah: {rp_unit})",
            "en": "{group}: not covered; the money of {sources} went to workers who cost less "
            "(cheapest premium: {rp_unit})",
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


@dataclass
class Explanation:
    """The statements and what they cost.

    ``claims`` counts the statements sized by a change of the LP; of these, ``from_basis`` were
    known from the duals and the basis (and the greedy bounds) alone, ``resolved`` needed a warm
    re-solve, and ``ranged`` are given as a range because the budget ran out. ``resolves``
    counts the warm re-solves started (a re-solve stopped by the time budget counts but settles
    nothing). ``lp_seconds`` is the first LP's time the budget was set from; ``seconds`` the
    time the explanations took (with that LP when they had to solve it themselves).
    """

    messages: list[Message] = field(default_factory=list)
    claims: int = 0
    from_basis: int = 0
    resolved: int = 0
    ranged: int = 0
    resolves: int = 0
    lp_seconds: float = 0.0
    seconds: float = 0.0


# --- the statements ------------------------------------------------------------------------------

_Say = Callable[[Effect], list[Message]]


def _range(code: str, data: dict[str, Any], low: float, high: float) -> list[Message]:
    """State the range an effect is known to lie in (nothing when it is unbounded)."""
    if not (math.isfinite(low) and math.isfinite(high)):
        return []
    return [Message(code, {**data, "n_low": round_down(low), "n_high": round_up(high)})]


def _more_money(label: str) -> _Say:
    def say(e: Effect) -> list[Message]:
        if not e.feasible:
            return []
        if e.known:
            return [Message("source_more_money", {"source": label, "n_more": round(e.value)})]
        return _range("source_more_money_range", {"source": label}, max(e.low, 0.0), e.high)
    return say


def _cost(code: str, data: dict[str, Any], otherwise: Callable[[], list[Message]]) -> _Say:
    """Say what a rule costs (``code``, ``n_cost``), or ``otherwise()`` when it costs nobody."""
    def say(e: Effect) -> list[Message]:
        if e.known:
            if e.feasible and e.value >= 0.5:
                return [Message(code, {**data, "n_cost": round(e.value)})]
            return otherwise()
        if e.high < 0.5:
            return otherwise()
        return _range(f"{code}_range", data, max(e.low, 0.0), e.high)
    return say


def _kept(label: str) -> _Say:
    def say(e: Effect) -> list[Message]:
        if e.known:
            kept = -e.value
            if not e.feasible or kept < 0.5:
                return []
            return [Message("protection_keeps", {"source": label, "n_kept": round(kept)})]
        low, high = -e.high, -e.low  # the workers kept: the effect of giving the protection up
        if high < 0.5:
            return []
        if math.isfinite(high):
            return _range("protection_keeps_range", {"source": label}, max(low, 0.0), high)
        if low >= 0.5:
            return [Message("protection_keeps_at_least",
                            {"source": label, "n_kept": round_down(low)})]
        return []
    return say


def _claim(lp: Relaxation, change: dict[str, tuple[float, float]], say: _Say) -> Claim:
    return Claim(change, lp.estimate(change), say)


_Item = Message | Claim


def _sources(result: Result, lp: Relaxation) -> list[_Item]:
    inputs = result.inputs
    cut = inputs.scenario.policy.global_cut
    out: list[_Item] = []
    with_cells = {c[2] for c in inputs.cells}
    for s in inputs.sources:
        label = inputs.source_by_id[s].label
        row = f"budget[{s}]"
        if s not in with_cells:
            out.append(Message("source_not_binding_rules", {"source": label}))
        elif lp.dual(row) > _TOL:
            src = inputs.source_by_id[s]
            richer = src.model_copy(update={"budget": src.budget + BILLION})
            more = {row: (lp.bounds(row)[0], float(available_money(richer, cut)))}
            out.append(_claim(lp, more, _more_money(label)))
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


def _rules(result: Result, lp: Relaxation) -> list[_Item]:
    inputs = result.inputs
    policy = inputs.scenario.policy
    out: list[_Item] = []
    for g in inputs.groups:
        rows = [f"mandate[{g},{r}]" for r in inputs.regions if f"mandate[{g},{r}]" in lp.index]
        if rows:  # one row per (group, region): dropped together
            label = inputs.group_by_id[g].label
            dropped = {row: (-math.inf, lp.bounds(row)[1]) for row in rows}

            def free(g: str = g, label: str = label) -> list[Message]:
                return [Message("mandate_free", {"group": label})] if _at_floor(result, g) else []

            out.append(_claim(lp, dropped, _cost("mandate_cost", {"group": label}, free)))
    equity = [f"equity[{r}]" for r in inputs.regions if f"equity[{r}]" in lp.index]
    if equity:
        floor = {"share_floor": policy.min_region_share}

        def equity_free() -> list[Message]:
            rows = cast("Iterable[Any]", result.by_region.itertuples())
            binding = any(row.funded <= row.floor for row in rows if row.floor)
            return [Message("equity_free", floor)] if binding else []

        dropped = {row: (-math.inf, math.inf) for row in equity}
        out.append(_claim(lp, dropped, _cost("equity_cost", floor, equity_free)))
    if policy.global_cut > 0:
        uncut = {f"budget[{s}]": (-math.inf, float(available_money(inputs.source_by_id[s], 0.0)))
                 for s in inputs.sources}
        out.append(_claim(lp, uncut, _cost("global_cut_cost", {"share_cut": policy.global_cut},
                                           list)))
        for s in inputs.sources:
            src = inputs.source_by_id[s]
            if src.protected:
                cut_too = src.model_copy(update={"protected": False})
                row = f"budget[{s}]"
                cut_row = {row: (-math.inf, float(available_money(cut_too, policy.global_cut)))}
                out.append(_claim(lp, cut_row, _kept(src.label)))
    return out


def _at_floor(result: Result, group: str) -> bool:
    """Return True when the plan funds ``group`` exactly at its mandate in some region."""
    inputs = result.inputs
    funded: dict[str, int] = {}
    for (g, r, _), w in result.solution.workers.items():
        if g == group:
            funded[r] = funded.get(r, 0) + w
    return any(0 < inputs.mandate[group, r] == funded.get(r, 0) for r in inputs.regions)


def _policy(result: Result) -> list[Message]:
    """Name the rules that decide among plans: priorities, equal shares, the spend order."""
    inputs = result.inputs
    policy = inputs.scenario.policy
    out = [Message("principle")]
    ranks = sorted({inputs.group_by_id[g].priority for g in inputs.groups})
    if len(ranks) > 1:
        names = [f"{k}: " + "/".join(inputs.group_by_id[g].label for g in inputs.groups
                                     if inputs.group_by_id[g].priority == k) for k in ranks[1:]]
        out.append(Message("principle_priority", {"ranks": names}))
    if policy.sharing == "equal_share":
        paid = {c[0] for c in inputs.cells}
        table = result.by_group.set_index("group")
        short = [g for g in inputs.groups if g in paid and int(cast(float, table.loc[g, "funded"]))
                 < sum(inputs.cap[g, r] for r in inputs.regions)]
        if short:  # the level of the first rank that money does not fill
            first = min(inputs.group_by_id[g].priority for g in short)
            level = min(float(cast(float, table.loc[g, "share"])) for g in short
                        if inputs.group_by_id[g].priority == first)
            out.append(Message("principle_equal_share", {"share_covered": level}))
    used = sorted({c[2] for c in inputs.cells},
                  key=lambda s: (source_order(inputs)[s], s))
    if len(used) > 1:
        out.append(Message("principle_spend_order", {
            "sources": [inputs.source_by_id[s].label for s in used]}))
    return out


def _groups(result: Result) -> list[Message]:
    inputs = result.inputs
    out = []
    top = min(inputs.group_by_id[g].priority for g in inputs.groups)
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
        elif inputs.group_by_id[g].priority > top:
            share = cast(float, table.loc[g, "share"])
            out.append(Message("group_priority", {
                "group": label, "rank": inputs.group_by_id[g].priority,
                "share_covered": 0.0 if math.isnan(share) else share}))
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


def explanation(result: Result, solver: Solver | None = None,
                budget: Budget | None = None) -> Explanation:
    """Statements about the plan with what they cost; see :func:`explain`."""
    t0 = time.perf_counter()
    if not result.ok or not result.inputs.cells:
        return Explanation()
    lp_seconds = result.solution.timings.get("lp") if solver is not None else None
    lp = Relaxation(result.inputs, solver, lp_seconds)
    # the budget runs from here: past the first LP, which is the plan's own when handed over
    start = t0 if solver is not None else time.perf_counter()
    if not lp.optimal:
        return Explanation(lp_seconds=lp.lp_seconds, seconds=time.perf_counter() - t0)
    items = [*_policy(result), *_sources(result, lp), *_rules(result, lp)]
    claims = [item for item in items if isinstance(item, Claim)]
    lp.settle(claims, budget or Budget(), start)
    messages: list[Message] = []
    for item in items:
        messages.extend(item.say(item.effect) if isinstance(item, Claim) else [item])
    messages.extend(_groups(result))
    resolved = sum(c.resolved for c in claims)
    ranged = sum(not c.effect.known for c in claims)
    return Explanation(
        messages, claims=len(claims), from_basis=len(claims) - resolved - ranged,
        resolved=resolved, ranged=ranged, resolves=lp.resolves, lp_seconds=lp.lp_seconds,
        seconds=time.perf_counter() - t0,
    )


def explain(result: Result, solver: Solver | None = None,
            budget: Budget | None = None) -> list[Message]:
    """Statements about the plan: the principle, each source, each rule, each group and region.

    ``solver`` is the solver that made the plan (the pipeline hands it over), so its LP and basis
    serve the statements without a second LP; without it the LP is built and solved here.
    ``budget`` bounds the warm re-solves (see the module docstring).
    """
    return explanation(result, solver, budget).messages
