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
    path("accessibility/", views.accessibility, name="accessibility"),
    path("accessibility/report/", views.barrier_report, name="barrier-report"),
    path("accessibility/report/thanks/", views.barrier_report_thanks, name="barrier-report-thanks"),
    path("easy-read/", views.easy_read, name="easy-read"),
]
