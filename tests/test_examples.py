"""Every example in scenarios/ validates, solves, and its plan passes the independent checks.

The examples' headers derive their figures by hand ("3,847 x 115 / 5,179 = 85.4 -> 85",
"85 heads x Rp13,104 x 12 = Rp13,366,080"); every such equation is recomputed here, and the
figures a header gives for the plan (workers covered, spend, money left, what was paid) are
checked against the solved plan.
"""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path

import pytest

from planner import load_scenario, run
from planner.engine.premiums import monthly_prices
from planner.engine.scenarios import list_examples
from planner.pipeline import replan_from
from tests.reference import check_plan, optimum, reference, year_view

EXAMPLES = list_examples()
SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"

# --- the hand arithmetic in the examples' comments ---------------------------------------------

_TOKEN = re.compile(r"""
    (?P<num>(?:Rp)?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?)
  | (?P<op>->|[()]|[x+\-/=](?![A-Za-z0-9]))
  | (?P<word>[A-Za-z][A-Za-z0-9'\-]*)
  | (?P<other>\S)
""", re.VERBOSE)
_SCALE = {"bn": 10**9, "billion": 10**9, "miliar": 10**9, "m": 10**6, "million": 10**6,
          "juta": 10**6, "T": 10**12}
_PER = {("a", "month"): 1, ("a", "year"): 12}
_CONTINUES = ("= ", "+ ", "x ", "/ ")  # not "- ": a list item


def _lines(text: str) -> list[tuple[int, str]]:
    """The header's comment lines, a line that starts with '=' or an operator joined to the one
    before it (an equation written over two lines)."""
    out: list[tuple[int, str]] = []
    for n, raw in enumerate(text.splitlines(), 1):
        if not raw.lstrip().startswith("#"):
            continue
        line = raw.lstrip()[1:].strip()
        if out and line.startswith(_CONTINUES):
            out[-1] = (out[-1][0], f"{out[-1][1]} {line}")
        else:
            out.append((n, line))
    return out


def _number(text: str, words: list[str]) -> tuple[Fraction, Fraction, int]:
    """A written figure: its value, half a unit of its last digit written (0 when exact) and
    how many months it is for (1 'a month', 12 'a year', 0 when not said)."""
    body = text.removeprefix("Rp")
    pct = body.endswith("%")
    body = body.rstrip("%").replace(",", "")
    decimals = len(body.split(".")[1]) if "." in body else 0
    scale = _SCALE.get(words[0], 1) if words else 1
    value = Fraction(body) * scale / (100 if pct else 1)
    unit = Fraction(scale, 10**decimals) / (100 if pct else 1)
    rough = unit / 2 if decimals or scale > 1 else Fraction(0)
    return value, rough, _PER.get(tuple(words[:2]), 0)


def _chains(line: str) -> list[list[tuple[str, object]]]:
    """The runs of figures and operators in a line that hold '=' or '->'. A figure may be
    followed by up to three words (its unit: '85 heads x Rp13,104'); anything else ends a run."""
    toks = [(m.lastgroup, m.group()) for m in _TOKEN.finditer(line)]
    out: list[list[tuple[str, object]]] = []
    cur: list[tuple[str, object]] = []

    def close() -> None:
        nonlocal cur
        while cur and cur[-1][0] == "op" and cur[-1][1] != ")":
            cur.pop()
        if any(t in (("op", "="), ("op", "->")) for t in cur):
            out.append(cur)
        cur = []

    i = 0
    while i < len(toks):
        kind, text = toks[i]
        if kind == "word" and text == "x":
            kind = "op"
        if kind == "num":
            if cur and (cur[-1][0] == "num" or cur[-1] == ("op", ")")):
                close()
            j = i + 1
            while j < len(toks) and j - i <= 3 and toks[j][0] == "word" and toks[j][1] != "x":
                j += 1
            cur.append(("num", (text, [w for _, w in toks[i + 1:j]])))
            i = j
            continue
        if kind == "op":
            if text == "(" and cur and cur[-1][0] == "num":
                close()
            if text != "(" and (not cur or cur[-1][0] == "op" and cur[-1][1] != ")"):
                close()  # an operator with no figure before it
            else:
                cur.append(("op", text))
            i += 1
            continue
        close()
        i += 1
    close()
    return out


def _depth(segment: list[tuple[str, object]]) -> int:
    return sum((t == ("op", "(")) - (t == ("op", ")")) for t in segment)


