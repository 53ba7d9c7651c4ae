from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language

from members.permissions import is_member
from network.models import Network

from ..calendar import calendar_for
from ..models import ActionItem, Meeting, visible_minutes
from ..planning import planned_minutes


def _ics_response(content: bytes, filename: str, disposition: str = "attachment") -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def _network_name() -> str:
    network = Network.objects.only("name").first()
    return network.name if network else ""


def meeting_list(request: HttpRequest) -> HttpResponse:
    meetings = Meeting.objects.select_related("place")
    return render(
        request,
        "meetings/meeting_list.html",
        {"upcoming": meetings.upcoming(), "past": meetings.past()},
    )


def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The meeting with its agenda. Members also see the attachments, the online link, presenters
    who did not agree to be shown publicly and, before the meeting, the open action items."""
    meeting = get_object_or_404(Meeting.objects.select_related("place"), pk=pk)
    minutes = visible_minutes(request.user).filter(meeting=meeting)
    member = is_member(request.user)
    items = meeting.agenda_items.select_related("presenter_person", "presenter_organisation", "proposal")
    if member:
        items = items.prefetch_related("attachments")
    items = list(items)
    for item in items:
        # Persons who did not agree to be shown publicly are named to members only.
        person = item.presenter_person
        item.shown_person = person if person and (member or person.public_consent) else None
    action_items = []
    if member and not meeting.is_past:
        # Open action items come forward to the next meeting's agenda.
        action_items = list(
            ActionItem.objects.open()
            .filter(minutes__meeting__starts_at__lt=meeting.starts_at)
            .select_related("person", "organisation", "minutes", "minutes__meeting")
        )
    context = {
        "meeting": meeting,
        "minutes": minutes,
        "items": items,
        "planned_minutes": planned_minutes(items),
        "action_items": action_items,
        "is_member": member,
    }
    return render(request, "meetings/meeting_detail.html", context)


def meeting_ics(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting.objects.select_related("place"), pk=pk)
    content = calendar_for([meeting], _network_name(), get_language())
    day = meeting.starts_at.date().isoformat()
    return _ics_response(content, f"meeting-{day}.ics")


def calendar_feed(request: HttpRequest) -> HttpResponse:
    """All meetings as a calendar to subscribe to."""
    meetings = Meeting.objects.select_related("place").order_by("starts_at")
    content = calendar_for(meetings, _network_name(), get_language())
    return _ics_response(content, "meetings.ics", disposition="inline")
