"""YAML reading that remembers where every value was written, for `file:line` problems.

Mappings load as `Located` dicts and sequences as `LocatedList`s carrying the line of each key
or item. Booleans follow YAML 1.2 (only true/false), so an answer of `no` or `yes` stays text.
Duplicate keys, which plain YAML loaders silently overwrite, are reported.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import yaml

try:
    _BaseLoader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # PyYAML built without libyaml
    _BaseLoader = yaml.SafeLoader


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a pack, reported as `file:line: message`."""

    file: str
    line: int
    message: str
    warning: bool = False

    def __str__(self) -> str:
        kind = "warning: " if self.warning else ""
        return f"{self.file}:{self.line}: {kind}{self.message}"


class Located(dict[Any, Any]):
    """A mapping that knows its own line and the line of each key."""

    line: int = 1
    key_lines: dict[Any, int]

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)


class LocatedList(list[Any]):
    """A sequence that knows its own line and the line of each item."""

    line: int = 1
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if 0 <= index < len(self.item_lines) else self.line


class _Loader(_BaseLoader):  # type: ignore[valid-type,misc]
    duplicate_keys: list[tuple[int, str]]


# YAML 1.1 reads yes/no/on/off as booleans, which turns a text answer "no" into False.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> Located:
    loader.flatten_mapping(node)
    mapping = Located()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if not isinstance(key, str | int | float | bool) or key is None:
            raise yaml.constructor.ConstructorError(
                None, None, "a key must be a plain word", key_node.start_mark
            )
        if key in mapping:
            loader.duplicate_keys.append((line, f"duplicate key '{key}'"))
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = line
    return mapping


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LocatedList:
    items = LocatedList(loader.construct_object(child, deep=True) for child in node.value)
    items.line = node.start_mark.line + 1
    items.item_lines = [child.start_mark.line + 1 for child in node.value]
    return items


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)


def load_yaml(text: str, file: str) -> tuple[Any, list[Problem]]:
    """The document in `text` (None when unreadable) and the problems found reading it."""
    loader = _Loader(text)
    loader.duplicate_keys = []
    try:
        document = loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        reason = error.problem or error.context or "not valid YAML"
        return None, [Problem(file, line, f"not valid YAML: {reason}")]
    except yaml.YAMLError as error:
        return None, [Problem(file, 1, f"not valid YAML: {error}")]
    finally:
        loader.dispose()
    return document, [Problem(file, line, message) for line, message in loader.duplicate_keys]


def line_at(document: Any, path: Sequence[int | str]) -> int:
    """The line of the deepest value of `path` that exists in `document`.

    Parts of the path that are not in the document (a missing key, the tag a validator adds
    for one member of a union) are skipped, so a problem lands on the nearest written line.
    """
    node, line = document, getattr(document, "line", 1)
    for part in path:
        if holds(node, part):
            line, node = node.line_of(part), node[part]
        else:
            continue
        line = getattr(node, "line", line) if isinstance(node, Located) else line
    return line


def holds(node: Any, part: int | str) -> bool:
    if isinstance(node, Located):
        return part in node
    return isinstance(node, LocatedList) and isinstance(part, int) and 0 <= part < len(node)
