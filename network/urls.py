from django.urls import path

from . import views

app_name = "network"
urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("principles/", views.principles, name="principles"),
    path("goals/", views.goals, name="goals"),
    path("leadership/", views.leadership, name="leadership"),
    path("pages/<slug:slug>/", views.page, name="page"),
]
