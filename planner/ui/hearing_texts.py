"""Words of the "ready for the hearing" parts: drafts, PDF, print, uploads, CSV, library fixes."""

from __future__ import annotations

from planner.i18n import register

__all__ = ["CSV_HEADERS"]

register(
    {
        # drafts kept in the library's database
        "ui_drafts_offline": {
            "id": "Perubahan hanya tersimpan di tab ini: pustaka tidak bisa dibuka.",
            "en": "Changes are kept in this tab only: the library cannot be opened.",
        },
        "ui_drafts_closed": {"id": "Pustaka tidak bisa dibuka.",
                             "en": "The library cannot be opened."},
        # the plan page's save to the library and its PDF
        "ui_save_library_title": {"id": "Simpan ke pustaka", "en": "Save to the library"},
        "ui_save_library": {"id": "Simpan ke pustaka", "en": "Save to the library"},
        "ui_save_library_name": {"id": "Nama di pustaka", "en": "Name in the library"},
        "ui_save_library_note": {"id": "Catatan (mengapa disimpan)",
                                 "en": "Note (why it is saved)"},
        "ui_save_library_author": {"id": "Nama Anda (tercatat di pustaka)",
                                   "en": "Your name (recorded in the library)"},
        "ui_save_session_title": {"id": "Simpan di sesi ini", "en": "Keep in this session"},
        "ui_download_pdf": {"id": "Unduh bahan rapat (PDF)",
                            "en": "Download the hearing hand-out (PDF)"},
        "ui_download_compare_pdf": {"id": "Unduh perbandingan (PDF)",
                                    "en": "Download the comparison (PDF)"},
        "ui_download_csv_excel": {"id": "Unduh CSV (untuk Excel)",
                                  "en": "Download CSV (for Excel)"},
        # uploads
        "ui_upload_label": {"id": "Unggah skenario", "en": "Upload a scenario"},
        "ui_upload_help": {
            "id": "File YAML skenario, atau templat Excel yang sudah diisi; paling besar 10 MB.",
            "en": "A scenario YAML file, or a filled Excel template; at most 10 MB.",
        },
        "ui_upload_drop": {"id": "Tarik file ke sini", "en": "Drag a file here"},
        "ui_upload_browse": {"id": "Pilih file", "en": "Choose a file"},
        "ui_upload_same": {
            "id": "{file} sama isinya dengan '{name}' yang sudah ada di daftar; itu yang dibuka.",
            "en": "{file} has the same content as '{name}', already in the list; that is opened.",
        },
        "ui_upload_replaced": {
            "id": "{file} berubah: unggahan sebelumnya dengan nama itu diganti isinya.",
            "en": "{file} changed: the earlier upload of that name is replaced.",
        },
        "ui_upload_added": {
            "id": "{file} berbeda dari '{file}' yang sudah ada di daftar; ditambahkan sebagai "
                  "'{name}'.",
            "en": "{file} differs from the '{file}' already in the list; added as '{name}'.",
        },
        "ui_upload_new": {"id": "{file} diunggah dan dibuka.",
                          "en": "{file} is uploaded and open."},
        "ui_upload_refused": {
            "id": "{file} tidak dapat dipakai. Rencana di bawah masih dari skenario sebelumnya "
                  "({current}). Perbaiki hal berikut lalu unggah lagi:",
            "en": "{file} cannot be used. The plan below is still the previous scenario's "
                  "({current}). Fix these and upload it again:",
        },
        "ui_invalid_kept": {
            "id": "Isian terakhir belum benar, jadi belum dipakai: rencana di bawah masih dari "
                  "isian benar sebelumnya. Perbaiki hal berikut:",
            "en": "The last entry is not valid yet, so it is not used: the plan below is still "
                  "from the previous valid entry. Fix these:",
        },
        "ui_where_group": {"id": "kelompok ke-{n}", "en": "group {n}"},
        "ui_where_source": {"id": "sumber dana ke-{n}", "en": "source {n}"},
        "ui_where_region": {"id": "wilayah ke-{n}", "en": "region {n}"},
        "ui_where_file": {"id": "berkas", "en": "file"},
        # tables
        "ui_col_max_share": {"id": "Porsi maksimum", "en": "Largest share"},
        "ui_col_max_share_help": {
            "id": "Bagian terbesar dari pekerja layak kelompok ini yang boleh dibiayai.",
            "en": "The largest part of this group's eligible workers that may be funded.",
        },
        "ui_col_mandate_help": {
            "id": "Bagian terkecil dari pekerja layak kelompok ini yang wajib dibiayai.",
            "en": "The smallest part of this group's eligible workers that must be funded.",
        },
        "ui_col_may_pay_pick": {"id": "Boleh membayar untuk", "en": "May pay for"},
        "ui_col_may_pay_pick_help": {
            "id": "Kelompok yang boleh dibiayai sumber ini; kosong berarti semua kelompok.",
            "en": "The groups this source may pay for; empty means every group.",
        },
        "ui_pick_none": {"id": "Semua kelompok", "en": "Every group"},
        "ui_bound": {
            "id": "Batas atas: {bound} pekerja. Itu paling banyak pekerja yang bisa dibiayai "
                  "dengan dana ini bila pekerja boleh pecahan; rencana bulat bisa kurang beberapa "
                  "pekerja.",
            "en": "Upper bound: {bound} workers. That is the most workers this money could fund "
                  "if workers could be split into fractions; a plan in whole workers can fund a "
                  "few fewer.",
        },
        "ui_pick_placeholder": {"id": "Pilih", "en": "Choose"},
        # the money-needed page
        "ui_need_total": {"id": "Biaya seluruh target", "en": "Cost of the whole target"},
        "ui_need_total_help": {
            "id": "Belanja iuran setahun untuk {target} pekerja dengan tambahan dana dari sumber "
                  "ini (rencana termurah yang mencapai target).",
            "en": "The year's premium spend for {target} workers with this source's extra money "
                  "(the cheapest plan that reaches the target).",
        },
        "ui_need_total_sentence": {
            "id": "Membiayai target {target} pekerja setahun menghabiskan {cost} ({exact}) bila "
                  "tambahan dana datang dari {source}.",
            "en": "Funding the target of {target} workers for the year costs {cost} ({exact}) "
                  "when the extra money comes from {source}.",
        },
        "ui_need_total_now": {
            "id": "Target {target} pekerja sudah tercapai dengan dana sekarang; belanjanya {cost}"
                  " ({exact}).",
            "en": "The target of {target} workers is met with the money now; it spends {cost} "
                  "({exact}).",
        },
        # library
        # "v" not "@": a name ending in "@N" would read as a version number
        "ui_lib_comparison_default": {"id": "{name} v{old} vs v{new}",
                                      "en": "{name} v{old} vs v{new}"},
        "ui_lib_no_tags": {"id": "Belum ada label.", "en": "No tags yet."},
        "ui_lib_restore_from": {"id": "salinan versi {n}", "en": "copy of version {n}"},
        # CSV files
        "csv_all": {"id": "Semua", "en": "All"},
        "csv_col_section": {"id": "Bagian", "en": "Section"},
        "csv_col_name": {"id": "Nama", "en": "Name"},
        "csv_col_measure": {"id": "Ukuran", "en": "Measure"},
        "csv_col_unit": {"id": "Satuan", "en": "Unit"},
        "csv_col_scenario": {"id": "Skenario", "en": "Scenario"},
        "csv_col_value": {"id": "Nilai", "en": "Value"},
        "csv_col_difference": {"id": "Selisih dari pembanding",
                               "en": "Difference from the baseline"},
        "csv_section_inputs": {"id": "Masukan", "en": "Inputs"},
        "csv_section_totals": {"id": "Jumlah", "en": "Totals"},
        "csv_section_groups": {"id": "Per kelompok", "en": "By group"},
        "csv_section_sources": {"id": "Per sumber dana", "en": "By source"},
        "csv_unit_Rp": {"id": "Rp", "en": "Rp"},
        "csv_unit_workers": {"id": "pekerja", "en": "workers"},
        "csv_unit_share": {"id": "%", "en": "%"},
        "csv_unit_months": {"id": "bulan", "en": "months"},
        "csv_unit_worker_months": {"id": "pekerja-bulan", "en": "worker-months"},
    }
)

# the cut curve's CSV columns, per language
CSV_HEADERS = {
    "id": ["Pemotongan (%)", "Status", "Pekerja dibiayai", "Belanja (Rp)",
           "Rencana terdekat bila mandat tidak terpenuhi (pekerja)"],
    "en": ["Cut (%)", "Status", "Workers funded", "Spend (Rp)",
           "Nearest plan when mandates are not met (workers)"],
}
