"""``planner batch``: many scenarios on Dask, each row what ``planner solve`` says of it.

One LocalCluster of 2 worker processes serves the module (the CLI reaches it with
``--scheduler``); the CLI's own local cluster, a ``dask scheduler`` + ``dask worker`` pair of
processes, and Ctrl-C on a running batch are each run once. No test measures time.
"""

from __future__ import annotations

import contextlib
import gc
import json
import logging
import math
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from typer.testing import CliRunner

from planner.batch import national as nat
from planner.batch.inputs import Item, national
from planner.batch.runner import chunks
from planner.batch.variants import BatchError, Variant, apply, grid, source_grid, variants
from planner.batch.work import _scenario, solve_chunk
from planner.cli import app
from planner.engine.scenarios import dump_scenario, load_scenario, parse_scenario
from planner.store.library import Library

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
SCENARIOS = ROOT / "scenarios"
KUTIM = SCENARIOS / "kutim-2025.yaml"
CUT_2026 = SCENARIOS / "kutim-2026-transfer-cut.yaml"

SMALL = """\
name: Uji kecil {n}
year: 2025
regions:
  - {{id: a, name: Desa A}}
  - {{id: b, name: Desa B}}
groups:
  - {{id: petani, name: Petani, eligible: {{a: {n}00, b: 300}}, premium_monthly: 16800}}
  - {{id: aparat, name: Aparat, eligible: {{a: 20, b: 10}}, premium_monthly: 16800,
     tags: [village_apparatus], min_share: 1.0}}
sources:
  - {{id: apbd, name: APBD Uji, kind: apbd, budget: {budget}}}
  - {{id: apbdes, name: APBDes Uji, kind: apbdes, budget: 2016000, groups: [aparat]}}
"""


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """One LocalCluster of 2 worker processes for the module; its scheduler's address."""
    from distributed import LocalCluster

    # a Client an earlier test left behind, finalised by the garbage collector while
    # LocalCluster starts its event loop, deadlocks distributed (Client.__del__ -> close ->
    # LoopRunner.stop waits on the start's own lock): collect it first
    gc.collect()
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, memory_limit="1GiB",
                      dashboard_address=":0", silence_logs=logging.CRITICAL) as cluster:
        yield cluster.scheduler_address


def batch(*args: str, code: int = 0) -> tuple[str, str]:
    """Run ``planner batch ARGS`` in-process; return stdout and stderr."""
    out = CliRunner().invoke(app, ["batch", *args])
    assert out.exit_code == code, out.stdout + out.stderr
    assert out.exception is None or isinstance(out.exception, SystemExit), out.exception
    assert "Traceback" not in out.stdout + out.stderr
    return out.stdout, out.stderr


def solve_json(path: Path, cut: float | None = None) -> tuple[int, dict]:
    args = ["solve", str(path), "--json", *(["--cut", str(cut)] if cut is not None else [])]
    out = CliRunner().invoke(app, args)
    return out.exit_code, json.loads(out.stdout) if out.exit_code == 0 else {}


def assert_row_is_the_solve(row: dict, code: int, solved: dict) -> None:
    """A batch row says what ``planner solve --json`` says of the same scenario and cut."""
    if code == 2:
        assert row["status"] == "invalid"
        assert row["message"]
        return
    assert code == 0
    assert row["status"] == solved["status"]
    assert row["covered_workers"] == solved["covered_workers"]
    assert row["bound_covered"] == solved["bound_covered"]
    assert row["total_cost"] == solved["total_cost"]
    if solved["status"] != "optimal":
        return
    assert row["unspent"] == sum(s["unspent"] for s in solved["sources"])
    assert row["spare"] == {s["id"]: s["spare"] for s in solved["sources"]}
    covered = sum(g["covered"] for g in solved["groups"])
    eligible = sum(g["eligible"] for g in solved["groups"])
    assert row["covered"] == covered
    assert row["coverage_share"] == pytest.approx(covered / eligible)


