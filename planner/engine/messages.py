"""A message to people: a code with its data, worded per language when it is shown.

Warnings, diagnoses and explanations are all messages; :mod:`planner.i18n` holds their words in
Bahasa Indonesia and English. Parameters are formatted by their name's prefix: ``rp_`` rupiah,
``n_`` head-counts, ``share_`` percentages, ``counts_`` a list of (name, head-count).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from planner.i18n import t
from planner.money import count, percent, rupiah_short

__all__ = ["Message"]


@dataclass(frozen=True)
class Message:
    """A warning or a diagnosis: a code with its data, worded per language on demand."""

    code: str
    data: dict[str, Any] = field(default_factory=dict)

    def text(self, lang: str = "id") -> str:
        """Return the message in ``lang``, money and head-counts formatted for that language."""
        params = {k: _fmt(k, v, lang) for k, v in self.data.items()}
        return t(f"msg_{self.code}", lang, **params)

    def to_json(self, lang: str = "id") -> dict[str, Any]:
        """``{code, message, data}`` for ``--json``."""
        return {"code": self.code, "message": self.text(lang), "data": self.data}


def _fmt(key: str, value: Any, lang: str) -> str:
    if key.startswith("counts_"):  # [[name, head-count], ...] as "UMKM 18.000, ojek 1.123"
        return ", ".join(f"{name} {count(n, lang)}" for name, n in value)
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    if key.startswith("rp_"):
        return rupiah_short(value, lang)
    if key.startswith("n_"):
        return count(value, lang)
    if key.startswith("share_"):
        return percent(value, lang)
    return str(value)
