"""The words of a comparison, in Bahasa Indonesia and English: the texts and the labels.

Every ``cmp_*`` text (titles, column headers, measures, input fields, values, premiums) is
registered in :mod:`planner.i18n` when this module is imported; :mod:`planner.compare` imports it,
so whoever imports the comparison (the CLI, the app's comparison view, the Excel export) can look
the words up. The label helpers name an input field or item in one language.

It depends on :mod:`planner.i18n` only: the computing (:mod:`planner.compare`) and the rendering
(:mod:`planner.compare.render`) both stand on it.
"""

from __future__ import annotations

from typing import Final

from planner.i18n import LANGS, register, t

__all__ = ["KIND_NAMES", "check_lang", "field_label", "item_label"]

# kinds of source by the names budget documents give them, the same in both languages
KIND_NAMES: Final = {"apbd": "APBD", "apbdes": "APBDes", "dbh_sawit": "DBH sawit", "csr": "CSR",
                     "zakat": "zakat"}

register(
    {
        "cmp_title": {"id": "Perbandingan skenario", "en": "Scenario comparison"},
        "cmp_baseline_line": {"id": "Pembanding: {name}", "en": "Baseline: {name}"},
        "cmp_is_baseline": {"id": "{name} (pembanding)", "en": "{name} (baseline)"},
        "cmp_diff": {"id": "selisih {name}", "en": "diff. {name}"},
        "cmp_points": {"id": "{value} poin", "en": "{value} pp"},
        "cmp_yes": {"id": "ya", "en": "yes"},
        "cmp_no": {"id": "tidak", "en": "no"},
        "cmp_status_optimal": {"id": "rencana optimal", "en": "optimal plan"},
        "cmp_status_infeasible": {"id": "tidak layak", "en": "infeasible"},
        "cmp_status_error": {"id": "gagal", "en": "failed"},
        "cmp_col_scenario": {"id": "Skenario", "en": "Scenario"},
        "cmp_col_scenario_name": {"id": "Nama di berkas", "en": "Name in the file"},
        "cmp_col_status": {"id": "Hasil", "en": "Outcome"},
        "cmp_col_item": {"id": "Bagian", "en": "Item"},
        "cmp_col_field": {"id": "Isian", "en": "Field"},
        "cmp_col_measure": {"id": "Ukuran", "en": "Measure"},
        "cmp_col_group": {"id": "Kelompok", "en": "Group"},
        "cmp_col_source": {"id": "Sumber dana", "en": "Funding source"},
        "cmp_section_totals": {"id": "Ringkasan", "en": "Totals"},
        "cmp_section_inputs": {"id": "Masukan yang berbeda", "en": "Inputs that differ"},
        "cmp_no_input_diff": {"id": "Semua masukan sama.", "en": "All inputs are the same."},
        "cmp_section_by_group": {"id": "Per kelompok pekerja - {measure}",
                                 "en": "By worker group - {measure}"},
        "cmp_section_by_source": {"id": "Per sumber dana - {measure}",
                                  "en": "By funding source - {measure}"},
        "cmp_section_diagnosis": {"id": "Mengapa tidak ada rencana",
                                  "en": "Why there is no plan"},
        "cmp_legend": {
            "id": "'-' berarti tidak ada (tidak ada di skenario itu, atau skenario tanpa rencana); "
            "selisih = nilai dikurangi nilai pembanding; poin = poin persentase",
            "en": "'-' means missing (not in that scenario, or a scenario without a plan); "
            "diff. = value minus the baseline's; pp = percentage points",
        },
        "cmp_item_scenario": {"id": "Skenario", "en": "Scenario"},
        "cmp_item_policy": {"id": "Kebijakan", "en": "Policy"},
        "cmp_item_group": {"id": "Kelompok: {name}", "en": "Group: {name}"},
        "cmp_item_source": {"id": "Sumber: {name}", "en": "Source: {name}"},
        "cmp_item_region": {"id": "Wilayah: {name}", "en": "Region: {name}"},
        "cmp_measure_funded": {"id": "Dibiayai", "en": "Funded"},
        "cmp_measure_covered": {"id": "Terlindungi", "en": "Covered"},
        "cmp_measure_share": {"id": "Cakupan", "en": "Share covered"},
        "cmp_measure_cost": {"id": "Biaya", "en": "Cost"},
        "cmp_measure_available": {"id": "Dana tersedia", "en": "Money available"},
        "cmp_measure_spent": {"id": "Terpakai", "en": "Spent"},
        "cmp_measure_unspent": {"id": "Sisa dana", "en": "Money left"},
        "cmp_measure_workers": {"id": "Pekerja dibayar", "en": "Workers paid for"},
        "cmp_measure_status": {"id": "Status hasil", "en": "Status"},
        "cmp_measure_covered_workers": {"id": "Pekerja dibiayai", "en": "Workers funded"},
        "cmp_measure_bound_covered": {"id": "Batas atas pekerja", "en": "Upper bound on workers"},
        "cmp_measure_total_cost": {"id": "Belanja", "en": "Spend"},
        "cmp_field_year": {"id": "Tahun anggaran", "en": "Budget year"},
        "cmp_field_objective": {"id": "Tujuan", "en": "Objective"},
        "cmp_field_global_cut": {"id": "Pemotongan global", "en": "Global cut"},
        "cmp_field_target_covered": {"id": "Target pekerja", "en": "Target workers"},
        "cmp_field_min_region_share": {"id": "Cakupan minimum per wilayah",
                                       "en": "Minimum share per region"},
        "cmp_field_funding_rules": {"id": "Aturan pendanaan", "en": "Funding rules"},
        "cmp_field_premium_discounts": {"id": "Diskon iuran", "en": "Premium discounts"},
        "cmp_field_discount_readings": {"id": "Bacaan diskon per pembayar",
                                        "en": "Discount reading by payer"},
        "cmp_field_sharing": {"id": "Pembagian bila dana kurang",
                              "en": "Sharing when money is short"},
        "cmp_field_spend_order": {"id": "Urutan pemakaian dana", "en": "Order money is used in"},
        "cmp_field_priority": {"id": "Prioritas", "en": "Priority"},
        "cmp_value_sharing_most_workers": {"id": "pekerja terbanyak", "en": "most workers"},
        "cmp_value_sharing_equal_share": {"id": "dibagi rata", "en": "equal shares"},
        "cmp_field_name": {"id": "Nama", "en": "Name"},
        "cmp_field_kind": {"id": "Jenis sumber", "en": "Source kind"},
        "cmp_field_budget": {"id": "Anggaran", "en": "Budget"},
        "cmp_field_cut": {"id": "Pemotongan sendiri", "en": "Own cut"},
        "cmp_field_protected": {"id": "Dilindungi dari pemotongan", "en": "Protected from cuts"},
        "cmp_field_groups": {"id": "Kelompok yang boleh dibayar", "en": "Groups it may pay for"},
        "cmp_field_regions": {"id": "Wilayah yang boleh dibayar", "en": "Regions it may pay for"},
        "cmp_field_eligible": {"id": "Pekerja layak", "en": "Eligible workers"},
        "cmp_field_covered_elsewhere": {"id": "Dicakup pihak lain", "en": "Covered elsewhere"},
        "cmp_field_premium": {"id": "Iuran", "en": "Premium"},
        "cmp_field_unit_cost": {"id": "Biaya per pekerja", "en": "Cost per worker"},
        "cmp_field_months": {"id": "Lama perlindungan (bulan)", "en": "Months of cover"},
        "cmp_field_start_month": {"id": "Bulan mulai", "en": "Start month"},
        "cmp_field_sector": {"id": "Sektor", "en": "Sector"},
        "cmp_field_tags": {"id": "Tanda", "en": "Tags"},
        "cmp_field_weight": {"id": "Bobot", "en": "Weight"},
        "cmp_field_min_share": {"id": "Mandat (porsi minimum)", "en": "Mandate (minimum share)"},
        "cmp_field_max_share": {"id": "Batas atas (porsi)", "en": "Ceiling (maximum share)"},
        "cmp_value_all": {"id": "semua", "en": "all"},
        "cmp_value_objective_max_covered": {"id": "pekerja sebanyak mungkin",
                                            "en": "as many workers as possible"},
        "cmp_value_objective_max_worker_months": {"id": "bulan perlindungan sebanyak mungkin",
                                                  "en": "as many worker-months as possible"},
        "cmp_value_objective_min_cost": {"id": "biaya terkecil untuk target",
                                         "en": "least cost for the target"},
        "cmp_value_funding_rules_strict": {"id": "ketat", "en": "strict"},
        "cmp_value_funding_rules_off": {"id": "tidak diterapkan", "en": "not applied"},
        "cmp_value_kind_province": {"id": "provinsi", "en": "province"},
        "cmp_value_kind_other": {"id": "lainnya", "en": "other"},
        "cmp_value_sector_transport": {"id": "transportasi", "en": "transport"},
        "cmp_value_sector_other": {"id": "lainnya", "en": "other"},
        "cmp_value_tag_village_apparatus": {"id": "aparatur desa", "en": "village apparatus"},
        "cmp_value_tag_palm_plantation": {"id": "perkebunan sawit", "en": "palm plantation"},
        "cmp_premium_monthly": {"id": "{amount} per bulan", "en": "{amount} a month"},
        "cmp_premium_bpu": {"id": "BPU, penghasilan {income}, {programmes}",
                            "en": "BPU, declared income {income}, {programmes}"},
        "cmp_premium_wage": {"id": "upah {wage}, kelas risiko JKK {jkk_class}, {programmes}",
                             "en": "wage {wage}, JKK risk class {jkk_class}, {programmes}"},
    }
)


def check_lang(lang: str) -> None:
    """Raise ``ValueError`` unless ``lang`` is a language the words are written in."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, got {lang!r}")


def field_label(field: str, lang: str) -> str:
    """Name an input field with its file name: ``Anggaran (budget)``, ``... (eligible) [r1]``."""
    base, bracket, rest = field.partition("[")
    return f"{t(f'cmp_field_{base}', lang)} ({base}){' [' + rest if bracket else ''}"


def item_label(item: str, name: str, lang: str) -> str:
    """Name an input item: ``Kebijakan``, ``Sumber: APBD`` (its id when it has no name)."""
    kind, _, item_id = item.partition(":")
    if not item_id:
        return t(f"cmp_item_{kind}", lang)
    return t(f"cmp_item_{kind}", lang, name=name or item_id)
