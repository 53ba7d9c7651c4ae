"""iCalendar (RFC 5545) files for meetings."""

import datetime
from collections.abc import Iterable
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import Meeting

PRODID = "-//Netzwerkportal//Meetings//DE"


def meeting_summary(meeting: Meeting) -> str:
    kind = meeting.get_kind_display()
    return f"{kind}: {meeting.topic}" if meeting.topic else kind


def meeting_event(meeting: Meeting, network_name: str) -> icalendar.Event:
    tz = ZoneInfo(settings.TIME_ZONE)
    url = settings.SITE_URL + meeting.get_absolute_url()
    event = icalendar.Event()
    event.add("uid", f"{meeting.uid}@netzwerkportal")
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", timezone.now())
    event.add("last-modified", meeting.updated_at)
    event.add("dtstart", timezone.localtime(meeting.starts_at, tz))
    event.add("dtend", timezone.localtime(meeting.ends_at, tz))
    event.add("summary", f"{network_name} – {meeting_summary(meeting)}")
    description = "\n\n".join(part for part in (meeting.topic, meeting.description, url) if part)
    event.add("description", description)
    if meeting.place:
        event.add("location", str(meeting.place))
    event.add("url", url)
    event.add("status", "CANCELLED" if meeting.is_cancelled else "CONFIRMED")
    return event


def calendar_for(meetings: Iterable[Meeting], network_name: str, language: str) -> bytes:
    """A calendar of the meetings; times carry the Europe/Berlin time zone with its VTIMEZONE."""
    with translation.override(language):
        cal = icalendar.Calendar()
        cal.add("prodid", PRODID)
        cal.add("version", "2.0")
        cal.add("calscale", "GREGORIAN")
        cal.add("method", "PUBLISH")
        cal.add("x-wr-calname", f"{network_name} – {_('Meetings')}")
        cal.add("x-wr-timezone", settings.TIME_ZONE)
        days = []
        for meeting in meetings:
            cal.add_component(meeting_event(meeting, network_name))
            days.append(meeting.starts_at.date())
        if days:
            # The time zone's rules for the years the meetings span, not for decades.
            first, last = min(days), max(days)
            cal.add_missing_timezones(
                first_date=datetime.date(first.year, 1, 1),
                last_date=datetime.date(last.year + 1, 12, 31),
            )
    return cal.to_ical()