# --- cut grids --------------------------------------------------------------------------------


def test_a_grid_is_its_levels_ends_included() -> None:
    levels = grid("0:0.5:11")
    assert len(levels) == 11
    assert levels[0] == 0
    assert levels[-1] == 0.5
    assert levels[4] == pytest.approx(0.2)
    assert grid("0.3") == (0.3,)
    assert grid("0.2:0.2:1") == (0.2,)
    assert source_grid("apbd=0:0.3:4") == ("apbd", grid("0:0.3:4"))


@pytest.mark.parametrize(("spec", "key"), [
    ("0:x:3", "batch_grid_number"), ("1:0:0", "batch_grid_order"),
    ("0:1:0", "batch_grid_count"), ("0:1.5:3", "batch_grid_share"), ("0:0.5", "batch_grid_form"),
    ("0:0.5:2.5", "batch_grid_count"), ("0:0.5:1", "batch_grid_count"),
    ("nan", "batch_grid_share"),
])
def test_a_bad_grid_names_the_option_and_the_fix(spec: str, key: str) -> None:
    with pytest.raises(BatchError) as caught:
        grid(spec, "--cuts")
    assert caught.value.key == key
    assert "--cuts" in caught.value.message("en")
    assert "e.g." in caught.value.message("en") or "0 to 1" in caught.value.message("en")


def test_variants_multiply_and_apply_by_id_or_kind() -> None:
    chosen = variants(grid("0:0.2:2"), [source_grid("csr=0.1:0.3:2")])
    assert [v.key() for v in chosen] == ["cut=0, csr=0.1", "cut=0, csr=0.3", "cut=0.2, csr=0.1",
                                         "cut=0.2, csr=0.3"]
    assert variants(None, []) == [Variant()]
    kutim = load_scenario(KUTIM)
    cut = apply(kutim, chosen[3])
    assert cut.policy.global_cut == 0.2
    assert {s.id: s.cut for s in cut.sources if s.kind == "csr"} == {"csr_tambang": 0.3,
                                                                      "csr_sawit": 0.3}
    assert all(s.cut == 0 for s in cut.sources if s.kind != "csr")
    assert Variant.from_json(chosen[3].to_json()) == chosen[3]
    with pytest.raises(Exception, match="zakat"):
        apply(kutim, Variant(None, (("zakat", 0.1),)))


def test_chunks_hold_every_solve_once_and_stay_small() -> None:
    items = [Item(f"s{i}", f"text {i}") for i in range(7)]
    chosen = variants(grid("0:0.5:11"), [])
    tasks = chunks(items, chosen, workers=2)
    seen = [(item["index"], v) for task in tasks for item in task for v, _ in item["variants"]]
    assert sorted(seen) == [(i, v) for i in range(7) for v in range(11)]
    assert max(sum(len(item["variants"]) for item in task) for task in tasks) <= 16
    assert len(tasks) >= 4
    one = chunks(items[:1], [Variant()], workers=8)
    assert [[item["origin"] for item in task] for task in one] == [["s0"]]


# --- the worker's side ------------------------------------------------------------------------


def test_a_chunk_parses_each_text_once_and_answers_small_records() -> None:
    text = SMALL.format(n=5, budget=50_000_000)
    broken = "name: [unclosed\n"
    items = [{"index": 0, "origin": "small.yaml", "text": text, "variants": [
                [v, Variant(c).to_json()] for v, c in enumerate((0.0, 0.3, 0.9))]},
             {"index": 1, "origin": "broken.yaml", "text": broken, "variants": [[0, {}]]}]
    _scenario.cache_clear()
    records = solve_chunk(items, {"solver": "highs"}, "en")
    assert _scenario.cache_info().misses == 2  # each text parsed once, for all its variants
    assert [r["status"] for r in records] == ["optimal", "optimal", "infeasible", "invalid"]
    assert records[0]["covered_workers"] >= records[1]["covered_workers"]
    assert records[2]["nearest_funded"] > 0  # an infeasible one still has its nearest plan
    assert "broken.yaml" in records[3]["message"]
    for r in records:
        data = json.dumps(r)
        assert len(data) < 2000, data  # small records travel back, not plans


