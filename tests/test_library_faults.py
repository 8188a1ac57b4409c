"""A library file that is damaged, read-only or badly addressed: a message that says what to do.

Issue 16, item 4. A SQLite library with damaged pages is refused by every command (reads and
writes alike) with the file's name, the newest versions that can still be read and SQLite's own
recovery, exit 1, and is left byte for byte as it was; the recipe in the message gets the
readable versions back. A library file or folder that may not be written still reads, and a write
says "read-only" ("hanya-baca"), never "busy". A database URL with a part that cannot be right
names that part with the password hidden. The app opens the library with ``Library.open``, so
that must not make a library inside a damaged or foreign file either.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planner.cli import app
from planner.store.db import open_engine
from planner.store.errors import LibraryError
from planner.store.library import Library

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = sorted((ROOT / "scenarios").glob("kutim-*.yaml"))
KUTIM = ROOT / "scenarios" / "kutim-2025.yaml"
NAME = "Kutai Timur 2025 - baseline"
PAGE = 4096

READS = [["list"], ["show", NAME], ["versions", NAME], ["audit"], ["export", NAME],
         ["compare", f"{NAME}@1", f"{NAME}@2"]]
WRITES = [["save", str(KUTIM), "--no-solve"], ["restore", f"{NAME}@1"], ["delete", NAME],
          ["rename", NAME, "Baru"], ["init"]]


def _run(url: str, *args: str) -> tuple[int, str]:
    out = CliRunner().invoke(app, ["library", *args, "--db", url])
    assert out.exception is None or isinstance(out.exception, SystemExit), out.exception
    return out.exit_code, " ".join(out.output.split())


def _library(tmp_path: Path) -> Path:
    """Make a real library with a few versions, as a person would, through the CLI."""
    path = tmp_path / "library.db"
    url = f"sqlite:///{path}"
    assert _run(url, "init")[0] == 0
    for _ in range(2):
        for scenario in SCENARIOS:
            assert _run(url, "save", str(scenario), "--no-solve")[0] == 0
    gc.collect()  # the CLI's engines, run in this process, let go of the file
    with sqlite3.connect(path) as lite:  # everything in the file itself, as at rest
        lite.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _damage(path: Path, pages: list[int]) -> None:
    """Overwrite whole pages with bytes that are not a page (as a bad disk sector would)."""
    raw = bytearray(path.read_bytes())
    for page in pages:
        start = page * PAGE
        raw[start:start + PAGE] = bytes((i * 37 + page) % 256 for i in range(PAGE))
    path.write_bytes(bytes(raw))
    lite = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:  # the damage is real: SQLite finds it (or cannot even check)
        found = lite.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        found = str(exc)
    finally:
        lite.close()
    assert found != "ok"


@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    path = _library(tmp_path)
    pages = len(path.read_bytes()) // PAGE
    _damage(path, [pages // 2 - 1, pages // 2, pages // 2 + 1])
    return path


@pytest.mark.parametrize("args", READS + WRITES, ids=lambda a: a[0])
def test_a_damaged_library_is_named_with_its_recovery_and_left_as_it_was(damaged, args) -> None:
    url = f"sqlite:///{damaged}"
    before = _sha(damaged)
    code, out = _run(url, *args)
    assert code == 1, out
    assert f"berkas pustaka {damaged} rusak" in out
    assert f'sqlite3 {damaged} ".recover" | sqlite3 {damaged.parent}/library-recovered.db' in out
    assert ".dump" in out
    assert "Versi terbaru yang masih terbaca" in out
    assert "sibuk" not in out
    assert _sha(damaged) == before
    code, out = _run(url, *args, "--lang", "en")
    assert code == 1
    assert f"the library file {damaged} is damaged" in out
    assert "The newest versions that can still be read" in out


def test_the_versions_said_readable_come_back_by_the_recipe_in_the_message(damaged) -> None:
    if shutil.which("sqlite3") is None:
        pytest.skip("the sqlite3 program is not installed (apt-get install sqlite3)")
    with pytest.raises(LibraryError) as refused:
        Library.open(f"sqlite:///{damaged}", create=False)
    params = refused.value.params
    assert params["n"] >= 1, params
    readable = [part.rsplit("@", 1) for part in params["readable"].split(", ")]
    recovered = damaged.parent / "library-recovered.db"
    subprocess.run(params["recover"], shell=True, check=False, capture_output=True)  # noqa: S602
    if _run(f"sqlite:///{recovered}", "list")[0] != 0:  # a sqlite3 without .recover's reader
        recovered.unlink(missing_ok=True)
        subprocess.run(params["dump"], shell=True, check=True, capture_output=True)  # noqa: S602
    code, listing = _run(params["recovered_url"], "list", "--json")
    assert code == 0, listing
    assert params["show"].startswith("planner library show ")
    names = {e["name"] for e in json.loads(listing)}
    for name, number in readable:
        assert name.strip("'") in names
        code, text = _run(params["recovered_url"], "show", f"{name.strip(chr(39))}@{number}",
                          "--json")
        assert code == 0, text
    lib = Library.open(params["recovered_url"])  # and it takes new versions again
    assert lib.save("baru", KUTIM.read_text(), author="ani").number == 1
    lib.close()


def test_a_damaged_header_is_damage_and_a_text_file_is_not_a_library(tmp_path) -> None:
    path = _library(tmp_path)
    raw = bytearray(path.read_bytes())
    raw[16:100] = b"\xff" * 84  # the SQLite magic stays, the header after it does not
    path.write_bytes(bytes(raw))
    code, out = _run(f"sqlite:///{path}", "list", "--lang", "en")
    assert code == 1
    assert "is damaged" in out
    text = tmp_path / "notes.db"
    text.write_text("catatan rapat\n" * 100)
    code, out = _run(f"sqlite:///{text}", "list", "--lang", "en")
    assert code == 2
    assert "is not a planner scenario library" in out


@pytest.mark.parametrize("make", ["damaged", "foreign"])
def test_the_app_opening_the_library_never_makes_one_in_a_damaged_or_foreign_file(
        tmp_path, make) -> None:
    """The app's Library page calls ``Library.open(url)`` (create): it must refuse, not adopt."""
    if make == "damaged":
        path = _library(tmp_path)
        pages = len(path.read_bytes()) // PAGE
        _damage(path, [pages // 2])
        key = "lib_damaged"
    else:
        path = tmp_path / "lain.db"
        with sqlite3.connect(path) as conn:
            conn.execute("CREATE TABLE pelanggan (nama TEXT)")
        key = "lib_foreign"
    before = _sha(path)
    with pytest.raises(LibraryError) as refused:
        Library.open(f"sqlite:///{path}")
    assert refused.value.key == key
    assert refused.value.environment == (key == "lib_damaged")
    assert _sha(path) == before
    if make == "foreign":
        assert sorted(p.name for p in tmp_path.iterdir()) == ["lain.db"]


def test_damage_met_half_way_through_a_command_is_a_message(tmp_path) -> None:
    """The check on opening reads every page; damage that comes after it is still words."""
    path = _library(tmp_path)
    lib = Library(open_engine(f"sqlite:///{path}"))  # opened before the damage, no check
    with sqlite3.connect(path) as lite:
        root = lite.execute("SELECT rootpage FROM sqlite_master WHERE name = 'scenarios'"
                            ).fetchone()[0]
    _damage(path, [root - 1])
    with pytest.raises(LibraryError) as refused:
        lib.scenarios()
    lib.close()
    assert refused.value.key == "lib_damaged"
    assert str(path) in refused.value.message("en")


# --- read-only ------------------------------------------------------------------------------------

def _as_ordinary_user() -> list[str]:
    """A command prefix under which file permissions hold (root ignores them)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: file permissions cannot be tested")
    prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search,-fowner",
              "--inh-caps=-all"]
    probe = subprocess.run([*prefix, sys.executable, "-c", "import os; "
                            "print(os.access('/proc/1/environ', os.R_OK))"],
                           capture_output=True, text=True, check=False)
    if probe.returncode != 0:
        pytest.skip(f"setpriv cannot drop root's file permissions here: {probe.stderr[:200]}")
    return prefix


def _planner(prefix: list[str], url: str) -> Callable[..., tuple[int, str]]:
    def run(*args: str) -> tuple[int, str]:
        done = subprocess.run(
            [*prefix, sys.executable, "-m", "planner.cli", "library", *args, "--db", url],
            capture_output=True, text=True, check=False, timeout=120, cwd=ROOT,
            env={**os.environ, "PLANNER_AUTHOR": "ani"})
        out = " ".join((done.stdout + done.stderr).split())
        assert "Traceback" not in out, out
        return done.returncode, out
    return run


@pytest.mark.parametrize("what", ["file", "folder", "both"])
def test_a_read_only_library_reads_and_a_write_says_read_only(tmp_path, what) -> None:
    prefix = _as_ordinary_user()
    folder = tmp_path / "bersama"
    folder.mkdir()
    path = _library(folder)
    for extra in folder.glob("library.db-*"):
        extra.unlink()  # as a library at rest is: no journal beside it
    before = _sha(path)
    if what in {"file", "both"}:
        path.chmod(0o444)
    if what in {"folder", "both"}:
        folder.chmod(0o555)
    try:
        planner = _planner(prefix, f"sqlite:///{path}")
        code, out = planner("list", "--json")
        assert code == 0, out
        assert NAME in out
        code, out = planner("show", NAME, "--yaml")
        assert code == 0, out
        assert out.startswith("# Kutai Timur 2025")
        for args in (["save", str(KUTIM), "--no-solve", "--name", "Baru"], ["delete", NAME],
                     ["restore", f"{NAME}@1"]):
            code, out = planner(*args)
            assert code == 1, out
            assert "hanya-baca" in out
            assert "sibuk" not in out
            said = "hanya-baca: folder" if what == "folder" else "hanya-baca: berkas"
            assert said in out
        code, out = planner("save", str(KUTIM), "--no-solve", "--lang", "en")
        assert code == 1
        assert "is read-only" in out
        assert "busy" not in out
    finally:
        folder.chmod(0o755)
        path.chmod(0o644)
    assert _sha(path) == before


# --- URLs -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("url", "part"), [
    ("postgresql+psycopg://ani:secret@db.example:abc/planner", "the port 'abc'"),
    ("postgresql+psycopg://ani:secret@db.example:99999/planner", "the port '99999'"),
    ("postgresql+psycopg://ani:secret@db.example:0/planner", "the port '0'"),
    ("postgresql+psycopg://ani:se@cret@db.example/planner", "the host ending 'db.example'"),
    ("postgresql+psycopg://ani:secret@db example/planner", "holds '@' or a space"),
    ("postgres://ani:secret@db.example/planner", "URL not understood: postgres://ani:***@"),
    ("postgresql+nosuchdriver://ani:secret@db.example/planner", "'postgresql+nosuchdriver'"),
    ("mysql://ani:secret@db.example/planner", "URL not understood: mysql://ani:***@"),
    ("sqlite://library.db", "three slashes"),
    ("postgresql+psycopg:/ani:secret@db.example/planner", "database URL not understood"),
])
@pytest.mark.parametrize("command", [["list"], ["save", str(KUTIM), "--no-solve"]])
def test_a_url_part_that_cannot_be_right_is_named_without_the_password(url, part,
                                                                         command) -> None:
    code, out = _run(url, *command, "--lang", "en")
    assert code == 1, out
    assert part in out
    assert "secret" not in out
    assert "cret" not in out
    assert "Traceback" not in out
    code, out = _run(url, *command)
    assert code == 1
    assert "alamat basis data" in out
    assert "secret" not in out
