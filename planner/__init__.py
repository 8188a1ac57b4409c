"""Budget scenario planner for BPJS Ketenagakerjaan premiums of vulnerable workers.

>>> from planner import load_scenario, run
>>> result = run(load_scenario("scenarios/kutim-2025.yaml"))
>>> result.by_group  # a pandas table with units in .attrs["unit"]

The rooms, top to bottom (each imports only from those below it): ``ui`` and ``cli``; ``store``
(the scenario library, Excel); ``pipeline``; ``analysis`` and ``compare``; ``engine`` (from a
scenario file to a solved plan); and the words every layer shares (``errors``, ``i18n``,
``money``, ``texttable``).

The names below are imported when first used (PEP 562), so that ``import planner.cli`` or
``import planner.i18n`` does not load pandas, PuLP and HiGHS along with the package.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from planner.engine.results import Result
    from planner.engine.scenarios import load_scenario, parse_scenario
    from planner.engine.schema import Scenario
    from planner.engine.solution import SolveOptions, Status
    from planner.errors import ScenarioError, SolverUnavailable
    from planner.pipeline import RunOptions, run, run_file

__all__ = [
    "Result",
    "RunOptions",
    "Scenario",
    "ScenarioError",
    "SolveOptions",
    "SolverUnavailable",
    "Status",
    "load_scenario",
    "parse_scenario",
    "run",
    "run_file",
]

__version__ = "0.1.0"

# Each public name and the module it lives in (keep in step with the TYPE_CHECKING block above).
_HOME = {
    "Result": "planner.engine.results",
    "load_scenario": "planner.engine.scenarios",
    "parse_scenario": "planner.engine.scenarios",
    "Scenario": "planner.engine.schema",
    "SolveOptions": "planner.engine.solution",
    "Status": "planner.engine.solution",
    "ScenarioError": "planner.errors",
    "SolverUnavailable": "planner.errors",
    "RunOptions": "planner.pipeline",
    "run": "planner.pipeline",
    "run_file": "planner.pipeline",
}


def __getattr__(name: str) -> Any:
    """Import a public name's module on first use (``from planner import run``)."""
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value  # the next look-up does not come back here
    return value


def __dir__() -> list[str]:
    """List the public names too, imported or not."""
    return sorted(set(globals()) | set(__all__))
