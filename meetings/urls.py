from django.urls import path

from .views import public

app_name = "meetings"
urlpatterns = [
    path("meetings/", public.meeting_list, name="list"),
    path("meetings/calendar.ics", public.calendar_feed, name="calendar"),
    path("meetings/<int:pk>/", public.meeting_detail, name="detail"),
    path("meetings/<int:pk>/calendar.ics", public.meeting_ics, name="ics"),
    path("minutes/", public.minutes_archive, name="minutes"),
    path("minutes/<int:year>/", public.minutes_year, name="minutes-year"),
    path("minutes/document/<int:pk>/", public.minutes_document, name="minutes-document"),
    # Planning: meetings, places, agenda (views/planning.py)
    # Topic proposals (views/proposals.py)
    # Invitations, replies, personal calendars (views/invitations.py)
    # Attendance (views/attendance.py)
    # Minutes: writing, approving, importing (views/minutes.py)
]
