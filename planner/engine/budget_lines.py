"""A plan's budget lines as a regional budget (RKA/DPA in SIPD) writes them.

One line per source, programme (JKK, JKM and JHT apart), worker group and run of months at one
price: the account code, the volume as "orang x bulan" and the unit price per worker-month. The
lines add up to the plan's spend to the rupiah: each month's premium is split by programme in
whole rupiah that add up to that month's premium (:func:`planner.engine.premiums.monthly_prices`),
and a line's total is workers x months x that price.

Account codes come from ``data/account_codes.yaml`` (Permendagri 90/2019 as updated), unless the
scenario sets its own (``policy.account_codes``). Only APBD money (the APBD, the province, DBH
sawit) has SIPD lines; village budgets and the payers outside the APBD are listed without a code.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from planner.engine.inputs import from_month
from planner.engine.premiums import MonthPrice, monthly_prices
from planner.engine.yamlio import read_yaml

if TYPE_CHECKING:
    from planner.engine.results import Result
    from planner.engine.schema import Group, Scenario, Source

__all__ = ["AccountBook", "BudgetLine", "account_book", "budget_lines", "lines_frame"]

DATA_FILE = Path(__file__).resolve().parent / "data" / "account_codes.yaml"
PROGRAMMES = ("jkk", "jkm", "jht", "premium")


@dataclass(frozen=True)
class AccountBook:
    """The account codes by programme, their names, and the kinds of source they apply to."""

    codes: dict[str, str]
    names: dict[str, dict[str, str]]  # programme -> lang -> name
    apbd_kinds: frozenset[str]
    regulation: str


@cache
def account_book(path: Path = DATA_FILE) -> AccountBook:
    """Read the default account codes once."""
    data = read_yaml(path, yes_no=None)
    codes = data["codes"]
    return AccountBook(
        codes={p: str(c["code"]) for p, c in codes.items()},
        names={p: {"id": str(c["name"]), "en": str(c["name_en"])} for p, c in codes.items()},
        apbd_kinds=frozenset(data["apbd_kinds"]),
        regulation=str(data["regulation"]),
    )


@dataclass(frozen=True)
class BudgetLine:
    """One budget line: who pays, for what, how many worker-months at what price."""

    source: str
    source_name: str
    kind: str
    programme: str  # jkk, jkm, jht, or premium for a fixed premium_monthly
    account_code: str  # "" outside the APBD
    group: str
    group_name: str
    first_month: int
    last_month: int
    workers: int
    months: int
    unit_price: int  # rupiah per worker per month

    @property
    def total(self) -> int:
        """Return the line's rupiah: workers x months x unit price."""
        return self.workers * self.months * self.unit_price


def _codes(scenario: Scenario) -> dict[str, str]:
    book = account_book()
    chosen = scenario.policy.account_codes.model_dump()
    return {p: chosen.get(p) or book.codes.get(p, "") for p in PROGRAMMES}


def _runs(prices: list[MonthPrice], programme: str) -> list[tuple[int, int, int]]:
    """Return ``(first month, last month, price)`` for each run of months at one price."""
    runs: list[tuple[int, int, int]] = []
    for p in prices:
        price = dict(p.parts).get(programme)
        if price is None:
            continue
        if runs and runs[-1][2] == price and runs[-1][1] == p.month - 1:
            runs[-1] = (runs[-1][0], p.month, price)
        else:
            runs.append((p.month, p.month, price))
    return runs


def _prices(scenario: Scenario, group: Group, source: Source) -> list[MonthPrice]:
    policy = scenario.policy
    planned = from_month(group, policy.from_month) or group
    return monthly_prices(planned, source.kind, scenario.year,
                          discounts=policy.premium_discounts,
                          readings=policy.discount_readings.model_dump())


def budget_lines(result: Result) -> list[BudgetLine]:
    """Return the budget lines of a plan, in the order of its sources, programmes and groups.

    Raises
    ------
    ValueError
        When a group and source's lines do not add up to what the plan spends on them (a
        pricing the lines cannot follow); never expected, and checked rather than assumed.

    """
    scenario = result.scenario
    codes = _codes(scenario)
    book = account_book()
    groups = {g.id: g for g in scenario.groups}
    paid: dict[tuple[str, str], tuple[int, int]] = {}  # (source, group) -> (workers, cost)
    for row in result.allocation.to_dict("records"):
        key = (str(row["source"]), str(row["group"]))
        workers, cost = paid.get(key, (0, 0))
        paid[key] = (workers + int(row["workers"]), cost + int(row["cost"]))
    lines: list[BudgetLine] = []
    for source in scenario.sources:
        in_apbd = source.kind in book.apbd_kinds
        for programme in PROGRAMMES:
            for group in scenario.groups:
                workers = paid.get((source.id, group.id), (0, 0))[0]
                if workers == 0:
                    continue
                for first, last, price in _runs(_prices(scenario, group, source), programme):
                    lines.append(BudgetLine(
                        source=source.id, source_name=source.name or source.id, kind=source.kind,
                        programme=programme,
                        account_code=codes[programme] if in_apbd else "",
                        group=group.id, group_name=groups[group.id].name or group.id,
                        first_month=first, last_month=last, workers=workers,
                        months=last - first + 1, unit_price=price))
    _check(lines, paid)
    return lines


