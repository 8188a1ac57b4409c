"""``planner library ...`` on SQLite and a real PostgreSQL: what it prints, stores, refuses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planner.cli import app
from planner.engine.scenarios import content_hash, load_scenario
from planner.pipeline import RunOptions, run
from planner.store.library import Library

ROOT = Path(__file__).resolve().parent.parent
KUTIM = ROOT / "scenarios" / "kutim-2025.yaml"
NAME = "Kutai Timur 2025 - baseline"  # the scenario's own name, the default library name


@pytest.fixture
def cli(db_url: str, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("PLANNER_DB_URL", db_url)
    monkeypatch.setenv("PLANNER_AUTHOR", "ani")
    runner = CliRunner()

    def invoke(*args: str, code: int = 0) -> str:
        out = runner.invoke(app, ["library", *args])
        assert out.exit_code == code, out.output
        assert out.exception is None or isinstance(out.exception, SystemExit), out.exception
        return out.output

    return invoke


def _farmers(tmp_path: Path, n: int) -> Path:
    path = tmp_path / f"farmers-{n}.yaml"
    path.write_text(KUTIM.read_text().replace("eligible: 42000", f"eligible: {n}"))
    return path


def test_save_list_show_versions_and_diff(cli, tmp_path, db_url) -> None:
    first = json.loads(cli("save", str(KUTIM), "--note", "baseline", "--tag", "kutim",
                           "--json"))
    assert first["version"] == 1
    assert first["author"] == "ani"
    assert first["content_hash"] == content_hash(load_scenario(KUTIM))
    expected = run(load_scenario(KUTIM), RunOptions(explain=False))
    assert first["summary"]["covered_workers"] == expected.covered_workers
    assert first["summary"]["total_cost"] == expected.total_cost
    cli("save", str(_farmers(tmp_path, 60000)), "--name", NAME, "--note", "more farmers")

    listing = json.loads(cli("list", "--json"))
    assert [(e["name"], e["versions"], e["latest"]["note"]) for e in listing] == [
        (NAME, 2, "more farmers")]
    assert "Kutai Timur 2025 - baseline  2" in cli("list")

    shown = json.loads(cli("show", f"{NAME}@1", "--json"))
    assert shown["yaml"] == KUTIM.read_text()
    assert shown["tags"] == ["kutim"]
    assert cli("show", f"{NAME}@1", "--yaml") == KUTIM.read_text()
    versions = json.loads(cli("versions", NAME, "--json"))
    assert [v["version"] for v in versions] == [1, 2]
    diff = cli("versions", NAME, "--diff", "1:2")
    assert "-    eligible: 42000" in diff
    assert "+    eligible: 60000" in diff
    lib = Library.open(db_url)
    assert lib.version(NAME, 2).note == "more farmers"
    lib.close()


def test_restore_rename_delete_undelete_and_audit(cli, tmp_path) -> None:
    cli("save", str(KUTIM))
    cli("save", str(_farmers(tmp_path, 1000)), "--name", NAME)
    restored = json.loads(cli("restore", f"{NAME}@1", "--json"))
    assert (restored["version"], restored["restored_from"]) == (3, 1)
    assert json.loads(cli("show", NAME, "--json"))["yaml"] == KUTIM.read_text()
    cli("rename", NAME, "Kutim final")
    cli("delete", "Kutim final")
    assert json.loads(cli("list", "--json")) == []
    assert json.loads(cli("list", "--deleted", "--json"))[0]["deleted"] is True
    cli("undelete", "Kutim final")
    actions = [(e["action"], e["actor"]) for e in json.loads(cli("audit", "--json"))]
    assert actions == [("undelete", "ani"), ("delete", "ani"), ("rename", "ani"),
                       ("restore", "ani"), ("save", "ani"), ("save", "ani")]
    assert "ganti nama" in cli("audit")
    assert "rename" in cli("audit", "--lang", "en")


def test_compare_saves_and_reopens_the_exact_versions(cli, tmp_path) -> None:
    cli("save", str(KUTIM))
    cli("save", str(_farmers(tmp_path, 60000)), "--name", NAME)
    now = json.loads(cli("compare", f"{NAME}@1", f"{NAME}@2", "--save", "v1 v2", "--json"))
    cli("save", str(_farmers(tmp_path, 10)), "--name", NAME)  # a newer version changes nothing
    again = json.loads(cli("compare", "--saved", "v1 v2", "--json"))
    assert again == now
    totals = {row["measure"]: row for row in again["outputs"]["totals"]}
    one = run(load_scenario(KUTIM), RunOptions(explain=False))
    assert totals["covered_workers"]["values"][f"{NAME}@1"] == one.covered_workers


@pytest.mark.parametrize(("args", "message"), [
    (["show", "Nope"], "tidak ada di pustaka"),
    (["show", "Nope", "--lang", "en"], "no scenario 'Nope'"),
    (["restore", "Nope@1"], "tidak ada di pustaka"),
    (["compare", "--saved", "Nope"], "perbandingan 'Nope' tidak ada"),
])
def test_unknown_names_are_messages_with_exit_2(cli, args, message) -> None:
    cli("init")
    assert message in cli(*args, code=2)


@pytest.mark.parametrize("args", [["list"], ["show", "Nope"], ["versions", "Nope"], ["audit"],
                                  ["export", "Nope"], ["compare", "--saved", "Nope"]])
def test_a_read_never_makes_a_library(cli, db_url, args) -> None:
    """Only init, save and import make one: reads name the missing library and write nothing."""
    out = cli(*args, "--lang", "en", code=2)
    assert "there is no scenario library at" in " ".join(out.split())
    assert "library init" in out
    cli("list", code=2)  # still none: the read made nothing
    cli("init")
    assert "The library is empty" in cli("list", "--lang", "en")


def test_a_read_leaves_another_programs_sqlite_file_as_it_was(tmp_path) -> None:
    import hashlib
    import sqlite3

    path = tmp_path / "lain.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE pelanggan (nama TEXT)")
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    out = CliRunner().invoke(app, ["library", "list", "--db", f"sqlite:///{path}", "--lang", "en"])
    assert out.exit_code == 2
    assert "is not a planner scenario library (it holds: pelanggan)" in " ".join(out.output.split())
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lain.db"]  # no -wal, no -shm


def test_a_mistyped_path_makes_no_folders(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'salah' / 'ketik' / 'lib.db'}"
    out = CliRunner().invoke(app, ["library", "show", "X", "--db", url, "--lang", "en"])
    assert out.exit_code == 2
    assert not (tmp_path / "salah").exists()


def test_bad_files_and_names_are_refused_and_store_nothing(cli, tmp_path, db_url) -> None:
    cli("save", str(KUTIM))
    bad_yaml = tmp_path / "bad.yaml"
    bad_yaml.write_text(KUTIM.read_text().replace("eligible: 42000", "eligible: banyak"))
    out = cli("save", str(bad_yaml), "--name", NAME, code=2)
    assert "bad.yaml: groups[0].eligible = 'banyak'" in out
    tagged = tmp_path / "tag.yaml"
    tagged.write_text("!!python/object/apply:os.system ['echo owned']\n")
    assert "tag.yaml" in cli("save", str(tagged), code=2)
    huge = tmp_path / "huge.yaml"
    huge.write_bytes(b"#" * (10 * 1024 * 1024 + 1))
    assert "huge.yaml" in cli("save", str(huge), code=2)
    assert "memuat /" in cli("save", str(KUTIM), "--name", "a/b", code=2)
    assert "missing.yaml" in cli("save", str(tmp_path / "missing.yaml"), code=2)
    lib = Library.open(db_url)
    assert [v.number for v in lib.versions(NAME)] == [1]
    assert len(lib.scenarios(include_deleted=True)) == 1
    lib.close()


def test_an_unreachable_database_is_exit_1_without_a_traceback(monkeypatch) -> None:
    monkeypatch.setenv("PLANNER_DB_URL", "postgresql+psycopg://ani:secret@127.0.0.1:1/x")
    out = CliRunner().invoke(app, ["library", "list"])
    assert out.exit_code == 1
    assert "secret" not in out.output
    assert "Traceback" not in out.output
    assert "tidak dapat dibuka" in out.output


@pytest.mark.parametrize("args", [
    ["show", "K@99999999999999999999"],
    ["restore", "K@99999999999999999999"],
    ["versions", "K", "--diff", "1:99999999999999999999"],
    ["show", "K@2147483648"],
])
def test_a_version_number_no_database_holds_is_a_usage_error(cli, args):
    cli("save", "scenarios/kutim-2025.yaml", "--name", "K")
    out = cli(*args, "--lang", "en", code=2)
    assert "Traceback" not in out
    assert "a version number is 1 to 2147483647" in " ".join(out.split())


def test_a_comparison_whose_excel_cannot_be_written_is_not_saved(cli, tmp_path) -> None:
    cli("save", str(KUTIM))
    cli("save", str(KUTIM), "--note", "again")
    out = cli("compare", f"{NAME}@1", f"{NAME}@2", "--excel", str(tmp_path / "no" / "c.xlsx"),
              "--save", "X", "--lang", "en", code=2)
    assert "cannot be written: its folder does not exist" in " ".join(out.split())
    assert "no saved comparison 'X'" in cli("compare", "--saved", "X", "--lang", "en", code=2)


@pytest.mark.parametrize("where", ["folder", "missing"])
def test_export_to_a_path_that_cannot_be_a_file_is_a_message(cli, tmp_path, where) -> None:
    cli("save", str(KUTIM))
    target = tmp_path if where == "folder" else tmp_path / "no" / "plan.xlsx"
    out = cli("export", NAME, "--out", str(target), "--lang", "en", code=2)
    assert "cannot be written" in out
    assert "Traceback" not in out


def test_export_writes_the_whole_file_and_no_temporary_one(cli, tmp_path) -> None:
    import openpyxl

    cli("save", str(KUTIM))
    target = tmp_path / "plan.xlsx"
    cli("export", NAME, "--out", str(target))
    assert openpyxl.load_workbook(target).sheetnames
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".plan.xlsx")]
    assert target.stat().st_mode & 0o044  # readable by others as a plain write leaves it
