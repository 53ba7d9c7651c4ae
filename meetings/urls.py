from django.urls import path

from .views import minutes, public

app_name = "meetings"
urlpatterns = [
    path("meetings/", public.meeting_list, name="list"),
    path("meetings/calendar.ics", public.calendar_feed, name="calendar"),
    path("meetings/<int:pk>/", public.meeting_detail, name="detail"),
    path("meetings/<int:pk>/calendar.ics", public.meeting_ics, name="ics"),
    path("minutes/", minutes.minutes_archive, name="minutes"),
    path("minutes/<int:year>/", minutes.minutes_year, name="minutes-year"),
    path("minutes/document/<int:pk>/", minutes.minutes_document, name="minutes-document"),
    # Planning: meetings, places, agenda (views/planning.py)
    # Topic proposals (views/proposals.py)
    # Invitations, replies, personal calendars (views/invitations.py)
    # Attendance (views/attendance.py)
    # Minutes: writing, approving, importing (views/minutes.py)
]
