"""The scenario library on SQLite and on a real PostgreSQL server (see ``tests/conftest.py``).

Every test takes ``db_url``, so it runs once per database.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.exc import OperationalError

from planner.engine.scenarios import content_hash, parse_scenario
from planner.errors import ScenarioError
from planner.pipeline import run
from planner.store import db as store_db
from planner.store import library as library_module
from planner.store.errors import LibraryError
from planner.store.library import Library, summary_of, text_diff
from planner.store.models import Audit, ScenarioRow, VersionRow
from tests import writer

ROOT = Path(__file__).resolve().parent.parent
KUTIM = (ROOT / "scenarios" / "kutim-2025.yaml").read_text()
CUT = (ROOT / "scenarios" / "kutim-2026-transfer-cut.yaml").read_text()


@pytest.fixture
def lib(db_url: str):
    library = Library.open(db_url)
    yield library
    library.close()


def _rows(library: Library) -> tuple[int, int, int]:
    with library.engine.connect() as conn:
        return (conn.scalar(select(func.count()).select_from(ScenarioRow)) or 0,
                conn.scalar(select(func.count()).select_from(VersionRow)) or 0,
                conn.scalar(select(func.count()).select_from(Audit)) or 0)


# --- versions -----------------------------------------------------------------------------


def test_a_save_keeps_the_text_exactly_with_its_hash_author_note_tags_and_summary(lib) -> None:
    summary = summary_of(run(parse_scenario(KUTIM)))
    v = lib.save("Kutim 2025", KUTIM, author="Ani (TAPD)", note="baseline for the hearing",
                 tags=["Kutim", "2025", "kutim"], summary=summary)
    again = lib.version("Kutim 2025", 1)
    assert again.yaml_text == KUTIM  # comments and layout too
    assert again.content_hash == content_hash(parse_scenario(KUTIM)) == v.content_hash
    assert (again.author, again.note, again.tags) == ("Ani (TAPD)", "baseline for the hearing",
                                                      ("kutim", "2025"))
    assert again.summary == summary
    assert summary["covered_workers"] == run(parse_scenario(KUTIM)).covered_workers > 0
    assert again.created_at.tzinfo is not None


def test_saving_again_makes_a_new_version_and_overwrites_nothing(lib) -> None:
    first = lib.save("Kutim", KUTIM, author="ani")
    changed = KUTIM.replace("eligible: 42000", "eligible: 46000")
    second = lib.save("Kutim", changed, author="budi", note="more farmers")
    third = lib.save("Kutim", changed, author="budi", tags=["final"])
    assert [v.number for v in lib.versions("Kutim")] == [1, 2, 3]
    assert lib.version("Kutim", 1).yaml_text == KUTIM
    assert lib.version("Kutim").yaml_text == changed == third.yaml_text
    assert first.content_hash != second.content_hash == third.content_hash
    assert [v.tags for v in lib.versions("Kutim")] == [(), (), ("final",)]
    fourth = lib.save("Kutim", changed, author="budi")  # no tags given: the newest's are kept
    assert fourth.tags == ("final",)
    assert lib.save("Kutim", changed, author="budi", tags=[]).tags == ()
    diff = text_diff(lib.version("Kutim", 1), lib.version("Kutim", 2))
    assert "-    eligible: 42000" in diff
    assert "+    eligible: 46000" in diff
    entry, = lib.scenarios()
    assert (entry.name, entry.versions, entry.latest.number) == ("Kutim", 5, 5)


def test_restore_makes_an_old_version_the_newest_without_touching_the_others(lib) -> None:
    lib.save("Kutim", KUTIM, author="ani", tags=["baseline"])
    lib.save("Kutim", CUT.replace("name: ", "name: x ", 1), author="budi")
    restored = lib.restore("Kutim", 1, author="citra", note="back to the baseline")
    assert (restored.number, restored.restored_from, restored.author) == (3, 1, "citra")
    assert restored.yaml_text == KUTIM
    assert restored.tags == ("baseline",)
    assert [v.yaml_text == KUTIM for v in lib.versions("Kutim")] == [True, False, True]
    last = lib.audit("Kutim")[0]
    assert (last.action, last.actor, last.version, last.detail["restored_from"]) == (
        "restore", "citra", 3, 1)


def test_rename_keeps_versions_and_the_audit_trail_follows(lib) -> None:
    lib.save("Draft", KUTIM, author="ani")
    lib.save("Other", CUT, author="ani")
    lib.rename("Draft", "Kutim 2025 final", author="budi")
    assert [e.name for e in lib.scenarios()] == ["Kutim 2025 final", "Other"]
    assert lib.version("Kutim 2025 final", 1).yaml_text == KUTIM
    with pytest.raises(LibraryError) as err:
        lib.rename("Kutim 2025 final", "Other", author="budi")
    assert err.value.key == "lib_name_taken"
    actions = [(a.action, a.target) for a in lib.audit("Kutim 2025 final")]
    assert actions == [("rename", "Kutim 2025 final"), ("save", "Draft")]


def test_delete_is_soft_and_can_be_undone(lib) -> None:
    lib.save("Kutim", KUTIM, author="ani")
    lib.delete("Kutim", author="budi")
    assert lib.scenarios() == []
    gone, = lib.scenarios(include_deleted=True)
    assert gone.deleted
    assert gone.deleted_by == "budi"
    with pytest.raises(LibraryError) as err:
        lib.save("Kutim", KUTIM, author="ani")
    assert err.value.key == "lib_deleted"
    assert lib.version("Kutim", 1).yaml_text == KUTIM  # still readable in the bin
    lib.undelete("Kutim", author="budi")
    assert [e.name for e in lib.scenarios()] == ["Kutim"]
    with pytest.raises(LibraryError):
        lib.undelete("Kutim", author="budi")
    assert [a.action for a in lib.audit("Kutim")] == ["undelete", "delete", "save"]


def test_search_and_tags(lib) -> None:
    lib.save("Kutim 2025", KUTIM, author="ani", tags=["kutim", "baseline"], note="APBD murni")
    lib.save("Kutim 2026 cut", CUT, author="budi", tags=["kutim", "cut"])
    assert [e.name for e in lib.scenarios(search="murni")] == ["Kutim 2025"]
    assert [e.name for e in lib.scenarios(search="BUDI")] == ["Kutim 2026 cut"]
    assert [e.name for e in lib.scenarios(tags=["kutim"])] == ["Kutim 2025", "Kutim 2026 cut"]
    assert [e.name for e in lib.scenarios(tags=["kutim", "cut"])] == ["Kutim 2026 cut"]
    assert lib.scenarios(search="nothing like this") == []
    assert lib.all_tags() == ["baseline", "cut", "kutim"]


# --- comparisons -----------------------------------------------------------------------------


def test_a_saved_comparison_reopens_exactly_as_saved_after_newer_versions(lib) -> None:
    lib.save("Kutim", KUTIM, author="ani")
    lib.save("Cut", CUT, author="ani")
    saved = lib.save_comparison("Hearing 1", [("Kutim", None), ("Cut", 1)], baseline=1,
                                author="ani", note="for the DPRD")
    lib.save("Kutim", KUTIM.replace("eligible: 42000", "eligible: 1"), author="budi")
    again = lib.comparison("Hearing 1")
    assert again == saved
    assert [(m.scenario, m.number) for m in again.members] == [("Kutim", 1), ("Cut", 1)]
    assert again.members[0].yaml_text == KUTIM
    assert again.baseline == 1
    assert [c.name for c in lib.comparisons()] == ["Hearing 1"]
    lib.delete_comparison("Hearing 1", author="ani")
    assert lib.comparisons() == []
    lib.delete_comparison("Hearing 1", author="ani", deleted=False)
    assert lib.comparison("Hearing 1").members == saved.members


@pytest.mark.parametrize(("members", "baseline", "key"), [
    ([("Kutim", None)], 0, "lib_comparison_size"),
    ([("Kutim", None)] * 11, 0, "lib_comparison_size"),
    ([("Kutim", None), ("Kutim", None)], 2, "lib_comparison_baseline"),
    ([("Kutim", None), ("Kutim", 7)], 0, "lib_no_version"),
    ([("Kutim", None), ("Nope", None)], 0, "lib_not_found"),
])
def test_a_bad_comparison_is_refused_and_stores_nothing(lib, members, baseline, key) -> None:
    lib.save("Kutim", KUTIM, author="ani")
    with pytest.raises(LibraryError) as err:
        lib.save_comparison("C", members, baseline=baseline, author="ani")
    assert err.value.key == key
    assert lib.comparisons(include_deleted=True) == []


# --- bad input changes nothing -------------------------------------------------------------------

BAD_TEXTS = {
    "truncated": KUTIM[: len(KUTIM) // 2],
    "hand-edited": KUTIM.replace("eligible: 42000", "eligible: banyak"),
    "yaml tag": "!!python/object/apply:os.system ['echo hi']\n",
    "10 MB": "name: x\n" + "#" * (10 * 1024 * 1024),
    "not a mapping": "- a\n- b\n",
    "NUL": KUTIM.replace("name: Kutai", "name: Ku\x00tai", 1),
}


@pytest.mark.parametrize("case", sorted(BAD_TEXTS))
def test_bad_text_is_refused_with_a_message_and_stores_nothing(lib, case) -> None:
    lib.save("Kutim", KUTIM, author="ani")
    before = _rows(lib)
    with pytest.raises(ScenarioError) as err:
        lib.save("Kutim", BAD_TEXTS[case], author="ani")
    assert str(err.value).startswith("Kutim:")  # names the scenario it was saved as
    assert _rows(lib) == before
    assert lib.version("Kutim").yaml_text == KUTIM


@pytest.mark.parametrize(("name", "key"), [
    ("../../etc/passwd", "lib_name_chars"),
    ("a/b", "lib_name_chars"),
    ("C:\\temp", "lib_name_chars"),
    ("..", "lib_name_chars"),
    ("tab\there", "lib_name_chars"),
    ("   ", "lib_name_empty"),
    ("x" * 121, "lib_name_long"),
])
def test_bad_names_are_refused_and_store_nothing(lib, name, key) -> None:
    with pytest.raises(LibraryError) as err:
        lib.save(name, KUTIM, author="ani")
    assert err.value.key == key
    for lang in ("id", "en"):
        assert err.value.message(lang)
    assert _rows(lib) == (0, 0, 0)


def test_a_failure_in_the_middle_of_a_save_leaves_the_previous_version_intact(
        lib, monkeypatch) -> None:
    lib.save("Kutim", KUTIM, author="ani")
    before = _rows(lib)

    class Broken(Audit):
        __abstract__ = True

        def __init__(self, **_kwargs: object) -> None:
            raise RuntimeError("disk unplugged half-way")

    monkeypatch.setattr(library_module, "Audit", Broken)
    with pytest.raises(RuntimeError):
        lib.save("Kutim", CUT, author="budi")
    with pytest.raises(RuntimeError):
        lib.save("New one", CUT, author="budi")  # the new scenario row goes too
    monkeypatch.undo()
    assert _rows(lib) == before
    assert [v.yaml_text for v in lib.versions("Kutim")] == [KUTIM]
    assert lib.save("Kutim", CUT, author="budi").number == 2


def test_an_unreachable_database_is_a_message_with_the_password_hidden() -> None:
    with pytest.raises(LibraryError) as err:
        Library.open("postgresql+psycopg://ani:secret@127.0.0.1:1/nothing")
    assert err.value.key == "lib_unreachable"
    assert "secret" not in err.value.message("en")
    assert "***" in err.value.message("en")
    with pytest.raises(LibraryError) as err:
        Library.open("mysql://x@y/z")
    assert err.value.key == "lib_bad_url"


# --- schema and migrations -----------------------------------------------------------------------


def test_the_schema_is_made_by_the_migrations_and_opening_again_changes_nothing(db_url) -> None:
    Library.open(db_url).close()
    engine = create_engine(db_url)
    with engine.connect() as conn:
        assert conn.scalar(text("SELECT version_num FROM alembic_version")) == \
            store_db.head_revision()
    lib = Library.open(db_url)
    lib.save("Kutim", KUTIM, author="ani")
    lib.close()
    lib = Library.open(db_url)
    assert lib.version("Kutim").yaml_text == KUTIM
    lib.close()
    engine.dispose()


def test_a_library_from_a_newer_planner_is_refused(db_url) -> None:
    Library.open(db_url).close()
    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(LibraryError) as err:
        Library.open(db_url)
    assert err.value.key == "lib_newer_schema"


# --- concurrency: real processes -----------------------------------------------------------------

WRITERS, SAVES = 4, 15


def _writers(url: str, name: str, writers: int, saves: int) -> list[dict[str, object]]:
    start = time.time() + 4.0  # after every process has imported the planner
    procs = [subprocess.Popen(
        [sys.executable, "-m", "tests.writer", url, name, str(w), str(saves), str(start)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for w in range(writers)]
    out = []
    for p in procs:
        stdout, stderr = p.communicate(timeout=300)
        assert p.returncode == 0, stderr
        out.append(json.loads(stdout.strip().splitlines()[-1]))
    return out


def test_concurrent_writers_lose_nothing(db_url) -> None:
    Library.open(db_url).close()  # the schema exists before the race (opening races separately)
    reports = _writers(db_url, "Kutim shared", WRITERS, SAVES)
    lib = Library.open(db_url)
    versions = lib.versions("Kutim shared")
    assert [v.number for v in versions] == list(range(1, WRITERS * SAVES + 1))
    got = sorted(n for r in reports for n in r["numbers"])  # type: ignore[union-attr]
    assert got == list(range(1, WRITERS * SAVES + 1))
    texts = {v.yaml_text for v in versions}
    assert texts == {writer.text_for(w, i) for w in range(WRITERS) for i in range(SAVES)}
    for v in versions:  # each version is the text its writer saved under that number
        w = int(v.author.split("-")[1])
        assert v.yaml_text == writer.text_for(w, int(v.note.split()[1]))
    saves = [a for a in lib.audit(limit=1000) if a.action == "save"]
    assert len(saves) == WRITERS * SAVES
    lib.close()


def test_processes_opening_a_new_library_at_once_make_one_schema(db_url) -> None:
    reports = _writers(db_url, "First", 3, 2)
    assert sorted(n for r in reports for n in r["numbers"]) == [1, 2, 3, 4, 5, 6]  # type: ignore[union-attr]


def test_a_busy_database_is_retried_then_reported(lib, monkeypatch) -> None:
    calls = []

    def busy(_session: object) -> None:
        calls.append(1)
        raise OperationalError("INSERT", {}, Exception("database is locked"))

    monkeypatch.setattr(library_module, "_ATTEMPTS", 3)
    monkeypatch.setattr(time, "sleep", lambda _s: None)
    with pytest.raises(LibraryError) as err:
        lib._write(busy)
    assert err.value.key == "lib_busy"
    assert len(calls) == 3
