"""The warnings a hearing needs: each triggered by a small scenario, absent where not needed.

Every figure a warning carries is recomputed here by hand from the rates of DOMAIN.md (BPU
JKK+JKM Rp16,800 a month; PP 50/2025 halves it to Rp8,400 for CSR/zakat payers from April to
December 2026, all year for transport), not read back from the planner.
"""

from __future__ import annotations

from typing import Any

import pytest

from planner import run
from planner.engine.schema import validate_scenario

BPU = {"scheme": "bpu", "declared_income": 1_000_000, "programmes": ["jkk", "jkm"]}


def scenario(groups: list[dict[str, Any]], sources: list[dict[str, Any]], year: int = 2026,
             **policy: Any):
    return validate_scenario({"name": "uji", "year": year, "groups": groups,
                              "sources": sources, "policy": policy})


def codes(result) -> list[str]:
    return [m.code for m in result.warnings]


def one(result, code: str):
    found = [m for m in result.warnings if m.code == code]
    assert len(found) == 1, codes(result)
    return found[0]


# --- a discount whose reading is unconfirmed ------------------------------------------------------


def _csr_plan(**policy: Any):
    return run(scenario([{"id": "petani", "eligible": 100, "premium": BPU}],
                        [{"id": "csr", "kind": "csr", "budget": 100 * 126_000}], **policy))


def test_a_plan_paid_by_csr_at_the_unconfirmed_discount_says_so_and_what_it_saves() -> None:
    result = _csr_plan()
    assert result.covered_workers == 100  # 100 x (3 x 16,800 + 9 x 8,400) = Rp12.6 m, all of it
    m = one(result, "discount_unconfirmed")
    assert m.data["payers"] == ["csr"]
    assert m.data["n_workers"] == 100
    assert m.data["rp_discounted"] == 100 * (3 * 16_800 + 9 * 8_400) == 12_600_000
    assert m.data["rp_full"] == 100 * 12 * 16_800 == 20_160_000
    assert m.data["rp_saving"] == 20_160_000 - 12_600_000 == 7_560_000
    assert "belum dipastikan" in m.text("id")
    assert "Rp7,56 juta" in m.text("id")
    assert "not yet confirmed" in m.text("en")
    assert "Rp7.56 million" in m.text("en")
    assert "PP 50/2025" in m.text("en")


@pytest.mark.parametrize("readings", [{"csr": "included"}, {"csr": "excluded"}])
def test_a_reading_the_team_settles_is_not_warned(readings) -> None:
    result = _csr_plan(discount_readings=readings)
    assert "discount_unconfirmed" not in codes(result)
    excluded = readings["csr"] == "excluded"
    # excluded: the full Rp201,600 a worker, so the same money covers 12.6 m / 201,600 = 62
    assert result.covered_workers == (62 if excluded else 100)


def test_the_discount_turned_off_or_an_apbd_payer_or_2025_needs_no_warning() -> None:
    assert "discount_unconfirmed" not in codes(_csr_plan(premium_discounts=False))
    apbd = run(scenario([{"id": "petani", "eligible": 10, "premium": BPU}],
                        [{"id": "apbd", "kind": "apbd", "budget": 10**9}]))
    assert "discount_unconfirmed" not in codes(apbd)
    before = run(scenario([{"id": "petani", "eligible": 10, "premium": BPU}],
                          [{"id": "csr", "kind": "csr", "budget": 10**9}], year=2025))
    assert "discount_unconfirmed" not in codes(before)


def test_village_budgets_pay_the_full_premium_unless_the_reading_includes_them() -> None:
    groups = [{"id": "aparat", "eligible": 10, "tags": ["village_apparatus"], "premium": BPU}]
    sources = [{"id": "add", "kind": "apbdes", "budget": 10**9}]
    default = run(scenario(groups, sources))
    assert set(default.allocation["unit_cost"]) == {12 * 16_800}
    unsure = run(scenario(groups, sources, discount_readings={"apbdes": "unconfirmed"}))
    assert set(unsure.allocation["unit_cost"]) == {3 * 16_800 + 9 * 8_400}
    assert one(unsure, "discount_unconfirmed").data["payers"] == ["apbdes"]


# --- election workers in a year without elections -------------------------------------------------


def _election(year: int, funded: bool = True):
    groups = [{"id": "kpps", "eligible": 50, "months": 1, "tags": ["election"],
               "premium": {"scheme": "wage", "wage": 900_000}},
              {"id": "petani", "eligible": 5, "premium": BPU}]
    budget = 10**9 if funded else 0
    return run(scenario(groups, [{"id": "apbd", "kind": "apbd", "budget": budget,
                                  "groups": ["kpps"] if funded else "all"}], year=year))


