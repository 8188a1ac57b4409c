"""Compare scenarios: the inputs that differ and the plans side by side, with differences.

:func:`compare` takes 2 to 10 solved :class:`~planner.engine.results.Result` objects and builds a
:class:`Comparison` once; the CLI, the app and the Excel export all read its tables.

Table shapes (pandas, built here and nowhere else):

``inputs``
    One row per input item whose value is not the same in every scenario. Identifying columns
    ``item`` (``"scenario"``, ``"policy"``, ``"source:<id>"``, ``"group:<id>"``,
    ``"region:<id>"``), ``name`` (the group's, source's or region's name), ``field`` (the scenario
    file's field name; ``eligible[<region>]`` and ``covered_elsewhere[<region>]`` per region,
    ``unit_cost[<source>]`` for the yearly cost of one worker of the group when that source pays)
    and ``unit``; then one column per scenario holding the value as the file gives it (object
    dtype). ``None`` means the item is missing from that scenario (a group, source or region it
    does not have, or a per-region figure of a scenario without regions).
``outputs.by_group``, ``outputs.by_source``, ``outputs.totals``
    One row per (item, measure): identifying columns ``item`` (group id, source id, or
    ``"total"``), ``name``, ``measure`` and ``unit``; then, scenario by scenario, a column named
    after the scenario with its value and, for every scenario but the baseline, a column
    ``"<name> Δ"`` with the value minus the baseline's. Values are floats (whole rupiah stay exact
    below 2**53, about Rp9,000 trillion); NaN is missing (a group or source the scenario does not
    have, or a scenario without a plan); a share's difference is in share points (-0.2 is -20 pp).
    ``totals`` also holds the ``status`` row (text; its difference is NaN), so its value columns
    have object dtype.

Every table keeps ``attrs["unit"]`` (measure or field -> unit) and ``attrs["baseline"]``. Money
available after cuts (``available``) is shown even for a scenario without a plan: it follows from
the inputs alone.

Here the computing and the types. The words are in :mod:`planner.compare.texts` (imported here for
``t()``); writing a Comparison out (text, words, JSON, CSV) is :mod:`planner.compare.render`, which
imports this module and is never imported by it.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final

import pandas as pd

import planner.compare.texts  # noqa: F401 - registers the words callers look up (cmp_*)
from planner.engine.provenance import readings_in_force
from planner.engine.results import Message, Result
from planner.engine.schema import ALL, Group, Policy, PremiumRule, Scenario, Source

__all__ = [
    "DELTA",
    "MAX_SCENARIOS",
    "MIN_SCENARIOS",
    "Comparison",
    "OutputTables",
    "compare",
    "differing_inputs",
    "unique_names",
]

MIN_SCENARIOS: Final = 2
MAX_SCENARIOS: Final = 10
DELTA: Final = " Δ"  # suffix of a difference column: "<name> Δ"

INPUT_KEYS: Final = ("item", "name", "field", "unit")
OUTPUT_KEYS: Final = ("item", "name", "measure", "unit")
CSV_COLUMNS: Final = ("section", "item", "name", "field", "unit", "scenario", "value", "difference")
_RESERVED: Final = frozenset(INPUT_KEYS + OUTPUT_KEYS)

GROUP_MEASURES: Final = {"funded": "workers", "covered": "workers", "share": "share", "cost": "Rp"}
SOURCE_MEASURES: Final = {"available": "Rp", "spent": "Rp", "unspent": "Rp", "workers": "workers"}
TOTAL_MEASURES: Final = {"status": "", "covered_workers": "workers", "bound_covered": "workers",
                         "total_cost": "Rp", "available": "Rp", "unspent": "Rp"}
_WITHOUT_PLAN: Final = frozenset({"available", "status"})  # known when there is no plan

FIELD_UNITS: Final = {
    "year": "", "objective": "", "global_cut": "share", "target_covered": "workers",
    "min_region_share": "share", "funding_rules": "", "premium_discounts": "", "name": "",
    "kind": "", "budget": "Rp", "cut": "share", "protected": "", "groups": "", "regions": "",
    "eligible": "workers", "covered_elsewhere": "workers", "premium": "",
    "unit_cost": "Rp/worker", "months": "months", "start_month": "", "sector": "", "tags": "",
    "weight": "", "min_share": "share", "max_share": "share", "priority": "",
    "sharing": "", "spend_order": "", "discount_readings": "",
}


class _Missing:
    """Marks an item a scenario does not have (distinct from a field set to ``None``)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Final = _Missing()


