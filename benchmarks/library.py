"""How the library holds up with several writers, on SQLite and on a real PostgreSQL server.

For each database: one process saving versions alone, then WRITERS processes saving versions of
the same scenario at the same moment (``tests/writer.py``). Prints the versions stored against the
versions saved (any loss is a failure), the saves per second, and the ratio of the concurrent
rate to the single writer's. The PostgreSQL server is started the way the tests start it
(``tests/postgres.py``). Run: ``python benchmarks/library.py [writers] [saves each]``.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from planner.store.library import Library  # noqa: E402
from tests import postgres  # noqa: E402
from tests.test_library import _writers  # noqa: E402


def measure(url: str, writers: int, saves: int) -> dict[str, float]:
    """Return the single and concurrent save rates on ``url`` and check nothing was lost."""
    Library.open(url).close()
    alone = _writers(url, "alone", 1, saves)[0]
    reports = _writers(url, "shared", writers, saves)
    lib = Library.open(url)
    stored = [v.number for v in lib.versions("shared")]
    lib.close()
    if stored != list(range(1, writers * saves + 1)):
        raise SystemExit(f"{url}: lost versions: {len(stored)} of {writers * saves}")
    wall = max(float(r["seconds"]) for r in reports)  # type: ignore[arg-type]
    return {"single": saves / float(alone["seconds"]),  # type: ignore[arg-type]
            "concurrent": writers * saves / wall, "stored": len(stored)}


def main() -> None:
    """Measure and print."""
    writers = int(sys.argv[1]) if len(sys.argv) > 1 else 4
    saves = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    folder = Path(tempfile.mkdtemp(prefix="planner-bench-"))
    server = postgres.start()
    try:
        server.execute("CREATE DATABASE bench")
        for label, url in (("SQLite", f"sqlite:///{folder / 'bench.db'}"),
                           ("PostgreSQL", server.url("bench"))):
            m = measure(url, writers, saves)
            print(f"{label}: {writers} writers x {saves} saves: {m['stored']:.0f} of "
                  f"{writers * saves} versions stored; {m['concurrent']:.0f} saves/s together "
                  f"vs {m['single']:.0f} saves/s alone (ratio {m['concurrent'] / m['single']:.2f})")
    finally:
        server.stop()


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"({time.perf_counter() - started:.1f} s)")
