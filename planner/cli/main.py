"""The ``planner`` command: validate and solve scenario files. It prints; it never computes.

Exit status: 0 for an answer (an infeasible scenario is an answer), 2 for a scenario that does not
validate or cannot be read, 1 for a broken environment (reported without a traceback).

Only Typer and the shared words are imported here; each command imports what it uses when it
runs (the scenario schema for ``validate``; the pipeline, pandas and the solvers for ``solve``,
``sweep``, ``need`` and ``compare``), so ``planner --help`` and ``planner validate`` start fast.
"""

from __future__ import annotations

import json
import logging
import math
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, cast

import typer

from planner.cli.batch import batch_cmd
from planner.cli.common import check_lang, fail_invalid
from planner.cli.library import Author, Db, library_app
from planner.cli.lines import budget_lines_cmd
from planner.cli.provenance import basis_lines
from planner.cli.report import report_cmd
from planner.cli.users import users_app
from planner.errors import PlannerError, ScenarioError
from planner.i18n import register, t
from planner.money import count, number, percent, rupiah, rupiah_short, signed
from planner.texttable import text_table

if TYPE_CHECKING:
    from planner.engine.results import Result
    from planner.engine.schema import Scenario
    from planner.engine.solution import SolveOptions

log = logging.getLogger("planner")