@dataclass(frozen=True, eq=False)
class OutputTables:
    """The plans side by side: per group, per source and in total (shapes in the module doc)."""

    by_group: pd.DataFrame
    by_source: pd.DataFrame
    totals: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        """Return the three tables by their stable names, in reading order (totals first)."""
        return {"totals": self.totals, "by_group": self.by_group, "by_source": self.by_source}


@dataclass(frozen=True, eq=False)
class Comparison:
    """Scenarios compared: the inputs that differ and the outputs beside the baseline's.

    Attributes
    ----------
    names
        The scenarios' names as columns, unique, in the order given.
    baseline
        The name of the scenario the differences are taken against.
    statuses
        ``{name: "optimal" | "infeasible" | "error"}``.
    scenario_names
        ``{name: the scenario's own name}``, for when ``names`` were given.
    inputs
        The inputs that differ (see the module doc for its shape).
    outputs
        ``by_group``, ``by_source`` and ``totals`` side by side with differences.
    diagnosis
        ``{name: messages}`` explaining each scenario without a plan.
    item_names
        ``{"group:<id>" | "source:<id>" | "region:<id>": name}`` over every scenario, so the
        words name groups, sources and regions rather than their ids.

    """

    names: tuple[str, ...]
    baseline: str
    statuses: dict[str, str]
    scenario_names: dict[str, str]
    inputs: pd.DataFrame
    outputs: OutputTables
    diagnosis: dict[str, tuple[Message, ...]]
    item_names: dict[str, str] = dataclasses.field(default_factory=dict)


def compare(
    results: Sequence[Result], names: Sequence[str] | None = None, baseline: int = 0
) -> Comparison:
    """Compare 2 to 10 solved scenarios against one of them.

    Parameters
    ----------
    results
        The results to compare, in the order their columns should appear. A scenario without a
        plan (status ``infeasible``) is compared too: its outputs are missing, its status shown.
    names
        Column names, one per result; by default each scenario's ``name``. Equal names are made
        unique by appending `` (2)``, `` (3)``, ...; so are names that would clash with an
        identifying column (``item``, ``name``, ``field``, ``measure``, ``unit``).
    baseline
        Index into ``results`` of the scenario the differences are taken against.

    Returns
    -------
    Comparison
        The inputs that differ and the outputs side by side (see the module doc).

    Raises
    ------
    ValueError
        For fewer than 2 or more than 10 results, a baseline index out of range, or ``names``
        of the wrong length or blank.
    TypeError
        When an item of ``results`` is not a Result or a name is not text.

    """
    results = tuple(results)
    if not MIN_SCENARIOS <= len(results) <= MAX_SCENARIOS:
        raise ValueError(
            f"compare needs {MIN_SCENARIOS} to {MAX_SCENARIOS} results, got {len(results)}"
        )
    for i, r in enumerate(results):
        if not isinstance(r, Result):
            raise TypeError(f"results[{i}] is a {type(r).__name__}, not a planner Result")
    if isinstance(baseline, bool) or not 0 <= baseline < len(results):
        raise ValueError(
            f"baseline must be an index from 0 to {len(results) - 1}, got {baseline!r}"
        )
    labels = unique_names(_given_names(results, names))
    figures = [_plan_figures(r) for r in results]
    return Comparison(
        names=labels,
        baseline=labels[baseline],
        statuses={n: str(r.status) for n, r in zip(labels, results, strict=True)},
        scenario_names={n: r.scenario.name for n, r in zip(labels, results, strict=True)},
        inputs=differing_inputs(results, labels),
        outputs=OutputTables(
            by_group=_side_by_side([f[0] for f in figures], GROUP_MEASURES, labels, baseline),
            by_source=_side_by_side([f[1] for f in figures], SOURCE_MEASURES, labels, baseline),
            totals=_side_by_side([f[2] for f in figures], TOTAL_MEASURES, labels, baseline),
        ),
        diagnosis={n: tuple(r.diagnosis) for n, r in zip(labels, results, strict=True)
                   if not r.ok},
        item_names=_item_names(results),
    )


