"""A MILP in a process of its own, so that a deadline is kept whatever HiGHS does inside.

HiGHS's ``time_limit`` and its interrupt callbacks stop the branch and bound, but some phases of
its root node (cut separation on rows with rupiah coefficients, among others) call neither for
seconds. :class:`~planner.engine.highs.HighsModel` therefore sends the MILP here and waits for the
answer until the deadline; past it the process is killed and the plan in hand is kept.

This file runs as a script (``python highs_worker.py``), importing only numpy and highspy, so a
worker starts in about a tenth of a second. The protocol on stdin and stdout is a stream of
messages, each an 8-byte little-endian length and a pickle: a task dict in, an answer dict out.
HiGHS's banner and logs go to /dev/null, never into the answers.
"""

from __future__ import annotations

import os
import pickle
import struct
import sys
import time
from typing import IO, Any

import numpy as np

try:
    import highspy
except ImportError:  # pragma: no cover - the parent checks before starting a worker
    highspy = None  # type: ignore[assignment]

__all__ = ["read_message", "solve_milp", "write_message"]

_HEADER = struct.Struct("<Q")


def write_message(stream: IO[bytes], payload: dict[str, Any]) -> None:
    """Write one message: its length, then its pickle."""
    data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def read_message(stream: IO[bytes]) -> dict[str, Any] | None:
    """Read one message, or None at the end of the stream."""
    head = stream.read(_HEADER.size)
    if len(head) < _HEADER.size:
        return None
    (size,) = _HEADER.unpack(head)
    data = stream.read(size)
    if len(data) < size:
        return None
    answer: dict[str, Any] = pickle.loads(data)  # noqa: S301 - our own parent process wrote it
    return answer


def _model(task: dict[str, Any]) -> Any:
    """Make a Highs holding the task's model, every column integer."""
    h = highspy.Highs()  # type: ignore[no-untyped-call]
    h.setOptionValue("output_flag", False)
    h.setOptionValue("random_seed", 0)
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = task["n"], task["m"]
    lp.col_cost_ = task["cost"]
    lp.col_lower_, lp.col_upper_ = task["col_lower"], task["col_upper"]
    lp.row_lower_, lp.row_upper_ = task["row_lower"], task["row_upper"]
    lp.a_matrix_.format_ = (
        highspy.MatrixFormat.kColwise if task["colwise"] else highspy.MatrixFormat.kRowwise
    )
    lp.a_matrix_.start_ = task["start"]
    lp.a_matrix_.index_ = task["index"]
    lp.a_matrix_.value_ = task["value"]
    lp.integrality_ = [highspy.HighsVarType.kInteger] * task["n"]
    h.passModel(lp)
    h.setOptionValue("mip_rel_gap", 0.0)
    h.setOptionValue("mip_abs_gap", task["abs_gap"])
    return h


def _answer(h: Any, cost: np.ndarray) -> dict[str, Any] | None:
    """Return the MILP's point and bound, or None when HiGHS's report does not add up.

    HiGHS 1.16 can misreport the objective and the dual bound of a MILP started from a user
    solution (off by the cost of columns presolve fixed), so the answer is trusted only when
    HiGHS's objective matches the incumbent's objective computed here.
    """
    info = h.getInfo()
    status = h.getModelStatus()
    if status == highspy.HighsModelStatus.kInfeasible:
        return {"x": None, "bound": float("inf")}
    if info.primal_solution_status != highspy.kSolutionStatusFeasible:
        return {"x": None, "bound": -float("inf")}
    x = np.round(np.asarray(h.getSolution().col_value))
    value = float(cost @ x)
    bound = float(info.mip_dual_bound)
    reported = float(info.objective_function_value)
    if abs(reported - value) > 1e-6 * max(1.0, abs(value)) or bound > value + 1e-6:
        return None
    proven = status == highspy.HighsModelStatus.kOptimal
    return {"x": x, "bound": value if proven else bound}


def solve_milp(task: dict[str, Any]) -> dict[str, Any]:
    """Solve the task's MILP from its start point within ``task["seconds"]``.

    Returns ``{"x": best point or None, "bound": dual bound in min form}``; the MILP is run again
    without the start when HiGHS's answer from the start does not add up.
    """
    deadline = time.perf_counter() + task["seconds"]
    h = _model(task)
    cost = np.asarray(task["cost"], dtype=float)

    def stop_at_deadline(event: Any) -> None:
        if time.perf_counter() >= deadline:
            event.interrupt()

    for callback in (h.cbMipInterrupt, h.cbSimplexInterrupt, h.cbIpmInterrupt):
        callback.subscribe(stop_at_deadline)
    for warm in (True, False):
        left = deadline - time.perf_counter()
        if left <= 0:
            break
        # HiGHS's time limit is read on the model's run clock, which goes on across runs
        h.setOptionValue("time_limit", h.getRunTime() + left)
        if warm:
            sol = highspy.HighsSolution()
            sol.col_value = list(task["x0"])
            sol.value_valid = True
            h.setSolution(sol)
        else:
            h.clearSolver()
        h.run()
        answer = _answer(h, cost)
        if answer is not None:
            return answer
    return {"x": None, "bound": -float("inf")}


def _serve() -> None:
    """Answer tasks from stdin until it closes; HiGHS may print nothing into the answers."""
    answers = os.fdopen(os.dup(1), "wb")
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    tasks = sys.stdin.buffer
    while (task := read_message(tasks)) is not None:
        write_message(answers, solve_milp(task))


if __name__ == "__main__":
    _serve()
