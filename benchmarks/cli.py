"""How long the ``planner`` command takes to start: ``--help`` and ``validate`` on an example.

Each command runs REPEAT times in a new process (the console script beside this Python when it is
installed, else ``python -m planner.cli``); the median wall time is printed in seconds and as a
ratio to ``python -c pass`` measured the same way in the same run, so the figures travel between
machines. Run: ``python benchmarks/cli.py [repeat]``.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = "scenarios/kutim-2025.yaml"


def planner_command() -> list[str]:
    """Return the argv that starts ``planner``: its console script, else the module."""
    script = Path(sys.executable).with_name("planner")
    return [str(script)] if script.exists() else [sys.executable, "-m", "planner.cli"]


def median_seconds(argv: list[str], repeat: int) -> float:
    """Run ``argv`` ``repeat`` times from the project folder; return the median wall time."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        proc = subprocess.run(argv, cwd=ROOT, capture_output=True, check=False)
        times.append(time.perf_counter() - started)
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(argv)}: exit {proc.returncode}\n{proc.stderr.decode()}")
    return statistics.median(times)


def main() -> None:
    """Measure and print."""
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    planner = planner_command()
    runs = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "planner --help": [*planner, "--help"],
        f"planner validate {EXAMPLE}": [*planner, "validate", EXAMPLE],
    }
    median_seconds(runs["planner --help"], 1)  # warm the file cache and the .pyc files
    figures = {label: median_seconds(argv, repeat) for label, argv in runs.items()}
    base = figures["python -c pass"]
    print(f"median of {repeat} runs, each a new process ({' '.join(planner)})")
    for label, seconds in figures.items():
        print(f"{label:<45} {seconds:6.3f} s  {seconds / base:5.1f} x python -c pass")


if __name__ == "__main__":
    main()
