from django.urls import path

from . import views

app_name = "members"
urlpatterns = [
    path("members/", views.organisation_list, name="list"),
    path("members/<slug:slug>/", views.organisation_detail, name="organisation"),
]
