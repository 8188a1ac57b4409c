"""The README's examples print what the README shows, so its sample outputs cannot drift.

Every ```text block of README.md whose first line is ``$ planner ...`` is run (in the project's
folder, through the CLI app) and its lines compared with what the command prints. A line that is
just ``...`` stands for lines left out; the lines between two of them must follow each other in
the output, in the order shown.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planner.cli import app

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"


def _examples() -> list[tuple[str, list[str]]]:
    out = []
    for block in re.findall(r"```text\n(.*?)```", README.read_text(encoding="utf-8"), re.S):
        lines = block.rstrip("\n").split("\n")
        if lines[0].startswith("$ planner "):
            out.append((lines[0][2:], lines[1:]))
    return out


def _segments(expected: list[str]) -> list[list[str]]:
    segments: list[list[str]] = [[]]
    for line in expected:
        if line.strip() == "...":
            segments.append([])
        else:
            segments[-1].append(line.rstrip())
    return [s for s in segments if s]


def _missing(expected: list[str], printed: list[str]) -> list[str] | None:
    """Return the first segment not found in order, or None when all are."""
    at = 0
    for segment in _segments(expected):
        for start in range(at, len(printed) - len(segment) + 1):
            if printed[start : start + len(segment)] == segment:
                at = start + len(segment)
                break
        else:
            return segment
    return None


EXAMPLES = _examples()


def test_the_readme_has_runnable_examples() -> None:
    commands = [command.split()[1] for command, _ in EXAMPLES]
    assert {"validate", "solve", "sweep", "need"} <= set(commands), commands


def test_the_matcher_finds_a_changed_figure() -> None:
    printed = ["a", "b 1", "c", "d"]
    assert _missing(["a", "b 1", "...", "d"], printed) is None
    assert _missing(["a", "b 2", "...", "d"], printed) == ["a", "b 2"]
    assert _missing(["a", "c"], printed) == ["a", "c"]  # not next to each other


@pytest.mark.parametrize(("command", "expected"), EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_a_readme_example_prints_what_the_readme_shows(command, expected, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    args = shlex.split(command)[1:]
    result = CliRunner().invoke(app, args)
    printed = [line.rstrip() for line in (result.stdout + result.stderr).split("\n")]
    assert _missing(expected, printed) is None, "\n".join(printed)
