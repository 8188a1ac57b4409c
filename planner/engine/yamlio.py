"""YAML in and out: the only module that imports yaml, and it only ever loads with the safe loader.

A YAML tag (``!!python/object``), a syntax error or a non-UTF-8 file becomes a
:class:`~planner.errors.ScenarioError` naming the file and the line, never a traceback. Before
anything is built from the text, its node graph is checked (:func:`_check_nodes`):

- aliases cannot outrun the limits: the document, every alias expanded, is at most
  :data:`MAX_NODES` nodes (a "billion laughs" of nine levels is 387 million), and a recursive
  alias is refused;
- a key given twice in one mapping is an error naming both lines (the last one would silently
  win: a second ``budget: 1000`` under the APBD turned 150,000 covered workers into 13,519);
- ``yes``/``no``/``true``/``false`` are words for a yes-or-no field only (``protected``,
  ``premium_discounts``): elsewhere they would be read as 1 or 0 (``budget: yes`` as Rp1).

:func:`read_yaml` reads regular files only: a device (``/dev/zero``), a pipe or a folder is
refused before a byte is read.
"""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import yaml

from planner.errors import ScenarioError

__all__ = ["MAX_BYTES", "MAX_NODES", "parse_yaml", "read_yaml", "dump_yaml"]

MAX_BYTES = 2_000_000
MAX_NODES = 1_000_000  # a province of 1,200 villages is about 60,000 nodes
YES_NO_FIELDS = frozenset({"protected", "premium_discounts", "assumed"})
_BOOL_TAG = "tag:yaml.org,2002:bool"
# libyaml's safe loader when PyYAML was built with it (10x faster on village-level files); it
# accepts exactly what yaml.safe_load accepts.
# A scenario is a few KB; a province with a thousand villages is ~300 KB.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str, file: str | None = None,
               yes_no: frozenset[str] | None = YES_NO_FIELDS) -> Any:
    """Parse YAML text with ``safe_load``; errors name the file and line.

    ``yes_no`` are the only keys a yes/no value may have (a scenario's); ``None`` lets any key
    have one (the planner's own data files).
    """
    if len(text.encode("utf-8", errors="replace")) > MAX_BYTES:
        raise ScenarioError.single(
            "", "file_too_large", file=file, size=len(text.encode()), limit=MAX_BYTES
        )
    try:
        _check_nodes(yaml.compose(text, Loader=_SAFE_LOADER), file, yes_no)  # noqa: S506
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


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _check_nodes(root: yaml.Node | None, file: str | None,
                 yes_no: frozenset[str] | None) -> None:
    """Refuse alias bombs, recursive aliases, duplicate keys and yes/no where numbers belong.

    One pass over the node graph as composed (an alias is the very node it names, so nothing
    is expanded); each node's expanded size is counted once and reused.
    """
    if root is None:
        return
    size: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            on_path.discard(key)
            children = _children(node)
            size[key] = 1 + sum(size[id(c)] for c in children)
            if size[key] > MAX_NODES:
                raise ScenarioError.single("", "yaml_too_big", file=file, line=_line(node),
                                           limit=MAX_NODES)
            continue
        if key in size:
            continue
        if key in on_path:
            raise ScenarioError.single("", "yaml_recursive", file=file, line=_line(node))
        on_path.add(key)
        if isinstance(node, yaml.MappingNode):
            _check_mapping(node, file, yes_no)
        stack.append((node, True))
        stack.extend((c, False) for c in _children(node) if id(c) not in size)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _check_mapping(node: yaml.MappingNode, file: str | None,
                   yes_no: frozenset[str] | None) -> None:
    seen: dict[str, int] = {}
    for k, v in node.value:
        if not isinstance(k, yaml.ScalarNode):
            continue
        name = str(k.value)
        if name in seen:
            raise ScenarioError.single("", "yaml_duplicate_key", file=file, name=name,
                                       first=seen[name], line=_line(k))
        seen[name] = _line(k)
        if (yes_no is not None and isinstance(v, yaml.ScalarNode) and v.tag == _BOOL_TAG
                and name not in yes_no):
            raise ScenarioError.single("", "yaml_yes_no_number", file=file, name=name,
                                       word=str(v.value), line=_line(v))


def read_yaml(path: str | Path, yes_no: frozenset[str] | None = YES_NO_FIELDS) -> Any:
    """Read and parse a YAML file; a missing, huge or unreadable file is a ScenarioError.

    ``yes_no`` as for :func:`parse_yaml`.
    """
    p = Path(path)
    name = str(path)
    try:
        info = p.stat()
        if not stat.S_ISREG(info.st_mode):  # a device, a pipe or a folder: never read it
            raise ScenarioError.single("", "not_a_file", file=name)
        size = info.st_size
        if size > MAX_BYTES:
            raise ScenarioError.single("", "file_too_large", file=name, size=size, limit=MAX_BYTES)
        raw = p.read_bytes()
    except FileNotFoundError:
        raise ScenarioError.single("", "file_not_found", file=name) from None
    except OSError as exc:
        raise ScenarioError.single("", "file_unreadable", file=name, detail=exc.strerror) from None
    if raw[:4] == b"PK\x03\x04":  # a zip: an Excel workbook, not YAML
        raise ScenarioError.single("", "excel_not_yaml", file=name)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ScenarioError.single("", "yaml_not_utf8", file=name) from None
    return parse_yaml(text, name, yes_no)


def dump_yaml(data: Any) -> str:
    """Dump data as block-style YAML, keys in the order given."""
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(
        data, Dumper=dumper, sort_keys=False, allow_unicode=True, default_flow_style=False
    )
