"""A separate process that saves versions of one scenario, for the concurrency tests.

``python -m tests.writer URL NAME WRITER COUNT START`` waits until the clock reaches START (so
the writers overlap), then saves COUNT versions whose text says which writer and which save it
is, and prints one JSON line: the version numbers it got and the seconds it took.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from planner.store.library import Library

BASE = (Path(__file__).resolve().parent.parent / "scenarios" / "kutim-2025.yaml").read_text()


def text_for(writer: int, i: int) -> str:
    """Return the scenario text save ``i`` of ``writer`` stores (a distinct description)."""
    return BASE.replace("name: Kutai Timur 2025 - baseline",
                        f"name: Kutai Timur 2025 - writer {writer} save {i}", 1)


def main() -> None:
    url, name, writer, count, start = sys.argv[1:6]
    library = Library.open(url)
    time.sleep(max(0.0, float(start) - time.time()))
    began = time.perf_counter()
    numbers = [library.save(name, text_for(int(writer), i), author=f"writer-{writer}",
                            note=f"save {i}").number
               for i in range(int(count))]
    print(json.dumps({"writer": int(writer), "numbers": numbers,
                      "seconds": time.perf_counter() - began}))


if __name__ == "__main__":
    main()
