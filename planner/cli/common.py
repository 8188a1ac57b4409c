"""What every ``planner`` command shares: the language option's check and a refused file."""

from __future__ import annotations

from typing import NoReturn

import typer

from planner.errors import ScenarioError
from planner.i18n import LANGS, t

__all__ = ["check_lang", "fail_invalid"]


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
