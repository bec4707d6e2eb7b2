"""Reads of classes and their rosters, and who may see which class."""

from proficio.accounts.models import User
from proficio.content.models import Course

from ..data import ClassSummary, ClassView, LearnerRow, TeacherRow
from ..errors import ClassNotFound, CourseNotInClass, TeachersOnly
from ..models import Classroom, SkillGroup


def member_class(user: User, class_id: int) -> Classroom:
    """A class the user teaches or has joined; any other is reported as not existing."""
    found = (
        Classroom.objects.filter(pk=class_id, teachers=user).first()
        or Classroom.objects.filter(pk=class_id, learners=user).first()
    )
    if found is None:
        raise ClassNotFound(f"There is no class {class_id}.")
    return found


def taught_class(user: User, class_id: int) -> Classroom:
    """A class the user teaches: 404 when they are not in it, 403 when they only learn in it."""
    classroom = member_class(user, class_id)
    if not classroom.teachers.filter(pk=user.pk).exists():
        raise TeachersOnly("Only the class's teachers can do this.")
    return classroom


def is_teacher_of(user: User, classroom: Classroom) -> bool:
    return classroom.teachers.filter(pk=user.pk).exists()


def class_view(classroom: Classroom, *, for_teacher: bool) -> ClassView:
    """A class as its members see it; the join code only for its teachers."""
    return ClassView(
        id=classroom.pk,
        name=classroom.name,
        courses=list(classroom.courses.order_by("title").values_list("slug", flat=True)),
        teachers=list(classroom.teachers.order_by("username").values_list("username", flat=True)),
        learner_count=classroom.learners.count(),
        join_code=classroom.join_code if for_teacher else None,
        join_enabled=classroom.join_enabled if for_teacher else None,
    )


def classes_of(user: User) -> list[ClassSummary]:
    """The classes a teacher teaches, or a learner has joined, newest first."""
    classes = Classroom.objects.filter(teachers=user) | Classroom.objects.filter(learners=user)
    return [
        ClassSummary(
            id=classroom.pk,
            name=classroom.name,
            courses=sorted(course.slug for course in classroom.courses.all()),
        )
        for classroom in classes.distinct()
        .order_by("-created_at", "-pk")
        .prefetch_related("courses")
    ]


def class_learners(classroom: Classroom) -> list[LearnerRow]:
    """The class's learners, in username order."""
    return [
        LearnerRow(id=pk, username=username, display_name=display_name)
        for pk, username, display_name in classroom.learners.order_by("username").values_list(
            "pk", "username", "display_name"
        )
    ]


def class_teachers(classroom: Classroom) -> list[TeacherRow]:
    """The class's teachers, in username order."""
    return [
        TeacherRow(username=username, display_name=display_name)
        for username, display_name in classroom.teachers.order_by("username").values_list(
            "username", "display_name"
        )
    ]


def class_course(classroom: Classroom, slug: str) -> Course:
    """The class's course with this slug; any other, known or not, is CourseNotInClass."""
    course = Course.objects.filter(slug=slug).first()
    if course is None:
        raise CourseNotInClass(f"There is no course '{slug}'.")
    if not classroom.courses.filter(pk=course.pk).exists():
        raise CourseNotInClass(f"The course '{slug}' is not one of this class's courses.")
    return course


def class_learner(classroom: Classroom, learner_id: int) -> User:
    """A learner of the class; anyone else, or no one, is reported alike as not in it."""
    learner = classroom.learners.filter(pk=learner_id).first()
    if learner is None:
        raise ClassNotFound(f"There is no learner {learner_id} in this class.")
    return learner


def class_group(classroom: Classroom, group_id: int) -> SkillGroup:
    group = SkillGroup.objects.filter(classroom=classroom, pk=group_id).first()
    if group is None:
        raise ClassNotFound(f"There is no group {group_id} in this class.")
    return group


def class_learner_ids(classroom: Classroom, group_id: int | None = None) -> list[int]:
    """The class's learners (only those of the group, when given), in username order.

    A group keeps learners who have left the class; they are not shown.
    """
    learners = classroom.learners.order_by("username")
    if group_id is not None:
        learners = learners.filter(pk__in=class_group(classroom, group_id).learners.all())
    return list(learners.values_list("pk", flat=True))
