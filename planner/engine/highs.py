"""HiGHS through highspy: this module and its MILP worker are the only ones that import it.

One :class:`HighsModel` holds a model for all stages of a solve (LP, MILP, least spend) and for
the re-solves of the analyses, which change right-hand sides and warm-start from the last basis.
The MILP itself runs in a worker process (:mod:`planner.engine.highs_worker`, through
:func:`run_in_worker`), killed at its deadline.
"""

from __future__ import annotations

import atexit
import contextlib
import math
import os
import pickle
import select
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from planner.engine.highs_worker import solve_milp, write_message
from planner.engine.matrix import INF, MatrixModel
from planner.engine.solution import Status

try:
    import highspy
except ImportError:  # pragma: no cover - exercised by forcing solver="cbc"
    highspy = None  # type: ignore[assignment]

__all__ = ["HIGHS_AVAILABLE", "IPM_ABOVE", "HighsModel", "prestart_worker", "run_in_worker"]

HIGHS_AVAILABLE = highspy is not None
IPM_ABOVE = 30_000  # columns above which the LP goes to the interior point method

_banner_shown = False


@contextlib.contextmanager
def _quiet_stdout() -> Iterator[None]:
    """Keep HiGHS's one-off start-up banner out of stdout (it would corrupt ``--json``)."""
    global _banner_shown
    if _banner_shown:
        yield
        return
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), 1)
            yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        _banner_shown = True


def _status_map() -> dict[Any, Status]:
    s = highspy.HighsModelStatus
    return {
        s.kOptimal: Status.OPTIMAL,
        s.kInfeasible: Status.INFEASIBLE,
        s.kUnboundedOrInfeasible: Status.INFEASIBLE,
    }


