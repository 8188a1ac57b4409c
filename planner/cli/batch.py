"""``planner batch``: many scenarios and cut levels at once on Dask; prints, never computes.

The scenarios are a folder or files, library versions (``--library NAME@N``), or the national
example (``--generate indonesia``); each is solved at every combination of the cut grids
(``--cuts``, ``--cut SOURCE=...``) on a local cluster of this machine's cores or on
``--scheduler``. The results are one row per scenario and variant: a text table (or ``--json``)
on stdout, Parquet or Excel with ``--out``, the library with ``--save``; progress and the summary
line go to stderr.

Exit status: 0 when the batch ran (a scenario that does not validate or solve is a row with its
message); 2 for options that cannot be run, each named with its fix; 130 after Ctrl-C, with the
cluster closed and nothing written or saved.

Dask, pandas and the solvers are imported when the command runs, not by ``planner --help``.
"""

from __future__ import annotations

import io
import json
import math
import time
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from planner.batch import texts as _texts  # noqa: F401 - registers the words printed here
from planner.cli.common import check_lang, check_output, write_output
from planner.cli.library import Author, Db
from planner.i18n import t
from planner.money import count, number, percent, rupiah_short
from planner.texttable import text_table

if TYPE_CHECKING:
    import pandas as pd

    from planner.batch.inputs import Item
    from planner.batch.variants import BatchError, Variant

__all__ = ["batch_cmd"]

OUT_SUFFIXES = (".parquet", ".xlsx")
GENERATED = ("indonesia",)
NATIONAL_CUTS = "0:0.5:11"  # the national example's default grid: 0% to 50% in steps of 5%


def _usage(exc: BatchError, lang: str) -> NoReturn:
    typer.echo(f"planner batch: {exc.message(lang)}", err=True)
    raise typer.Exit(2)


def _items(paths: list[Path], library: list[str], generate: str | None, seed: int,
           db: str | None, lang: str) -> list[Item]:
    """Read every scenario named, from files, the library and the generator, in that order."""
    from planner.batch.inputs import from_library, from_paths, national
    from planner.batch.variants import BatchError

    if not paths and not library and generate is None:
        raise BatchError("batch_no_input", "PATH")
    items = from_paths(paths, lang)
    if library:
        from planner.cli.library import _fail, _open, _ref
        from planner.store.errors import LibraryError

        refs = [_ref(r, lang) for r in library]
        store = _open(db, lang, create=False)
        try:
            items += from_library(store, refs)
        except LibraryError as exc:
            _fail(exc, lang)
        finally:
            store.close()
    if generate is not None:
        if generate not in GENERATED:
            raise BatchError("batch_unknown_generate", "--generate", name=generate)
        items += national(seed)
    return items


def _headers(columns: list[str], lang: str) -> dict[str, str]:
    out = {}
    for c in columns:
        if c.startswith("spare_"):
            out[c] = t("batch_col_spare", lang, source=c[len("spare_"):])
        elif c.startswith("cut_"):
            out[c] = t("batch_col_cut", lang, source=c[len("cut_"):])
        else:
            try:
                out[c] = t(f"batch_col_{c}", lang)
            except KeyError:
                out[c] = c
    return out


def _status(status: str, lang: str) -> str:
    # optimal, infeasible and error are the words `planner solve` prints (planner.cli.main)
    return t(f"batch_status_{status}" if status == "invalid" else f"cli_status_{status}", lang)


def _table(df: pd.DataFrame, labels: list[str], rows: int, lang: str) -> list[str]:
    """Render the results as a text table: the first ``rows`` rows (0: all), then how many more."""
    shown = df if rows == 0 else df.head(rows)
    # the province of a generated region (its name says the region); else the region, if any
    place = next((c for c in ("province", "region") if (df[c].fillna("") != "").any()), None)
    variants = bool((df["variant"] != "").any())
    keys = ["name", "origin", *(["variant"] if variants else []),
            *([place] if place else []), "status", "covered_workers", "bound_covered",
            "total_cost", "unspent", "coverage_share"]
    headers = _headers(keys, lang)
    body = []
    for r, label in zip(shown.to_dict("records"), labels, strict=False):
        ok = r["status"] == "optimal"
        cells = [str(r["name"]), str(r["origin"])]
        if variants:
            cells.append(label)
        if place:
            cells.append(str(r[place] or ""))
        cells += [_status(r["status"], lang),
                  count(r["covered_workers"], lang) if ok else "-",
                  count(r["bound_covered"], lang) if ok else "-",
                  rupiah_short(r["total_cost"], lang) if ok else "-",
                  rupiah_short(r["unspent"], lang) if ok else "-",
                  percent(r["coverage_share"], lang) if ok else "-"]
        body.append(cells)
    lines = text_table([headers[k] for k in keys], body,
                       numeric_from=keys.index("covered_workers")).split("\n")
    if len(shown) < len(df):
        lines.append(t("batch_more_rows", lang, n=count(len(df) - len(shown), lang)))
    return lines


