"""``benchmarks/load.py`` still drives the app: two sessions, two cut moves each, in Chromium.

No time is asserted (the target is set out of reach); the figures must be there, one answer per
move, and no session may have lost its way in the page (a slider or figure the benchmark no
longer finds). Like the other browser tests it needs ``/usr/bin/chromium`` and fails without it.
"""

from __future__ import annotations

import re

import pytest

from benchmarks import load


def test_the_load_benchmark_runs_and_reports_its_figures(capsys: pytest.CaptureFixture[str]
                                                         ) -> None:
    code = load.main(["--sessions", "2", "--moves", "2", "--target", "3600"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "2 sessions x 2 moves" in out
    assert "(4 answers, 0 problems," in out
    figures = re.search(r"median ([\d.]+) s, 95th percentile ([\d.]+) s, worst ([\d.]+) s", out)
    assert figures is not None, out
    median, p95, worst = (float(x) for x in figures.groups())
    assert 0 < median <= p95 <= worst
    assert "PASS" in out
