"""The README and docs/ only point to files (and headings) a clone of the repository holds."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

# [words](target) and ![alt](target); the target ends at the first space or ")".
LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)")
# A code span naming a Markdown document, such as `docs/api.md` (globs like `*.md` are patterns).
NAMED_DOCUMENT = re.compile(r"`([\w./-]+\.md)`")
# A path to a Markdown document under docs/ or spec/, as comments and docstrings name them.
DOCUMENT_PATH = re.compile(r"\b(?:docs|spec)/[\w-]+\.md\b")


def _without_code_blocks(text: str) -> str:
    # Fenced blocks hold commands and pack layouts, not links.
    return re.sub(r"^```.*?^```", "", text, flags=re.MULTILINE | re.DOTALL)


def _anchors(document: Path) -> set[str]:
    """The anchors of a page's headings, made as GitHub makes them ("## Up next" → up-next)."""
    headings = re.findall(r"^#+\s+(.*)$", _without_code_blocks(document.read_text("utf-8")), re.M)
    return {
        re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-") for heading in headings
    }


def _missing_targets(document: Path) -> list[str]:
    text = _without_code_blocks(document.read_text(encoding="utf-8"))
    missing = []
    for target in LINK.findall(text):
        if re.match(r"[a-z][a-z0-9+.-]*:", target):  # https:, mailto:
            continue
        path, _, anchor = target.partition("#")
        linked = document.parent / path if path else document
        heading_found = not anchor or linked.suffix != ".md" or anchor in _anchors(linked)
        if not (linked.exists() and heading_found):
            missing.append(target)
    for name in NAMED_DOCUMENT.findall(text):
        if not ((document.parent / name).exists() or (ROOT / name).exists()):
            missing.append(name)
    return missing


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: path.relative_to(ROOT).as_posix())
def test_every_relative_link_in_the_docs_leads_to_a_file_and_heading_of_the_repository(
    document: Path,
) -> None:
    assert _missing_targets(document) == []


def test_comments_and_docstrings_name_only_documents_the_repository_holds() -> None:
    sources = sorted(
        path for folder in ("src", "tests", "bench") for path in (ROOT / folder).rglob("*.py")
    )
    missing = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in sources
        for name in DOCUMENT_PATH.findall(path.read_text(encoding="utf-8"))
        if not (ROOT / name).exists()
    ]
    assert missing == []
