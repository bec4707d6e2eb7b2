from django.contrib.auth import views as auth_views
from django.urls import path, register_converter

from . import (
    account,
    accounts,
    assignment_pages,
    bounds,
    class_activity,
    class_learner,
    class_reports,
    class_settings,
    goal_pages,
    learner,
    reading,
    skill_groups,
    tasks,
    teacher,
    views,
)

app_name = "web"
register_converter(bounds.IdConverter, "id")
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("home/", learner.home, name="home"),
    path("courses/<slug:course>/", learner.course, name="course"),
    path("courses/<slug:course>/units/<slug:unit>/", learner.unit, name="unit"),
    path("courses/<slug:course>/articles/<slug:slug>/", reading.article, name="article"),
    path("courses/<slug:course>/videos/<slug:slug>/", reading.video, name="video"),
    # Marking an article read or a video watched (web/reading.py)
    path(
        "courses/<slug:course>/articles/<slug:slug>/done",
        reading.mark_done,
        {"kind": "article"},
        name="article_done",
    ),
    path(
        "courses/<slug:course>/videos/<slug:slug>/done",
        reading.mark_done,
        {"kind": "video"},
        name="video_done",
    ),
    path("courses/<slug:course>/exercises/<slug:slug>/", views.exercise, name="exercise"),
    path("signin/", accounts.SignIn.as_view(), name="login"),
    path("signout/", auth_views.LogoutView.as_view(), name="logout"),
    path("signup/", accounts.sign_up, name="signup"),
    path("classes/join/", accounts.join_class, name="join_class"),
    path("classes/<id:class_id>/leave", learner.leave_class, name="leave_class"),
    path("account/", account.account, name="account"),
    # A teacher's classes and reports (web/teacher.py, web/class_reports.py)
    path("classes/", teacher.my_classes, name="my_classes"),
    path("classes/<id:class_id>/", teacher.class_home, name="class_home"),
    path("classes/<id:class_id>/join-code", teacher.new_join_code, name="class_join_code"),
    path("classes/<id:class_id>/joining", teacher.joining, name="class_joining"),
    path("classes/<id:class_id>/learners/add", teacher.add_learners, name="class_add_learners"),
    path(
        "classes/<id:class_id>/learners/import",
        teacher.import_learners,
        name="class_import_learners",
    ),
    path(
        "classes/<id:class_id>/learners/<id:learner_id>/remove",
        teacher.remove_learner,
        name="class_remove_learner",
    ),
    path(
        "classes/<id:class_id>/learners/<id:learner_id>/",
        class_learner.learner,
        name="class_learner",
    ),
    path(
        "classes/<id:class_id>/learners/<id:learner_id>/password",
        class_learner.new_password,
        name="class_learner_password",
    ),
    path("classes/<id:class_id>/mastery/", class_reports.mastery, name="class_mastery"),
    path("classes/<id:class_id>/mastery.csv", class_reports.mastery_csv, name="class_mastery_csv"),
    path("classes/<id:class_id>/skills/", class_reports.skills, name="class_skills"),
    path("classes/<id:class_id>/skills.csv", class_reports.skills_csv, name="class_skills_csv"),
    path("classes/<id:class_id>/activity/", class_activity.activity_page, name="class_activity"),
    path(
        "classes/<id:class_id>/activity.csv",
        class_activity.activity_csv,
        name="class_activity_csv",
    ),
    path("classes/<id:class_id>/settings/", class_settings.class_settings, name="class_settings"),
    path(
        "classes/<id:class_id>/settings/teachers/add",
        class_settings.add_teacher,
        name="class_add_teacher",
    ),
    path(
        "classes/<id:class_id>/settings/teachers/<str:username>/remove",
        class_settings.remove_teacher,
        name="class_remove_teacher",
    ),
    # Skill groups (web/skill_groups.py)
    path("classes/<id:class_id>/groups/", skill_groups.groups, name="class_groups"),
    path("classes/<id:class_id>/groups/new", skill_groups.accept, name="class_group_new"),
    path(
        "classes/<id:class_id>/groups/<id:group_id>/",
        skill_groups.change,
        name="class_group_change",
    ),
    path(
        "classes/<id:class_id>/groups/<id:group_id>/delete",
        skill_groups.delete,
        name="class_group_delete",
    ),
    # Goals and assignments (web/goal_pages.py, web/assignment_pages.py)
    path("classes/<id:class_id>/goals/", goal_pages.goals, name="class_goals"),
    path("classes/<id:class_id>/goals/<id:goal_id>/", goal_pages.goal, name="class_goal"),
    path(
        "classes/<id:class_id>/goals/<id:goal_id>/delete",
        goal_pages.delete_goal,
        name="class_goal_delete",
    ),
    path(
        "classes/<id:class_id>/assignments/",
        assignment_pages.assignments,
        name="class_assignments",
    ),
    path(
        "classes/<id:class_id>/assignments/<id:assignment_id>/",
        assignment_pages.assignment,
        name="class_assignment",
    ),
    path(
        "classes/<id:class_id>/assignments/<id:assignment_id>/due",
        assignment_pages.new_due_time,
        name="class_assignment_due",
    ),
    path(
        "classes/<id:class_id>/assignments/<id:assignment_id>/delete",
        assignment_pages.delete_assignment,
        name="class_assignment_delete",
    ),
    # Doing a task (web/tasks.py)
    path("tasks/start", tasks.start, name="task_start"),
    path("tasks/preview", tasks.preview, name="task_preview"),
    path("tasks/<id:task_id>/", tasks.task, name="task"),
    path("tasks/<id:task_id>/questions/<id:position>/", tasks.question, name="task_question"),
    path("tasks/<id:task_id>/questions/<id:position>/answer", tasks.answer, name="task_answer"),
    path("tasks/<id:task_id>/questions/<id:position>/hint", tasks.hint, name="task_hint"),
    path("tasks/<id:task_id>/skip-bonus", tasks.skip_bonus, name="task_skip_bonus"),
]
