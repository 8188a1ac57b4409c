"""Numbers as people read them: rupiah, head-counts and shares, in Indonesian or English.

Indonesian uses "." for thousands and "," for decimals ("Rp201.600", "Rp30,24 miliar");
English the other way round ("Rp201,600", "Rp30.24 billion"). Every table, the CLI and the app
format through these functions and nowhere else.
"""

from __future__ import annotations

import math

__all__ = ["rupiah", "rupiah_short", "count", "percent", "number"]

_SCALES = {
    "id": ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta")),
    "en": ((10**12, "trillion"), (10**9, "billion"), (10**6, "million")),
}


def _group(digits: str, sep: str) -> str:
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return sep.join(parts)


def number(value: float, lang: str = "id", decimals: int = 0) -> str:
    """Format ``value`` with thousands separators and ``decimals`` decimals."""
    thousands, point = (".", ",") if lang == "id" else (",", ".")
    negative = value < 0
    text = f"{abs(value):.{decimals}f}"
    whole, _, frac = text.partition(".")
    out = _group(whole, thousands) + (point + frac if frac else "")
    return ("-" if negative and float(text) != 0 else "") + out


def rupiah(amount: float, lang: str = "id") -> str:
    """Whole rupiah in full: ``Rp201.600`` (id) or ``Rp201,600`` (en)."""
    value = round(amount)
    sign = "-" if value < 0 else ""
    return f"{sign}Rp{number(abs(value), lang)}"


def rupiah_short(amount: float, lang: str = "id") -> str:
    """Rupiah as budget documents say them: ``Rp30,24 miliar``, ``Rp3,02 triliun``.

    Below a million the amount is written in full.
    """
    value = abs(amount)
    sign = "-" if amount < 0 else ""
    for scale, word in _SCALES.get(lang, _SCALES["id"]):
        # a scale whose two decimals round up to 1 is taken, so 999,999,999 is "Rp1,00 miliar"
        # rather than "Rp1.000,00 juta"; below a million the amount is written in full
        if value >= scale or (scale > 10**6 and round(value / scale, 2) >= 1):
            return f"{sign}Rp{number(value / scale, lang, 2)} {word}"
    return sign + rupiah(value, lang)


def count(value: float, lang: str = "id") -> str:
    """Format a head-count in whole workers: ``150.000``."""
    whole = math.floor(abs(value) + 0.5)
    return number(whole if value >= 0 else -whole, lang)


def percent(share: float | None, lang: str = "id", decimals: int = 1) -> str:
    """Format a share 0..1 as a percentage: ``95,0%``; ``-`` when there is no share."""
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return "-"
    return f"{number(share * 100, lang, decimals)}%"


def signed(value: float, lang: str = "id") -> str:
    """Format a change in head-count with its sign: ``-20.000``, ``+1.204``, ``0``."""
    text = count(value, lang)
    return f"+{text}" if value > 0 else text