class HighsModel:
    """One HiGHS model reused across the stages."""

    def __init__(self, mm: MatrixModel) -> None:
        with _quiet_stdout():
            self.h = highspy.Highs()  # type: ignore[no-untyped-call]  # unannotated __init__
        h = self.h
        h.setOptionValue("output_flag", False)
        h.setOptionValue("random_seed", 0)
        lp = highspy.HighsLp()
        lp.num_col_ = mm.n
        lp.num_row_ = mm.m
        lp.col_cost_ = mm.cost
        lp.col_lower_ = np.zeros(mm.n)
        lp.col_upper_ = np.where(np.isfinite(mm.col_upper), mm.col_upper, highspy.kHighsInf)
        lp.row_lower_ = np.where(np.isfinite(mm.row_lower), mm.row_lower, -highspy.kHighsInf)
        lp.row_upper_ = np.where(np.isfinite(mm.row_upper), mm.row_upper, highspy.kHighsInf)
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = mm.start
        lp.a_matrix_.index_ = mm.index
        lp.a_matrix_.value_ = mm.value
        h.passModel(lp)
        self.n = mm.n
        self.m = mm.m
        self.cost = mm.cost
        self.col_upper = np.asarray(lp.col_upper_, dtype=float)
        self.held = False

    def lp(self, *, ipm: bool, dual: bool = False) -> Status | None:
        """Solve the LP.

        Primal simplex from scratch (x = 0 is nearly feasible here, and stage 2 starts from
        stage 1's basis, which stays primal feasible); dual simplex after right-hand sides
        changed (the last basis stays dual feasible); IPM with crossover on big cold models.
        Presolve stays on where HiGHS chooses it, and must be set so: ``warm_lp`` turns it off
        for the explanations' re-solves, and without presolve the first LP ends at another
        optimal vertex, which moves money between sources among equally good plans.
        """
        h = self.h
        h.setOptionValue("solver", "ipm" if ipm and not dual else "simplex")
        h.setOptionValue("presolve", "choose")
        h.setOptionValue("simplex_strategy", 1 if dual else 4)
        h.setOptionValue("run_crossover", "on")
        h.setOptionValue("time_limit", highspy.kHighsInf)
        h.run()
        return _status_map().get(h.getModelStatus())

    def milp(
        self, x0: np.ndarray, deadline: float, integral: bool, cost: np.ndarray
    ) -> tuple[np.ndarray | None, float]:
        """Run the MILP of the current model from ``x0`` until ``deadline``.

        Returns (best point or None, dual bound in min form); when HiGHS proves optimality the
        bound is the incumbent's objective itself (with an integral objective and an absolute
        gap below one nothing better exists). ``deadline`` is a :func:`time.perf_counter`
        reading. The MILP runs in a worker process (:mod:`planner.engine.highs_worker`) with
        HiGHS's own time limit and interrupt callbacks; should HiGHS still be busy at the
        deadline (some of its root-node phases never look at the clock), the worker is killed
        and the answer is "nothing better found", so the call returns on time whatever HiGHS
        does. ``cost`` is the objective the model currently holds.
        """
        lp = self.h.getLp()
        matrix = lp.a_matrix_
        task = {
            "n": lp.num_col_, "m": lp.num_row_,
            "cost": np.asarray(cost, dtype=float),
            "col_lower": np.asarray(lp.col_lower_), "col_upper": np.asarray(lp.col_upper_),
            "row_lower": np.asarray(lp.row_lower_), "row_upper": np.asarray(lp.row_upper_),
            "colwise": matrix.format_ == highspy.MatrixFormat.kColwise,
            "start": np.asarray(matrix.start_), "index": np.asarray(matrix.index_),
            "value": np.asarray(matrix.value_),
            "x0": np.asarray(x0, dtype=float),
            "abs_gap": 1 - 1e-6 if integral else 1e-6,
        }
        answer = run_in_worker(task, deadline)
        if answer is None:
            return None, -INF
        x = answer["x"]
        return (None if x is None else np.asarray(x, dtype=float)), float(answer["bound"])

    def values(self) -> np.ndarray:
        """Column values of the last solution."""
        return np.asarray(self.h.getSolution().col_value)

    def objective(self) -> float:
        """Objective value of the last solution (min form)."""
        return float(self.h.getInfo().objective_function_value)

    def duals(self) -> np.ndarray:
        """Row duals of the last solution."""
        return np.asarray(self.h.getSolution().row_dual)

    def hold_objective(self, cost: np.ndarray, best: float, spend: np.ndarray) -> None:
        """Hold ``cost x <= best`` (min form) and make spend the objective (stage 2).

        The row is added once and kept; later calls only move its bound, so the basis of the
        last stage-2 solve stays valid for the next.
        """
        if self.held:
            self.h.changeRowBounds(self.m, -highspy.kHighsInf, best)
            return
        nz = np.flatnonzero(cost)
        self.h.addRow(-highspy.kHighsInf, best, len(nz), nz.astype(np.int32), cost[nz])
        self.held = True
        self.set_cost(spend)

    def release_objective(self) -> None:
        """Drop the held-objective row of stage 2 and restore the model's own objective."""
        if self.held:
            last = self.h.getNumRow() - 1
            self.h.deleteRows(1, np.array([last], dtype=np.int32))
            self.held = False
        self.set_cost(self.cost)

    def set_cost(self, cost: np.ndarray) -> None:
        """Make ``cost`` (min form) the objective."""
        self.h.changeColsCost(self.n, np.arange(self.n, dtype=np.int32), cost)

    def set_row_bounds(self, rows: np.ndarray, lower: np.ndarray, upper: np.ndarray) -> None:
        """Change the bounds of ``rows``; the next solve starts from the current basis."""
        lo = np.where(np.isfinite(lower), lower, -highspy.kHighsInf)
        hi = np.where(np.isfinite(upper), upper, highspy.kHighsInf)
        # bound at run time, missing from highspy's _core stubs
        self.h.changeRowsBounds(  # type: ignore[attr-defined]
            len(rows), rows.astype(np.int32), lo, hi
        )

    def add_column(self, cost: float, upper: float, rows: np.ndarray, values: np.ndarray) -> int:
        """Add a column in [0, upper] (an analysis's level variable); returns its index."""
        self.h.addCol(cost, 0.0, upper, len(rows), rows.astype(np.int32),
                      np.asarray(values, dtype=float))
        return int(self.h.getNumCol()) - 1

    def change_coeff(self, row: int, col: int, value: float) -> None:
        """Set one coefficient of the matrix."""
        self.h.changeCoeff(row, col, value)

    def set_col_lower(self, cols: np.ndarray, lower: np.ndarray) -> None:
        """Raise (or restore) the lower bounds of ``cols``; upper bounds stay the model's."""
        upper = self.col_upper[cols]
        self.h.changeColsBounds(len(cols), cols.astype(np.int32), lower, upper)

    def row_activity(self) -> np.ndarray:
        """Row activities of the last solution (the model's own rows)."""
        return np.asarray(self.h.getSolution().row_value)[: self.m]

    # --- reading the basis: what the explanations use instead of re-solving ------------------

    def has_basis(self) -> bool:
        """Return True when the model holds a valid basis, so a solve can start from it."""
        return bool(self.h.getBasis().valid)

    def row_status(self) -> np.ndarray:
        """Where each of the model's rows sits in the last basis.

        -1: nonbasic at its lower bound, 1: nonbasic at its upper bound, 0: basic (its activity
        free to move between its bounds), 2: anything else (a free nonbasic row, no basis).
        """
        code = {
            highspy.HighsBasisStatus.kLower: -1,
            highspy.HighsBasisStatus.kUpper: 1,
            highspy.HighsBasisStatus.kBasic: 0,
        }
        basis = self.h.getBasis()
        if not basis.valid:
            return np.full(self.m, 2, dtype=np.int8)
        return np.array([code.get(s, 2) for s in basis.row_status[: self.m]], dtype=np.int8)

    def basis_step(self, moves: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Return how column values and row activities change when nonbasic rows move, basis kept.

        ``moves[i]`` is how far the activity of nonbasic row ``i`` moves (with its bound);
        entries of basic rows must be 0. The basic columns and basic rows absorb the move: one
        solve with the factors of the last basis (``getBasisSolve``), the many-row form of the
        ranging HiGHS reports row by row. HiGHS's basis holds a logical ``-activity`` per row,
        hence the sign of the basic rows' changes. Returns (column changes, row activity
        changes) over the model's own columns and rows, the moved rows included.
        """
        h = self.h
        rows = h.getNumRow()
        rhs = np.zeros(rows)
        rhs[: self.m] = moves
        # bound at run time, missing from highspy's stubs
        _, basic = h.getBasicVariables()  # type: ignore[attr-defined]
        _, z = h.getBasisSolve(rhs)  # type: ignore[attr-defined]
        basic = np.asarray(basic)
        z = np.asarray(z)
        dx = np.zeros(h.getNumCol())
        dr = np.zeros(rows)
        dr[: self.m] = moves
        cols = basic >= 0
        dx[basic[cols]] = z[cols]
        dr[-1 - basic[~cols]] = -z[~cols]
        return dx[: self.n], dr[: self.m]

    def warm_lp(self, seconds: float) -> Status | None:
        """Re-solve the LP by dual simplex from the last basis, for at most ``seconds``.

        Returns the status, or None when the time ran out first (the basis reached is kept for
        the next solve). HiGHS measures its time limit on the model's run clock, which adds up
        over every solve of the model, hence the limit set past its reading; it is lifted again
        afterwards.
        """
        h = self.h
        h.setOptionValue("solver", "simplex")
        h.setOptionValue("simplex_strategy", 1)
        h.setOptionValue("presolve", "off")  # a warm start from a basis never presolves
        h.setOptionValue("time_limit", h.getRunTime() + max(seconds, 1e-3))
        try:
            h.run()
        finally:
            h.setOptionValue("time_limit", highspy.kHighsInf)
        return _status_map().get(h.getModelStatus())


# --- the MILP's worker processes ----------------------------------------------------------------

_WORKER = Path(__file__).resolve().with_name("highs_worker.py")
_GRACE = 0.02  # seconds past the deadline for the worker's answer to arrive before it is killed
_IDLE_WORKERS = 8  # the app: ten people moving sliders at once each wait for a MILP
_idle: list[subprocess.Popen[bytes]] = []
_idle_lock = threading.Lock()


def _start_worker() -> subprocess.Popen[bytes]:
    return subprocess.Popen(  # noqa: S603 - our own script, run by this interpreter
        [sys.executable, str(_WORKER)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
    )


def prestart_worker() -> None:
    """Start a worker now, in the background, so that the first MILP does not wait for one."""
    with _idle_lock:
        if not any(proc.poll() is None for proc in _idle):
            with contextlib.suppress(OSError):  # run_in_worker falls back to this process
                _idle.append(_start_worker())


def _take_worker() -> subprocess.Popen[bytes]:
    with _idle_lock:
        while _idle:
            proc = _idle.pop()
            if proc.poll() is None:
                return proc
    return _start_worker()


def _give_back(proc: subprocess.Popen[bytes]) -> None:
    with _idle_lock:
        if len(_idle) < _IDLE_WORKERS:
            _idle.append(proc)
            return
    _stop(proc)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(OSError):
        proc.kill()
    with contextlib.suppress(OSError, subprocess.TimeoutExpired):
        proc.wait(timeout=1)
    for stream in (proc.stdin, proc.stdout):
        if stream is not None:
            with contextlib.suppress(OSError):
                stream.close()


@atexit.register
def _stop_idle_workers() -> None:
    with _idle_lock:
        while _idle:
            _stop(_idle.pop())


def _read_by(fd: int, size: int, deadline: float) -> bytes | None:
    """Read ``size`` bytes from ``fd`` before ``deadline`` (perf_counter), or None."""
    chunks: list[bytes] = []
    while size > 0:
        left = deadline - time.perf_counter()
        if left <= 0 or not select.select([fd], [], [], left if math.isfinite(left) else None)[0]:
            return None
        chunk = os.read(fd, min(size, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def run_in_worker(task: dict[str, Any], deadline: float) -> dict[str, Any] | None:
    """Solve ``task`` (see :func:`~planner.engine.highs_worker.solve_milp`) in a worker process.

    The worker is given the time left before ``deadline`` and killed if its answer has not come
    a moment after it. Returns the worker's answer, or None when there was none in time.
    """
    left = deadline - time.perf_counter()
    if left <= 0:
        return None
    try:
        proc = _take_worker()
    except OSError:  # no processes to be had here: HiGHS's own limit and callbacks, in-process
        return solve_milp({**task, "seconds": left})
    if proc.stdin is None or proc.stdout is None:  # pragma: no cover - made with PIPE
        return None
    try:
        # the worker stops itself a little early, so that its answer is read by the deadline
        write_message(proc.stdin, {**task, "seconds": left * 0.97})
        grace = max(_GRACE, 0.03 * left) if math.isfinite(left) else INF
        stop = deadline + grace
        head = _read_by(proc.stdout.fileno(), 8, stop)
        body = None if head is None else _read_by(
            proc.stdout.fileno(), int.from_bytes(head, "little"), stop
        )
    except (OSError, ValueError):
        body = None
    if body is None:
        _stop(proc)
        return None
    _give_back(proc)
    answer: dict[str, Any] = pickle.loads(body)  # noqa: S301 - our own worker wrote it
    return answer
