"""The model of MODEL.md as a PuLP problem, one ``add_<family>`` function per constraint family.

Variables ``x[g,r,s]``: whole workers of group g in region r whose premium source s pays, created
only where s may pay for g in r. Constraints are named from ids (``budget[apbd]``) and kept in
dicts by key, so results never parse names back.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pulp

from planner.engine.inputs import Cell, GroupRegion, ModelInputs

__all__ = [
    "Formulation",
    "add_cut_variable",
    "add_extra_money",
    "add_overlap_limits",
    "add_priority",
    "add_shortfalls",
    "add_policy_rows",
    "add_target",
    "build",
    "overlap_rows",
    "policy_rows",
]


@dataclass
class Formulation:
    """A PuLP problem with its variables and constraints indexed by the scenario's ids."""

    inputs: ModelInputs
    problem: pulp.LpProblem
    x: dict[Cell, pulp.LpVariable]
    spend: pulp.LpAffineExpression
    covered: pulp.LpAffineExpression
    rows: dict[str, tuple[str, object]] = field(default_factory=dict)  # name -> (family, key)
    constraints: list[pulp.LpConstraint] = field(default_factory=list)  # in the order of rows
    budget: dict[str, pulp.LpConstraint] = field(default_factory=dict)
    headcount: dict[GroupRegion, pulp.LpConstraint] = field(default_factory=dict)
    overlap: dict[GroupRegion, pulp.LpConstraint] = field(default_factory=dict)
    mandate: dict[GroupRegion, pulp.LpConstraint] = field(default_factory=dict)
    equity: dict[str, pulp.LpConstraint] = field(default_factory=dict)
    target: pulp.LpConstraint | None = None
    extra: dict[str, pulp.LpVariable] = field(default_factory=dict)  # analysis columns by name

    @property
    def maximise(self) -> bool:
        """True when the objective is maximised (every objective but min_cost)."""
        return bool(self.problem.sense == pulp.LpMaximize)

    def _add(self, family: str, key: object, name: str, constraint: pulp.LpConstraint) -> None:
        self.problem.addConstraint(constraint, name)
        self.rows[name] = (family, key)
        self.constraints.append(constraint)


def _expr(pairs: list[tuple[pulp.LpVariable, float]]) -> pulp.LpAffineExpression:
    return pulp.LpAffineExpression(pairs)


def _by_source(cells: dict[Cell, pulp.LpVariable]) -> dict[str, list[Cell]]:
    out: dict[str, list[Cell]] = {}
    for cell in cells:
        out.setdefault(cell[2], []).append(cell)
    return out


def _by_region(cells: dict[Cell, pulp.LpVariable]) -> dict[str, list[Cell]]:
    out: dict[str, list[Cell]] = {}
    for cell in cells:
        out.setdefault(cell[1], []).append(cell)
    return out


def _by_group_region(cells: dict[Cell, pulp.LpVariable]) -> dict[GroupRegion, list[Cell]]:
    out: dict[GroupRegion, list[Cell]] = {}
    for cell in cells:
        out.setdefault((cell[0], cell[1]), []).append(cell)
    return out


def add_budget_limits(f: Formulation) -> None:
    """No source spends more than it has after cuts: sum_{g,r} c[g,s] x[g,r,s] <= A[s]."""
    inputs = f.inputs
    by_source = _by_source(f.x)
    for s in sorted(inputs.sources):  # rows in the order of ids, as the columns
        expr = _expr([(f.x[c], inputs.unit_cost[c[0], s]) for c in by_source.get(s, [])])
        f.budget[s] = pulp.LpConstraint(expr, pulp.LpConstraintLE, rhs=inputs.available[s])
        f._add("budget", s, f"budget[{s}]", f.budget[s])


def add_headcount_limits(f: Formulation) -> None:
    """Nobody is paid for twice: sum_s x[g,r,s] <= floor(h[g] N[g,r]) - E[g,r]."""
    for (g, r), cells in _by_group_region(f.x).items():
        expr = _expr([(f.x[c], 1.0) for c in cells])
        f.headcount[g, r] = pulp.LpConstraint(expr, pulp.LpConstraintLE, rhs=f.inputs.cap[g, r])
        f._add("headcount", (g, r), f"headcount[{g},{r}]", f.headcount[g, r])


