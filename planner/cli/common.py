"""What every ``planner`` command shares: language, refused files, and whole output files.

The language option's check, a refused scenario file's message, and an output file written
whole or not at all (a temporary file beside it, then moved into place).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import NoReturn

import typer

from planner.errors import ScenarioError
from planner.i18n import LANGS, register, t

__all__ = ["check_lang", "check_output", "fail_invalid", "write_output"]

register(
    {
        "cli_cannot_write": {
            "id": "{file} tidak dapat ditulis: {detail}; pastikan foldernya ada dan boleh "
            "ditulisi",
            "en": "{file} cannot be written: {detail}; check that its folder exists and may be "
            "written to",
        },
        "cli_output_is_folder": {"id": "sebuah folder, bukan berkas", "en": "it is a folder"},
        "cli_output_no_folder": {"id": "foldernya tidak ada", "en": "its folder does not exist"},
    }
)


def _cannot_write(path: Path, detail: str, lang: str) -> NoReturn:
    typer.echo(t("cli_cannot_write", lang, file=str(path), detail=detail), err=True)
    raise typer.Exit(2)


def check_output(path: Path, lang: str) -> None:
    """Refuse, before any work is stored, an output path that cannot be a file (exit 2)."""
    if path.is_dir():
        _cannot_write(path, t("cli_output_is_folder", lang), lang)
    if not path.parent.is_dir():
        _cannot_write(path, t("cli_output_no_folder", lang), lang)


def write_output(path: Path, data: bytes, lang: str) -> None:
    """Write ``data`` to ``path`` whole or not at all: a temporary file beside it, then moved.

    A full disk or a folder that may not be written leaves no half-written file and no
    traceback: a message naming the file, exit 2.
    """
    check_output(path, lang)
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        mask = os.umask(0)  # the permissions a plain write would give (mkstemp's are 0600)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        _cannot_write(path, exc.strerror or str(exc), lang)
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)


def check_lang(lang: str) -> str:
    """Return ``lang`` when it is a language the planner speaks, else a usage error."""
    if lang not in LANGS:
        raise typer.BadParameter(f"--lang must be one of {', '.join(LANGS)}")
    return lang


def fail_invalid(exc: ScenarioError, lang: str) -> NoReturn:
    """Print every problem of a file that cannot be used, naming file and field; exit 2."""
    typer.echo(t("cli_invalid", lang, file=exc.file or "-", n=len(exc.problems)), err=True)
    for p in exc.problems:
        typer.echo("  " + p.render(exc.file, lang), err=True)
    raise typer.Exit(2)
