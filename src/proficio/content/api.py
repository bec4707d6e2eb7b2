"""What content offers the rest of Proficio: the one door other apps and the faces go through.

Courses are read as trees of plain dataclasses, packs are checked and imported, questions are
made and checked here. `content.models` is open too, for foreign keys and for queries that join
a course's rows; everything else in this package is content's own business.
"""

from .checking import MAX_RESPONSE_LENGTH, Verdict
from .formulas import format_value
from .markdown import render_inline
from .mathinput import MathInputError, parse_math, to_latex
from .packs import Pack, PackError, check_pack, load_pack
from .preview import exercise_preview
from .questions import GeneratorError, Question, QuestionBank, UnknownQuestion
from .selectors import (
    ContentNotFound,
    CourseSummary,
    CourseTree,
    ItemPlace,
    UnitEntry,
    course_tree,
    get_article,
    get_course,
    get_skill,
    get_video,
    item_place,
    list_courses,
)
from .services import ImportResult, import_loaded_pack, import_pack
from .signals import course_imported

__all__ = [
    "MAX_RESPONSE_LENGTH",
    "ContentNotFound",
    "CourseSummary",
    "CourseTree",
    "GeneratorError",
    "ImportResult",
    "ItemPlace",
    "MathInputError",
    "Pack",
    "PackError",
    "Question",
    "QuestionBank",
    "UnitEntry",
    "UnknownQuestion",
    "Verdict",
    "check_pack",
    "course_imported",
    "course_tree",
    "exercise_preview",
    "format_value",
    "get_article",
    "get_course",
    "get_skill",
    "get_video",
    "import_loaded_pack",
    "import_pack",
    "item_place",
    "list_courses",
    "load_pack",
    "parse_math",
    "render_inline",
    "to_latex",
]