def _value(segment: list[tuple[str, object]]) -> tuple[Fraction, Fraction, int]:
    while segment and segment[0] == ("op", "(") and _depth(segment) > 0:
        segment = segment[1:]  # "(2,956 = ...": the bracket opens the prose, not the sum
    while segment and segment[-1] == ("op", ")") and _depth(segment) < 0:
        segment = segment[:-1]
    figures = [_number(*v) for k, v in segment if k == "num"]
    if len(figures) == 1 and segment[0][0] == "num":
        return figures[0]
    expr, n = [], 0
    for kind, v in segment:
        if kind == "num":
            expr.append(f"F[{n}]")
            n += 1
        else:
            expr.append("*" if v == "x" else v)
    value = eval(" ".join(expr), {"__builtins__": {}}, {"F": [f[0] for f in figures]})
    per = figures[-1][2] if figures else 0
    return Fraction(value), Fraction(0), per


def wrong_sums(text: str) -> tuple[list[str], int]:
    """Check every equation in the comments of ``text``: ``a x b + c = d = e`` (each side equal;
    a figure written with decimals or in bn/m/T to the last digit shown), ``a -> b`` (b is a
    rounded to its last digit), ``Rp16,800 a month = Rp201,600 a year``. Return the ones that do
    not hold (or cannot be read), and how many were checked."""
    bad, checked = [], 0
    for n, line in _lines(text):
        for chain in _chains(line):
            sides: list[list[tuple[str, object]]] = [[]]
            links: list[str] = []
            for t in chain:
                if t in (("op", "="), ("op", "->")):
                    sides.append([])
                    links.append(str(t[1]))
                else:
                    sides[-1].append(t)
            try:
                values = [_value(s) for s in sides]
            except (SyntaxError, TypeError, ZeroDivisionError, IndexError):
                bad.append(f"line {n}: cannot read {line!r}")
                continue
            for link, (a, ra, pa), (b, rb, pb) in zip(links, values, values[1:],
                                                  strict=False):
                checked += 1
                if pa and pb and pa != pb:
                    a, b = a * pb, b * pa
                tolerance = max(ra, rb) if link == "=" else max(ra, rb, Fraction(1, 2))
                if abs(a - b) > tolerance:
                    bad.append(f"line {n}: {float(a):,} {link} {float(b):,} in {line!r}")
    return bad, checked




def test_the_examples_folder_has_the_three_issue_examples() -> None:
    names = {p.name for p in EXAMPLES}
    assert {"kutim-2025.yaml", "kutim-2026-transfer-cut.yaml", "kaltim-regions.yaml"} <= names


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_solves_to_a_valid_optimal_plan(path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.lstrip().startswith("#"), "every example starts with a header saying its sources"
    scenario = load_scenario(path)
    result = run(scenario)
    assert result.status == "optimal"
    scenario = year_view(scenario)  # a re-plan (APBD-P) as the plain plan of its months
    assert check_plan(scenario, result.solution.workers) == []
    expected = optimum(scenario)
    assert expected is not None
    assert result.covered_workers == expected.covered == result.bound_covered
    assert result.total_cost == expected.spend
    ref = reference(scenario)
    for row in result.by_source.itertuples():
        assert row.available == ref.available[row.source]


def _header(path: Path) -> str:
    lines = path.read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines[:next(i for i, x in enumerate(lines)
                                                   if not x.startswith("#"))])


def _says(header: str, *figures: int) -> None:
    """The header writes each figure as people write it (150,000; Rp30,180,472,560)."""
    flat = " ".join(line.lstrip("# ") for line in header.splitlines())
    for n in figures:
        assert re.search(rf"(?<![\d,]){n:,}(?![\d,])", flat), f"{n:,} is not in the header"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_equation_in_an_examples_comments_holds(path) -> None:
    bad, checked = wrong_sums(path.read_text(encoding="utf-8"))
    assert bad == []
    assert checked > 0


def test_the_comment_check_catches_a_wrong_figure() -> None:
    good = ("# 85 heads x Rp13,104 x 12 = Rp13,366,080\n"
            "# 3,847 x 115 / 5,179 = 85.4 -> 85\n"
            "# Rp10,000 + Rp6,800 = Rp16,800 a month = Rp201,600 a year\n"
            "# together Rp1 + Rp2\n#   = Rp3, and (2,956 = 647 BPD members + 2,309 RT heads)\n"
            "# Rp5,335,595,580 / Rp7,545,118,140 = 70.7%;\n"
            "# Rp75,036,000 = 1,488 x Rp50,400 + Rp40,800\n"
            "# Rp30.24 bn = 150,000 x Rp201,600\n")
    assert wrong_sums(good) == ([], 10)
    for wrong in ("Rp13,366,081", "= 85.3", "-> 86", "Rp201,601 a year", "= Rp4,", "2,308 RT",
                  "70.8%", "Rp40,900", "Rp30.25 bn"):
        right = {"Rp13,366,081": "Rp13,366,080", "= 85.3": "= 85.4", "-> 86": "-> 85",
                 "Rp201,601 a year": "Rp201,600 a year", "= Rp4,": "= Rp3,",
                 "2,308 RT": "2,309 RT", "70.8%": "70.7%", "Rp40,900": "Rp40,800",
                 "Rp30.25 bn": "Rp30.24 bn"}[wrong]
        bad, _ = wrong_sums(good.replace(right, wrong))
        assert len(bad) == 1, wrong


