"""``planner budget-lines``: a plan's budget lines as SIPD/RKA wants them.

One line per source, programme (JKK, JKM, JHT), worker group and run of months at one price, with
its account code, the volume as "orang x bulan", the unit price and the total; the lines add up to
the plan's spend to the rupiah. Printed as a table, or written as CSV (as
:mod:`planner.store.csvfile` writes it: semicolons in Indonesian) or Excel (``--out``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from planner.cli.common import check_lang, check_output, write_output
from planner.cli.library import Db
from planner.errors import ScenarioError
from planner.i18n import register, t
from planner.money import count, rupiah
from planner.texttable import text_table

__all__ = ["budget_lines_cmd"]

register({
    "cli_lines_suffix": {
        "id": "tulis rincian belanja ke berkas .csv atau .xlsx",
        "en": "write the budget lines to a .csv or .xlsx file",
    },
    "cli_lines_total": {
        "id": "Jumlah {n} baris: {total}, sama dengan belanja rencana",
        "en": "Total of {n} lines: {total}, equal to the plan's spend",
    },
    "cli_lines_written": {
        "id": "{file}: {n} baris, jumlah {total}",
        "en": "{file}: {n} lines, total {total}",
    },
    "cli_lines_no_plan": {
        "id": "skenario ini tidak layak dan tidak punya rencana terdekat: tidak ada rincian "
        "belanja",
        "en": "this scenario is infeasible and has no nearest plan: there are no budget lines",
    },
})

def budget_lines_cmd(
    ref: Annotated[str, typer.Argument(help="A YAML scenario file, or a saved version NAME or "
                                            "NAME@VERSION.", metavar="FILE_OR_NAME")],
    out: Annotated[Path | None, typer.Option("--out", help="Write lines.csv or lines.xlsx "
                                                           "instead of printing.")] = None,
    cut: Annotated[
        float | None, typer.Option("--cut", help="Global cut, a share 0..1 (0.15 is 15%).")
    ] = None,
    lang: Annotated[str, typer.Option("--lang", help="Language of the words: id or en.")] = "id",
    db: Db = None,
) -> None:
    """Print or write the plan's budget lines (SIPD/RKA): code, volume, unit price, total."""
    lang = check_lang(lang)
    if cut is not None and not 0 <= cut <= 1:
        raise typer.BadParameter(t("share_cut_report", lang), param_hint="--cut")
    if out is not None:
        if out.suffix.lower() not in (".csv", ".xlsx"):
            raise typer.BadParameter(t("cli_lines_suffix", lang), param_hint="--out")
        check_output(out, lang)
    from planner.cli.library import _fail
    from planner.cli.report import load_ref
    from planner.engine.budget_lines import budget_lines, lines_frame
    from planner.pipeline import RunOptions, run
    from planner.store.errors import LibraryError

    try:
        scenario, *_ = load_ref(ref, db, lang)
    except (ScenarioError, LibraryError) as exc:
        _fail(exc.with_file(ref) if isinstance(exc, ScenarioError) and not exc.file else exc,
              lang)
    if cut is not None:
        scenario = scenario.with_global_cut(cut)
    result = run(scenario, RunOptions(explain=False))
    plan = result if result.ok else result.relaxed
    if plan is None:
        typer.echo(t("cli_lines_no_plan", lang), err=True)
        raise typer.Exit(1)
    lines = budget_lines(plan)
    frame = lines_frame(lines, lang)
    total = rupiah(sum(line.total for line in lines), lang)
    if out is None:
        headers = frame.attrs["headers"]
        shown = ["source", "account_code", "programme", "group", "period", "volume",
                 "unit_price", "total"]
        rows = [[rupiah(v, lang) if c in ("unit_price", "total") and v != "" else str(v)
                 for c, v in zip(shown, row, strict=True)]
                for row in frame[shown].itertuples(index=False, name=None)]
        typer.echo(text_table([headers[c] for c in shown], rows))
        typer.echo(t("cli_lines_total", lang, n=count(len(lines), lang), total=total))
        return
    if out.suffix.lower() == ".csv":
        from planner.store.csvfile import write_csv

        headers = frame.attrs["headers"]
        data = write_csv([headers[c] for c in frame.columns],
                         frame.itertuples(index=False, name=None), lang)
    else:
        from planner.store.excel import export_batch

        data = export_batch([(t("xl_sheet_budget_lines", lang), frame)], frame.attrs["headers"],
                            lang)
    write_output(out, data, lang)
    typer.echo(t("cli_lines_written", lang, file=str(out), n=count(len(lines), lang),
                 total=total))