def _failures(df: pd.DataFrame, lang: str) -> list[str]:
    failed = df[df["status"].isin(("invalid", "error"))]
    if failed.empty:
        return []
    lines = ["", t("batch_failed_title", lang)]
    for r in failed.to_dict("records"):
        where = f"{r['origin']}" + (f" ({r['variant']})" if r["variant"] else "")
        message = str(r["message"]).replace("\n", "\n    ")
        lines.append(f"- {where}: {message}")
    return lines


def _summary_lines(national: pd.DataFrame, provinces: pd.DataFrame, lang: str) -> list[str]:
    if national.empty:
        return []
    lines = ["", t("batch_summary_title", lang, regions=count(national["scenarios"].iloc[0],
                                                              lang))]
    keys = ["global_cut", "optimal", "infeasible", "failed", "eligible", "funded",
            "coverage_share", "change", "total_cost",
            *(["ucj", "ucj_gap"] if "ucj" in national else [])]
    headers = _headers(keys, lang)
    body = []
    for r in national.to_dict("records"):
        cells = [percent(r["global_cut"], lang, 0), count(r["optimal"], lang),
                 count(r["infeasible"], lang), count(r["failed"], lang),
                 count(r["eligible"], lang), count(r["funded"], lang),
                 percent(r["coverage_share"], lang), count(r["change"], lang),
                 rupiah_short(r["total_cost"], lang)]
        if "ucj" in national:
            cells += [percent(r["ucj"], lang, 2), count(r["ucj_gap"], lang)]
        body.append(cells)
    lines.append(text_table([headers[k] for k in keys], body))
    if "ucj" in national:
        from planner.batch.national import EMPLOYED, UCJ_2025, UCJ_2029

        lines.append(t("batch_ucj_note", lang, ucj_2025=percent(UCJ_2025, lang, 2),
                       ucj_2029=percent(UCJ_2029, lang, 2), employed=count(EMPLOYED, lang)))
    if not provinces.empty:
        cuts = list(dict.fromkeys(provinces["variant"]))
        labels = {v: percent(c, lang, 0) for v, c in zip(provinces["variant"],
                                                           provinces["global_cut"], strict=True)}
        lines += ["", t("batch_provinces_title", lang)]
        body = []
        for province, part in provinces.groupby("province", sort=False):
            shares = dict(zip(part["variant"], part["coverage_share"], strict=True))
            body.append([str(province), count(part["regions"].iloc[0], lang),
                         count(part["eligible"].iloc[0], lang),
                         *(percent(shares.get(v), lang) for v in cuts)])
        lines.append(text_table([t("batch_col_province", lang), t("batch_col_regions", lang),
                                 t("batch_col_eligible", lang), *(labels[v] for v in cuts)],
                                body))
    return lines


