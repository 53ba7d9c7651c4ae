"""/api/v1/minutes/: the public minutes, by year.

Only what an anonymous visitor may read (`visible_minutes(AnonymousUser())`): public
minutes once approved; never members-only minutes, drafts or minutes sent for corrections.
Approved minutes are locked, so their modification time is exact: Last-Modified.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router

from meetings.models import Minutes, visible_minutes

from . import schemas
from .http import LanguageParams, json_answer, set_last_modified
from .links import Addresses
from .pagination import Page, PageParams, paginate
from .schemas import DETAIL, LIST

router = Router(tags=["minutes"])


class MinutesFilters(PageParams):
    year: int | None = Field(None, ge=1, le=9999, description="Only the minutes of this year.")


def public_minutes() -> QuerySet[Minutes]:
    return visible_minutes(AnonymousUser()).select_related("meeting").order_by("-year", "position", "pk")


class MinutesAnswers:
    """Minutes as the API shows them; the addresses are worked out once per request."""

    def __init__(self, request: HttpRequest) -> None:
        self.api = Addresses(request, "api-v1:minutes")
        self.page = Addresses(request, "meetings:minutes-detail")
        self.document = Addresses(request, "meetings:minutes-document")
        self.meeting = Addresses(request, "api-v1:meeting")

    def summary(self, minutes: Minutes) -> dict:
        return {
            "id": minutes.pk,
            "title": minutes.title,
            "year": minutes.year,
            "held_on": minutes.held_on,
            "meeting": schemas.MeetingRef(id=minutes.meeting_id, api=self.meeting(minutes.meeting_id))
            if minutes.meeting_id
            else None,
            "approved_at": minutes.approved_at,
            "urls": schemas.MinutesUrls(
                page=self.page(minutes.pk),
                api=self.api(minutes.pk),
                document=self.document(minutes.pk) if minutes.document else None,
            ),
        }


@router.get("/", response={200: Page[schemas.MinutesSummary], **LIST}, url_name="minutes-list")
def minutes_list(request: HttpRequest, filters: Query[MinutesFilters]) -> HttpResponse:
    """The public minutes, the latest year first, each year in the archive's order."""
    minutes = public_minutes()
    if filters.year is not None:
        minutes = minutes.filter(year=filters.year)
    links, rows = paginate(request, minutes, filters)
    answer = MinutesAnswers(request)
    page = {**links, "results": [answer.summary(entry) for entry in rows]}
    return json_answer(Page[schemas.MinutesSummary], page)


@router.get("/{pk}/", response={200: schemas.Minutes, **DETAIL}, url_name="minutes")
def minutes_detail(
    request: HttpRequest, pk: int, params: Query[LanguageParams], response: HttpResponse
) -> HttpResponse:
    minutes = get_object_or_404(public_minutes(), pk=pk)
    set_last_modified(response, minutes.updated_at)
    items = minutes.items.order_by("position", "pk")
    return json_answer(
        schemas.Minutes,
        {
            **MinutesAnswers(request).summary(minutes),
            "text": minutes.body,
            "items": [
                schemas.MinutesItem(
                    number=number, title=item.title, discussion=item.discussion, decisions=item.decisions
                )
                for number, item in enumerate(items, start=1)
            ],
        },
        response,
    )
