"""YAML in and out: the only module that imports yaml, and it only ever loads with the safe loader.

A YAML tag (``!!python/object``), a syntax error or a non-UTF-8 file becomes a
:class:`~planner.errors.ScenarioError` naming the file and the line, never a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from planner.errors import ScenarioError

__all__ = ["MAX_BYTES", "parse_yaml", "read_yaml", "dump_yaml"]

MAX_BYTES = 2_000_000
# libyaml's safe loader when PyYAML was built with it (10x faster on village-level files); it
# accepts exactly what yaml.safe_load accepts.
# A scenario is a few KB; a province with a thousand villages is ~300 KB.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str, file: str | None = None) -> Any:
    """Parse YAML text with ``safe_load``; errors name the file and line."""
    if len(text.encode("utf-8", errors="replace")) > MAX_BYTES:
        raise ScenarioError.single(
            "", "file_too_large", file=file, size=len(text.encode()), limit=MAX_BYTES
        )
    try:
        return yaml.load(text, Loader=_SAFE_LOADER)  # noqa: S506 - the safe loader, in C if built
    except yaml.constructor.ConstructorError as exc:
        tag = str(exc.problem or "").rsplit(" ", 1)[-1].strip("'\"") or "!!"
        tag = tag.replace("tag:yaml.org,2002:", "!!")
        raise ScenarioError.single("", "yaml_tag", file=file, tag=tag) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else "?"
        column = mark.column + 1 if mark else "?"
        detail = exc.problem or exc.context or "?"
        raise ScenarioError.single(
            "", "yaml_syntax", file=file, line=line, column=column, detail=detail
        ) from None
    except yaml.YAMLError as exc:
        raise ScenarioError.single(
            "", "yaml_syntax", file=file, line="?", column="?", detail=str(exc)
        ) from None


def read_yaml(path: str | Path) -> Any:
    """Read and parse a YAML file; a missing, huge or unreadable file is a ScenarioError."""
    p = Path(path)
    name = str(path)
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise ScenarioError.single("", "file_too_large", file=name, size=size, limit=MAX_BYTES)
        raw = p.read_bytes()
    except FileNotFoundError:
        raise ScenarioError.single("", "file_not_found", file=name) from None
    except OSError as exc:
        raise ScenarioError.single("", "file_unreadable", file=name, detail=exc.strerror) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ScenarioError.single("", "yaml_not_utf8", file=name) from None
    return parse_yaml(text, name)


def dump_yaml(data: Any) -> str:
    """Dump data as block-style YAML, keys in the order given."""
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(
        data, Dumper=dumper, sort_keys=False, allow_unicode=True, default_flow_style=False
    )
