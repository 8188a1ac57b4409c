"""The Excel scenario template's layout: its sheets, their columns and their labels.

This module knows what each sheet and column means; :mod:`planner.store.template` writes and
reads workbooks with it, and :mod:`planner.store.template_reader` turns cells into fields. Labels
and the help texts of the instructions sheet are registered in :mod:`planner.i18n` (Indonesian
and English); a header is recognised by its Indonesian or English label or by the raw field key
(``eligible``, ``budget``).

Sheets (``key``: Indonesian / English name):

``scenario``, ``policy``
    Field sheets: one field a row; column A the field's label, column B its value.
``regions``, ``groups``, ``sources``, ``per_region``
    Table sheets: row 1 the column headers, one item a row from row 2. ``per_region`` holds
    ``eligible`` and ``covered_elsewhere`` per (group, region) when the scenario has regions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final, get_args

from planner.engine.schema import Group, Policy, PremiumRule, Source
from planner.i18n import LANGS, register, t

__all__ = [
    "FIELD_SHEETS",
    "SHEETS",
    "Column",
    "Sheet",
    "bool_word",
    "normalise",
]


def _choices(model: Any, name: str) -> tuple[str, ...]:
    return tuple(str(c) for c in get_args(model.model_fields[name].annotation))


@dataclass(frozen=True)
class Column:
    """One column of a table sheet, or one row of a field sheet.

    ``kind`` says how a cell is read and formatted: ``id``, ``text``, ``count`` (head-count),
    ``money`` (whole rupiah), ``int``, ``share`` (0..1, shown as percent), ``number``, ``bool``,
    ``choice`` (one of ``choices``), ``list`` (comma-separated) or ``all_or_list``.
    """

    key: str
    kind: str
    required: bool = False
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sheet:
    """A sheet of the template: its key, whether it is a table, and its columns (or fields)."""

    key: str
    table: bool
    columns: tuple[Column, ...]
    required: bool = True

    def column(self, key: str) -> Column:
        """Return the column with field key ``key``."""
        return next(c for c in self.columns if c.key == key)

    def name(self, lang: str) -> str:
        """Return the sheet's name in ``lang``."""
        return t(f"tpl_sheet_{self.key}", lang)

    def label(self, key: str, lang: str) -> str:
        """Return the header label of column ``key`` in ``lang``."""
        return t(f"tpl_{self.key}_{key}", lang)

    def help(self, key: str, lang: str) -> str:
        """Return what column ``key`` holds and how to fill it, in ``lang``."""
        return t(f"tpl_help_{self.key}_{key}", lang)

    def headers(self) -> dict[str, str]:
        """Every accepted header (normalised label in any language, or raw key) -> field key."""
        out: dict[str, str] = {}
        for c in self.columns:
            out |= {normalise(self.label(c.key, lang)): c.key for lang in LANGS}
            out[normalise(c.key)] = c.key
        return out

    def names(self) -> set[str]:
        """Every accepted sheet name, normalised."""
        return {normalise(self.name(lang)) for lang in LANGS} | {self.key}


_BOOL_CHOICES = ("ya", "tidak")
READINGS: Final = ("excluded", "unconfirmed", "included")  # policy.discount_readings

SCENARIO = Sheet("scenario", False, (
    Column("name", "text", required=True), Column("year", "int"), Column("description", "text"),
))
POLICY = Sheet("policy", False, (
    Column("objective", "choice", choices=_choices(Policy, "objective")),
    Column("global_cut", "share"),
    Column("target_covered", "count"),
    Column("min_region_share", "share"),
    Column("funding_rules", "choice", choices=_choices(Policy, "funding_rules")),
    Column("premium_discounts", "bool"),
    Column("sharing", "choice", choices=_choices(Policy, "sharing")),
    Column("spend_order", "list"),
    Column("from_month", "int"),
    *(Column(f"discount_readings.{kind}", "choice", choices=READINGS)
      for kind in ("apbdes", "csr", "zakat", "other")),
))
REGIONS = Sheet("regions", True, (Column("id", "id", required=True), Column("name", "text")),
                required=False)
