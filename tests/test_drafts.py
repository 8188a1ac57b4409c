"""Drafts in the library's database (planner.store.drafts), on SQLite and on PostgreSQL.

A draft is an author's unsaved work: writing one replaces that author's draft of the same
scenario, leaves other authors' drafts alone and never touches the versions or the audit trail.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from planner.store.db import head_revision
from planner.store.drafts import delete_draft, list_drafts, read_author, save_author, save_draft
from planner.store.errors import LibraryError
from planner.store.library import Library

ROOT = Path(__file__).resolve().parent.parent
KUTIM = (ROOT / "scenarios" / "kutim-2025.yaml").read_text(encoding="utf-8")
EDITED = KUTIM.replace("global_cut: 0.0", "global_cut: 0.2", 1)


@pytest.fixture
def lib(db_url: str) -> Iterator[Library]:
    library = Library.open(db_url)
    yield library
    library.close()


def test_the_schema_is_at_the_drafts_revision(lib: Library) -> None:
    assert head_revision() == "0003"
    with lib.engine.connect() as conn:
        assert conn.scalar(text("SELECT version_num FROM alembic_version")) == "0003"
        assert conn.scalar(text("SELECT count(*) FROM drafts")) == 0


def test_save_replace_list_delete(lib: Library) -> None:
    engine = lib.engine
    first = save_draft(engine, "ani", "kutim-2025.yaml", name="Kutim", yaml_text=KUTIM,
                       origin="example:kutim-2025")
    assert first.updated_at.tzinfo is not None
    save_draft(engine, "ani", "upload.yaml", name="Upload", yaml_text=KUTIM, base_text=KUTIM,
               origin="upload")
    # the same key again replaces the text; it becomes the draft changed last
    save_draft(engine, "ani", "kutim-2025.yaml", name="Kutim", yaml_text=EDITED,
               origin="example:kutim-2025")
    drafts = list_drafts(engine, "ani")
    assert [d.key for d in drafts] == ["kutim-2025.yaml", "upload.yaml"]
    assert drafts[0].yaml_text == EDITED
    assert drafts[1].base_text == KUTIM
    assert drafts[1].origin == "upload"
    # another owner sees none of them
    assert list_drafts(engine, "budi") == []
    save_draft(engine, "budi", "kutim-2025.yaml", name="Kutim", yaml_text=KUTIM,
               origin="example:kutim-2025")
    assert [d.yaml_text for d in list_drafts(engine, "ani")][0] == EDITED
    assert delete_draft(engine, "ani", "kutim-2025.yaml") is True
    assert delete_draft(engine, "ani", "kutim-2025.yaml") is False
    assert [d.key for d in list_drafts(engine, "ani")] == ["upload.yaml"]
    assert [d.key for d in list_drafts(engine, "budi")] == ["kutim-2025.yaml"]


def test_drafts_never_touch_versions_or_the_audit(lib: Library) -> None:
    lib.save("Kutim", KUTIM, author="ani")
    before_versions = lib.versions("Kutim")
    before_audit = lib.audit()
    for i in range(3):
        save_draft(lib.engine, "ani", "Kutim @1", name="Kutim",
                   yaml_text=EDITED + f"\n# edit {i}\n", base_text=KUTIM,
                   origin="library:Kutim@1")
    delete_draft(lib.engine, "ani", "Kutim @1")
    assert lib.versions("Kutim") == before_versions
    assert lib.audit() == before_audit


def test_the_author_name_is_kept_apart_from_the_drafts(lib: Library) -> None:
    assert read_author(lib.engine, "local") == ""
    save_author(lib.engine, "local", "  Ani (TAPD) ")
    save_author(lib.engine, "local", "Ani Rahma (TAPD)")
    assert read_author(lib.engine, "local") == "Ani Rahma (TAPD)"
    assert list_drafts(lib.engine, "local") == []  # the name is no scenario


def test_an_empty_owner_is_refused(lib: Library) -> None:
    with pytest.raises(LibraryError):
        save_draft(lib.engine, "  ", "k", name="", yaml_text=KUTIM, origin="upload")


def test_a_library_at_0002_gains_the_drafts_table(tmp_path: Path) -> None:
    from alembic import command
    from alembic.config import Config

    from planner.store import db as store_db

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = store_db.open_engine(url)
    with engine.begin() as conn:
        cfg = Config()
        cfg.set_main_option("script_location", str(store_db.MIGRATIONS))
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002")
    Library(engine).save("Kutim", KUTIM, author="ani")
    engine.dispose()
    lib = Library.open(url)
    save_draft(lib.engine, "ani", "k", name="Kutim", yaml_text=KUTIM, origin="upload")
    assert lib.version("Kutim").yaml_text == KUTIM  # nothing lost
    lib.close()
    check = create_engine(url)
    with check.connect() as conn:
        assert conn.scalar(text("SELECT version_num FROM alembic_version")) == "0003"
    check.dispose()
