"""The ``planner`` command line: one Typer app.

- :mod:`~planner.cli.main`: ``validate``, ``solve``, ``sweep``, ``need`` and ``compare``;
- :mod:`~planner.cli.library`: ``planner library ...``, the scenario library's commands;
- :mod:`~planner.cli.common`: the checks both share (language, refused files).
"""

from planner.cli.main import app, main

__all__ = ["app", "main"]