GROUPS = Sheet("groups", True, (
    Column("id", "id", required=True),
    Column("name", "text"),
    Column("eligible", "count"),
    Column("covered_elsewhere", "count"),
    Column("premium_monthly", "money"),
    Column("premium.scheme", "choice", choices=_choices(PremiumRule, "scheme")),
    Column("premium.declared_income", "money"),
    Column("premium.wage", "money"),
    Column("premium.jkk_class", "int"),
    Column("premium.programmes", "list"),
    Column("months", "int"),
    Column("start_month", "int"),
    Column("sector", "choice", choices=_choices(Group, "sector")),
    Column("tags", "list"),
    Column("weight", "number"),
    Column("min_share", "share"),
    Column("max_share", "share"),
    Column("priority", "int"),
    Column("enrolled", "count"),
    Column("new_limit", "count"),
    Column("part_of", "id"),
    Column("basis", "text"),
    Column("assumed", "bool"),
))
PER_REGION = Sheet("per_region", True, (
    Column("group", "id", required=True),
    Column("region", "id", required=True),
    Column("eligible", "count", required=True),
    Column("covered_elsewhere", "count"),
    Column("enrolled", "count"),
), required=False)
SOURCES = Sheet("sources", True, (
    Column("id", "id", required=True),
    Column("name", "text"),
    Column("kind", "choice", required=True, choices=_choices(Source, "kind")),
    Column("budget", "money", required=True),
    Column("cut", "share"),
    Column("protected", "bool"),
    Column("groups", "all_or_list"),
    Column("regions", "all_or_list"),
    Column("spent_to_date", "money"),
    Column("allocation", "money"),
    Column("basis", "text"),
    Column("assumed", "bool"),
))

SHEETS: Final = {s.key: s for s in (SCENARIO, GROUPS, SOURCES, POLICY, REGIONS, PER_REGION)}
FIELD_SHEETS: Final = ("scenario", "policy")
# a group's head-counts that may be given per region (in the per_region sheet)
PER_REGION_FIELDS: Final = ("eligible", "covered_elsewhere", "enrolled")