def overlap_rows(inputs: ModelInputs) -> dict[GroupRegion, list[Cell]]:
    """Return the cells of each family of overlapping groups, per (parent, region).

    Only where a subgroup may be funded in that region; cells in the order of ``inputs.cells``,
    keys in the order of ids.
    """
    out: dict[GroupRegion, list[Cell]] = {}
    with_part = {(inputs.part_of[c[0]], c[1]) for c in inputs.cells if c[0] in inputs.part_of}
    for c in inputs.cells:
        parent = inputs.part_of.get(c[0], c[0])
        if (parent, c[1]) in with_part:
            out.setdefault((parent, c[1]), []).append(c)
    return dict(sorted(out.items()))


def add_overlap_limits(f: Formulation) -> None:
    """Count a subgroup inside its parent (``part_of``), so nobody is paid for twice.

    sum_s x[p,r,s] + sum_{g part of p} sum_s x[g,r,s] <= floor(h[p] N[p,r]) - E[p,r].
    """
    for (p, r), cells in overlap_rows(f.inputs).items():
        expr = _expr([(f.x[c], 1.0) for c in cells])
        f.overlap[p, r] = pulp.LpConstraint(expr, pulp.LpConstraintLE,
                                            rhs=f.inputs.family_cap[p, r])
        f._add("overlap", (p, r), f"overlap[{p},{r}]", f.overlap[p, r])


def add_mandates(f: Formulation) -> None:
    """Mandated groups are covered: sum_s x[g,r,s] + E[g,r] >= ceil(f[g] N[g,r]).

    A mandate on a group no source may pay for is still added (as an empty row), so the model is
    infeasible and the diagnosis names it, rather than the mandate silently vanishing.
    """
    by_gr = _by_group_region(f.x)
    for (g, r), need in sorted(f.inputs.mandate.items()):
        if need <= 0:
            continue
        expr = _expr([(f.x[c], 1.0) for c in by_gr.get((g, r), [])])
        f.mandate[g, r] = pulp.LpConstraint(expr, pulp.LpConstraintGE, rhs=need)
        f._add("mandate", (g, r), f"mandate[{g},{r}]", f.mandate[g, r])


def add_equity_floor(f: Formulation) -> None:
    """Every region gets its share: sum_{g,s} x[g,r,s] + sum_g E[g,r] >= q sum_g N[g,r]."""
    by_region = _by_region(f.x)
    for r, need in sorted(f.inputs.equity.items()):
        if need <= 0:
            continue
        expr = _expr([(f.x[c], 1.0) for c in by_region.get(r, [])])
        f.equity[r] = pulp.LpConstraint(expr, pulp.LpConstraintGE, rhs=need)
        f._add("equity", r, f"equity[{r}]", f.equity[r])


def policy_rows(inputs: ModelInputs) -> tuple[list[int], list[str]]:
    """Return the ranks that get a ``rank[k]`` row and the groups that get a ``share[g]`` row.

    A rank row holds a priority rank's weighted cover once that rank is settled (only when the
    groups have more than one rank); a share row holds a group's cover at the level
    ``equal_share`` gives it. Both start at ``>= 0``, which every plan meets; the solver raises
    them stage by stage (MODEL.md, "Who loses cover").
    """
    policy = inputs.scenario.policy
    if policy.objective == "min_cost":
        return [], []
    ranks = sorted({inputs.group_by_id[g].priority for g in inputs.groups})
    paid = {c[0] for c in inputs.cells}
    equal = policy.sharing == "equal_share"
    shared = sorted(g for g in inputs.groups if g in paid) if equal else []
    return (ranks if len(ranks) > 1 else []), shared


def add_policy_rows(f: Formulation) -> None:
    """Add the rows the policy stages hold (:func:`policy_rows`), as ``>= 0``."""
    inputs = f.inputs
    ranks, shared = policy_rows(inputs)
    w = inputs.objective_weight
    for k in ranks:
        cells = [c for c in f.x if inputs.group_by_id[c[0]].priority == k]
        con = pulp.LpConstraint(_expr([(f.x[c], w[c[0]]) for c in cells]),
                                pulp.LpConstraintGE, rhs=0)
        f._add("rank", k, f"rank[{k}]", con)
    for g in shared:
        con = pulp.LpConstraint(_expr([(f.x[c], 1.0) for c in f.x if c[0] == g]),
                                pulp.LpConstraintGE, rhs=0)
        f._add("share", g, f"share[{g}]", con)


def add_target(f: Formulation, target: int) -> None:
    """Add the reverse question: cover at least ``target`` workers: sum x >= target."""
    f.target = pulp.LpConstraint(f.covered, pulp.LpConstraintGE, rhs=target)
    f._add("target", "covered", "target[covered]", f.target)


