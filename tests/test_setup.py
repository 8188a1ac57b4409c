"""The set-up behind `make run` and `make test`: system packages, extras, the app's address."""

from __future__ import annotations

import os
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "tools" / "system-packages"


def _fake_bin(tmp_path: Path, uid: str, sudo_ok: bool) -> Path:
    """A PATH folder whose python lacks venv, whose id says ``uid`` and whose apt-get logs."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "apt.log"
    scripts = {
        "python-no-venv": "#!/bin/sh\nexit 1\n",
        "id": f"#!/bin/sh\necho {uid}\n",
        "apt-get": f'#!/bin/sh\necho "$@" >> {log}\n',
        "sudo": "#!/bin/sh\n" + ('[ "$1" = -n ] && shift\nexec "$@"\n' if sudo_ok else "exit 1\n"),
    }
    for name, text in scripts.items():
        (bin_dir / name).write_text(text)
        (bin_dir / name).chmod(0o755)
    return bin_dir


def _run(tmp_path: Path, uid: str, sudo_ok: bool, what: str = "run"):
    bin_dir = _fake_bin(tmp_path, uid, sudo_ok)
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}",
           "PYTHON": str(bin_dir / "python-no-venv")}
    return subprocess.run(["bash", str(SCRIPT), what], env=env, capture_output=True, text=True,
                          timeout=30, check=False)


def test_without_root_or_sudo_it_stops_at_once_with_the_apt_get_line(tmp_path) -> None:
    done = _run(tmp_path, uid="1000", sudo_ok=False)
    assert done.returncode == 1
    assert "sudo apt-get install -y python3-venv" in done.stderr
    assert not (tmp_path / "apt.log").exists()  # nothing was tried


@pytest.mark.parametrize(("uid", "sudo_ok"), [("0", False), ("1000", True)])
def test_as_root_or_with_sudo_it_installs_what_is_missing(tmp_path, uid, sudo_ok) -> None:
    done = _run(tmp_path, uid=uid, sudo_ok=sudo_ok)
    assert done.returncode == 0, done.stderr
    calls = (tmp_path / "apt.log").read_text().splitlines()
    assert calls[0] == "update -qq"
    assert calls[1].split()[-1] == "python3-venv"


def test_nothing_missing_is_a_quiet_success() -> None:
    done = subprocess.run(["bash", str(SCRIPT), "run"], capture_output=True, text=True,
                          timeout=30, check=False)
    assert (done.returncode, done.stderr) == (0, "")


def test_make_run_installs_the_app_alone_on_this_computer_only() -> None:
    """`make run` installs no test extra and serves 127.0.0.1; SHARED=1 serves the network."""
    make = ROOT / "Makefile"
    dry = subprocess.run(["make", "-n", "-B", "-f", str(make), "run"], cwd=ROOT,
                         capture_output=True, text=True, timeout=30, check=False)
    assert dry.returncode == 0, dry.stderr
    assert "pip install --quiet -e .\n" in dry.stdout
    assert "[test]" not in dry.stdout
    assert "--server.address 127.0.0.1" in dry.stdout
    shared = subprocess.run(["make", "-n", "-B", "-f", str(make), "run", "SHARED=1"], cwd=ROOT,
                            capture_output=True, text=True, timeout=30, check=False)
    assert "--server.address 0.0.0.0" in shared.stdout
    test = subprocess.run(["make", "-n", "-B", "-f", str(make), "test"], cwd=ROOT,
                          capture_output=True, text=True, timeout=30, check=False)
    assert "system-packages test" in test.stdout
    assert "-e '.[test]'" in test.stdout


def test_the_project_table_uses_current_setuptools_forms() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert isinstance(project["project"]["license"], str)  # an SPDX string, not a table
    assert "cbc" in project["project"]["optional-dependencies"]  # PuLP 4 brings no CBC