def test_kutim_2025_header_gives_the_plans_figures() -> None:
    """150,000 in all (the reading of news 001), no election group, village heads and officials
    priced on their siltap; the plan covers everyone for the header's spend."""
    path = SCENARIOS / "kutim-2025.yaml"
    scenario = load_scenario(path)
    header = _header(path)
    groups = {g.id: g for g in scenario.groups}
    assert sum(g.eligible for g in scenario.groups) == 150_000
    apparatus = ("kepala_desa", "sekretaris_desa", "perangkat_desa", "anggota_bpd", "ketua_rt")
    assert sum(groups[g].eligible for g in apparatus) == 3_847  # news 002
    assert all(groups[g].min_share == 1.0 for g in apparatus)
    assert not any("election" in g.tags for g in scenario.groups)  # 2025: no election
    monthly = {g: {p.amount for p in monthly_prices(groups[g], "apbdes", 2025)}
               for g in apparatus}
    assert monthly == {"kepala_desa": {13_104}, "sekretaris_desa": {12_012},
                       "perangkat_desa": {10_920}, "anggota_bpd": {16_800},
                       "ketua_rt": {16_800}}
    result = run(scenario)
    assert result.covered_workers == result.bound_covered == 150_000
    assert result.total_cost == 30_180_472_560
    sources = result.by_source.set_index("source")
    left = int(sources["available"].sum()) - result.total_cost
    assert left == 2_726_527_440
    apparatus_cost = sum(int(row.cost) for row in result.by_group.itertuples()
                         if row.group in apparatus)
    assert apparatus_cost == 716_027_760
    budgets = {x.id: x.budget for x in scenario.sources}
    assert budgets["apbd"] == 150_000 * 201_600
    _says(header, 150_000, 3_847, 6_153, 140_000, result.total_cost, left, apparatus_cost,
          *budgets.values(), int(sources["available"].sum()))
    codes = {m.code for m in result.warnings}
    assert "election_off_year" not in codes


def test_kutim_2025_apbd_p_is_the_2025_plan_re_planned_and_its_header_gives_the_figures() -> None:
    path = SCENARIOS / "kutim-2025-apbd-p.yaml"
    example = load_scenario(path)
    header = _header(path)
    derived = replan_from(load_scenario(SCENARIOS / "kutim-2025.yaml"), 10, cut=0.15)
    assert {g.id: g.enrolled for g in example.groups} == {g.id: g.enrolled for g in derived.groups}
    assert ({x.id: x.spent_to_date for x in example.sources}
            == {x.id: x.spent_to_date for x in derived.sources})
    # the same scenario but for the APBD line, which the APBD-P cuts
    assert (example.model_dump(exclude={"name", "description", "sources"})
            == derived.model_dump(exclude={"name", "description", "sources"}))
    assert ([x.model_dump(exclude={"protected"}) for x in example.sources]
            == [x.model_dump(exclude={"protected"}) for x in derived.sources])
    assert [x.id for x in example.sources if x.protected] == []
    result = run(example)
    assert result.covered_workers == result.bound_covered == 106_159
    assert result.total_cost == 5_335_531_740
    sources = result.by_source.set_index("source")
    available = int(sources["available"].sum())
    assert available == 5_335_595_580
    table = result.by_group.set_index("group")
    assert int(table["dropped"].sum()) == 43_841
    assert int(table["new"].sum()) == 0
    keep_all = run(derived.model_copy(update={"policy": derived.policy.model_copy(
        update={"global_cut": 0.0})}))
    assert keep_all.covered_workers == 150_000
    _says(header, 106_159, 43_841, result.total_cost, available - result.total_cost, available,
          keep_all.total_cost, *(x.spent_to_date for x in example.sources),
          *(int(v) for v in sources["available"]))


def test_kutim_2026_cut_leaves_workers_uncovered_and_says_which_rule_narrowed() -> None:
    result = run(load_scenario("scenarios/kutim-2026-transfer-cut.yaml"))
    assert result.covered_workers < int(result.by_group["eligible"].sum())
    codes = {m.code for m in result.warnings}
    assert "funding_rule_narrowed" in codes
