"""Cut grids: the variants ``planner batch`` solves of each scenario.

``--cuts 0:0.5:11`` is eleven global cut levels from 0 to 0.5 (the cut on every source that is
not protected, as ``planner solve --cut``); ``--cut apbd=0:0.3:4`` four levels of one source's own
cut (the source named by its id, or every source of that kind). Several grids multiply: each
variant is one level of each. A grid is ``START:STOP:COUNT`` (ends included) or one level.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

from planner.engine.schema import Scenario
from planner.errors import PlannerError, ScenarioError
from planner.i18n import t
from planner.money import percent

__all__ = ["BatchError", "Variant", "apply", "grid", "source_grid", "variants"]

MAX_LEVELS = 1001


class BatchError(PlannerError):
    """A batch request that cannot be run: an option to fix, with the fix (exit 2)."""

    def __init__(self, key: str, option: str, **params: object) -> None:
        self.key, self.option, self.params = key, option, params
        super().__init__(self.message())

    def message(self, lang: str = "id") -> str:
        """Say what is wrong with the option and how to fix it, in ``lang``."""
        return t(self.key, lang, option=self.option, **self.params)


def _share(text: str, spec: str, option: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise BatchError("batch_grid_number", option, spec=spec, part=text) from None
    if not math.isfinite(value) or not 0 <= value <= 1:
        raise BatchError("batch_grid_share", option, spec=spec, part=text)
    return value


def grid(spec: str, option: str = "--cuts") -> tuple[float, ...]:
    """Read ``START:STOP:COUNT`` (or one level) as cut levels, ends included.

    Raises
    ------
    BatchError
        Naming ``option``, for a part that is not a number, a level outside 0..1, a START
        above STOP, or a COUNT that is not a whole number from 1 to 1001 (1 only when
        START = STOP).

    """
    parts = spec.strip().split(":")
    if len(parts) == 1:
        return (_share(parts[0], spec, option),)
    if len(parts) != 3:
        raise BatchError("batch_grid_form", option, spec=spec)
    start, stop = _share(parts[0], spec, option), _share(parts[1], spec, option)
    try:
        n = int(parts[2])
    except ValueError:
        raise BatchError("batch_grid_count", option, spec=spec, most=MAX_LEVELS) from None
    if start > stop:
        raise BatchError("batch_grid_order", option, spec=spec)
    if not 1 <= n <= MAX_LEVELS or (n == 1 and start != stop):
        raise BatchError("batch_grid_count", option, spec=spec, most=MAX_LEVELS)
    if n == 1:
        return (start,)
    return tuple(round(start + i * (stop - start) / (n - 1), 10) for i in range(n))


def source_grid(spec: str) -> tuple[str, tuple[float, ...]]:
    """Read ``SOURCE=START:STOP:COUNT`` (``--cut``): a source id or kind and its levels."""
    target, eq, levels = spec.partition("=")
    if not eq or not target.strip():
        raise BatchError("batch_cut_form", "--cut", spec=spec)
    return target.strip(), grid(levels, "--cut")


@dataclass(frozen=True)
class Variant:
    """One combination of cut levels: the global cut (or the scenario's own) and sources' cuts."""

    global_cut: float | None = None
    cuts: tuple[tuple[str, float], ...] = ()

    def key(self) -> str:
        """Return a label in plain data (``cut=0.2, apbd=0.1``), the same in every language."""
        parts = ([f"cut={self.global_cut:g}"] if self.global_cut is not None else [])
        return ", ".join(parts + [f"{target}={level:g}" for target, level in self.cuts])

    def label(self, lang: str = "id") -> str:
        """Return the variant as people read it: ``pemotongan 20%, apbd 10%``."""
        parts = ([t("batch_variant_cut", lang, cut=percent(self.global_cut, lang, 0))]
                 if self.global_cut is not None else [])
        parts += [f"{target} {percent(level, lang, 0)}" for target, level in self.cuts]
        return ", ".join(parts) or "-"

    def to_json(self) -> dict[str, float | None | dict[str, float]]:
        """``{global_cut, cuts}`` for the JSON a worker is sent and the rows it sends back."""
        return {"global_cut": self.global_cut, "cuts": dict(self.cuts)}

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Variant:
        """Read back what :meth:`to_json` wrote."""
        cut = data.get("global_cut")
        cuts = data.get("cuts") or {}
        assert isinstance(cuts, dict)
        return cls(None if cut is None else float(str(cut)),
                   tuple((str(k), float(v)) for k, v in cuts.items()))


def variants(global_levels: tuple[float, ...] | None,
             source_levels: list[tuple[str, tuple[float, ...]]]) -> list[Variant]:
    """Every combination of the grids, in order; one plain variant when there are none."""
    axes: list[tuple[float | None, ...]] = [global_levels or (None,)]
    axes += [levels for _, levels in source_levels]
    targets = [target for target, _ in source_levels]
    out = []
    for combo in itertools.product(*axes):
        cuts = tuple((target, float(level)) for target, level in
                     zip(targets, combo[1:], strict=True) if level is not None)
        out.append(Variant(combo[0], cuts))
    return out


def apply(scenario: Scenario, variant: Variant) -> Scenario:
    """Return ``scenario`` with the variant's cuts set.

    Raises
    ------
    ScenarioError
        When a source cut names no source of the scenario (by id or by kind).

    """
    if variant.global_cut is not None:
        scenario = scenario.with_global_cut(variant.global_cut)
    if not variant.cuts:
        return scenario
    levels = dict(variant.cuts)
    for target in levels:
        if not any(target in (s.id, s.kind) for s in scenario.sources):
            known = ", ".join(s.id for s in scenario.sources)
            raise ScenarioError.single("sources", "batch_no_source", target=target, known=known)
    sources = tuple(
        s.model_copy(update={"cut": levels.get(s.id, levels.get(s.kind, s.cut))})
        for s in scenario.sources)
    return scenario.model_copy(update={"sources": sources})
