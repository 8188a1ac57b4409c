"""Every label of the app, in Bahasa Indonesia and English (registered with planner.i18n)."""

from __future__ import annotations

from planner.i18n import register, t

__all__ = ["LANGUAGE_NAMES", "kind_label"]

LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}
# kinds of source by the names budget documents give them, the same in both languages
KIND_NAMES = {"apbd": "APBD", "apbdes": "APBDes", "dbh_sawit": "DBH sawit", "csr": "CSR",
              "zakat": "zakat"}


def kind_label(kind: str, lang: str) -> str:
    """Name a kind of funding source: ``APBD``, ``DBH sawit``, ``provinsi``."""
    return KIND_NAMES.get(kind) or t(f"ui_kind_{kind}", lang)


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
        "ui_all_columns": {"id": "Tampilkan semua kolom", "en": "Show every column"},
        "ui_all_columns_help": {
            "id": "Dengan rencana pembanding, tabel menampilkan perubahan dan melewatkan kolom "
            "dicakup lain, terlindungi, sisa, bisa dipotong dan pekerja agar muat di layar "
            "1024 px; semuanya tetap ada di cetakan, bahan rapat (PDF) dan Excel.",
            "en": "With a plan to compare with, the tables show the change and leave out other "
            "cover, covered, unspent, spare and workers so they fit a 1024 px screen; all of "
            "them stay in print, the hand-out (PDF) and Excel.",
        },
        "ui_origin_example": {"id": "contoh", "en": "example"},
        "ui_origin_upload": {"id": "unggahan", "en": "upload"},
        "ui_origin_edited": {"id": "diubah", "en": "edited"},
        "ui_download_xlsx": {"id": "Unduh Excel", "en": "Download Excel"},
        "ui_download_plan_xlsx": {"id": "Unduh rencana (Excel)",
                                  "en": "Download the plan (Excel)"},
        "ui_upload": {
            "id": "Unggah skenario (YAML, atau templat Excel yang sudah diisi)",
            "en": "Upload a scenario (YAML, or a filled Excel template)",
        },
        "ui_upload_invalid": {
            "id": "{file} tidak dapat dipakai; perbaiki hal berikut lalu unggah lagi:",
            "en": "{file} cannot be used; fix these and upload it again:",
        },
        "ui_caption": {"id": "Skenario: {name} ({file})", "en": "Scenario: {name} ({file})"},
        "ui_caption_edited": {
            "id": "Skenario: {name} ({file}), dengan perubahan di halaman Rencana yang belum "
            "disimpan",
            "en": "Scenario: {name} ({file}), with changes made on the Plan page, not saved",
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
        "ui_exact": {"id": "Tepatnya {value}", "en": "Exactly {value}"},
        "ui_exact_change": {
            "id": "Tepatnya {value}; dibanding skenario tersimpan {delta}",
            "en": "Exactly {value}; against the saved scenario {delta}",
        },
        "ui_points": {"id": "{value} poin", "en": "{value} points"},
        "ui_share_help": {
            "id": "{covered} dari {eligible} pekerja layak terlindungi (termasuk yang dicakup "
            "pihak lain)",
            "en": "{covered} of {eligible} eligible workers covered (including those covered "
            "elsewhere)",
        },
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
        "ui_funding_rules_strict": {"id": "Ketat", "en": "Strict"},
        "ui_funding_rules_off": {"id": "Tidak diterapkan", "en": "Not applied"},
        "ui_funding_rules_help": {
            "id": "Ketat: APBDes hanya membayar aparatur desa dan LKD, DBH sawit hanya pekerja "
            "perkebunan sawit, zakat hanya pekerja mustahik. Tidak diterapkan: setiap sumber "
            "boleh membayar kelompok yang tercantum di daftarnya sendiri.",
            "en": "Strict: APBDes pays only for village officials and LKD, DBH sawit only for "
            "palm plantation workers, zakat only for mustahik workers. Not applied: each source "
            "may pay for the groups on its own list.",
        },
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
        "ui_chart_by_group": {
            "id": "Pekerja terlindungi per kelompok",
            "en": "Workers covered by group",
        },
        "ui_chart_by_source": {
            "id": "Belanja per sumber dana",
            "en": "Spend by funding source",
        },
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
        "ui_col_elsewhere": {"id": "Dicakup lain", "en": "Other cover"},
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
        "ui_col_id": {"id": "Kode", "en": "Code"},
        "ui_col_status": {"id": "Status", "en": "Status"},
        "ui_col_may_pay_help": {
            "id": "Pilih 'semua', atau kelompok yang boleh dibayar sumber ini",
            "en": "Pick 'all', or the groups this source may pay for",
        },
        "ui_all": {"id": "semua", "en": "all"},
        "ui_add_group_name": {"id": "Nama kelompok baru", "en": "Name of a new group"},
        "ui_add_group": {"id": "Tambah kelompok", "en": "Add the group"},
        "ui_add_source_name": {"id": "Nama sumber dana baru", "en": "Name of a new source"},
        "ui_add_source": {"id": "Tambah sumber dana", "en": "Add the source"},
        "ui_kind_province": {"id": "provinsi", "en": "province"},
        "ui_kind_other": {"id": "lainnya", "en": "other"},
        "ui_rule_bpu": {"id": "BPU, penghasilan {income}", "en": "BPU, declared income {income}"},
        "ui_rule_wage": {
            "id": "upah {wage}, kelas risiko JKK {jkk_class}",
            "en": "wage {wage}, JKK risk class {jkk_class}",
        },
        "ui_col_premium": {"id": "Iuran/bulan (Rp)", "en": "Premium/month (Rp)"},
        "ui_col_rule": {"id": "Aturan iuran", "en": "Premium rule"},
        "ui_col_months": {"id": "Bulan", "en": "Months"},
        "ui_col_start": {"id": "Mulai bulan", "en": "From month"},
        "ui_col_mandate": {"id": "Mandat", "en": "Mandate"},
        "ui_col_ceiling": {"id": "Batas atas", "en": "Ceiling"},
        "ui_cut": {"id": "Pemotongan", "en": "Cut"},
        "ui_status_optimal": {"id": "optimal", "en": "optimal"},
        "ui_status_infeasible": {"id": "tidak layak", "en": "infeasible"},
        "ui_status_error": {"id": "gagal", "en": "failed"},
        "ui_cut_title": {"id": "Uji pemotongan anggaran", "en": "Test a budget cut"},
        "ui_cut_range": {"id": "Rentang pemotongan", "en": "Range of cuts"},
        "ui_cut_steps": {"id": "Titik pada kurva", "en": "Points on the curve"},
        "ui_cut_curve": {
            "id": "Pekerja dibiayai menurut pemotongan global",
            "en": "Workers funded at each global cut",
        },
        "ui_cut_now": {"id": "sekarang {cut}", "en": "now {cut}"},
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
        "ui_need_now": {"id": "Pekerja dibiayai sekarang", "en": "Workers funded now"},
        "ui_need_more": {"id": "Kurang dari target", "en": "Short of the target"},
        "ui_need_extra_help": {
            "id": "Dana tambahan yang harus tersedia di sumber ini, setelah pemotongan",
            "en": "Money this source must have in addition, after cuts",
        },
        "ui_need_budget_help": {
            "id": "Tambahan pagu sebelum pemotongan yang menyisakan dana tambahan itu",
            "en": "The extra budget line, before cuts, that leaves that money",
        },
        "ui_need_exact": {"id": "Tambahan pagu (rupiah penuh)", "en": "Extra budget line (exact)"},
        "ui_compare_title": {"id": "Bandingkan skenario", "en": "Compare scenarios"},
        "ui_compare_pick": {
            "id": "Pilih 2 sampai 10 skenario",
            "en": "Pick 2 to 10 scenarios",
        },
        "ui_compare_baseline": {"id": "Pembanding", "en": "Baseline"},
        "ui_compare_names": {"id": "**{column}**: {name}", "en": "**{column}**: {name}"},
        "ui_compare_names_draft": {
            "id": "**{column}**: {name}, dengan perubahan di halaman Rencana yang belum disimpan",
            "en": "**{column}**: {name}, with the changes made on the Plan page, not saved",
        },
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
        "ui_compare_measure": {"id": "Ukuran", "en": "Measure"},
        "ui_compare_field": {"id": "Isian", "en": "Field"},
        "ui_no_breakpoints": {
            "id": "Tidak ada kelompok yang kehilangan perlindungan dalam rentang ini.",
            "en": "No group loses cover in this range.",
        },
        "ui_compare_same": {"id": "Tidak ada masukan yang berbeda.", "en": "No input differs."},
        # who loses cover: priorities and sharing (plan page)
        "ui_col_priority": {"id": "Prioritas", "en": "Priority"},
        "ui_col_priority_help": {
            "id": "1 dilindungi lebih dulu: kelompok prioritas 2 baru mendapat dana setelah "
            "kelompok prioritas 1 terlindungi sejauh dana dan aturan memungkinkan, dan "
            "seterusnya (1 sampai 99)",
            "en": "1 is covered first: groups of priority 2 get money only once the groups of "
            "priority 1 are covered as far as money and rules allow, and so on (1 to 99)",
        },
        "ui_sharing": {"id": "Pembagian", "en": "Sharing"},
        "ui_sharing_most_workers": {"id": "Pekerja terbanyak", "en": "Most workers"},
        "ui_sharing_equal_share": {"id": "Dibagi rata", "en": "Equal share"},
        "ui_sharing_help": {
            "id": "Pekerja terbanyak: dana melindungi pekerja sebanyak mungkin, yang termurah "
            "lebih dulu. Dibagi rata: kelompok dengan prioritas sama mendapat cakupan yang sama "
            "sejauh dana dan aturan memungkinkan, baru kemudian pekerja terbanyak.",
            "en": "Most workers: the money covers as many workers as possible, the cheapest "
            "first. Equal share: groups of the same priority get the same coverage as far as "
            "money and rules allow, then the most workers.",
        },
        # the spare money of each source
        "ui_col_spare": {
            "id": "Bisa dipotong",
            "en": "Spare",
        },
        "ui_col_spare_help": {
            "id": "Rupiah yang bisa dipotong dari sumber ini saja tanpa seorang pekerja pun "
            "kehilangan perlindungan dan dengan semua mandat tetap terpenuhi",
            "en": "Rupiah this source alone could lose with nobody losing cover and every "
            "mandate still met",
        },
        # an infeasible scenario: the relaxed plan and what it falls short of
        "ui_relaxed_title": {
            "id": "**Rencana terdekat di bawah ini TIDAK memenuhi mandat berikut** (kurang "
            "{workers} pekerja; tidak ada rencana yang kurang dari {bound} pekerja):",
            "en": "**The nearest plan below does NOT meet these mandates** ({workers} workers "
            "short; no plan falls short by fewer than {bound}):",
        },
        "ui_shortfall": {
            "id": "{who}: kurang {workers} pekerja, biaya sekitar {cost}",
            "en": "{who}: {workers} workers short, about {cost}",
        },
        "ui_shortfall_in": {"id": "{group} di {region}", "en": "{group} in {region}"},
        "ui_shortfall_floor": {
            "id": "batas bawah wilayah {region}",
            "en": "the floor of region {region}",
        },
        # before and after: against the scenario without cuts, or the saved version
        "ui_compare_with": {"id": "Bandingkan dengan", "en": "Compare with"},
        "ui_against_no_cut": {"id": "Tanpa pemotongan", "en": "Without cuts"},
        "ui_against_saved": {"id": "Tersimpan: {label}", "en": "Saved: {label}"},
        "ui_col_change": {"id": "Perubahan", "en": "Change"},
        "ui_change_more": {
            "id": "dibanding {against}, rencana ini membiayai {n} pekerja lebih banyak",
            "en": "against {against}, this plan funds {n} more workers",
        },
        "ui_change_same": {
            "id": "dibanding {against}, jumlah pekerja yang dibiayai sama",
            "en": "against {against}, the same number of workers is funded",
        },
        "ui_change_losers": {
            "id": "{sentence}; yang berkurang: {losses}",
            "en": "{sentence}; fewer in: {losses}",
        },
        # the cut curve beyond the largest cut that meets every mandate
        "ui_mandates_met": {"id": "Memenuhi mandat", "en": "Mandates met"},
        "ui_mandates_not_met": {"id": "Tidak memenuhi mandat", "en": "Mandates not met"},
        # sign-in to the shared app (planner/ui/auth.py)
        "ui_auth_title": {"id": "Masuk ke perencana", "en": "Sign in to the planner"},
        "ui_auth_intro": {
            "id": "Perencana ini dipakai bersama di jaringan kantor. Masuk dengan akun yang "
            "dibuatkan admin untuk Anda.",
            "en": "This planner is shared on the office network. Sign in with the account "
            "your admin made for you.",
        },
        "ui_auth_username": {"id": "Nama pengguna", "en": "Username"},
        "ui_auth_password": {"id": "Kata sandi", "en": "Password"},
        "ui_auth_sign_in": {"id": "Masuk", "en": "Sign in"},
        "ui_auth_sign_out": {"id": "Keluar", "en": "Sign out"},
        "ui_auth_signed_in_as": {
            "id": "Masuk sebagai **{name}** ({user}, peran {role})",
            "en": "Signed in as **{name}** ({user}, role {role})",
        },
        "ui_auth_signed_out": {"id": "Anda sudah keluar.", "en": "You are signed out."},
        "ui_auth_expired": {
            "id": "Sesi berakhir setelah {minutes} menit tanpa kegiatan; silakan masuk lagi.",
            "en": "The session ended after {minutes} minutes without activity; please sign "
            "in again.",
        },
        "ui_auth_inactive": {
            "id": "Akun Anda dinonaktifkan; masuk dengan akun yang aktif.",
            "en": "Your account was disabled; sign in with an active account.",
        },
        "ui_auth_no_accounts": {
            "id": "Pustaka ini belum punya akun, jadi belum ada yang bisa masuk. Admin membuat "
            "akun pertama di server: `planner users add NAMA --role admin`.",
            "en": "This library has no accounts yet, so no one can sign in. An admin makes the "
            "first one on the server: `planner users add NAME --role admin`.",
        },
        "ui_auth_bad_setting": {
            "id": "PLANNER_AUTH={value} tidak dikenal; pakai PLANNER_AUTH=password (atau "
            "PLANNER_SHARED=1) atau PLANNER_AUTH=sso. Aplikasi tidak dibuka sampai "
            "pengaturannya benar.",
            "en": "PLANNER_AUTH={value} is not known; use PLANNER_AUTH=password (or "
            "PLANNER_SHARED=1) or PLANNER_AUTH=sso. The app stays closed until the setting is "
            "right.",
        },
        "ui_auth_sso_missing": {
            "id": "PLANNER_AUTH=sso meminta masuk lewat penyedia identitas kantor, tetapi "
            ".streamlit/secrets.toml tidak punya bagian [auth] (redirect_uri, cookie_secret, "
            "client_id, client_secret, server_metadata_url). Aplikasi tidak dibuka sampai "
            "bagian itu diisi (README: \"Single sign-on\").",
            "en": "PLANNER_AUTH=sso asks for sign-in through the office's identity provider, but "
            ".streamlit/secrets.toml has no [auth] section (redirect_uri, cookie_secret, "
            "client_id, client_secret, server_metadata_url). The app stays closed until it is "
            "filled in (README: \"Single sign-on\").",
        },
        "ui_auth_sso_intro": {
            "id": "Perencana ini dipakai bersama di jaringan kantor. Masuk dengan akun kantor "
            "Anda; peran Anda di sini diberikan admin perencana.",
            "en": "This planner is shared on the office network. Sign in with your office "
            "account; your role here is given by the planner's admin.",
        },
        "ui_auth_sso_sign_in": {"id": "Masuk dengan akun kantor", "en": "Sign in with the "
                                "office account"},
        "ui_auth_sso_unknown": {
            "id": "{email} sudah dikenali penyedia identitas kantor, tetapi tidak punya akun "
            "aktif di perencana ini. Minta admin membuatnya: `planner users add {email} --sso "
            "--role viewer`.",
            "en": "The office's identity provider knows {email}, but it has no active account "
            "in this planner. Ask the admin to make one: `planner users add {email} --sso "
            "--role viewer`.",
        },
        "ui_auth_no_library": {
            "id": "Masuk memerlukan pustaka skenario (tempat akun disimpan), tetapi pustaka "
            "tidak dapat dibuka: {detail}",
            "en": "Signing in needs the scenario library (where the accounts are), but it "
            "cannot be opened: {detail}",
        },
        "ui_auth_needs_role": {
            "id": "{what} perlu peran {role}; Anda masuk dengan peran {have}.",
            "en": "{what} needs the {role} role; you are signed in as {have}.",
        },
        "ui_auth_what_save": {"id": "Menyimpan versi", "en": "Saving a version"},
        "ui_auth_what_comparison": {"id": "Menyimpan perbandingan", "en": "Saving a comparison"},
        "ui_auth_what_admin": {
            "id": "Menjadikan versi lama terbaru, menghapus dan membatalkan hapus",
            "en": "Making an old version the newest, deleting and bringing back",
        },
        "ui_auth_what_delete_comparison": {
            "id": "Menghapus perbandingan",
            "en": "Deleting a comparison",
        },
    }
)
