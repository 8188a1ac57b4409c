"""The words of ``planner batch``: its messages, progress, columns and summaries, id and en."""

from __future__ import annotations

from planner.i18n import register

__all__ = ["COLUMNS"]

_GRID_FIX = {"id": "tulis START:STOP:JUMLAH, mis. 0:0.5:11 (11 tingkat dari 0 sampai 50%)",
             "en": "write START:STOP:COUNT, e.g. 0:0.5:11 (11 levels from 0 to 50%)"}

register(
    {
        # --- options that cannot be run (exit 2) --------------------------------------------
        "batch_grid_number": {
            "id": "{option} {spec!r}: {part!r} bukan angka; " + _GRID_FIX["id"],
            "en": "{option} {spec!r}: {part!r} is not a number; " + _GRID_FIX["en"],
        },
        "batch_grid_share": {
            "id": "{option} {spec!r}: {part} di luar 0 sampai 1; pemotongan adalah bagian dari 0 "
            "sampai 1 (40% ditulis 0.4)",
            "en": "{option} {spec!r}: {part} is outside 0 to 1; a cut is a share from 0 to 1 "
            "(40% is 0.4)",
        },
        "batch_grid_form": {
            "id": "{option} {spec!r}: " + _GRID_FIX["id"] + ", atau satu tingkat (0.2)",
            "en": "{option} {spec!r}: " + _GRID_FIX["en"] + ", or one level (0.2)",
        },
        "batch_grid_count": {
            "id": "{option} {spec!r}: JUMLAH harus bilangan bulat 1 sampai {most} (1 hanya bila "
            "START = STOP); " + _GRID_FIX["id"],
            "en": "{option} {spec!r}: COUNT must be a whole number from 1 to {most} (1 only when "
            "START = STOP); " + _GRID_FIX["en"],
        },
        "batch_grid_order": {
            "id": "{option} {spec!r}: START lebih besar dari STOP; tulis yang kecil dulu, "
            "mis. 0:0.5:11",
            "en": "{option} {spec!r}: START is above STOP; put the smaller first, e.g. 0:0.5:11",
        },
        "batch_cut_form": {
            "id": "{option} {spec!r}: tulis SUMBER=START:STOP:JUMLAH (id atau jenis sumber), "
            "mis. apbd=0:0.3:4",
            "en": "{option} {spec!r}: write SOURCE=START:STOP:COUNT (a source id or kind), "
            "e.g. apbd=0:0.3:4",
        },
        "batch_no_input": {
            "id": "{option}: sebutkan folder atau berkas skenario, --library NAMA@VERSI, atau "
            "--generate indonesia",
            "en": "{option}: name a folder or scenario files, --library NAME@VERSION, or "
            "--generate indonesia",
        },
        "batch_missing_path": {
            "id": "{option} {path}: tidak ada berkas atau folder ini; periksa jalurnya",
            "en": "{option} {path}: no such file or folder; check the path",
        },
        "batch_empty_folder": {
            "id": "{option} {path}: folder ini tidak berisi berkas .yaml, .yml atau .xlsx",
            "en": "{option} {path}: this folder holds no .yaml, .yml or .xlsx file",
        },
        "batch_not_scenario": {
            "id": "{option} {path}: bukan berkas skenario; pakai .yaml, .yml atau templat .xlsx",
            "en": "{option} {path}: not a scenario file; use .yaml, .yml or an .xlsx template",
        },
        "batch_unknown_generate": {
            "id": "{option} {name!r}: yang tersedia hanya 'indonesia' (514 kabupaten/kota)",
            "en": "{option} {name!r}: the only one is 'indonesia' (514 kabupaten and kota)",
        },
        "batch_bad_out": {
            "id": "{option} {path}: akhiran harus .parquet atau .xlsx (mis. --out hasil.parquet)",
            "en": "{option} {path}: the suffix must be .parquet or .xlsx (e.g. --out "
            "results.parquet)",
        },
        "batch_bad_scheduler": {
            "id": "{option} {address!r}: penjadwal Dask tidak dapat dihubungi dalam {seconds} "
            "detik ({detail}); periksa alamatnya (tcp://HOST:8786) dan bahwa `dask scheduler` "
            "berjalan di sana, atau jalankan tanpa --scheduler untuk klaster lokal",
            "en": "{option} {address!r}: the Dask scheduler cannot be reached within {seconds} s "
            "({detail}); check the address (tcp://HOST:8786) and that `dask scheduler` runs "
            "there, or leave --scheduler out for a local cluster",
        },
        "batch_not_dask": {
            "id": "{option} {address!r}: yang menjawab di alamat itu bukan penjadwal Dask; "
            "periksa host dan port (penjadwal Dask biasanya tcp://HOST:8786)",
            "en": "{option} {address!r}: what answers at that address is not a Dask scheduler; "
            "check the host and port (a Dask scheduler is usually tcp://HOST:8786)",
        },
        "batch_no_workers": {
            "id": "{option} {address!r}: penjadwal terhubung tetapi tidak ada worker dalam "
            "{seconds} detik; jalankan `dask worker {address}` di mesin yang punya planner",
            "en": "{option} {address!r}: the scheduler answers but has no worker within {seconds} "
            "s; start `dask worker {address}` on a machine with the planner installed",
        },
        "batch_bad_memory": {
            "id": "{option} {limit!r}: tulis ukuran memori per worker, mis. 1GiB atau 1500MB",
            "en": "{option} {limit!r}: write a memory size per worker, e.g. 1GiB or 1500MB",
        },
        "batch_no_source": {
            "id": "tidak ada sumber dana dengan id atau jenis '{target}' untuk --cut; yang ada: "
            "{known}",
            "en": "no source with the id or kind '{target}' for --cut; known sources: {known}",
        },
        # --- what a run says ----------------------------------------------------------------
        "batch_variant_cut": {"id": "pemotongan {cut}", "en": "cut {cut}"},
        "batch_cluster_local": {
            "id": "Klaster lokal: {workers} worker (proses), batas memori {memory} per worker",
            "en": "Local cluster: {workers} workers (processes), memory limit {memory} each",
        },
        "batch_cluster_remote": {
            "id": "Klaster {address}: {workers} worker",
            "en": "Cluster {address}: {workers} workers",
        },
        "batch_progress": {
            "id": "{done}/{total} skenario, {failed} gagal, {rate}/detik, sisa waktu {left}",
            "en": "{done}/{total} scenarios, {failed} failed, {rate}/s, time left {left}",
        },
        "batch_done": {
            "id": "Selesai: {total} skenario dalam {seconds} detik: {optimal} optimal, "
            "{infeasible} tidak layak, {failed} gagal",
            "en": "Done: {total} scenarios in {seconds} s: {optimal} optimal, {infeasible} "
            "infeasible, {failed} failed",
        },
        "batch_interrupted": {
            "id": "Dihentikan (Ctrl-C): klaster ditutup; tidak ada berkas yang ditulis dan tidak "
            "ada yang disimpan",
            "en": "Stopped (Ctrl-C): the cluster is closed; no file was written and nothing was "
            "saved",
        },
        "batch_written": {"id": "Ditulis: {file} ({rows} baris)",
                          "en": "Written: {file} ({rows} rows)"},
        "batch_saved": {
            "id": "Disimpan ke pustaka: {n} versi dengan label {tag}",
            "en": "Saved in the library: {n} versions tagged {tag}",
        },
        "batch_save_note": {"id": "hasil batch {tag}: {variant}",
                            "en": "batch result {tag}: {variant}"},
        "batch_more_rows": {
            "id": "... {n} baris lagi (--rows 0 untuk semua; --out atau --json untuk berkas)",
            "en": "... {n} more rows (--rows 0 for all; --out or --json for a file)",
        },
        "batch_failed_title": {"id": "Gagal", "en": "Failed"},
        "batch_task_lost": {
            "id": "worker berhenti sebelum selesai ({detail}); jalankan ulang skenario ini",
            "en": "the worker stopped before it finished ({detail}); run this scenario again",
        },
        "batch_solver_error": {"id": "pemecah gagal: {detail}",
                               "en": "the solver failed: {detail}"},
        "batch_status_invalid": {"id": "tidak sah", "en": "not valid"},
        # --- columns (text table, Excel headers) --------------------------------------------
        "batch_col_name": {"id": "Skenario", "en": "Scenario"},
        "batch_col_origin": {"id": "Asal", "en": "From"},
        "batch_col_variant": {"id": "Varian", "en": "Variant"},
        "batch_col_global_cut": {"id": "Pemotongan global", "en": "Global cut"},
        "batch_col_status": {"id": "Status rencana", "en": "Plan status"},
        "batch_col_covered_workers": {"id": "Pekerja dibiayai", "en": "Workers funded"},
        "batch_col_bound_covered": {"id": "Batas atas", "en": "Upper bound"},
        "batch_col_total_cost": {"id": "Belanja", "en": "Spend"},
        "batch_col_available": {"id": "Dana tersedia", "en": "Available"},
        "batch_col_unspent": {"id": "Sisa dana", "en": "Money left"},
        "batch_col_eligible": {"id": "Layak", "en": "Eligible"},
        "batch_col_covered": {"id": "Terlindungi", "en": "Covered"},
        "batch_col_coverage_share": {"id": "Cakupan", "en": "Coverage"},
        "batch_col_nearest_funded": {"id": "Dibiayai (rencana terdekat)",
                                     "en": "Funded (nearest plan)"},
        "batch_col_nearest_covered": {"id": "Terlindungi (rencana terdekat)",
                                      "en": "Covered (nearest plan)"},
        "batch_col_funded": {"id": "Dibiayai", "en": "Funded"},
        "batch_col_scenarios": {"id": "Skenario", "en": "Scenarios"},
        "batch_col_optimal": {"id": "Rencana optimal", "en": "Optimal plans"},
        "batch_col_region": {"id": "Wilayah", "en": "Region"},
        "batch_col_province": {"id": "Provinsi", "en": "Province"},
        "batch_col_message": {"id": "Pesan", "en": "Message"},
        "batch_col_solver": {"id": "Pemecah", "en": "Solver"},
        "batch_col_seconds": {"id": "Detik", "en": "Seconds"},
        "batch_col_spare": {"id": "Bisa dipotong: {source}", "en": "Spare: {source}"},
        "batch_col_cut": {"id": "Pemotongan: {source}", "en": "Cut: {source}"},
        "batch_col_need_target": {"id": "Target pekerja", "en": "Target workers"},
        "batch_col_need_extra": {"id": "Tambahan dana termurah", "en": "Least extra money"},
        "batch_col_need_source": {"id": "Di sumber", "en": "In source"},
        "batch_col_regions": {"id": "Kab/kota", "en": "Regions"},
        "batch_col_infeasible": {"id": "Tidak layak", "en": "Infeasible"},
        "batch_col_failed": {"id": "Gagal", "en": "Failed"},
        "batch_col_change": {"id": "Perubahan", "en": "Change"},
        "batch_col_ucj": {"id": "UCJ perkiraan", "en": "UCJ estimate"},
        "batch_col_ucj_gap": {"id": "Kurang ke target 2029", "en": "Short of the 2029 target"},
        "batch_sheet_results": {"id": "Hasil", "en": "Results"},
        "batch_sheet_national": {"id": "Nasional", "en": "National"},
        "batch_sheet_provinces": {"id": "Per provinsi", "en": "By province"},
        # --- summaries ----------------------------------------------------------------------
        "batch_summary_title": {
            "id": "Ringkasan per tingkat pemotongan ({regions} skenario)",
            "en": "Summary by cut level ({regions} scenarios)",
        },
        "batch_provinces_title": {
            "id": "Cakupan per provinsi (terlindungi / layak) per tingkat pemotongan",
            "en": "Coverage by province (covered / eligible) at each cut level",
        },
        "batch_ucj_note": {
            "id": "UCJ perkiraan = {ucj_2025} (April 2025) + perubahan pekerja dibiayai terhadap "
            "tanpa pemotongan / {employed} penduduk bekerja; target RPJMN 2029: {ucj_2029}. "
            "Angka per wilayah ilustratif (lihat docs/batch.md).",
            "en": "UCJ estimate = {ucj_2025} (April 2025) + the change in workers funded against "
            "no cut / {employed} employed; RPJMN 2029 target: {ucj_2029}. Regional figures are "
            "illustrative (see docs/batch.md).",
        },
    }
)

# The result table's columns, in order (spare_<source> and cut_<source> follow where present)
COLUMNS = ("name", "origin", "variant", "global_cut", "status", "covered_workers",
           "bound_covered", "total_cost", "available", "unspent", "eligible", "covered",
           "coverage_share", "nearest_funded", "nearest_covered", "region", "province",
           "message", "solver", "seconds")
