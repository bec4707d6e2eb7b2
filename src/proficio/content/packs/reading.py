"""What every check of a pack shares: its files, the problems found, and reading a YAML
file into its model."""

from collections.abc import Iterator
from typing import Any

from pydantic import ValidationError

from .. import pack_schema as schema
from ..pack_yaml import Located, Problem, holds, load_yaml


def _text(files: dict[str, bytes], name: str, problems: list[Problem]) -> str | None:
    try:
        return files[name].decode("utf-8")
    except UnicodeDecodeError as error:
        line = files[name][: error.start].count(b"\n") + 1
        problems.append(Problem(name, line, "not UTF-8 text"))
        return None


class _PackReader:
    """A pack's files and the problems found in them so far, shared by every check."""

    def __init__(self, files: dict[str, bytes], digest: str) -> None:
        self.files = files
        self.digest = digest
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []

    def error(self, file: str, line: int, message: str) -> None:
        self.problems.append(Problem(file, line, message))

    def warn(self, file: str, line: int, message: str) -> None:
        self.warnings.append(Problem(file, line, message, warning=True))

    def _read_model(self, name: str, model: type[Any]) -> tuple[Any, Any]:
        text = _text(self.files, name, self.problems)
        if text is None:
            return None, None
        document, problems = load_yaml(text, name)
        self.problems += problems
        if document is None:
            return None, None
        if not isinstance(document, Located):
            self.error(name, 1, "should be a mapping of keys such as 'slug' and 'title'")
            return None, None
        try:
            return document, model.model_validate(document)
        except ValidationError as error:
            self.problems += schema.validation_problems(error, document, name)
            if any(detail["type"] != "extra_forbidden" for detail in error.errors()):
                return document, None
            # Only unknown keys (typos, mostly): read the rest, so its problems show up too.
            for detail in error.errors():
                _remove_key(document, detail["loc"])
            try:
                return document, model.model_validate(document)
            except ValidationError:
                return document, None


def _remove_key(document: Any, path: tuple[int | str, ...]) -> None:
    """Delete the key at `path`, skipping parts (union tags) that are not in the document."""
    node = document
    for part in path[:-1]:
        if holds(node, part):
            node = node[part]
    if isinstance(node, dict):
        node.pop(path[-1], None)


def _located_items(document: Any) -> Iterator[Any]:
    for item in document:
        yield item if isinstance(item, Located) else Located()
