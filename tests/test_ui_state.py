"""The session state's shortcuts give what the long way gives."""

from __future__ import annotations

from pathlib import Path

from planner.engine.scenarios import dump_scenario, load_scenario, parse_scenario
from planner.ui.state import AppState, scenario_of_text

EXAMPLE = Path(__file__).resolve().parent.parent / "scenarios" / "kutim-2025.yaml"


def test_a_scenario_written_by_a_page_is_read_back_as_itself() -> None:
    scenario = load_scenario(EXAMPLE)
    app = AppState()
    text = app.text_of(scenario)
    assert text == dump_scenario(scenario)
    assert app.text_of(scenario) is text  # written once
    assert scenario_of_text(text) is scenario
    assert scenario_of_text(text) == parse_scenario(text)


def test_a_text_no_page_wrote_is_parsed() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert scenario_of_text(text) == parse_scenario(text)
    cut = load_scenario(EXAMPLE).with_global_cut(0.3)
    assert scenario_of_text(dump_scenario(cut)).policy.global_cut == 0.3
