"""The ``planner`` command: validate and solve scenario files. It prints; it never computes.

Exit status: 0 for an answer (an infeasible scenario is an answer), 2 for a scenario that does not
validate or cannot be read, 1 for a broken environment (reported without a traceback).
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from planner.errors import PlannerError, ScenarioError
from planner.i18n import LANGS, register, t
from planner.money import count, percent, rupiah, rupiah_short
from planner.pipeline import RunOptions, run
from planner.results import Result
from planner.scenarios import load_scenario
from planner.solution import SolveOptions

log = logging.getLogger("planner")

register(
    {
        "cli_valid": {
            "id": "{file}: sah - {groups} kelompok pekerja, {sources} sumber dana, {regions} wilayah",
            "en": "{file}: valid - {groups} worker groups, {sources} funding sources, "
            "{regions} regions",
        },
        "cli_invalid": {
            "id": "{file}: tidak sah, {n} masalah:",
            "en": "{file}: not valid, {n} problem(s):",
        },
        "cli_status_optimal": {"id": "optimal", "en": "optimal"},
        "cli_status_infeasible": {"id": "tidak layak", "en": "infeasible"},
        "cli_status_error": {"id": "gagal", "en": "failed"},
        "cli_headline": {
            "id": "Pekerja dibiayai: {covered} (batas atas {bound}); belanja {spent} "
            "({spent_full}); sisa dana {unspent}",
            "en": "Workers funded: {covered} (upper bound {bound}); spend {spent} "
            "({spent_full}); money left {unspent}",
        },
        "cli_by_group": {"id": "Per kelompok pekerja", "en": "By worker group"},
        "cli_by_source": {"id": "Per sumber dana", "en": "By funding source"},
        "cli_by_region": {"id": "Per wilayah", "en": "By region"},
        "cli_allocation": {"id": "Alokasi (kelompok x sumber)", "en": "Allocation (group x source)"},
        "cli_warnings": {"id": "Peringatan", "en": "Warnings"},
        "cli_diagnosis": {"id": "Diagnosis", "en": "Diagnosis"},
        "cli_solver": {
            "id": "Dipecahkan dengan {solver} dalam {seconds} detik",
            "en": "Solved with {solver} in {seconds} s",
        },
        "col_group": {"id": "Kelompok", "en": "Group"},
        "col_source": {"id": "Sumber", "en": "Source"},
        "col_region": {"id": "Wilayah", "en": "Region"},
        "col_eligible": {"id": "Layak", "en": "Eligible"},
        "col_elsewhere": {"id": "Dicakup lain", "en": "Covered elsewhere"},
        "col_funded": {"id": "Dibiayai", "en": "Funded"},
        "col_covered": {"id": "Terlindungi", "en": "Covered"},
        "col_share": {"id": "Cakupan", "en": "Share"},
        "col_available": {"id": "Tersedia", "en": "Available"},
        "col_spent": {"id": "Terpakai", "en": "Spent"},
        "col_unspent": {"id": "Sisa", "en": "Unspent"},
        "col_workers": {"id": "Pekerja", "en": "Workers"},
        "col_cost": {"id": "Biaya", "en": "Cost"},
        "col_unit_cost": {"id": "Iuran/orang", "en": "Premium/worker"},
        "cli_error": {
            "id": "Kesalahan lingkungan: {detail}",
            "en": "Environment error: {detail}",
        },
    }
)

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Plan BPJS Ketenagakerjaan premiums for vulnerable workers from regional budgets.",
)

Lang = Annotated[str, typer.Option("--lang", help="Language of the words: id or en.")]
FileArg = Annotated[Path, typer.Argument(help="A scenario YAML file.", show_default=False)]


def _check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise typer.BadParameter(f"--lang must be one of {', '.join(LANGS)}")
    return lang


def _fail_invalid(exc: ScenarioError, lang: str) -> None:
    typer.echo(t("cli_invalid", lang, file=exc.file or "-", n=len(exc.problems)), err=True)
    for p in exc.problems:
        typer.echo("  " + p.render(exc.file, lang), err=True)
    raise typer.Exit(2)


@app.command()
def validate(file: FileArg, lang: Lang = "id") -> None:
    """Check a scenario file; name the file, field, value and fix of every problem (exit 2)."""
    lang = _check_lang(lang)
    try:
        s = load_scenario(file)
    except ScenarioError as exc:
        _fail_invalid(exc, lang)
        return
    typer.echo(
        t("cli_valid", lang, file=str(file), groups=len(s.groups), sources=len(s.sources),
          regions=len(s.regions))
    )


def _table(headers: list[str], rows: list[list[str]], numeric_from: int = 1) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h)
              for i, h in enumerate(headers)]

    def line(cells: list[str]) -> str:
        return "  ".join(
            c.rjust(w) if i >= numeric_from else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        )

    out = [line(headers), line(["-" * w for w in widths])]
    out += [line(r) for r in rows]
    return "\n".join(out)


def render_text(result: Result, lang: str) -> str:
    """The plan as a person reads it in a terminal."""
    r = result
    lines = [f"{r.scenario.name} ({r.scenario.year})",
             f"Status: {t('cli_status_' + str(r.status), lang)}"]
    if r.ok:
        unspent = int(r.by_source["unspent"].sum())
        lines.append(
            t("cli_headline", lang, covered=count(r.covered_workers, lang),
              bound=count(r.bound_covered, lang), spent=rupiah_short(r.total_cost, lang),
              spent_full=rupiah(r.total_cost, lang), unspent=rupiah_short(unspent, lang))
        )
        lines += ["", t("cli_by_group", lang)]
        lines.append(_table(
            [t(k, lang) for k in ("col_group", "col_eligible", "col_elsewhere", "col_funded",
                                  "col_covered", "col_share", "col_cost")],
            [[row.name, count(row.eligible, lang), count(row.covered_elsewhere, lang),
              count(row.funded, lang), count(row.covered, lang), percent(row.share, lang),
              rupiah_short(row.cost, lang)] for row in r.by_group.itertuples()],
        ))
        lines += ["", t("cli_by_source", lang)]
        lines.append(_table(
            [t(k, lang) for k in ("col_source", "col_available", "col_spent", "col_unspent",
                                  "col_workers")],
            [[row.name, rupiah_short(row.available, lang), rupiah_short(row.spent, lang),
              rupiah_short(row.unspent, lang), count(row.workers, lang)]
             for row in r.by_source.itertuples()],
        ))
        if len(r.scenario.regions):
            lines += ["", t("cli_by_region", lang)]
            lines.append(_table(
                [t(k, lang) for k in ("col_region", "col_eligible", "col_funded", "col_covered",
                                      "col_share")],
                [[row.name, count(row.eligible, lang), count(row.funded, lang),
                  count(row.covered, lang), percent(row.share, lang)]
                 for row in r.by_region.itertuples()],
            ))
        else:
            group_names = {g.id: g.label for g in r.scenario.groups}
            source_names = {s.id: s.label for s in r.scenario.sources}
            lines += ["", t("cli_allocation", lang)]
            lines.append(_table(
                [t(k, lang) for k in ("col_group", "col_source", "col_workers", "col_unit_cost",
                                      "col_cost")],
                [[group_names[row.group], source_names[row.source], count(row.workers, lang),
                  rupiah(row.unit_cost, lang), rupiah_short(row.cost, lang)]
                 for row in r.allocation.itertuples()],
                numeric_from=2,
            ))
    if r.diagnosis:
        lines += ["", t("cli_diagnosis", lang)] + [f"- {m.text(lang)}" for m in r.diagnosis]
    if r.warnings:
        lines += ["", t("cli_warnings", lang)] + [f"- {m.text(lang)}" for m in r.warnings]
    seconds = f"{r.timings.get('total', 0):.2f}"
    lines += ["", t("cli_solver", lang, solver=r.solution.solver, seconds=seconds)]
    return "\n".join(lines)


@app.command("solve")
def solve_cmd(
    file: FileArg,
    as_json: Annotated[bool, typer.Option("--json", help="Print the JSON of MODEL.md.")] = False,
    cut: Annotated[
        float | None, typer.Option("--cut", help="Global cut, a share 0..1 (0.2 is 20%).")
    ] = None,
    lang: Lang = "id",
    time_limit: Annotated[
        float | None,
        typer.Option("--time-limit", help="Seconds the MILP may spend per stage (default: by size)."),
    ] = None,
    solver: Annotated[str, typer.Option("--solver", help="highs or cbc.")] = "highs",
) -> None:
    """Solve a scenario: workers covered by group and source, money spent and left, warnings."""
    lang = _check_lang(lang)
    if cut is not None and not 0 <= cut <= 1:
        raise typer.BadParameter(t("share_cut", lang), param_hint="--cut")
    try:
        scenario = load_scenario(file)
        options = RunOptions(global_cut=cut, solve=SolveOptions(solver=solver, time_limit=time_limit))
        result = run(scenario, options)
    except ScenarioError as exc:
        _fail_invalid(exc, lang)
        return
    if as_json:
        typer.echo(json.dumps(result.to_json(lang), ensure_ascii=False, indent=2))
    else:
        typer.echo(render_text(result, lang))


def main(argv: list[str] | None = None) -> Any:
    """Console-script entry: run the app; report environment errors without a traceback."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    try:
        return app(args=argv, standalone_mode=True)
    except PlannerError as exc:  # a broken environment (no solver)
        log.debug("planner failed", exc_info=True)
        typer.echo(t("cli_error", "id", detail=str(exc)), err=True)
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
