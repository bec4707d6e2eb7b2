"""Checking a whole pack: every file read, every problem found at once."""

import hashlib
from pathlib import Path
from typing import Any

from proficio.mastery import MasteryPolicy, PolicyError, policy_from_overrides

from .. import pack_schema as schema
from ..pack_files import PackError, read_pack_files
from ..pack_yaml import Located, Problem
from .course_tree import _CourseTreeChecks
from .exercises import _ExerciseChecks
from .pack import Pack


def load_pack(path: Path | str) -> Pack:
    """Read and check a pack; raises PackError with every problem when it is not importable."""
    return check_pack(read_pack_files(Path(path)))


def pack_digest(files: dict[str, bytes]) -> str:
    """A fingerprint of the pack's files: the same pack always gives the same digest."""
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + files[name] + b"\0")
    return digest.hexdigest()


def check_pack(files: dict[str, bytes]) -> Pack:
    return _PackChecker(files, pack_digest(files)).check()


class _PackChecker(_ExerciseChecks, _CourseTreeChecks):
    """Every check of a pack, all adding to one list of problems so that one run reports them
    all."""

    def check(self) -> Pack:
        if "course.yaml" not in self.files:
            raise PackError([Problem("course.yaml", 1, "missing: a pack needs a course.yaml")])
        course_doc, course = self._read_model("course.yaml", schema.CourseFile)
        policy = self._policy(course_doc)
        exercise_files = {
            name.removeprefix("exercises/").removesuffix(".yaml"): name
            for name in self.files
            if name.startswith("exercises/") and name.endswith(".yaml") and name.count("/") == 1
        }
        for name in self.files:
            if name.startswith("exercises/") and name.endswith(".yml"):
                self.error(name, 1, "exercise files end in .yaml")
        # With a broken course.yaml every exercise file is still checked, so that one run of
        # the checker reports everything.
        used = self._used_exercises(course) if course is not None else set(exercise_files)
        exercises = {}
        for slug in sorted(used & exercise_files.keys()):
            exercise = self._exercise(slug, exercise_files[slug], policy)
            if exercise is not None:
                exercises[slug] = exercise
        for slug in sorted(exercise_files.keys() - used):
            self.warn(exercise_files[slug], 1, f"exercise '{slug}' is not used by any lesson")
        if course is None:
            raise PackError(sorted(self.problems + self.warnings, key=_problem_order))
        pack = self._build(course_doc, course, exercise_files, exercises)
        if self.problems:
            raise PackError(sorted(self.problems + self.warnings, key=_problem_order))
        pack.warnings = sorted(self.warnings, key=_problem_order)
        return pack

    def _policy(self, course_doc: Any) -> MasteryPolicy:
        overrides = course_doc.get("policy") if isinstance(course_doc, Located) else None
        if not isinstance(overrides, Located):
            return policy_from_overrides(None)
        try:
            return policy_from_overrides(overrides)
        except PolicyError as error:
            for key, message in error.problems.items():
                self.error("course.yaml", overrides.line_of(key), f"policy '{key}': {message}")
            return policy_from_overrides(None)

    @staticmethod
    def _used_exercises(course: schema.CourseFile) -> set[str]:
        return {
            item.exercise
            for unit in course.units
            for entry in unit.lessons
            if isinstance(entry, schema.Lesson)
            for item in entry.items
            if item.exercise
        }


def _problem_order(problem: Problem) -> tuple[int, str, int]:
    return (0 if problem.file == "course.yaml" else 1, problem.file, problem.line)
