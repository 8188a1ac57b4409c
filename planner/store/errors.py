"""What the library tells a person when it cannot do what was asked, in their language."""

from __future__ import annotations

from typing import Any

from planner.errors import PlannerError
from planner.i18n import register, t

__all__ = ["ENVIRONMENT_KEYS", "LibraryError"]

#: Messages about the database itself, not the request: the CLI exits 1 for these, 2 otherwise.
ENVIRONMENT_KEYS = frozenset({
    "lib_unreachable", "lib_newer_schema", "lib_busy", "lib_bad_url", "lib_url_port",
    "lib_url_host", "lib_url_sqlite", "lib_url_scheme", "lib_damaged", "lib_read_only",
    "lib_read_only_folder",
})

register(
    {
        "lib_bad_url": {
            "id": "alamat basis data tidak dikenali: {url}; pakai sqlite:///berkas.db atau "
            "postgresql+psycopg://pengguna:sandi@host/nama",
            "en": "database URL not understood: {url}; use sqlite:///file.db or "
            "postgresql+psycopg://user:password@host/name",
        },
        "lib_url_port": {
            "id": "alamat basis data {url}: port {port!r} bukan nomor port; tulis angka 1 sampai "
            "65535 setelah nama host, mis. postgresql+psycopg://pengguna:sandi@host:5432/nama",
            "en": "database URL {url}: the port {port!r} is not a port number; write a number "
            "from 1 to 65535 after the host, e.g. postgresql+psycopg://user:password@host:5432/name",
        },
        "lib_url_host": {
            "id": "alamat basis data {url}: nama host berakhir {host!r} dan memuat '@' atau spasi; "
            "jika sandinya memuat @ : / atau spasi, tulis sebagai %40 %3A %2F %20",
            "en": "database URL {url}: the host ending {host!r} holds '@' or a space; if the "
            "password holds @ : / or a space, write them as %40 %3A %2F %20",
        },
        "lib_url_sqlite": {
            "id": "alamat basis data {url}: berkas SQLite ditulis dengan tiga garis miring, "
            "sqlite:///data/library.db (relatif) atau sqlite:////jalur/lengkap/library.db",
            "en": "database URL {url}: a SQLite file is written with three slashes, "
            "sqlite:///data/library.db (relative) or sqlite:////full/path/library.db",
        },
        "lib_url_scheme": {
            "id": "alamat basis data {url}: jenis {scheme!r} tidak didukung atau drivernya tidak "
            "terpasang; pakai sqlite:///berkas.db atau postgresql+psycopg://pengguna:sandi@host/nama",
            "en": "database URL {url}: {scheme!r} is not supported or its driver is not "
            "installed; use sqlite:///file.db or postgresql+psycopg://user:password@host/name",
        },
        "lib_damaged": {
            "id": "berkas pustaka {file} rusak ({detail}); tidak dibuka dan tidak diubah. Versi "
            "terbaru yang masih terbaca ({n}): {readable}. Cara memulihkan: salin dulu berkasnya "
            "sebagai cadangan, lalu jalankan `{recover}` (jika sqlite3 menjawab 'no such table: "
            "sqlite_dbpage', jalankan `{dump}`) dan pakai pustaka hasilnya dengan "
            "--db {recovered_url} (atau PLANNER_DB_URL), periksa dengan `planner library list`, "
            "ambil teks versi dengan `{show}`; atau kembalikan salinan cadangan terakhir",
            "en": "the library file {file} is damaged ({detail}); it was not opened and nothing "
            "was changed. The newest versions that can still be read ({n}): {readable}. To "
            "recover: first copy the file as a backup, then run `{recover}` (if sqlite3 answers "
            "'no such table: sqlite_dbpage', run `{dump}`) and use the result "
            "with --db {recovered_url} (or PLANNER_DB_URL), check it with `planner library "
            "list`, get a version's text with `{show}`; or put back the last backup copy",
        },
        "lib_read_only": {
            "id": "pustaka di {url} hanya-baca: berkas {file} tidak boleh ditulisi, jadi tidak ada "
            "yang disimpan. Membaca (list, show, versions, export) tetap bisa; untuk menyimpan, "
            "minta izin tulis atas berkas itu, atau salin ke folder yang boleh ditulisi dan "
            "pakai --db",
            "en": "the library at {url} is read-only: the file {file} may not be written, so "
            "nothing was saved. Reading (list, show, versions, export) still works; to save, "
            "ask for write permission on that file, or copy it to a folder you may write to and "
            "use --db",
        },
        "lib_read_only_folder": {
            "id": "pustaka di {url} hanya-baca: folder {folder} tidak boleh ditulisi, padahal "
            "SQLite membuat berkas jurnal (-wal, -shm) di sana saat menyimpan; tidak ada yang "
            "disimpan. Membaca tetap bisa; untuk menyimpan, minta izin tulis atas folder itu, atau "
            "salin pustakanya ke folder yang boleh ditulisi dan pakai --db",
            "en": "the library at {url} is read-only: the folder {folder} may not be written, "
            "and SQLite keeps its journal (-wal, -shm) there while saving; nothing was saved. "
            "Reading still works; to save, ask for write permission on that folder, or copy the "
            "library to a folder you may write to and use --db",
        },
        "lib_unreachable": {
            "id": "pustaka skenario di {url} tidak dapat dibuka: {detail}",
            "en": "the scenario library at {url} cannot be opened: {detail}",
        },
        "lib_missing": {
            "id": "tidak ada pustaka skenario di {url}; periksa alamatnya, atau buat dengan "
            "`planner library init` (atau simpan skenario pertama dengan `planner library save`)",
            "en": "there is no scenario library at {url}; check the address, or make one with "
            "`planner library init` (or save a first scenario with `planner library save`)",
        },
        "lib_foreign": {
            "id": "{url} bukan pustaka skenario planner (isinya: {detail}); tidak diubah. Sebut "
            "berkas pustaka yang benar",
            "en": "{url} is not a planner scenario library (it holds: {detail}); it was left as "
            "it is. Name the right library file",
        },
        "lib_old_schema": {
            "id": "pustaka di {url} dibuat oleh versi planner yang lebih lama; perbarui dengan "
            "`planner library init` (data tetap ada)",
            "en": "the library at {url} was made by an older planner; upgrade it with "
            "`planner library init` (nothing is lost)",
        },
        "lib_newer_schema": {
            "id": "pustaka di {url} dibuat oleh versi planner yang lebih baru (revisi {revision}); "
            "perbarui planner",
            "en": "the library at {url} was made by a newer planner (revision {revision}); "
            "update the planner",
        },
        "lib_name_empty": {
            "id": "nama skenario kosong; beri nama, misalnya 'Kutim 2026 - usulan TAPD'",
            "en": "the scenario name is empty; give one, e.g. 'Kutim 2026 - TAPD proposal'",
        },
        "lib_name_long": {
            "id": "nama {name!r} terlalu panjang ({n} huruf); paling banyak {most}",
            "en": "the name {name!r} is too long ({n} characters); at most {most}",
        },
        "lib_name_chars": {
            "id": "nama {name!r} memuat {chars}; nama tidak boleh memuat / \\ * ? \" < > | "
            "atau karakter kendali, dan tidak boleh '.' atau '..'",
            "en": "the name {name!r} contains {chars}; a name may not contain / \\ * ? \" < > | "
            "or control characters, and may not be '.' or '..'",
        },
        "lib_name_at_version": {
            "id": "nama {name!r} berakhir dengan @ dan angka, yang dibaca sebagai nomor versi "
            "(NAMA@2 = versi 2 dari NAMA); ganti, mis. dengan 'v2' atau '(2)'",
            "en": "the name {name!r} ends in @ and a number, which is read as a version number "
            "(NAME@2 = version 2 of NAME); change it, e.g. to 'v2' or '(2)'",
        },
        "lib_long_note": {
            "id": "catatan terlalu panjang ({n}; paling banyak {most}); tidak ada yang disimpan: "
            "persingkat lalu simpan lagi",
            "en": "the note is too long ({n}; at most {most}); nothing was saved: shorten "
            "it and save again",
        },
        "lib_long_author": {
            "id": "nama penyimpan terlalu panjang ({n}; paling banyak {most}); tidak ada yang "
            "disimpan: persingkat lalu simpan lagi",
            "en": "the author is too long ({n}; at most {most}); nothing was saved: shorten "
            "it and save again",
        },
        "lib_long_tag": {
            "id": "tag terlalu panjang ({n}; paling banyak {most}); tidak ada yang disimpan: "
            "persingkat lalu simpan lagi",
            "en": "the tag is too long ({n}; at most {most}); nothing was saved: shorten "
            "it and save again",
        },
        "lib_long_tags": {
            "id": "tag terlalu banyak ({n}; paling banyak {most}); tidak ada yang disimpan: "
            "persingkat lalu simpan lagi",
            "en": "there are too many tags ({n}; at most {most}); nothing was saved: shorten "
            "it and save again",
        },
        "lib_author_empty": {
            "id": "nama penyimpan kosong; isi --author (atau PLANNER_AUTHOR)",
            "en": "the author is empty; give --author (or PLANNER_AUTHOR)",
        },
        "lib_not_found": {
            "id": "skenario {name!r} tidak ada di pustaka; lihat `planner library list`",
            "en": "no scenario {name!r} in the library; see `planner library list`",
        },
        "lib_deleted": {
            "id": "skenario {name!r} sudah dihapus; pulihkan dengan `planner library undelete`",
            "en": "the scenario {name!r} was deleted; bring it back with "
            "`planner library undelete`",
        },
        "lib_not_deleted": {
            "id": "skenario {name!r} tidak dihapus; tidak ada yang perlu dipulihkan",
            "en": "the scenario {name!r} is not deleted; there is nothing to undo",
        },
        "lib_no_version": {
            "id": "skenario {name!r} tidak punya versi {version}; versinya 1 sampai {last}",
            "en": "the scenario {name!r} has no version {version}; its versions are 1 to {last}",
        },
        "lib_name_taken": {
            "id": "nama {name!r} sudah dipakai di pustaka; pilih nama lain",
            "en": "the name {name!r} is already used in the library; choose another",
        },
        "lib_comparison_not_found": {
            "id": "perbandingan {name!r} tidak ada di pustaka",
            "en": "no saved comparison {name!r} in the library",
        },
        "lib_comparison_size": {
            "id": "perbandingan memuat 2 sampai 10 versi skenario, bukan {n}",
            "en": "a comparison holds 2 to 10 scenario versions, not {n}",
        },
        "lib_comparison_baseline": {
            "id": "pembanding harus salah satu dari {n} versi yang dibandingkan",
            "en": "the baseline must be one of the {n} versions compared",
        },
        "lib_action_save": {"id": "simpan", "en": "save"},
        "lib_action_restore": {"id": "pulihkan versi", "en": "restore"},
        "lib_action_rename": {"id": "ganti nama", "en": "rename"},
        "lib_action_delete": {"id": "hapus", "en": "delete"},
        "lib_action_undelete": {"id": "batal hapus", "en": "undelete"},
        "lib_kind_scenario": {"id": "skenario", "en": "scenario"},
        "lib_kind_comparison": {"id": "perbandingan", "en": "comparison"},
        "lib_busy": {
            "id": "pustaka sedang sibuk dipakai orang lain; coba simpan lagi ({detail})",
            "en": "the library is busy with another save; try again ({detail})",
        },
    }
)


class LibraryError(PlannerError):
    """A library request that cannot be done, with a message a person can act on."""

    def __init__(self, key: str, **params: Any) -> None:
        self.key = key
        self.params = params
        super().__init__(self.message())

    @property
    def environment(self) -> bool:
        """True when the database itself is at fault (unreachable, damaged, read-only, ...)."""
        return self.key in ENVIRONMENT_KEYS

    def message(self, lang: str = "id") -> str:
        """Say what went wrong and what to do, in ``lang``."""
        return t(self.key, lang, **self.params)
