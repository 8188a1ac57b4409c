"""The hearing hand-out (`planner report`): a PDF read back, its figures equal to the plan's."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from planner.cli.main import app
from planner.engine.scenarios import content_hash, dump_scenario, load_scenario
from planner.money import count, rupiah
from planner.pipeline import RunOptions, run
from planner.store.library import Library

ROOT = Path(__file__).resolve().parents[1]
KUTIM_2026 = ROOT / "scenarios" / "kutim-2026-transfer-cut.yaml"
runner = CliRunner()


def _text(pdf: Path) -> tuple[int, str]:
    """The PDF's pages and text, with its no-break spaces as spaces and lines joined."""
    reader = PdfReader(io.BytesIO(pdf.read_bytes()))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), re.sub(r"\s+", " ", text.replace("\u00a0", " "))


def _report(*args: str) -> object:
    return runner.invoke(app, ["report", *args])


def test_the_hand_out_says_what_the_plan_says(tmp_path) -> None:
    out = tmp_path / "memo.pdf"
    done = _report(str(KUTIM_2026), "--out", str(out))
    assert done.exit_code == 0, done.output
    pages, text = _text(out)
    assert 1 <= pages <= 3
    scenario = load_scenario(KUTIM_2026)
    plan = run(scenario, RunOptions(changes=True))
    assert scenario.name in text
    assert content_hash(scenario)[:12] in text
    assert "WITA" in text  # the region's zone, by default Kalimantan Timur's
    assert f"Pekerja dibiayai {count(plan.covered_workers)}" in text
    assert rupiah(plan.total_cost) in text  # the spend to the rupiah
    for row in plan.by_group.itertuples():  # every group by name, with its workers after the cut
        assert row.name in text
    for row in plan.by_source.itertuples():
        assert row.name in text
    lost = -plan.changes["covered"]["change"]
    assert lost > 0
    assert f"mengurangi {count(lost)} pekerja" in text  # who loses cover, in words
    assert "Kurva pemotongan" in text
    assert "Pemotongan terbesar" in text
    assert "Peringatan" in text
    assert f"{pages} halaman" in done.output


def test_english_on_request(tmp_path) -> None:
    out = tmp_path / "memo.pdf"
    done = _report(str(KUTIM_2026), "--out", str(out), "--lang", "en", "--no-curve")
    assert done.exit_code == 0, done.output
    _, text = _text(out)
    assert "By worker group" in text
    assert "By funding source" in text
    assert "Cut curve" not in text
    plan = run(load_scenario(KUTIM_2026))
    assert f"Workers funded {count(plan.covered_workers, 'en')}" in text


def test_a_saved_version_names_its_version(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'lib.db'}"
    library = Library.open(url)
    scenario = load_scenario(KUTIM_2026)
    library.save("kutim-2026", dump_scenario(scenario), author="tapd")
    library.save("kutim-2026", dump_scenario(scenario.with_global_cut(0.1)), author="tapd")
    out = tmp_path / "memo.pdf"
    done = _report("kutim-2026@1", "--db", url, "--out", str(out), "--no-curve")
    assert done.exit_code == 0, done.output
    _, text = _text(out)
    assert "kutim-2026 · versi 1" in text
    assert "@1" in done.output


def test_names_are_printed_as_written_never_run_as_typst(tmp_path) -> None:
    text = KUTIM_2026.read_text()
    hostile = '#import "/etc/passwd": * $x$ *tebal* _miring_ <label> @ref // bukan komentar'
    text = re.sub(r"^name: .*$", f"name: '{hostile}'", text, count=1, flags=re.M)
    scenario_file = tmp_path / "hostile.yaml"
    scenario_file.write_text(text)
    out = tmp_path / "memo.pdf"
    done = _report(str(scenario_file), "--out", str(out), "--no-curve")
    assert done.exit_code == 0, done.output
    _, shown = _text(out)
    assert hostile in shown


def test_an_infeasible_scenario_is_marked_on_the_first_page(tmp_path) -> None:
    out = tmp_path / "memo.pdf"
    done = _report(str(KUTIM_2026), "--cut", "0.45", "--out", str(out), "--no-curve")
    assert done.exit_code == 0, done.output
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    first = reader.pages[0].extract_text().replace("\n", " ")
    assert "tidak layak" in first
    assert "TIDAK" in first  # the nearest plan, plainly marked


@pytest.mark.parametrize(("out", "word"), [("memo.txt", ".pdf"), ("nowhere/memo.pdf", "folder")])
def test_a_bad_output_is_refused_before_any_work(tmp_path, out, word) -> None:
    done = _report(str(KUTIM_2026), "--out", str(tmp_path / out))
    assert done.exit_code == 2
    assert word in done.output
    assert list(tmp_path.iterdir()) == []


def test_a_missing_library_version_is_a_message_and_writes_nothing(tmp_path) -> None:
    out = tmp_path / "memo.pdf"
    done = _report("tidak-ada@2", "--db", f"sqlite:///{tmp_path / 'none.db'}", "--out", str(out))
    assert done.exit_code == 2
    assert "pustaka" in done.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("zone", "shown"), [("Asia/Jakarta", "WIB"), ("Asia/Jayapura", "WIT"),
                                             ("Europe/Nowhere", "WITA")])
def test_the_date_is_in_the_regions_zone(tmp_path, monkeypatch, zone, shown) -> None:
    from planner.store.zone import in_region, region_now

    monkeypatch.setenv("PLANNER_TIMEZONE", zone)
    assert region_now().tzname() == shown
    from datetime import datetime

    assert in_region(datetime(2026, 1, 1, 0, 0)).hour == {"WIB": 7, "WITA": 8, "WIT": 9}[shown]
    out = tmp_path / "memo.pdf"
    assert _report(str(KUTIM_2026), "--out", str(out), "--no-curve").exit_code == 0
    assert f" {shown} " in _text(out)[1]


@pytest.mark.parametrize("example", sorted(p.name for p in (ROOT / "scenarios").glob("*.yaml")))
@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_example_fits_three_pages_with_its_basis(tmp_path, example, lang) -> None:
    """The hand-out says where each figure comes from and marks illustrative ones."""
    from planner.engine.provenance import basis_rows

    out = tmp_path / "memo.pdf"
    done = _report(str(ROOT / "scenarios" / example), "--out", str(out), "--lang", lang)
    assert done.exit_code == 0, done.output
    pages, text = _text(out)
    assert 1 <= pages <= 3
    assert ("Dasar angka" if lang == "id" else "Basis of the figures") in text
    scenario = load_scenario(ROOT / "scenarios" / example)
    if any(g.assumed for g in scenario.groups) or any(s.assumed for s in scenario.sources):
        assert ("angka ilustratif" if lang == "id" else "illustrative figure") in text
    for _item, basis, _note in basis_rows(scenario, lang)[:3]:
        assert basis.split()[0] in text
