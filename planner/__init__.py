"""Budget scenario planner for BPJS Ketenagakerjaan premiums of vulnerable workers.

>>> from planner import load_scenario, run
>>> result = run(load_scenario("scenarios/kutim-2025.yaml"))
>>> result.by_group  # a pandas table with units in .attrs["unit"]
"""

from planner.errors import ScenarioError, SolverUnavailable
from planner.pipeline import RunOptions, run, run_file
from planner.results import Result
from planner.scenarios import load_scenario, parse_scenario
from planner.schema import Scenario
from planner.solution import SolveOptions, Status

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
