"""planner.engine.schema: the scenario contract of MODEL.md and every way a scenario is rejected."""

from __future__ import annotations

import copy
import re
from typing import Any

import pydantic
import pytest

from planner.engine.schema import Group, Scenario, Source, is_valid_id, validate_scenario
from planner.errors import Problem, ScenarioError

FILE = "scenarios/uji.yaml"
DELETE = object()


def minimal() -> dict[str, Any]:
    """The smallest valid scenario: one group, one source, no regions."""
    return {
        "name": "Uji minimal",
        "groups": [{"id": "petani", "eligible": 10, "premium_monthly": 16800}],
        "sources": [{"id": "apbd", "kind": "apbd", "budget": 1_008_000}],
    }


def with_regions() -> dict[str, Any]:
    """A valid scenario using every field, with two regions."""
    return {
        "name": "Kutai Timur 2026 - uji",
        "year": 2026,
        "description": "semua kolom",
        "regions": [
            {"id": "sangatta_utara", "name": "Sangatta Utara"},
            {"id": "bengalon", "name": "Bengalon"},
        ],
        "groups": [
            {
                "id": "petani",
                "name": "Petani dan pekebun",
                "eligible": {"sangatta_utara": 300, "bengalon": 200},
                "covered_elsewhere": {"sangatta_utara": 10, "bengalon": 0},
                "premium": {
                    "scheme": "bpu",
                    "declared_income": 1_000_000,
                    "programmes": ["jkk", "jkm"],
                },
                "months": 12,
                "start_month": 1,
                "sector": "other",
                "tags": ["palm_plantation"],
                "weight": 1.5,
                "min_share": 0.1,
                "max_share": 0.9,
            },
            {
                "id": "pemilu",
                "name": "Petugas pemilu",
                "eligible": {"sangatta_utara": 40, "bengalon": 0},
                "premium": {"scheme": "wage", "wage": 1_500_000, "jkk_class": 1},
                "months": 3,
                "start_month": 10,
            },
        ],
        "sources": [
            {
                "id": "apbd",
                "name": "APBD Kutim",
                "kind": "apbd",
                "budget": 30_240_000_000,
                "cut": 0.1,
                "protected": True,
                "groups": "all",
                "regions": "all",
            },
            {
                "id": "csr_pkt",
                "name": "CSR",
                "kind": "csr",
                "budget": 500_000_000,
                "groups": ["petani"],
                "regions": ["bengalon"],
            },
        ],
        "policy": {
            "objective": "min_cost",
            "global_cut": 0.2,
            "target_covered": 400,
            "min_region_share": 0.05,
            "funding_rules": "off",
            "premium_discounts": False,
        },
    }


BASES = {"minimal": minimal, "regions": with_regions}


def _steps(path: str) -> list[str | int]:
    return [int(p) if p.isdigit() else p for p in re.findall(r"[^.\[\]]+", path)]


