"""What a batch adds up to: totals at each cut level, coverage by province, and the UCJ target.

Each summary is a table built from the result table (:func:`planner.batch.records.to_frame`),
with units in ``attrs["unit"]``. Scenarios are counted by the plan they have: their own, or for
an infeasible one its nearest plan (``nearest_funded``, ``nearest_covered``); failed ones by
nothing. For the national example the workers funded are set against Universal Coverage
Jamsostek: 35.68% in April 2025 at no cut, the RPJMN target of 43.92% by 2029
(:mod:`planner.batch.national`).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from planner.batch.national import EMPLOYED, UCJ_2025, UCJ_2029

__all__ = ["by_cut", "by_province"]

_FAILED = ("invalid", "error")


def _totals(rows: pd.DataFrame) -> dict[str, Any]:
    status = rows["status"]
    eligible = int(rows.loc[~status.isin(_FAILED), "eligible"].sum())
    covered = int(rows["nearest_covered"].sum())
    return {
        "scenarios": len(rows),
        "optimal": int((status == "optimal").sum()),
        "infeasible": int((status == "infeasible").sum()),
        "failed": int(status.isin(_FAILED).sum()),
        "eligible": eligible,
        "funded": int(rows["nearest_funded"].sum()),
        "covered": covered,
        "coverage_share": covered / eligible if eligible else float("nan"),
        "total_cost": int(rows["total_cost"].sum()),
        "unspent": int(rows["unspent"].sum()),
    }


def by_cut(results: pd.DataFrame, national: bool = False) -> pd.DataFrame:
    """Totals at each variant (cut level), in the order of the variants.

    ``change`` is the workers funded against the first variant (the smallest cut). With
    ``national``, ``ucj`` estimates Universal Coverage Jamsostek at that cut (35.68% plus the
    change in workers funded against no cut, over the 145.77 million employed; empty without a
    variant at no cut) and ``ucj_gap`` the workers still short of the 2029 target.
    """
    rows = []
    for (variant, cut), part in results.groupby(["variant", "global_cut"], sort=False,
                                                dropna=False):
        rows.append({"variant": variant, "global_cut": cut, **_totals(part)})
    df = pd.DataFrame(rows)
    if df.empty:
        df.attrs["unit"] = {}
        return df
    df["change"] = df["funded"] - df["funded"].iloc[0]
    units = {"global_cut": "share", "scenarios": "", "optimal": "", "infeasible": "",
             "failed": "", "eligible": "workers", "funded": "workers", "covered": "workers",
             "coverage_share": "share", "total_cost": "Rp", "unspent": "Rp", "change": "workers"}
    if national:
        uncut = df.loc[df["global_cut"] == 0, "funded"]
        if len(uncut):
            df["ucj"] = UCJ_2025 + (df["funded"] - int(uncut.iloc[0])) / EMPLOYED
            df["ucj_gap"] = ((UCJ_2029 - df["ucj"]).clip(lower=0) * EMPLOYED).round().astype(
                "int64")
            units |= {"ucj": "share", "ucj_gap": "workers"}
    df.attrs["unit"] = units
    return df


def by_province(results: pd.DataFrame) -> pd.DataFrame:
    """Coverage by province at each variant: regions, eligible, funded, covered, share.

    Empty when the scenarios carry no province (files and library versions).
    """
    rows = []
    with_province = results[results["province"].fillna("") != ""]
    for (province, variant, cut), part in with_province.groupby(
            ["province", "variant", "global_cut"], sort=False, dropna=False):
        totals = _totals(part)
        rows.append({"province": province, "variant": variant, "global_cut": cut,
                     "regions": totals["scenarios"], "eligible": totals["eligible"],
                     "funded": totals["funded"], "covered": totals["covered"],
                     "coverage_share": totals["coverage_share"],
                     "infeasible": totals["infeasible"], "failed": totals["failed"]})
    df = pd.DataFrame(rows, columns=["province", "variant", "global_cut", "regions", "eligible",
                                     "funded", "covered", "coverage_share", "infeasible",
                                     "failed"])
    df.attrs["unit"] = {"global_cut": "share", "eligible": "workers", "funded": "workers",
                        "covered": "workers", "coverage_share": "share"}
    return df
