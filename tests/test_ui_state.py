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


def test_a_text_that_does_not_parse_names_its_file_and_is_not_kept() -> None:
    import pytest

    from planner.errors import ScenarioError
    from planner.ui.state import SessionScenario

    bad = "name: x\ngroups: [\n"
    for _ in range(2):  # the second time it is read again, and refused again
        with pytest.raises(ScenarioError) as err:
            SessionScenario("upload.yaml", bad, "upload").scenario()
        assert err.value.file == "upload.yaml"


def test_a_session_scenario_is_read_once() -> None:
    from planner.ui.state import SessionScenario

    text = EXAMPLE.read_text(encoding="utf-8")
    session = SessionScenario("kutim-2025.yaml", text, "example")
    assert session.scenario() is session.scenario()
    assert session.scenario() == parse_scenario(text)
