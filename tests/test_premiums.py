"""planner.engine.premiums: premiums against DOMAIN.md (PP 44/2015, PP 82/2019, PP 50/2025).

Every expected figure is worked out by hand from the rates in DOMAIN.md, not from the data file.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from planner.engine.premiums import MonthPrice, monthly_prices, rates, unit_cost
from planner.engine.schema import Group

STANDARD = 16_800  # JKK 1% of Rp1,000,000 + JKM Rp6,800, a month
HALF = 8_400  # PP 50/2025: JKK + JKM halved
YEAR = 201_600  # 12 x 16,800
BPU = {"scheme": "bpu", "declared_income": 1_000_000}
REGIONAL_BUDGETS = ("apbd", "apbdes", "dbh_sawit", "province")
DISCOUNTED_PAYERS = ("csr", "zakat")


def group(**fields: Any) -> Group:
    data: dict[str, Any] = {"id": "g", "eligible": 1, "premium": BPU}
    data.update(fields)
    if "premium_monthly" in fields:
        del data["premium"]
    return Group.model_validate(data)


def amounts(g: Group, payer: str, year: int, **kw: Any) -> list[int]:
    return [p.amount for p in monthly_prices(g, payer, year, **kw)]


# --- the standard BPU package -------------------------------------------------------------------


@pytest.mark.parametrize("year", [2025, 2026])
def test_standard_package_for_apbd_is_16800_a_month(year):
    g = group(premium={**BPU, "programmes": ["jkk", "jkm"]})
    assert amounts(g, "apbd", year) == [STANDARD] * 12
    assert unit_cost(g, "apbd", year) == YEAR == 201_600


@pytest.mark.parametrize(
    ("workers", "total"),
    [
        (150_000, 30_240_000_000),  # Kutai Timur: Rp30.24 bn
        (15_000, 3_024_000_000),  # Penajam Paser Utara: Rp3.024 bn
        (2_270, 457_632_000),  # Pupuk Kaltim's Bontang workers (it paid Rp457.3 m)
        (1, 201_600),
    ],
)
def test_regional_budget_totals(workers, total):
    assert workers * unit_cost(group(), "apbd", 2025) == total


def test_bontang_is_about_rp7_bn():
    # 35,777 x 201,600 = 7,212,643,200. DOMAIN.md quotes "~ Rp7.4 bn" for Bontang: that is 2.5%
    # above the product (Rp7.4 bn would be 36,706 workers), so it is a rounded or wider budget line.
    cost = 35_777 * unit_cost(group(), "apbd", 2025)
    assert cost == 7_212_643_200
    assert abs(cost - 7.4e9) / 7.4e9 < 0.03


@pytest.mark.parametrize(
    ("income", "monthly"),
    [
        (500_000, 16_800),  # below the Rp1,000,000 floor: priced at the floor
        (1, 16_800),
        (999_999, 16_800),
        (1_000_000, 16_800),
        (1_500_000, 15_000 + 6_800),
        (2_000_000, 20_000 + 6_800),
        (5_000_000, 50_000 + 6_800),
    ],
)
def test_bpu_jkk_is_1_percent_of_declared_income_with_a_floor(income, monthly):
    g = group(premium={"scheme": "bpu", "declared_income": income})
    assert amounts(g, "apbd", 2025) == [monthly] * 12
    assert unit_cost(g, "apbd", 2025) == 12 * monthly


@pytest.mark.parametrize(
    ("programmes", "monthly"),
    [
        (["jkk"], 10_000),
        (["jkm"], 6_800),
        (["jkk", "jkm"], 16_800),
        (["jkk", "jkm", "jht"], 16_800 + 20_000),  # JHT 2% of Rp1,000,000
        (["jht"], 20_000),
    ],
)
def test_bpu_programmes(programmes, monthly):
    g = group(premium={**BPU, "programmes": programmes})
    assert amounts(g, "apbd", 2025) == [monthly] * 12


def test_jht_on_a_higher_income():
    g = group(
        premium={"scheme": "bpu", "declared_income": 2_000_000, "programmes": ["jkk", "jkm", "jht"]}
    )
    assert amounts(g, "apbd", 2025) == [20_000 + 6_800 + 40_000] * 12


# --- wage scheme (short-term and formal workers) ------------------------------------------------


@pytest.mark.parametrize(
    ("wage", "jkk_class", "monthly"),
    [
        (1_200_000, 1, 6_480),  # 0.24% + 0.30% = 0.54%: election staff, low end
        (2_500_000, 1, 13_500),  # election staff, high end
        (1_000_000, 1, 2_400 + 3_000),
        (1_000_000, 2, 5_400 + 3_000),  # JKK 0.54%
        (1_000_000, 3, 8_900 + 3_000),  # JKK 0.89%
        (1_000_000, 4, 12_700 + 3_000),  # JKK 1.27%
        (1_000_000, 5, 17_400 + 3_000),  # JKK 1.74%
        (3_000_000, 5, 52_200 + 9_000),
    ],
)
def test_wage_scheme_rates_by_risk_class(wage, jkk_class, monthly):
    g = group(premium={"scheme": "wage", "wage": wage, "jkk_class": jkk_class})
    assert amounts(g, "apbd", 2024) == [monthly] * 12
    assert amounts(g, "csr", 2026) == [monthly] * 12  # PP 50/2025 is for BPU only


def test_wage_scheme_only_jkm():
    g = group(premium={"scheme": "wage", "wage": 2_500_000, "programmes": ["jkm"]})
    assert unit_cost(g, "apbd", 2025) == 12 * 7_500


def test_election_staff_for_their_months_of_duty():
    g = group(premium={"scheme": "wage", "wage": 1_500_000}, months=3, start_month=1)
    assert amounts(g, "apbd", 2025) == [8_100] * 3
    assert unit_cost(g, "apbd", 2025) == 24_300
    assert 7_189 * unit_cost(g, "apbd", 2025) == 174_692_700  # kutim-2025.yaml, derived


def test_a_month_is_rounded_to_whole_rupiah_half_up():
    # 0.54% of 1,007,500 = 5,440.5 -> 5,441 (half up, not to even); of 1,004,537 = 5,424.4998
    g = group(premium={"scheme": "wage", "wage": 1_007_500})
    assert amounts(g, "apbd", 2025) == [5_441] * 12
    g = group(premium={"scheme": "wage", "wage": 1_004_537})
    assert amounts(g, "apbd", 2025) == [5_424] * 12


# --- PP 50/2025 discount ------------------------------------------------------------------------


@pytest.mark.parametrize("payer", DISCOUNTED_PAYERS)
def test_other_sector_2026_discounted_april_to_december(payer):
    g = group(sector="other")
    assert amounts(g, payer, 2026) == [STANDARD] * 3 + [HALF] * 9
    assert unit_cost(g, payer, 2026) == 3 * 16_800 + 9 * 8_400 == 126_000


@pytest.mark.parametrize("payer", DISCOUNTED_PAYERS)
def test_transport_2026_discounted_all_year(payer):
    g = group(sector="transport")
    assert amounts(g, payer, 2026) == [HALF] * 12
    assert unit_cost(g, payer, 2026) == 12 * 8_400 == 100_800


@pytest.mark.parametrize("payer", DISCOUNTED_PAYERS)
def test_transport_2027_discounted_january_to_march_only(payer):
    g = group(sector="transport")
    assert amounts(g, payer, 2027) == [HALF] * 3 + [STANDARD] * 9
    assert unit_cost(g, payer, 2027) == 3 * 8_400 + 9 * 16_800 == 176_400


@pytest.mark.parametrize("payer", DISCOUNTED_PAYERS)
def test_other_sector_2027_not_discounted(payer):
    assert unit_cost(group(sector="other"), payer, 2027) == YEAR


@pytest.mark.parametrize("payer", DISCOUNTED_PAYERS)
@pytest.mark.parametrize("sector", ["transport", "other"])
def test_no_discount_in_2025(payer, sector):
    assert unit_cost(group(sector=sector), payer, 2025) == YEAR


@pytest.mark.parametrize("payer", REGIONAL_BUDGETS)
@pytest.mark.parametrize("sector", ["transport", "other"])
@pytest.mark.parametrize("year", [2025, 2026, 2027])
def test_regional_budgets_never_discounted(payer, sector, year):
    g = group(sector=sector)
    prices = monthly_prices(g, payer, year)
    assert [p.amount for p in prices] == [STANDARD] * 12
    assert {p.discount for p in prices} == {None}


@pytest.mark.parametrize("payer", DISCOUNTED_PAYERS)
@pytest.mark.parametrize("sector", ["transport", "other"])
def test_discounts_false_turns_it_off(payer, sector):
    g = group(sector=sector)
    prices = monthly_prices(g, payer, 2026, discounts=False)
    assert [p.amount for p in prices] == [STANDARD] * 12
    assert {p.discount for p in prices} == {None}
    assert unit_cost(g, payer, 2026, discounts=False) == YEAR


@pytest.mark.parametrize("payer", DISCOUNTED_PAYERS + REGIONAL_BUDGETS)
@pytest.mark.parametrize("sector", ["transport", "other"])
def test_fixed_premium_monthly_is_never_discounted(payer, sector):
    g = group(premium_monthly=16_800, sector=sector)
    prices = monthly_prices(g, payer, 2026)
    assert [p.amount for p in prices] == [16_800] * 12
    assert {p.discount for p in prices} == {None}


def test_fixed_premium_monthly_for_part_of_the_year():
    g = group(premium_monthly=10_000, months=2, start_month=11)
    assert monthly_prices(g, "csr", 2026) == [
        MonthPrice(2026, 11, 10_000, None),
        MonthPrice(2026, 12, 10_000, None),
    ]
    assert unit_cost(g, "csr", 2026) == 20_000


def test_three_months_from_april_2026_all_discounted():
    g = group(months=3, start_month=4, sector="other")
    assert unit_cost(g, "csr", 2026) == 3 * 8_400 == 25_200
    assert monthly_prices(g, "csr", 2026) == [
        MonthPrice(2026, 4, 8_400, "pp_50_2025"),
        MonthPrice(2026, 5, 8_400, "pp_50_2025"),
        MonthPrice(2026, 6, 8_400, "pp_50_2025"),
    ]
    assert unit_cost(g, "apbd", 2026) == 3 * 16_800


def test_months_across_the_start_of_the_discount():
    g = group(months=4, start_month=2, sector="other")
    assert amounts(g, "zakat", 2026) == [16_800, 16_800, 8_400, 8_400]


def test_monthly_prices_one_entry_per_month_of_cover():
    g = group(months=6, start_month=7)
    prices = monthly_prices(g, "csr", 2026)
    assert [(p.year, p.month) for p in prices] == [(2026, m) for m in range(7, 13)]
    assert {p.discount for p in prices} == {"pp_50_2025"}


def test_monthly_prices_name_the_discount_only_where_applied():
    prices = monthly_prices(group(sector="other"), "csr", 2026)
    assert [p.discount for p in prices] == [None] * 3 + ["pp_50_2025"] * 9


def test_jht_is_not_discounted():
    g = group(premium={**BPU, "programmes": ["jkk", "jkm", "jht"]}, sector="transport")
    assert amounts(g, "csr", 2026) == [8_400 + 20_000] * 12


def test_discount_on_a_higher_declared_income():
    g = group(premium={"scheme": "bpu", "declared_income": 2_000_000}, sector="transport")
    assert amounts(g, "csr", 2026) == [(20_000 + 6_800) // 2] * 12


# --- the rate tables ----------------------------------------------------------------------------


def test_rates_come_from_the_data_file_with_their_regulation():
    r = rates()
    assert r.bpu_min_income == 1_000_000
    assert r.bpu_jkk_rate == Decimal("0.01")
    assert r.bpu_jkm_monthly == Decimal("6800")
    assert r.bpu_jht_rate == Decimal("0.02")
    assert r.wage_jkk_rates == {
        1: Decimal("0.0024"),
        2: Decimal("0.0054"),
        3: Decimal("0.0089"),
        4: Decimal("0.0127"),
        5: Decimal("0.0174"),
    }
    assert r.wage_jkm_rate == Decimal("0.003")
    assert "PP 50/2025" in r.regulations["pp_50_2025"]
    assert "PP 44/2015" in r.regulations["bpu"]
    (discount,) = r.discounts
    assert discount.id == "pp_50_2025"
    assert discount.factor == Decimal("0.5")
    assert discount.programmes == frozenset({"jkk", "jkm"})
    assert set(REGIONAL_BUDGETS) <= discount.excluded_payers
    assert set(DISCOUNTED_PAYERS) <= discount.payers


@pytest.mark.parametrize(
    ("sector", "year", "month", "expected"),
    [
        ("transport", 2025, 12, False),
        ("transport", 2026, 1, True),
        ("transport", 2027, 3, True),
        ("transport", 2027, 4, False),
        ("other", 2026, 3, False),
        ("other", 2026, 4, True),
        ("other", 2026, 12, True),
        ("other", 2027, 1, False),
        ("mining", 2026, 6, False),  # a sector without a period
    ],
)
def test_discount_period_ends_are_included(sector, year, month, expected):
    (discount,) = rates().discounts
    assert discount.applies(sector, "csr", year, month) is expected
    assert discount.applies(sector, "apbd", year, month) is False


@pytest.mark.parametrize(("siltap", "monthly"), [
    (2_022_200, 10_920),  # a village official's floor (PP 11/2019): 0.54% = 10,919.88
    (2_224_420, 12_012),  # the village secretary's: 12,011.868
    (2_426_640, 13_104),  # the village head's: 13,103.856
])
def test_village_heads_and_officials_as_wage_earners_on_their_siltap(siltap, monthly) -> None:
    g = group(premium={"scheme": "wage", "wage": siltap, "jkk_class": 1})
    assert unit_cost(g, "apbdes", 2026) == 12 * monthly  # no BPU discount for a wage earner


def test_a_declared_income_is_priced_within_the_tables_floor_and_ceiling() -> None:
    top = rates().bpu_max_income
    assert top == 20_700_000  # JKK at most Rp207,000 a month
    for income, jkk in ((999_999, 10_000), (20_700_000, 207_000), (50_000_000, 207_000)):
        g = group(premium={**BPU, "declared_income": income})
        assert unit_cost(g, "apbd", 2025) == 12 * (jkk + 6_800)
