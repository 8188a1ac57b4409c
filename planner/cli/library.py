"""``planner library ...``: the scenario library from the command line; prints, never computes.

Scenarios are referred to by name, or ``NAME@N`` for version N (the newest without ``@N``). The
database is ``--db URL``, else ``$PLANNER_DB_URL``, else ``data/library.db`` beside ``app.py``.
The author of a change is ``--author``, else ``$PLANNER_AUTHOR``, else the login name.
Exit status: 0 done, 2 a request that cannot be done (a bad file, an unknown name), 1 a database
that cannot be reached.

The store (SQLAlchemy), the pipeline and the comparisons are imported by the commands that use
them, when they run: ``planner --help`` and ``planner library --help`` load none of them.
"""

from __future__ import annotations

import getpass
import json
import os
import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from planner.cli.common import check_lang, check_output, fail_invalid, write_output
from planner.errors import ScenarioError
from planner.i18n import register, t
from planner.money import count, rupiah_short
from planner.store.errors import LibraryError  # light: registers the library's messages
from planner.texttable import text_table

if TYPE_CHECKING:
    from planner.engine.results import Result
    from planner.store.excel import ExportMeta
    from planner.store.library import Library, Version

__all__ = ["library_app"]

register(
    {
        "lib_saved": {
            "id": "Disimpan: {name} versi {version} ({hash}) oleh {author}",
            "en": "Saved: {name} version {version} ({hash}) by {author}",
        },
        "lib_restored": {
            "id": "Dipulihkan: {name} versi {old} menjadi versi {version}",
            "en": "Restored: {name} version {old} as version {version}",
        },
        "lib_done_rename": {"id": "Diganti nama: {old} -> {new}", "en": "Renamed: {old} -> {new}"},
        "lib_done_delete": {
            "id": "Dihapus (bisa dibatalkan dengan `planner library undelete`): {name}",
            "en": "Deleted (undo with `planner library undelete`): {name}",
        },
        "lib_done_undelete": {"id": "Dipulihkan dari tempat sampah: {name}",
                              "en": "Back from the bin: {name}"},
        "lib_exported": {"id": "Ditulis: {file}", "en": "Written: {file}"},
        "lib_comparison_saved": {
            "id": "Perbandingan disimpan: {name} ({n} versi)",
            "en": "Comparison saved: {name} ({n} versions)",
        },
        "lib_empty": {
            "id": "Pustaka kosong. Simpan skenario dengan `planner library save BERKAS.yaml`.",
            "en": "The library is empty. Save a scenario with `planner library save FILE.yaml`.",
        },
        "lib_ready": {
            "id": "pustaka skenario siap di {url}",
            "en": "the scenario library is ready at {url}",
        },
        "lib_bad_version": {
            "id": "{ref!r}: nomor versi adalah 1 sampai {most}",
            "en": "{ref!r}: a version number is 1 to {most}",
        },
        "lib_bad_ref": {
            "id": "{ref!r}: tulis NAMA atau NAMA@VERSI (mis. 'Kutim 2025@2')",
            "en": "{ref!r}: write NAME or NAME@VERSION (e.g. 'Kutim 2025@2')",
        },
        "lib_compare_what": {
            "id": "sebutkan 2 sampai 10 versi (NAMA@VERSI) atau --saved NAMA",
            "en": "name 2 to 10 versions (NAME@VERSION) or --saved NAME",
        },
        "lib_export_what": {
            "id": "sebutkan satu skenario (NAMA atau NAMA@VERSI) atau --comparison NAMA",
            "en": "name one scenario (NAME or NAME@VERSION) or --comparison NAME",
        },
        "lib_col_name": {"id": "Nama", "en": "Name"},
        "lib_col_version": {"id": "Versi", "en": "Version"},
        "lib_col_saved": {"id": "Disimpan", "en": "Saved"},
        "lib_col_author": {"id": "Oleh", "en": "By"},
        "lib_col_covered": {"id": "Pekerja", "en": "Workers"},
        "lib_col_spend": {"id": "Belanja", "en": "Spend"},
        "lib_col_tags": {"id": "Label", "en": "Tags"},
        "lib_col_note": {"id": "Catatan", "en": "Note"},
        "lib_col_action": {"id": "Tindakan", "en": "Action"},
        "lib_col_target": {"id": "Atas", "en": "On"},
    }
)

