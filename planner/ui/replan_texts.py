"""The words of a mid-year re-plan (APBD-P), in Bahasa Indonesia and English.

Used by the APBD-P page and by the plan page, which shows the same columns when a scenario is a
re-plan. Column headers that name a month say which one ("Berhenti mulai Oktober"): a figure of
a re-plan counts from ``policy.from_month``, and a header without the month reads as the year's.
"""

from __future__ import annotations

from typing import Final

from planner.i18n import register, t

__all__ = ["REPLAN_TEXTS", "month_name", "replan_group_labels", "replan_source_labels"]


def month_name(month: int, lang: str) -> str:
    """Name a month (1..12) as people write it: ``Oktober`` / ``October``."""
    return t("ui_months", lang).split(",")[month - 1]


def replan_group_labels(month: int, lang: str) -> dict[str, str]:
    """Headers of a re-plan's group columns (``Result.by_group``), the month named."""
    name = month_name(month, lang)
    return {"enrolled": t("ui_col_enrolled", lang), "kept": t("ui_col_kept", lang),
            "dropped": t("ui_col_dropped", lang, month=name),
            "new": t("ui_col_new", lang, month=name)}


def replan_source_labels(month: int, lang: str) -> dict[str, str]:
    """Headers of a re-plan's source columns: paid before the month, then from it on."""
    name = month_name(month, lang)
    return {"spent_to_date": t("ui_col_paid", lang, month=name),
            "available": t("ui_col_available_from", lang, month=name),
            "spent": t("ui_col_planned", lang, month=name)}


