"""The Library page, driven with AppTest on SQLite and on a real PostgreSQL (``db_url``).

Everything the page shows is checked against the library itself (``Library.open`` on the same
URL) and against the engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from planner.engine.scenarios import dump_scenario, parse_scenario
from planner.pipeline import RunOptions, run
from planner.store.library import Library
from planner.ui.state import AppState
from tests.test_ui_pages import (  # noqa: F401 - fixtures: the app's texts, full error details
    _ok,
    app_text_keys,
    app_texts,
    assert_figures_are_numbers,
    error_details,
)

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "planner" / "ui" / "pages" / "library.py"
KUTIM_TEXT = (ROOT / "scenarios" / "kutim-2025.yaml").read_text()
NAME = "Kutai Timur 2025 - baseline"


@pytest.fixture
def page(db_url: str, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("PLANNER_DB_URL", db_url)
    monkeypatch.delenv("PLANNER_AUTHOR", raising=False)
    return _ok(AppTest.from_file(str(PAGE), default_timeout=120).run())


def _state(at: AppTest) -> AppState:
    app = at.session_state["planner_app_state"]
    assert isinstance(app, AppState)
    return app


def _button(at: AppTest, key: str):
    return at.button(key=key)


def _texts(at: AppTest, kind: str) -> list[str]:
    return [e.value for e in at.get(kind)]


def test_save_change_save_again_compare_restore_delete(page: AppTest, db_url: str) -> None:
    at = page
    lib = Library.open(db_url)
    # no author yet: the save is refused with a word, nothing is stored
    _ok(_button(at, "lib_save").click().run())
    assert any("nama Anda" in w for w in _texts(at, "warning"))
    assert lib.scenarios() == []

    at.text_input(key="lib_author").input("Ani (TAPD)")
    notes = [w for w in at.text_input if (w.key or "").startswith("lib_note_")]
    notes[0].input("pagu murni")
    _ok(_button(at, "lib_save").click().run())
    assert any(f"{NAME}, versi 1" in s for s in _texts(at, "success"))
    v1 = lib.version(NAME)
    assert v1.yaml_text == KUTIM_TEXT  # an unedited example is kept exactly, comments and all
    assert (v1.author, v1.note) == ("Ani (TAPD)", "pagu murni")
    base = run(parse_scenario(KUTIM_TEXT), RunOptions(explain=False))
    assert v1.summary is not None
    assert v1.summary["covered_workers"] == base.covered_workers

    # the plan page's edit (a 90% global cut, the APBD no longer protected from it: protected,
    # it alone pays for everyone), then save again
    app = _state(at)
    app.draft = app.baseline().model_copy(update={
        "policy": app.baseline().policy.model_copy(update={"global_cut": 0.9}),
        "sources": tuple(s.model_copy(update={"protected": False}) if s.id == "apbd" else s
                         for s in app.baseline().sources)})
    _ok(at.run())
    _ok(_button(at, "lib_save").click().run())
    v2 = lib.version(NAME)
    assert v2.number == 2
    assert v2.yaml_text == dump_scenario(app.draft)
    cut = run(app.draft, RunOptions(explain=False))
    assert v2.summary is not None
    assert v2.summary["covered_workers"] == cut.covered_workers != base.covered_workers

    # the browse tab: both versions listed, their differences, the comparison saved
    frames = at.dataframe
    versions = next(f.value for f in frames if "Versi" in f.value.columns
                    and "Catatan" in f.value.columns and len(f.value) == 2)
    assert list(versions["Versi"]) == [2, 1]
    # workers and spend as numbers (they sort as numbers), in the listings and the comparison
    assert list(versions["Pekerja dibiayai"]) == [cut.covered_workers, base.covered_workers]
    assert assert_figures_are_numbers(at, "library") >= 4
    assert list(versions["Catatan"]) == ["", "pagu murni"]
    code = "\n".join(c.value for c in at.code)
    assert "+  global_cut: 0.9" in code
    _ok(_button(at, "lib_cmp_save").click().run())
    assert len(lib.comparisons()) == 1, (_texts(at, "error"), _texts(at, "warning"))
    saved, = lib.comparisons()
    assert [(m.scenario, m.number) for m in saved.members] == [(NAME, 1), (NAME, 2)]

    # restore version 1 as the newest
    at.selectbox(key=f"lib_version_{NAME}_2").set_value(1)
    _ok(at.run())
    _ok(_button(at, "lib_restore").click().run())
    v3 = lib.version(NAME)
    assert (v3.number, v3.restored_from, v3.yaml_text) == (3, 1, KUTIM_TEXT)

    # open version 2 in the planner: it becomes the session's scenario
    at.selectbox(key=f"lib_version_{NAME}_3").set_value(2)
    _ok(at.run())
    _ok(_button(at, "lib_open").click().run())
    app = _state(at)
    assert app.current == f"{NAME} @2"
    assert app.scenarios[app.current].text == v2.yaml_text
    assert app.scenarios[app.current].library == NAME

    # delete, then bring back from the bin
    _ok(_button(at, "lib_delete").click().run())
    assert lib.scenarios() == []
    _ok(_button(at, "lib_undo_0").click().run())
    assert [e.name for e in lib.scenarios()] == [NAME]
    history = [str(x) for f in at.dataframe for x in f.value.get("Tindakan", [])]
    assert history[:3] == ["batal hapus", "hapus", "pulihkan versi"]
    lib.close()


def test_a_bad_name_is_refused_on_the_page_and_stores_nothing(page: AppTest, db_url: str) -> None:
    at = page
    at.text_input(key="lib_author").input("Ani")
    name = next(w for w in at.text_input if (w.key or "").startswith("lib_name_"))
    name.input("../../rahasia")
    _ok(_button(at, "lib_save").click().run())
    assert any("tidak boleh memuat" in e for e in _texts(at, "error"))
    lib = Library.open(db_url)
    assert lib.scenarios(include_deleted=True) == []
    lib.close()


def test_the_page_speaks_english(page: AppTest) -> None:
    at = page
    _state(at).lang = "en"
    at.session_state["ui_lang"] = "en"
    _ok(at.run())
    assert at.title[0].value == "Scenario library"
    assert any("No saved scenarios yet" in i for i in _texts(at, "info"))
