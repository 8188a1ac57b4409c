"""The hearing's answers against hand-worked cases and re-solves.

The hand-worked scenario: farmers cost Rp120,000 a year, fishers Rp240,000; 100 of each; APBD
Rp12 juta and CSR Rp30 juta, both cut by the global cut K. Money M(K) = 42 juta (1 - K).
Cheapest first: farmers need 12 juta, so fishers are full while M(K) - 12 juta >= 24 juta,
i.e. K <= 1/7, and farmers start losing cover when M(K) < 12 juta, i.e. K > 5/7. In between the
LP covers 225 - 175 K workers.
"""

from __future__ import annotations

import math

import pytest

from planner import RunOptions, run
from planner.analysis import diagnose, max_feasible_cut, need, sweep
from planner.engine.schema import validate_scenario
from tests.reference import check_plan


def scenario(**changes):
    data = {
        "name": "dua kelompok, dua sumber",
        "year": 2025,
        "groups": [
            {"id": "petani", "eligible": 100, "premium_monthly": 10_000},
            {"id": "nelayan", "eligible": 100, "premium_monthly": 20_000},
        ],
        "sources": [
            {"id": "apbd", "kind": "apbd", "budget": 12_000_000},
            {"id": "csr", "kind": "csr", "budget": 30_000_000},
        ],
        "policy": {},
    }
    for key, value in changes.items():
        if key in ("petani", "nelayan"):
            index = 0 if key == "petani" else 1
            data["groups"][index].update(value)
        elif key in ("apbd", "csr"):
            index = 0 if key == "apbd" else 1
            data["sources"][index].update(value)
        else:
            data["policy"][key] = value
    return validate_scenario(data)


def lp_covered(k: float) -> float:
    money = 42_000_000 * (1 - k)
    if money >= 36_000_000:
        return 200.0
    if money >= 12_000_000:
        return 100 + (money - 12_000_000) / 240_000
    return money / 120_000


def test_the_curve_matches_the_hand_worked_one() -> None:
    result = sweep(scenario(), 0.0, 1.0, 21)
    assert len(result.points) == 21
    for p in result.points:
        assert p.status == "optimal"
        assert p.bound_covered == math.floor(lp_covered(p.cut) + 1e-9)
        assert p.bound_covered - 1 <= p.covered_workers <= p.bound_covered


def test_breakpoints_are_exact_and_in_the_order_groups_lose_cover() -> None:
    result = sweep(scenario(), 0.0, 1.0, 11)
    starts = [(b.group, b.cut) for b in result.breakpoints if b.event == "starts_losing"]
    assert [g for g, _ in starts] == ["nelayan", "petani"]
    # budgets are whole rupiah after a cut (floor), so a breakpoint is exact to about one
    # rupiah in 42 juta: 2.4e-8 of a cut
    assert starts[0][1] == pytest.approx(1 / 7, abs=1e-7)
    assert starts[1][1] == pytest.approx(5 / 7, abs=1e-7)
    # not at grid points: the grid is 0, 0.1, 0.2, ...
    assert all(abs(k * 10 - round(k * 10)) > 1e-3 for _, k in starts)


def test_largest_feasible_cut_is_solved_directly() -> None:
    # The LP pools the money and allows 5/7; whole workers cannot pool it: APBD pays 28 farmers
    # and CSR 72 when 30 juta (1 - K) >= 72 x 120,000, i.e. K <= 0.712 exactly.
    s = scenario(petani={"min_share": 1.0})
    k = max_feasible_cut(s)
    assert k == 0.712
    assert k <= 5 / 7
    assert run(s, RunOptions(global_cut=k)).status == "optimal"
    assert run(s, RunOptions(global_cut=k + 1e-4)).status == "infeasible"
    result = sweep(s, 0.0, 1.0, 11)
    assert result.max_feasible_cut == k
    assert result.breakpoints[-1].event == "mandates_fail"
    assert [p.status for p in result.points if p.cut > 0.75] == ["infeasible"] * 3


def test_protection_off_curve_is_reported_and_never_covers_more() -> None:
    s = scenario(csr={"protected": True})
    result = sweep(s, 0.0, 0.5, 6)
    assert result.unprotected is not None
    for on, off in zip(result.points, result.unprotected, strict=True):
        assert off.covered_workers <= on.covered_workers
    # at K = 0.5 with CSR protected: money 6 + 30 = 36 juta covers everyone
    assert result.points[-1].covered_workers == 200
    assert result.unprotected[-1].bound_covered == math.floor(lp_covered(0.5))
    assert sweep(scenario(), 0.0, 0.5, 3).unprotected is None


