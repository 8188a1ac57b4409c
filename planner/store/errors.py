"""What the library tells a person when it cannot do what was asked, in their language."""

from __future__ import annotations

from typing import Any

from planner.errors import PlannerError
from planner.i18n import register, t

__all__ = ["LibraryError"]

register(
    {
        "lib_bad_url": {
            "id": "alamat basis data tidak dikenali: {url}; pakai sqlite:///berkas.db atau "
            "postgresql+psycopg://pengguna:sandi@host/nama",
            "en": "database URL not understood: {url}; use sqlite:///file.db or "
            "postgresql+psycopg://user:password@host/name",
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
            "id": "nama {name!r} memuat {chars}; nama tidak boleh memuat / \\ : * ? \" < > | "
            "atau karakter kendali, dan tidak boleh '.' atau '..'",
            "en": "the name {name!r} contains {chars}; a name may not contain / \\ : * ? \" < > | "
            "or control characters, and may not be '.' or '..'",
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

    def message(self, lang: str = "id") -> str:
        """Say what went wrong and what to do, in ``lang``."""
        return t(self.key, lang, **self.params)