# --- the national example ---------------------------------------------------------------------


def test_the_national_example_is_seeded_valid_and_kabupaten_size() -> None:
    provinces = nat.provinces()
    assert len(provinces) == 38
    assert sum(p.kabupaten for p in provinces) == 416
    assert sum(p.kota for p in provinces) == 98
    assert sum(p.informal_workers for p in provinces) == nat.INFORMAL
    regions = nat.generate(0)
    assert len(regions) == 514
    assert len({r.id for r in regions}) == 514
    assert [r.yaml_text for r in regions[:20]] == [r.yaml_text for r in nat.generate(0)[:20]]
    assert regions[0].yaml_text != nat.generate(1)[0].yaml_text
    for r in regions:
        s = parse_scenario(r.yaml_text, file=r.id)
        assert 3 <= len(s.regions) <= 5
        assert 4 <= len(s.groups) <= 8
        assert 1 <= len(s.sources) <= 6
    kutim = next(r for r in regions if r.id == "kutai_timur")
    apbd = parse_scenario(kutim.yaml_text).sources[0]
    assert (apbd.budget, apbd.protected) == (30_240_000_000, True)
    kaltim = [parse_scenario(r.yaml_text) for r in regions if r.province == "Kalimantan Timur"]
    assert sum(x.budget for s in kaltim for x in s.sources if x.kind == "province") == \
        pytest.approx(nat.PROVINCE_LINE_KALTIM, abs=10 * 10**6)
    lines = [s.sources[0].budget for s in map(parse_scenario, (r.yaml_text for r in regions))]
    assert 10**9 < sorted(lines)[len(lines) // 2] < 15 * 10**9  # a median line of a few billion


# --- bad requests: exit 2 with the option and its fix, never a traceback or a hang -------------


@pytest.mark.parametrize(("args", "words"), [
    ([], "PATH"),
    (["no/such/folder"], "no/such/folder"),
    ([str(KUTIM), "--cuts", "0:x:3"], "--cuts '0:x:3'"),
    ([str(KUTIM), "--cuts", "1:0:0"], "--cuts '1:0:0'"),
    ([str(KUTIM), "--cuts", "0:1.5:3"], "0 to 1"),
    ([str(KUTIM), "--cut", "apbd=2"], "--cut"),
    ([str(KUTIM), "--cut", "0:0.3:4"], "SOURCE=START:STOP:COUNT"),
    ([str(KUTIM), "--out", "results.csv"], ".parquet or .xlsx"),
    ([str(KUTIM), "--out", "no/such/folder/results.parquet"], "no/such/folder"),
    ([str(KUTIM), "--generate", "mars"], "indonesia"),
    ([str(ROOT / "README.md")], ".yaml"),
    ([str(KUTIM), "--memory-limit", "lots"], "--memory-limit 'lots'"),
])
def test_a_bad_request_exits_2_naming_the_option(args: list[str], words: str) -> None:
    _, err = batch(*args, "--lang", "en", code=2)
    assert words in err


def test_an_empty_folder_is_refused(tmp_path: Path) -> None:
    _, err = batch(str(tmp_path), "--lang", "en", code=2)
    assert "no .yaml" in err


def test_an_unreachable_scheduler_exits_2_quickly() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # free, and closed again below: nobody listens there
    _, err = batch(str(KUTIM), "--scheduler", f"tcp://127.0.0.1:{port}", "--timeout", "1",
                   "--lang", "en", code=2)
    assert "--scheduler" in err
    assert "dask scheduler" in err


def test_a_server_that_is_no_scheduler_exits_2() -> None:
    import threading

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    port = server.getsockname()[1]

    def answer() -> None:  # an HTTP server's reply where a Dask handshake is expected
        with contextlib.suppress(OSError):
            while True:
                conn, _ = server.accept()
                with conn:
                    conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n" * 4)

    threading.Thread(target=answer, daemon=True).start()
    try:
        _, err = batch(str(KUTIM), "--scheduler", f"tcp://127.0.0.1:{port}", "--timeout", "2",
                       "--lang", "en", code=2)
    finally:
        server.close()
    assert "--scheduler" in err


# --- on the module's cluster --------------------------------------------------------------------


def test_every_row_is_what_planner_solve_says(scheduler: str) -> None:
    out, err = batch(str(SCENARIOS), "--cuts", "0:0.4:3", "--scheduler", scheduler, "--json",
                     "--no-progress")
    data = json.loads(out)
    files = sorted(SCENARIOS.glob("*.yaml"))
    assert data["total"] == len(files) * 3
    assert [(r["origin"], r["global_cut"]) for r in data["rows"]] == [
        (str(f), c) for f in files for c in (0.0, 0.2, 0.4)]
    statuses = {r["status"] for r in data["rows"]}
    assert "optimal" in statuses
    assert statuses & {"infeasible", "invalid"}  # the set has answers of more than one kind
    for row in data["rows"]:
        code, solved = solve_json(Path(row["origin"]), row["global_cut"])
        assert_row_is_the_solve(row, code, solved)
    assert "Done:" in err or "Selesai:" in err


def test_a_source_cut_row_is_the_solve_of_that_variant(scheduler: str, tmp_path: Path) -> None:
    out, _ = batch(str(CUT_2026), "--cut", "apbd=0:0.3:2", "--cut", "csr=0.5",
                   "--scheduler", scheduler, "--json", "--no-progress")
    rows = json.loads(out)["rows"]
    assert [r["variant"] for r in rows] == ["apbd=0, csr=0.5", "apbd=0.3, csr=0.5"]
    scenario = load_scenario(CUT_2026)
    for v, row in zip(variants(None, [source_grid("apbd=0:0.3:2"), source_grid("csr=0.5")]),
                      rows, strict=True):
        path = tmp_path / "variant.yaml"
        path.write_text(dump_scenario(apply(scenario, v)))
        assert_row_is_the_solve(row, *solve_json(path))
    assert rows[0]["covered_workers"] > rows[1]["covered_workers"]  # the APBD cut bites


def test_one_broken_file_fails_alone_and_files_read_back(scheduler: str, tmp_path: Path) -> None:
    folder = tmp_path / "scenarios"
    folder.mkdir()
    for n in range(1, 4):
        (folder / f"good-{n}.yaml").write_text(SMALL.format(n=n, budget=40_000_000))
    (folder / "broken.yaml").write_text("name: Rusak\ngroups: [\n")
    (folder / "invalid.yaml").write_text(SMALL.format(n=1, budget=-5))
    parquet, xlsx = tmp_path / "results.parquet", tmp_path / "results.xlsx"
    out, err = batch(str(folder), "--scheduler", scheduler, "--out", str(parquet),
                     "--out", str(xlsx), "--lang", "en", "--no-progress")
    assert "Done: 5 scenarios" in err
    assert "3 optimal, 0 infeasible, 2 failed" in err
    assert f"Written: {parquet} (5 rows)" in err
    assert "Failed" in out
    assert f"- {folder / 'broken.yaml'}: {folder / 'broken.yaml'}" in out
    assert "sources[0].budget" in out  # the schema's own message, naming the field

    df = pd.read_parquet(parquet)
    assert list(df["origin"]) == [str(folder / n) for n in
                                  ("broken.yaml", "good-1.yaml", "good-2.yaml", "good-3.yaml",
                                   "invalid.yaml")]
    assert list(df["status"]) == ["invalid", "optimal", "optimal", "optimal", "invalid"]
    for path in folder.glob("good-*.yaml"):
        row = df[df["origin"] == str(path)].iloc[0].to_dict()
        row["spare"] = {c[len("spare_"):]: int(row[c]) for c in df.columns
                        if c.startswith("spare_") and not pd.isna(row[c])}
        assert_row_is_the_solve(row, *solve_json(path))

    wb = openpyxl.load_workbook(xlsx)
    ws = wb["Results"]
    headers = [c.value for c in ws[1]]
    assert headers[:5] == ["Scenario", "From", "Variant", "Global cut", "Plan status"]
    good = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    covered = headers.index("Workers funded")
    assert [r[covered] for r in good] == list(df["covered_workers"])
    assert ws.cell(row=3, column=headers.index("Spend") + 1).number_format == '"Rp"#,##0'
    assert ws.page_setup.orientation == "landscape"
    assert ws.print_title_rows == "$1:$1"
    assert ws.freeze_panes == "B2"


def test_library_versions_in_and_saved_back_with_a_tag(scheduler: str, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'library.db'}"
    monkeypatch.setenv("PLANNER_AUTHOR", "ani")
    assert CliRunner().invoke(app, ["library", "save", str(KUTIM), "--db", url]).exit_code == 0
    name = load_scenario(KUTIM).name
    out, err = batch("--library", f"{name}@1", "--db", url, "--cuts", "0:0.2:2",
                     "--scheduler", scheduler, "--save", "--tag", "uji-batch", "--json",
                     "--no-progress", "--lang", "en")
    rows = json.loads(out)["rows"]
    assert [r["origin"] for r in rows] == [f"{name}@1", f"{name}@1"]
    assert "Saved in the library: 2 versions tagged uji-batch" in err
    library = Library.open(url, create=False)
    try:
        saved = library.version(f"{name} [cut 20%]")
        assert saved.tags == ("uji-batch",)
        assert saved.summary["covered_workers"] == rows[1]["covered_workers"]
        assert parse_scenario(saved.yaml_text).policy.global_cut == 0.2
    finally:
        library.close()
    _, err = batch("--library", f"{name}@9", "--db", url, "--lang", "en", code=2)
    assert "9" in err


# --- the CLI's own local cluster, the national example and its summary -------------------------


def test_the_national_example_on_a_local_cluster_adds_up() -> None:
    out, err = batch("--generate", "indonesia", "--limit", "12", "--cuts", "0:0.5:3",
                     "--workers", "2", "--json", "--lang", "en")
    assert "Local cluster: 2 workers" in err
    assert "[########################] 36/36 scenarios" in err  # plain progress lines
    data = json.loads(out)
    rows = data["rows"]
    assert data["total"] == 36
    assert data["workers"] == 2
    assert {r["province"] for r in rows} == {"Aceh"}
    expected = {r.origin: r for r in national()[:12]}
    assert {r["origin"] for r in rows} == set(expected)
    summary = data["summary"]
    assert [s["global_cut"] for s in summary] == [0, 0.25, 0.5]
    assert summary[0]["ucj"] == pytest.approx(nat.UCJ_2025)
    for s in summary:
        at = [r for r in rows if r["global_cut"] == s["global_cut"]]
        assert s["funded"] == sum(r["nearest_funded"] for r in at)
        assert s["ucj"] == pytest.approx(nat.UCJ_2025 + s["change"] / nat.EMPLOYED)
        assert s["ucj_gap"] == round((nat.UCJ_2029 - s["ucj"]) * nat.EMPLOYED)
    assert summary[0]["funded"] >= summary[1]["funded"] >= summary[2]["funded"]
    province = [p for p in data["provinces"] if p["global_cut"] == 0.25]
    assert province[0]["funded"] == summary[1]["funded"]
    one = next(r for r in rows if r["global_cut"] == 0.25 and r["status"] == "optimal")
    item = expected[one["origin"]]
    scenario = parse_scenario(item.text).with_global_cut(0.25)
    path = Path(os.environ.get("TMPDIR", "/tmp")) / f"batch-{os.getpid()}.yaml"
    try:
        path.write_text(dump_scenario(scenario))
        assert_row_is_the_solve(one, *solve_json(path))
    finally:
        path.unlink(missing_ok=True)


# --- a scheduler and a worker started as processes ----------------------------------------------


def _wait_for(path: Path, proc: subprocess.Popen[bytes], seconds: float = 30) -> None:
    end = time.monotonic() + seconds
    while not path.exists() or not path.read_text().strip():
        assert proc.poll() is None, "dask scheduler stopped"
        assert time.monotonic() < end, "dask scheduler did not start"
        time.sleep(0.1)


def test_a_dask_scheduler_and_worker_started_apart(tmp_path: Path) -> None:
    dask = shutil.which("dask", path=str(VENV_BIN)) or "dask"
    info = tmp_path / "scheduler.json"
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "cwd": ROOT}
    sched = subprocess.Popen([dask, "scheduler", "--port", "0", "--no-dashboard",
                              "--scheduler-file", str(info)], **quiet)
    worker = None
    try:
        _wait_for(info, sched)
        address = json.loads(info.read_text())["address"]
        worker = subprocess.Popen([dask, "worker", address, "--nworkers", "1", "--nthreads", "1",
                                   "--memory-limit", "1GiB", "--no-dashboard"], **quiet)
        out, err = batch(str(KUTIM), str(CUT_2026), "--cuts", "0.1", "--scheduler", address,
                         "--timeout", "30", "--json", "--lang", "en")
        assert f"Cluster {address}: 1 workers" in err
        rows = json.loads(out)["rows"]
        assert [r["status"] for r in rows] == ["optimal", "optimal"]
        for row, path in zip(rows, (KUTIM, CUT_2026), strict=True):
            assert_row_is_the_solve(row, *solve_json(path, 0.1))
    finally:
        for proc in (worker, sched):
            if proc is not None:
                proc.kill()
                proc.wait(timeout=30)


