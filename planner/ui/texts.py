"""Every label of the app, in Bahasa Indonesia and English (registered with planner.i18n)."""

from __future__ import annotations

from planner.i18n import register

__all__ = ["LANGUAGE_NAMES"]

LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}

register(
    {
        "ui_app_title": {
            "id": "Perencana iuran BPJS Ketenagakerjaan",
            "en": "BPJS Ketenagakerjaan premium planner",
        },
        "ui_page_plan": {"id": "Rencana", "en": "Plan"},
        "ui_page_cut": {"id": "Uji pemotongan", "en": "Test a cut"},
        "ui_page_need": {"id": "Kebutuhan dana", "en": "Money needed"},
        "ui_page_compare": {"id": "Bandingkan", "en": "Compare"},
        "ui_scenario": {"id": "Skenario", "en": "Scenario"},
        "ui_origin_example": {"id": "contoh", "en": "example"},
        "ui_origin_upload": {"id": "unggahan", "en": "upload"},
        "ui_origin_edited": {"id": "diubah", "en": "edited"},
        "ui_upload": {
            "id": "Unggah skenario (YAML)",
            "en": "Upload a scenario (YAML)",
        },
        "ui_upload_invalid": {
            "id": "{file} tidak dapat dipakai; perbaiki hal berikut lalu unggah lagi:",
            "en": "{file} cannot be used; fix these and upload it again:",
        },
        "ui_nothing_to_save": {"id": "tidak ada yang disimpan", "en": "nothing to save"},
        "ui_plan_title": {
            "id": "Rencana iuran pekerja rentan",
            "en": "Premium plan for vulnerable workers",
        },
        "ui_covered": {"id": "Pekerja dibiayai", "en": "Workers funded"},
        "ui_spent": {"id": "Belanja", "en": "Spend"},
        "ui_unspent": {"id": "Sisa dana", "en": "Money left"},
        "ui_share": {"id": "Cakupan", "en": "Coverage"},
        "ui_global_cut": {"id": "Pemotongan global", "en": "Global cut"},
        "ui_global_cut_help": {
            "id": "Efisiensi pada semua sumber yang tidak dilindungi",
            "en": "Efficiency cut on every source that is not protected",
        },
        "ui_source_cuts": {"id": "Pemotongan per sumber", "en": "Cut per source"},
        "ui_objective": {"id": "Tujuan", "en": "Objective"},
        "ui_objective_max_covered": {
            "id": "Lindungi pekerja sebanyak mungkin",
            "en": "Cover as many workers as possible",
        },
        "ui_objective_max_worker_months": {
            "id": "Bulan perlindungan sebanyak mungkin",
            "en": "As many worker-months as possible",
        },
        "ui_objective_min_cost": {
            "id": "Biaya terkecil untuk target",
            "en": "Least cost for a target",
        },
        "ui_target": {"id": "Target pekerja", "en": "Target workers"},
        "ui_funding_rules": {"id": "Aturan pendanaan", "en": "Funding rules"},
        "ui_funding_rules_strict": {
            "id": "Ketat (APBDes, DBH sawit, zakat hanya untuk kelompoknya)",
            "en": "Strict (APBDes, DBH sawit, zakat only for their groups)",
        },
        "ui_funding_rules_off": {"id": "Tidak diterapkan", "en": "Not applied"},
        "ui_edit_groups": {"id": "Kelompok pekerja", "en": "Worker groups"},
        "ui_edit_sources": {"id": "Sumber dana", "en": "Funding sources"},
        "ui_edit_help": {
            "id": "Ubah angka langsung di tabel; rencana dihitung ulang seketika.",
            "en": "Edit figures in the tables; the plan is solved again at once.",
        },
        "ui_regions_note": {
            "id": "Skenario ini per wilayah: jumlah pekerja per wilayah diubah di berkas YAML.",
            "en": "This scenario is per region: edit per-region head-counts in the YAML file.",
        },
        "ui_invalid": {
            "id": "Perubahan ini tidak sah; rencana di bawah masih yang terakhir sah:",
            "en": "This change is not valid; the plan below is still the last valid one:",
        },
        "ui_infeasible": {"id": "Skenario tidak layak", "en": "Infeasible scenario"},
        "ui_by_group": {"id": "Cakupan per kelompok", "en": "Coverage by group"},
        "ui_by_source": {"id": "Belanja per sumber", "en": "Spend by source"},
        "ui_by_region": {"id": "Cakupan per wilayah", "en": "Coverage by region"},
        "ui_allocation": {"id": "Alokasi", "en": "Allocation"},
        "ui_why": {"id": "Penjelasan", "en": "Why"},
        "ui_warnings": {"id": "Peringatan", "en": "Warnings"},
        "ui_save_as": {"id": "Simpan sebagai skenario baru", "en": "Save as a new scenario"},
        "ui_save_name": {"id": "Nama skenario", "en": "Scenario name"},
        "ui_saved": {
            "id": "Tersimpan di sesi ini sebagai {name}; bisa dibandingkan di halaman Bandingkan.",
            "en": "Kept in this session as {name}; compare it on the Compare page.",
        },
        "ui_reset": {"id": "Kembalikan ke semula", "en": "Undo my changes"},
        "ui_download_yaml": {"id": "Unduh skenario (YAML)", "en": "Download scenario (YAML)"},
        "ui_col_group": {"id": "Kelompok", "en": "Group"},
        "ui_col_source": {"id": "Sumber", "en": "Source"},
        "ui_col_region": {"id": "Wilayah", "en": "Region"},
        "ui_col_eligible": {"id": "Layak", "en": "Eligible"},
        "ui_col_elsewhere": {"id": "Dicakup lain", "en": "Covered elsewhere"},
        "ui_col_funded": {"id": "Dibiayai", "en": "Funded"},
        "ui_col_covered": {"id": "Terlindungi", "en": "Covered"},
        "ui_col_share": {"id": "Cakupan", "en": "Share"},
        "ui_col_cost": {"id": "Biaya", "en": "Cost"},
        "ui_col_unit_cost": {"id": "Iuran per orang", "en": "Premium per worker"},
        "ui_col_workers": {"id": "Pekerja", "en": "Workers"},
        "ui_col_available": {"id": "Tersedia", "en": "Available"},
        "ui_col_spent": {"id": "Terpakai", "en": "Spent"},
        "ui_col_unspent": {"id": "Sisa", "en": "Unspent"},
        "ui_col_budget": {"id": "Pagu (Rp)", "en": "Budget (Rp)"},
        "ui_col_cut": {"id": "Pemotongan sendiri", "en": "Own cut"},
        "ui_col_protected": {"id": "Dilindungi", "en": "Protected"},
        "ui_col_kind": {"id": "Jenis", "en": "Kind"},
        "ui_col_may_pay": {"id": "Boleh membayar", "en": "May pay for"},
        "ui_col_name": {"id": "Nama", "en": "Name"},
        "ui_col_premium": {"id": "Iuran/bulan (Rp)", "en": "Premium/month (Rp)"},
        "ui_col_rule": {"id": "Aturan iuran", "en": "Premium rule"},
        "ui_col_months": {"id": "Bulan", "en": "Months"},
        "ui_col_start": {"id": "Mulai bulan", "en": "From month"},
        "ui_col_mandate": {"id": "Mandat", "en": "Mandate"},
        "ui_col_ceiling": {"id": "Batas atas", "en": "Ceiling"},
        "ui_cut_title": {"id": "Uji pemotongan anggaran", "en": "Test a budget cut"},
        "ui_cut_range": {"id": "Rentang pemotongan", "en": "Range of cuts"},
        "ui_cut_steps": {"id": "Jumlah titik", "en": "Points"},
        "ui_cut_curve": {
            "id": "Pekerja terlindungi menurut pemotongan global",
            "en": "Workers covered by global cut",
        },
        "ui_with_protection": {"id": "Dengan perlindungan", "en": "With protection"},
        "ui_without_protection": {"id": "Tanpa perlindungan", "en": "Without protection"},
        "ui_max_cut": {
            "id": "Pemotongan terbesar yang memenuhi semua mandat",
            "en": "Largest cut that meets every mandate",
        },
        "ui_max_cut_none": {
            "id": "Mandat tidak terpenuhi bahkan tanpa pemotongan",
            "en": "Mandates cannot be met even without a cut",
        },
        "ui_breakpoints": {"id": "Titik patah", "en": "Breakpoints"},
        "ui_cut_points": {"id": "Titik kurva", "en": "Curve points"},
        "ui_download_csv": {"id": "Unduh CSV", "en": "Download CSV"},
        "ui_need_title": {
            "id": "Berapa dana untuk mencapai target?",
            "en": "How much money reaches a target?",
        },
        "ui_need_source_all": {"id": "Setiap sumber", "en": "Each source"},
        "ui_need_extra": {"id": "Tambahan dana tersedia", "en": "Extra available money"},
        "ui_need_budget": {"id": "Tambahan pagu", "en": "Extra budget line"},
        "ui_need_answer": {"id": "Jawaban", "en": "Answer"},
        "ui_compare_title": {"id": "Bandingkan skenario", "en": "Compare scenarios"},
        "ui_compare_pick": {
            "id": "Pilih 2 sampai 10 skenario",
            "en": "Pick 2 to 10 scenarios",
        },
        "ui_compare_baseline": {"id": "Pembanding", "en": "Baseline"},
        "ui_compare_pick_more": {
            "id": "Pilih minimal dua skenario untuk dibandingkan.",
            "en": "Pick at least two scenarios to compare.",
        },
        "ui_compare_totals": {"id": "Ringkasan", "en": "Totals"},
        "ui_compare_inputs": {"id": "Masukan yang berbeda", "en": "Inputs that differ"},
        "ui_compare_groups": {"id": "Per kelompok", "en": "By group"},
        "ui_compare_sources": {"id": "Per sumber dana", "en": "By source"},
        "ui_compare_chart": {
            "id": "Pekerja terlindungi per kelompok",
            "en": "Workers covered by group",
        },
        "ui_compare_same": {"id": "Tidak ada masukan yang berbeda.", "en": "No input differs."},
    }
)
