"""Premium rules: a group's yearly cost per worker for a given payer.

Rates, discount periods and how a discount is read for each kind of payer live in
``planner/engine/data/premiums.yaml`` with their regulation and dates. A rule is priced month by
month over the group's months of cover, so a discount that holds for part of the year (PP 50/2025)
lowers only those months, and only for the payers it covers: those its text does not exclude and
whose reading (``policy.discount_readings``, else the data's default) is not ``excluded``. A
declared income above the table's ceiling is priced at the ceiling. A fixed ``premium_monthly``
is taken as given, with no discount.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from planner.engine.schema import Group, PremiumRule
from planner.engine.yamlio import read_yaml

__all__ = ["Discount", "MonthPrice", "PayerReading", "Rates", "declared_income", "monthly_prices",
           "rates", "unit_cost"]

Readings = Mapping[str, str | None]  # payer kind -> excluded | unconfirmed | included | None

DATA_FILE = Path(__file__).resolve().parent / "data" / "premiums.yaml"


@dataclass(frozen=True)
class PayerReading:
    """How a discount is read for one kind of payer, and why.

    ``reading`` is the default: ``excluded`` (full premium), ``unconfirmed`` (discount priced,
    plans warned) or ``included``; ``fixed`` when the regulation's text settles it, so a
    scenario cannot change it.
    """

    kind: str
    reading: str
    fixed: bool
    basis: str


@dataclass(frozen=True)
class Discount:
    """A temporary premium discount (e.g. PP 50/2025) and how it is read for each payer."""

    id: str
    name: str  # as people cite it: "PP 50/2025"
    regulation: str
    enacted: str
    scheme: str
    programmes: frozenset[str]
    factor: Decimal
    periods: dict[str, tuple[int, int]]  # sector -> (first, last) as year*12 + month - 1
    readings: dict[str, PayerReading]  # by payer kind, as the data file states them

    @property
    def payers(self) -> frozenset[str]:
        """Payer kinds the discount is priced for by default."""
        return frozenset(k for k, r in self.readings.items() if r.reading != "excluded")

    @property
    def excluded_payers(self) -> frozenset[str]:
        """Payer kinds that pay the full premium by default (by the text, or by a reading)."""
        return frozenset(k for k, r in self.readings.items() if r.reading == "excluded")

    def reading(self, payer_kind: str, chosen: Readings | None = None) -> str:
        """Return the reading that holds for ``payer_kind``.

        The text's when it settles it, else the scenario's choice, else the data's default; a
        kind the data does not name is excluded.
        """
        known = self.readings.get(payer_kind)
        if known is None:
            return "excluded"
        if known.fixed:
            return known.reading
        return (chosen or {}).get(payer_kind) or known.reading

    def in_period(self, sector: str, year: int, month: int) -> bool:
        """Return True if the discount holds for ``sector`` in that month."""
        first, last = self.periods.get(sector, (1, 0))
        return first <= year * 12 + month - 1 <= last

    def applies(self, sector: str, payer_kind: str, year: int, month: int,
                chosen: Readings | None = None) -> bool:
        """Return True if a worker of ``sector`` paid by ``payer_kind`` gets it in that month."""
        if self.reading(payer_kind, chosen) == "excluded":
            return False
        return self.in_period(sector, year, month)


@dataclass(frozen=True)
class Rates:
    """The rate tables of premiums.yaml."""

    bpu_min_income: int
    bpu_max_income: int
    bpu_jkk_rate: Decimal
    bpu_jkm_monthly: Decimal
    bpu_jht_rate: Decimal
    wage_jkk_rates: dict[int, Decimal]
    wage_jkm_rate: Decimal
    discounts: tuple[Discount, ...]
    regulations: dict[str, str]
    valid_from: dict[str, str]  # the date each rate table or discount holds from


def _month_index(text: str) -> int:
    year, month = (int(x) for x in str(text).split("-"))
    return year * 12 + month - 1


def _dec(value: Any) -> Decimal:
    return Decimal(str(value))


@cache
def rates(path: Path = DATA_FILE) -> Rates:
    """Read the rate tables once."""
    data = read_yaml(path, yes_no=None)  # the planner's own data: yes/no anywhere
    bpu, wage = data["bpu"], data["wage"]
    discounts = tuple(
        Discount(
            id=d["id"],
            name=str(d["name"]),
            regulation=d["regulation"],
            scheme=d["scheme"],
            programmes=frozenset(d["programmes"]),
            factor=_dec(d["factor"]),
            periods={
                sector: (_month_index(p["from"]), _month_index(p["to"]))
                for sector, p in d["periods"].items()
            },
            enacted=str(d["enacted"]),
            readings={
                kind: PayerReading(kind, str(r["reading"]), bool(r["fixed"]), str(r["basis"]))
                for kind, r in d["payers"].items()
            },
        )
        for d in data.get("discounts", [])
    )
    return Rates(
        bpu_min_income=int(bpu["min_declared_income"]),
        bpu_max_income=int(bpu["max_declared_income"]),
        bpu_jkk_rate=_dec(bpu["jkk_rate"]),
        bpu_jkm_monthly=_dec(bpu["jkm_monthly"]),
        bpu_jht_rate=_dec(bpu["jht_rate"]),
        wage_jkk_rates={int(k): _dec(v) for k, v in wage["jkk_class_rates"].items()},
        wage_jkm_rate=_dec(wage["jkm_rate"]),
        discounts=discounts,
        regulations={
            "bpu": bpu["regulation"],
            "wage": wage["regulation"],
            **{d.id: d.regulation for d in discounts},
        },
        valid_from={
            "bpu": str(bpu["valid_from"]),
            "wage": str(wage["valid_from"]),
            **{d.id: d.enacted for d in discounts},
        },
    )


def declared_income(rule: PremiumRule) -> int:
    """Return the income a BPU rule is priced on: within the table's floor and ceiling."""
    r = rates()
    return min(max(rule.declared_income or 0, r.bpu_min_income), r.bpu_max_income)