def _check(lines: list[BudgetLine], paid: dict[tuple[str, str], tuple[int, int]]) -> None:
    """Make sure the lines of each source and group add up to the plan's spend on them."""
    totals: dict[tuple[str, str], int] = {}
    for line in lines:
        key = (line.source, line.group)
        totals[key] = totals.get(key, 0) + line.total
    for key, (workers, cost) in paid.items():
        if workers and totals.get(key, 0) != cost:
            raise ValueError(f"budget lines of {key[0]}/{key[1]} add up to "
                             f"{totals.get(key, 0)}, the plan spends {cost}")


MONTHS = {
    "id": ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}
_PROGRAMME_NAMES = {
    "id": {"jkk": "JKK", "jkm": "JKM", "jht": "JHT", "premium": "Iuran (tetap, tanpa rincian)"},
    "en": {"jkk": "JKK", "jkm": "JKM", "jht": "JHT", "premium": "Premium (fixed, not itemised)"},
}
_HEADERS = {
    "id": {"source": "Sumber dana", "account_code": "Kode rekening", "account_name": "Uraian akun",
           "programme": "Program", "group": "Kelompok pekerja", "period": "Bulan",
           "volume": "Volume", "workers": "Orang", "months": "Bulan (jumlah)",
           "unit_price": "Harga satuan (Rp/orang/bulan)", "total": "Jumlah (Rp)"},
    "en": {"source": "Funding source", "account_code": "Account code",
           "account_name": "Account", "programme": "Programme", "group": "Worker group",
           "period": "Months", "volume": "Volume", "workers": "People", "months": "Months (count)",
           "unit_price": "Unit price (Rp/person/month)", "total": "Total (Rp)"},
}
_OUTSIDE = {
    "id": {"apbdes": "APB Desa (rekening desa, Permendagri 20/2018)",
           "other": "di luar APBD (tanpa kode SIPD)"},
    "en": {"apbdes": "village budget (village chart of accounts, Permendagri 20/2018)",
           "other": "outside the APBD (no SIPD code)"},
}


def lines_frame(lines: list[BudgetLine], lang: str = "id") -> pd.DataFrame:
    """Return the lines as a table in ``lang``, its last row the total, ready to write."""
    book = account_book()
    names = book.names
    rows: list[dict[str, Any]] = []
    for line in lines:
        month_names = MONTHS[lang]
        period = (month_names[line.first_month - 1] if line.first_month == line.last_month else
                  f"{month_names[line.first_month - 1]}-{month_names[line.last_month - 1]}")
        if line.account_code:
            account = names.get(line.programme, {}).get(lang, "")
        else:
            account = _OUTSIDE[lang]["apbdes" if line.kind == "apbdes" else "other"]
        volume = (f"{line.workers:,} orang x {line.months} bulan" if lang == "id" else
                  f"{line.workers:,} people x {line.months} months")
        rows.append({
            "source": line.source_name, "account_code": line.account_code,
            "account_name": account, "programme": _PROGRAMME_NAMES[lang][line.programme],
            "group": line.group_name, "period": period,
            "volume": volume.replace(",", ".") if lang == "id" else volume,
            "workers": line.workers, "months": line.months, "unit_price": line.unit_price,
            "total": line.total,
        })
    frame = pd.DataFrame(rows, columns=list(_HEADERS[lang]))
    total = {c: "" for c in frame.columns} | {
        "source": "Jumlah" if lang == "id" else "Total",
        "total": int(sum(line.total for line in lines))}
    frame = pd.concat([frame, pd.DataFrame([total])], ignore_index=True)
    frame.attrs["unit"] = {"workers": "workers", "months": "", "unit_price": "Rp", "total": "Rp"}
    frame.attrs["headers"] = _HEADERS[lang]
    return frame
