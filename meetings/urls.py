from django.urls import path

from . import views

app_name = "meetings"
urlpatterns = [
    path("meetings/", views.meeting_list, name="list"),
    path("meetings/calendar.ics", views.calendar_feed, name="calendar"),
    path("meetings/<int:pk>/", views.meeting_detail, name="detail"),
    path("meetings/<int:pk>/calendar.ics", views.meeting_ics, name="ics"),
    path("minutes/", views.minutes_archive, name="minutes"),
    path("minutes/<int:year>/", views.minutes_year, name="minutes-year"),
    path("minutes/document/<int:pk>/", views.minutes_document, name="minutes-document"),
]