def _item_names(results: Sequence[Result]) -> dict[str, str]:
    """``{"group:<id>": name, ...}``: the first scenario that has an item names it."""
    names: dict[str, str] = {}
    for r in reversed(results):
        s = r.scenario
        names |= {f"group:{g.id}": g.label for g in s.groups}
        names |= {f"source:{x.id}": x.label for x in s.sources}
        names |= {f"region:{x.id}": x.name or x.id for x in s.regions}
    return names


def _given_names(results: Sequence[Result], names: Sequence[str] | None) -> list[str]:
    if names is None:
        return [r.scenario.name for r in results]
    if isinstance(names, str):
        raise TypeError("names is one name per result, not a single string")
    given = list(names)
    if len(given) != len(results):
        raise ValueError(f"names has {len(given)} entries for {len(results)} results")
    for i, n in enumerate(given):
        if not isinstance(n, str):
            raise TypeError(f"names[{i}] is a {type(n).__name__}, not text")
        if not n.strip():
            raise ValueError(f"names[{i}] is blank")
    return given


def unique_names(names: Iterable[str]) -> tuple[str, ...]:
    """``names`` made unique as table columns: the second ``"A"`` becomes ``"A (2)"``.

    A name also may not equal another's difference column (``"A Δ"``) nor an identifying column.
    """
    taken: set[str] = set(_RESERVED)
    out = []
    for name in names:
        base = name.strip()
        candidate, k = base, 2
        while candidate in taken or candidate + DELTA in taken:
            candidate, k = f"{base} ({k})", k + 1
        taken |= {candidate, candidate + DELTA}
        out.append(candidate)
    return tuple(out)


def records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """Return the rows of a table as dicts keyed by column name (text)."""
    return [{str(k): v for k, v in row.items()} for row in df.to_dict("records")]


def _union(lists: Iterable[Iterable[str]]) -> list[str]:
    """Every id in the order it first appears."""
    return list(dict.fromkeys(x for items in lists for x in items))


# --- inputs -------------------------------------------------------------------------------------


def _id_list(value: str | tuple[str, ...]) -> str:
    """Write a source's ``groups``/``regions`` as text that ignores their order."""
    return value if value == ALL else ", ".join(sorted(value))


def _premium_text(group: Group) -> str:
    """Write the premium as the file gives it, e.g. ``bpu, declared_income: 1000000, ...``."""
    if group.premium is None:
        return f"premium_monthly: {group.premium_monthly}"
    rule: PremiumRule = group.premium
    parts: list[str] = [rule.scheme]
    if rule.scheme == "bpu":
        parts.append(f"declared_income: {rule.declared_income}")
    else:
        parts += [f"wage: {rule.wage}", f"jkk_class: {rule.jkk_class}"]
    programmes = [p for p in ("jkk", "jkm", "jht") if p in rule.programmes]
    parts.append("programmes: " + "+".join(programmes))
    return ", ".join(parts)


