"""Why the plan is what it is, in the budget team's words, from the LP relaxation.

Each statement is a change of the LP's right-hand sides (Rp1 miliar more, a mandate dropped, the
cut undone) whose effect on the LP bound is turned into a head-count: "about N workers" is what
the change does to the bound, not a linear guess that may run past the dual's range. The LP is
solved once (the plan's own LP when the pipeline hands its solver over), and each effect is read
as cheaply as it can be known:

1. from the duals and the basis: while the change keeps the optimal basis primal feasible (the
   many-row form of HiGHS's ranging: one solve with the basis factors), the effect is exactly the
   duals times the change;
2. bounded on both sides otherwise: the duals times the change bound it on one side (the LP
   optimum is concave in the right-hand sides when maximised); the part of the change the basis
   holds for, and a feasible point found by spending the added money greedily (or giving up the
   money taken away), bound it on the other; when both sides round to the same head-count the
   figure is known;
3. by a warm re-solve for the statements still open, the widest ranges first, within a
   :class:`Budget` (a number of re-solves, and about the time the first LP took);
4. past the budget a statement gives the range it is known to lie in ("between N and M
   workers"), never a figure that is not known.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, cast

import numpy as np

from planner.engine.formulation import build
from planner.engine.inputs import ModelInputs, available_money
from planner.engine.results import Message, Result
from planner.engine.solution import Status
from planner.engine.solve import Solver
from planner.i18n import register

__all__ = ["BILLION", "Budget", "Explanation", "explain", "explanation"]

BILLION = 1_000_000_000
_TOL = 1e-9
_FEASIBLE = 1e-7  # primal feasibility tolerance of a basis step, relative to the value's size

register(
    {
        "msg_principle": {
            "id": "Perencana mendahulukan pekerja yang paling murah per rupiah (mis. pekerja "
            "yang dibayar CSR atau zakat pada masa diskon PP 50/2025); kelompok dengan biaya sama "
            "diisi menurut urutan dalam skenario.",
            "en": "The planner covers the workers who cost least per rupiah first (e.g. workers "
            "paid by CSR or zakat while the PP 50/2025 discount holds); groups that cost the same "
            "are filled in the order the scenario lists them.",
        },
        "msg_source_more_money": {
            "id": "Tambahan Rp1 miliar pada {source} akan melindungi sekitar {n_more} pekerja lagi",
            "en": "Rp1 billion more in {source} would cover about {n_more} more workers",
        },
        "msg_source_not_binding_full": {
            "id": "Tambahan dana pada {source} tidak menambah cakupan: semua kelompok yang boleh "
            "dibayarnya sudah penuh",
            "en": "More money in {source} covers nobody more: every group it may pay for is full",
        },
        "msg_source_not_binding_rules": {
            "id": "Tambahan dana pada {source} tidak menambah cakupan: tidak ada kelompok yang "
            "boleh dibayarnya (aturan pendanaan atau daftar groups/regions)",
            "en": "More money in {source} covers nobody more: there is no group it may pay for "
            "(funding rules or its groups/regions lists)",
        },
        "msg_source_not_binding": {
            "id": "Tambahan dana pada {source} tidak menambah cakupan: yang membatasi adalah "
            "jumlah pekerja layak, bukan uang",
            "en": "More money in {source} covers nobody more: head-counts, not money, are the "
            "limit",
        },
        "msg_mandate_cost": {
            "id": "Mandat untuk {group} menghabiskan dana setara sekitar {n_cost} pekerja lain",
            "en": "The mandate for {group} costs about {n_cost} other workers",
        },
        "msg_mandate_free": {
            "id": "Mandat untuk {group} menentukan siapa yang dilindungi, tetapi tidak mengurangi "
            "jumlah pekerja terlindungi (biaya per pekerja sama)",
            "en": "The mandate for {group} decides who is covered but costs no workers in total "
            "(the workers cost the same)",
        },
        "msg_equity_free": {
            "id": "Batas minimum per wilayah ({share_floor}) menentukan di mana dana dipakai, "
            "tetapi tidak mengurangi jumlah pekerja terlindungi",
            "en": "The regional floor ({share_floor}) decides where the money goes but costs no "
            "workers in total",
        },
        "msg_equity_cost": {
            "id": "Batas minimum per wilayah ({share_floor}) menghabiskan dana setara sekitar "
            "{n_cost} pekerja",
            "en": "The regional floor ({share_floor}) costs about {n_cost} workers",
        },
        "msg_global_cut_cost": {
            "id": "Pemotongan global {share_cut} mengurangi cakupan sekitar {n_cost} pekerja",
            "en": "The global cut of {share_cut} costs about {n_cost} workers",
        },
        "msg_protection_keeps": {
            "id": "Melindungi {source} dari pemotongan menjaga sekitar {n_kept} pekerja tetap "
            "terlindungi",
            "en": "Protecting {source} from the cut keeps about {n_kept} workers covered",
        },
        "msg_source_more_money_range": {
            "id": "Tambahan Rp1 miliar pada {source} akan melindungi antara {n_low} dan {n_high} "
            "pekerja lagi",
            "en": "Rp1 billion more in {source} would cover between {n_low} and {n_high} more "
            "workers",
        },
        "msg_mandate_cost_range": {
            "id": "Mandat untuk {group} menghabiskan dana setara antara {n_low} dan {n_high} "
            "pekerja lain",
            "en": "The mandate for {group} costs between {n_low} and {n_high} other workers",
        },
        "msg_equity_cost_range": {
            "id": "Batas minimum per wilayah ({share_floor}) menghabiskan dana setara antara "
            "{n_low} dan {n_high} pekerja",
            "en": "The regional floor ({share_floor}) costs between {n_low} and {n_high} workers",
        },
        "msg_global_cut_cost_range": {
            "id": "Pemotongan global {share_cut} mengurangi cakupan antara {n_low} dan {n_high} "
            "pekerja",
            "en": "The global cut of {share_cut} costs between {n_low} and {n_high} workers",
        },
        "msg_protection_keeps_range": {
            "id": "Melindungi {source} dari pemotongan menjaga antara {n_low} dan {n_high} "
            "pekerja tetap terlindungi",
            "en": "Protecting {source} from the cut keeps between {n_low} and {n_high} workers "
            "covered",
        },
        "msg_protection_keeps_at_least": {
            "id": "Melindungi {source} dari pemotongan menjaga sedikitnya {n_kept} pekerja tetap "
            "terlindungi",
            "en": "Protecting {source} from the cut keeps at least {n_kept} workers covered",
        },
        "msg_group_full": {
            "id": "{group}: seluruhnya terlindungi ({n_covered} pekerja)",
            "en": "{group}: fully covered ({n_covered} workers)",
        },
        "msg_group_partial": {
            "id": "{group}: sebagian ({share_covered}); dana {sources} habis untuk pekerja "
            "yang lebih murah atau lebih dahulu dalam urutan (Rp per pekerja dari sumber "
            "termurah: {rp_unit})",
            "en": "{group}: partly covered ({share_covered}); the money of {sources} went to "
            "workers who cost less or come earlier in the list (cheapest premium: {rp_unit})",
        },
        "msg_group_none": {
            "id": "{group}: tidak terlindungi; dana {sources} habis untuk pekerja yang lebih "
            "murah atau lebih dahulu dalam urutan (Rp per pekerja dari sumber termurah: "
            "{rp_unit})",
            "en": "{group}: not covered; the money of {sources} went to workers who cost less "
            "or come earlier in the list (cheapest premium: {rp_unit})",
        },
        "msg_group_at_mandate": {
            "id": "{group}: terlindungi sebatas mandatnya ({share_covered})",
            "en": "{group}: covered at its mandate ({share_covered})",
        },
        "msg_group_no_payer": {
            "id": "{group}: tidak terlindungi karena tidak ada sumber dana yang boleh "
            "membayarnya",
            "en": "{group}: not covered, because no source may pay for it",
        },
        "msg_region_status": {
            "id": "Wilayah {region}: {share_covered} terlindungi",
            "en": "Region {region}: {share_covered} covered",
        },
    }
)


@dataclass(frozen=True)
class Budget:
    """What the explanations may spend on warm re-solves, past the one LP.

    At most ``resolves`` re-solves, all started and finished within ``share`` times the seconds
    the first LP took, or within ``floor`` seconds when that is longer (a small model's LP takes
    milliseconds, and so do its re-solves).
    """

    resolves: int = 8
    share: float = 0.5  # at 1.0 no model measured sized a statement more (76k: 1.25 s, 0.63 s)
    floor: float = 0.03

    def seconds(self, lp_seconds: float) -> float:
        """Return the wall-clock seconds the re-solves may take after an LP of ``lp_seconds``."""
        return max(self.floor, self.share * lp_seconds)


@dataclass
class Explanation:
    """The statements and what they cost.

    ``claims`` counts the statements sized by a change of the LP; of these, ``from_basis`` were
    known from the duals and the basis (and the greedy bounds) alone, ``resolved`` needed a warm
    re-solve, and ``ranged`` are given as a range because the budget ran out. ``resolves``
    counts the warm re-solves started (a re-solve stopped by the time budget counts but settles
    nothing). ``lp_seconds`` is the first LP's time the budget was set from; ``seconds`` the
    time the explanations took (with that LP when they had to solve it themselves).
    """

    messages: list[Message] = field(default_factory=list)
    claims: int = 0
    from_basis: int = 0
    resolved: int = 0
    ranged: int = 0
    resolves: int = 0
    lp_seconds: float = 0.0
    seconds: float = 0.0


@dataclass
class _Effect:
    """What a change does to the LP optimum (the model's own sense): known to lie in [low, high].

    ``linear`` is the duals times the change, the first-order figure that orders the re-solves;
    ``feasible`` is False when a re-solve found the changed LP infeasible.
    """

    low: float
    high: float
    linear: float
    feasible: bool = True

    @property
    def known(self) -> bool:
        """True when the effect is known to the whole worker: exact, or both ends round alike."""
        return not self.feasible or self.low == self.high or (
            math.isfinite(self.low) and math.isfinite(self.high)
            and _round_down(self.low) == _round_up(self.high)
        )

    @property
    def value(self) -> float:
        """The effect when :attr:`known` (NaN when the changed LP is infeasible)."""
        return (self.low + self.high) / 2 if self.feasible else math.nan


@dataclass
class _Claim:
    """A statement waiting for its effect: the change, what is known of it, and its words."""

    change: dict[str, tuple[float, float]]
    effect: _Effect
    say: Callable[[_Effect], list[Message]]
    resolved: bool = False


def _round_down(x: float) -> int:
    """Round ``x`` to a head-count, down where it lies within float noise of a half."""
    return round(x - 1e-6 * max(1.0, abs(x)))


def _round_up(x: float) -> int:
    """Round ``x`` to a head-count, up where it lies within float noise of a half."""
    return round(x + 1e-6 * max(1.0, abs(x)))


def _step(value: np.ndarray, move: np.ndarray, lower: np.ndarray, upper: np.ndarray) -> float:
    """Return the largest t in [0, 1] keeping ``value + t move`` within [lower, upper]."""
    tol = _FEASIBLE * np.maximum(1.0, np.abs(value))
    if np.any(value < lower - tol) or np.any(value > upper + tol):
        return 0.0
    with np.errstate(divide="ignore", invalid="ignore"):
        up = np.where(move > 0, (upper + tol - value) / move, np.inf)
        down = np.where(move < 0, (lower - tol - value) / move, np.inf)
    return float(max(0.0, min(1.0, float(up.min(initial=np.inf)),
                              float(down.min(initial=np.inf)))))


class _Relaxation:
    """The plan's LP at its optimum: effects of changes read from its basis, or re-solved."""

    def __init__(
        self, inputs: ModelInputs, solver: Solver | None, lp_seconds: float | None
    ) -> None:
        t = time.perf_counter()
        if solver is None:  # the plan's own model: the solver treats it as the plan's solve does
            solver = Solver(build(inputs))
        self.solver = solver
        self.hs = solver.hs
        self.mm = mm = solver.mm
        self.index = solver.row_index
        if self.hs.has_basis():  # the pipeline's solver: its basis is at or near the optimum
            status = self.hs.lp(ipm=False, dual=True)
        else:
            lp_t = time.perf_counter()
            status = solver.lp().status
            lp_seconds = time.perf_counter() - lp_t if lp_seconds is None else lp_seconds
        self.optimal = status is Status.OPTIMAL
        self.lp_seconds = time.perf_counter() - t if lp_seconds is None else lp_seconds
        self.resolves = 0
        self.base_objective = 0.0
        self.lower = mm.row_lower.copy()
        self.upper = mm.row_upper.copy()
        if not self.optimal:
            return
        self.base_objective = mm.sign * self.hs.objective()
        self.duals = mm.sign * self.hs.duals()[: mm.m]  # the model's own sense, per unit of rhs
        self.x0 = self.hs.values()[: mm.n]
        self.r0 = self.hs.row_activity()
        self.status = self.hs.row_status()
        self._extremes: tuple[np.ndarray, np.ndarray] | None = None
        self._rows: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None

    def dual(self, row: str) -> float:
        """Return the dual of ``row``: change of the optimum per unit of its right-hand side."""
        return float(self.duals[self.index[row]])

    def bounds(self, row: str) -> tuple[float, float]:
        """Return the model's own (lower, upper) bounds of ``row``."""
        i = self.index[row]
        return float(self.lower[i]), float(self.upper[i])

    # --- reading an effect from the basis -----------------------------------------------------

    def estimate(self, change: Mapping[str, tuple[float, float]]) -> _Effect:
        """Bound the change of the optimum under ``change`` (row -> bounds) without solving."""
        mm = self.mm
        rows = np.array([self.index[name] for name in change], dtype=np.int64)
        new_lo, new_hi = self._as_solved(rows, change)
        old_lo, old_hi = self.lower[rows], self.upper[rows]
        status = self.status[rows]
        unknown = _Effect(-math.inf, math.inf, math.inf)
        if np.any(status == 2):
            return unknown
        # a nonbasic row moves with its bound; a bound dropped holds the row at its own extreme
        # activity instead, which leaves the same LP
        least, most = self._extreme_activity()
        target = np.where(status < 0, new_lo, new_hi)
        target = np.where(np.isfinite(target), target, np.where(status < 0, least[rows],
                                                                most[rows]))
        moved = np.where(status != 0, target - self.r0[rows], 0.0)
        if not np.all(np.isfinite(moved)):
            return unknown
        moves = np.zeros(mm.m)
        moves[rows] = moved
        linear = float(self.duals @ moves)
        relaxed = bool(np.all(new_lo <= old_lo) and np.all(new_hi >= old_hi))
        lower = self.lower.copy()
        upper = self.upper.copy()
        lower[rows], upper[rows] = new_lo, new_hi
        dx, dr = self.hs.basis_step(moves)
        t = _step(np.concatenate([self.x0, self.r0]), np.concatenate([dx, dr]),
                  np.concatenate([np.zeros(mm.n), lower]),
                  np.concatenate([mm.col_upper, upper]))
        if t >= 1.0:
            return _Effect(linear, linear, linear)
        # the optimum is concave in the right-hand sides when maximised (convex when minimised):
        # the dual figure bounds the effect on one side; a relaxation can only help, and the
        # basis holds for the part t of the change, which bounds it on the other
        maximise = mm.sign < 0
        if relaxed:
            low, high = sorted((t * linear, linear))
        else:
            low, high = (-math.inf, linear) if maximise else (linear, math.inf)
        point = self._greedy(rows, lower, upper, new_lo, old_lo, new_hi, old_hi)
        if point is not None:  # a feasible point of the changed LP bounds the optimum
            gain = mm.sign * point
            low, high = (max(low, gain), high) if maximise else (low, min(high, gain))
        return _Effect(low, max(low, high), linear)

    def _as_solved(self, rows: np.ndarray, change: Mapping[str, tuple[float, float]]
                   ) -> tuple[np.ndarray, np.ndarray]:
        """Return the bounds the solver sets for ``change`` (it may round them to whole workers).

        The change is set and taken back at once; the basis and its factors stay as they are.
        """
        self.solver.set_rows(change)
        lower, upper = self.mm.row_lower[rows].copy(), self.mm.row_upper[rows].copy()
        self.solver.set_rows({name: self.bounds(name) for name in change})
        return lower, upper

    def _extreme_activity(self) -> tuple[np.ndarray, np.ndarray]:
        """Return the least and the most activity each row can have within the columns' bounds."""
        if self._extremes is None:
            mm = self.mm
            cols = np.repeat(np.arange(mm.n), np.diff(mm.start))
            ub = mm.col_upper[cols]
            pos = mm.value > 0
            with np.errstate(invalid="ignore"):
                most = np.bincount(mm.index[pos], mm.value[pos] * ub[pos], minlength=mm.m)
                least = np.bincount(mm.index[~pos], mm.value[~pos] * ub[~pos], minlength=mm.m)
            self._extremes = (least, most)
        return self._extremes

    def _greedy(self, rows: np.ndarray, lower: np.ndarray, upper: np.ndarray,
                new_lo: np.ndarray, old_lo: np.ndarray,
                new_hi: np.ndarray, old_hi: np.ndarray) -> float | None:
        """Change of the objective (min form) at a feasible point of the changed LP, or None.

        Only for changes of upper bounds (budgets), row by row from the optimum: money added is
        spent on the columns that gain most per rupiah, money taken away is given up by the
        columns that lose least per rupiah, each column as far as its other rows allow. The
        point is checked against every row at the end (columns of different changed rows may
        share a row), and None is returned when it does not hold.
        """
        if not np.all(new_lo == old_lo) or (
            np.any(new_hi > old_hi) and np.any(new_hi < old_hi)
        ):
            return None
        mm = self.mm
        fill = bool(np.any(new_hi > old_hi))
        changed = rows[new_hi != old_hi]
        x = self.x0.copy()
        r = self.r0.copy()
        start = self._row_wise()[0]
        # the rows with fewest columns first: they have the fewest other places to go
        for i in changed[np.argsort(np.diff(start)[changed], kind="stable")].tolist():
            self._spend(int(i), x, r, lower, upper, fill)
        r = mm.activity(x)
        tol = _FEASIBLE * np.maximum(1.0, np.abs(r))
        if (np.any(r < lower - tol) or np.any(r > upper + tol) or np.any(x < -_FEASIBLE)
                or np.any(x > mm.col_upper + _FEASIBLE)):
            return None
        return float(mm.cost @ (x - self.x0))

    def _spend(self, i: int, x: np.ndarray, r: np.ndarray, lower: np.ndarray,
               upper: np.ndarray, fill: bool) -> None:
        """Move row ``i`` to its new upper bound through its columns, in place (see _greedy)."""
        mm = self.mm
        room = (upper[i] - r[i]) if fill else (r[i] - upper[i])
        if room <= 0:
            return
        start, cols, vals = self._row_wise()
        col, a = cols[start[i]: start[i + 1]], vals[start[i]: start[i + 1]]
        cost = mm.cost[col]
        rate = -cost / np.where(a > 0, a, 1.0)  # objective gained per unit of the row
        if fill:
            keep = (a > 0) & (cost < 0) & (x[col] < mm.col_upper[col])
            order = np.argsort(-rate[keep], kind="stable")
        else:
            keep = (a > 0) & (x[col] > 0)
            order = np.argsort(rate[keep], kind="stable")
        col, a = col[keep][order], a[keep][order]
        if col.size == 0:
            return
        # every entry of the candidate columns: how far each column may move for its other rows
        length = mm.start[col + 1] - mm.start[col]
        first = np.concatenate(([0], np.cumsum(length)[:-1]))
        entry = np.repeat(mm.start[col] - first, length) + np.arange(int(length.sum()))
        ks, ak = mm.index[entry], mm.value[entry]
        with np.errstate(divide="ignore", invalid="ignore"):
            if fill:
                limit = np.where(ak > 0, (upper[ks] - r[ks]) / ak, (r[ks] - lower[ks]) / -ak)
            else:
                limit = np.where(ak > 0, (r[ks] - lower[ks]) / ak, (upper[ks] - r[ks]) / -ak)
        limit[ks == i] = np.inf
        theta = np.minimum.reduceat(limit, first)
        theta = np.minimum(theta, mm.col_upper[col] - x[col] if fill else x[col])
        theta = np.maximum(theta, 0.0)
        used = np.cumsum(a * theta)
        k = int(np.searchsorted(used, room))
        if k < col.size:  # the k-th column takes what is left; those after it nothing
            theta[k] = (room - (used[k - 1] if k else 0.0)) / a[k]
            theta[k + 1:] = 0.0
        sign = 1.0 if fill else -1.0
        x[col] += sign * theta
        np.add.at(r, ks, sign * ak * np.repeat(theta, length))

    def _row_wise(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if self._rows is None:
            self._rows = self.mm.row_wise()
        return self._rows

    # --- re-solving -----------------------------------------------------------------------------

    def resolve(self, change: Mapping[str, tuple[float, float]], seconds: float) -> _Effect | None:
        """Re-solve with ``change`` from the last basis within ``seconds``; restore the model.

        Returns the exact effect, or None when the time ran out first.
        """
        self.resolves += 1
        self.solver.set_rows(change)
        try:
            status = self.hs.warm_lp(seconds)
            value = self.mm.sign * self.hs.objective() if status is Status.OPTIMAL else math.nan
        finally:
            self.solver.set_rows({name: self.bounds(name) for name in change})
        if status is None:
            return None
        base = self.base_objective
        if status is not Status.OPTIMAL:
            return _Effect(math.nan, math.nan, math.nan, feasible=False)
        return _Effect(value - base, value - base, value - base)

    def settle(self, claims: list[_Claim], budget: Budget, start: float) -> None:
        """Re-solve the open claims while the budget lasts, from ``start`` (perf_counter).

        The widest ranges go first (the statements the basis says least about), and among
        ranges alike the largest dual figure.
        """
        deadline = start + budget.seconds(self.lp_seconds)
        open_claims = [c for c in claims if not c.effect.known]
        open_claims.sort(key=lambda c: (-(c.effect.high - c.effect.low), -abs(c.effect.linear)))
        for claim in open_claims:
            left = deadline - time.perf_counter()
            if self.resolves >= budget.resolves or left <= 0:
                break
            effect = self.resolve(claim.change, left)
            if effect is not None:
                claim.effect, claim.resolved = effect, True


# --- the statements ------------------------------------------------------------------------------

_Say = Callable[[_Effect], list[Message]]


def _range(code: str, data: dict[str, Any], low: float, high: float) -> list[Message]:
    """State the range an effect is known to lie in (nothing when it is unbounded)."""
    if not (math.isfinite(low) and math.isfinite(high)):
        return []
    return [Message(code, {**data, "n_low": _round_down(low), "n_high": _round_up(high)})]


def _more_money(label: str) -> _Say:
    def say(e: _Effect) -> list[Message]:
        if not e.feasible:
            return []
        if e.known:
            return [Message("source_more_money", {"source": label, "n_more": round(e.value)})]
        return _range("source_more_money_range", {"source": label}, max(e.low, 0.0), e.high)
    return say


def _cost(code: str, data: dict[str, Any], otherwise: Callable[[], list[Message]]) -> _Say:
    """Say what a rule costs (``code``, ``n_cost``), or ``otherwise()`` when it costs nobody."""
    def say(e: _Effect) -> list[Message]:
        if e.known:
            if e.feasible and e.value >= 0.5:
                return [Message(code, {**data, "n_cost": round(e.value)})]
            return otherwise()
        if e.high < 0.5:
            return otherwise()
        return _range(f"{code}_range", data, max(e.low, 0.0), e.high)
    return say


def _kept(label: str) -> _Say:
    def say(e: _Effect) -> list[Message]:
        if e.known:
            kept = -e.value
            if not e.feasible or kept < 0.5:
                return []
            return [Message("protection_keeps", {"source": label, "n_kept": round(kept)})]
        low, high = -e.high, -e.low  # the workers kept: the effect of giving the protection up
        if high < 0.5:
            return []
        if math.isfinite(high):
            return _range("protection_keeps_range", {"source": label}, max(low, 0.0), high)
        if low >= 0.5:
            return [Message("protection_keeps_at_least",
                            {"source": label, "n_kept": _round_down(low)})]
        return []
    return say


def _claim(lp: _Relaxation, change: dict[str, tuple[float, float]], say: _Say) -> _Claim:
    return _Claim(change, lp.estimate(change), say)


_Item = Message | _Claim


def _sources(result: Result, lp: _Relaxation) -> list[_Item]:
    inputs = result.inputs
    cut = inputs.scenario.policy.global_cut
    out: list[_Item] = []
    with_cells = {c[2] for c in inputs.cells}
    for s in inputs.sources:
        label = inputs.source_by_id[s].label
        row = f"budget[{s}]"
        if s not in with_cells:
            out.append(Message("source_not_binding_rules", {"source": label}))
        elif lp.dual(row) > _TOL:
            src = inputs.source_by_id[s]
            richer = src.model_copy(update={"budget": src.budget + BILLION})
            more = {row: (lp.bounds(row)[0], float(available_money(richer, cut)))}
            out.append(_claim(lp, more, _more_money(label)))
        elif _full(result, s):
            out.append(Message("source_not_binding_full", {"source": label}))
        else:
            out.append(Message("source_not_binding", {"source": label}))
    return out


def _full(result: Result, source: str) -> bool:
    inputs = result.inputs
    funded: dict[tuple[str, str], int] = {}
    for (g, r, _), w in result.solution.workers.items():
        funded[g, r] = funded.get((g, r), 0) + w
    return all(funded.get((c[0], c[1]), 0) >= inputs.cap[c[0], c[1]]
               for c in inputs.cells if c[2] == source)


def _rules(result: Result, lp: _Relaxation) -> list[_Item]:
    inputs = result.inputs
    policy = inputs.scenario.policy
    out: list[_Item] = []
    for g in inputs.groups:
        rows = [f"mandate[{g},{r}]" for r in inputs.regions if f"mandate[{g},{r}]" in lp.index]
        if rows:  # one row per (group, region): dropped together
            label = inputs.group_by_id[g].label
            dropped = {row: (-math.inf, lp.bounds(row)[1]) for row in rows}

            def free(g: str = g, label: str = label) -> list[Message]:
                return [Message("mandate_free", {"group": label})] if _at_floor(result, g) else []

            out.append(_claim(lp, dropped, _cost("mandate_cost", {"group": label}, free)))
    equity = [f"equity[{r}]" for r in inputs.regions if f"equity[{r}]" in lp.index]
    if equity:
        floor = {"share_floor": policy.min_region_share}

        def equity_free() -> list[Message]:
            rows = cast("Iterable[Any]", result.by_region.itertuples())
            binding = any(row.funded <= row.floor for row in rows if row.floor)
            return [Message("equity_free", floor)] if binding else []

        dropped = {row: (-math.inf, math.inf) for row in equity}
        out.append(_claim(lp, dropped, _cost("equity_cost", floor, equity_free)))
    if policy.global_cut > 0:
        uncut = {f"budget[{s}]": (-math.inf, float(available_money(inputs.source_by_id[s], 0.0)))
                 for s in inputs.sources}
        out.append(_claim(lp, uncut, _cost("global_cut_cost", {"share_cut": policy.global_cut},
                                           list)))
        for s in inputs.sources:
            src = inputs.source_by_id[s]
            if src.protected:
                cut_too = src.model_copy(update={"protected": False})
                row = f"budget[{s}]"
                cut_row = {row: (-math.inf, float(available_money(cut_too, policy.global_cut)))}
                out.append(_claim(lp, cut_row, _kept(src.label)))
    return out


def _at_floor(result: Result, group: str) -> bool:
    """Return True when the plan funds ``group`` exactly at its mandate in some region."""
    inputs = result.inputs
    funded: dict[str, int] = {}
    for (g, r, _), w in result.solution.workers.items():
        if g == group:
            funded[r] = funded.get(r, 0) + w
    return any(0 < inputs.mandate[group, r] == funded.get(r, 0) for r in inputs.regions)


def _groups(result: Result) -> list[Message]:
    inputs = result.inputs
    out = []
    table = result.by_group.set_index("group")
    for g in inputs.groups:
        label = inputs.group_by_id[g].label
        payers = sorted({c[2] for c in inputs.cells if c[0] == g})
        funded = int(cast(float, table.loc[g, "funded"]))
        cap = sum(inputs.cap[g, r] for r in inputs.regions)
        if cap == 0 or funded >= cap:
            out.append(Message("group_full", {
                "group": label, "n_covered": int(cast(float, table.loc[g, "covered"])),
            }))
        elif not payers:
            out.append(Message("group_no_payer", {"group": label}))
        elif funded == sum(inputs.mandate[g, r] for r in inputs.regions) > 0:
            out.append(Message("group_at_mandate", {"group": label,
                                                    "share_covered": table.loc[g, "share"]}))
        else:
            unit = min(inputs.unit_cost[g, s] for s in payers)
            names = [inputs.source_by_id[s].label for s in payers]
            share = cast(float, table.loc[g, "share"])
            code = "group_partial" if funded > 0 else "group_none"
            out.append(Message(code, {"group": label, "sources": names, "rp_unit": unit,
                                      "share_covered": 0.0 if math.isnan(share) else share}))
    if inputs.scenario.regions:
        for row in result.by_region.itertuples():
            out.append(Message("region_status", {"region": row.name,
                                                 "share_covered": row.share}))
    return out


def explanation(result: Result, solver: Solver | None = None,
                budget: Budget | None = None) -> Explanation:
    """Statements about the plan with what they cost; see :func:`explain`."""
    t0 = time.perf_counter()
    if not result.ok or not result.inputs.cells:
        return Explanation()
    lp_seconds = result.solution.timings.get("lp") if solver is not None else None
    lp = _Relaxation(result.inputs, solver, lp_seconds)
    # the budget runs from here: past the first LP, which is the plan's own when handed over
    start = t0 if solver is not None else time.perf_counter()
    if not lp.optimal:
        return Explanation(lp_seconds=lp.lp_seconds, seconds=time.perf_counter() - t0)
    items = [Message("principle"), *_sources(result, lp), *_rules(result, lp)]
    claims = [item for item in items if isinstance(item, _Claim)]
    lp.settle(claims, budget or Budget(), start)
    messages: list[Message] = []
    for item in items:
        messages.extend(item.say(item.effect) if isinstance(item, _Claim) else [item])
    messages.extend(_groups(result))
    resolved = sum(c.resolved for c in claims)
    ranged = sum(not c.effect.known for c in claims)
    return Explanation(
        messages, claims=len(claims), from_basis=len(claims) - resolved - ranged,
        resolved=resolved, ranged=ranged, resolves=lp.resolves, lp_seconds=lp.lp_seconds,
        seconds=time.perf_counter() - t0,
    )


def explain(result: Result, solver: Solver | None = None,
            budget: Budget | None = None) -> list[Message]:
    """Statements about the plan: the principle, each source, each rule, each group and region.

    ``solver`` is the solver that made the plan (the pipeline hands it over), so its LP and basis
    serve the statements without a second LP; without it the LP is built and solved here.
    ``budget`` bounds the warm re-solves (see the module docstring).
    """
    return explanation(result, solver, budget).messages
