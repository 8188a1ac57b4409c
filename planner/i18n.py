"""Every word shown to people, in Bahasa Indonesia (default) and English.

Code, identifiers and JSON keys stay English; this table holds what a person reads. ``t(key, lang,
**params)`` looks a text up and fills in its ``{placeholders}``; an unknown key is a bug and raises.
"""

from __future__ import annotations

from typing import Any

__all__ = ["LANGS", "DEFAULT_LANG", "t", "TEXT"]

LANGS = ("id", "en")
DEFAULT_LANG = "id"

TEXT: dict[str, dict[str, str]] = {
    # --- scenario validation -----------------------------------------------------------------
    "not_a_mapping": {
        "id": "berkas skenario harus berisi pasangan kunci: nilai (name:, groups:, sources:, ...)",
        "en": "a scenario file must hold key: value pairs (name:, groups:, sources:, ...)",
    },
    "missing_field": {
        "id": "kolom wajib ini belum diisi; tambahkan",
        "en": "this required field is missing; add it",
    },
    "unknown_field": {
        "id": "kolom tidak dikenal; periksa ejaannya (lihat format skenario di README)",
        "en": "unknown field; check its spelling (see the scenario format in the README)",
    },
    "duplicate_id": {
        "id": "id ini sudah dipakai di {family}; setiap id harus unik",
        "en": "this id is already used in {family}; every id must be unique",
    },
    "region_id_all": {
        "id": "'all' dicadangkan untuk rencana tanpa wilayah; pakai id lain",
        "en": "'all' is reserved for a plan without regions; use another id",
    },
    "unknown_group": {
        "id": "kelompok pekerja ini tidak ada; yang ada: {known}",
        "en": "no such worker group; known groups: {known}",
    },
    "unknown_region": {
        "id": "wilayah ini tidak ada; yang ada: {known}",
        "en": "no such region; known regions: {known}",
    },
    "per_region_without_regions": {
        "id": "angka per wilayah diberikan tetapi skenario tidak punya regions:; tulis satu angka "
        "atau tambahkan daftar regions",
        "en": "per-region figures given but the scenario has no regions:; write one number or "
        "add a regions list",
    },
    "eligible_missing_regions": {
        "id": "jumlah pekerja layak harus diberikan untuk setiap wilayah; tambahkan: {missing} "
        "(tulis 0 bila tidak ada)",
        "en": "eligible must be given for every region; add: {missing} (write 0 where there are "
        "none)",
    },
    "scalar_with_regions": {
        "id": "skenario ini punya wilayah; tulis angka per wilayah, mis. {{{regions}: ...}}",
        "en": "this scenario has regions; give a figure per region, e.g. {{{regions}: ...}}",
    },
    "min_cost_needs_target": {
        "id": "objective: min_cost membutuhkan target_covered (jumlah pekerja yang harus "
        "dilindungi)",
        "en": "objective: min_cost needs target_covered (how many workers must be covered)",
    },
    "share_cut": {
        "id": "pemotongan adalah porsi dari 0 sampai 1 (40% ditulis 0.4)",
        "en": "a cut is a share from 0 to 1 (40% is 0.4)",
    },
    "share_field": {
        "id": "porsi harus dari 0 sampai 1 (95% ditulis 0.95)",
        "en": "a share is a number from 0 to 1 (95% is 0.95)",
    },
    "months_range": {
        "id": "lama perlindungan adalah 1 sampai 12 bulan",
        "en": "months of cover is a whole number from 1 to 12",
    },
    "start_month_range": {
        "id": "bulan mulai adalah 1 (Januari) sampai 12 (Desember)",
        "en": "the start month is 1 (January) to 12 (December)",
    },
    "group_months_past_december": {
        "id": "start_month + months - 1 melewati bulan 12; kurangi months atau majukan "
        "start_month",
        "en": "start_month + months - 1 goes past month 12; shorten months or start earlier",
    },
    "group_one_premium": {
        "id": "isi tepat satu dari premium_monthly (Rp per bulan) atau premium (aturan iuran)",
        "en": "give exactly one of premium_monthly (Rp a month) or premium (a premium rule)",
    },
    "group_min_above_max": {
        "id": "min_share (mandat) lebih besar dari max_share (batas atas); turunkan min_share",
        "en": "min_share (the mandate) is above max_share (the ceiling); lower min_share",
    },
    "premium_bpu_needs_income": {
        "id": "skema bpu membutuhkan declared_income (penghasilan yang dilaporkan, Rp per bulan)",
        "en": "the bpu scheme needs declared_income (declared monthly income in Rp)",
    },
    "premium_wage_needs_wage": {
        "id": "skema wage membutuhkan wage (upah atau honorarium, Rp per bulan)",
        "en": "the wage scheme needs wage (the monthly wage or honorarium in Rp)",
    },
    "premium_wage_no_jht": {
        "id": "skema wage di sini hanya menghitung jkk dan jkm; hapus jht",
        "en": "the wage scheme here prices jkk and jkm only; remove jht",
    },
    "premium_no_programmes": {
        "id": "sebutkan minimal satu program: jkk, jkm atau jht",
        "en": "name at least one programme: jkk, jkm or jht",
    },
    "bad_id": {
        "id": "id hanya boleh huruf kecil, angka dan garis bawah (mis. petani_sawit)",
        "en": "an id may hold only lower-case letters, digits and underscores (e.g. petani_sawit)",
    },
    "money_field": {
        "id": "jumlah rupiah harus bilangan bulat tidak negatif, tanpa titik atau 'Rp' "
        "(mis. 30240000000)",
        "en": "an amount in rupiah is a whole non-negative number, without separators or 'Rp' "
        "(e.g. 30240000000)",
    },
    "headcount_field": {
        "id": "jumlah pekerja adalah bilangan bulat tidak negatif, atau {{wilayah: jumlah}}",
        "en": "a head-count is a whole non-negative number, or {{region: number}}",
    },
    "bad_kind": {
        "id": "jenis sumber dana: apbd, apbdes, dbh_sawit, csr, zakat, province atau other",
        "en": "a source kind is one of apbd, apbdes, dbh_sawit, csr, zakat, province, other",
    },
    "bad_objective": {
        "id": "tujuan: max_covered, max_worker_months atau min_cost",
        "en": "the objective is one of max_covered, max_worker_months, min_cost",
    },
    "bad_funding_rules": {
        "id": "funding_rules adalah strict atau off",
        "en": "funding_rules is strict or off",
    },
    "bad_sector": {
        "id": "sektor adalah transport atau other",
        "en": "the sector is transport or other",
    },
    "bad_year": {
        "id": "tahun anggaran adalah bilangan bulat, mis. 2026",
        "en": "the budget year is a whole number, e.g. 2026",
    },
    "bad_weight": {
        "id": "bobot adalah angka lebih dari 0 (standar 1)",
        "en": "a weight is a number above 0 (default 1)",
    },
    "spent_above_available": {
        "id": "{source} sudah membayar lebih dari dana yang tersisa setelah pemotongan "
        "({rp_available}); uang yang sudah dibayar tidak dapat dipotong: turunkan pemotongan atau "
        "periksa spent_to_date",
        "en": "{source} has paid more than the cut leaves it ({rp_available}); money already "
        "paid cannot be cut: lower the cut or check spent_to_date",
    },
    "replan_month": {
        "id": "bulan re-plan adalah 2 sampai 12 dan sesudah bulan awal rencana ini ({n_from})",
        "en": "a re-plan month is 2 to 12 and after this plan's own first month ({n_from})",
    },
    "replan_infeasible": {
        "id": "rencana ini tidak layak, jadi tidak ada peserta untuk dilanjutkan; perbaiki dulu "
        "skenarionya",
        "en": "this plan is infeasible, so there are no enrolled workers to carry on; fix the "
        "scenario first",
    },
    "from_month_range": {
        "id": "from_month adalah bulan 1 sampai 12 (mis. 10 untuk APBD-P yang berlaku Oktober)",
        "en": "from_month is a month 1 to 12 (e.g. 10 for an APBD-P that applies from October)",
    },
    "bad_priority": {
        "id": "prioritas adalah bilangan bulat 1 sampai 99; 1 dilindungi lebih dahulu",
        "en": "a priority is a whole number 1 to 99; 1 is covered first",
    },
    "bad_sharing": {
        "id": "sharing adalah most_workers (pekerja terbanyak) atau equal_share (dibagi rata)",
        "en": "sharing is most_workers or equal_share",
    },
    "bad_spend_order": {
        "id": "spend_order adalah daftar jenis atau id sumber dana, mis. [csr, zakat, apbd]",
        "en": "spend_order is a list of source kinds or ids, e.g. [csr, zakat, apbd]",
    },
    "unknown_spend_order": {
        "id": "bukan jenis atau id sumber dana; yang ada: {known}",
        "en": "not a source kind or id; known: {known}",
    },
    "duplicate_spend_order": {
        "id": "disebut dua kali dalam spend_order; sebut setiap sumber sekali",
        "en": "named twice in spend_order; name each source once",
    },
    "bad_jkk_class": {
        "id": "kelas risiko JKK adalah 1 (sangat rendah) sampai 5 (sangat tinggi)",
        "en": "the JKK risk class is 1 (very low) to 5 (very high)",
    },
    "money_positive": {
        "id": "jumlah rupiah per bulan harus bilangan bulat lebih dari 0 (mis. 1000000)",
        "en": "a monthly amount in rupiah is a whole number above 0 (e.g. 1000000)",
    },
    "bad_bool": {"id": "tulis true atau false", "en": "write true or false"},
    "bad_programmes": {
        "id": "program adalah daftar dari jkk, jkm, jht (mis. [jkk, jkm])",
        "en": "programmes is a list of jkk, jkm, jht (e.g. [jkk, jkm])",
    },
    "bad_scheme": {"id": "skema iuran adalah bpu atau wage", "en": "the scheme is bpu or wage"},
    "need_groups": {
        "id": "daftar kelompok pekerja (groups) harus berisi minimal satu kelompok",
        "en": "groups must list at least one worker group",
    },
    "need_sources": {
        "id": "daftar sumber dana (sources) harus berisi minimal satu sumber",
        "en": "sources must list at least one funding source",
    },
    "bad_name": {
        "id": "nama skenario adalah teks 1 sampai 200 karakter",
        "en": "the scenario name is text of 1 to 200 characters",
    },
    "bad_regions": {
        "id": "regions adalah daftar wilayah, mis. [{{id: sangatta_utara, name: Sangatta Utara}}]",
        "en": "regions is a list of regions, e.g. [{{id: sangatta_utara, name: Sangatta Utara}}]",
    },
    "bad_groups_list": {
        "id": "groups adalah daftar kelompok pekerja, masing-masing dengan id, eligible dan iuran",
        "en": "groups is a list of worker groups, each with id, eligible and a premium",
    },
    "bad_sources_list": {
        "id": "sources adalah daftar sumber dana, masing-masing dengan id, kind dan budget",
        "en": "sources is a list of funding sources, each with id, kind and budget",
    },
    "bad_groups_item": {
        "id": "setiap kelompok adalah pasangan kunci: nilai, mis. {{id: petani, eligible: 1000, "
        "premium_monthly: 16800}}",
        "en": "each group is a set of key: value pairs, e.g. {{id: petani, eligible: 1000, "
        "premium_monthly: 16800}}",
    },
    "bad_sources_item": {
        "id": "setiap sumber dana adalah pasangan kunci: nilai, mis. {{id: apbd, kind: apbd, "
        "budget: 30240000000}}",
        "en": "each source is a set of key: value pairs, e.g. {{id: apbd, kind: apbd, "
        "budget: 30240000000}}",
    },
    "bad_regions_item": {
        "id": "setiap wilayah adalah pasangan kunci: nilai, mis. {{id: sangatta_utara, name: "
        "Sangatta Utara}}",
        "en": "each region is a set of key: value pairs, e.g. {{id: sangatta_utara, name: "
        "Sangatta Utara}}",
    },
    "bad_source_groups": {
        "id": "tulis all atau daftar id kelompok, mis. [petani, nelayan]",
        "en": "write all or a list of group ids, e.g. [petani, nelayan]",
    },
    "bad_source_regions": {
        "id": "tulis all atau daftar id wilayah, mis. [sangatta_utara]",
        "en": "write all or a list of region ids, e.g. [sangatta_utara]",
    },
    "bad_label": {"id": "nama adalah teks", "en": "a name is text"},
    "bad_text": {"id": "keterangan adalah teks", "en": "a description is text"},
    "bad_basis": {
        "id": "dasar angka adalah teks sampai 500 karakter, mis. \"Perbup Kutim 29/2024\"",
        "en": "a basis is text of up to 500 characters, e.g. \"Perbup Kutim 29/2024\"",
    },
    "bad_reading": {
        "id": "bacaan diskon adalah excluded (tanpa diskon), unconfirmed (diskon dihitung, "
        "dengan peringatan) atau included (diskon dihitung)",
        "en": "a discount reading is excluded (no discount), unconfirmed (discount priced, with a "
        "warning) or included (discount priced)",
    },
    "bad_discount_readings": {
        "id": "discount_readings adalah pasangan jenis pembayar: bacaan, mis. "
        "{{apbdes: excluded, csr: unconfirmed}}; jenis yang boleh: apbdes, csr, zakat, other "
        "(APBD, DBH sawit dan provinsi dikecualikan oleh teks PP 50/2025)",
        "en": "discount_readings is a set of payer kind: reading pairs, e.g. "
        "{{apbdes: excluded, csr: unconfirmed}}; kinds allowed: apbdes, csr, zakat, other (APBD, "
        "DBH sawit and the province are excluded by the text of PP 50/2025)",
    },
    "bad_account_code": {
        "id": "kode rekening ditulis dengan angka, huruf, titik atau tanda hubung, sampai 40 "
        "karakter, per program: account_codes: {{jkk: 5.1.02.02.02.0006, jkm: "
        "5.1.02.02.02.0007}}",
        "en": "an account code is written with digits, letters, dots or hyphens, up to 40 "
        "characters, per programme: account_codes: {{jkk: 5.1.02.02.02.0006, jkm: "
        "5.1.02.02.02.0007}}",
    },
    "part_of_self": {
        "id": "sebuah kelompok tidak dapat menjadi bagian dari dirinya sendiri; hapus part_of",
        "en": "a group cannot be part of itself; remove part_of",
    },
    "part_of_nested": {
        "id": "kelompok induk ini sendiri bagian dari {parent}; tulis part_of: {parent} (satu "
        "tingkat saja)",
        "en": "that parent group is itself part of {parent}; write part_of: {parent} (one level "
        "only)",
    },
    "allocation_kind": {
        "id": "allocation (seluruh alokasi transfer) hanya dibaca untuk sumber kind: dbh_sawit; "
        "hapus atau ubah jenis sumber",
        "en": "allocation (the whole transfer) is read only for a source of kind: dbh_sawit; "
        "remove it or change the kind",
    },
    "bad_policy": {
        "id": "policy adalah pasangan kunci: nilai, mis. "
        "{{objective: max_covered, global_cut: 0.2}}",
        "en": "policy is a set of key: value pairs, e.g. "
        "{{objective: max_covered, global_cut: 0.2}}",
    },
    "bad_premium": {
        "id": "premium adalah aturan iuran, mis. {{scheme: bpu, declared_income: 1000000}}",
        "en": "premium is a premium rule, e.g. {{scheme: bpu, declared_income: 1000000}}",
    },
    "yaml_tag": {
        "id": "tag YAML ({tag}) tidak diizinkan di berkas skenario; hapus tag itu",
        "en": "YAML tags ({tag}) are not allowed in a scenario file; remove the tag",
    },
    "pydantic": {"id": "nilai tidak sah: {detail}", "en": "invalid value: {detail}"},
    "file_not_found": {
        "id": "berkas tidak ditemukan; periksa nama dan foldernya",
        "en": "file not found; check its name and folder",
    },
    "file_unreadable": {
        "id": "berkas tidak bisa dibaca ({detail})",
        "en": "the file cannot be read ({detail})",
    },
    "file_too_large": {
        "id": "berkas terlalu besar ({size} bita; paling besar {limit}); skenario biasanya "
        "hanya beberapa KB",
        "en": "the file is too large ({size} bytes; at most {limit}); a scenario is usually "
        "a few KB",
    },
    "yaml_syntax": {
        "id": "YAML tidak sah di baris {line}, kolom {column}: {detail}; periksa indentasi dan "
        "tanda titik dua",
        "en": "invalid YAML at line {line}, column {column}: {detail}; check indentation "
        "and colons",
    },
    "yaml_too_big": {
        "id": "YAML di baris {line} menjadi terlalu besar bila alias (*nama) diuraikan (lebih "
        "dari {limit} simpul); tulis nilainya langsung, tanpa alias berlapis",
        "en": "the YAML at line {line} grows too large when its aliases (*name) are expanded "
        "(more than {limit} nodes); write the values out, without nested aliases",
    },
    "yaml_recursive": {
        "id": "alias di baris {line} merujuk ke dirinya sendiri; hapus alias itu",
        "en": "the alias at line {line} refers to itself; remove it",
    },
    "yaml_duplicate_key": {
        "id": "'{name}' ditulis dua kali (baris {first} dan {line}); yang terakhir akan "
        "menimpa yang pertama tanpa kabar: hapus salah satu",
        "en": "'{name}' is written twice (lines {first} and {line}); the last would silently "
        "replace the first: delete one",
    },
    "yaml_yes_no_number": {
        "id": "baris {line}: {name}: {word} dibaca sebagai benar/salah (1 atau 0), bukan angka; "
        "tulis angkanya",
        "en": "line {line}: {name}: {word} is read as true/false (1 or 0), not a number; write "
        "the number",
    },
    "excel_not_yaml": {
        "id": "ini berkas Excel, bukan YAML; impor dengan `planner library import BERKAS.xlsx` "
        "atau unggah di aplikasi",
        "en": "this is an Excel file, not YAML; import it with `planner library import "
        "FILE.xlsx` or upload it in the app",
    },
    "not_a_file": {
        "id": "bukan berkas biasa (perangkat, pipa atau folder); sebut berkas skenario .yaml",
        "en": "not a regular file (a device, a pipe or a folder); name a .yaml scenario file",
    },
    "yaml_not_utf8": {
        "id": "berkas bukan teks UTF-8; simpan ulang sebagai UTF-8",
        "en": "the file is not UTF-8 text; save it again as UTF-8",
    },
}


def t(key: str, lang: str = DEFAULT_LANG, **params: Any) -> str:
    """Return the text for ``key`` in ``lang`` with ``params`` filled in."""
    entry = TEXT[key]
    text = entry.get(lang) or entry[DEFAULT_LANG]
    return text.format(**params)


def register(entries: dict[str, dict[str, str]]) -> None:
    """Add texts from another module (results, CLI); a key may be registered once."""
    for key, value in entries.items():
        if key in TEXT and TEXT[key] != value:
            raise KeyError(f"text {key!r} registered twice with different words")
        TEXT[key] = value
