"""What the library refuses instead of cutting or misreading: long texts, NAME@N names, ":"."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from planner.cli.main import app
from planner.store.errors import LibraryError
from planner.store.library import MAX_AUTHOR, MAX_NOTE, MAX_TAG, MAX_TAGS, Library

ROOT = Path(__file__).resolve().parents[1]
KUTIM = (ROOT / "scenarios" / "kutim-2025.yaml").read_text()
runner = CliRunner()


@pytest.fixture
def lib(tmp_path) -> Library:
    return Library.open(f"sqlite:///{tmp_path / 'lib.db'}")


@pytest.mark.parametrize(("field", "value", "key"), [
    ("note", "x" * (MAX_NOTE + 1), "lib_long_note"),
    ("author", "a" * (MAX_AUTHOR + 1), "lib_long_author"),
    ("tags", ["t" * (MAX_TAG + 1)], "lib_long_tag"),
    ("tags", [f"t{i}" for i in range(MAX_TAGS + 1)], "lib_long_tags"),
])
def test_a_text_too_long_is_refused_whole_and_nothing_is_saved(lib, field, value, key) -> None:
    kwargs = {"author": "tapd", field: value}
    with pytest.raises(LibraryError) as caught:
        lib.save("Kutim", KUTIM, **kwargs)
    assert caught.value.key == key
    assert str(len(value)) in caught.value.message("en")
    assert lib.scenarios() == []  # nothing stored


def test_texts_at_the_limit_are_kept_whole(lib) -> None:
    saved = lib.save("Kutim", KUTIM, author="a" * MAX_AUTHOR, note="x" * MAX_NOTE,
                     tags=[f"t{i}" for i in range(MAX_TAGS - 1)] + ["t" * MAX_TAG])
    again = lib.version("Kutim", saved.number)
    assert again.note == "x" * MAX_NOTE
    assert again.author == "a" * MAX_AUTHOR
    assert "t" * MAX_TAG in again.tags


@pytest.mark.parametrize("name", ["kutim@2", "Kutim 2026 @12"])
def test_a_name_that_reads_as_a_version_is_refused(lib, name) -> None:
    with pytest.raises(LibraryError) as caught:
        lib.save(name, KUTIM, author="tapd")
    assert caught.value.key == "lib_name_at_version"
    assert lib.scenarios() == []


def test_a_colon_is_allowed_and_opens_as_newest(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'lib.db'}"
    lib = Library.open(url)
    lib.save("Kutim 2026: pemotongan", KUTIM, author="tapd")
    lib.save("Kutim 2026: pemotongan", KUTIM + "\n# the second version\n",
             author="tapd")
    assert lib.version("Kutim 2026: pemotongan").number == 2
    shown = runner.invoke(app, ["library", "show", "Kutim 2026: pemotongan", "--db", url])
    assert shown.exit_code == 0, shown.output


def test_an_encrypted_workbook_is_named_as_such(tmp_path) -> None:
    from planner.errors import ScenarioError
    from planner.store.template import read_template

    ole2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4088)
    with pytest.raises(ScenarioError) as caught:
        read_template(ole2, "rahasia.xlsx")
    assert caught.value.problems[0].key == "tpl_encrypted"
    assert "kata sandi" in caught.value.problems[0].message("id")