# (sheet, key): (Indonesian label, English label, Indonesian help, English help)
_TEXTS: dict[tuple[str, str], tuple[str, str, str, str]] = {
    ("scenario", "name"): (
        "Nama skenario", "Scenario name",
        "Wajib. Nama yang tampil di hasil dan perbandingan (1 sampai 200 karakter).",
        "Required. The name shown in results and comparisons (1 to 200 characters)."),
    ("scenario", "year"): (
        "Tahun anggaran", "Budget year",
        "Mis. 2026; menentukan diskon iuran yang berlaku. Standar 2025.",
        "E.g. 2026; picks the premium discounts that apply. Default 2025."),
    ("scenario", "description"): (
        "Keterangan", "Description", "Teks bebas; boleh kosong.", "Free text; may be empty."),
    ("policy", "objective"): (
        "Tujuan", "Objective",
        "max_covered (pekerja terbanyak), max_worker_months (bulan-pekerja terbanyak) atau "
        "min_cost (biaya terkecil untuk target pekerja). Standar max_covered.",
        "max_covered (most workers), max_worker_months (most worker-months) or min_cost (least "
        "spend for the target workers). Default max_covered."),
    ("policy", "global_cut"): (
        "Pemotongan global", "Global cut",
        "Pemotongan pada setiap sumber yang tidak dilindungi, sebagai persen (mis. 20%).",
        "Cut on every unprotected source, as a percentage (e.g. 20%)."),
    ("policy", "target_covered"): (
        "Target pekerja", "Target workers",
        "Jumlah pekerja yang harus dilindungi; wajib bila tujuan min_cost.",
        "How many workers must be covered; required with the min_cost objective."),
    ("policy", "min_region_share"): (
        "Cakupan minimum per wilayah", "Minimum share per region",
        "Porsi pekerja layak di setiap wilayah yang harus terlindungi (persen); standar 0%.",
        "Share of each region's eligible workers that must be covered (percent); default 0%."),
    ("policy", "funding_rules"): (
        "Aturan pendanaan", "Funding rules",
        "strict: APBDes hanya untuk aparatur desa, DBH sawit untuk pekerja sawit, zakat untuk "
        "mustahik; off: tanpa aturan ini. Standar strict.",
        "strict: APBDes pays only for village apparatus, DBH sawit for palm plantation workers, "
        "zakat for mustahik; off: without these rules. Default strict."),
    ("policy", "premium_discounts"): (
        "Diskon iuran", "Premium discounts",
        "ya: terapkan diskon PP 50/2025 bila berlaku; tidak: abaikan. Standar ya.",
        "yes: apply the PP 50/2025 discount where it holds; no: leave it out. Default yes."),
    ("policy", "sharing"): (
        "Pembagian bila dana kurang", "Sharing when money is short",
        "most_workers: pekerja terbanyak, kelompok seharga dibagi rata; equal_share: setiap "
        "kelompok cakupan yang sama sejauh dana dan aturan memungkinkan. Standar most_workers.",
        "most_workers: the most workers, groups of equal price share evenly; equal_share: every "
        "group the same coverage as far as money and rules allow. Default most_workers."),
    ("policy", "spend_order"): (
        "Urutan pemakaian dana", "Order money is used in",
        "Jenis atau ID sumber, dipisah koma; yang pertama dipakai lebih dahulu, sisa dana "
        "tinggal di yang terakhir. Standar csr, zakat, dbh_sawit, province, apbdes, other, apbd.",
        "Source kinds or ids, comma-separated; the first is used first, money left stays in the "
        "last. Default csr, zakat, dbh_sawit, province, apbdes, other, apbd."),
    ("regions", "id"): (
        "ID wilayah", "Region id",
        "Wajib dan unik; huruf kecil, angka dan garis bawah (mis. sangatta_utara). Biarkan "
        "lembar ini kosong untuk rencana tanpa wilayah.",
        "Required and unique; lower-case letters, digits and underscores (e.g. sangatta_utara). "
        "Leave this sheet empty for a plan without regions."),
    ("regions", "name"): ("Nama wilayah", "Region name", "Nama yang dibaca orang.",
                          "The name people read."),
    ("groups", "id"): (
        "ID kelompok", "Group id",
        "Wajib dan unik; huruf kecil, angka dan garis bawah (mis. petani).",
        "Required and unique; lower-case letters, digits and underscores (e.g. petani)."),
    ("groups", "name"): ("Nama kelompok", "Group name", "Nama yang dibaca orang.",
                         "The name people read."),
    ("groups", "eligible"): (
        "Pekerja layak", "Eligible workers",
        "Jumlah pekerja yang layak dilindungi (bilangan bulat). Bila skenario punya wilayah, "
        "kosongkan dan isi per wilayah di lembar Pekerja per wilayah.",
        "Workers eligible for cover (a whole number). When the scenario has regions, leave it "
        "empty and fill in the Workers by region sheet."),
    ("groups", "covered_elsewhere"): (
        "Dicakup pihak lain", "Covered elsewhere",
        "Pekerja kelompok ini yang sudah dibayar pihak lain; standar 0. Dengan wilayah: isi di "
        "lembar Pekerja per wilayah.",
        "Workers of this group someone else already pays for; default 0. With regions: fill in "
        "the Workers by region sheet."),
    ("groups", "enrolled"): (
        "Peserta terdaftar", "Enrolled",
        "Untuk re-plan (APBD-P): pekerja yang sudah terdaftar dan dibayar sampai bulan sebelum "
        "'Mulai bulan' di lembar Kebijakan; standar 0. Dengan wilayah: isi per wilayah.",
        "For a re-plan (APBD-P): workers enrolled and paid through the month before 'From month' "
        "in the Policy sheet; default 0. With regions: fill in per region."),
    ("groups", "new_limit"): (
        "Batas peserta baru", "New registrations",
        "Berapa pekerja baru yang dapat didaftarkan; kosong berarti tanpa batas (hanya "
        "peringatan bila terlampaui).",
        "How many new workers can be registered; empty means no limit (a warning above it)."),
    ("groups", "premium_monthly"): (
        "Iuran per bulan (Rp)", "Monthly premium (Rp)",
        "Iuran tetap per pekerja per bulan (mis. 16800). Isi ini ATAU skema iuran, tidak "
        "keduanya.",
        "A fixed premium per worker per month (e.g. 16800). Give this OR a premium scheme, not "
        "both."),
    ("groups", "premium.scheme"): (
        "Skema iuran", "Premium scheme",
        "bpu (pekerja informal, dari penghasilan yang dilaporkan) atau wage (penerima upah atau "
        "honorarium). Kosongkan bila memakai iuran per bulan.",
        "bpu (informal workers, on a declared income) or wage (wage or honorarium earners). "
        "Leave empty when a monthly premium is given."),
    ("groups", "premium.declared_income"): (
        "Penghasilan dilaporkan (Rp)", "Declared income (Rp)",
        "Untuk skema bpu: penghasilan per bulan (mis. 1000000).",
        "For the bpu scheme: income per month (e.g. 1000000)."),
    ("groups", "premium.wage"): (
        "Upah (Rp)", "Wage (Rp)", "Untuk skema wage: upah atau honorarium per bulan.",
        "For the wage scheme: the monthly wage or honorarium."),
    ("groups", "premium.jkk_class"): (
        "Kelas risiko JKK", "JKK risk class",
        "Untuk skema wage: 1 (sangat rendah) sampai 5 (sangat tinggi); standar 1.",
        "For the wage scheme: 1 (very low) to 5 (very high); default 1."),
    ("groups", "premium.programmes"): (
        "Program", "Programmes",
        "Program yang dibayar, dipisah koma: jkk, jkm (standar); jht hanya untuk skema bpu.",
        "Programmes paid for, comma-separated: jkk, jkm (default); jht with the bpu scheme only."),
    ("groups", "months"): ("Lama perlindungan (bulan)", "Months of cover",
                           "1 sampai 12; standar 12.", "1 to 12; default 12."),
    ("groups", "start_month"): (
        "Bulan mulai", "Start month",
        "1 (Januari) sampai 12; bulan mulai + lama - 1 tidak boleh lewat 12. Standar 1.",
        "1 (January) to 12; start month + months - 1 may not pass 12. Default 1."),
    ("groups", "sector"): ("Sektor", "Sector",
                           "transport atau other; menentukan masa diskon iuran. Standar other.",
                           "transport or other; picks the discount period. Default other."),
    ("groups", "tags"): (
        "Tanda", "Tags",
        "Dipisah koma, untuk aturan pendanaan: village_apparatus, palm_plantation, mustahik.",
        "Comma-separated, for the funding rules: village_apparatus, palm_plantation, mustahik."),
    ("groups", "weight"): ("Bobot", "Weight", "Nilai satu pekerja dalam tujuan; standar 1.",
                           "Worth of one worker in the objective; default 1."),
    ("groups", "min_share"): (
        "Mandat (porsi minimum)", "Mandate (minimum share)",
        "Porsi pekerja layak yang wajib dilindungi (mis. 95%); standar 0%.",
        "Share of the eligible workers that must be covered (e.g. 95%); default 0%."),
    ("groups", "max_share"): (
        "Batas atas (porsi)", "Ceiling (maximum share)",
        "Porsi pekerja layak paling banyak yang boleh dilindungi; standar 100%.",
        "Largest share of the eligible workers that may be covered; default 100%."),
    ("groups", "priority"): (
        "Prioritas", "Priority",
        "1 dilindungi lebih dahulu; prioritas 2 mendapat dana yang tidak dapat dipakai prioritas "
        "1, dan seterusnya (1 sampai 99). Standar 1.",
        "1 is covered first; priority 2 gets money priority 1 cannot use, and so on (1 to 99). "
        "Default 1."),
    ("per_region", "group"): ("ID kelompok", "Group id",
                              "Wajib: id dari lembar Kelompok pekerja.",
                              "Required: an id from the Worker groups sheet."),
    ("per_region", "region"): ("ID wilayah", "Region id", "Wajib: id dari lembar Wilayah.",
                               "Required: an id from the Regions sheet."),
    ("per_region", "eligible"): (
        "Pekerja layak", "Eligible workers",
        "Wajib untuk setiap kelompok di setiap wilayah (tulis 0 bila tidak ada).",
        "Required for every group in every region (write 0 where there are none)."),
    ("per_region", "covered_elsewhere"): (
        "Dicakup pihak lain", "Covered elsewhere",
        "Boleh kosong; kosong di semua baris kelompok berarti 0.",
        "May be empty; empty in every row of a group means 0."),
    ("per_region", "enrolled"): (
        "Peserta terdaftar", "Enrolled",
        "Untuk re-plan (APBD-P); boleh kosong (0).",
        "For a re-plan (APBD-P); may be empty (0)."),
    ("sources", "spent_to_date"): (
        "Sudah dibayar (Rp)", "Paid to date (Rp)",
        "Untuk re-plan (APBD-P): yang sudah dibayar sumber ini sebelum 'Mulai bulan'; standar 0.",
        "For a re-plan (APBD-P): what this source paid before 'From month'; default 0."),
    ("groups", "part_of"): (
        "Bagian dari kelompok", "Part of group",
        "ID kelompok induk bila kelompok ini sudah terhitung di dalamnya (mis. mustahik di "
        "antara petani): keduanya bersama tidak dibiayai melebihi batas induk. Boleh kosong.",
        "The parent group's id when this group is counted inside it (e.g. mustahik among "
        "farmers): together they are never funded above the parent's limit. May be empty."),
    ("groups", "basis"): (
        "Dasar angka", "Basis",
        "Dari mana angka pekerja ini (mis. Perbup Kutim 29/2024, data Disnakertrans 2025).",
        "Where this head-count comes from (e.g. Perbup Kutim 29/2024, manpower office 2025)."),
    ("groups", "assumed"): (
        "Angka ilustratif", "Illustrative figure",
        "ya bila angka ini contoh, bukan data resmi (ditandai di hasil); standar tidak.",
        "yes when this figure is an example, not official data (marked in results); default no."),
    ("sources", "allocation"): (
        "Alokasi seluruhnya (Rp)", "Whole allocation (Rp)",
        "Untuk DBH sawit: seluruh alokasi transfer; pagu iuran di atas 20% darinya "
        "diperingatkan (PP 38/2023, PMK 91/2023). Boleh kosong.",
        "For DBH sawit: the whole transfer; a premium line above 20% of it is warned of "
        "(PP 38/2023, PMK 91/2023). May be empty."),
    ("sources", "basis"): (
        "Dasar angka", "Basis",
        "Dari mana angka anggaran ini (mis. DPA Disnakertrans 2025, Perbup Kutim 29/2024).",
        "Where this amount comes from (e.g. DPA Disnakertrans 2025, Perbup Kutim 29/2024)."),
    ("sources", "assumed"): (
        "Angka ilustratif", "Illustrative figure",
        "ya bila angka ini contoh, bukan data resmi (ditandai di hasil); standar tidak.",
        "yes when this figure is an example, not official data (marked in results); default no."),
    ("policy", "discount_readings.apbdes"): (
        "Diskon PP 50/2025 untuk APBDes", "PP 50/2025 discount for APBDes",
        "excluded (tanpa diskon), unconfirmed (diskon dihitung, diperingatkan) atau included. "
        "Kosong: standar excluded (APB Desa bukan APBD; mengecualikannya adalah bacaan).",
        "excluded (no discount), unconfirmed (discount priced, warned) or included. Empty: "
        "the default, excluded (APB Desa is not APBD; excluding it is a reading)."),
    ("policy", "discount_readings.csr"): (
        "Diskon PP 50/2025 untuk CSR", "PP 50/2025 discount for CSR",
        "excluded, unconfirmed atau included. Kosong: standar unconfirmed (aturan teknis belum "
        "terbit).",
        "excluded, unconfirmed or included. Empty: the default, unconfirmed (technical rules "
        "pending)."),
    ("policy", "discount_readings.zakat"): (
        "Diskon PP 50/2025 untuk zakat", "PP 50/2025 discount for zakat",
        "excluded, unconfirmed atau included. Kosong: standar unconfirmed (aturan teknis belum "
        "terbit).",
        "excluded, unconfirmed or included. Empty: the default, unconfirmed (technical rules "
        "pending)."),
    ("policy", "discount_readings.other"): (
        "Diskon PP 50/2025 untuk sumber lain", "PP 50/2025 discount for other sources",
        "excluded, unconfirmed atau included. Kosong: standar unconfirmed.",
        "excluded, unconfirmed or included. Empty: the default, unconfirmed."),
    ("policy", "from_month"): (
        "Mulai bulan", "From month",
        "Re-plan (APBD-P) bulan ini sampai Desember (1-12); standar 1 (seluruh tahun).",
        "Re-plan (APBD-P) from this month to December (1-12); default 1 (the whole year)."),
    ("sources", "id"): (
        "ID sumber", "Source id",
        "Wajib dan unik; huruf kecil, angka dan garis bawah (mis. apbd).",
        "Required and unique; lower-case letters, digits and underscores (e.g. apbd)."),
    ("sources", "name"): ("Nama sumber dana", "Source name", "Nama yang dibaca orang.",
                          "The name people read."),
    ("sources", "kind"): (
        "Jenis", "Kind",
        "Wajib: apbd, apbdes, dbh_sawit, csr, zakat, province atau other.",
        "Required: apbd, apbdes, dbh_sawit, csr, zakat, province or other."),
    ("sources", "budget"): (
        "Anggaran (Rp)", "Budget (Rp)",
        "Wajib: pagu setahun dalam rupiah utuh (mis. 30240000000).",
        "Required: the yearly budget line in whole rupiah (e.g. 30240000000)."),
    ("sources", "cut"): ("Pemotongan sendiri", "Own cut",
                         "Pemotongan khusus sumber ini (persen); standar 0%.",
                         "A cut on this source alone (percent); default 0%."),
    ("sources", "protected"): ("Dilindungi", "Protected",
                               "ya: tidak kena pemotongan global; standar tidak.",
                               "yes: exempt from the global cut; default no."),
    ("sources", "groups"): (
        "Kelompok yang boleh dibayar", "Groups it may pay for",
        "semua, atau id kelompok dipisah koma (mis. petani, nelayan). Standar semua.",
        "all, or group ids, comma-separated (e.g. petani, nelayan). Default all."),
    ("sources", "regions"): (
        "Wilayah yang boleh dibayar", "Regions it may pay for",
        "semua, atau id wilayah dipisah koma. Standar semua.",
        "all, or region ids, comma-separated. Default all."),
}

