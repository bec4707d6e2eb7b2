from django.contrib.auth import views as auth_views
from django.urls import path

from . import accounts, learner, tasks, views

app_name = "web"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("home/", learner.home, name="home"),
    path("courses/<slug:course>/", learner.course, name="course"),
    path("courses/<slug:course>/units/<slug:unit>/", learner.unit, name="unit"),
    path("courses/<slug:course>/articles/<slug:slug>/", views.article, name="article"),
    path("courses/<slug:course>/videos/<slug:slug>/", views.video, name="video"),
    path("courses/<slug:course>/exercises/<slug:slug>/", views.exercise, name="exercise"),
    path(
        "signin/",
        auth_views.LoginView.as_view(
            template_name="web/signin.html", redirect_authenticated_user=True, next_page="web:home"
        ),
        name="login",
    ),
    path("signout/", auth_views.LogoutView.as_view(), name="logout"),
    path("signup/", accounts.sign_up, name="signup"),
    path("classes/join/", accounts.join_class, name="join_class"),
    # Doing a task (web/tasks.py)
    path("tasks/start", tasks.start, name="task_start"),
    path("tasks/preview", tasks.preview, name="task_preview"),
    path("tasks/<int:task_id>/", tasks.task, name="task"),
    path("tasks/<int:task_id>/questions/<int:position>/", tasks.question, name="task_question"),
    path("tasks/<int:task_id>/questions/<int:position>/answer", tasks.answer, name="task_answer"),
    path("tasks/<int:task_id>/questions/<int:position>/hint", tasks.hint, name="task_hint"),
    path("tasks/<int:task_id>/skip-bonus", tasks.skip_bonus, name="task_skip_bonus"),
]
