from django.urls import path

from .views import attendance, invitations, minutes, planning, proposals, public

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
    path(
        "meetings/<int:pk>/attachments/<int:attachment_pk>/",
        planning.agenda_attachment,
        name="agenda-attachment",
    ),
    path("manage/meetings/", planning.meeting_list, name="manage-meetings"),
    path("manage/meetings/new/", planning.meeting_edit, name="manage-meeting-new"),
    path("manage/meetings/plan/", planning.meetings_plan, name="manage-meetings-plan"),
    path("manage/meetings/<int:pk>/", planning.meeting_edit, name="manage-meeting"),
    path("manage/meetings/<int:pk>/cancel/", planning.meeting_cancel, name="manage-meeting-cancel"),
    path("manage/meetings/<int:pk>/agenda/new/", planning.agenda_item_new, name="manage-agenda-item-new"),
    path("manage/agenda/<int:pk>/", planning.agenda_item_edit, name="manage-agenda-item"),
    path("manage/agenda/<int:pk>/delete/", planning.agenda_item_delete, name="manage-agenda-item-delete"),
    path("manage/agenda/<int:pk>/up/", planning.agenda_item_up, name="manage-agenda-item-up"),
    path("manage/agenda/<int:pk>/down/", planning.agenda_item_down, name="manage-agenda-item-down"),
    path(
        "manage/agenda/<int:pk>/attachments/new/",
        planning.attachment_new,
        name="manage-agenda-attachment-new",
    ),
    path(
        "manage/agenda/attachments/<int:pk>/delete/",
        planning.attachment_delete,
        name="manage-agenda-attachment-delete",
    ),
    path("manage/places/", planning.place_list, name="manage-places"),
    path("manage/places/new/", planning.place_edit, name="manage-place-new"),
    path("manage/places/<int:pk>/", planning.place_edit, name="manage-place"),
    # Topic proposals (views/proposals.py)
    path("topics/", proposals.proposal_list, name="proposals"),
    path("topics/new/", proposals.proposal_new, name="proposal-new"),
    path("topics/<int:pk>/", proposals.proposal_detail, name="proposal"),
    path("topics/<int:pk>/withdraw/", proposals.proposal_withdraw, name="proposal-withdraw"),
    path("topics/<int:pk>/support/", proposals.proposal_support, name="proposal-support"),
    path("topics/<int:pk>/unsupport/", proposals.proposal_unsupport, name="proposal-unsupport"),
    path("topics/<int:pk>/accept/", proposals.proposal_accept, name="proposal-accept"),
    path("topics/<int:pk>/decline/", proposals.proposal_decline, name="proposal-decline"),
    # Invitations, replies, personal calendars (views/invitations.py)
    path(
        "manage/meetings/<int:pk>/invitations/",
        invitations.manage_invitations,
        name="manage-invitations",
    ),
    path(
        "manage/meetings/<int:pk>/invitations/send/",
        invitations.manage_invitations_send,
        name="manage-invitations-send",
    ),
    path("meetings/reply/<str:token>/", invitations.reply, name="reply"),
    path("meetings/my/<str:key>.ics", invitations.personal_calendar, name="personal-calendar"),
    path("account/calendar/", invitations.calendar_feed_renew, name="calendar-feed-renew"),
    # Attendance (views/attendance.py)
    path("manage/meetings/<int:pk>/attendance/", attendance.manage_attendance, name="manage-attendance"),
    path("manage/meetings/<int:pk>/attendance/add/", attendance.add_attendee, name="manage-attendance-add"),
    path("manage/meetings/<int:pk>/sign-in-sheet/", attendance.sign_in_sheet, name="manage-sign-in-sheet"),
    path("manage/attendance/", attendance.attendance_overview, name="manage-attendance-overview"),
    # Minutes: writing, approving, importing (views/minutes.py)
    path("minutes/entry/<int:pk>/", minutes.minutes_detail, name="minutes-detail"),
    path("manage/minutes/", minutes.manage_minutes, name="manage-minutes"),
    path("manage/minutes/new/", minutes.manage_minutes_new, name="manage-minutes-new"),
    path("manage/minutes/import/", minutes.manage_minutes_import, name="manage-minutes-import"),
    path(
        "manage/meetings/<int:pk>/minutes/start/", minutes.manage_minutes_start, name="manage-minutes-start"
    ),
    path("manage/minutes/<int:pk>/", minutes.manage_minutes_edit, name="manage-minutes-edit"),
    path("manage/minutes/<int:pk>/preview/", minutes.manage_minutes_preview, name="manage-minutes-preview"),
    path("manage/minutes/<int:pk>/send/", minutes.manage_minutes_send, name="manage-minutes-send"),
    path("manage/minutes/<int:pk>/approve/", minutes.manage_minutes_approve, name="manage-minutes-approve"),
    path(
        "manage/minutes/<int:pk>/revisions/",
        minutes.manage_minutes_revisions,
        name="manage-minutes-revisions",
    ),
    path(
        "manage/action-items/<int:pk>/done/",
        minutes.manage_action_item_done,
        name="manage-action-item-done",
    ),
]
