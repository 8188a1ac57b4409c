"""planner.engine.yamlio: YAML is read with safe_load only; a failure names the file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.engine import yamlio
from planner.engine.yamlio import MAX_BYTES, dump_yaml, parse_yaml, read_yaml
from planner.errors import ScenarioError


def failure(call, *args) -> ScenarioError:
    with pytest.raises(ScenarioError) as info:
        call(*args)
    return info.value


def test_parse_yaml_reads_a_mapping():
    assert parse_yaml("name: Uji\nbudget: 30240000000\ncut: 0.4\n") == {
        "name": "Uji",
        "budget": 30_240_000_000,
        "cut": 0.4,
    }


def test_parse_yaml_of_empty_text_is_none():
    assert parse_yaml("") is None


@pytest.mark.parametrize(
    ("payload", "tag"),
    [
        ("!!python/object/apply:os.system ['touch {marker}']", "!!python/object/apply:os.system"),
        (
            "!!python/object/apply:subprocess.check_call [['touch', '{marker}']]",
            "!!python/object/apply:subprocess.check_call",
        ),
        ("!!python/object/new:os.system ['touch {marker}']", "!!python/object/new:os.system"),
    ],
    ids=["os.system", "subprocess", "object-new"],
)
def test_python_tags_are_rejected_and_nothing_runs(tmp_path, payload, tag):
    marker = tmp_path / "pwned"
    text = "name: x\nrun: " + payload.format(marker=marker) + "\n"
    err = failure(parse_yaml, text, "serangan.yaml")
    assert not marker.exists()
    assert [p.path for p in err.problems] == [""]
    assert err.file == "serangan.yaml"
    assert err.render("en") == (
        f"serangan.yaml: (file): YAML tags ({tag}) are not allowed in a scenario file; "
        "remove the tag"
    )
    assert err.render("id") == (
        f"serangan.yaml: (file): tag YAML ({tag}) tidak diizinkan di berkas skenario; hapus tag itu"
    )


def test_python_name_tag_is_rejected():
    err = failure(parse_yaml, "!!python/name:os.system\n", "f.yaml")
    assert err.render("en") == (
        "f.yaml: (file): YAML tags (!!python/name:os.system) are not allowed in a scenario file; "
        "remove the tag"
    )


def test_a_local_tag_is_rejected_too():
    err = failure(parse_yaml, "name: !rahasia x\n", "f.yaml")
    assert [p.path for p in err.problems] == [""]
    assert err.render("en") == (
        "f.yaml: (file): YAML tags (!rahasia) are not allowed in a scenario file; remove the tag"
    )


def test_python_tag_in_a_file_is_rejected_and_nothing_runs(tmp_path):
    marker = tmp_path / "pwned"
    path = tmp_path / "serangan.yaml"
    path.write_text(f"!!python/object/apply:os.system ['touch {marker}']\n", encoding="utf-8")
    err = failure(read_yaml, path)
    assert not marker.exists()
    assert err.file == str(path)
    assert err.render("en") == (
        f"{path}: (file): YAML tags (!!python/object/apply:os.system) are not allowed in a "
        "scenario file; remove the tag"
    )
    assert err.render("id") == (
        f"{path}: (file): tag YAML (!!python/object/apply:os.system) tidak diizinkan di berkas "
        "skenario; hapus tag itu"
    )


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("name: x\ngroups:\n  - id: a\n   eligible: 1\n", 4, 4),
        ("name: x\nsources: [apbd, csr\n", 3, 1),
        ("name: x\n\tyear: 2025\n", 2, 1),
        ('name: "Kutim\n', 2, 1),
    ],
    ids=["indentation", "unclosed-list", "tab", "unclosed-quote"],
)
def test_syntax_error_names_the_file_and_line(text, line, column):
    err = failure(parse_yaml, text, "kutim.yaml")
    assert err.file == "kutim.yaml"
    en = err.render("en")
    assert en.startswith(f"kutim.yaml: (file): invalid YAML at line {line}, column {column}: ")
    assert en.endswith("check indentation and colons")
    assert f"di baris {line}, kolom {column}" in err.render("id")


def test_non_utf8_file_is_rejected(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("name: Pekerja rentan Bontang – café\n".encode("cp1252"))
    err = failure(read_yaml, path)
    assert err.render("en") == f"{path}: (file): the file is not UTF-8 text; save it again as UTF-8"
    assert "simpan ulang sebagai UTF-8" in err.render("id")


def test_utf8_file_is_read(tmp_path):
    path = tmp_path / "utf8.yaml"
    path.write_text("name: Pekerja rentan – café\n", encoding="utf-8")
    assert read_yaml(path) == {"name": "Pekerja rentan – café"}


def test_missing_file_is_rejected(tmp_path):
    path = tmp_path / "tidak_ada.yaml"
    err = failure(read_yaml, path)
    assert err.file == str(path)
    assert err.render("en") == f"{path}: (file): file not found; check its name and folder"
    assert err.render("id") == f"{path}: (file): berkas tidak ditemukan; periksa nama dan foldernya"


def test_a_folder_is_unreadable(tmp_path):
    err = failure(read_yaml, tmp_path)
    assert err.render("en") == (f"{tmp_path}: (file): not a regular file (a device, a pipe or a "
                                "folder); name a .yaml scenario file")


def test_file_over_max_bytes_is_rejected_before_parsing(tmp_path):
    path = tmp_path / "besar.yaml"
    path.write_bytes(b"#" * (MAX_BYTES + 1))
    err = failure(read_yaml, path)
    assert err.render("en") == (
        f"{path}: (file): the file is too large ({MAX_BYTES + 1} bytes; at most {MAX_BYTES}); "
        "a scenario is usually a few KB"
    )


def test_text_over_max_bytes_is_rejected():
    err = failure(parse_yaml, "#" * (MAX_BYTES + 1), "upload.yaml")
    assert f"at most {MAX_BYTES}" in err.render("en")
    assert err.file == "upload.yaml"


def test_file_of_exactly_max_bytes_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(yamlio, "MAX_BYTES", 64)
    text = "name: x\n" + "#" * 55 + "\n"
    assert len(text.encode()) == 64
    path = tmp_path / "pas.yaml"
    path.write_text(text, encoding="utf-8")
    assert read_yaml(path) == {"name": "x"}
    path.write_text(text + "\n", encoding="utf-8")
    assert "too large (65 bytes; at most 64)" in failure(read_yaml, path).render("en")


def test_max_bytes_is_generous_for_a_province():
    assert MAX_BYTES >= 1_000_000


def test_dump_yaml_keeps_key_order_and_unicode():
    data = {"name": "Petani – pekebun", "year": 2026, "groups": [{"id": "petani", "eligible": 3}]}
    text = dump_yaml(data)
    assert text.splitlines()[:2] == ["name: Petani – pekebun", "year: 2026"]
    assert parse_yaml(text) == data


def test_dump_yaml_is_block_style():
    text = dump_yaml({"groups": [{"id": "petani", "tags": ["a", "b"]}]})
    assert "{" not in text
    assert "[" not in text


def test_read_yaml_takes_str_and_path(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    assert read_yaml(str(path)) == read_yaml(Path(path)) == {"a": 1}


# --- limits that cannot be outrun: alias bombs, duplicate keys, yes/no, devices ------------------


def _laughs(levels: int) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    return "\n".join(lines) + f"\nname: *a{levels}\n"


def test_a_billion_laughs_is_refused_before_it_expands():
    import time

    t = time.perf_counter()
    err = failure(parse_yaml, _laughs(9), "bom.yaml")  # 9^9 = 387 million strings
    assert time.perf_counter() - t < 30  # a hang would time the suite out; this is no budget
    assert err.problems[0].key == "yaml_too_big"
    assert "grows too large when its aliases (*name) are expanded" in err.render("en")
    assert str(yamlio.MAX_NODES) in err.render("en")


def test_a_few_aliases_are_fine():
    text = "base: &b {premium_monthly: 16800}\ngroups: [*b, *b]\n"
    assert parse_yaml(text)["groups"] == [{"premium_monthly": 16800}] * 2
    assert parse_yaml(_laughs(3))["name"][0][0][0] == ["lol"] * 9  # 9^3 strings: fine


def test_a_recursive_alias_is_refused():
    err = failure(parse_yaml, "a: &a [1, *a]\n", "rekursif.yaml")
    assert err.problems[0].key == "yaml_recursive"
    assert err.render("en") == ("rekursif.yaml: (file): the alias at line 1 refers to itself; "
                                "remove it")


def test_a_key_written_twice_names_both_lines():
    text = "name: x\nsources:\n  - id: apbd\n    budget: 30240000000\n    budget: 1000\n"
    err = failure(parse_yaml, text, "dua.yaml")
    assert err.render("en") == ("dua.yaml: (file): 'budget' is written twice (lines 4 and 5); "
                                "the last would silently replace the first: delete one")
    assert "ditulis dua kali (baris 4 dan 5)" in err.render("id")


@pytest.mark.parametrize("word", ["yes", "no", "true", "False", "on"])
def test_yes_or_no_where_a_number_belongs_is_an_error(word):
    err = failure(parse_yaml, f"sources:\n  - id: apbd\n    budget: {word}\n", "ya.yaml")
    assert err.render("en") == (f"ya.yaml: (file): line 3: budget: {word} is read as true/false "
                                "(1 or 0), not a number; write the number")


def test_yes_or_no_stays_fine_for_yes_or_no_fields():
    data = parse_yaml("sources:\n  - {id: apbd, protected: yes}\npolicy: {premium_discounts: no}\n")
    assert data["sources"][0]["protected"] is True
    assert data["policy"]["premium_discounts"] is False


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_a_device_is_refused_before_a_byte_is_read(device):
    if not Path(device).exists():
        pytest.skip(f"{device} is not on this machine")
    err = failure(read_yaml, device)
    assert err.problems[0].key == "not_a_file"
    assert "not a regular file" in err.render("en")


def test_a_fifo_is_refused_without_blocking(tmp_path):
    import os

    fifo = tmp_path / "pipa.yaml"
    os.mkfifo(fifo)
    err = failure(read_yaml, fifo)  # opening a FIFO with no writer would block forever
    assert err.problems[0].key == "not_a_file"


def test_the_cli_refuses_a_bomb_and_a_duplicate_with_exit_2(tmp_path):
    from typer.testing import CliRunner

    from planner.cli.main import app

    bomb = tmp_path / "bom.yaml"
    bomb.write_text(_laughs(9), encoding="utf-8")
    twice = tmp_path / "dua.yaml"
    twice.write_text("name: x\nname: y\n", encoding="utf-8")
    for path, words in ((bomb, "grows too large"), (twice, "'name' is written twice")):
        result = CliRunner().invoke(app, ["validate", str(path), "--lang", "en"])
        assert result.exit_code == 2
        assert words in result.output
        assert "Traceback" not in result.output


def test_the_apps_upload_path_refuses_the_same():
    from planner.store.upload import read_upload

    for text, key in ((_laughs(9), "yaml_too_big"), ("name: x\nname: y\n", "yaml_duplicate_key"),
                      ("name: x\nyear: yes\n", "yaml_yes_no_number")):
        err = failure(read_upload, text.encode(), "unggah.yaml")
        assert err.problems[0].key == key
        assert err.file == "unggah.yaml"


def test_an_excel_file_given_as_yaml_points_to_the_import():
    err = failure(read_yaml, Path(__file__).resolve().parent.parent / "scenarios" / "templates"
                  / "kutim-2025.xlsx")
    assert err.problems[0].key == "excel_not_yaml"
    assert "planner library import FILE.xlsx" in err.render("en")
