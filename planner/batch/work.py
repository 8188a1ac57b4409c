"""What a worker does: solve a chunk of scenarios, sent as YAML text, into small records.

This module runs inside each Dask worker process. Importing it imports the pipeline, the engine
and the solver once per process; the scenarios a worker has parsed are kept in a small cache
keyed by their text, so the variants of one scenario are validated once. A task is plain data
(YAML text, numbers, words) and its answer a list of records (:mod:`planner.batch.records`),
never pickled plans.

A scenario that does not validate or solve is one record with its message; the chunk goes on.
"""

from __future__ import annotations

import functools
import logging
import time
from typing import Any, Final

from planner.batch.records import failure, record
from planner.batch.variants import Variant, apply
from planner.engine.scenarios import parse_scenario
from planner.engine.schema import Scenario
from planner.engine.solution import SolveOptions
from planner.errors import PlannerError, ScenarioError
from planner.i18n import t
from planner.pipeline import RunOptions, need, run

__all__ = ["WARM_UP", "solve_chunk", "warm_up"]

log = logging.getLogger("planner.batch")

WARM_UP: Final = """\
name: warm-up
groups:
  - {id: petani, name: Petani, eligible: 10, premium_monthly: 16800}
sources:
  - {id: apbd, name: APBD, kind: apbd, budget: 1008000}
"""


@functools.lru_cache(maxsize=64)
def _scenario(text: str, origin: str) -> Scenario | ScenarioError:
    """Validate a scenario's text once per worker; the error, when it does not validate."""
    try:
        return parse_scenario(text, file=origin)
    except ScenarioError as exc:
        return exc


def _parsed(text: str, origin: str) -> Scenario:
    """Return the scenario of ``text``, validated once per worker; raise its ScenarioError."""
    parsed = _scenario(text, origin)
    if isinstance(parsed, ScenarioError):
        raise parsed
    return parsed


def _run_options(options: dict[str, Any]) -> RunOptions:
    # what ``planner solve`` reports, without the statements (explain) and the uncut plan
    # (changes), which leave the plan's figures as they are; an infeasible scenario's nearest
    # plan is kept for the summaries
    solve = SolveOptions(solver=str(options.get("solver", "highs")),
                         time_limit=options.get("time_limit"))
    return RunOptions(solve=solve, explain=False, changes=False)


def _need(scenario: Scenario, target: int, options: RunOptions) -> dict[str, Any]:
    """Find the least extra money in any one source that reaches ``target`` workers."""
    answers = [a for a in need(scenario, target, None, options.solve) if a.reachable]
    best = min(answers, key=lambda a: (a.extra, a.source), default=None)
    return {"need_target": target, "need_extra": best.extra if best else None,
            "need_source": best.source if best else None}


def _solve_one(item: dict[str, Any], variant_index: int, variant: Variant,
               options: dict[str, Any], lang: str) -> dict[str, Any]:
    base = {"item": item["index"], "variant_index": variant_index, "name": item["origin"],
            "origin": item["origin"], "variant": variant.key(),
            "global_cut": variant.global_cut, "cuts": dict(variant.cuts),
            "region": item.get("region", ""), "province": item.get("province", "")}
    start = time.perf_counter()
    if item.get("error"):
        return {**failure(base, "invalid", item["error"]), "seconds": 0.0}
    try:
        parsed = _parsed(item["text"], item["origin"])
        base["name"] = parsed.name
        if base["global_cut"] is None:
            base["global_cut"] = parsed.policy.global_cut
        scenario = apply(parsed, variant)
        run_options = _run_options(options)
        out = record(run(scenario, run_options), base, lang)
        if options.get("target") is not None:
            out |= _need(scenario, int(options["target"]), run_options)
    except ScenarioError as exc:
        out = failure(base, "invalid", (exc if exc.file else exc.with_file(item["origin"]))
                      .render(lang))
    except PlannerError as exc:  # the solver stopped without an answer
        out = failure(base, "error", t("batch_solver_error", lang, detail=str(exc)))
    except Exception as exc:  # noqa: BLE001 - a bug in one scenario must not lose the batch
        log.exception("batch: %s (%s) failed", item["origin"], variant.key())
        out = failure(base, "error", f"{type(exc).__name__}: {exc}")
    out["seconds"] = time.perf_counter() - start
    return out


def solve_chunk(items: list[dict[str, Any]], options: dict[str, Any],
                lang: str) -> list[dict[str, Any]]:
    """Solve every variant of every item in the chunk; one record each, failures included.

    Parameters
    ----------
    items
        ``{index, origin, text, region, province, variants: [[variant_index, variant], ...]}``
        with ``text`` the scenario's YAML (or ``error``, the message of a file that could not
        be read) and each variant as :meth:`Variant.to_json` writes it.
    options
        ``{solver, time_limit, target}``: how hard to solve, and a head-count for the reverse
        question (the least extra money that reaches it), or ``None``.
    lang
        The language of the messages.

    """
    return [_solve_one(item, int(index), Variant.from_json(variant), options, lang)
            for item in items for index, variant in item["variants"]]


def warm_up() -> None:
    """Import and run the solver once, so a worker's first task is as fast as the others."""
    run(parse_scenario(WARM_UP), RunOptions(explain=False))
