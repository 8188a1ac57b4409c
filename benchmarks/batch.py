"""``planner batch`` on Dask: scenarios per second per core, scaling to 2 workers, linearity.

In one run, on kabupaten-size models (the national example's regions: 3 to 5 districts, 4 to 7
groups, 1 to 6 sources; each solve what ``planner solve`` does without its explanations):

- rate:       scenarios solved per second on a LocalCluster of 1 worker process and on one of
              2 (both open, each warmed up first, runs interleaved, the best of 3 kept: the
              machine's other load varies), per core; and the workers' CPU seconds a scenario
              (the worker processes and their solver processes) and the cores kept busy
- scaling:    the 2-worker rate over the 1-worker rate (target >= 1.8 on a 2-core machine;
              ``FAIL`` below it)
- linearity:  the time for 2S scenarios (the same S twice over) over the time for S on 2
              workers (2.0 is linear)
- national:   the 514 regions x 11 cut levels (0 to 50%) on 2 workers, its wall time and peak
              memory (the resident memory of this process and all its children, workers and
              their solver processes, sampled every 0.2 s)

and prints the time a cluster of N workers would take for the national run at the measured
rate per worker. The load average is printed with the figures: other work on the machine slows
every figure, the 2-worker ones most. ``--quick`` uses fewer scenarios and 2 cut levels for the
national run; ``--strict`` exits 1 when scaling fails. Run:
``python benchmarks/batch.py [--quick] [--strict]``.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import psutil  # noqa: E402 - installed with distributed

from planner.batch import dask_versions  # noqa: E402
from planner.batch.inputs import Item, national  # noqa: E402
from planner.batch.runner import chunks, connect, solve_all  # noqa: E402
from planner.batch.variants import Variant, grid, variants  # noqa: E402

OPTIONS: dict[str, Any] = {"solver": "highs", "time_limit": None, "target": None}
SCALING_TARGET = 1.8


class PeakMemory:
    """The largest resident memory of this process and its children, sampled in a thread."""

    def __init__(self, every: float = 0.2) -> None:
        self.every, self.peak, self._stop = every, 0, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for p in [me, *me.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):  # a process that just ended
                    total += p.memory_info().rss
            self.peak = max(self.peak, total)
            self._stop.wait(self.every)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _cpu() -> float:
    """CPU seconds of this worker process and its children (its solver process)."""
    me = psutil.Process()
    total = 0.0
    for p in [me, *me.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):
            total += sum(p.cpu_times()[:2])
    return total


def timed(cluster: Any, items: list[Item], chosen: list[Variant]) -> tuple[float, int, float]:
    """Solve every item's variants; return the seconds, the records and the workers' CPU s."""
    before = sum(cluster.client.run(_cpu).values())
    start = time.perf_counter()
    records = solve_all(cluster, chunks(items, chosen, cluster.workers), OPTIONS, "en")
    seconds = time.perf_counter() - start
    cpu = sum(cluster.client.run(_cpu).values()) - before
    assert not [r for r in records if r["status"] in ("invalid", "error")]
    return seconds, len(records), cpu


def main() -> None:
    """Measure and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer scenarios, 2 cut levels")
    parser.add_argument("--strict", action="store_true", help="exit 1 when scaling fails")
    args = parser.parse_args()
    size, rounds = (60, 2) if args.quick else (100, 3)
    regions = national()
    plain = [Variant()]
    print(f"{os.cpu_count()} cores; {dask_versions()}; load average at start "
          f"{os.getloadavg()[0]:.2f}")
    with contextlib.ExitStack() as stack:
        clusters = {}
        for workers in (1, 2):
            start = time.perf_counter()
            clusters[workers] = stack.enter_context(connect(workers))
            print(f"{workers} worker(s): cluster up in {time.perf_counter() - start:.1f} s")
            timed(clusters[workers], regions[-16:], plain)  # a first round: every worker solved
        best: dict[tuple[int, int], tuple[float, float]] = {}
        for _ in range(rounds):  # interleaved, best of each: the machine's other load varies
            for workers, n in ((1, size), (2, size), (2, 2 * size)):
                items = regions[:size] * (n // size)  # 2S: the same S twice over
                seconds, got, cpu = timed(clusters[workers], items, plain)
                if (workers, n) not in best or seconds < best[workers, n][0]:
                    best[workers, n] = (seconds, cpu)
    rates = {}
    for (workers, n), (seconds, cpu) in best.items():
        rate = n / seconds
        if n == size:
            rates[workers] = rate
        print(f"{workers} worker(s), {n} scenarios: {seconds:.2f} s = {rate:.1f}/s, "
              f"{rate / workers:.1f}/s per core; {cpu / n * 1000:.0f} ms CPU a scenario, "
              f"{cpu / seconds:.2f} cores busy, {n / cpu:.1f} scenarios per CPU second")
    linear = best[2, 2 * size][0] / best[2, size][0]
    print(f"linearity: {2 * size} scenarios take {linear:.2f}x the time of {size} (2.00 is "
          "linear)")
    scaling = rates[2] / rates[1]
    verdict = "ok" if scaling >= SCALING_TARGET else "FAIL"
    print(f"scaling 1 -> 2 workers: {scaling:.2f}x (target >= {SCALING_TARGET}) {verdict}")

    levels = grid("0:0.5:2") if args.quick else grid("0:0.5:11")
    chosen = variants(levels, [])
    start = time.perf_counter()
    with PeakMemory() as memory, connect(2) as cluster:
        up = time.perf_counter() - start
        seconds, n, cpu = timed(cluster, regions, chosen)
    print(f"national: {len(regions)} regions x {len(levels)} cut levels = {n} scenarios in "
          f"{seconds:.1f} s on 2 workers ({n / seconds:.1f}/s, {cpu / seconds:.2f} cores busy; "
          f"cluster up in {up:.1f} s); peak memory {memory.peak / 2**20:.0f} MiB (this "
          "process, workers and their solver processes)")
    per_cpu = n / cpu  # the national run's scenarios per CPU second of a worker
    print("\nA cluster of N workers, each with a core of its own (at the national run's "
          f"{per_cpu:.1f} scenarios per CPU second; start-up not included):")
    for n_workers in (2, 8, 32, 128):
        print(f"  N = {n_workers:>3}: 514 x 11 = 5,654 scenarios in about "
              f"{5654 / (per_cpu * n_workers):.0f} s")
    print(f"load average at the end {os.getloadavg()[0]:.2f}")
    sys.exit(1 if verdict == "FAIL" and args.strict else 0)


if __name__ == "__main__":
    main()
