"""Attendance (the TN list) for coordinators: record it, print a sign-in sheet, see who stays away."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from members.models import Organisation
from members.permissions import require_coordinator

from .. import attendance
from ..forms.attendance import AddAttendeeForm, TnListForm
from ..models import Meeting

# Empty lines on the sign-in sheet, for people who are not on the list.
EMPTY_SHEET_LINES = 10


def _retention() -> dict[str, int | None]:
    """How long attendance lists are kept, in whole years if it is whole years."""
    days = settings.ATTENDANCE_RETENTION_DAYS
    return {"retention_days": days, "retention_years": days // 365 if days % 365 == 0 else None}


def _meeting(pk: int) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("place"), pk=pk)


def _tn_page(
    request: HttpRequest, meeting: Meeting, tn: attendance.TnList, form: TnListForm, add_form: AddAttendeeForm
) -> HttpResponse:
    summary = attendance.summarise(row.record for row in tn.rows if row.record is not None)
    groups = form.groups()
    # The member organisations nobody was invited from (and nothing recorded for): most of the
    # list, rarely needed. The page folds them into a group of their own, still in the form.
    folded = [group for group in groups if _nobody_invited(group)]
    context = {
        "meeting": meeting,
        "tn": tn,
        "form": form,
        "groups": [group for group in groups if not _nobody_invited(group)],
        "folded": folded,
        # Open when it is all there is, or when one of its rows is chosen or wrong (a form sent back).
        "folded_open": len(folded) == len(groups)
        or any(
            field.errors or field.value() != attendance.NOT_RECORDED
            for _o, rows in folded
            for _r, field in rows
        ),
        "add_form": add_form,
        "summary": summary,
        "counts": attendance.count(summary),
    }
    return render(request, "meetings/attendance/tn_list.html", context)


def _nobody_invited(group: tuple[Organisation, list]) -> bool:
    """An organisation with only its own row, and nothing recorded in it."""
    _organisation, rows = group
    return all(row.person is None and row.record is None for row, _field in rows)


@login_required
@require_http_methods(["GET", "POST"])
def manage_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    require_coordinator(request)
    meeting = _meeting(pk)
    tn = attendance.tn_list(meeting)
    form = TnListForm(request.POST if request.method == "POST" else None, rows=tn.rows)
    if request.method == "POST" and form.is_valid():
        try:
            changes = attendance.save_tn_list(meeting, tn.rows, form.cleaned_data, request.user)
        except IntegrityError:
            # Someone else saved the list in the meantime: nothing of this request was written.
            messages.error(
                request, _("The list was changed in the meantime. Please check it and save again.")
            )
            return redirect("meetings:manage-attendance", meeting.pk)
        if changes:
            messages.success(
                request,
                ngettext(
                    "The attendance is saved: %(count)d change.",
                    "The attendance is saved: %(count)d changes.",
                    changes,
                )
                % {"count": changes},
            )
        else:
            messages.success(request, _("Nothing has changed."))
        return redirect("meetings:manage-attendance", meeting.pk)
    add_form = AddAttendeeForm(candidates=attendance.uninvited_candidates(meeting))
    return _tn_page(request, meeting, tn, form, add_form)


@login_required
@require_POST
def add_attendee(request: HttpRequest, pk: int) -> HttpResponse:
    """Someone came without an invitation: they are recorded as present."""
    require_coordinator(request)
    meeting = _meeting(pk)
    add_form = AddAttendeeForm(request.POST, candidates=attendance.uninvited_candidates(meeting))
    if add_form.is_valid():
        try:
            record = attendance.add_attendee(meeting, add_form.cleaned_data["affiliation"], request.user)
        except IntegrityError:
            messages.error(request, _("This person is on the list already."))
        else:
            messages.success(request, _("%(name)s is recorded as present.") % {"name": record.person.name})
        return redirect("meetings:manage-attendance", meeting.pk)
    tn = attendance.tn_list(meeting)
    return _tn_page(request, meeting, tn, TnListForm(rows=tn.rows), add_form)


@login_required
@require_GET
def sign_in_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    """The list to sign at the door, to print."""
    require_coordinator(request)
    meeting = _meeting(pk)
    context = {
        "meeting": meeting,
        "lines": attendance.sign_in_lines(meeting),
        "empty_lines": range(EMPTY_SHEET_LINES),
        **_retention(),
    }
    return render(request, "meetings/attendance/sign_in_sheet.html", context)


@login_required
@require_GET
def attendance_overview(request: HttpRequest) -> HttpResponse:
    """Which member organisations have not come for a year, and the last meetings' numbers."""
    require_coordinator(request)
    now = timezone.now()
    context = {
        "organisations": attendance.not_attending(now),
        "meetings": attendance.recent_meetings(now=now),
        "since": now - datetime.timedelta(days=365),
        **_retention(),
    }
    return render(request, "meetings/attendance/overview.html", context)
