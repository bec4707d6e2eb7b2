from django.contrib.auth import views as auth_views
from django.urls import path

from . import accounts, learner, views

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
]
