"""A scenario handed in as a file (YAML or an Excel template), read into YAML text to save.

The CLI's ``library save`` / ``library import`` and the app's upload both come through here, so a
10 MB file, a file that is not UTF-8, a YAML tag or a bad Excel cell gets the same message
everywhere, naming the file. YAML is kept exactly as given; an Excel template becomes YAML text.
"""

from __future__ import annotations

from pathlib import Path

from planner.engine.scenarios import dump_scenario, parse_scenario
from planner.engine.schema import Scenario
from planner.errors import ScenarioError

__all__ = ["MAX_UPLOAD_BYTES", "is_excel", "read_upload", "read_upload_file"]

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
_EXCEL = (".xlsx", ".xlsm")
_ZIP_MAGIC = b"PK\x03\x04"


def is_excel(filename: str, data: bytes = b"") -> bool:
    """Return True for an Excel workbook (by its name, or by its zip signature)."""
    return filename.lower().endswith(_EXCEL) or data[:4] == _ZIP_MAGIC


def read_upload(data: bytes, filename: str) -> tuple[str, Scenario]:
    """Return the YAML text to store and the validated scenario for an uploaded file.

    Raises
    ------
    ScenarioError
        Naming ``filename``: too large, not UTF-8, not YAML, not a valid scenario, or (for Excel)
        the sheet, row and column of a bad cell.

    """
    if len(data) > MAX_UPLOAD_BYTES:
        raise ScenarioError.single("", "file_too_large", file=filename, size=len(data),
                                   limit=MAX_UPLOAD_BYTES)
    if is_excel(filename, data):
        from planner.store.template import read_template

        scenario = read_template(data, file=filename)
        header = f"# Imported from the Excel template {Path(filename).name}\n"
        return header + dump_scenario(scenario), scenario
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ScenarioError.single("", "yaml_not_utf8", file=filename) from None
    return text, parse_scenario(text, filename)


def read_upload_file(path: str | Path) -> tuple[str, Scenario]:
    """Read a scenario file from disk like :func:`read_upload` (size checked before reading)."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_UPLOAD_BYTES:
            raise ScenarioError.single("", "file_too_large", file=str(path), size=size,
                                       limit=MAX_UPLOAD_BYTES)
        data = p.read_bytes()
    except FileNotFoundError:
        raise ScenarioError.single("", "file_not_found", file=str(path)) from None
    except OSError as exc:
        raise ScenarioError.single("", "file_unreadable", file=str(path),
                                   detail=exc.strerror) from None
    return read_upload(data, str(path))