library_app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Keep scenarios: save versions, restore, compare, export to Excel, import a template.",
)

Lang = Annotated[str, typer.Option("--lang", help="Language of the words: id or en.")]
Db = Annotated[str | None, typer.Option("--db", help="Database URL (default $PLANNER_DB_URL).")]
Author = Annotated[str | None, typer.Option("--author", help="Who makes the change.")]
Json = Annotated[bool, typer.Option("--json", help="Print JSON.")]
Note = Annotated[str, typer.Option("--note", help="Why this was saved.")]
MAX_VERSION = 2**31 - 1  # PostgreSQL's INTEGER; SQLite's is larger
_REF = re.compile(r"^(?P<name>.*?)(?:@(?P<version>\d+))?$", re.DOTALL)


def _author(author: str | None) -> str:
    if author:
        return author
    try:
        return os.environ.get("PLANNER_AUTHOR") or getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _fail(exc: LibraryError | ScenarioError, lang: str) -> NoReturn:
    if isinstance(exc, ScenarioError):
        fail_invalid(exc, lang)
    typer.echo(exc.message(lang), err=True)
    raise typer.Exit(1 if exc.environment else 2)


def _open(db: str | None, lang: str, *, create: bool = True) -> Library:
    """Open the library; a command that only reads passes ``create=False`` and writes nothing."""
    from planner.store.library import Library  # SQLAlchemy is loaded only to open the library

    try:
        return Library.open(db, create=create)
    except LibraryError as exc:
        _fail(exc, lang)


def _ref(ref: str, lang: str) -> tuple[str, int | None]:
    match = _REF.match(ref.strip())
    if not match or not match.group("name"):
        raise typer.BadParameter(t("lib_bad_ref", lang, ref=ref))
    version = match.group("version")
    if version and not 1 <= int(version) <= MAX_VERSION:  # a database's INTEGER holds no more
        raise typer.BadParameter(t("lib_bad_version", lang, ref=ref, most=MAX_VERSION))
    return match.group("name"), int(version) if version else None


