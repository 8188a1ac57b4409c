"""Warnings a budget hearing needs: where a plan rests on a reading, a rule or a figure to check.

Each is a :class:`~planner.engine.messages.Message` beside the plan's other warnings (results,
CLI, app and Excel show them alike), with its figures in ``data``:

- ``discount_unconfirmed``: the plan prices workers at a discount whose reading for their payer
  is ``unconfirmed`` (PP 50/2025 for CSR and zakat: the technical rules were pending); which
  payers, how many workers, and what they cost with and without the discount;
- ``election_off_year``: a group tagged ``election`` is funded in a year without elections
  (``planner/engine/data/elections.yaml``, with its regulation);
- ``allocation_share_above_cap``: a DBH sawit premium line above the share of its whole
  ``allocation`` the funding rules allow (PP 38/2023, PMK 91/2023: at most 20% beyond roads);
- ``income_above_ceiling``: a BPU declared income above the rate table's ceiling, priced at the
  ceiling.

A group funded above the workers it can register (``new_limit``) is warned of by
:mod:`~planner.engine.results` (``new_above_limit``), for a plan and a re-plan alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from pathlib import Path

from planner.engine.inputs import Cell, ModelInputs, funding_rules
from planner.engine.messages import Message
from planner.engine.premiums import rates
from planner.engine.yamlio import read_yaml
from planner.i18n import register

__all__ = ["Elections", "elections", "input_warnings", "plan_warnings"]

ELECTIONS_FILE = Path(__file__).resolve().parent / "data" / "elections.yaml"


@dataclass(frozen=True)
class Elections:
    """The years with elections, the tag that marks election ad-hoc workers, the regulation."""

    tag: str
    years: tuple[int, ...]
    regulation: str


@cache
def elections(path: Path = ELECTIONS_FILE) -> Elections:
    """Read the election years once."""
    data = read_yaml(path, yes_no=None)  # the planner's own data
    return Elections(str(data["tag"]), tuple(int(y) for y in data["years"]),
                     str(data["regulation"]))


register(
    {
        "msg_discount_unconfirmed": {
            "id": "rencana ini bergantung pada diskon {discount_name} yang belum dipastikan "
            "untuk pembayar {payers} ({regulation}): {n_workers} pekerja yang dibayar "
            "{source_names} dihitung {rp_discounted}, tanpa diskon {rp_full} (selisih "
            "{rp_saving}); bila diskon tidak berlaku, dana itu membiayai lebih sedikit pekerja "
            "(atur policy.discount_readings: excluded atau included)",
            "en": "this plan relies on the {discount_name} discount, not yet confirmed for the "
            "payers {payers} ({regulation}): {n_workers} workers paid by {source_names} are "
            "priced at {rp_discounted}, {rp_full} without the discount (a difference of "
            "{rp_saving}); if the discount does not hold, that money funds fewer workers (set "
            "policy.discount_readings: excluded or included)",
        },
        "msg_election_off_year": {
            "id": "{group_name}: {n_funded} petugas pemilu dibiayai pada {year}, padahal {year} "
            "bukan tahun pemilu (tahun pemilu: {years}; {regulation}); periksa kelompok ini atau "
            "tahun skenario",
            "en": "{group_name}: {n_funded} election workers funded in {year}, which is not an "
            "election year (election years: {years}; {regulation}); check this group or the "
            "scenario's year",
        },
        "msg_allocation_share_above_cap": {
            "id": "{source_name}: pagu iuran {rp_budget} melebihi {share_cap} dari alokasi "
            "{rp_allocation} ({rp_cap}); {regulation}",
            "en": "{source_name}: the premium line of {rp_budget} is above {share_cap} of the "
            "allocation of {rp_allocation} ({rp_cap}); {regulation}",
        },
        "msg_income_above_ceiling": {
            "id": "{group_name}: penghasilan yang dilaporkan {rp_income} di atas batas tabel "
            "iuran BPU {rp_ceiling}; iurannya dihitung pada batas itu (JKK paling banyak "
            "{rp_jkk} sebulan; {regulation})",
            "en": "{group_name}: the declared income of {rp_income} is above the BPU table's "
            "ceiling of {rp_ceiling}; it is priced at the ceiling (JKK at most {rp_jkk} a "
            "month; {regulation})",
        },
    }
)


def input_warnings(inputs: ModelInputs) -> list[Message]:
    """Return the warnings that follow from the scenario alone.

    A premium line above its share of the allocation; a declared income above the table.
    """
    return _allocation_caps(inputs) + _incomes(inputs)


def plan_warnings(inputs: ModelInputs, workers: dict[Cell, int]) -> list[Message]:
    """Return the warnings about what the plan funds: unconfirmed discounts, off-year elections.

    ``workers`` is the plan by the scenario's own groups (a re-plan's folded back).
    """
    return _unconfirmed_discounts(inputs, workers) + _election_groups(inputs, workers)


def _unconfirmed_discounts(inputs: ModelInputs, workers: dict[Cell, int]) -> list[Message]:
    scenario = inputs.scenario
    policy = scenario.policy
    if not policy.premium_discounts:
        return []
    chosen = policy.discount_readings.model_dump()
    out = []
    for d in rates().discounts:
        kinds = {s: inputs.source_by_id[s].kind for s in inputs.sources}
        unsure = {s for s, k in kinds.items() if d.reading(k, chosen) == "unconfirmed"}
        n = full = priced = 0
        payers: list[str] = []
        for (g, _, s), w in sorted(workers.items()):
            if s not in unsure or w <= 0:
                continue
            undiscounted = inputs.undiscounted_cost[g, s]
            if inputs.unit_cost[g, s] >= undiscounted:
                continue  # not a discounted price (another scheme, or outside the period)
            n += w
            full += w * undiscounted
            priced += w * inputs.unit_cost[g, s]
            if s not in payers:
                payers.append(s)
        if n:
            payer_kinds = sorted({kinds[s] for s in payers})
            out.append(Message("discount_unconfirmed", {
                "discount": d.id, "discount_name": d.name, "regulation": d.regulation,
                "payers": payer_kinds,
                "sources": payers,
                "source_names": [inputs.source_by_id[s].label for s in payers],
                "n_workers": n, "rp_discounted": priced, "rp_full": full,
                "rp_saving": full - priced}))
    return out


def _election_groups(inputs: ModelInputs, workers: dict[Cell, int]) -> list[Message]:
    data = elections()
    year = inputs.scenario.year
    if year in data.years:
        return []
    funded: dict[str, int] = {}
    for (g, _, _), w in workers.items():
        funded[g] = funded.get(g, 0) + w
    return [
        Message("election_off_year", {"group": g.id, "group_name": g.label,
                                      "n_funded": funded[g.id], "year": year,
                                      "years": list(data.years), "regulation": data.regulation})
        for g in inputs.scenario.groups
        if data.tag in g.tags and funded.get(g.id, 0) > 0
    ]


def _allocation_caps(inputs: ModelInputs) -> list[Message]:
    out = []
    for s in inputs.scenario.sources:
        rule = funding_rules().get(s.kind)
        if s.allocation is None or rule is None or rule.max_share is None:
            continue
        cap = rule.max_share * s.allocation
        if s.budget > cap:
            out.append(Message("allocation_share_above_cap", {
                "source": s.id, "source_name": s.label, "rp_budget": s.budget,
                "rp_allocation": s.allocation, "rp_cap": int(cap),
                "share_cap": float(rule.max_share), "regulation": rule.regulation}))
    return out


def _incomes(inputs: ModelInputs) -> list[Message]:
    r = rates()
    out = []
    for g in inputs.scenario.groups:
        rule = g.premium
        if rule is None or rule.scheme != "bpu" or (rule.declared_income or 0) <= r.bpu_max_income:
            continue
        jkk = int(Fraction(r.bpu_max_income) * Fraction(str(r.bpu_jkk_rate)))
        out.append(Message("income_above_ceiling", {
            "group": g.id, "group_name": g.label, "rp_income": rule.declared_income,
            "rp_ceiling": r.bpu_max_income, "rp_jkk": jkk, "regulation": r.regulations["bpu"]}))
    return out
