"""Errors a budget officer can act on.

A :class:`ScenarioError` names the file, the field path, the bad value and the fix, e.g.
``scenarios/kutim.yaml: sources[2].cut = 1.4: a cut is a share from 0 to 1 (40% is 0.4)``.
It may carry several problems at once so a user fixes a file in one pass.
Exceptions other than these mean a bug or a broken environment.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["PlannerError", "Problem", "ScenarioError", "SolverFailed", "SolverUnavailable"]


class PlannerError(Exception):
    """Base class for errors the planner reports to people."""


def _show(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a scenario: where it is, what was found and how to fix it."""

    path: str
    key: str
    params: dict[str, Any] = field(default_factory=dict)
    value: Any = None
    has_value: bool = False

    def message(self, lang: str = "id") -> str:
        """Say what is wrong and how to fix it, in ``lang``."""
        from planner.i18n import t

        return t(self.key, lang, **self.params)

    def render(self, file: str | None = None, lang: str = "id") -> str:
        """Render as ``file: path = value: message``."""
        where = self.path or "(file)"
        head = f"{file}: {where}" if file else where
        if self.has_value:
            head += f" = {_show(self.value)}"
        return f"{head}: {self.message(lang)}"


@dataclass
class ScenarioError(PlannerError):
    """A scenario that cannot be read or does not validate."""

    problems: list[Problem] = field(default_factory=list)
    file: str | None = None

    def __post_init__(self) -> None:
        super().__init__(self.render())

    def render(self, lang: str = "id") -> str:
        """All problems, one a line, each naming the file and field."""
        return "\n".join(p.render(self.file, lang) for p in self.problems)

    def __str__(self) -> str:
        return self.render()

    def with_file(self, file: str) -> ScenarioError:
        """Return the same problems, attributed to ``file``."""
        return ScenarioError(list(self.problems), file)

    @classmethod
    def single(
        cls,
        path: str,
        key: str,
        *,
        file: str | None = None,
        **params: Any,
    ) -> ScenarioError:
        """Make an error with a single problem and no value shown."""
        return cls([Problem(path, key, params)], file)


class SolverUnavailable(PlannerError):
    """Neither HiGHS nor the CBC fallback can be run on this machine."""


class SolverFailed(PlannerError):
    """The solver stopped without an answer (not infeasible: an error in the solver run)."""
