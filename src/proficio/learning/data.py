"""What crosses the learning app's border, and what its hand-written SQL reads: frozen values.

A task's question rows, the answers a finished task hands the engine, and the rows the
statements of `storage/` return are plain data here, never half-filled model instances.
"""

from dataclasses import dataclass

from proficio.mastery.practice import score_with_bonus

from .models import Task


@dataclass(frozen=True)
class QuestionRow:
    """A question of a task in its place, and how far it has been answered."""

    position: int
    skill_id: int
    item: str
    is_bonus: bool
    hints_shown: int
    answered: bool
    counted_correct: bool | None


@dataclass(frozen=True)
class TaskResult:
    """What a finished task's answers say, ready for the engine."""

    kind: str
    answers: list[tuple[int, bool]]  # (skill id, counted correct) of each regular question
    bonus_right: bool | None

    @property
    def correct(self) -> int:
        right = sum(counted for _, counted in self.answers)
        if self.kind == Task.Kind.PRACTICE:
            return score_with_bonus(right, len(self.answers), self.bonus_right)
        return right