register({f"tpl_{s}_{k}": {"id": v[0], "en": v[1]} for (s, k), v in _TEXTS.items()})
register({f"tpl_help_{s}_{k}": {"id": v[2], "en": v[3]} for (s, k), v in _TEXTS.items()})
register(
    {
        "tpl_sheet_instructions": {"id": "Petunjuk", "en": "Instructions"},
        "tpl_sheet_scenario": {"id": "Skenario", "en": "Scenario"},
        "tpl_sheet_policy": {"id": "Kebijakan", "en": "Policy"},
        "tpl_sheet_regions": {"id": "Wilayah", "en": "Regions"},
        "tpl_sheet_groups": {"id": "Kelompok pekerja", "en": "Worker groups"},
        "tpl_sheet_per_region": {"id": "Pekerja per wilayah", "en": "Workers by region"},
        "tpl_sheet_sources": {"id": "Sumber dana", "en": "Funding sources"},
        "tpl_field": {"id": "Isian", "en": "Field"},
        "tpl_value": {"id": "Nilai", "en": "Value"},
        "tpl_explanation": {"id": "Penjelasan", "en": "Explanation"},
        "tpl_yes": {"id": "ya", "en": "yes"},
        "tpl_no": {"id": "tidak", "en": "no"},
        "tpl_all": {"id": "semua", "en": "all"},
    }
)

