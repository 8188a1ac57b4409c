"""A batch's results kept in the scenario library: one new version per scenario and variant.

Each solved scenario (optimal or infeasible; not one that failed to validate or solve) is saved
as the newest version of its name, its variant's cuts written into the text, with the batch's
tag, a note naming the variant, and the summary a listing shows. A variant is saved under the
scenario's name followed by the variant in brackets (``Kutai Timur 2025 [pemotongan 20%]``), so
its versions stay apart from the scenario's own.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from planner.batch.inputs import Item
from planner.batch.records import STATUSES
from planner.batch.variants import Variant, apply
from planner.engine.scenarios import dump_scenario, parse_scenario
from planner.i18n import t
from planner.store.library import Library

__all__ = ["save_results", "summary"]


def summary(rec: dict[str, Any]) -> dict[str, Any]:
    """Return the figures a library listing shows, as :func:`~planner.store.library.summary_of`."""
    return {"status": rec["status"], "covered_workers": rec["covered_workers"],
            "bound_covered": rec["bound_covered"], "total_cost": rec["total_cost"],
            "available": rec["available"], "unspent": rec["unspent"], "solver": rec["solver"],
            "solved_at": datetime.now(UTC).isoformat(timespec="seconds")}


def save_results(library: Library, records: Sequence[dict[str, Any]], items: Sequence[Item],
                 variants: Sequence[Variant], *, tag: str, author: str, lang: str = "id") -> int:
    """Save every solved record's scenario in ``library``; return how many versions were saved.

    Raises
    ------
    LibraryError
        For a name the library refuses or a database that stays busy (the versions saved
        before it are kept).

    """
    saved = 0
    for rec in records:
        if rec["status"] not in STATUSES[:2]:  # optimal or infeasible: the others have no plan
            continue
        item, variant = items[int(rec["item"])], variants[int(rec["variant_index"])]
        scenario = parse_scenario(item.text, file=item.origin)
        text = item.text
        name = scenario.name
        if variant != Variant():
            text = dump_scenario(apply(scenario, variant))
            name = f"{scenario.name} [{variant.label(lang)}]"
        library.save(name, text, author=author, tags=[tag],
                     note=t("batch_save_note", lang, tag=tag, variant=variant.label(lang)),
                     summary=summary(rec))
        saved += 1
    return saved