def edit(data: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A copy of ``data`` with the field at ``path`` (``sources[0].cut``) set, added or deleted."""
    data = copy.deepcopy(data)
    *head, last = _steps(path)
    node: Any = data
    for step in head:
        if isinstance(step, str) and step not in node:
            node[step] = {}
        node = node[step]
    if value is DELETE:
        del node[last]
    elif isinstance(node, list) and last == len(node):
        node.append(value)
    else:
        node[last] = value
    return data


def rejected(data: Any, file: str | None = FILE) -> ScenarioError:
    with pytest.raises(ScenarioError) as info:
        validate_scenario(data, file)
    return info.value


def paths(err: ScenarioError) -> list[str]:
    return [p.path for p in err.problems]


# --- acceptance ---------------------------------------------------------------------------------


def test_minimal_scenario_gets_the_defaults_of_the_contract():
    s = validate_scenario(minimal(), FILE)
    assert isinstance(s, Scenario)
    assert s.name == "Uji minimal"
    assert s.year == 2025
    assert s.regions == ()
    assert s.region_ids == ("all",)
    g = s.groups[0]
    assert (g.months, g.start_month, g.sector, g.weight) == (12, 1, "other", 1.0)
    assert (g.min_share, g.max_share, g.covered_elsewhere, g.tags) == (0.0, 1.0, 0, ())
    assert g.premium is None
    assert g.premium_monthly == 16800
    assert g.label == "petani"
    src = s.sources[0]
    assert (src.cut, src.protected, src.groups, src.regions) == (0.0, False, "all", "all")
    assert src.label == "apbd"
    p = s.policy
    assert (p.objective, p.global_cut, p.target_covered) == ("max_covered", 0.0, None)
    assert (p.min_region_share, p.funding_rules, p.premium_discounts) == (0.0, "strict", True)


def test_full_scenario_with_regions_keeps_every_field():
    s = validate_scenario(with_regions(), FILE)
    assert s.year == 2026
    assert s.region_ids == ("sangatta_utara", "bengalon")
    petani, pemilu = s.groups
    assert petani.label == "Petani dan pekebun"
    assert petani.premium is not None
    assert petani.premium.scheme == "bpu"
    assert petani.premium.declared_income == 1_000_000
    assert petani.premium.programmes == ("jkk", "jkm")
    assert petani.tags == ("palm_plantation",)
    assert (petani.weight, petani.min_share, petani.max_share) == (1.5, 0.1, 0.9)
    assert pemilu.premium is not None
    assert (pemilu.premium.scheme, pemilu.premium.wage, pemilu.premium.jkk_class) == (
        "wage",
        1_500_000,
        1,
    )
    assert (pemilu.months, pemilu.start_month) == (3, 10)
    apbd, csr = s.sources
    assert (apbd.cut, apbd.protected, apbd.groups) == (0.1, True, "all")
    assert (csr.groups, csr.regions) == (("petani",), ("bengalon",))
    assert s.policy.objective == "min_cost"
    assert s.policy.target_covered == 400
    assert s.policy.premium_discounts is False


def test_a_single_group_id_is_read_as_a_list_of_one():
    data = edit(minimal(), "sources[0].groups", "petani")
    assert validate_scenario(data).sources[0].groups == ("petani",)


@pytest.mark.parametrize(("start_month", "months"), [(1, 12), (12, 1), (10, 3), (4, 9)])
def test_cover_that_ends_in_december_is_accepted(start_month, months):
    data = edit(edit(minimal(), "groups[0].start_month", start_month), "groups[0].months", months)
    g = validate_scenario(data).groups[0]
    assert (g.start_month, g.months) == (start_month, months)


@pytest.mark.parametrize("share", [0.0, 1.0])
def test_shares_at_both_ends_are_accepted(share):
    data = edit(minimal(), "sources[0].cut", share)
    data = edit(data, "policy.global_cut", share)
    data = edit(data, "groups[0].min_share", share)
    s = validate_scenario(data)
    assert (s.sources[0].cut, s.policy.global_cut, s.groups[0].min_share) == (share, share, share)


# --- every rejection path -----------------------------------------------------------------------

SPELLING = "check its spelling"
MISSING = "required field is missing"
ID_HINT = "only lower-case letters, digits and underscores"
CUT_HINT = "a cut is a share from 0 to 1 (40% is 0.4)"
SHARE_HINT = "a share is a number from 0 to 1"
MONEY_HINT = "whole non-negative number, without separators or 'Rp'"
HEADCOUNT_HINT = "a head-count is a whole non-negative number"
MONTHLY_HINT = "a monthly amount in rupiah is a whole number above 0 (e.g. 1000000)"

REJECTIONS = [
    # unknown fields, at every level
    ("minimal", "colour", "merah", "colour", SPELLING),
    ("minimal", "groups[0].colour", "merah", "groups[0].colour", SPELLING),
    ("minimal", "sources[0].colour", "merah", "sources[0].colour", SPELLING),
    ("minimal", "policy.colour", "merah", "policy.colour", SPELLING),
    ("regions", "regions[0].colour", "merah", "regions[0].colour", SPELLING),
    # required fields
    ("minimal", "name", DELETE, "name", MISSING),
    ("minimal", "groups", DELETE, "groups", MISSING),
    ("minimal", "sources", DELETE, "sources", MISSING),
    ("minimal", "groups[0].id", DELETE, "groups[0].id", MISSING),
    ("minimal", "groups[0].eligible", DELETE, "groups[0].eligible", MISSING),
    ("minimal", "sources[0].kind", DELETE, "sources[0].kind", MISSING),
    ("minimal", "sources[0].budget", DELETE, "sources[0].budget", MISSING),
    ("minimal", "groups", [], "groups", "groups must list at least one worker group"),
    ("minimal", "sources", [], "sources", "sources must list at least one funding source"),
    ("minimal", "name", "", "name", "the scenario name is text of 1 to 200 characters"),
    ("minimal", "regions", "bengalon", "regions", "regions is a list of regions, e.g. [{id: "),
    # duplicate ids
    (
        "minimal",
        "groups[1]",
        {"id": "petani", "eligible": 1, "premium_monthly": 1},
        "groups[1].id",
        "already used in groups",
    ),
    (
        "minimal",
        "sources[1]",
        {"id": "apbd", "kind": "csr", "budget": 1},
        "sources[1].id",
        "already used in sources",
    ),
    ("regions", "regions[1].id", "sangatta_utara", "regions[1].id", "already used in regions"),
    # bad ids
    ("minimal", "groups[0].id", "Petani", "groups[0].id", ID_HINT),
    ("minimal", "groups[0].id", "petani sawit", "groups[0].id", ID_HINT),
    ("minimal", "sources[0].id", "apbd-kutim", "sources[0].id", ID_HINT),
    ("regions", "regions[1].id", "Bengalon", "regions[1].id", ID_HINT),
    ("minimal", "groups[0].tags", ["Desa"], "groups[0].tags[0]", ID_HINT),
    ("regions", "regions[1].id", "all", "regions[1].id", "'all' is reserved"),
    # references to ids that do not exist
    (
        "minimal",
        "sources[0].groups",
        ["nelayan"],
        "sources[0].groups[0]",
        "no such worker group; known groups: petani",
    ),
    (
        "regions",
        "sources[1].groups",
        ["petani", "ojek"],
        "sources[1].groups[1]",
        "no such worker group; known groups: pemilu, petani",
    ),
    (
        "regions",
        "sources[1].regions",
        ["kaliorang"],
        "sources[1].regions[0]",
        "no such region; known regions: bengalon, sangatta_utara",
    ),
    ("minimal", "sources[0].regions", ["bengalon"], "sources[0].regions[0]", "known regions: -"),
    (
        "regions",
        "groups[0].eligible.kaliorang",
        5,
        "groups[0].eligible.kaliorang",
        "no such region",
    ),
    # months of cover
    (
        "minimal",
        "groups[0]",
        {"id": "petani", "eligible": 10, "premium_monthly": 16800, "start_month": 10, "months": 4},
        "groups[0].months",
        "goes past month 12",
    ),
    ("minimal", "groups[0].months", 0, "groups[0].months", "from 1 to 12"),
    ("minimal", "groups[0].months", 13, "groups[0].months", "from 1 to 12"),
    ("minimal", "groups[0].start_month", 0, "groups[0].start_month", "1 (January) to 12"),
    ("minimal", "groups[0].start_month", 13, "groups[0].start_month", "1 (January) to 12"),
    # shares
    ("minimal", "sources[0].cut", 1.4, "sources[0].cut", CUT_HINT),
    ("minimal", "sources[0].cut", -0.1, "sources[0].cut", CUT_HINT),
    ("minimal", "policy.global_cut", 1.4, "policy.global_cut", CUT_HINT),
    ("minimal", "policy.global_cut", -0.1, "policy.global_cut", CUT_HINT),
    ("minimal", "groups[0].min_share", 1.4, "groups[0].min_share", SHARE_HINT),
    ("minimal", "groups[0].min_share", -0.1, "groups[0].min_share", SHARE_HINT),
    ("minimal", "groups[0].max_share", 1.4, "groups[0].max_share", SHARE_HINT),
    ("minimal", "groups[0].max_share", -0.1, "groups[0].max_share", SHARE_HINT),
    ("minimal", "policy.min_region_share", 1.4, "policy.min_region_share", SHARE_HINT),
    ("minimal", "policy.min_region_share", -0.1, "policy.min_region_share", SHARE_HINT),
    ("regions", "groups[0].min_share", 0.95, "groups[0].min_share", "is above max_share"),
    # premium
    (
        "minimal",
        "groups[0].premium",
        {"scheme": "bpu", "declared_income": 1_000_000},
        "groups[0].premium_monthly",
        "exactly one of premium_monthly",
    ),
    (
        "minimal",
        "groups[0].premium_monthly",
        DELETE,
        "groups[0].premium_monthly",
        "exactly one of premium_monthly",
    ),
    (
        "regions",
        "groups[0].premium",
        {"scheme": "bpu"},
        "groups[0].premium.declared_income",
        "needs declared_income",
    ),
    ("regions", "groups[1].premium", {"scheme": "wage"}, "groups[1].premium.wage", "needs wage"),
    (
        "regions",
        "groups[1].premium",
        {"scheme": "wage", "wage": 1_500_000, "programmes": ["jkk", "jkm", "jht"]},
        "groups[1].premium.programmes",
        "remove jht",
    ),
    (
        "regions",
        "groups[1].premium.jkk_class",
        6,
        "groups[1].premium.jkk_class",
        "the JKK risk class is 1 (very low) to 5 (very high)",
    ),
    (
        "regions",
        "groups[1].premium.programmes",
        [],
        "groups[1].premium.programmes",
        "at least one programme",
    ),
    (
        "regions",
        "groups[0].premium.programmes",
        [],
        "groups[0].premium.programmes",
        "at least one programme",
    ),
    (
        "regions",
        "groups[0].premium.programmes",
        ["jkk", "jkp"],
        "groups[0].premium.programmes[1]",
        "programmes is a list of jkk, jkm, jht",
    ),
    ("regions", "groups[0].premium.scheme", "pbi", "groups[0].premium.scheme", "bpu or wage"),
    (
        "regions",
        "groups[0].premium.declared_income",
        0,
        "groups[0].premium.declared_income",
        MONTHLY_HINT,
    ),
    ("regions", "groups[1].premium.wage", -1, "groups[1].premium.wage", MONTHLY_HINT),
    ("minimal", "sources[0].protected", "ya", "sources[0].protected", "write true or false"),
    (
        "minimal",
        "policy.premium_discounts",
        "ya",
        "policy.premium_discounts",
        "write true or false",
    ),
    ("minimal", "groups[0].premium_monthly", -1, "groups[0].premium_monthly", MONEY_HINT),
    # eligible and covered elsewhere
    (
        "regions",
        "groups[1].eligible",
        {"sangatta_utara": 40},
        "groups[1].eligible",
        "add: bengalon",
    ),
    (
        "minimal",
        "groups[0].eligible",
        {"sangatta_utara": 10},
        "groups[0].eligible",
        "write one number or add a regions list",
    ),
    (
        "minimal",
        "groups[0].covered_elsewhere",
        {"sangatta_utara": 1},
        "groups[0].covered_elsewhere",
        "write one number or add a regions list",
    ),
    ("regions", "groups[1].eligible", 40, "groups[1].eligible", "give a figure per region"),
    (
        "regions",
        "groups[0].covered_elsewhere",
        5,
        "groups[0].covered_elsewhere",
        "give a figure per region",
    ),
    ("minimal", "groups[0].eligible", -1, "groups[0].eligible", HEADCOUNT_HINT),
    ("minimal", "groups[0].eligible", 1.5, "groups[0].eligible", HEADCOUNT_HINT),
    ("regions", "groups[0].eligible.bengalon", -5, "groups[0].eligible.bengalon", HEADCOUNT_HINT),
    # money
    ("minimal", "sources[0].budget", "30 miliar", "sources[0].budget", MONEY_HINT),
    ("minimal", "sources[0].budget", 1.5, "sources[0].budget", MONEY_HINT),
    ("minimal", "sources[0].budget", -1, "sources[0].budget", MONEY_HINT),
    # enumerations
    ("minimal", "sources[0].kind", "bank", "sources[0].kind", "one of apbd, apbdes"),
    (
        "minimal",
        "policy.objective",
        "max_coverage",
        "policy.objective",
        "one of max_covered, max_worker_months, min_cost",
    ),
    ("minimal", "policy.funding_rules", "loose", "policy.funding_rules", "strict or off"),
    ("minimal", "groups[0].sector", "mining", "groups[0].sector", "transport or other"),
    ("minimal", "groups[0].weight", 0, "groups[0].weight", "a number above 0"),
    ("minimal", "year", "dua ribu", "year", "the budget year is a whole number"),
    # the reverse question needs a target
    (
        "minimal",
        "policy.objective",
        "min_cost",
        "policy.target_covered",
        "min_cost needs target_covered",
    ),
]


@pytest.mark.parametrize(
    ("base", "field", "value", "path", "hint"),
    [pytest.param(*case, id=f"{case[0]}:{case[1]}={case[2]!r}"[:60]) for case in REJECTIONS],
)
def test_rejection_names_file_field_and_fix(base, field, value, path, hint):
    err = rejected(edit(BASES[base](), field, value))
    assert path in paths(err), err.render("en")
    assert err.file == FILE
    text = err.render("en")
    line = next(x for x in text.splitlines() if x.startswith(f"{FILE}: {path}"))
    assert hint in line


@pytest.mark.parametrize(
    "data",
    [[], ["name", "groups"], "Uji", None, 42],
    ids=["empty-list", "list", "string", "none", "number"],
)
def test_not_a_mapping_is_rejected(data):
    err = rejected(data)
    assert paths(err) == [""]
    assert err.render("en") == (
        f"{FILE}: (file): "
        "a scenario file must hold key: value pairs (name:, groups:, sources:, ...)"
    )


def test_unknown_field_render_shows_the_value_and_the_fix():
    err = rejected(edit(minimal(), "sources[0].cut", 1.4))
    assert err.render("en") == (
        f"{FILE}: sources[0].cut = 1.4: a cut is a share from 0 to 1 (40% is 0.4)"
    )
    assert err.render("id") == (
        f"{FILE}: sources[0].cut = 1.4: pemotongan adalah porsi dari 0 sampai 1 (40% ditulis 0.4)"
    )


def test_error_without_a_file_names_the_field_only():
    err = rejected(edit(minimal(), "sources[0].cut", 1.4), file=None)
    assert err.file is None
    assert err.render("en").startswith("sources[0].cut = 1.4: ")


def test_every_problem_is_reported_at_once():
    data = edit(minimal(), "sources[0].cut", 1.4)
    data = edit(data, "groups[0].months", 13)
    data = edit(data, "colour", "merah")
    data = edit(data, "policy.objective", "max_coverage")
    err = rejected(data)
    assert len(err.problems) >= 4
    assert {"sources[0].cut", "groups[0].months", "colour", "policy.objective"} <= set(paths(err))
    assert len(err.render("en").splitlines()) == len(err.problems)


def test_every_cross_field_problem_is_reported_at_once():
    data = edit(with_regions(), "sources[1].groups", ["ojek"])
    data = edit(data, "groups[1].eligible", {"bengalon": 1})
    data = edit(data, "policy.target_covered", None)
    err = rejected(data)
    assert {"sources[1].groups[0]", "groups[1].eligible", "policy.target_covered"} <= set(
        paths(err)
    )


def test_cross_field_problems_come_with_field_problems():
    data = edit(minimal(), "sources[0].cut", 1.4)
    data = edit(data, "sources[0].groups", ["nelayan"])
    assert {"sources[0].cut", "sources[0].groups[0]"} <= set(paths(rejected(data)))


def test_every_kind_of_cross_field_problem_comes_with_field_problems():
    data = edit(with_regions(), "sources[0].cut", 1.4)  # a field problem
    data = edit(data, "groups[0].months", 13)  # another field problem
    data = edit(data, "sources[1].groups", ["ojek"])  # unknown group
    data = edit(data, "sources[1].regions", ["kaliorang"])  # unknown region
    data = edit(data, "regions[1].id", "sangatta_utara")  # duplicate id
    data = edit(data, "groups[1].eligible", {"sangatta_utara": 40, "muara_wahau": 1})
    data = edit(data, "policy.target_covered", None)  # min_cost without a target
    err = rejected(data)
    assert {
        "sources[0].cut",
        "groups[0].months",
        "sources[1].groups[0]",
        "sources[1].regions[0]",
        "regions[1].id",
        "groups[1].eligible.muara_wahau",
        "policy.target_covered",
    } <= set(paths(err)), err.render("en")
    assert len(err.render("en").splitlines()) == len(err.problems)


@pytest.mark.parametrize(
    ("base", "field", "value", "path", "id_text", "en_text"),
    [
        (
            "regions",
            "groups[1].premium.jkk_class",
            6,
            "groups[1].premium.jkk_class = 6",
            "kelas risiko JKK adalah 1 (sangat rendah) sampai 5 (sangat tinggi)",
            "the JKK risk class is 1 (very low) to 5 (very high)",
        ),
        (
            "regions",
            "groups[0].premium.declared_income",
            0,
            "groups[0].premium.declared_income = 0",
            "jumlah rupiah per bulan harus bilangan bulat lebih dari 0 (mis. 1000000)",
            MONTHLY_HINT,
        ),
        (
            "regions",
            "groups[1].premium.wage",
            -1,
            "groups[1].premium.wage = -1",
            "jumlah rupiah per bulan harus bilangan bulat lebih dari 0 (mis. 1000000)",
            MONTHLY_HINT,
        ),
        (
            "minimal",
            "groups",
            [],
            "groups = []",
            "daftar kelompok pekerja (groups) harus berisi minimal satu kelompok",
            "groups must list at least one worker group",
        ),
        (
            "minimal",
            "sources[0].protected",
            "ya",
            "sources[0].protected = 'ya'",
            "tulis true atau false",
            "write true or false",
        ),
    ],
    ids=["jkk_class", "declared_income", "wage", "empty-groups", "protected"],
)
def test_every_problem_is_worded_in_indonesian(base, field, value, path, id_text, en_text):
    err = rejected(edit(BASES[base](), field, value))
    assert err.render("id") == f"{FILE}: {path}: {id_text}"
    assert err.render("en") == f"{FILE}: {path}: {en_text}"
    assert "should" not in err.render("id")


def _line(err: ScenarioError, path: str) -> str:
    return next(x for x in err.render("en").splitlines() if x.startswith(f"{FILE}: {path} "))


@pytest.mark.parametrize(
    ("base", "field", "value", "path"),
    [
        ("minimal", "sources[0].groups", ["Petani"], "sources[0].groups[0]"),
        ("regions", "sources[1].regions", ["Bengalon"], "sources[1].regions[0]"),
    ],
    ids=["source-groups", "source-regions"],
)
def test_a_bad_id_in_a_source_list_gets_the_id_hint(base, field, value, path):
    line = _line(rejected(edit(BASES[base](), field, value)), path)
    assert ID_HINT in line


@pytest.mark.parametrize(
    ("base", "field", "value", "path"),
    [
        ("minimal", "groups[0].name", 5, "groups[0].name"),
        ("minimal", "sources[0].name", ["x"], "sources[0].name"),
        ("regions", "regions[0].name", 5, "regions[0].name"),
    ],
    ids=["group", "source", "region"],
)
def test_a_bad_name_below_the_top_level_is_not_called_the_scenario_name(base, field, value, path):
    line = _line(rejected(edit(BASES[base](), field, value)), path)
    assert "the scenario name" not in line


def test_a_group_that_is_not_a_mapping_is_not_called_an_empty_list():
    line = _line(rejected(edit(minimal(), "groups[0]", "petani")), "groups[0]")
    assert "at least one worker group" not in line


def test_a_region_that_is_not_a_mapping_adds_no_false_reference_problems():
    err = rejected(edit(with_regions(), "regions[0]", "sangatta_utara"))
    assert paths(err) == ["regions[0]"], err.render("en")


def test_indonesian_rendering_differs_from_english():
    data = edit(edit(minimal(), "sources[0].cut", 1.4), "groups[0].months", 13)
    err = rejected(data)
    id_text, en_text = err.render("id"), err.render("en")
    assert id_text != en_text
    assert "pemotongan adalah porsi dari 0 sampai 1" in id_text
    assert "lama perlindungan adalah 1 sampai 12 bulan" in id_text
    assert "a cut is a share" not in id_text
    assert str(err) == id_text  # Bahasa Indonesia is the default


def test_problems_are_problem_objects_with_the_bad_value():
    err = rejected(edit(minimal(), "sources[0].budget", "30 miliar"))
    (problem,) = err.problems
    assert isinstance(problem, Problem)
    assert (problem.path, problem.value, problem.has_value) == (
        "sources[0].budget",
        "30 miliar",
        True,
    )


def test_duplicate_id_reports_the_later_one():
    data = edit(minimal(), "groups[1]", {"id": "nelayan", "eligible": 1, "premium_monthly": 1})
    data = edit(data, "groups[2]", {"id": "petani", "eligible": 1, "premium_monthly": 1})
    assert paths(rejected(data)) == ["groups[2].id"]


# --- models -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "attribute", "value"),
    [
        (lambda s: s, "name", "lain"),
        (lambda s: s.groups[0], "eligible", 1),
        (lambda s: s.sources[0], "budget", 1),
        (lambda s: s.policy, "global_cut", 0.5),
        (lambda s: s.regions[0], "id", "lain"),
        (lambda s: s.groups[0].premium, "declared_income", 2_000_000),
    ],
    ids=["scenario", "group", "source", "policy", "region", "premium"],
)
def test_models_are_frozen(target, attribute, value):
    obj = target(validate_scenario(with_regions()))
    before = getattr(obj, attribute)
    with pytest.raises(pydantic.ValidationError, match="frozen"):
        setattr(obj, attribute, value)
    assert getattr(obj, attribute) == before


def test_eligible_and_covered_elsewhere_per_region():
    s = validate_scenario(with_regions())
    petani, pemilu = s.groups
    assert s.eligible(petani) == {"sangatta_utara": 300, "bengalon": 200}
    assert s.covered_elsewhere(petani) == {"sangatta_utara": 10, "bengalon": 0}
    assert s.eligible(pemilu) == {"sangatta_utara": 40, "bengalon": 0}
    assert s.covered_elsewhere(pemilu) == {"sangatta_utara": 0, "bengalon": 0}


def test_eligible_without_regions_is_under_all():
    s = validate_scenario(edit(minimal(), "groups[0].covered_elsewhere", 3))
    assert s.eligible(s.groups[0]) == {"all": 10}
    assert s.covered_elsewhere(s.groups[0]) == {"all": 3}


def test_with_global_cut_returns_a_new_scenario():
    s = validate_scenario(with_regions())
    cut = s.with_global_cut(0.3)
    assert cut.policy.global_cut == 0.3
    assert s.policy.global_cut == 0.2
    assert cut.groups == s.groups
    assert cut.sources == s.sources
    assert cut.policy.model_copy(update={"global_cut": 0.2}) == s.policy


@pytest.mark.parametrize("cut", [1.5, -0.1])
def test_with_global_cut_rejects_a_cut_outside_0_to_1(cut):
    s = validate_scenario(minimal())
    with pytest.raises(ScenarioError) as info:
        s.with_global_cut(cut)
    assert paths(info.value) == ["policy.global_cut"]
    assert CUT_HINT in info.value.render("en")


def test_group_and_source_validate_alone():
    g = Group.model_validate(
        {"id": "ojek", "eligible": 5, "premium_monthly": 16800, "sector": "transport"}
    )
    assert g.sector == "transport"
    src = Source.model_validate({"id": "zakat", "kind": "zakat", "budget": 0})
    assert src.budget == 0
    with pytest.raises(pydantic.ValidationError):
        Group.model_validate({"id": "ojek", "eligible": 5})


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("petani", True),
        ("desa_01", True),
        ("2026", True),
        ("Petani", False),
        ("petani sawit", False),
        ("apbd-kutim", False),
        ("", False),
    ],
)
def test_is_valid_id(text, valid):
    assert is_valid_id(text) is valid