def test_need_finds_the_least_extra_money_for_a_target() -> None:
    s = scenario(global_cut=0.5)  # money 21 juta covers 137 workers
    (answer,) = need(s, 200, "apbd")
    assert answer.reachable
    assert answer.extra == 15_000_000  # 36 juta needed, 21 juta there
    assert answer.extra_budget == 30_000_000  # before the 50% cut
    assert answer.lower_bound == 15_000_000
    richer = s.model_copy(update={"sources": (
        s.sources[0].model_copy(update={"budget": s.sources[0].budget + answer.extra_budget}),
        s.sources[1],
    )})
    assert run(richer).covered_workers >= 200
    less = richer.model_copy(update={"sources": (
        richer.sources[0].model_copy(update={"budget": richer.sources[0].budget - 2}),
        richer.sources[1],
    )})
    assert run(less).covered_workers < 200


def test_need_says_when_no_amount_in_a_source_can_reach_the_target() -> None:
    s = scenario(apbd={"groups": ["petani"]}, global_cut=0.5)
    answers = {a.source: a for a in need(s, 200)}
    assert not answers["apbd"].reachable  # it may pay only for farmers, already covered
    # unlimited APBD money pays every farmer; CSR's 15 juta then pays 62 fishers
    assert answers["apbd"].most == 162
    assert answers["csr"].reachable
    assert "no amount" in answers["apbd"].message().text("en")


def test_infeasible_scenario_names_the_mandate_its_shortfall_and_the_largest_cut() -> None:
    s = scenario(petani={"min_share": 1.0}, global_cut=0.8)  # 8.4 juta for a 12 juta mandate
    result = run(s)
    assert result.status == "infeasible"
    codes = [m.code for m in result.diagnosis]
    assert codes[0] == "infeasible"
    short = next(m for m in result.diagnosis if m.code == "mandate_short")
    assert short.data["n_short"] == 30  # 8.4 juta pays 70 farmers
    assert short.data["rp_short"] == 30 * 120_000
    cut = next(m for m in result.diagnosis if m.code == "max_feasible_cut")
    assert cut.data["share_cut"] == 0.712


def test_a_mandate_no_source_may_pay_for_is_named() -> None:
    s = scenario(nelayan={"min_share": 0.5, "tags": []},
                 apbd={"kind": "apbdes"}, csr={"kind": "zakat"})
    messages = diagnose(s)
    assert any(m.code == "mandate_no_payer" and m.data["group"] == "nelayan" for m in messages)
    assert any(m.code == "no_cut_feasible" for m in messages) or not any(
        m.code == "max_feasible_cut" for m in messages)


def test_explanations_match_resolves() -> None:
    s = scenario(global_cut=0.5, nelayan={"min_share": 0.5})
    base = run(s)
    assert base.status == "optimal"
    assert check_plan(s, base.solution.workers) == []
    said = {m.code: m for m in base.explanations}
    assert "principle" in said
    # Rp1 miliar more APBD: the budget line is cut by half, so 0.5 miliar more money
    more = next(m for m in base.explanations
                if m.code == "source_more_money" and m.data["source"] == "apbd")
    richer = s.model_copy(update={"sources": (
        s.sources[0].model_copy(update={"budget": s.sources[0].budget + 1_000_000_000}),
        s.sources[1],
    )})
    gained = run(richer).covered_workers - base.covered_workers
    assert more.data["n_more"] >= 0
    assert abs(more.data["n_more"] - gained) <= 1
    # the fishers' mandate pays 50 fishers where the money would cover more farmers
    mandate = said["mandate_cost"]
    free = s.model_copy(update={"groups": (
        s.groups[0], s.groups[1].model_copy(update={"min_share": 0.0}))})
    lost = run(free).covered_workers - base.covered_workers
    assert mandate.data["n_cost"] > 0
    assert abs(mandate.data["n_cost"] - lost) <= 1
    # the global cut
    uncut = run(s, RunOptions(global_cut=0.0)).covered_workers - base.covered_workers
    assert abs(said["global_cut_cost"].data["n_cost"] - uncut) <= 1


def test_explanations_are_worded_in_both_languages() -> None:
    result = run(scenario(global_cut=0.5))
    for m in result.explanations:
        assert m.text("id") != m.text("en")


def test_every_point_of_a_feasible_curve_has_a_plan() -> None:
    """Rounding alone can miss a mandate when money cannot be pooled across sources; the
    solver must still find the whole-worker plan (the protection-off curve of the Kutai Timur
    2025 example once showed 'infeasible' at 7%, 13%, 17% ... between feasible cuts)."""
    from planner import load_scenario

    curve = sweep(load_scenario("scenarios/kutim-2025.yaml"), 0.0, 0.5, 51)
    assert curve.unprotected is not None
    assert {p.status for p in curve.points + curve.unprotected} == {"optimal"}
    covered = [p.covered_workers for p in curve.unprotected]
    assert covered == sorted(covered, reverse=True)