def _echo_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _when(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def _figures(version: Version, lang: str) -> list[str]:
    s = version.summary or {}
    if not s:
        return ["-", "-"]
    if s.get("status") == "infeasible":
        return [t("cli_status_infeasible", lang), "-"]
    return [count(s.get("covered_workers", 0), lang), rupiah_short(s.get("total_cost", 0), lang)]


def _solve(text: str) -> Result:
    from planner.engine.scenarios import parse_scenario
    from planner.pipeline import RunOptions, run

    return run(parse_scenario(text), RunOptions(explain=False))


def _save(file: Path, name: str | None, note: str, tags: list[str] | None, solve: bool,
          author: str, db: str | None, lang: str, as_json: bool) -> None:
    """Read a YAML or Excel file and save it as the newest version of NAME (or its own name)."""
    from planner.store.library import summary_of
    from planner.store.upload import read_upload_file

    try:
        text, scenario = read_upload_file(file)
        summary = summary_of(_solve(text)) if solve else None
        version = _open(db, lang).save(name or scenario.name, text, author=author, note=note,
                                       tags=tags, summary=summary)
    except (LibraryError, ScenarioError) as exc:
        _fail(exc, lang)
    if as_json:
        _echo_json(version.to_json())
    else:
        typer.echo(t("lib_saved", lang, name=version.scenario, version=version.number,
                     hash=version.content_hash[:12], author=version.author))


@library_app.command("init")
def init_cmd(db: Db = None, lang: Lang = "id") -> None:
    """Make the library (or upgrade an older one to this planner's schema); nothing is lost."""
    lang = check_lang(lang)
    library = _open(db, lang)
    typer.echo(t("lib_ready", lang, url=library.url))


@library_app.command("list")
def list_cmd(
    search: Annotated[str, typer.Option("--search", help="Words in a name, note or tag.")] = "",
    tag: Annotated[list[str] | None, typer.Option("--tag", help="Only with this tag.")] = None,
    deleted: Annotated[bool, typer.Option("--deleted", help="Include the bin.")] = False,
    db: Db = None, as_json: Json = False, lang: Lang = "id",
) -> None:
    """List the saved scenarios with their newest version, result and tags."""
    lang = check_lang(lang)
    entries = _open(db, lang, create=False).scenarios(search, tag or (), include_deleted=deleted)
    if as_json:
        _echo_json([e.to_json() for e in entries])
        return
    if not entries:
        typer.echo(t("lib_empty", lang))
        return
    headers = [t(k, lang) for k in ("lib_col_name", "lib_col_version", "lib_col_saved",
                                    "lib_col_author", "lib_col_covered", "lib_col_spend",
                                    "lib_col_tags")]
    rows = [[e.name + (" [x]" if e.deleted else ""), str(e.latest.number),
             _when(e.latest.created_at), e.latest.author, *_figures(e.latest, lang),
             ", ".join(e.latest.tags)] for e in entries]
    typer.echo(text_table(headers, rows, numeric_from=len(headers)))


@library_app.command("save")
def save_cmd(
    file: Annotated[Path, typer.Argument(help="A scenario YAML file (or an Excel template).")],
    name: Annotated[str | None, typer.Option("--name", help="Library name (default: the "
                                             "scenario's name).")] = None,
    note: Note = "",
    tag: Annotated[list[str] | None, typer.Option(
        "--tag", help="A tag; repeat for more (default: the newest version's tags).")] = None,
    no_solve: Annotated[bool, typer.Option("--no-solve", help="Do not solve for the summary.")
                        ] = False,
    author: Author = None, db: Db = None, as_json: Json = False, lang: Lang = "id",
) -> None:
    """Save a scenario file as the newest version of NAME (a new scenario if NAME is new)."""
    _save(file, name, note, tag, not no_solve, _author(author), db, check_lang(lang), as_json)


@library_app.command("import")
def import_cmd(
    file: Annotated[Path, typer.Argument(help="A filled Excel template (.xlsx) or YAML file.")],
    name: Annotated[str | None, typer.Option("--name", help="Library name.")] = None,
    note: Note = "",
    tag: Annotated[list[str] | None, typer.Option("--tag", help="A tag; repeat for more.")] = None,
    author: Author = None, db: Db = None, as_json: Json = False, lang: Lang = "id",
) -> None:
    """Import a scenario from a filled Excel template (errors name the sheet, row, column)."""
    _save(file, name, note or f"import {file.name}", tag, True, _author(author), db,
          check_lang(lang), as_json)


@library_app.command("show")
def show_cmd(
    ref: Annotated[str, typer.Argument(help="NAME or NAME@VERSION.")],
    yaml: Annotated[bool, typer.Option("--yaml", help="Print only the YAML text.")] = False,
    db: Db = None, as_json: Json = False, lang: Lang = "id",
) -> None:
    """Show one version: who saved it, when, why, its result and its YAML text."""
    lang = check_lang(lang)
    name, number = _ref(ref, lang)
    try:
        v = _open(db, lang, create=False).version(name, number)
    except LibraryError as exc:
        _fail(exc, lang)
    if as_json:
        _echo_json(v.to_json(text=True))
    elif yaml:
        typer.echo(v.yaml_text, nl=False)
    else:
        covered, spend = _figures(v, lang)
        typer.echo("\n".join([
            f"{v.scenario} @{v.number}  ({_when(v.created_at)}, {v.author})",
            f"{t('lib_col_note', lang)}: {v.note or '-'}",
            f"{t('lib_col_tags', lang)}: {', '.join(v.tags) or '-'}",
            f"{t('lib_col_covered', lang)}: {covered}; {t('lib_col_spend', lang)}: {spend}",
            f"sha256: {v.content_hash}", "", v.yaml_text]))


@library_app.command("versions")
def versions_cmd(
    name: Annotated[str, typer.Argument(help="The scenario's name.")],
    diff: Annotated[str | None, typer.Option("--diff", help="Show the text changes between "
                                             "two versions, e.g. --diff 1:3.")] = None,
    db: Db = None, as_json: Json = False, lang: Lang = "id",
) -> None:
    """List a scenario's versions, or (--diff A:B) the lines that changed between two."""
    from planner.store.library import text_diff

    lang = check_lang(lang)
    lib = _open(db, lang, create=False)
    try:
        if diff:
            old, _, new = diff.partition(":")
            if not (old.isdigit() and new.isdigit()):
                raise typer.BadParameter("--diff A:B, e.g. --diff 1:3")
            for number in (old, new):
                _ref(f"{name}@{number}", lang)  # a version number the database can hold
            typer.echo(text_diff(lib.version(name, int(old)), lib.version(name, int(new))),
                       nl=False)
            return
        versions = lib.versions(name)
    except LibraryError as exc:
        _fail(exc, lang)
    if as_json:
        _echo_json([v.to_json() for v in versions])
        return
    headers = [t(k, lang) for k in ("lib_col_version", "lib_col_saved", "lib_col_author",
                                    "lib_col_covered", "lib_col_spend", "lib_col_note")]
    typer.echo(text_table(headers, numeric_from=len(headers), rows=[
        [str(v.number), _when(v.created_at), v.author, *_figures(v, lang),
         (v.note or "") + (f" (<- @{v.restored_from})" if v.restored_from else "")]
        for v in reversed(versions)]))


@library_app.command("restore")
def restore_cmd(
    ref: Annotated[str, typer.Argument(help="NAME@VERSION to make the newest again.")],
    note: Note = "", author: Author = None, db: Db = None, as_json: Json = False,
    lang: Lang = "id",
) -> None:
    """Make an old version the newest (as a new version; nothing is overwritten)."""
    lang = check_lang(lang)
    name, number = _ref(ref, lang)
    if number is None:
        raise typer.BadParameter(t("lib_bad_ref", lang, ref=ref))
    try:
        v = _open(db, lang).restore(name, number, author=_author(author), note=note)
    except (LibraryError, ScenarioError) as exc:
        _fail(exc, lang)
    if as_json:
        _echo_json(v.to_json())
    else:
        typer.echo(t("lib_restored", lang, name=v.scenario, old=number, version=v.number))


def _change(db: str | None, lang: str, change: Callable[[Library], None], done: str) -> None:
    """Make one change to the library, then say it was done (or why not, with exit 2)."""
    lang = check_lang(lang)
    try:
        change(_open(db, lang))
    except LibraryError as exc:
        _fail(exc, lang)
    typer.echo(done)


@library_app.command("rename")
def rename_cmd(old: str, new: str, author: Author = None, db: Db = None,
               lang: Lang = "id") -> None:
    """Give a scenario a new name (its versions and history follow)."""
    _change(db, lang, lambda lib: lib.rename(old, new, author=_author(author)),
            t("lib_done_rename", check_lang(lang), old=old, new=new))


@library_app.command("delete")
def delete_cmd(name: str, author: Author = None, db: Db = None, lang: Lang = "id") -> None:
    """Move a scenario to the bin (undo with `undelete`)."""
    _change(db, lang, lambda lib: lib.delete(name, author=_author(author)),
            t("lib_done_delete", check_lang(lang), name=name))


@library_app.command("undelete")
def undelete_cmd(name: str, author: Author = None, db: Db = None, lang: Lang = "id") -> None:
    """Bring a deleted scenario back from the bin."""
    _change(db, lang, lambda lib: lib.undelete(name, author=_author(author)),
            t("lib_done_undelete", check_lang(lang), name=name))


@library_app.command("audit")
def audit_cmd(
    name: Annotated[str | None, typer.Argument(help="One scenario (default: all).")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, max=MAX_VERSION)] = 50,
    db: Db = None, as_json: Json = False, lang: Lang = "id",
) -> None:
    """Show who saved, restored, renamed or deleted what, and when (newest first)."""
    lang = check_lang(lang)
    try:
        entries = _open(db, lang, create=False).audit(name, limit)
    except LibraryError as exc:
        _fail(exc, lang)
    if as_json:
        _echo_json([e.to_json() for e in entries])
        return
    headers = [t(k, lang) for k in ("lib_col_saved", "lib_col_author", "lib_col_action",
                                    "lib_col_target", "lib_col_version")]
    typer.echo(text_table(headers, numeric_from=len(headers), rows=[
        [_when(e.at), e.actor, t("lib_action_" + e.action, lang),
         f"{t('lib_kind_' + e.kind, lang)}: {e.target}", str(e.version or "")]
        for e in entries]))