def _programme_amounts(rule: PremiumRule, r: Rates) -> dict[str, Decimal]:
    """Monthly premium of each programme under ``rule``, before any discount."""
    if rule.scheme == "bpu":
        income = Decimal(min(max(rule.declared_income or 0, r.bpu_min_income),
                             r.bpu_max_income))
        full = {
            "jkk": income * r.bpu_jkk_rate,
            "jkm": r.bpu_jkm_monthly,
            "jht": income * r.bpu_jht_rate,
        }
    else:
        wage = Decimal(rule.wage or 0)
        full = {"jkk": wage * r.wage_jkk_rates[rule.jkk_class], "jkm": wage * r.wage_jkm_rate}
    return {p: full[p] for p in rule.programmes}


@dataclass(frozen=True)
class MonthPrice:
    """The premium one worker costs one payer in one month, and the discount applied, if any."""

    year: int
    month: int
    amount: int
    discount: str | None
    # the amount by programme (jkk, jkm, jht), whole rupiah that add up to ``amount``; a fixed
    # premium_monthly, which names no programme, is one part "premium"
    parts: tuple[tuple[str, int], ...] = field(default=(), compare=False)


def monthly_prices(
    group: Group, payer_kind: str, year: int, *, discounts: bool = True,
    readings: Readings | None = None,
) -> list[MonthPrice]:
    """Return the premium for each month of ``group``'s cover when ``payer_kind`` pays.

    ``discounts`` False leaves every discount out (``policy.premium_discounts``); ``readings``
    are the scenario's ``policy.discount_readings`` (payer kind -> reading, None for the
    default).
    """
    key = None if readings is None else tuple(sorted(readings.items()))
    return list(_monthly_prices(group.premium, group.premium_monthly, group.sector,
                                group.start_month, group.months, payer_kind, year, discounts,
                                key))


@lru_cache(maxsize=4096)
def _monthly_prices(  # noqa: PLR0913 - the group's fields that price it, kept as the key
    premium: PremiumRule | None, premium_monthly: int | None, sector: str, start_month: int,
    months: int, payer_kind: str, year: int, discounts: bool,
    readings_key: tuple[tuple[str, str | None], ...] | None,
) -> tuple[MonthPrice, ...]:
    """:func:`monthly_prices`, kept: the app prices the same groups on every slider move."""
    readings = None if readings_key is None else dict(readings_key)
    if premium is None:
        fixed = int(premium_monthly or 0)
        return tuple(MonthPrice(year, m, fixed, None, (("premium", fixed),))
                     for m in range(start_month, start_month + months))
    r = rates()
    base = _programme_amounts(premium, r)
    out = []
    for m in range(start_month, start_month + months):
        amounts = dict(base)
        applied = None
        if discounts:
            for d in r.discounts:
                if d.scheme == premium.scheme and d.applies(sector, payer_kind, year, m, readings):
                    for p in d.programmes & amounts.keys():
                        amounts[p] = amounts[p] * d.factor
                    applied = d.id
        total = sum(amounts.values(), Decimal(0)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        out.append(MonthPrice(year, m, int(total), applied, _parts(amounts, int(total))))
    return tuple(out)


def _parts(amounts: dict[str, Decimal], total: int) -> tuple[tuple[str, int], ...]:
    """Split ``total`` by programme: each rounded, the last taking what rounding left."""
    order = [p for p in ("jkk", "jkm", "jht") if p in amounts]
    shares = [int(amounts[p].quantize(Decimal(1), rounding=ROUND_HALF_UP)) for p in order[:-1]]
    return tuple(zip(order, [*shares, total - sum(shares)], strict=True))


def unit_cost(group: Group, payer_kind: str, year: int, *, discounts: bool = True,
              readings: Readings | None = None) -> int:
    """Rupiah one worker of ``group`` costs ``payer_kind`` for the group's months of cover."""
    return sum(p.amount for p in monthly_prices(group, payer_kind, year, discounts=discounts,
                                                readings=readings))
