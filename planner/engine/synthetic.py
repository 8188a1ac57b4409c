"""Generated scenarios of realistic shape, for tests and benchmarks.

A kabupaten has about 139 villages, 15 worker groups and 6 sources; a province about 1,000
villages, 15 groups and 8 sources. Head-counts, budgets and CSR rings are drawn from a seeded
generator, so a size and a seed always give the same scenario. Budgets fall short of covering
everyone, so the budget limits bind, as they do in the examples.
"""

from __future__ import annotations

import random
from typing import Any

from planner.engine.schema import Scenario, validate_scenario

__all__ = ["HARD_SIZES", "generate", "hard", "kabupaten", "province"]

_GROUPS: list[dict[str, Any]] = [
    {"id": "petani", "name": "Petani", "premium": {"scheme": "bpu", "declared_income": 1000000}},
    {"id": "pekebun_sawit", "name": "Pekebun sawit", "tags": ["palm_plantation"],
     "premium": {"scheme": "bpu", "declared_income": 1000000}},
    {"id": "nelayan", "name": "Nelayan", "premium": {"scheme": "bpu", "declared_income": 1200000}},
    {"id": "ojek", "name": "Pengemudi ojek", "sector": "transport",
     "premium": {"scheme": "bpu", "declared_income": 1000000}},
    {"id": "pedagang", "name": "Pedagang kecil",
     "premium": {"scheme": "bpu", "declared_income": 1000000}},
    {"id": "buruh_harian", "name": "Buruh harian", "tags": ["mustahik"],
     "premium": {"scheme": "bpu", "declared_income": 1000000}},
    {"id": "tokoh_agama", "name": "Tokoh agama", "premium_monthly": 16800},
    {"id": "pengrajin", "name": "Pengrajin",
     "premium": {"scheme": "bpu", "declared_income": 1500000}},
    {"id": "umkm", "name": "Pekerja UMKM",
     "premium": {"scheme": "bpu", "declared_income": 1000000}},
    {"id": "aparat_desa", "name": "Aparatur desa", "tags": ["village_apparatus"], "min_share": 0.95,
     "premium": {"scheme": "bpu", "declared_income": 1000000}},
    {"id": "ketua_rt", "name": "Ketua RT", "tags": ["village_apparatus"],
     "premium_monthly": 16800},
    {"id": "pemilu", "name": "Petugas pemilu", "months": 3, "start_month": 9,
     "premium": {"scheme": "wage", "wage": 1200000, "jkk_class": 2}},
    {"id": "kader_posyandu", "name": "Kader posyandu", "tags": ["village_apparatus"],
     "premium_monthly": 16800, "months": 6, "start_month": 7},
    {"id": "marbot", "name": "Marbot masjid", "tags": ["mustahik"], "premium_monthly": 16800},
    {"id": "laundry_salon", "name": "Pekerja laundry dan salon",
     "premium": {"scheme": "bpu", "declared_income": 1000000}},
]

_SOURCE_KINDS = ["apbd", "apbdes", "dbh_sawit", "zakat", "csr", "province", "csr", "other"]
_PREMIUM_YEAR = 201_600