register(
    {
        "cli_valid": {
            "id": "{file}: sah - {groups} kelompok pekerja, {sources} sumber dana, "
            "{regions} wilayah",
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
        "cli_allocation": {
            "id": "Alokasi (kelompok x sumber)",
            "en": "Allocation (group x source)",
        },
        "cli_warnings": {"id": "Peringatan", "en": "Warnings"},
        "cli_explanations": {"id": "Penjelasan", "en": "Why"},
        "cli_sweep_title": {
            "id": "Kurva pemotongan: {name}",
            "en": "Cut curve: {name}",
        },
        "cli_breakpoints": {"id": "Titik patah", "en": "Breakpoints"},
        "cli_max_cut": {
            "id": "Pemotongan terbesar yang masih memenuhi semua mandat: {cut}",
            "en": "Largest cut that still meets every mandate: {cut}",
        },
        "cli_max_cut_none": {
            "id": "Mandat tidak terpenuhi bahkan tanpa pemotongan",
            "en": "The mandates cannot be met even without a cut",
        },
        "col_cut": {"id": "Pemotongan", "en": "Cut"},
        "col_status": {"id": "Status", "en": "Status"},
        "col_unprotected": {"id": "Tanpa perlindungan", "en": "Without protection"},
        "cli_need_title": {
            "id": "Kebutuhan dana untuk {target} pekerja: {name}",
            "en": "Money needed for {target} workers: {name}",
        },
        "col_extra": {"id": "Tambahan tersedia", "en": "Extra available"},
        "col_extra_budget": {"id": "Tambahan pagu", "en": "Extra budget line"},
        "col_answer": {"id": "Jawaban", "en": "Answer"},
        "cli_sweep_range": {
            "id": "perlu 0 <= --from <= --to <= 1 dan 2 sampai 1001 langkah",
            "en": "need 0 <= --from <= --to <= 1 and 2 to 1001 steps",
        },
        "cli_compare_count": {
            "id": "bandingkan 2 sampai 10 berkas skenario",
            "en": "compare 2 to 10 scenario files",
        },
        "cli_unknown_baseline": {
            "id": "--baseline harus salah satu berkas (atau nama skenario) yang dibandingkan",
            "en": "--baseline must be one of the files (or scenario names) compared",
        },
        "cli_unknown_source": {
            "id": "sumber dana ini tidak ada; yang ada: {known}",
            "en": "no such source; known sources: {known}",
        },
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
        "col_change": {"id": "Perubahan", "en": "Change"},
        "col_spare": {"id": "Bisa dipotong", "en": "Spare"},
        "col_short": {"id": "Kurang", "en": "Short"},
        "col_enrolled": {"id": "Terdaftar", "en": "Enrolled"},
        "col_kept": {"id": "Dilanjutkan", "en": "Kept"},
        "col_dropped": {"id": "Berhenti", "en": "Dropped"},
        "col_new": {"id": "Baru", "en": "New"},
        "col_paid": {"id": "Sudah dibayar", "en": "Paid to date"},
        "cli_enrolled": {
            "id": "Peserta terdaftar mulai bulan {month} (berhenti: kehilangan perlindungan mulai "
            "bulan itu)",
            "en": "Enrolled workers from month {month} (dropped: lose cover from that month)",
        },
        "cli_replan_saved": {
            "id": "disimpan: {name} versi {version} (re-plan dari {source}, bulan {month})",
            "en": "saved: {name} version {version} (re-plan of {source}, month {month})",
        },
        "cli_replan_note": {
            "id": "APBD-P: re-plan dari {source} mulai bulan {month}{cut}",
            "en": "APBD-P: re-plan of {source} from month {month}{cut}",
        },
        "cli_relaxed": {
            "id": "Rencana terdekat (TIDAK memenuhi mandat di bawah; kurang {n_short} pekerja)",
            "en": "Nearest plan (does NOT meet the mandates below; {n_short} workers short)",
        },
        "cli_region_floor": {"id": "(batas wilayah)", "en": "(regional floor)"},
        "cli_bad_solver": {
            "id": "pemecah '{solver}' tidak dikenal; pilih salah satu: {known}",
            "en": "no solver '{solver}'; choose one of: {known}",
        },
        "cli_replan_file_save": {
            "id": "--save menyimpan ke pustaka: sebut rencana tersimpan (NAMA@VERSI), bukan berkas",
            "en": "--save stores in the library: name a saved plan (NAME@VERSION), not a file",
        },
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
FileArg = Annotated[
    Path, typer.Argument(help="A scenario YAML file.", show_default=False, metavar="FILE")
]


@app.command()
def validate(file: FileArg, lang: Lang = "id") -> None:
    """Check a scenario file; name the file, field, value and fix of every problem (exit 2)."""
    from planner.engine.scenarios import load_scenario

    lang = check_lang(lang)
    try:
        s = load_scenario(file)
    except ScenarioError as exc:
        fail_invalid(exc, lang)
        return
    typer.echo(
        t("cli_valid", lang, file=str(file), groups=len(s.groups), sources=len(s.sources),
          regions=len(s.regions))
    )


def _plan_lines(r: Result, lang: str) -> list[str]:
    """Render the plan's headline and tables (a plan's own, or a relaxed plan's)."""
    unspent = int(r.by_source["unspent"].sum())
    lines = [t("cli_headline", lang, covered=count(r.covered_workers, lang),
               bound=count(r.bound_covered, lang), spent=rupiah_short(r.total_cost, lang),
               spent_full=rupiah(r.total_cost, lang), unspent=rupiah_short(unspent, lang))]
    change = {c["id"]: c["change"] for c in (r.changes or {}).get("groups", [])}
    lines += ["", t("cli_by_group", lang)]
    lines.append(text_table(
        [t(k, lang) for k in ("col_group", "col_eligible", "col_elsewhere", "col_funded",
                              "col_covered", "col_share", "col_cost",
                              *(["col_change"] if change else []))],
        [[row.name, count(row.eligible, lang), count(row.covered_elsewhere, lang),
          count(row.funded, lang), count(row.covered, lang), percent(row.share, lang),
          rupiah_short(row.cost, lang),
          *([signed(change.get(row.group, 0), lang)] if change else [])]
         for row in cast("Iterable[Any]", r.by_group.itertuples())],
    ))
    if "enrolled" in r.by_group:
        lines += ["", t("cli_enrolled", lang, month=r.scenario.policy.from_month)]
        lines.append(text_table(
            [t(k, lang) for k in ("col_group", "col_enrolled", "col_kept", "col_dropped",
                                  "col_new")],
            [[row.name, count(row.enrolled, lang), count(row.kept, lang),
              count(row.dropped, lang), count(row.new, lang)]
             for row in cast("Iterable[Any]", r.by_group.itertuples())],
        ))
    spare = "spare" in r.by_source and r.ok
    paid = "spent_to_date" in r.by_source
    lines += ["", t("cli_by_source", lang)]
    lines.append(text_table(
        [t(k, lang) for k in ("col_source", *(["col_paid"] if paid else []), "col_available",
                              "col_spent", "col_unspent", *(["col_spare"] if spare else []),
                              "col_workers")],
        [[row.name, *([rupiah_short(row.spent_to_date, lang)] if paid else []),
          rupiah_short(row.available, lang), rupiah_short(row.spent, lang),
          rupiah_short(row.unspent, lang), *([rupiah_short(row.spare, lang)] if spare else []),
          count(row.workers, lang)]
         for row in cast("Iterable[Any]", r.by_source.itertuples())],
    ))
    if len(r.scenario.regions):
        lines += ["", t("cli_by_region", lang)]
        lines.append(text_table(
            [t(k, lang) for k in ("col_region", "col_eligible", "col_funded", "col_covered",
                                  "col_share")],
            [[row.name, count(row.eligible, lang), count(row.funded, lang),
              count(row.covered, lang), percent(row.share, lang)]
             for row in cast("Iterable[Any]", r.by_region.itertuples())],
        ))
    else:
        group_names = {g.id: g.label for g in r.scenario.groups}
        source_names = {s.id: s.label for s in r.scenario.sources}
        lines += ["", t("cli_allocation", lang)]
        lines.append(text_table(
            [t(k, lang) for k in ("col_group", "col_source", "col_workers", "col_unit_cost",
                                  "col_cost")],
            [[group_names[row.group], source_names[row.source], count(row.workers, lang),
              rupiah(row.unit_cost, lang), rupiah_short(row.cost, lang)]
             for row in cast("Iterable[Any]", r.allocation.itertuples())],
            numeric_from=2,
        ))
    return lines


def _shortfall_lines(r: Result, lang: str) -> list[str]:
    """Render the relaxed plan's title and the mandates and floors it does not meet."""
    groups = {g.id: g.label for g in r.scenario.groups}
    regions = {x.id: x.name or x.id for x in r.scenario.regions}
    lines = ["", t("cli_relaxed", lang, n_short=count(sum(s["workers"] for s in r.shortfalls),
                                                       lang))]
    lines.append(text_table(
        [t(k, lang) for k in ("col_group", "col_region", "col_short", "col_cost")],
        [[groups.get(s["group"], "-") if s["group"] else t("cli_region_floor", lang),
          regions.get(s["region"], s["region"]), count(s["workers"], lang),
          rupiah_short(s["cost"], lang)] for s in r.shortfalls],
    ))
    return lines


def render_text(result: Result, lang: str) -> str:
    """Render the plan as a person reads it in a terminal."""
    r = result
    lines = [f"{r.scenario.name} ({r.scenario.year})",
             f"Status: {t('cli_status_' + str(r.status), lang)}"]
    if r.ok:
        lines += _plan_lines(r, lang)
    elif r.relaxed is not None:
        r.relaxed.changes = r.changes
        lines += _shortfall_lines(r, lang) + [""] + _plan_lines(r.relaxed, lang)
    lines += basis_lines(r, lang)
    if r.explanations:
        lines += ["", t("cli_explanations", lang)] + [f"- {m.text(lang)}" for m in r.explanations]
    if r.diagnosis:
        lines += ["", t("cli_diagnosis", lang)] + [f"- {m.text(lang)}" for m in r.diagnosis]
    if r.warnings:
        lines += ["", t("cli_warnings", lang)] + [f"- {m.text(lang)}" for m in r.warnings]
    seconds = number(r.timings.get("total", 0), lang, 2)
    lines += ["", t("cli_solver", lang, solver=r.solution.solver, seconds=seconds)]
    return "\n".join(lines)


SOLVERS = ("highs", "cbc")
TimeLimit = Annotated[
    float | None,
    typer.Option(
        "--time-limit", min=0,
        help="Seconds past the LP for whole workers, both stages together (default: up to 1 s "
        "on models of at most 1,000 variables, repair alone above).",
    ),
]
Exact = Annotated[
    bool,
    typer.Option("--exact", help="Prove the optimum with the MILP, however long it takes."),
]


def _solve_options(time_limit: float | None, exact: bool, solver: str = "highs") -> SolveOptions:
    """Turn --time-limit, --exact and --solver into solve options."""
    from planner.engine.solution import SolveOptions

    return SolveOptions(solver=solver, time_limit=math.inf if exact else time_limit)


@app.command("solve")
def solve_cmd(
    file: FileArg,
    as_json: Annotated[bool, typer.Option("--json", help="Print the JSON of MODEL.md.")] = False,
    cut: Annotated[
        float | None, typer.Option("--cut", help="Global cut, a share 0..1 (0.2 is 20%).")
    ] = None,
    lang: Lang = "id",
    time_limit: TimeLimit = None,
    exact: Exact = False,
    solver: Annotated[str, typer.Option("--solver", help="highs or cbc.")] = "highs",
) -> None:
    """Solve a scenario: workers covered by group and source, money spent and left, warnings."""
    lang = check_lang(lang)
    if cut is not None and not 0 <= cut <= 1:
        raise typer.BadParameter(t("share_cut", lang), param_hint="--cut")
    if solver not in SOLVERS:
        raise typer.BadParameter(t("cli_bad_solver", lang, solver=solver,
                                   known=", ".join(SOLVERS)), param_hint="--solver")
    from planner.engine.scenarios import load_scenario
    from planner.pipeline import RunOptions, run

    try:
        scenario = load_scenario(file)
        options = RunOptions(global_cut=cut, solve=_solve_options(time_limit, exact, solver),
                             changes=True)
        result = run(scenario, options)
    except ScenarioError as exc:  # a re-plan's money is checked at the cut: name the file
        fail_invalid(exc if exc.file else exc.with_file(str(file)), lang)
    if as_json:
        typer.echo(json.dumps(result.to_json(lang), ensure_ascii=False, indent=2))
    else:
        typer.echo(render_text(result, lang))


def _load(file: Path, lang: str) -> Scenario:
    from planner.engine.scenarios import load_scenario

    try:
        return load_scenario(file)
    except ScenarioError as exc:
        fail_invalid(exc, lang)
        raise  # unreachable: fail_invalid exits


@app.command("sweep")
def sweep_cmd(
    file: FileArg,
    start: Annotated[float, typer.Option("--from", help="First global cut (a share).")] = 0.0,
    stop: Annotated[float, typer.Option("--to", help="Last global cut (a share).")] = 0.5,
    steps: Annotated[int, typer.Option("--steps", help="Number of cuts, ends included.")] = 51,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print CSV.")] = False,
    lang: Lang = "id",
    time_limit: TimeLimit = None,
    exact: Exact = False,
) -> None:
    """Covered workers and spend at each global cut, the breakpoints, the largest feasible cut.

    Each point is the plan `planner solve --cut` gives at that cut with the same options.
    """
    lang = check_lang(lang)
    if not 0 <= start <= stop <= 1 or not 2 <= steps <= 1001:
        raise typer.BadParameter(t("cli_sweep_range", lang))
    from planner.pipeline import sweep

    scenario = _load(file, lang)
    result = sweep(scenario, start, stop, steps, _solve_options(time_limit, exact))
    if as_json:
        typer.echo(json.dumps(result.to_json(lang), ensure_ascii=False, indent=2))
        return
    if as_csv:
        typer.echo(result.to_csv(), nl=False)
        return
    lines = [t("cli_sweep_title", lang, name=scenario.name)]
    headers = [t(k, lang) for k in ("col_cut", "col_covered", "col_cost")]
    if result.unprotected is not None:
        headers.append(t("col_unprotected", lang))
    rows = []
    for i, p in enumerate(result.points):
        ok = p.status == "optimal"
        row = [percent(p.cut, lang),
               count(p.covered_workers, lang) if ok else t("cli_status_" + p.status, lang),
               rupiah_short(p.total_cost, lang) if ok else "-"]
        if result.unprotected is not None:
            u = result.unprotected[i]
            row.append(count(u.covered_workers, lang) if u.status == "optimal"
                       else t("cli_status_" + u.status, lang))
        rows.append(row)
    lines.append(text_table(headers, rows))
    lines += ["", t("cli_breakpoints", lang)]
    lines += [f"- {b.message().text(lang)}" for b in result.breakpoints]
    cut = result.max_feasible_cut
    lines += ["", t("cli_max_cut", lang, cut=percent(cut, lang, 4)) if cut is not None
              else t("cli_max_cut_none", lang)]
    typer.echo("\n".join(lines))


@app.command("need")
def need_cmd(
    file: FileArg,
    target: Annotated[int, typer.Option("--target", help="Workers to cover.", min=0)],
    source: Annotated[
        str | None, typer.Option("--source", help="The source to add money to (default: each).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    lang: Lang = "id",
    time_limit: TimeLimit = None,
    exact: Exact = False,
) -> None:
    """Find the least extra money in a source (or in each) that covers --target workers."""
    lang = check_lang(lang)
    scenario = _load(file, lang)
    if source is not None and source not in {s.id for s in scenario.sources}:
        known = ", ".join(s.id for s in scenario.sources)
        raise typer.BadParameter(t("cli_unknown_source", lang, known=known), param_hint="--source")
    from planner.pipeline import need

    answers = need(scenario, target, source, _solve_options(time_limit, exact))
    if as_json:
        typer.echo(json.dumps({
            "target": target,
            "needs": [{**vars(a), "message": a.message().text(lang)} for a in answers],
        }, ensure_ascii=False, indent=2))
        return
    names = {s.id: s.label for s in scenario.sources}
    lines = [t("cli_need_title", lang, target=count(target, lang), name=scenario.name)]
    lines.append(text_table(
        [t(k, lang) for k in ("col_source", "col_extra", "col_extra_budget")],
        [[names[a.source],
          rupiah_short(a.extra, lang) if a.reachable else "-",
          rupiah_short(a.extra_budget, lang) if a.reachable else "-"] for a in answers],
    ))
    lines += [""] + [f"- {a.message().text(lang)}" for a in answers]
    typer.echo("\n".join(lines))


@app.command("replan")
def replan_cmd(
    ref: Annotated[str, typer.Argument(help="A saved plan, NAME or NAME@VERSION, or a YAML "
                                            "file.")],
    month: Annotated[int, typer.Option("--month", help="First month re-planned, 2..12 (10: "
                                                       "October).")],
    cut: Annotated[
        float | None, typer.Option("--cut", help="Global cut, a share 0..1 (0.15 is 15%).")
    ] = None,
    save: Annotated[bool, typer.Option("--save", help="Save the re-plan as the newest version "
                                                      "of the saved plan.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the JSON of MODEL.md.")] = False,
    lang: Lang = "id",
    author: Author = None,
    db: Db = None,
    time_limit: TimeLimit = None,
    exact: Exact = False,
) -> None:
    """Re-plan a saved plan from a month (APBD-P): its workers enrolled, its months paid.

    The plan's workers whose cover started before --month are enrolled, each source has paid
    its months before --month, and the cut (if any) applies to the year's budgets; enrolled
    workers are kept first. With --save the re-plan is stored as a new version of the same
    scenario, its note naming the version it came from.
    """
    lang = check_lang(lang)
    if cut is not None and not 0 <= cut <= 1:
        raise typer.BadParameter(t("share_cut", lang), param_hint="--cut")
    from planner.cli.library import _author, _fail, _open, _ref
    from planner.engine.scenarios import dump_scenario, parse_scenario
    from planner.pipeline import RunOptions, replan_from, run
    from planner.store.errors import LibraryError
    from planner.store.library import summary_of

    path = Path(ref)
    library = None
    try:
        if path.suffix.lower() in (".yaml", ".yml") and path.exists():
            scenario, source, name = _load(path, lang), str(path), None
        else:
            name, number = _ref(ref, lang)
            library = _open(db, lang, create=save)
            version = library.version(name, number)
            scenario = parse_scenario(version.yaml_text, file=f"{name}@{version.number}")
            source = f"{name}@{version.number}"
        options = _solve_options(time_limit, exact)
        again = replan_from(scenario, month, cut, RunOptions(solve=options))
        result = run(again, RunOptions(solve=options, changes=True))
        saved = None
        if save:
            if library is None or name is None:
                raise typer.BadParameter(t("cli_replan_file_save", lang), param_hint="--save")
            shown = f", {t('col_cut', lang).lower()} {percent(cut, lang)}" if cut else ""
            note = t("cli_replan_note", lang, source=source, month=month, cut=shown)
            saved = library.save(name, dump_scenario(again), author=_author(author), note=note,
                                 summary=summary_of(result))
    except ScenarioError as exc:
        fail_invalid(exc if exc.file else exc.with_file(ref), lang)
    except LibraryError as exc:
        _fail(exc, lang)
    if as_json:
        data = result.to_json(lang)
        data["replan_of"] = source
        if saved is not None:
            data["saved"] = {"name": saved.scenario, "version": saved.number}
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        typer.echo(render_text(result, lang))
        if saved is not None:
            typer.echo(t("cli_replan_saved", lang, name=saved.scenario, version=saved.number,
                         source=source, month=month))


@app.command("compare")
def compare_cmd(
    files: Annotated[list[Path], typer.Argument(help="2 to 10 scenario files.", metavar="FILE...")],
    baseline: Annotated[
        str | None,
        typer.Option("--baseline", help="The file (or scenario name) to compare against."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print CSV.")] = False,
    lang: Lang = "id",
) -> None:
    """Show inputs that differ and outputs side by side, with differences to the baseline."""
    lang = check_lang(lang)
    if not 2 <= len(files) <= 10:
        raise typer.BadParameter(t("cli_compare_count", lang), param_hint="FILE...")
    from planner.compare import compare, render
    from planner.pipeline import RunOptions, run

    scenarios = [_load(f, lang) for f in files]
    index = 0
    if baseline is not None:
        keys = [[str(f), f.name, f.stem, s.name] for f, s in zip(files, scenarios, strict=True)]
        matches = [i for i, k in enumerate(keys) if baseline in k]
        if not matches:
            raise typer.BadParameter(t("cli_unknown_baseline", lang), param_hint="--baseline")
        index = matches[0]
    results = [run(s, RunOptions(explain=False)) for s in scenarios]
    comparison = compare(results, [f.stem for f in files], baseline=index)
    if as_json:
        typer.echo(json.dumps(render.to_json(comparison, lang), ensure_ascii=False, indent=2))
    elif as_csv:
        typer.echo(render.to_csv(comparison), nl=False)
    else:
        typer.echo(render.render_text(comparison, lang))


app.add_typer(library_app, name="library")
app.command("report")(report_cmd)
app.command("budget-lines")(budget_lines_cmd)
app.command("batch")(batch_cmd)  # planner batch: many scenarios on Dask (issue 17)
app.add_typer(users_app, name="users")


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
