"""Where a batch's scenarios come from: files and folders, library versions, the national example.

Each becomes an :class:`~planner.batch.runner.Item`: its origin (the file, or ``NAME@N``) and its
YAML text, read here and validated on the workers. A file that cannot be read is an item that
carries its message, so the batch reports it beside the others instead of stopping.
"""

from __future__ import annotations

import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from planner.batch.variants import BatchError
from planner.engine.yamlio import MAX_BYTES
from planner.errors import ScenarioError

if TYPE_CHECKING:
    from planner.store.library import Library

__all__ = ["SUFFIXES", "Item", "from_library", "from_paths", "national"]

SUFFIXES = (".yaml", ".yml", ".xlsx")


@dataclass(frozen=True)
class Item:
    """A scenario to solve: where it comes from, its YAML text, and where it lies.

    ``error`` holds the message of a file that could not be read (its record says so).
    """

    origin: str
    text: str = ""
    region: str = ""
    province: str = ""
    error: str = ""


def _read(path: Path, lang: str) -> Item:
    """Read one scenario file's text; an unreadable file is an item holding its message."""
    name = str(path)
    try:
        if path.suffix.lower() == ".xlsx":  # the Excel template, read into YAML text
            from planner.store.upload import read_upload_file

            return Item(name, read_upload_file(path)[0])
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise ScenarioError.single("", "not_a_file", file=name)
        if info.st_size > MAX_BYTES:
            raise ScenarioError.single("", "file_too_large", file=name, size=info.st_size,
                                       limit=MAX_BYTES)
        raw = path.read_bytes()
        try:
            return Item(name, raw.decode("utf-8"))
        except UnicodeDecodeError:
            raise ScenarioError.single("", "yaml_not_utf8", file=name) from None
    except OSError as exc:
        error = ScenarioError.single("", "file_unreadable", file=name, detail=exc.strerror)
        return Item(name, error=error.render(lang))
    except ScenarioError as exc:
        return Item(name, error=exc.render(lang))


def from_paths(paths: Sequence[Path], lang: str = "id") -> list[Item]:
    """Read the scenario files named, and those in the folders named (sorted by name).

    Raises
    ------
    BatchError
        For a path that does not exist, a folder without scenario files, or a file that is not
        a scenario (by its suffix).

    """
    items = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir()
                           if p.suffix.lower() in SUFFIXES and not p.name.startswith("."))
            if not found:
                raise BatchError("batch_empty_folder", "PATH", path=str(path))
            items += [_read(p, lang) for p in found]
        elif path.exists():
            if path.suffix.lower() not in SUFFIXES:
                raise BatchError("batch_not_scenario", "PATH", path=str(path))
            items.append(_read(path, lang))
        else:
            raise BatchError("batch_missing_path", "PATH", path=str(path))
    return items


def from_library(library: Library, refs: Sequence[tuple[str, int | None]]) -> list[Item]:
    """Read library versions (``(name, number)``; the newest when ``number`` is ``None``).

    Raises
    ------
    LibraryError
        For an unknown name or version.

    """
    out = []
    for name, number in refs:
        version = library.version(name, number)
        out.append(Item(f"{version.scenario}@{version.number}", version.yaml_text))
    return out


def national(seed: int = 0) -> list[Item]:
    """Return the 514 regional scenarios of the national example (:mod:`planner.batch.national`)."""
    from planner.batch.national import generate

    return [Item(f"indonesia/{r.id}", r.yaml_text, r.name, r.province)
            for r in generate(seed)]