def add_objective(f: Formulation) -> None:
    """Maximise weighted covered workers (or worker-months), or minimise spend for min_cost."""
    policy = f.inputs.scenario.policy
    if policy.objective == "min_cost":
        f.problem.setObjective(f.spend)
        add_target(f, policy.target_covered or 0)
    else:
        w = f.inputs.objective_weight
        f.problem.setObjective(_expr([(v, w[c[0]]) for c, v in f.x.items()]))


def add_priority(f: Formulation, strength: float = 1e-4) -> None:
    """Break ties between equally good plans by priority, then by id (for the LP analyses).

    With groups in that order, each worker of the k-th of G groups counts
    ``1 + strength (G - k) / G`` times its weight, so among plans that cover the same workers
    the groups of rank 1 come first, and among one rank the ids decide, never the file;
    ``strength`` (1e-4, Rp20 on Rp201,600) stays below real differences in premiums and above
    HiGHS's optimality tolerance (1e-7), so the order holds whichever basis a re-solve starts from.
    """
    w = f.inputs.objective_weight
    n = len(f.inputs.groups)
    order = sorted(f.inputs.groups, key=lambda g: (f.inputs.group_by_id[g].priority, g))
    rank = {g: i for i, g in enumerate(order)}
    f.problem.setObjective(_expr([
        (v, w[c[0]] * (1 + strength * (n - rank[c[0]]) / n)) for c, v in f.x.items()
    ]))


def add_shortfalls(f: Formulation) -> None:
    """Elastic mandates and floors: a shortfall column on every >= row; minimise the shortfall.

    In words: "meet every mandate, regional floor and target as far as the money allows, and
    say by how many workers each falls short". Each shortfall ``u`` enters its row as ``+u``.
    """
    for name, con in zip(f.rows, f.constraints, strict=True):
        family = f.rows[name][0]
        if family in ("mandate", "equity", "target"):
            u = f.problem.add_variable(f"short[{name}]", 0, None, pulp.LpContinuous)
            con.addInPlace(u)
            f.extra[name] = u
    f.problem.sense = pulp.LpMinimize
    f.problem.setObjective(_expr([(u, 1.0) for u in f.extra.values()]))


def add_cut_variable(f: Formulation) -> None:
    """Add the global cut K as a variable, to find the largest cut every rule still allows.

    Budget rows of unprotected sources become ``sum c x + B'[s] K <= B'[s] - P[s]`` with
    ``B'[s] = B[s] (1 - k[s])`` and ``P[s]`` paid before a re-plan's month, which is
    ``sum c x <= A[s]`` at the cut K; maximise K <= 1.
    """
    inputs = f.inputs
    k = f.problem.add_variable("cut", 0, 1, pulp.LpContinuous)
    for s, con in f.budget.items():
        src = inputs.source_by_id[s]
        own = float(src.budget) * (1 - src.cut)
        if not src.protected:
            con.addInPlace(pulp.LpAffineExpression([(k, own)]))
            con.constant = src.spent_to_date - own  # sum c x + own K <= own - paid
    f.extra["cut"] = k
    f.problem.sense = pulp.LpMaximize
    f.problem.setObjective(_expr([(k, 1.0)]))


def add_extra_money(f: Formulation, source: str) -> None:
    """Add the reverse question: ``E`` more rupiah in ``source``; minimise E.

    The source's budget row becomes ``sum c x - E <= A[s]``.
    """
    e = f.problem.add_variable(f"extra[{source}]", 0, None, pulp.LpContinuous)
    f.budget[source].addInPlace(pulp.LpAffineExpression([(e, -1.0)]))
    f.extra["money"] = e
    f.problem.sense = pulp.LpMinimize
    f.problem.setObjective(_expr([(e, 1.0)]))


def build(inputs: ModelInputs, *, integer: bool = True) -> Formulation:
    """Build the scenario's model as a PuLP problem (whole workers unless ``integer`` is False)."""
    maximise = inputs.scenario.policy.objective != "min_cost"
    problem = pulp.LpProblem("plan", pulp.LpMaximize if maximise else pulp.LpMinimize)
    cat = pulp.LpInteger if integer else pulp.LpContinuous
    x = {c: problem.add_variable(f"x[{c[0]},{c[1]},{c[2]}]", 0, None, cat) for c in inputs.cells}
    spend = _expr([(v, inputs.unit_cost[c[0], c[2]]) for c, v in x.items()])
    covered = _expr([(v, 1.0) for v in x.values()])
    f = Formulation(inputs, problem, x, spend, covered)
    add_objective(f)
    add_budget_limits(f)
    add_headcount_limits(f)
    add_overlap_limits(f)
    add_mandates(f)
    add_equity_floor(f)
    add_policy_rows(f)
    return f
