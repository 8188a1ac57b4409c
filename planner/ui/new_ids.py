"""Ids for rows an officer adds by name in the plan page's tables.

The tables show names; a scenario and its file keep ids (``^[a-z0-9_]+$``, at most 64
characters), so a row added by name gets an id made from that name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from planner.engine.schema import ALL

__all__ = ["new_id"]


def new_id(name: str, taken: Iterable[str]) -> str:
    """Return an id for a row added by name: its letters and digits, unique among ``taken``.

    ``Pekerja parkir (juru parkir)`` becomes ``pekerja_parkir_juru_parkir``; a second one
    ``pekerja_parkir_juru_parkir_2``. A name without letters or digits gives ``kelompok``.
    """
    letters = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    base = re.sub(r"[^a-z0-9]+", "_", letters).strip("_")[:56] or "kelompok"
    used, candidate, n = set(taken), base, 1
    while candidate in used or candidate == ALL:
        n += 1
        candidate = f"{base}_{n}"
    return candidate
