"""How long the plan page takes to answer a slider, measured with Streamlit's AppTest.

Moves the global-cut slider of the plan page to cuts it has not seen (so the cache does not
answer) and times each rerun of the page script, which is what a user waits for after letting go
of the slider (the browser's own drawing comes on top). Prints the median and the worst of the
reruns, the same for a cut seen before (answered from the cache), and the median as a ratio to
``run()`` alone at the same cuts (the engine with its explanations), measured in the same run.

The models: the default example (Kutai Timur 2025), and a kabupaten at village level with the
hard shapes (``planner.engine.synthetic.hard("5k")``: about 5,000 variables, a mandate in every
village on two groups), opened in the page as an upload would be. Run:
``python benchmarks/app.py [scenario file ...]`` (files replace the two models).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "planner" / "ui" / "pages" / "plan.py"
CUTS = (5, 10, 15, 20, 25, 30, 35, 40, 45, 50)


def _models(args: list[str]) -> list[tuple[str, str | None]]:
    """(label, YAML text or None for the default example)."""
    if args:
        return [(Path(a).name, Path(a).read_text(encoding="utf-8")) for a in args]
    from planner.engine.scenarios import dump_scenario
    from planner.engine.synthetic import hard

    return [("Kutai Timur 2025 (default example)", None),
            ("hard kabupaten, 5k variables", dump_scenario(hard("5k")))]


def measure(label: str, text: str | None) -> None:
    """Time the slider on one model and print a line."""
    from planner import RunOptions, parse_scenario, run
    from planner.ui.state import _KEY, AppState

    at = AppTest.from_file(str(PAGE), default_timeout=120)
    if text is not None:
        app = AppState()
        app.load_examples()
        app.add_upload("benchmark.yaml", text)
        at.session_state[_KEY] = app
    at.run()
    assert not at.exception, at.exception
    slider = next(s for s in at.slider if str(s.key).startswith("gcut_"))
    key = slider.key
    fresh, cached = [], []
    for cut in CUTS:
        t = time.perf_counter()
        at.slider(key=key).set_value(cut).run()
        fresh.append(time.perf_counter() - t)
        assert not at.exception, at.exception
    for cut in CUTS[1:6:2]:
        t = time.perf_counter()
        at.slider(key=key).set_value(cut).run()
        cached.append(time.perf_counter() - t)
    covered = at.metric[0].value
    scenario = parse_scenario(text) if text is not None else None
    if scenario is None:
        from planner.engine.scenarios import EXAMPLES_DIR, load_scenario

        scenario = load_scenario(EXAMPLES_DIR / "kutim-2025.yaml")
    engine = []
    for cut in CUTS:
        t = time.perf_counter()
        run(scenario, RunOptions(global_cut=cut / 100))
        engine.append(time.perf_counter() - t)
    median = statistics.median(fresh)
    print(f"{label}: {len(fresh)} new cuts: median {median:.3f} s, worst {max(fresh):.3f} s "
          f"({median / statistics.median(engine):.2f}x run() alone, "
          f"{statistics.median(engine):.3f} s); cuts seen before: median "
          f"{statistics.median(cached):.3f} s. Last figure: {covered}.")
    sys.stdout.flush()


def main() -> None:
    """Measure and print."""
    sys.path.insert(0, str(ROOT))
    for label, text in _models(sys.argv[1:]):
        measure(label, text)


if __name__ == "__main__":
    main()