def test_election_workers_funded_in_a_year_without_elections_are_warned_of() -> None:
    result = _election(2025)
    m = one(result, "election_off_year")
    assert m.data["n_funded"] == 50
    assert m.data["year"] == 2025
    assert m.data["years"] == [2024, 2029]
    assert "bukan tahun pemilu" in m.text("id")
    assert "2024, 2029" in m.text("id")
    assert "not an election year" in m.text("en")
    assert "UU 7/2017" in m.text("en")


@pytest.mark.parametrize(("year", "funded"), [(2024, True), (2029, True), (2025, False)])
def test_election_workers_in_an_election_year_or_unfunded_are_not(year, funded) -> None:
    assert "election_off_year" not in codes(_election(year, funded))


# --- DBH sawit above its share of the allocation --------------------------------------------------


def _sawit(budget: int, allocation: int | None):
    source: dict[str, Any] = {"id": "dbh", "kind": "dbh_sawit", "budget": budget}
    if allocation is not None:
        source["allocation"] = allocation
    return run(scenario([{"id": "sawit", "eligible": 10, "tags": ["palm_plantation"],
                          "premium": BPU}], [source]))


def test_a_dbh_sawit_line_above_a_fifth_of_the_allocation_is_warned_of() -> None:
    m = one(_sawit(300_000_000, 1_000_000_000), "allocation_share_above_cap")
    assert m.data["rp_cap"] == 200_000_000  # 20% of Rp1 bn
    assert "20,0%" in m.text("id")
    assert "PP 38/2023" in m.text("id")
    assert "above 20.0% of the allocation" in m.text("en")


@pytest.mark.parametrize(("budget", "allocation"), [(200_000_000, 1_000_000_000),
                                                    (300_000_000, None)])
def test_a_line_within_the_cap_or_without_an_allocation_is_not(budget, allocation) -> None:
    assert "allocation_share_above_cap" not in codes(_sawit(budget, allocation))


# --- declared income above the table --------------------------------------------------------------


def test_an_income_above_the_ceiling_is_priced_at_it_and_warned_of() -> None:
    rich = {**BPU, "declared_income": 30_000_000}
    result = run(scenario([{"id": "dokter", "eligible": 1, "premium": rich}],
                          [{"id": "apbd", "kind": "apbd", "budget": 10**9}]))
    # JKK 1% of the ceiling Rp20,700,000 = Rp207,000, JKM Rp6,800: Rp213,800 a month
    assert set(result.allocation["unit_cost"]) == {12 * (207_000 + 6_800)}
    m = one(result, "income_above_ceiling")
    assert m.data["rp_ceiling"] == 20_700_000
    assert m.data["rp_jkk"] == 207_000
    assert "batas tabel" in m.text("id")
    assert "Rp207.000" in m.text("id")
    assert "ceiling" in m.text("en")
    assert "Rp207,000" in m.text("en")


def test_an_income_at_the_ceiling_is_not() -> None:
    at = {**BPU, "declared_income": 20_700_000}
    result = run(scenario([{"id": "a", "eligible": 1, "premium": at}],
                          [{"id": "apbd", "kind": "apbd", "budget": 10**9}]))
    assert "income_above_ceiling" not in codes(result)
    assert set(result.allocation["unit_cost"]) == {12 * (207_000 + 6_800)}


# --- funded above what can be registered (new_limit, the re-plan's warning reused) -------------


@pytest.mark.parametrize(("limit", "warned"), [(30, True), (100, False)])
def test_a_group_funded_above_what_can_be_registered(limit, warned) -> None:
    result = run(scenario([{"id": "ojek", "eligible": 80, "new_limit": limit, "premium": BPU}],
                          [{"id": "apbd", "kind": "apbd", "budget": 10**9}], year=2025))
    assert result.covered_workers == 80  # a warning, not a limit
    assert ("new_above_limit" in codes(result)) is warned
    if warned:
        m = one(result, "new_above_limit")
        assert m.data["n_new"] == 80
        assert m.data["n_limit"] == 30
        assert "(new_limit)" in m.text("id")
        assert "can be registered" in m.text("en")


def test_none_of_the_hearing_warnings_on_a_plain_plan() -> None:
    result = run(scenario([{"id": "petani", "eligible": 10, "premium": BPU}],
                          [{"id": "apbd", "kind": "apbd", "budget": 10 * 201_600}], year=2025))
    assert result.covered_workers == 10
    assert codes(result) == []
