from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "web"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("courses/<slug:course>/", views.course, name="course"),
    path("courses/<slug:course>/articles/<slug:slug>/", views.article, name="article"),
    path("courses/<slug:course>/videos/<slug:slug>/", views.video, name="video"),
    path("courses/<slug:course>/exercises/<slug:slug>/", views.exercise, name="exercise"),
    path(
        "signin/",
        auth_views.LoginView.as_view(
            template_name="web/signin.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("signout/", auth_views.LogoutView.as_view(), name="logout"),
]
