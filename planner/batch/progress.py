"""A progress bar for a batch: counts, failures, rate and time left, on stderr.

On a terminal the bar is redrawn in place; elsewhere (a log, a pipe, a test) it writes a plain
line at each tenth of the work and at the end, so a log stays short and readable.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

from planner.i18n import t
from planner.money import number

__all__ = ["Progress"]

_WIDTH = 24


def _clock(seconds: float) -> str:
    seconds = max(0, round(seconds))
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}"


class Progress:
    """Report ``done`` of ``total`` solves as they finish."""

    def __init__(self, total: int, lang: str = "id", stream: TextIO | None = None,
                 enabled: bool = True) -> None:
        self.total, self.lang, self.enabled = total, lang, enabled
        self.stream = stream or sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.start = time.perf_counter()
        self._next_tenth = 1
        self._done = 0
        self._failed = 0

    def line(self, done: int, failed: int) -> str:
        """Return the bar's words: ``[#####-----] 120/5.654 skenario, 0 gagal, 41,2/detik, ...``."""
        elapsed = time.perf_counter() - self.start
        rate = done / elapsed if elapsed > 0 else 0.0
        left = (self.total - done) / rate if rate > 0 else 0.0
        filled = round(_WIDTH * done / self.total) if self.total else _WIDTH
        bar = "[" + "#" * filled + "-" * (_WIDTH - filled) + "] "
        return bar + t("batch_progress", self.lang, done=number(done, self.lang),
                       total=number(self.total, self.lang), failed=number(failed, self.lang),
                       rate=number(rate, self.lang, 1), left=_clock(left))

    def __call__(self, done: int, failed: int) -> None:
        """Record that ``done`` solves are finished, ``failed`` of them failed."""
        self._done, self._failed = done, failed
        if not self.enabled:
            return
        if self.tty:
            self.stream.write("\r" + self.line(done, failed) + "\x1b[K")  # clear what is left
            self.stream.flush()
        elif self.total and done * 10 >= self._next_tenth * self.total:
            self._next_tenth = done * 10 // self.total + 1
            self.stream.write(self.line(done, failed) + "\n")
            self.stream.flush()

    def close(self) -> None:
        """End the bar's line on a terminal."""
        if self.enabled and self.tty:
            self.stream.write("\n")
            self.stream.flush()
