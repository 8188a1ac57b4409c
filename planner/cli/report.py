"""``planner report``: the hearing hand-out of a scenario file or a saved version, as a PDF.

The plan is solved as ``planner solve`` solves it (with what its cuts cost), its cut curve as
``planner sweep`` draws it, and both are laid out on one to three A4 pages in Indonesian (or
English with ``--lang en``). The date on every page is in the region's time zone
(``PLANNER_TIMEZONE``, by default ``Asia/Makassar``: WITA, Kalimantan Timur).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from planner.cli.common import check_lang, check_output, write_output
from planner.cli.library import Db
from planner.errors import ScenarioError
from planner.i18n import register, t
from planner.money import count

if TYPE_CHECKING:
    from planner.engine.schema import Scenario

__all__ = ["report_cmd"]

register({
    "cli_report_written": {
        "id": "{file}: {pages} halaman, {covered} pekerja dibiayai ({name}{version})",
        "en": "{file}: {pages} page(s), {covered} workers funded ({name}{version})",
    },
    "cli_report_suffix": {
        "id": "hand-out ditulis sebagai PDF: beri nama berakhiran .pdf",
        "en": "the hand-out is written as a PDF: give a name ending in .pdf",
    },
    "share_cut_report": {
        "id": "pemotongan adalah bagian 0 sampai 1 (0,15 = 15%)",
        "en": "a cut is a share from 0 to 1 (0.15 is 15%)",
    },
})


def report_cmd(
    ref: Annotated[str, typer.Argument(help="A YAML scenario file, or a saved version NAME or "
                                            "NAME@VERSION.", metavar="FILE_OR_NAME")],
    out: Annotated[Path, typer.Option("--out", help="The PDF to write (memo.pdf).")],
    cut: Annotated[
        float | None, typer.Option("--cut", help="Global cut, a share 0..1 (0.15 is 15%).")
    ] = None,
    curve: Annotated[bool, typer.Option("--curve/--no-curve",
                                        help="Draw the cut curve (0 to 50%).")] = True,
    lang: Annotated[str, typer.Option("--lang", help="Language of the words: id or en.")] = "id",
    db: Db = None,
) -> None:
    """Write the hearing hand-out: headline figures, groups and sources, curve, reasons."""
    lang = check_lang(lang)
    if cut is not None and not 0 <= cut <= 1:
        raise typer.BadParameter(t("share_cut_report", lang), param_hint="--cut")
    if out.suffix.lower() != ".pdf":
        raise typer.BadParameter(t("cli_report_suffix", lang), param_hint="--out")
    check_output(out, lang)
    from planner.cli.library import _fail
    from planner.engine.scenarios import content_hash
    from planner.pipeline import RunOptions, run, sweep
    from planner.store.errors import LibraryError
    from planner.store.excel import ExportMeta
    from planner.store.pdf import export_handout
    from planner.store.zone import region_now

    try:
        scenario, name, version, author, note = load_ref(ref, db, lang)
    except ScenarioError as exc:
        _fail(exc if exc.file else exc.with_file(ref), lang)
    except LibraryError as exc:
        _fail(exc, lang)
    if cut is not None:
        scenario = scenario.with_global_cut(cut)
    result = run(scenario, RunOptions(changes=True))
    drawn = sweep(scenario, 0.0, 0.5, 21) if curve else None
    meta = ExportMeta(scenario_name=name, version=version, content_hash=content_hash(scenario),
                      solver=result.solution.solver, created_at=region_now(), author=author,
                      note=note)
    pdf = export_handout(result, meta, lang, drawn)
    write_output(out, pdf, lang)
    plan = result if result.ok else result.relaxed
    covered = plan.covered_workers if plan is not None else 0
    typer.echo(t("cli_report_written", lang, file=str(out), pages=_pages(pdf),
                 covered=count(covered, lang), name=name,
                 version=f" @{version}" if version is not None else ""))


def _pages(pdf: bytes) -> int:
    """Count the pages of a PDF from its page objects (enough for the line printed)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def load_ref(ref: str, db: str | None,
              lang: str) -> tuple[Scenario, str, int | None, str, str]:
    """Return the scenario ``ref`` names, with its name, version, author and note."""
    from planner.cli.library import _open, _ref
    from planner.engine.scenarios import load_scenario, parse_scenario

    path = Path(ref)
    if path.suffix.lower() in (".yaml", ".yml") or path.exists():
        scenario = load_scenario(path)
        return scenario, scenario.name, None, "", ""
    name, number = _ref(ref, lang)
    library = _open(db, lang, create=False)
    saved = library.version(name, number)
    scenario = parse_scenario(saved.yaml_text, file=f"{name}@{saved.number}")
    return scenario, saved.scenario, saved.number, saved.author, saved.note