register(
    {
        "tpl_title": {
            "id": "Templat skenario: iuran BPJS Ketenagakerjaan pekerja rentan",
            "en": "Scenario template: BPJS Ketenagakerjaan premiums for vulnerable workers",
        },
        "tpl_intro": {
            "id": "Isi lembar Skenario, Kelompok pekerja, Sumber dana dan Kebijakan; lembar "
            "Wilayah dan Pekerja per wilayah hanya bila rencana dibagi per kecamatan atau desa. "
            "Baris 1 setiap tabel adalah judul kolom; satu baris satu kelompok atau sumber. "
            "Tulis angka sebagai angka: rupiah utuh tanpa titik, porsi sebagai persen. Judul "
            "boleh dalam bahasa Indonesia, Inggris atau berupa kunci (mis. eligible).",
            "en": "Fill in the Scenario, Worker groups, Funding sources and Policy sheets; the "
            "Regions and Workers by region sheets only when the plan is split by district or "
            "village. Row 1 of each table holds the column headers; one row per group or "
            "source. Write numbers as numbers: whole rupiah without separators, shares as "
            "percentages. Headers may be Indonesian, English or the field key (e.g. eligible).",
        },
        "tpl_col_sheet": {"id": "Lembar", "en": "Sheet"},
        "tpl_col_label_id": {"id": "Judul (Indonesia)", "en": "Header (Indonesian)"},
        "tpl_col_label_en": {"id": "Judul (Inggris)", "en": "Header (English)"},
        "tpl_col_key": {"id": "Kunci", "en": "Key"},
        "tpl_col_required": {"id": "Wajib", "en": "Required"},
        "tpl_col_help_id": {"id": "Penjelasan", "en": "Explanation (Indonesian)"},
        "tpl_col_help_en": {"id": "Penjelasan (Inggris)", "en": "Explanation"},
    }
)


def normalise(text: str) -> str:
    """Return a header or sheet name as compared: case-folded, single spaces, trimmed."""
    return " ".join(str(text).split()).casefold()


def bool_word(value: bool, lang: str) -> str:
    """``ya``/``tidak`` (id) or ``yes``/``no`` (en), as the template writes a yes-or-no cell."""
    return t("tpl_yes" if value else "tpl_no", lang)
