"""A throw-away PostgreSQL server for the tests, started from Debian's ``postgresql`` package.

``initdb`` refuses to run as root, so as root the server runs as the ``postgres`` user (through
``runuser``); as anyone else it runs as that user. It listens on 127.0.0.1 on a free port with
trust authentication, keeps its data in a temporary folder and is stopped and removed at the end.
There is no skip: a machine without PostgreSQL fails the library tests with a message saying what
to install (``.ci/run`` installs it).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

INSTALL_HINT = "install it with: apt-get install -y postgresql (as root; .ci/run does this)"


def _find(tool: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{tool}"), reverse=True)
    if found:
        return found[0]
    on_path = shutil.which(tool)
    if on_path:
        return on_path
    raise RuntimeError(f"PostgreSQL's {tool} was not found; {INSTALL_HINT}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class PostgresServer:
    """A running server: ``url(dbname)`` gives a SQLAlchemy URL for one of its databases."""

    folder: Path
    port: int
    as_user: list[str]

    def url(self, database: str = "postgres") -> str:
        """Return the ``postgresql+psycopg://`` URL of ``database`` on this server."""
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def execute(self, sql: str) -> None:
        """Run one statement outside a transaction (CREATE / DROP DATABASE)."""
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres",
                             autocommit=True) as conn:
            conn.execute(sql)  # type: ignore[arg-type]

    def stop(self) -> None:
        """Stop the server and remove its data."""
        subprocess.run([*self.as_user, _find("pg_ctl"), "-D", str(self.folder / "data"),
                        "-m", "immediate", "stop"], capture_output=True, check=False)
        shutil.rmtree(self.folder, ignore_errors=True)


def start() -> PostgresServer:
    """Initialise and start a server in a new temporary folder."""
    initdb, pg_ctl = _find("initdb"), _find("pg_ctl")
    folder = Path(tempfile.mkdtemp(prefix="planner-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        try:
            user = pwd.getpwnam("postgres")
        except KeyError:
            raise RuntimeError(f"there is no 'postgres' user; {INSTALL_HINT}") from None
        os.chown(folder, user.pw_uid, user.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    folder.chmod(0o755)
    data = folder / "data"
    init = subprocess.run(
        [*as_user, initdb, "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
         "--locale=C.UTF-8", "--no-sync"],
        capture_output=True, text=True, check=False)
    if init.returncode != 0:
        raise RuntimeError(f"initdb failed: {init.stderr.strip()[-500:]}")
    port = _free_port()
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off " \
              "-c max_connections=60"
    started = subprocess.run(
        [*as_user, pg_ctl, "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w",
         "-t", "60", "start"], capture_output=True, text=True, check=False)
    if started.returncode != 0:
        log = (folder / "log").read_text(errors="replace")[-800:] if (
            folder / "log").exists() else ""
        raise RuntimeError(f"PostgreSQL did not start: {started.stderr.strip()} {log}")
    server = PostgresServer(folder, port, as_user)
    deadline = time.monotonic() + 30
    while True:
        try:
            server.execute("SELECT 1")
        except Exception:
            if time.monotonic() > deadline:
                server.stop()
                raise
            time.sleep(0.2)
        else:
            return server