def _policy_fields(policy: Policy) -> dict[str, Any]:
    return {
        "objective": policy.objective,
        "global_cut": policy.global_cut,
        "target_covered": policy.target_covered,
        "min_region_share": policy.min_region_share,
        "funding_rules": policy.funding_rules,
        "premium_discounts": policy.premium_discounts,
        "sharing": policy.sharing,
        "spend_order": ", ".join(policy.spend_order),
        # the readings a scenario may choose, as they hold (the data's default when unset)
        "discount_readings": "; ".join(
            f"{kind}: {v['reading']}" for payers in readings_in_force(policy).values()
            for kind, v in payers.items() if not v["fixed"]),
    }


def _source_fields(source: Source) -> dict[str, Any]:
    return {
        "name": source.name,
        "kind": source.kind,
        "budget": source.budget,
        "cut": source.cut,
        "protected": source.protected,
        "groups": _id_list(source.groups),
        "regions": _id_list(source.regions),
    }


def _group_fields(
    result: Result, group: Group, regions: list[str], payers: list[str]
) -> dict[str, Any]:
    scenario = result.scenario
    out: dict[str, Any] = {"name": group.name}
    for field, per_region in (("eligible", scenario.eligible(group)),
                              ("covered_elsewhere", scenario.covered_elsewhere(group))):
        out[field] = sum(per_region.values())
        for r in regions:
            out[f"{field}[{r}]"] = per_region.get(r, MISSING)
    out["premium"] = _premium_text(group)
    for s in payers:
        out[f"unit_cost[{s}]"] = result.inputs.unit_cost.get((group.id, s), MISSING)
    out |= {
        "months": group.months,
        "start_month": group.start_month,
        "sector": group.sector,
        "tags": ", ".join(sorted(group.tags)),
        "weight": group.weight,
        "min_share": group.min_share,
        "max_share": group.max_share,
        "priority": group.priority,
    }
    return out


def _find(items: Iterable[Any], item_id: str) -> Any:
    return next((x for x in items if x.id == item_id), None)


def _input_items(
    results: Sequence[Result],
) -> list[tuple[str, str, list[dict[str, Any] | None]]]:
    """Per input item: its key, its name, and its fields in each scenario (None: absent)."""
    scenarios: list[Scenario] = [r.scenario for r in results]
    regions = _union([x.id for x in s.regions] for s in scenarios)
    sources = _union([x.id for x in s.sources] for s in scenarios)
    groups = _union([x.id for x in s.groups] for s in scenarios)
    paid = {(g, s) for r in results for (g, _, s) in r.inputs.cells}
    items: list[tuple[str, str, list[dict[str, Any] | None]]] = [
        ("scenario", "", [{"year": s.year} for s in scenarios]),
        ("policy", "", [_policy_fields(s.policy) for s in scenarios]),
    ]
    for sid in sources:
        found = [_find(s.sources, sid) for s in scenarios]
        label = next(x.label for x in found if x is not None)
        items.append((f"source:{sid}", label,
                      [None if x is None else _source_fields(x) for x in found]))
    for gid in groups:
        found = [_find(s.groups, gid) for s in scenarios]
        label = next(x.label for x in found if x is not None)
        payers = [s for s in sources if (gid, s) in paid]
        items.append((f"group:{gid}", label, [
            None if x is None else _group_fields(r, x, regions, payers)
            for r, x in zip(results, found, strict=True)
        ]))
    for rid in regions:
        found = [_find(s.regions, rid) for s in scenarios]
        label = next(x.name or x.id for x in found if x is not None)
        items.append((f"region:{rid}", label,
                      [None if x is None else {"name": x.name} for x in found]))
    return items


def _same(values: list[Any]) -> bool:
    first = values[0]
    return all(v is first or (type(v) is type(first) and v == first) for v in values[1:])


