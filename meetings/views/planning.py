"""Planning meetings (coordinators): meetings, a year of plenary dates, places, the agenda;
and the agenda's attachments for members."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from members import audit
from members.permissions import is_member, require_coordinator
from members.views.common import paginate, save_with_log

from .. import planning
from ..forms.planning import AgendaAttachmentForm, AgendaItemForm, MeetingForm, PlaceForm, PlanYearForm
from ..models import AgendaAttachment, AgendaItem, Meeting, Place


def _hub(meeting_pk: int, anchor: str = "") -> HttpResponse:
    return redirect(reverse("meetings:manage-meeting", args=[meeting_pk]) + (f"#{anchor}" if anchor else ""))


# Meetings ---------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def meeting_list(request: HttpRequest) -> HttpResponse:
    require_coordinator(request)
    meetings = Meeting.objects.select_related("place").annotate(
        agenda_count=Count("agenda_items", distinct=True),
        invitation_count=Count("invitations", distinct=True),
    )
    context = {"upcoming": meetings.upcoming(), "page": paginate(request, meetings.past())}
    return render(request, "meetings/planning/meeting_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """A new meeting, or the page of one: its details and its agenda."""
    require_coordinator(request)
    meeting = get_object_or_404(Meeting.objects.select_related("place"), pk=pk) if pk else None
    title = str(meeting) if meeting else ""
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        created = meeting is None
        meeting = form.save(commit=False)
        told = planning.save_meeting(meeting, request.user, new_place=form.new_place)
        if created:
            messages.success(request, _("The meeting has been added. Now you can plan its agenda."))
        elif told:
            messages.success(
                request, _("Your changes are saved. The invited people get an updated invitation.")
            )
        else:
            messages.success(request, _("Your changes are saved."))
        return _hub(meeting.pk)
    context = {"form": form, "meeting": meeting, "title": title}
    if meeting is not None:
        items = list(
            meeting.agenda_items.select_related(
                "presenter_person", "presenter_organisation", "proposal"
            ).prefetch_related("attachments")
        )
        context.update(
            items=items,
            planned_minutes=planning.planned_minutes(items),
            invitation_count=meeting.invitations.count(),
        )
    return render(request, "meetings/planning/meeting_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    require_coordinator(request)
    meeting = get_object_or_404(Meeting.objects.select_related("place"), pk=pk)
    invitation_count = meeting.invitations.count()
    if request.method == "POST":
        if meeting.is_cancelled:
            messages.info(request, _("The meeting was cancelled already."))
        elif meeting.is_past:
            messages.error(request, _("The meeting is over; it cannot be cancelled any more."))
        else:
            planning.cancel_meeting(meeting, request.user)
            messages.success(
                request,
                ngettext(
                    "The meeting is cancelled. %(count)d invited person is told.",
                    "The meeting is cancelled. %(count)d invited people are told.",
                    invitation_count,
                )
                % {"count": invitation_count},
            )
        return _hub(meeting.pk)
    context = {"meeting": meeting, "invitation_count": invitation_count}
    return render(request, "meetings/planning/meeting_cancel.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def meetings_plan(request: HttpRequest) -> HttpResponse:
    """A year of plenary meetings in one step."""
    require_coordinator(request)
    form = PlanYearForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        plan = planning.plan_year(request.user, **form.cleaned_data)
        count = len(plan.created)
        messages.success(
            request,
            ngettext("%(count)d meeting has been planned.", "%(count)d meetings have been planned.", count)
            % {"count": count},
        )
        if plan.skipped:
            days = ", ".join(date_format(day, "SHORT_DATE_FORMAT") for day in plan.skipped)
            messages.info(
                request,
                _("Skipped, because a plenary meeting is planned on that day already: %(days)s")
                % {"days": days},
            )
        return redirect("meetings:manage-meetings")
    return render(request, "meetings/planning/plan_form.html", {"form": form})


# Places -----------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def place_list(request: HttpRequest) -> HttpResponse:
    require_coordinator(request)
    places = Place.objects.annotate(meeting_count=Count("meeting")).order_by("name", "room", "pk")
    return render(request, "meetings/planning/place_list.html", {"page": paginate(request, places)})


@login_required
@require_http_methods(["GET", "POST"])
def place_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    require_coordinator(request)
    place = get_object_or_404(Place, pk=pk) if pk else None
    title = str(place) if place else ""
    form = PlaceForm(request.POST or None, instance=place)
    if request.method == "POST" and form.is_valid():
        changed = planning.save_place(form.save(commit=False), request.user)
        if changed:
            messages.success(
                request,
                ngettext(
                    "The place is saved. The invited people of %(count)d upcoming meeting there "
                    "get an updated invitation.",
                    "The place is saved. The invited people of %(count)d upcoming meetings there "
                    "get an updated invitation.",
                    changed,
                )
                % {"count": changed},
            )
        else:
            messages.success(request, _("The place is saved."))
        return redirect("meetings:manage-places")
    upcoming = Meeting.objects.upcoming().filter(place=place).count() if place else 0
    context = {"form": form, "place": place, "title": title, "upcoming": upcoming}
    return render(request, "meetings/planning/place_form.html", context)


# The agenda -------------------------------------------------------------------------------------


def _agenda_item(pk: int) -> AgendaItem:
    return get_object_or_404(AgendaItem.objects.select_related("meeting", "proposal"), pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def agenda_item_new(request: HttpRequest, pk: int) -> HttpResponse:
    require_coordinator(request)
    meeting = get_object_or_404(Meeting, pk=pk)
    form = AgendaItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.instance.meeting = meeting
        form.instance.position = planning.next_agenda_position(meeting)
        save_with_log(request, form)
        messages.success(request, _("The agenda item has been added."))
        return _hub(meeting.pk, "agenda")
    return render(request, "meetings/planning/agenda_item_form.html", {"form": form, "meeting": meeting})


@login_required
@require_http_methods(["GET", "POST"])
def agenda_item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require_coordinator(request)
    item = _agenda_item(pk)
    title = item.title
    form = AgendaItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        save_with_log(request, form)
        messages.success(request, _("Your changes are saved."))
        return _hub(item.meeting_id, "agenda")
    context = {
        "form": form,
        "item": item,
        "title": title,
        "meeting": item.meeting,
        "attachments": item.attachments.all(),
    }
    return render(request, "meetings/planning/agenda_item_form.html", context)


@login_required
@require_POST
def agenda_item_delete(request: HttpRequest, pk: int) -> HttpResponse:
    require_coordinator(request)
    item = _agenda_item(pk)
    planning.delete_agenda_item(item, request.user)
    messages.success(request, _("The agenda item has been removed."))
    return _hub(item.meeting_id, "agenda")


def _move(request: HttpRequest, pk: int, step: int) -> HttpResponse:
    require_coordinator(request)
    item = _agenda_item(pk)
    if planning.move_agenda_item(item, step, request.user):
        messages.success(request, _("The agenda item has been moved."))
    return _hub(item.meeting_id, "agenda")


@login_required
@require_POST
def agenda_item_up(request: HttpRequest, pk: int) -> HttpResponse:
    return _move(request, pk, -1)


@login_required
@require_POST
def agenda_item_down(request: HttpRequest, pk: int) -> HttpResponse:
    return _move(request, pk, 1)


@login_required
@require_http_methods(["GET", "POST"])
def attachment_new(request: HttpRequest, pk: int) -> HttpResponse:
    require_coordinator(request)
    item = _agenda_item(pk)
    form = AgendaAttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        form.instance.item = item
        save_with_log(request, form)
        messages.success(request, _("The attachment has been added."))
        return redirect("meetings:manage-agenda-item", item.pk)
    context = {"form": form, "item": item, "meeting": item.meeting}
    return render(request, "meetings/planning/attachment_form.html", context)


@login_required
@require_POST
def attachment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    require_coordinator(request)
    attachment = get_object_or_404(AgendaAttachment.objects.select_related("item"), pk=pk)
    with transaction.atomic():
        audit.record(request.user, "delete", attachment, before=audit.snapshot(attachment, ["title", "file"]))
        attachment.delete()
        transaction.on_commit(lambda: attachment.file.delete(save=False))
    messages.success(request, _("The attachment has been removed."))
    return redirect("meetings:manage-agenda-item", attachment.item_id)


# For members ------------------------------------------------------------------------------------


@require_safe
def agenda_attachment(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    """An attachment of a meeting's agenda: working papers, for members only (404 for others)."""
    if not is_member(request.user):
        raise Http404
    attachment = get_object_or_404(AgendaAttachment, pk=attachment_pk, item__meeting_id=pk)
    try:
        file = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(file, as_attachment=False, filename=attachment.file.name.rsplit("/", 1)[-1])
