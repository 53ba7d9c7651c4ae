from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language

from network.models import Network

from ..calendar import calendar_for
from ..models import Meeting, visible_minutes


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
    meeting = get_object_or_404(Meeting.objects.select_related("place"), pk=pk)
    minutes = visible_minutes(request.user).filter(meeting=meeting)
    return render(request, "meetings/meeting_detail.html", {"meeting": meeting, "minutes": minutes})


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
