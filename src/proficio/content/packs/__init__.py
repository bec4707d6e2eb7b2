"""Reading and checking a content pack (docs/content-packs.md): pure Python, no database.

`load_pack(path)` returns the pack ready to import, or every problem found — as
`file:line: message` — so that an author can fix them all in one go. Nothing here imports.
"""

from ..pack_files import PackError
from ..pack_yaml import Problem
from .checker import check_pack, load_pack, pack_digest
from .pack import (
    Pack,
    PackArticle,
    PackExercise,
    PackItem,
    PackLesson,
    PackQuiz,
    PackUnit,
    PackVideo,
)

__all__ = [
    "Pack",
    "PackArticle",
    "PackError",
    "PackExercise",
    "PackItem",
    "PackLesson",
    "PackQuiz",
    "PackUnit",
    "PackVideo",
    "Problem",
    "check_pack",
    "load_pack",
    "pack_digest",
]
