"""The national example: one kabupaten-size scenario for each of Indonesia's 514 regions.

``planner batch --generate indonesia`` plans every kabupaten and kota at once. The data kept in
the repository is small (``data/provinces.csv``: the 38 provinces, their number of kabupaten and
kota, their informal workers; ``data/kaltim.csv``: East Kalimantan's reported premium lines); the
rest is drawn from a generator seeded by the seed and the region's id, so a seed always gives the
same 514 scenarios, whatever their order.

Assumptions (each region's figures are ILLUSTRATIVE; only the national totals and the East
Kalimantan lines are reported figures):

- A region's informal workers are its province's, shared over its kabupaten (weight 0.6 to 1.6)
  and kota (0.3 to 0.9); 45% to 65% of them are vulnerable workers the region may pay for
  (eligible); East Kalimantan: about 500,000 of 853,000.
- Worker groups: farmers, small traders, day labourers (mustahik, so zakat may pay), ojek
  drivers, and in some regions fishers and MSME workers; in a kabupaten also the village
  apparatus (8 to 14 a village, 80 to 300 villages; half of the kabupaten mandate 100% cover),
  all at the BPU premium of Rp16,800 a month (Rp201,600 a year). Three to five districts.
- The APBD premium line pays for 3% to 40% of the eligible workers at Rp201,600 (median about
  10%; Kutai Timur's Rp30.24 bn for 150,000 workers, Kutai Kartanegara's Rp10 bn, Bontang's
  Rp7.2 bn and Penajam Paser Utara's Rp3.0 bn are kept as reported); one region in four protects
  it from cuts (Kutai Timur did in 2025). Village budgets (APBDes) hold 60% to 110% of what
  their apparatus costs. The province pays for 0% to 3% of its eligible workers, shared over its
  regions by head-count (East Kalimantan: Rp20.16 bn for 100,000 workers). Half of the regions
  have a CSR fund (Rp200 million to Rp1.5 billion, a few groups, one or two districts), 40% a
  zakat fund for mustahik workers.
- National coverage: 145.77 million employed and 86.6 million informal workers (February 2025);
  Universal Coverage Jamsostek 35.68% in April 2025, RPJMN target 43.92% by 2029. Its
  denominator is taken as the employed population.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from planner.engine.yamlio import dump_yaml

__all__ = [
    "EMPLOYED",
    "INFORMAL",
    "PREMIUM_YEAR",
    "UCJ_2025",
    "UCJ_2029",
    "Province",
    "Region",
    "generate",
    "provinces",
]

DATA: Final = Path(__file__).resolve().parent / "data"
EMPLOYED: Final = 145_770_000  # BPS Sakernas, February 2025
INFORMAL: Final = 86_600_000  # 59.40% of the employed, February 2025
UCJ_2025: Final = 0.3568  # Universal Coverage Jamsostek, April 2025
UCJ_2029: Final = 0.4392  # RPJMN 2025-2029 target
PREMIUM_MONTH: Final = 16_800  # BPU JKK + JKM on a declared income of Rp1,000,000
PREMIUM_YEAR: Final = 12 * PREMIUM_MONTH
PROVINCE_LINE_KALTIM: Final = 100_000 * PREMIUM_YEAR  # Pergub 19/2023: 100,000 workers
YEAR: Final = 2025

# (id, name, share of the region's eligible workers, tags, sector); the last three are optional
_GROUPS: Final = (
    ("petani", "Petani dan pekebun", 0.35, (), "other"),
    ("pedagang", "Pedagang kecil", 0.20, (), "other"),
    ("buruh_harian", "Buruh harian lepas", 0.20, ("mustahik",), "other"),
    ("ojek", "Pengemudi ojek", 0.07, (), "transport"),
    ("nelayan", "Nelayan", 0.08, (), "other"),
    ("umkm", "Pekerja UMKM", 0.10, (), "other"),
)
_OPTIONAL: Final = {"nelayan": 0.6, "umkm": 0.5}  # the chance a region has the group


@dataclass(frozen=True)
class Province:
    """A province's row of ``data/provinces.csv``."""

    id: str
    name: str
    kabupaten: int
    kota: int
    informal_workers: int