# --- Ctrl-C -----------------------------------------------------------------------------------


def test_ctrl_c_closes_the_cluster_and_writes_nothing(tmp_path: Path) -> None:
    import psutil

    target = tmp_path / "results.parquet"
    proc = subprocess.Popen(
        [str(VENV_BIN / "python"), "-m", "planner.cli", "batch", "--generate", "indonesia",
         "--workers", "2", "--out", str(target), "--lang", "en"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True)  # its own process group, as a command in a terminal
    try:
        assert proc.stderr is not None
        first = proc.stderr.readline()  # the cluster is up and the batch has started
        assert "Local cluster" in first, first
        time.sleep(1.0)
        workers = psutil.Process(proc.pid).children(recursive=True)
        assert len(workers) >= 2
        os.killpg(proc.pid, signal.SIGINT)  # a terminal's Ctrl-C reaches every process
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 130, err
    assert "Traceback" not in err  # not from the command, not from its workers
    assert "Stopped (Ctrl-C)" in err
    assert out == ""
    assert list(tmp_path.iterdir()) == []  # no file, not even a temporary one
    _, alive = psutil.wait_procs(workers, timeout=10)
    assert alive == []  # the workers and their solver processes are gone


def test_nothing_here_hard_codes_an_answer() -> None:
    # the equality tests above compare with a solve run in the test, never with a number written
    # here; this guards the helper itself against passing everything
    with pytest.raises(AssertionError):
        assert_row_is_the_solve({"status": "optimal", "covered_workers": 1, "bound_covered": 1,
                                 "total_cost": 1}, 0,
                                {"status": "optimal", "covered_workers": 2, "bound_covered": 2,
                                 "total_cost": 1})
    assert math.isfinite(nat.UCJ_2029)
