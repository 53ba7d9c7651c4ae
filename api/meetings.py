"""/api/v1/meetings/: the network's meetings, upcoming and past, with their agendas.

What the meeting's public page shows (templates/meetings/meeting_detail.html): never the
online link, the agenda's attachments or the open action items, which are for members;
a presenter is named only with their consent. Agenda items keep no modification time,
so a meeting's answer has an ETag but no Last-Modified.
"""

from typing import Literal

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router

from meetings.models import AgendaItem, Meeting, visible_minutes

from . import schemas
from .http import LanguageParams, json_answer
from .links import Addresses
from .pagination import Page, PageParams, paginate
from .schemas import DETAIL, LIST

router = Router(tags=["meetings"])


class MeetingFilters(PageParams):
    when: Literal["upcoming", "past"] | None = Field(
        None,
        description="upcoming: not ended yet, the next first; past: ended, the latest first. "
        "Without: all, the latest first.",
    )


class MeetingAnswers:
    """Meetings as the API shows them; the addresses are worked out once per request."""

    def __init__(self, request: HttpRequest) -> None:
        self.api = Addresses(request, "api-v1:meeting")
        self.page = Addresses(request, "meetings:detail")
        self.calendar = Addresses(request, "meetings:ics")
        self.organisation = Addresses(request, "api-v1:organisation")
        self.minutes = Addresses(request, "api-v1:minutes")

    def summary(self, meeting: Meeting) -> dict:
        place = meeting.place
        return {
            "id": meeting.pk,
            "kind": schemas.Choice(value=meeting.kind, label=meeting.get_kind_display()),
            "topic": meeting.topic or "",
            "starts_at": meeting.starts_at,
            "ends_at": meeting.ends_at,
            "place": schemas.MeetingPlace(name=place.name, room=place.room, address=place.address)
            if place
            else None,
            "cancelled": meeting.is_cancelled,
            "urls": schemas.MeetingUrls(
                page=self.page(meeting.pk), calendar=self.calendar(meeting.pk), api=self.api(meeting.pk)
            ),
        }

    def agenda_item(self, number: int, item: AgendaItem) -> schemas.AgendaItem:
        person = item.presenter_person
        named = person.name if person and person.public_consent else None
        organisation = item.presenter_organisation
        by = (
            schemas.OrganisationRef(
                slug=organisation.slug, name=organisation.name, api=self.organisation(organisation.slug)
            )
            if organisation
            else None
        )
        return schemas.AgendaItem(
            number=number,
            title=item.title,
            presenter=schemas.Presenter(person=named, organisation=by) if named or by else None,
            duration_minutes=item.duration_minutes,
            notes=item.notes,
            proposed_by_member=item.proposal_id is not None,
        )


@router.get("/", response={200: Page[schemas.MeetingSummary], **LIST}, url_name="meetings")
def meeting_list(request: HttpRequest, filters: Query[MeetingFilters]) -> HttpResponse:
    meetings = Meeting.objects.select_related("place")
    if filters.when == "upcoming":
        meetings = meetings.upcoming().order_by("starts_at", "pk")
    elif filters.when == "past":
        meetings = meetings.past().order_by("-starts_at", "-pk")
    else:
        meetings = meetings.order_by("-starts_at", "-pk")
    links, rows = paginate(request, meetings, filters)
    answer = MeetingAnswers(request)
    page = {**links, "results": [answer.summary(meeting) for meeting in rows]}
    return json_answer(Page[schemas.MeetingSummary], page)


@router.get("/{pk}/", response={200: schemas.Meeting, **DETAIL}, url_name="meeting")
def meeting_detail(request: HttpRequest, pk: int, params: Query[LanguageParams]) -> HttpResponse:
    meeting = get_object_or_404(Meeting.objects.select_related("place"), pk=pk)
    items = meeting.agenda_items.select_related("presenter_person", "presenter_organisation")
    minutes = visible_minutes(AnonymousUser()).filter(meeting=meeting).order_by("pk")
    answer = MeetingAnswers(request)
    return json_answer(
        schemas.Meeting,
        {
            **answer.summary(meeting),
            "description": meeting.description or "",
            "agenda": [answer.agenda_item(number, item) for number, item in enumerate(items, start=1)],
            "minutes": [
                schemas.MinutesRef(id=entry.pk, title=entry.title, api=answer.minutes(entry.pk))
                for entry in minutes
            ],
        },
    )
