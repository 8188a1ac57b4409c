"""Scenario files: YAML text <-> :class:`~planner.engine.schema.Scenario`; the examples folder."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from planner.engine.schema import Scenario, validate_scenario
from planner.engine.yamlio import dump_yaml, parse_yaml, read_yaml
from planner.errors import ScenarioError

__all__ = [
    "EXAMPLES_DIR",
    "content_hash",
    "dump_scenario",
    "list_examples",
    "load_scenario",
    "parse_scenario",
]

EXAMPLES_DIR = Path(__file__).resolve().parent.parent.parent / "scenarios"


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario file; raise ScenarioError naming the file and field."""
    data = read_yaml(path)
    return validate_scenario(data, str(path))


def parse_scenario(text: str, file: str | None = None) -> Scenario:
    """Validate a scenario given as YAML text (an upload, a stored version)."""
    return validate_scenario(parse_yaml(text, file), file)


def dump_scenario(scenario: Scenario) -> str:
    """Return the scenario as YAML that :func:`parse_scenario` reads back to an equal scenario."""
    data = scenario.model_dump(mode="json", exclude_defaults=True)
    data.setdefault("name", scenario.name)
    return dump_yaml(data)


def content_hash(scenario: Scenario) -> str:
    """Return a stable hash of what the scenario means (not its layout or comments)."""
    canonical = json.dumps(scenario.model_dump(mode="json"), sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(canonical.encode()).hexdigest()


def list_examples(folder: Path = EXAMPLES_DIR) -> list[Path]:
    """List the example scenario files, sorted by name."""
    return sorted(folder.glob("*.yaml"))


def try_load(path: str | Path) -> Scenario | ScenarioError:
    """Load a scenario, returning the error instead of raising it (for listings)."""
    try:
        return load_scenario(path)
    except ScenarioError as exc:
        return exc
