"""Plain-text tables for a terminal: the CLI's plans and listings, and comparisons as text."""

from __future__ import annotations

__all__ = ["text_table"]


def text_table(headers: list[str], rows: list[list[str]], numeric_from: int = 1) -> str:
    """Pad columns to their widest cell, under a rule; text left, figures right.

    Columns from ``numeric_from`` on are figures (right-aligned); pass ``len(headers)`` for a
    table of text only.
    """
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(headers)]

    def line(cells: list[str]) -> str:
        return "  ".join(
            c.rjust(w) if i >= numeric_from else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths]), *(line(r) for r in rows)])
