"""A mid-year re-plan (APBD-Perubahan): months already paid, enrolled workers kept first.

Checked against the scenario contract read independently (tests/reference.py: scipy's MILP on a
matrix written out there), on generated scenarios and on the Kutai Timur example.
"""

from __future__ import annotations

import json
import math
import os
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import Bounds, LinearConstraint, milp
from typer.testing import CliRunner

from planner import load_scenario, run
from planner.cli.main import app
from planner.engine.inputs import derive
from planner.engine.replan import kept, split_enrolled
from planner.engine.schema import Scenario, validate_scenario
from planner.engine.solution import SolveOptions
from planner.engine.solve import Solver
from planner.pipeline import RunOptions, replan_from
from tests.reference import check_plan, model, year_view
from tests.strategies import scenarios

EXACT = RunOptions(solve=SolveOptions(time_limit=math.inf), explain=False, spare=False)
SETTINGS = settings(max_examples=int(os.environ.get("REPLAN_EXAMPLES", "40")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
runner = CliRunner()


def _funded(result: Any) -> dict[str, int]:
    return result.by_group.set_index("group")["funded"].to_dict()


# --- month 1 with nobody enrolled is today's plan ---------------------------------------------


@SETTINGS
@given(scenarios(objectives=("max_covered", "max_worker_months", "min_cost")))
def test_from_month_1_with_nobody_enrolled_is_todays_plan(s: Scenario) -> None:
    data = s.model_dump(mode="json")
    data["policy"]["from_month"] = 1
    for g in data["groups"]:
        g["enrolled"] = 0
    for src in data["sources"]:
        src["spent_to_date"] = 0
    same = validate_scenario(data)
    a, b = run(s, RunOptions(explain=False)), run(same, RunOptions(explain=False))
    assert a.status == b.status
    assert a.solution.workers == b.solution.workers
    assert "enrolled" not in b.by_group


# --- the money adds up to the rupiah ------------------------------------------------------------


@st.composite
def _year_plans(draw: st.DrawFn) -> Scenario:
    """Scenarios whose premiums do not depend on the payer or the month (fixed premiums)."""
    s = draw(scenarios(objectives=("max_covered",)))
    data = s.model_dump(mode="json")
    for g in data["groups"]:
        g["premium"] = None
        g["premium_monthly"] = draw(st.sampled_from([8_400, 16_800, 20_000]))
    data["policy"]["global_cut"] = 0.0
    for src in data["sources"]:
        src["cut"] = 0.0
    return validate_scenario(data)


@SETTINGS
@given(_year_plans(), st.integers(2, 12))
def test_paid_to_date_plus_planned_is_the_years_cost(s: Scenario, month: int) -> None:
    year = run(s, RunOptions(explain=False, spare=False))
    if not year.ok:
        return
    again = replan_from(s, month)
    plan = run(again, RunOptions(explain=False, spare=False))
    assert plan.ok
    table = plan.by_group.set_index("group")
    assert int(table["dropped"].sum()) == 0  # no cut: every enrolled worker is kept
    paid = sum(src.spent_to_date for src in again.sources)
    groups = {g.id: g for g in s.groups}
    before = _funded(year)
    kept_cost = year_cost = planned = 0
    for g, row in table.iterrows():
        group = groups[str(g)]
        price = int(group.premium_monthly or 0)
        end = group.start_month + group.months - 1
        from_m = max(0, end - max(group.start_month, month) + 1)  # months left to pay
        planned += int(row["funded"]) * from_m * price
        if group.start_month >= month:  # not started: nobody enrolled, all of it planned anew
            assert row["enrolled"] == 0
            continue
        year_cost += before[g] * group.months * price
        if from_m == 0:  # its cover ended before month m: all of it was paid
            assert row["funded"] == 0
            continue
        assert row["enrolled"] == row["kept"] == before[g]  # no cut: every one of them kept
        assert row["kept"] + row["new"] == row["funded"]
        kept_cost += int(row["kept"]) * from_m * price
    assert planned == plan.total_cost
    assert paid + kept_cost == year_cost  # to the rupiah


def test_the_kutai_timur_example_adds_up() -> None:
    base = load_scenario("scenarios/kutim-2025.yaml")
    example = load_scenario("scenarios/kutim-2025-apbd-p.yaml")
    derived = replan_from(base, 10)
    assert {g.id: g.enrolled for g in example.groups} == {g.id: g.enrolled for g in derived.groups}
    assert ({x.id: x.spent_to_date for x in example.sources}
            == {x.id: x.spent_to_date for x in derived.sources}
            == {"apbd": 20_635_927_200, "apbdes": 537_020_820, "csr_tambang": 899_942_400,
                "csr_sawit": 562_464_000})
    result = run(example, RunOptions(changes=True))
    table = result.by_group.set_index("group")
    apbd = result.by_source.set_index("source").loc["apbd"]
    assert apbd["available"] == 30_240_000_000 * 85 // 100 - 20_635_927_200  # Rp5,068,072,800
    assert table["dropped"].sum() == 43_841  # as the file's comments work it out
    assert table["new"].sum() == 0
    apparatus = ["kepala_desa", "sekretaris_desa", "perangkat_desa", "anggota_bpd", "ketua_rt"]
    assert table.loc[apparatus, "kept"].sum() == 3_847  # the mandate holds
    assert "cover_ended" not in [m.code for m in result.warnings]  # no election group in 2025


def test_a_group_whose_cover_ended_before_the_month_is_not_planned_and_said() -> None:
    """The 2024 election's ad-hoc workers, covered January to March: nothing from October."""
    data = load_scenario("scenarios/kutim-2025.yaml").model_dump(mode="json")
    data["groups"].append({"id": "pemilu", "name": "Petugas ad hoc pemilu", "eligible": 7_189,
                           "months": 3, "start_month": 1, "tags": ["election"],
                           "premium": {"scheme": "wage", "wage": 1_500_000, "jkk_class": 1}})
    derived = replan_from(validate_scenario(data), 10)
    pemilu = next(g for g in derived.groups if g.id == "pemilu")
    assert pemilu.enrolled == 0  # their cover ended in March
    paid = {x.id: x.spent_to_date for x in derived.sources}
    assert paid["apbd"] == 20_635_927_200 + 7_189 * 3 * 8_100  # Rp1,500,000 x 0.54% a month
    result = run(derived)
    assert result.by_group.set_index("group").loc["pemilu", "funded"] == 0
    assert "cover_ended" in [m.code for m in result.warnings]


# --- enrolled workers first ------------------------------------------------------------------


@st.composite
def _with_enrolled(draw: st.DrawFn) -> Scenario:
    s = draw(scenarios(objectives=("max_covered",), max_groups=3, max_regions=2))
    data = s.model_dump(mode="json")
    regions = [r["id"] for r in data["regions"]]
    for g in data["groups"]:
        if regions:
            g["enrolled"] = {r: draw(st.integers(0, 40)) for r in regions}
        else:
            g["enrolled"] = draw(st.integers(0, 60))
        if draw(st.booleans()):
            g["priority"] = draw(st.integers(1, 2))
    for src in data["sources"]:
        src["spent_to_date"] = 0
    data["policy"]["from_month"] = draw(st.integers(1, 12))
    return validate_scenario(data)


@SETTINGS
@given(_with_enrolled())
def test_an_enrolled_worker_is_never_dropped_for_a_new_one(s: Scenario) -> None:
    inputs = derive(s)
    split = split_enrolled(inputs)
    sol = Solver(split, SolveOptions(time_limit=math.inf)).solve()
    if sol.status != "optimal":
        return
    keep = kept(split, sol.workers)
    funded: dict[tuple[str, str], int] = {}
    for (g, r, _), w in sol.workers.items():
        g = split.kept_of.get(g, g)
        funded[g, r] = funded.get((g, r), 0) + w
    for key, n in funded.items():
        new = n - keep.get(key, 0)
        if new > 0:
            assert keep.get(key, 0) == min(inputs.enrolled.get(key, 0), inputs.cap[key])


@SETTINGS
@given(_with_enrolled())
def test_the_most_enrolled_workers_are_kept(s: Scenario) -> None:
    """scipy's MILP: the most enrolled workers any plan keeps (each at its weight), rules held."""
    result = run(s, EXACT)
    if not result.ok:
        return
    plan = result.solution.workers
    assert check_plan(year_view(s), plan) == []
    best = _most_kept(s)
    assert best is not None
    weight = {g.id: g.weight for g in s.groups}  # the scenario's own worth of a worker
    got = (sum(weight[g] * k for g, k in zip(result.by_group["group"], result.by_group["kept"],
                                              strict=True))
           if "kept" in result.by_group else 0)
    assert got == pytest.approx(best)


def _most_kept(s: Scenario) -> float | None:
    full = year_view(s)
    m = model(full)
    n = len(m.cells)
    enrolled = {}
    for g in s.groups:
        for r, e in s.enrolled(g).items():
            if e:
                enrolled[g.id, r] = e
    keys = sorted(enrolled)
    k = len(keys)
    if n == 0:
        return 0
    a = np.zeros((m.a.shape[0] + k, n + k))
    a[: m.a.shape[0], :n] = m.a
    lo = np.concatenate([m.lo, np.full(k, -np.inf)])
    hi = np.concatenate([m.hi, np.zeros(k)])
    for i, key in enumerate(keys):  # kept - funded <= 0
        row = m.a.shape[0] + i
        a[row, n + i] = 1.0
        for j, c in enumerate(m.cells):
            if (c[0], c[1]) == key:
                a[row, j] = -1.0
    upper = np.concatenate([np.full(n, np.inf), [enrolled[key] for key in keys]])
    weight = {g.id: g.weight for g in s.groups}
    res = milp(np.concatenate([np.zeros(n), [-weight[g] for g, _ in keys]]),
               constraints=[LinearConstraint(a, lo, hi)],
               integrality=np.concatenate([np.ones(n), np.ones(k)]),
               bounds=Bounds(np.zeros(n + k), upper), options={"time_limit": 60})
    return None if res.status != 0 else float(-res.fun)


# --- bad input: a message naming the field, exit 2, nothing stored ----------------------------


def _kutim_data() -> dict[str, Any]:
    return load_scenario("scenarios/kutim-2025-apbd-p.yaml").model_dump(mode="json")


def test_a_month_outside_the_year_is_refused(tmp_path) -> None:
    data = _kutim_data()
    data["policy"]["from_month"] = 13
    path = tmp_path / "bad.yaml"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = runner.invoke(app, ["solve", str(path), "--lang", "en"])
    assert result.exit_code == 2
    assert "policy.from_month = 13" in result.output
    assert "a month 1 to 12" in result.output


def test_more_paid_than_the_cut_leaves_is_an_error_naming_the_source(tmp_path) -> None:
    data = _kutim_data()
    data["policy"]["global_cut"] = 0.5
    path = tmp_path / "bad.yaml"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = runner.invoke(app, ["solve", str(path), "--lang", "en"])
    assert result.exit_code == 2
    assert f"{path}: sources[0].spent_to_date = 20635927200" in result.output
    assert "money already paid cannot be cut" in result.output
    indonesian = runner.invoke(app, ["solve", str(path)])
    assert "uang yang sudah dibayar tidak dapat dipotong" in indonesian.output


def test_enrolled_above_eligible_is_a_warning(tmp_path) -> None:
    data = _kutim_data()
    data["groups"][0]["enrolled"] = 50_000  # 42,000 eligible
    result = run(validate_scenario(data))
    assert result.ok
    codes = {m.code: m for m in result.warnings}
    assert "enrolled_above_eligible" in codes
    assert "50,000 enrolled, above 42,000 eligible" in codes["enrolled_above_eligible"].text("en")


def test_new_workers_above_what_can_be_registered_is_a_warning() -> None:
    data = load_scenario("scenarios/kutim-2025.yaml").model_dump(mode="json")
    data["groups"][0]["new_limit"] = 1_000
    result = run(validate_scenario(data))
    codes = {m.code: m for m in result.warnings}
    assert "new_above_limit" in codes
    assert "adds 42,000 new workers, above the 1,000" in codes["new_above_limit"].text("en")


# --- from a saved plan ------------------------------------------------------------------------


def test_replan_a_saved_version_and_save_it_naming_where_it_came_from(tmp_path) -> None:
    db = f"sqlite:///{tmp_path / 'lib.db'}"
    saved = runner.invoke(app, ["library", "save", "scenarios/kutim-2025.yaml", "--name",
                                "Kutai Timur 2025", "--db", db, "--author", "tapd"])
    assert saved.exit_code == 0, saved.output
    result = runner.invoke(app, ["replan", "Kutai Timur 2025@1", "--month", "10", "--cut",
                                 "0.15", "--db", db, "--json", "--save", "--author", "tapd"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["replan_of"] == "Kutai Timur 2025@1"
    assert data["saved"] == {"name": "Kutai Timur 2025", "version": 2}
    groups = {g["id"]: g for g in data["groups"]}
    assert groups["petani"]["enrolled"] == 42_000
    assert groups["petani"]["kept"] + groups["petani"]["dropped"] == 42_000
    assert {s["id"]: s["spent_to_date"] for s in data["sources"]}["apbd"] == 20_635_927_200
    versions = runner.invoke(app, ["library", "versions", "Kutai Timur 2025", "--db", db,
                                   "--json"])
    notes = [v["note"] for v in json.loads(versions.stdout)]
    assert any("Kutai Timur 2025@1" in n and "10" in n for n in notes)


@pytest.mark.parametrize(("args", "words"), [
    (["--month", "13"], "a re-plan month is 2 to 12"),
    (["--month", "10", "--cut", "0.9"], "money already paid cannot be cut"),
])
def test_a_bad_replan_stores_nothing(tmp_path, args, words) -> None:
    db = f"sqlite:///{tmp_path / 'lib.db'}"
    data = load_scenario("scenarios/kutim-2025.yaml").model_dump(mode="json")
    data["sources"][0]["protected"] = False
    path = tmp_path / "p.yaml"
    path.write_text(json.dumps(data), encoding="utf-8")
    saved = runner.invoke(app, ["library", "save", str(path), "--name", "P", "--db", db,
                                "--author", "tapd"])
    assert saved.exit_code == 0, saved.output
    result = runner.invoke(app, ["replan", "P", *args, "--db", db, "--save", "--lang", "en",
                                 "--author", "tapd"])
    assert result.exit_code == 2, result.output
    assert words in result.output
    assert "Traceback" not in result.output
    versions = runner.invoke(app, ["library", "versions", "P", "--db", db, "--json"])
    assert len(json.loads(versions.stdout)) == 1


def test_replan_text_in_both_languages() -> None:
    for lang, words in (("id", ["Peserta terdaftar mulai bulan 10", "Berhenti", "Sudah dibayar"]),
                        ("en", ["Enrolled workers from month 10", "Dropped", "Paid to date"])):
        result = runner.invoke(app, ["solve", "scenarios/kutim-2025-apbd-p.yaml", "--lang", lang])
        assert result.exit_code == 0, result.output
        for w in words:
            assert w in result.stdout


def test_the_most_enrolled_are_kept_whatever_their_priority() -> None:
    """MODEL.md: keep the most enrolled workers, then the policy for new ones. A priority-1
    group's one dear worker does not push out two cheaper enrolled workers of priority 2
    (priority first would keep 1 + 2 = 3; the most kept is 4)."""
    data = {
        "name": "kept", "groups": [
            {"id": "dear", "eligible": 1, "enrolled": 1, "premium_monthly": 70_000,
             "months": 1},
            {"id": "cheap", "eligible": 4, "enrolled": 4, "premium_monthly": 12_000,
             "months": 1, "priority": 2},
        ],
        "sources": [{"id": "apbd", "kind": "apbd", "budget": 100_000}],
        "policy": {"from_month": 1},
    }
    table = run(validate_scenario(data)).by_group.set_index("group")
    assert table.loc["cheap", "kept"] == 4  # 48,000
    assert table.loc["dear", "kept"] == 0  # 70,000 more would not fit in 100,000
    assert int(table["dropped"].sum()) == 1