def _json_rows(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    def clean(value: Any) -> Any:
        return None if isinstance(value, float) and math.isnan(value) else value

    return [{k: clean(v) for k, v in r.items() if k not in ("item", "variant_index")}
            for r in records]


def _frame_json(df: pd.DataFrame) -> list[dict[str, Any]]:
    return json.loads(df.to_json(orient="records", force_ascii=False)) if not df.empty else []


def _write(out: Path, df: pd.DataFrame, national: pd.DataFrame, provinces: pd.DataFrame,
           lang: str) -> None:
    if out.suffix.lower() == ".parquet":
        buffer = io.BytesIO()
        df.to_parquet(buffer, index=False)
        write_output(out, buffer.getvalue(), lang)
        return
    from planner.store.excel import export_batch

    shown = df.copy()
    shown["status"] = [_status(s, lang) for s in shown["status"]]
    shown.attrs = df.attrs
    sheets = [(t("batch_sheet_results", lang), shown)]
    if not national.empty:
        sheets.append((t("batch_sheet_national", lang), national))
    if not provinces.empty:
        sheets.append((t("batch_sheet_provinces", lang), provinces))
    columns = [str(c) for _, frame in sheets for c in frame.columns]
    write_output(out, export_batch(sheets, _headers(columns, lang), lang), lang)


def _check_outs(outs: list[Path], lang: str) -> None:
    """Refuse, before any work, an --out whose suffix is not known or that cannot be written."""
    from planner.batch.variants import BatchError

    for path in outs:
        if path.suffix.lower() not in OUT_SUFFIXES:
            raise BatchError("batch_bad_out", "--out", path=str(path))
        check_output(path, lang)


def batch_cmd(
    paths: Annotated[list[Path] | None, typer.Argument(
        help="Scenario files (.yaml, .yml, .xlsx) or folders of them.", metavar="PATH...",
        show_default=False)] = None,
    library: Annotated[list[str] | None, typer.Option(
        "--library", help="A library version, NAME or NAME@N (repeat for more).")] = None,
    generate: Annotated[str | None, typer.Option(
        "--generate", help="A generated set: 'indonesia' (514 kabupaten and kota).")] = None,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the generated set.")] = 0,
    limit: Annotated[int | None, typer.Option(
        "--limit", min=1, help="Only the first N scenarios.")] = None,
    cuts: Annotated[str | None, typer.Option(
        "--cuts", help="Global cut levels START:STOP:COUNT, e.g. 0:0.5:11 (default for "
        "--generate).")] = None,
    cut: Annotated[list[str] | None, typer.Option(
        "--cut", help="A source's own cut levels, SOURCE=START:STOP:COUNT (id or kind; "
        "repeat for more).")] = None,
    target: Annotated[int | None, typer.Option(
        "--target", min=0, help="Also the least extra money in one source that covers this "
        "many workers (as `planner need`).")] = None,
    workers: Annotated[int | None, typer.Option(
        "--workers", min=1, help="Local worker processes (default: the machine's cores).")] = None,
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", help="A running Dask scheduler, tcp://HOST:8786, instead of a local "
        "cluster.")] = None,
    memory_limit: Annotated[str, typer.Option(
        "--memory-limit", help="Memory limit of each local worker.")] = "1GiB",
    timeout: Annotated[float, typer.Option(
        "--timeout", min=0.1, help="Seconds to wait for --scheduler and its workers.")] = 5.0,
    out: Annotated[list[Path] | None, typer.Option(
        "--out", help="Write the rows to FILE.parquet or FILE.xlsx (repeat for both).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    summary: Annotated[bool, typer.Option(
        "--summary", help="Totals per cut level and by province (always for --generate).")
    ] = False,
    rows: Annotated[int, typer.Option(
        "--rows", min=0, help="Rows of the text table (0: all).")] = 100,
    save: Annotated[bool, typer.Option(
        "--save", help="Save each scenario and variant in the library with its result.")
    ] = False,
    tag: Annotated[str | None, typer.Option(
        "--tag", help="The tag of the saved versions (default batch-DATE-TIME).")] = None,
    progress: Annotated[bool, typer.Option(
        "--progress/--no-progress", help="The progress bar on stderr.")] = True,
    lang: Annotated[str, typer.Option("--lang", help="Language of the words: id or en.")] = "id",
    time_limit: Annotated[float | None, typer.Option(
        "--time-limit", min=0, help="Seconds past the LP for whole workers (as `solve`).")
    ] = None,
    exact: Annotated[bool, typer.Option(
        "--exact", help="Prove each optimum with the MILP, however long it takes.")] = False,
    author: Author = None,
    db: Db = None,
) -> None:
    """Solve many scenarios and cut levels at once on Dask: one row per scenario and variant."""
    lang = check_lang(lang)
    from planner.batch.variants import BatchError, grid, source_grid, variants

    try:
        _check_outs(out or [], lang)
        if cuts is None and not cut and generate is not None:
            cuts = NATIONAL_CUTS
        grid_levels = grid(cuts, "--cuts") if cuts is not None else None
        chosen = variants(grid_levels, [source_grid(c) for c in cut or []])
        items = _items(list(paths or []), list(library or []), generate, seed, db, lang)
    except BatchError as exc:
        _usage(exc, lang)
    if limit is not None:
        items = items[:limit]
    options = {"solver": "highs", "time_limit": math.inf if exact else time_limit,
               "target": target}
    records, seconds, n_workers = _run(items, chosen, options, workers, scheduler,
                                       memory_limit, timeout, progress, lang)
    _report(records, items, chosen, seconds, n_workers, out or [], as_json,
            summary or generate is not None, rows, save, tag, author, db, lang)


