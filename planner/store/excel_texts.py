"""The words of the Excel export (sheet names, headers, summary fields), Indonesian and English.

Kept apart from :mod:`planner.store.excel` so the export code reads without a page of words;
registered in :mod:`planner.i18n` by that module.
"""

from __future__ import annotations

from typing import Final

__all__ = ["EXCEL_TEXTS"]

EXCEL_TEXTS: Final[dict[str, dict[str, str]]] = {
    "xl_sheet_summary": {"id": "Ringkasan", "en": "Summary"},
    "xl_sheet_allocation": {"id": "Alokasi", "en": "Allocation"},
    "xl_sheet_by_group": {"id": "Per kelompok", "en": "By group"},
    "xl_sheet_by_source": {"id": "Per sumber dana", "en": "By source"},
    "xl_sheet_by_region": {"id": "Per wilayah", "en": "By region"},
    "xl_sheet_messages": {"id": "Penjelasan", "en": "Explanations"},
    "xl_sheet_inputs_differ": {"id": "Masukan berbeda", "en": "Inputs that differ"},
    "xl_sheet_totals": {"id": "Total", "en": "Totals"},
    "xl_sheet_diagnosis": {"id": "Diagnosis", "en": "Diagnosis"},
    "xl_field": {"id": "Isian", "en": "Field"},
    "xl_value": {"id": "Nilai", "en": "Value"},
    "xl_remark": {"id": "Keterangan", "en": "Remark"},
    "xl_sum_scenario": {"id": "Skenario", "en": "Scenario"},
    "xl_sum_file_name": {"id": "Nama di berkas", "en": "Name in the file"},
    "xl_sum_version": {"id": "Versi", "en": "Version"},
    "xl_sum_hash": {"id": "Hash isi", "en": "Content hash"},
    "xl_sum_planner": {"id": "Versi perencana", "en": "Planner version"},
    "xl_sum_solver": {"id": "Pemecah", "en": "Solver"},
    "xl_sum_created": {"id": "Dibuat", "en": "Created"},
    "xl_sum_author": {"id": "Penulis", "en": "Author"},
    "xl_sum_note": {"id": "Catatan", "en": "Note"},
    "xl_sum_year": {"id": "Tahun anggaran", "en": "Budget year"},
    "xl_sum_objective": {"id": "Tujuan", "en": "Objective"},
    "xl_sum_global_cut": {"id": "Pemotongan global", "en": "Global cut"},
    "xl_sum_status": {"id": "Status", "en": "Status"},
    "xl_sum_covered": {"id": "Pekerja dibiayai", "en": "Workers funded"},
    "xl_sum_bound": {"id": "Batas atas pekerja", "en": "Upper bound on workers"},
    "xl_sum_gap": {"id": "Selisih ke batas atas", "en": "Gap to the bound"},
    "xl_sum_eligible": {"id": "Pekerja layak", "en": "Eligible workers"},
    "xl_sum_share": {
        "id": "Cakupan (termasuk dicakup pihak lain)",
        "en": "Share covered (with those covered elsewhere)",
    },
    "xl_sum_spent": {"id": "Belanja", "en": "Spend"},
    "xl_sum_cost_bound": {
        "id": "Belanja terendah yang mungkin untuk cakupan ini",
        "en": "Least possible spend for this cover",
    },
    "xl_sum_available": {
        "id": "Dana tersedia (setelah pemotongan)",
        "en": "Money available (after cuts)",
    },
    "xl_sum_unspent": {"id": "Sisa dana", "en": "Money left"},
    "xl_sum_headline": {"id": "Ringkasan", "en": "Headline"},
    "xl_headline": {
        "id": "Pekerja dibiayai {covered} (batas atas {bound}); belanja {spent} "
        "({spent_full}); sisa dana {unspent}",
        "en": "Workers funded {covered} (bound {bound}); spend {spent} ({spent_full}); money "
        "left {unspent}",
    },
    "xl_inputs_note": {
        "id": "Masukan skenario ada di lembar {sheets}; berkas ini dapat diunggah lagi "
        "sebagai templat skenario.",
        "en": "The scenario's inputs are on the sheets {sheets}; this file can be uploaded "
        "again as a scenario template.",
    },
    "xl_status_optimal": {"id": "optimal", "en": "optimal"},
    "xl_status_infeasible": {"id": "tidak layak", "en": "infeasible"},
    "xl_status_error": {"id": "gagal", "en": "failed"},
    "xl_no_plan": {
        "id": "Tidak ada rencana: skenario ini tidak layak (lihat lembar Penjelasan).",
        "en": "No plan: this scenario is infeasible (see the Explanations sheet).",
    },
    "xl_no_regions": {
        "id": "Skenario ini tidak dibagi per wilayah.",
        "en": "This scenario is not split by region.",
    },
    "xl_no_messages": {"id": "Tidak ada pesan.", "en": "No messages."},
    "xl_no_diagnosis": {"id": "Setiap skenario punya rencana.", "en": "Every scenario has a plan."},
    "xl_kind_explanation": {"id": "Penjelasan", "en": "Explanation"},
    "xl_kind_warning": {"id": "Peringatan", "en": "Warning"},
    "xl_kind_diagnosis": {"id": "Diagnosis", "en": "Diagnosis"},
    "xl_col_kind": {"id": "Jenis pesan", "en": "Kind"},
    "xl_col_code": {"id": "Kode", "en": "Code"},
    "xl_col_message": {"id": "Pesan", "en": "Message"},
    "xl_col_group": {"id": "ID kelompok", "en": "Group id"},
    "xl_col_group_name": {"id": "Kelompok", "en": "Group"},
    "xl_col_region": {"id": "ID wilayah", "en": "Region id"},
    "xl_col_region_name": {"id": "Wilayah", "en": "Region"},
    "xl_col_source": {"id": "ID sumber", "en": "Source id"},
    "xl_col_source_name": {"id": "Sumber dana", "en": "Funding source"},
    "xl_col_name": {"id": "Nama", "en": "Name"},
    "xl_col_workers": {"id": "Pekerja", "en": "Workers"},
    "xl_col_unit_cost": {"id": "Biaya per pekerja", "en": "Cost per worker"},
    "xl_col_cost": {"id": "Biaya", "en": "Cost"},
    "xl_col_eligible": {"id": "Pekerja layak", "en": "Eligible"},
    "xl_col_covered_elsewhere": {"id": "Dicakup pihak lain", "en": "Covered elsewhere"},
    "xl_col_funded": {"id": "Dibiayai", "en": "Funded"},
    "xl_col_covered": {"id": "Terlindungi", "en": "Covered"},
    "xl_col_share": {"id": "Cakupan", "en": "Share covered"},
    "xl_col_mandate": {"id": "Mandat (pekerja)", "en": "Mandate (workers)"},
    "xl_col_months": {"id": "Bulan", "en": "Months"},
    "xl_col_kind_source": {"id": "Jenis", "en": "Kind"},
    "xl_col_budget": {"id": "Anggaran", "en": "Budget"},
    "xl_col_cut": {"id": "Pemotongan sendiri", "en": "Own cut"},
    "xl_col_protected": {"id": "Dilindungi", "en": "Protected"},
    "xl_col_available": {"id": "Dana tersedia", "en": "Available"},
    "xl_col_spent": {"id": "Terpakai", "en": "Spent"},
    "xl_col_unspent": {"id": "Sisa dana", "en": "Left"},
    "xl_col_floor": {"id": "Batas bawah pemerataan (pekerja)", "en": "Equity floor (workers)"},
    "xl_col_baseline": {"id": "Pembanding", "en": "Baseline"},
    "xl_col_measure": {"id": "Ukuran", "en": "Measure"},
    "xl_col_item": {"id": "Bagian", "en": "Item"},
    "xl_col_field": {"id": "Isian", "en": "Field"},
    "xl_col_scenario": {"id": "Skenario", "en": "Scenario"},
    "xl_col_basis": {"id": "Dasar angka", "en": "Basis"},
    "xl_col_assumed": {"id": "Angka ilustratif", "en": "Illustrative figure"},
    "xl_col_part_of": {"id": "Bagian dari kelompok", "en": "Part of group"},
    "xl_sheet_basis": {"id": "Dasar angka", "en": "Basis"},
    "xl_sheet_budget_lines": {"id": "Rincian belanja (SIPD)", "en": "Budget lines (SIPD)"},
    "xl_budget_lines_note": {
        "id": "Satu baris per sumber dana, program (JKK, JKM, JHT), kelompok dan bulan dengan "
        "harga yang sama; jumlahnya sama dengan belanja rencana sampai rupiah. Kode rekening: "
        "{regulation}; daerah dapat memakai kodenya sendiri (policy.account_codes). APB Desa "
        "dan sumber di luar APBD tidak berkode SIPD.",
        "en": "One line per funding source, programme (JKK, JKM, JHT), group and run of months at "
        "one price; they add up to the plan's spend to the rupiah. Account codes: {regulation}; a "
        "region may use its own (policy.account_codes). Village budgets and sources outside the "
        "APBD have no SIPD code.",
    },
    "xl_basis_rules": {"id": "Tarif, diskon dan aturan pendanaan",
                       "en": "Rates, discounts and funding rules"},
    "xl_basis_readings": {"id": "Bacaan diskon", "en": "Discount readings"},
    "xl_yes": {"id": "ya", "en": "yes"},
    "xl_no": {"id": "tidak", "en": "no"},
    # the spare money of a source, and what the cuts cost
    "xl_col_spare": {
        "id": "Bisa dipotong tanpa mengurangi pekerja",
        "en": "Spare (no one loses cover)",
    },
    "xl_col_funded_before": {"id": "Dibiayai tanpa pemotongan", "en": "Funded without cuts"},
    "xl_col_funded_after": {"id": "Dibiayai dengan pemotongan", "en": "Funded with the cuts"},
    "xl_col_funded_change": {"id": "Perubahan dibiayai", "en": "Change in funded"},
    "xl_col_spent_before": {"id": "Terpakai tanpa pemotongan", "en": "Spent without cuts"},
    "xl_col_spent_after": {"id": "Terpakai dengan pemotongan", "en": "Spent with the cuts"},
    "xl_col_spent_change": {"id": "Perubahan terpakai", "en": "Change in spent"},
    # a re-plan from a month (APBD-P): the columns planner.engine.results adds for it
    "xl_col_enrolled": {"id": "Terdaftar", "en": "Enrolled"},
    "xl_col_kept": {"id": "Dilanjutkan", "en": "Kept"},
    "xl_col_dropped": {"id": "Berhenti", "en": "Dropped"},
    "xl_col_new": {"id": "Baru", "en": "New"},
    "xl_col_spent_to_date": {"id": "Sudah dibayar", "en": "Paid to date"},
    "xl_sum_from_month": {"id": "Rencana ulang mulai bulan", "en": "Re-planned from month"},
    "xl_from_month_note": {
        "id": "Dana tersedia, terpakai, sisa dan pekerja dibiayai dihitung mulai bulan ini; "
        "Sudah dibayar: sebelum bulan ini",
        "en": "Money available, spent, left and workers funded count from this month; Paid to "
        "date: before it",
    },
    # an infeasible scenario: the relaxed plan and its shortfalls
    "xl_sheet_shortfalls": {"id": "Kekurangan mandat", "en": "Mandate shortfalls"},
    "xl_col_short": {"id": "Kurang (pekerja)", "en": "Short (workers)"},
    "xl_col_short_cost": {"id": "Biaya kekurangan", "en": "Cost of the shortfall"},
    "xl_region_floor": {"id": "(batas bawah wilayah)", "en": "(regional floor)"},
    "xl_shortfalls_note": {
        "id": "Rencana di lembar lain TIDAK memenuhi mandat di atas; tidak ada rencana yang "
        "kurang dari {bound} pekerja.",
        "en": "The plan on the other sheets does NOT meet the mandates above; no plan falls "
        "short by fewer than {bound} workers.",
    },
    "xl_relaxed_note": {
        "id": "Rencana terdekat: TIDAK memenuhi semua mandat (lihat lembar Kekurangan mandat).",
        "en": "Nearest plan: does NOT meet every mandate (see the Mandate shortfalls sheet).",
    },
    "xl_relaxed_headline": {
        "id": "Rencana terdekat, TIDAK memenuhi mandat: {headline}",
        "en": "Nearest plan, does NOT meet the mandates: {headline}",
    },
    "xl_sum_mandates": {"id": "Mandat", "en": "Mandates"},
    "xl_mandates_met": {"id": "terpenuhi", "en": "met"},
    "xl_mandates_not_met": {
        "id": "TIDAK terpenuhi: kurang {workers} pekerja (lihat lembar Kekurangan mandat)",
        "en": "NOT met: {workers} workers short (see the Mandate shortfalls sheet)",
    },
}
