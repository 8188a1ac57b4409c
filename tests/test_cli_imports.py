"""The ``planner`` command imports only what a command uses; each run here is a fresh process.

``planner --help`` and ``planner validate`` must not load the solver stack, the database or the
Excel and web libraries (they made both take 1-2 s). The commands that load more must still find
every word they print, since the modules that register those words are now imported lazily, and
still report errors without a traceback. No test here measures time (see benchmarks/cli.py).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
KUTIM = "scenarios/kutim-2025.yaml"

SOLVERS = ("pulp", "highspy")
DATABASE = ("sqlalchemy", "alembic", "psycopg")
OFFICE_AND_WEB = ("openpyxl", "streamlit", "altair")
TABLES = ("pandas", "numpy")
HEAVY = SOLVERS + DATABASE + OFFICE_AND_WEB + TABLES

COMMANDS = ("validate", "solve", "sweep", "need", "compare", "library")
LIBRARY_COMMANDS = ("list", "save", "import", "show", "versions", "restore", "rename", "delete",
                    "undelete", "audit", "compare", "export")

SMALL = """\
name: Uji kecil
year: 2025
groups:
  - {id: petani, name: Petani, eligible: 10, premium_monthly: 16800}
sources:
  - {id: apbd, name: APBD Uji, kind: apbd, budget: 1008000}
"""

# Runs main(argv) as the console script does, then reports the exit code and the modules loaded
# (on the last line of stderr, after anything the command printed there).
_PROBE = """\
import json, sys
{before}
from planner.cli import main
code = 0
try:
    main(json.loads(sys.argv[1]))
except SystemExit as exc:
    code = exc.code if isinstance(exc.code, int) else 1