@dataclass(frozen=True)
class Region:
    """One generated regional scenario: its YAML text and where it lies."""

    id: str
    name: str
    province: str
    kind: str  # kabupaten | kota
    yaml_text: str


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


def provinces() -> list[Province]:
    """Return the 38 provinces of ``data/provinces.csv``, in the file's order."""
    return [Province(r["province"], r["name"], int(r["kabupaten"]), int(r["kota"]),
                     int(r["informal_workers"])) for r in _rows("provinces.csv")]


def _split(total: int, weights: list[float]) -> list[int]:
    """Share ``total`` whole workers by ``weights``; the rounding goes to the largest share."""
    shares = [int(total * w / sum(weights)) for w in weights]
    shares[weights.index(max(weights))] += total - sum(shares)
    return shares


def _round_million(amount: float) -> int:
    return max(10**6, round(amount / 10**6) * 10**6)


@dataclass(frozen=True)
class _Plan:
    """What a region is before it is written out: its head-counts and its lines."""

    id: str
    name: str
    kind: str
    eligible: int
    apbd: int
    protected: bool
    dbh_sawit: int = 0


def _plans(p: Province, seed: int) -> list[_Plan]:
    """Draw the regions of province ``p``; East Kalimantan's keep their reported lines."""
    known = {r["region"]: r for r in _rows("kaltim.csv")} if p.id == "kalimantan_timur" else {}
    if known:
        kinds = [(r["region"], r["name"], r["kind"]) for r in known.values()]
    else:
        kinds = ([(f"{p.id}_kab_{i:02d}", f"Kabupaten {i:02d} ({p.name})", "kabupaten")
                  for i in range(1, p.kabupaten + 1)]
                 + [(f"{p.id}_kota_{i:02d}", f"Kota {i:02d} ({p.name})", "kota")
                    for i in range(1, p.kota + 1)])
    rngs = {rid: random.Random(f"{seed}:{rid}") for rid, _, _ in kinds}
    weights = [rngs[rid].uniform(0.6, 1.6) if kind == "kabupaten" else rngs[rid].uniform(0.3, 0.9)
               for rid, _, kind in kinds]
    informal = _split(p.informal_workers, weights)
    out = []
    for (rid, name, kind), n in zip(kinds, informal, strict=True):
        rng = rngs[rid]
        row = known.get(rid, {})
        eligible = int(row.get("eligible") or n * rng.uniform(0.45, 0.65))
        funded = min(0.4, max(0.03, rng.lognormvariate(-2.3, 0.6))) * eligible
        apbd = int(row.get("apbd") or _round_million(funded * PREMIUM_YEAR))
        protected = bool(int(row["protected"])) if row.get("protected") else rng.random() < 0.25
        out.append(_Plan(rid, name, kind, eligible, apbd, protected,
                         int(row.get("dbh_sawit") or 0)))
    return out