def generate(
    villages: int,
    groups: int = 15,
    sources: int = 6,
    *,
    seed: int = 0,
    year: int = 2026,
    funding: float = 0.55,
    mandates: bool = True,
    equity: float = 0.0,
    village_mandates: bool = False,
    restricted: bool = False,
) -> Scenario:
    """Generate a scenario of ``villages`` regions, ``groups`` worker groups, ``sources`` sources.

    ``funding`` is the share of the cost of covering everyone (at Rp201,600 a year) that the
    sources hold together.

    The hard shapes a real region brings, each off by default:

    ``village_mandates``
        A mandate in every village on two groups: the village officials at 100% (``min_share``
        1.0) and the farmers at 60%, so the plan must fund a whole number of workers in each of
        the villages' cells, from sources that are not all allowed to pay for them.
    ``restricted``
        Sources restricted to some groups and to some districts: the palm-oil share pays only
        for plantation workers, farmers and day labourers; the province only for the first
        half of the villages; each CSR only for its ring of villages and four groups.
    """
    rng = random.Random(seed)
    regions = [{"id": f"desa_{i:04d}", "name": f"Desa {i}"} for i in range(villages)]
    ids = [r["id"] for r in regions]
    group_list = []
    total = 0
    for k in range(groups):
        base = dict(_GROUPS[k % len(_GROUPS)])
        if k >= len(_GROUPS):
            base["id"] = f"{base['id']}_{k}"
        if not mandates:
            base.pop("min_share", None)
        if village_mandates and base["id"].startswith("aparat_desa"):
            base["min_share"] = 1.0
        elif village_mandates and base["id"].startswith("petani"):
            base["min_share"] = 0.6
        scale = rng.choice([5, 20, 60, 150, 400])
        eligible = {v: rng.randint(0, scale) for v in ids}
        elsewhere = {v: rng.randint(0, n // 4) if rng.random() < 0.3 else 0
                     for v, n in eligible.items()}
        total += sum(eligible.values()) - sum(elsewhere.values())
        group_list.append({**base, "eligible": eligible, "covered_elsewhere": elsewhere})
    money = funding * total * _PREMIUM_YEAR
    weights = [rng.uniform(0.5, 1.5) for _ in range(sources)]
    weights[0] *= 4  # the APBD carries most of the line
    source_list = []
    for k in range(sources):
        kind = _SOURCE_KINDS[k % len(_SOURCE_KINDS)]
        src: dict[str, Any] = {
            "id": f"{kind}_{k}",
            "name": f"{kind.upper()} {k}",
            "kind": kind,
            "budget": int(money * weights[k] / sum(weights)),
        }
        if kind == "csr":  # a ring of villages around the company's operations
            start = rng.randrange(villages)
            ring = max(1, villages // 8)
            src["regions"] = [ids[(start + i) % villages] for i in range(ring)]
            src["cut"] = round(rng.choice([0.0, 0.1, 0.25]), 2)
        if kind == "apbd":
            src["protected"] = True
        if restricted:
            _restrict(src, kind, [g["id"] for g in group_list], ids, rng)
        source_list.append(src)
    data = {
        "name": f"Generated {villages} villages x {groups} groups x {sources} sources "
        f"(seed {seed})",
        "year": year,
        "regions": regions,
        "groups": group_list,
        "sources": source_list,
        "policy": {"objective": "max_covered", "global_cut": 0.1, "min_region_share": equity},
    }
    return validate_scenario(data)


def _restrict(src: dict[str, Any], kind: str, groups: list[str], villages: list[str],
              rng: random.Random) -> None:
    """Limit a source to some groups and some villages, as real funding lines are."""
    if kind == "dbh_sawit":
        src["groups"] = [g for g in groups
                         if g.startswith(("pekebun_sawit", "petani", "buruh_harian"))]
    elif kind == "province":
        src["regions"] = villages[: max(1, len(villages) // 2)]
    elif kind == "csr":
        src["groups"] = sorted(rng.sample(groups, min(4, len(groups))))


# The hard shapes at the sizes benchmarks/engine.py measures: (villages, groups, sources) giving
# about 2k, 4k, 5k, 50k and 76k variables once funding rules and restrictions have been applied.
HARD_SIZES: dict[str, tuple[int, int, int]] = {
    "2k": (72, 15, 6),
    "4k": (139, 15, 7),
    "5k": (120, 15, 8),
    "50k": (1200, 15, 8),
    "76k": (1200, 15, 12),
}


def hard(size: str = "5k", seed: int = 0, funding: float = 0.45) -> Scenario:
    """Generate a region with every hard shape: village mandates, restricted sources, tight money.

    ``size`` is a key of :data:`HARD_SIZES`; the money covers ``funding`` of everyone (45% by
    default), so budgets bind and the village officials' 100% mandate competes with everyone
    else for it.
    """
    villages, groups, sources = HARD_SIZES[size]
    scenario = generate(villages, groups, sources, seed=seed, funding=funding,
                        village_mandates=True, restricted=True)
    return scenario.model_copy(update={"name": f"Hard {size}: {scenario.name}"})


def kabupaten(seed: int = 0) -> Scenario:
    """Generate a kabupaten at village level: 139 villages x 15 groups x 6 sources."""
    return generate(139, 15, 6, seed=seed)


def province(seed: int = 0) -> Scenario:
    """Generate a province at village level: 1,000 villages x 15 groups x 8 sources."""
    return generate(1000, 15, 8, seed=seed)
