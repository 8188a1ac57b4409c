"""One small record per scenario and variant, and the table the records make.

A record is a dict of plain numbers and words, made on the worker from the pipeline's result,
so that what travels back over the cluster is a few hundred bytes, not a plan. Its figures are
those of ``planner solve --json`` on the same scenario (field names too): ``status``,
``covered_workers``, ``bound_covered``, ``total_cost``, the sum of the sources' ``unspent``,
each source's ``spare``; and the coverage share (covered / eligible, summed over groups).
``nearest_funded`` and ``nearest_covered`` are the plan's own figures, or for an infeasible
scenario those of its nearest plan (mandates met as far as the money allows), which the
summaries count: a region whose mandate fails still pays for workers.
"""

from __future__ import annotations

from typing import Any, Final

import pandas as pd

from planner.batch.texts import COLUMNS
from planner.engine.results import Result

__all__ = ["STATUSES", "UNITS", "failure", "record", "sort_key", "to_frame"]

STATUSES: Final = ("optimal", "infeasible", "invalid", "error")
UNITS: Final = {"global_cut": "share", "covered_workers": "workers", "bound_covered": "workers",
                "total_cost": "Rp", "available": "Rp", "unspent": "Rp", "eligible": "workers",
                "covered": "workers", "coverage_share": "share", "nearest_funded": "workers",
                "nearest_covered": "workers", "need_target": "workers",
                "need_extra": "Rp", "seconds": "s"}


def record(result: Result, base: dict[str, Any], lang: str) -> dict[str, Any]:
    """Return the record of a solved scenario: ``base`` (where it came from) and its figures."""
    ok = result.ok
    groups, sources = result.by_group, result.by_source
    eligible = int(groups["eligible"].sum())
    covered = int(groups["covered"].sum()) if ok else 0
    message = ""
    if not ok and result.diagnosis:
        message = result.diagnosis[-1].text(lang)
    nearest = result if ok else result.relaxed  # the plan that meets mandates as far as it can
    return {
        **base,
        "status": str(result.status),
        "covered_workers": result.covered_workers if ok else 0,
        "bound_covered": result.bound_covered if ok else 0,
        "total_cost": result.total_cost if ok else 0,
        "available": int(sources["available"].sum()),
        "unspent": int(sources["unspent"].sum()) if ok else 0,
        "spare": ({str(s): int(v) for s, v in zip(sources["source"], sources["spare"],
                                                   strict=True)}
                  if ok and "spare" in sources else {}),
        "eligible": eligible,
        "covered": covered,
        "coverage_share": covered / eligible if ok and eligible else None,
        "nearest_funded": nearest.covered_workers if nearest is not None else 0,
        "nearest_covered": int(nearest.by_group["covered"].sum()) if nearest is not None else 0,
        "message": message,
        "solver": result.solution.solver,
    }


def failure(base: dict[str, Any], status: str, message: str) -> dict[str, Any]:
    """Return the record of a scenario that did not validate (``invalid``) or solve (``error``)."""
    return {**base, "status": status, "covered_workers": 0, "bound_covered": 0, "total_cost": 0,
            "available": 0, "unspent": 0, "spare": {}, "eligible": 0, "covered": 0,
            "coverage_share": None, "nearest_funded": 0, "nearest_covered": 0,
            "message": message, "solver": ""}


def sort_key(rec: dict[str, Any]) -> tuple[int, int]:
    """Order records by their scenarios, then by their variants."""
    return int(rec["item"]), int(rec["variant_index"])


def to_frame(records: list[dict[str, Any]]) -> pd.DataFrame:
    """Return the records as one table, one row per scenario and variant.

    Each source's spare money becomes a column ``spare_<source>`` and each source cut of a
    variant ``cut_<source>`` (empty where a scenario has no such source). Units are kept in
    ``attrs["unit"]``.
    """
    rows = []
    spare_ids: dict[str, None] = {}
    cut_ids: dict[str, None] = {}
    for rec in sorted(records, key=sort_key):
        row = {c: rec.get(c) for c in COLUMNS}
        for key, value in (rec.get("cuts") or {}).items():
            cut_ids[key] = None
            row[f"cut_{key}"] = value
        for key, value in (rec.get("spare") or {}).items():
            spare_ids[key] = None
            row[f"spare_{key}"] = value
        for key in ("need_target", "need_extra", "need_source"):
            if key in rec:
                row[key] = rec[key]
        rows.append(row)
    extra = [f"cut_{k}" for k in cut_ids] + [f"spare_{k}" for k in spare_ids]
    needs = [k for k in ("need_target", "need_extra", "need_source")
             if any(k in r for r in rows)]
    df = pd.DataFrame(rows, columns=[*COLUMNS, *needs, *extra])
    for column in ("covered_workers", "bound_covered", "total_cost", "available", "unspent",
                   "eligible", "covered", "nearest_funded", "nearest_covered"):
        df[column] = df[column].astype("int64")
    for column in ("global_cut", "coverage_share", "seconds",
                   *(c for c in extra if c.startswith("cut_"))):
        df[column] = df[column].astype("float64")
    for column in (c for c in [*extra, *needs] if c.startswith(("spare_", "need_"))):
        if column != "need_source":
            df[column] = df[column].astype("Int64")  # whole rupiah, empty where there is none
    df.attrs["unit"] = {**UNITS, **{c: "Rp" for c in extra if c.startswith("spare_")},
                        **{c: "share" for c in extra if c.startswith("cut_")}}
    return df
