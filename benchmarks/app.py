"""How long the plan page takes to answer a slider, measured with Streamlit's AppTest.

Moves the global-cut slider of the plan page to cuts it has not seen (so the cache does not
answer) and times each rerun of the page script, which is what a user waits for after letting go
of the slider (the browser's own drawing comes on top). Prints the median and the worst of the
reruns, and the same for a cut seen before (answered from the cache). Run:
``python benchmarks/app.py [scenario file]``.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "planner" / "ui" / "pages" / "plan.py"


def main() -> None:
    """Measure and print."""
    sys.path.insert(0, str(ROOT))
    at = AppTest.from_file(str(PAGE), default_timeout=120)
    at.run()
    slider = next(s for s in at.slider if str(s.key).startswith("gcut_"))
    key = slider.key
    fresh, cached = [], []
    for cut in (5, 10, 15, 20, 25, 30, 35, 40, 45, 50):
        t = time.perf_counter()
        at.slider(key=key).set_value(cut).run()
        fresh.append(time.perf_counter() - t)
        assert not at.exception, at.exception
    for cut in (10, 20, 30):
        t = time.perf_counter()
        at.slider(key=key).set_value(cut).run()
        cached.append(time.perf_counter() - t)
    covered = at.metric[0].value
    print(f"Plan page of the default example (Kutai Timur 2025), global-cut slider, {len(fresh)} "
          f"new cuts: median {statistics.median(fresh):.3f} s, worst {max(fresh):.3f} s; "
          f"cuts seen before: median {statistics.median(cached):.3f} s. Last figure: {covered}.")


if __name__ == "__main__":
    main()