print("\\n" + json.dumps({{"code": code, "modules": sorted(sys.modules)}}), file=sys.stderr)
"""


class Run:
    """What a fresh ``planner`` process printed, its exit code and the top modules it loaded."""

    def __init__(self, proc: subprocess.CompletedProcess[str]) -> None:
        head, _, last = proc.stderr.rstrip("\n").rpartition("\n")
        report = json.loads(last)
        self.stdout: str = proc.stdout
        self.stderr: str = head
        self.code: int = report["code"]
        self.top: set[str] = {m.partition(".")[0] for m in report["modules"]}

    def loaded(self, names: tuple[str, ...]) -> list[str]:
        return sorted(set(names) & self.top)


def planner(*argv: str, before: str = "", cwd: Path = ROOT) -> Run:
    """Run ``planner ARGV...`` in a new interpreter (``before``: code run first, for controls)."""
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE.format(before=before), json.dumps(list(argv))],
        cwd=cwd, capture_output=True, text=True, check=False, timeout=300,
    )
    assert proc.stderr.strip(), proc.stdout
    return Run(proc)


def fresh(code: str) -> subprocess.CompletedProcess[str]:
    """Run Python code in a new interpreter from the project folder."""
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          check=False, timeout=300)


def test_the_probe_sees_a_heavy_import() -> None:
    # the control: the same probe reports pulp when something did import it
    run = planner("--help", before="import pulp")
    assert "pulp" in run.loaded(HEAVY)


def test_help_lists_every_command_and_loads_nothing_heavy() -> None:
    run = planner("--help")
    assert run.code == 0, run.stderr
    for command in COMMANDS:
        assert command in run.stdout
    assert run.loaded(HEAVY) == []
    assert run.loaded(("pydantic", "yaml")) == []  # not even the scenario schema


def test_library_help_lists_every_command_and_loads_nothing_heavy() -> None:
    run = planner("library", "--help")
    assert run.code == 0, run.stderr
    for command in LIBRARY_COMMANDS:
        assert command in run.stdout
    assert run.loaded(HEAVY) == []


def test_the_console_script_help_loads_nothing_heavy() -> None:
    script = Path(sys.executable).with_name("planner")
    if not script.exists():
        pytest.skip("the planner console script is not installed beside this Python")
    code = ("import runpy, sys; sys.argv = [{s!r}, '--help']\n"
            "try:\n    runpy.run_path({s!r}, run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            "print(sorted(m for m in {h!r} if m in sys.modules), file=sys.stderr)"
            ).format(s=str(script), h=HEAVY)
    proc = fresh(code)
    assert "validate" in proc.stdout
    assert proc.stderr.strip().splitlines()[-1] == "[]", proc.stderr


def test_validate_loads_no_solver_database_excel_or_pandas() -> None:
    run = planner("validate", KUTIM)
    assert run.code == 0, run.stderr
    assert run.stdout.startswith(f"{KUTIM}: sah - ")
    assert run.loaded(HEAVY) == []


def test_an_invalid_file_is_reported_in_words_without_the_heavy_modules(tmp_path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(SMALL.replace("budget: 1008000", "budget: -5"))
    run = planner("validate", str(bad), "--lang", "en")
    assert run.code == 2
    assert "not valid, 1 problem(s):" in run.stderr
    assert "sources[0].budget = -5: an amount in rupiah" in run.stderr
    assert "Traceback" not in run.stderr
    assert run.loaded(HEAVY) == []


def test_a_missing_file_is_exit_2_without_a_traceback(tmp_path) -> None:
    run = planner("validate", str(tmp_path / "nowhere.yaml"))
    assert run.code == 2
    assert "nowhere.yaml" in run.stderr
    assert "Traceback" not in run.stderr


def test_import_planner_alone_is_light_and_its_names_resolve_on_use() -> None:
    proc = fresh(
        "import sys, planner\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
        "from planner import (load_scenario, run, RunOptions, Result, Scenario, ScenarioError,\n"
        "    SolveOptions, SolverUnavailable, Status, parse_scenario, run_file)\n"
        "print(sorted(set(planner.__all__) - set(dir(planner))))\n"
        "print(run(load_scenario('scenarios/kutim-2025.yaml')).status)\n"
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["[]", "[]", "optimal"]


def test_an_unknown_name_of_planner_is_an_attribute_error() -> None:
    import planner

    with pytest.raises(AttributeError, match="no_such_name"):
        _ = planner.no_such_name
    assert planner.run is planner.pipeline.run
    assert planner.__version__


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["solve", "{file}", "--lang", "en"],
         ["Status: optimal", "Workers funded: 5", "By worker group", "By funding source"]),
        (["sweep", "{file}", "--steps", "3", "--lang", "en"],
         ["Cut curve: Uji kecil", "Breakpoints", "Largest cut that still meets every mandate"]),
        (["need", "{file}", "--target", "8", "--lang", "en"],
         ["Money needed for 8 workers: Uji kecil", "Extra available"]),
        (["compare", "{file}", "{file}", "--lang", "en"], ["Uji kecil"]),
    ],
    ids=["solve", "sweep", "need", "compare"],
)
def test_the_solving_commands_find_their_words_in_a_fresh_process(tmp_path, argv, words) -> None:
    file = tmp_path / "small.yaml"
    file.write_text(SMALL)
    run = planner(*[a.format(file=file) for a in argv])
    assert run.code == 0, run.stderr
    for word in words:
        assert word in run.stdout, run.stdout
    assert run.loaded(DATABASE + OFFICE_AND_WEB) == []  # the solver stack, but no database


def test_the_library_commands_find_their_words_in_a_fresh_process(tmp_path) -> None:
    db = f"sqlite:///{tmp_path / 'library.db'}"
    missing = planner("library", "list", "--db", db, "--lang", "en")
    assert missing.code == 2  # a read makes no library
    assert "there is no scenario library" in missing.stderr
    made = planner("library", "init", "--db", db, "--lang", "en")
    assert made.code == 0, made.stderr
    listing = planner("library", "list", "--db", db, "--lang", "en")
    assert listing.code == 0, listing.stderr
    assert "The library is empty" in listing.stdout
    assert listing.loaded(SOLVERS + ("openpyxl", "streamlit")) == []  # listing solves nothing

    file = tmp_path / "small.yaml"
    file.write_text(SMALL)
    saved = planner("library", "save", str(file), "--no-solve", "--author", "ani", "--db", db)
    assert saved.code == 0, saved.stderr
    assert "Disimpan: Uji kecil versi 1" in saved.stdout

    audit = planner("library", "audit", "--db", db)
    assert audit.code == 0, audit.stderr
    assert "simpan" in audit.stdout  # lib_action_save, from planner.store.errors
    assert "ani" in audit.stdout

    unknown = planner("library", "show", "Tidak ada", "--db", db, "--lang", "en")
    assert unknown.code == 2
    assert "Tidak ada" in unknown.stderr
    assert "Traceback" not in unknown.stderr