def _meta(v: Version, result: Result) -> ExportMeta:
    from planner.store.excel import ExportMeta  # openpyxl is loaded only to export

    return ExportMeta(scenario_name=v.scenario, version=v.number, content_hash=v.content_hash,
                      solver=result.solution.solver, created_at=datetime.now(UTC),
                      author=v.author, note=v.note)


@library_app.command("compare")
def compare_cmd(
    refs: Annotated[list[str] | None, typer.Argument(help="2 to 10 of NAME@VERSION.",
                                                     show_default=False)] = None,
    saved: Annotated[str | None, typer.Option("--saved", help="Reopen a saved comparison.")
                     ] = None,
    baseline: Annotated[int, typer.Option("--baseline", help="Position of the baseline "
                                          "(1 = first).", min=1)] = 1,
    save_as: Annotated[str | None, typer.Option("--save", help="Save this comparison as NAME.")
                       ] = None,
    note: Note = "",
    excel: Annotated[Path | None, typer.Option("--excel", help="Also write it to this .xlsx.")
                     ] = None,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print CSV.")] = False,
    author: Author = None, db: Db = None, as_json: Json = False, lang: Lang = "id",
) -> None:
    """Compare saved versions side by side (or reopen a saved comparison); save or export it."""
    from planner.compare import compare, render

    lang = check_lang(lang)
    lib = _open(db, lang, create=bool(save_as))
    try:
        if saved:
            comparison = lib.comparison(saved)
            versions, base = list(comparison.members), comparison.baseline
        else:
            if not refs or not 2 <= len(refs) <= 10:
                raise typer.BadParameter(t("lib_compare_what", lang))
            wanted = [_ref(r, lang) for r in refs]
            versions = [lib.version(n, v) for n, v in wanted]
            base = baseline - 1
    except LibraryError as exc:
        _fail(exc, lang)
    if not 0 <= base < len(versions):
        raise typer.BadParameter(t("lib_comparison_baseline", lang, n=len(versions)))
    if excel is not None:
        check_output(excel, lang)  # before anything is stored
    results = [_solve(v.yaml_text) for v in versions]
    labels = [f"{v.scenario}@{v.number}" for v in versions]
    result = compare(results, labels, baseline=base)
    if excel is not None:
        from planner.store.excel import export_comparison

        write_output(excel, export_comparison(
            result, [_meta(v, r) for v, r in zip(versions, results, strict=True)], lang), lang)
    if save_as and not saved:  # stored last: a command that fails stores nothing
        try:
            lib.save_comparison(save_as, [(v.scenario, v.number) for v in versions],
                                baseline=base, author=_author(author), note=note)
        except LibraryError as exc:
            _fail(exc, lang)
    if as_json:
        _echo_json(render.to_json(result, lang))
    elif as_csv:
        typer.echo(render.to_csv(result), nl=False)
    else:
        typer.echo(render.render_text(result, lang))
    if save_as and not as_json and not as_csv:
        typer.echo(t("lib_comparison_saved", lang, name=save_as, n=len(versions)))


