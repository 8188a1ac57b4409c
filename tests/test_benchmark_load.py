"""``benchmarks/load.py`` still drives the app: sessions through Streamlit's protocol and Chromium.

No time is asserted (the target is set out of reach); the figures must be there, one answer per
move, and no session may have lost its way in the page (a slider or figure the benchmark no
longer finds). The benchmark must be able to fail: a target no answer meets, and figures that
are not the engine's, each make it say FAIL and exit 1. Like the other browser tests it needs
``/usr/bin/chromium`` and fails without it.
"""

from __future__ import annotations

import re

import pytest

from benchmarks import load


def _figures(out: str) -> tuple[float, float, float]:
    found = re.search(r"median ([\d.]+) s, 95th percentile ([\d.]+) s, worst ([\d.]+) s", out)
    assert found is not None, out
    median, p95, worst = (float(x) for x in found.groups())
    return median, p95, worst


def test_the_load_benchmark_runs_and_reports_its_figures(capsys: pytest.CaptureFixture[str]
                                                         ) -> None:
    code = load.main(["--sessions", "3", "--browsers", "1", "--moves", "2", "--target", "3600"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "3 sessions x 2 moves" in out
    assert "2 through the protocol, 1 in Chromium" in out
    assert "6 answers, 0 problems," in out
    median, p95, worst = _figures(out)
    assert 0 < median <= p95 <= worst
    assert "in Chromium (click to the page drawn): median" in out
    assert "PASS" in out


def test_the_load_benchmark_fails_a_target_out_of_reach(capsys: pytest.CaptureFixture[str]
                                                        ) -> None:
    code = load.main(["--sessions", "2", "--browsers", "0", "--moves", "2", "--target", "0.0001"])
    out = capsys.readouterr().out
    assert code == 1, out
    assert "4 answers, 0 problems," in out
    assert "FAIL" in out


def test_the_load_benchmark_fails_figures_that_are_not_the_engines(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    real = load._figure
    monkeypatch.setattr(load, "_figure", lambda cut: {**real(cut), load.LEFT: "Rp1,00 triliun"})
    code = load.main(["--sessions", "2", "--browsers", "0", "--moves", "1", "--target", "3600"])
    out = capsys.readouterr().out
    assert code == 1, out
    assert "the page showed" in out
    assert "Rp1,00 triliun" in out
    assert "FAIL" in out
