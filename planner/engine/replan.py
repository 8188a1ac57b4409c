"""A mid-year re-plan (APBD-Perubahan): workers already enrolled are kept first.

Premiums are paid month by month; a cut adopted in September can only touch October to December.
:func:`~planner.engine.inputs.derive` prices each worker for its months from ``policy.from_month``
on and gives each source the money left after the cut and after what it has paid. Here the model
is split so that the solve keeps enrolled workers before it adds new ones (MODEL.md, "Mid-year
re-plan"):

- each group with enrolled workers gets a second group in the model, its *kept* workers: as many
  per region as were enrolled (at most the group's head-count limit), at the same premiums, with
  the part of the group's mandate they can meet; the group itself keeps the rest (new workers);
- every kept group shares one rank, before every group of new workers (the new ones follow in
  the scenario's own priority order), so the policy's priority stages keep the most enrolled
  workers first whatever their group's priority (mandates first, as always; MODEL.md: "keep the
  most enrolled workers, then the policy for new workers"), then follow the policy for new
  workers, then spend least.

Workers of one group, region and payer cost the same whether kept or new, so a plan that added a
new worker while dropping an enrolled one of the same group and region could keep the enrolled
one instead at no cost; the kept-first stage rules that out. :func:`fold` turns the plan back
into the scenario's own groups, and :func:`kept` says how many enrolled workers each keeps.
"""

from __future__ import annotations

from dataclasses import replace

from planner.engine.inputs import Cell, GroupRegion, ModelInputs
from planner.engine.schema import is_valid_id

__all__ = ["fold", "kept", "split_enrolled"]

KEPT_SUFFIX = "__kept"


def _kept_id(group: str, taken: set[str]) -> str:
    base = f"{group}{KEPT_SUFFIX}"[:64]
    out, n = base, 1
    while out in taken or not is_valid_id(out):
        n += 1
        out = f"{base[:60]}_{n}"
    return out


def split_enrolled(inputs: ModelInputs) -> ModelInputs:
    """Return the model with a group of kept workers beside each group with enrolled workers.

    Inputs without enrolled workers are returned as they are (the plan is today's plan).
    """
    if not inputs.enrolled:
        return inputs
    taken = set(inputs.groups)
    groups: list[str] = []
    group_by_id = dict(inputs.group_by_id)
    eligible, elsewhere = dict(inputs.eligible), dict(inputs.covered_elsewhere)
    eligible_given = dict(inputs.eligible_given)
    cap, mandate = dict(inputs.cap), dict(inputs.mandate)
    unit_cost, weight = dict(inputs.unit_cost), dict(inputs.objective_weight)
    kept_of: dict[str, str] = {}
    part_of = dict(inputs.part_of)
    with_enrolled = {g for g, _ in inputs.enrolled}
    for g in inputs.groups:
        group = inputs.group_by_id[g]
        if g not in with_enrolled:
            groups.append(g)
            group_by_id[g] = group.model_copy(update={"priority": group.priority + 1})
            continue
        k = _kept_id(g, taken)
        taken.add(k)
        kept_of[k] = g
        if g in inputs.part_of or g in inputs.part_of.values():  # the family's cap holds both
            part_of[k] = inputs.part_of.get(g, g)
        groups += [k, g]
        group_by_id[k] = group.model_copy(update={"id": k, "priority": 1})  # all kept: rank 1
        group_by_id[g] = group.model_copy(update={"priority": group.priority + 1})
        weight[k] = weight[g]
        for s in inputs.sources:
            unit_cost[k, s] = unit_cost[g, s]
        for r in inputs.regions:
            n_kept = min(inputs.enrolled.get((g, r), 0), cap[g, r])
            m_kept = min(mandate[g, r], n_kept)
            eligible[k, r] = eligible_given[k, r] = inputs.enrolled.get((g, r), 0)
            elsewhere[k, r] = 0
            cap[k, r], mandate[k, r] = n_kept, m_kept
            cap[g, r] -= n_kept
            mandate[g, r] -= m_kept
            # a new worker's share counts the enrolled ones kept beside it
            elsewhere[g, r] = min(eligible[g, r], elsewhere[g, r] + n_kept)
    cells: list[Cell] = []
    for g, r, s in inputs.cells:
        for part in (g, *[k for k, o in kept_of.items() if o == g]):
            if cap[part, r] > 0:
                cells.append((part, r, s))
    return replace(
        inputs, groups=tuple(groups), eligible=eligible, eligible_given=eligible_given,
        covered_elsewhere=elsewhere, cap=cap, mandate=mandate, unit_cost=unit_cost,
        objective_weight=weight, cells=tuple(sorted(cells)), group_by_id=group_by_id,
        kept_of=kept_of, part_of=part_of,
    )


def fold(inputs: ModelInputs, workers: dict[Cell, int]) -> dict[Cell, int]:
    """Return a split model's plan as the scenario's own groups (kept and new added up)."""
    out: dict[Cell, int] = {}
    for (g, r, s), w in workers.items():
        key = (inputs.kept_of.get(g, g), r, s)
        out[key] = out.get(key, 0) + w
    return out


def kept(inputs: ModelInputs, workers: dict[Cell, int]) -> dict[GroupRegion, int]:
    """Count the enrolled workers the split model's plan keeps, per group and region."""
    out: dict[GroupRegion, int] = {}
    for (g, r, _), w in workers.items():
        if g in inputs.kept_of:
            key = (inputs.kept_of[g], r)
            out[key] = out.get(key, 0) + w
    return out