def differing_inputs(results: Sequence[Result], names: Sequence[str]) -> pd.DataFrame:
    """Tabulate the inputs whose value is not the same in every scenario (see the module doc).

    Parameters
    ----------
    results
        The solved scenarios; their ``scenario`` and ``inputs`` are read, not the plan.
    names
        One unique column name per result.

    """
    rows = []
    for item, label, per_scenario in _input_items(results):
        fields = _union(fields for fields in per_scenario if fields is not None)
        for field in fields:
            values = [MISSING if f is None else f.get(field, MISSING) for f in per_scenario]
            if _same(values):
                continue
            row: dict[str, Any] = {"item": item, "name": label, "field": field,
                                   "unit": _field_unit(field)}
            row |= {n: None if v is MISSING else v for n, v in zip(names, values, strict=True)}
            rows.append(row)
    df = pd.DataFrame(rows, columns=[*INPUT_KEYS, *names], dtype=object)
    df.attrs["unit"] = {row["field"]: row["unit"] for row in rows}
    return df


def _field_unit(field: str) -> str:
    return FIELD_UNITS[field.partition("[")[0]]


# --- outputs ------------------------------------------------------------------------------------

Figures = dict[tuple[str, str], Any]  # (item, measure) -> value
Named = tuple[Figures, dict[str, str]]  # figures and item -> name


def _plan_figures(result: Result) -> tuple[Named, Named, Named]:
    """By group, by source and total figures of one result; NaN where there is no plan."""
    ok = result.ok

    def value(measure: str, v: Any) -> Any:
        return float(v) if ok or measure in _WITHOUT_PLAN else math.nan

    groups: Figures = {}
    for row in records(result.by_group):
        groups |= {(row["group"], m): value(m, row[m]) for m in GROUP_MEASURES}
    sources: Figures = {}
    for row in records(result.by_source):
        sources |= {(row["source"], m): value(m, row[m]) for m in SOURCE_MEASURES}
    totals: Figures = {
        ("total", "status"): str(result.status),
        ("total", "covered_workers"): value("covered_workers", result.covered_workers),
        ("total", "bound_covered"): value("bound_covered", result.bound_covered),
        ("total", "total_cost"): value("total_cost", result.total_cost),
        ("total", "available"): value("available", sum(result.inputs.available.values())),
        ("total", "unspent"): value("unspent", result.by_source["unspent"].sum()),
    }
    return (
        (groups, dict(zip(result.by_group["group"], result.by_group["name"], strict=True))),
        (sources, dict(zip(result.by_source["source"], result.by_source["name"], strict=True))),
        (totals, {"total": ""}),
    )


def _delta(value: Any, base: Any) -> float:
    if isinstance(value, str) or isinstance(base, str):
        return math.nan  # a status has no difference
    return float(value - base)  # NaN when either is missing


def _side_by_side(
    per_scenario: list[Named], measures: dict[str, str], names: Sequence[str], baseline: int
) -> pd.DataFrame:
    """Values of each scenario and their differences to the baseline, one row per measure."""
    labels: dict[str, str] = {}
    for _, named in per_scenario:
        labels = named | labels  # the first scenario that has an item names it
    items = _union([item for item, _ in figures] for figures, _ in per_scenario)
    base = per_scenario[baseline][0]
    columns: list[str] = []
    for i, n in enumerate(names):
        columns += [n] if i == baseline else [n, n + DELTA]
    rows = []
    for item in items:
        for measure, unit in measures.items():
            row: dict[str, Any] = {"item": item, "name": labels[item], "measure": measure,
                                   "unit": unit}
            base_value = base.get((item, measure), math.nan)
            for i, (n, (figures, _)) in enumerate(zip(names, per_scenario, strict=True)):
                row[n] = figures.get((item, measure), math.nan)
                if i != baseline:
                    row[n + DELTA] = _delta(row[n], base_value)
            rows.append(row)
    df = pd.DataFrame(rows, columns=[*OUTPUT_KEYS, *columns])
    if "status" not in measures:
        df[columns] = df[columns].astype(float)
    df.attrs["unit"] = dict(measures)
    df.attrs["baseline"] = names[baseline]
    return df