def _run(items: list[Item], chosen: list[Variant], options: dict[str, Any],
         workers: int | None, scheduler: str | None, memory_limit: str, timeout: float,
         show: bool, lang: str) -> tuple[list[dict[str, Any]], float, int]:
    """Solve on the cluster with a progress bar; Ctrl-C closes it and exits 130."""
    from planner.batch.progress import Progress
    from planner.batch.runner import chunks, connect, solve_all
    from planner.batch.variants import BatchError

    bar = Progress(len(items) * len(chosen), lang, enabled=show)
    try:
        with connect(workers, scheduler, memory_limit=memory_limit, timeout=timeout) as cluster:
            where = (t("batch_cluster_remote", lang, address=scheduler, workers=cluster.workers)
                     if scheduler else t("batch_cluster_local", lang, workers=cluster.workers,
                                         memory=memory_limit))
            if show:
                typer.echo(where, err=True)
            start = time.perf_counter()
            bar.start = start
            records = solve_all(cluster, chunks(items, chosen, cluster.workers), options, lang,
                                bar)
            seconds = time.perf_counter() - start
            bar.close()
            return records, seconds, cluster.workers
    except BatchError as exc:
        _usage(exc, lang)
    except KeyboardInterrupt:
        bar.close()
        typer.echo(t("batch_interrupted", lang), err=True)
        raise typer.Exit(130) from None


def _report(records: list[dict[str, Any]], items: list[Item], chosen: list[Variant],
            seconds: float, n_workers: int, outs: list[Path], as_json: bool, summary: bool,
            rows: int, save: bool, tag: str | None, author: str | None, db: str | None,
            lang: str) -> None:
    """Write the files, save to the library, then print the table or the JSON."""
    from planner.batch.records import sort_key, to_frame
    from planner.batch.summary import by_cut, by_province

    records.sort(key=sort_key)
    df = to_frame(records)
    national = by_cut(df, national=bool((df["province"].fillna("") != "").any())) \
        if summary else df.iloc[0:0]
    provinces = by_province(df) if summary else df.iloc[0:0]
    for path in outs:
        _write(path, df, national, provinces, lang)
    saved = _save(records, items, chosen, tag, author, db, lang) if save else None
    counts = df["status"].value_counts()
    failed = int(counts.get("invalid", 0) + counts.get("error", 0))
    typer.echo(t("batch_done", lang, total=count(len(df), lang),
                 seconds=number(seconds, lang, 1), optimal=count(counts.get("optimal", 0), lang),
                 infeasible=count(counts.get("infeasible", 0), lang),
                 failed=count(failed, lang)), err=True)
    for path in outs:
        typer.echo(t("batch_written", lang, file=str(path), rows=count(len(df), lang)), err=True)
    if saved is not None:
        typer.echo(t("batch_saved", lang, n=count(saved[0], lang), tag=saved[1]), err=True)
    if as_json:
        typer.echo(json.dumps({
            "total": len(df), "failed": failed, "workers": n_workers,
            "seconds": round(seconds, 3), "rows": _json_rows(records),
            **({"summary": _frame_json(national), "provinces": _frame_json(provinces)}
               if summary else {}),
        }, ensure_ascii=False, indent=2))
        return
    labels = [chosen[int(r["variant_index"])].label(lang) for r in records]
    lines = (_table(df, labels, rows, lang) + _failures(df, lang)
             + _summary_lines(national, provinces, lang))
    typer.echo("\n".join(lines))


def _save(records: list[dict[str, Any]], items: list[Item], chosen: list[Variant],
          tag: str | None, author: str | None, db: str | None, lang: str) -> tuple[int, str]:
    """Save every solved scenario and variant as a new library version tagged ``tag``."""
    from planner.batch.saving import save_results
    from planner.cli.library import _author, _fail, _open
    from planner.errors import ScenarioError
    from planner.store.errors import LibraryError

    tag = tag or f"batch-{datetime.now().astimezone():%Y%m%d-%H%M%S}"
    library = _open(db, lang, create=True)
    try:
        n = save_results(library, records, items, chosen, tag=tag, author=_author(author),
                         lang=lang)
    except (LibraryError, ScenarioError) as exc:
        _fail(exc, lang)
    finally:
        library.close()
    return n, tag
