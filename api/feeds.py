"""The Atom feed of what the network publishes: its news, its meetings and its public minutes.

One feed for all three, so that a feed reader (or another network's portal) follows
the network with one address; and one of the news alone. Only what an anonymous visitor
may see goes in: meetings are public, minutes only when approved and public
(`visible_minutes`), news only when published, due and public (`Post.objects.public()`).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html
from django.utils.translation import gettext as _

from meetings.models import Meeting, visible_minutes
from network.models import Network
from network.templatetags.portal import markdown, translated
from news.models import Post

# Entries reach back this far, and no more than this many: a feed is news, not the archive.
REACH = timedelta(days=2 * 365)
MAX_ENTRIES = 50


@dataclass(frozen=True)
class Entry:
    guid: str
    title: str
    summary: str
    url: str
    published: datetime
    updated: datetime


def meeting_entry(meeting: Meeting) -> Entry:
    starts, ends = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
    when = "{day}, {start}–{end}".format(
        day=formats.date_format(starts, "DATE_FORMAT"),
        start=formats.time_format(starts, "TIME_FORMAT"),
        end=formats.time_format(ends, "TIME_FORMAT"),
    )
    title = f"{meeting.get_kind_display()}, {formats.date_format(starts, 'DATE_FORMAT')}"
    if meeting.topic:
        title += f": {meeting.topic}"
    if meeting.is_cancelled:
        title = _("Cancelled: %(meeting)s") % {"meeting": title}
    # The summary is HTML (Atom's type="html"): the texts escaped, the description as on the page.
    summary = format_html("<p>{}</p>", when)
    if meeting.place:
        summary += format_html("<p>{}</p>", meeting.place)
    if meeting.description:
        summary += markdown(meeting.description)
    return Entry(
        guid=f"urn:uuid:{meeting.uid}",
        title=title,
        summary=summary,
        url=meeting.get_absolute_url(),
        published=meeting.created_at,
        updated=meeting.updated_at,
    )


def minutes_entry(minutes) -> Entry:
    held = minutes.held_on or (timezone.localdate(minutes.meeting.starts_at) if minutes.meeting else None)
    summary = format_html(
        "<p>{}</p>",
        _("Minutes of the meeting on %(date)s.") % {"date": formats.date_format(held, "DATE_FORMAT")}
        if held
        else _("Minutes of %(year)s.") % {"year": minutes.year},
    )
    published = minutes.approved_at or minutes.created_at or minutes.updated_at
    return Entry(
        guid=f"tag:netzwerkportal,minutes:{minutes.pk}",
        title=minutes.title,
        summary=summary,
        url=reverse("meetings:minutes-detail", args=[minutes.pk]),
        published=published,
        updated=max(filter(None, [minutes.updated_at, published])),
    )


def post_entry(post: Post) -> Entry:
    # In the feed's language, falling back as the news pages do (English on a page not written in it).
    title, summary, body = (translated(post, field).text for field in ("title", "summary", "body"))
    html = format_html("<p>{}</p>", summary) if summary else ""
    return Entry(
        guid=f"tag:netzwerkportal,news:{post.pk}",
        title=title,
        summary=html + markdown(body),
        url=post.get_absolute_url(),
        published=post.published_at,
        updated=max(post.updated_at, post.published_at),
    )


def recent_posts(since: datetime) -> list[Entry]:
    posts = Post.objects.public().filter(published_at__gte=since).newest_first()[:MAX_ENTRIES]
    return [post_entry(post) for post in posts]


class NewsFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest) -> Network | None:
        return Network.objects.first()

    def title(self, network: Network | None) -> str:
        return network.name if network else _("Network")

    def subtitle(self, network: Network | None) -> str:
        return _("News, meetings and minutes")

    def link(self) -> str:
        return reverse("meetings:list")

    def feed_url(self) -> str:
        return reverse("api:feed")

    def items(self) -> list[Entry]:
        since = timezone.now() - REACH
        meetings = Meeting.objects.select_related("place").filter(updated_at__gte=since)
        minutes = (
            visible_minutes(AnonymousUser())
            .select_related("meeting")
            .filter(updated_at__gte=since)
            .order_by("-updated_at")[:MAX_ENTRIES]
        )
        entries = [meeting_entry(meeting) for meeting in meetings.order_by("-updated_at")[:MAX_ENTRIES]]
        entries += [minutes_entry(one) for one in minutes]
        entries += recent_posts(since)
        return sorted(entries, key=lambda entry: entry.updated, reverse=True)[:MAX_ENTRIES]

    def item_title(self, entry: Entry) -> str:
        return entry.title

    def item_description(self, entry: Entry) -> str:
        return entry.summary

    def item_link(self, entry: Entry) -> str:
        return entry.url

    def item_guid(self, entry: Entry) -> str:
        return entry.guid

    def item_guid_is_permalink(self, entry: Entry) -> bool:
        return False

    def item_pubdate(self, entry: Entry) -> datetime:
        return entry.published

    def item_updateddate(self, entry: Entry) -> datetime:
        return entry.updated


class PostsFeed(NewsFeed):
    """The network's news alone, for those who follow only them."""

    def subtitle(self, network: Network | None) -> str:
        return _("News")

    def link(self) -> str:
        return reverse("news:list")

    def feed_url(self) -> str:
        return reverse("news:feed")

    def items(self) -> list[Entry]:
        return recent_posts(timezone.now() - REACH)
