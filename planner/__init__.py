"""Budget scenario planner for BPJS Ketenagakerjaan premiums of vulnerable workers.

>>> from planner import load_scenario, run
>>> result = run(load_scenario("scenarios/kutim-2025.yaml"))
>>> result.by_group  # a pandas table with units in .attrs["unit"]

The rooms, top to bottom (each imports only from those below it): ``ui`` and ``cli``; ``store``
(the scenario library, Excel); ``pipeline``; ``analysis`` and ``compare``; ``engine`` (from a
scenario file to a solved plan); and the words every layer shares (``errors``, ``i18n``,
``money``, ``texttable``).
"""

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