def _scenario(plan: _Plan, province: Province, province_money: int, seed: int) -> dict[str, Any]:
    """Write one region's scenario as the data of a scenario file."""
    rng = random.Random(f"{seed}:{plan.id}:scenario")
    districts = [{"id": f"kec_{i}", "name": f"Kecamatan {i}"}
                 for i in range(1, rng.randint(3, 5) + 1)]
    ids = [d["id"] for d in districts]
    spread = [rng.uniform(0.5, 1.5) for _ in ids]
    chosen = [g for g in _GROUPS if g[0] not in _OPTIONAL or rng.random() < _OPTIONAL[g[0]]]
    if plan.dbh_sawit:
        chosen.append(("pekebun_sawit", "Pekebun sawit", 0.10, ("palm_plantation",), "other"))
    counts = _split(plan.eligible, [g[2] for g in chosen])
    groups: list[dict[str, Any]] = []
    for (gid, name, _, tags, sector), n in zip(chosen, counts, strict=True):
        mix = [w * rng.uniform(0.8, 1.2) for w in spread]  # each group lives a little apart
        group: dict[str, Any] = {"id": gid, "name": name,
                                 "eligible": dict(zip(ids, _split(n, mix), strict=True)),
                                 "premium_monthly": PREMIUM_MONTH}
        if sector != "other":
            group["sector"] = sector
        if tags:
            group["tags"] = list(tags)
        groups.append(group)
    sources: list[dict[str, Any]] = [{
        "id": "apbd", "name": f"APBD {plan.name} - iuran pekerja rentan", "kind": "apbd",
        "budget": plan.apbd, **({"protected": True} if plan.protected else {})}]
    if plan.kind == "kabupaten":
        apparatus = rng.randint(80, 300) * rng.randint(8, 14)
        groups.append({"id": "aparatur_desa", "name": "Aparatur desa",
                       "eligible": dict(zip(ids, _split(apparatus, spread), strict=True)),
                       "premium_monthly": PREMIUM_MONTH, "tags": ["village_apparatus"],
                       **({"min_share": 1.0} if rng.random() < 0.5 else {})})
        sources.append({"id": "apbdes", "name": f"APBDes desa se-{plan.name}", "kind": "apbdes",
                        "budget": _round_million(apparatus * PREMIUM_YEAR
                                                 * rng.uniform(0.6, 1.1)),
                        "groups": ["aparatur_desa"]})
    if plan.dbh_sawit:
        sources.append({"id": "dbh_sawit", "name": f"DBH sawit {plan.name}", "kind": "dbh_sawit",
                        "budget": plan.dbh_sawit, "groups": ["pekebun_sawit"]})
    if province_money:
        sources.append({"id": "provinsi", "name": f"APBD Provinsi {province.name}",
                        "kind": "province", "budget": province_money})
    if rng.random() < 0.5:
        paid = sorted(rng.sample([g["id"] for g in groups if g["id"] != "aparatur_desa"], 2))
        sources.append({"id": "csr", "name": f"CSR perusahaan di {plan.name}", "kind": "csr",
                        "budget": _round_million(rng.uniform(0.2e9, 1.5e9)), "groups": paid,
                        "regions": sorted(rng.sample(ids, rng.randint(1, 2)))})
    if rng.random() < 0.4:
        sources.append({"id": "zakat", "name": f"Zakat BAZNAS {plan.name}", "kind": "zakat",
                        "budget": _round_million(rng.uniform(0.1e9, 0.6e9)),
                        "groups": ["buruh_harian"]})
    return {"name": f"{plan.name} {YEAR}", "year": YEAR,
            "description": f"Contoh nasional (dibangkitkan, seed {seed}): {plan.name}, "
                           f"{province.name}. Angka ilustratif.",
            "regions": districts, "groups": groups, "sources": sources,
            "policy": {"objective": "max_covered"}}


def generate(seed: int = 0) -> list[Region]:
    """Generate the 514 regional scenarios, province by province, as YAML texts.

    The same ``seed`` gives the same scenarios; each region draws from a generator seeded by
    the seed and its own id.
    """
    out = []
    for p in provinces():
        plans = _plans(p, seed)
        eligible = sum(r.eligible for r in plans)
        rng = random.Random(f"{seed}:{p.id}:province")
        share = rng.uniform(0.0, 0.03)
        line = (PROVINCE_LINE_KALTIM if p.id == "kalimantan_timur"
                else round(share * eligible * PREMIUM_YEAR) if share >= 0.01 else 0)
        for plan in plans:
            money = _round_million(line * plan.eligible / eligible) if line else 0
            data = _scenario(plan, p, money, seed)
            out.append(Region(plan.id, plan.name, p.name, plan.kind, dump_yaml(data)))
    return out