REPLAN_TEXTS: Final[dict[str, dict[str, str]]] = {
    # one text: names that are the same in both languages (April) stay one entry
    "ui_months": {
        "id": "Januari,Februari,Maret,April,Mei,Juni,Juli,Agustus,September,Oktober,"
        "November,Desember",
        "en": "January,February,March,April,May,June,July,August,September,October,"
        "November,December",
    },
    # not "rencana": the navigation names no two pages with the same word
    "ui_page_replan": {"id": "APBD-P / Susun ulang", "en": "APBD-P / Re-plan"},
    "ui_replan_title": {
        "id": "APBD-P: susun ulang rencana mulai satu bulan",
        "en": "APBD-P: re-plan from a month",
    },
    "ui_replan_intro": {
        "id": "Peserta rencana lama tetap terdaftar dan iurannya sudah dibayar sampai bulan "
        "sebelumnya; pemotongan berlaku pada pagu setahun, jadi hanya sisa bulan yang dapat "
        "dipotong. Peserta terdaftar dipertahankan lebih dahulu.",
        "en": "The old plan's workers stay enrolled and their premiums are paid up to the "
        "month before; the cut applies to the year's budget, so only the months left can be "
        "cut. Enrolled workers are kept first.",
    },
    "ui_replan_from": {"id": "Mulai dari", "en": "Start from"},
    "ui_replan_from_library": {"id": "Rencana tersimpan di pustaka",
                               "en": "A plan saved in the library"},
    "ui_replan_from_session": {"id": "Skenario yang sedang dibuka: {name}",
                               "en": "The scenario open now: {name}"},
    "ui_replan_library_empty": {
        "id": "Pustaka belum berisi rencana; simpan dulu di halaman Pustaka, atau mulai dari "
        "skenario yang sedang dibuka.",
        "en": "The library holds no plan yet; save one on the Library page, or start from "
        "the scenario open now.",
    },
    "ui_replan_month": {"id": "Bulan mulai berlaku", "en": "First month re-planned"},
    "ui_replan_month_help": {
        "id": "Bulan pertama yang direncanakan ulang: APBD-P yang ditetapkan akhir September "
        "berlaku mulai Oktober",
        "en": "The first month re-planned: an APBD-P adopted at the end of September applies "
        "from October",
    },
    "ui_replan_cut_help": {
        "id": "Pemotongan atas pagu setahun pada semua sumber yang tidak dilindungi; yang "
        "sudah dibayar tidak dapat dipotong",
        "en": "A cut of the year's budget on every source that is not protected; money "
        "already paid cannot be cut",
    },
    "ui_replan_inputs": {
        "id": "Peserta terdaftar dan dana yang sudah dibayar (dapat diubah)",
        "en": "Enrolled workers and money paid to date (can be edited)",
    },
    "ui_replan_inputs_help": {
        "id": "Terisi dari rencana yang dipilih sampai akhir {last}. Ketik angka dari data "
        "BPJS atau realisasi belanja bila berbeda.",
        "en": "Filled in from the chosen plan up to the end of {last}. Type the figures from "
        "BPJS or the spending records where they differ.",
    },
    "ui_replan_regions_note": {
        "id": "Skenario ini per wilayah: peserta terdaftar per wilayah diubah di berkas YAML.",
        "en": "This scenario is per region: edit enrolled workers per region in the YAML "
        "file.",
    },
    "ui_replan_undo": {"id": "Kembalikan isian tabel", "en": "Undo my table edits"},
    "ui_replan_invalid": {
        "id": "Rencana APBD-P ini tidak dapat dihitung; perbaiki hal berikut:",
        "en": "This APBD-P plan cannot be worked out; fix these:",
    },
    "ui_replan_input_warnings": {"id": "Tentang isian dan bulan yang dipilih:",
                                 "en": "About the figures and the month chosen:"},
    "ui_col_enrolled": {"id": "Terdaftar", "en": "Enrolled"},
    "ui_col_kept": {"id": "Dilanjutkan", "en": "Kept"},
    "ui_col_dropped": {"id": "Berhenti mulai {month}", "en": "Dropped from {month}"},
    "ui_col_new": {"id": "Baru mulai {month}", "en": "New from {month}"},
    "ui_col_new_limit": {"id": "Batas peserta baru", "en": "New workers at most"},
    "ui_col_new_limit_help": {
        "id": "Pekerja baru yang masih dapat didaftarkan; kosong: tanpa batas",
        "en": "New workers that can still be registered; empty: no limit",
    },
    "ui_col_paid": {"id": "Dibayar sebelum {month}", "en": "Paid before {month}"},
    "ui_col_paid_edit": {"id": "Dibayar sebelum {month} (Rp)",
                         "en": "Paid before {month} (Rp)"},
    "ui_col_available_from": {"id": "Tersedia mulai {month}", "en": "Available from {month}"},
    "ui_col_planned": {"id": "Direncanakan mulai {month}", "en": "Planned from {month}"},
    "ui_col_year_budget": {"id": "Pagu setahun", "en": "Budget for the year"},
    "ui_col_after_cut": {"id": "Pagu setelah pemotongan", "en": "Budget after cuts"},
    "ui_col_funded_from": {"id": "Dibiayai mulai {month}", "en": "Funded from {month}"},
    "ui_col_cost_from": {"id": "Biaya mulai {month}", "en": "Cost from {month}"},
    "ui_replan_enrolled": {"id": "Peserta terdaftar", "en": "Enrolled workers"},
    "ui_replan_spent": {"id": "Belanja mulai {month}", "en": "Spend from {month}"},
    "ui_replan_dropped": {
        "id": "Mulai {month} {year}, {n} peserta terdaftar kehilangan perlindungan: "
        "{groups}. Iuran mereka sudah dibayar sampai akhir {last}.",
        "en": "From {month} {year}, {n} enrolled workers lose cover: {groups}. Their "
        "premiums are paid up to the end of {last}.",
    },
    "ui_replan_none_dropped": {
        "id": "Semua {n} peserta terdaftar tetap terlindungi dari {month} sampai Desember "
        "{year}.",
        "en": "All {n} enrolled workers keep their cover from {month} to December {year}.",
    },
    "ui_replan_new": {
        "id": "Mulai {month}, {n} pekerja baru didaftarkan: {groups}.",
        "en": "From {month}, {n} new workers are enrolled: {groups}.",
    },
    "ui_replan_no_new": {
        "id": "Tidak ada pekerja baru yang dapat didaftarkan mulai {month}.",
        "en": "No new worker can be enrolled from {month}.",
    },
    "ui_replan_by_group": {"id": "Peserta per kelompok", "en": "Workers by group"},
    "ui_replan_by_source": {"id": "Dana per sumber", "en": "Money by source"},
    "ui_replan_more": {"id": "Penjelasan lainnya", "en": "More explanations"},
    "ui_replan_download_csv": {"id": "Unduh daftar per kelompok (CSV)",
                               "en": "Download the list by group (CSV)"},
    "ui_replan_save_title": {"id": "Simpan rencana APBD-P di pustaka",
                             "en": "Save the APBD-P plan in the library"},
    "ui_replan_save_name": {"id": "Nama di pustaka (versi baru)",
                            "en": "Name in the library (a new version)"},
    "ui_replan_save_note": {"id": "Catatan tambahan (boleh kosong)",
                            "en": "More to the note (may stay empty)"},
    "ui_replan_save": {"id": "Simpan sebagai versi baru", "en": "Save as a new version"},
    # the same words as the CLI's note (planner replan --save), so both read alike
    "ui_replan_note": {
        "id": "APBD-P: re-plan dari {source} mulai bulan {month}{cut}",
        "en": "APBD-P: re-plan of {source} from month {month}{cut}",
    },
    "ui_replan_saved": {
        "id": "Disimpan: {name}, versi {version} (re-plan dari {source}, bulan {month}).",
        "en": "Saved: {name}, version {version} (re-plan of {source}, month {month}).",
    },
}

register(REPLAN_TEXTS)