@library_app.command("export")
def export_cmd(
    ref: Annotated[str | None, typer.Argument(help="NAME or NAME@VERSION.")] = None,
    out: Annotated[Path | None, typer.Option("--out", help="The .xlsx file to write "
                                             "(default: the name, in this folder).")] = None,
    comparison: Annotated[str | None, typer.Option("--comparison", help="Export a saved "
                                                   "comparison instead.")] = None,
    db: Db = None, lang: Lang = "id",
) -> None:
    """Write a version's plan (or a saved comparison) to an Excel workbook."""
    from planner.compare import compare
    from planner.engine.scenarios import parse_scenario
    from planner.pipeline import run
    from planner.store.excel import export_comparison, export_plan

    lang = check_lang(lang)
    if out is not None:
        check_output(out, lang)  # before the plan is solved
    lib = _open(db, lang, create=False)
    try:
        if comparison:
            saved = lib.comparison(comparison)
            results = [_solve(v.yaml_text) for v in saved.members]
            data = export_comparison(
                compare(results, [f"{v.scenario}@{v.number}" for v in saved.members],
                        baseline=saved.baseline),
                [_meta(v, r) for v, r in zip(saved.members, results, strict=True)], lang)
            stem = saved.name
        elif ref:
            name, number = _ref(ref, lang)
            v = lib.version(name, number)
            result = run(parse_scenario(v.yaml_text))
            data = export_plan(result, _meta(v, result), lang)
            stem = f"{v.scenario} v{v.number}"
        else:
            raise typer.BadParameter(t("lib_export_what", lang))
    except LibraryError as exc:
        _fail(exc, lang)
    target = out or Path(f"{stem}.xlsx")
    write_output(target, data, lang)
    typer.echo(t("lib_exported", lang, file=str(target)))
