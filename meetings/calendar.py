"""iCalendar (RFC 5545) files for meetings."""

import datetime
from collections.abc import Iterable
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from network.models import Network

from .models import Invitation, Meeting

PRODID = "-//Netzwerkportal//Meetings//DE"

# The attendee's participation status (RFC 5545 3.2.12) for each answer.
PARTSTAT = {
    "": "NEEDS-ACTION",
    Invitation.Response.YES: "ACCEPTED",
    Invitation.Response.MAYBE: "TENTATIVE",
    Invitation.Response.NO: "DECLINED",
}
ITIP_METHODS = ("REQUEST", "CANCEL")


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


def _calendar(method: str) -> icalendar.Calendar:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    return cal


def _add_timezone(cal: icalendar.Calendar, meetings: Iterable[Meeting]) -> None:
    """The VTIMEZONE of the meetings' times, with the rules for the years they span, not for decades."""
    days = [meeting.starts_at.date() for meeting in meetings]
    if days:
        first, last = min(days), max(days)
        cal.add_missing_timezones(
            first_date=datetime.date(first.year, 1, 1),
            last_date=datetime.date(last.year + 1, 12, 31),
        )


def calendar_for(meetings: Iterable[Meeting], network_name: str, language: str) -> bytes:
    """A calendar of the meetings; times carry the Europe/Berlin time zone with its VTIMEZONE."""
    with translation.override(language):
        cal = _calendar("PUBLISH")
        cal.add("x-wr-calname", f"{network_name} – {_('Meetings')}")
        cal.add("x-wr-timezone", settings.TIME_ZONE)
        meetings = list(meetings)
        for meeting in meetings:
            cal.add_component(meeting_event(meeting, network_name))
        _add_timezone(cal, meetings)
    return cal.to_ical()


# Invitations (iTIP, RFC 5546) and the personal calendar ------------------------------------


def _network() -> Network | None:
    return Network.objects.only("name", "email").first()


def organizer(network: Network | None) -> icalendar.vCalAddress:
    """The network sends the invitations: its e-mail address, or the portal's sender address."""
    email = (network.email if network else "") or settings.DEFAULT_FROM_EMAIL
    return icalendar.vCalAddress.new(email, cn=(network.name if network else "") or None)


def attendee(invitation: Invitation) -> icalendar.vCalAddress:
    # RSVP=FALSE: answers come through the personal link, not as a reply e-mail.
    return icalendar.vCalAddress.new(
        invitation.email,
        cn=invitation.person.name or None,
        cutype="INDIVIDUAL",
        role="REQ-PARTICIPANT",
        partstat=PARTSTAT.get(invitation.response, "NEEDS-ACTION"),
        rsvp=False,
    )


def invitation_event(
    meeting: Meeting, invitation: Invitation, network: Network | None, cancelled: bool = False
) -> icalendar.Event:
    event = meeting_event(meeting, network.name if network else "")
    event.add("organizer", organizer(network))
    event.add("attendee", attendee(invitation))
    if cancelled and str(event["STATUS"]) != "CANCELLED":
        del event["STATUS"]
        event.add("status", "CANCELLED")
    return event


def invitation_calendar(
    meeting: Meeting, invitation: Invitation, method: str, network: Network | None = None
) -> bytes:
    """The calendar entry sent with an invitation (METHOD:REQUEST) or a cancellation
    (METHOD:CANCEL) to one invitee. A calendar program finds the entry again by its UID
    and takes it when its SEQUENCE is higher than the one it has."""
    if method not in ITIP_METHODS:
        raise ValueError(f"unknown iTIP method {method!r}")
    network = network if network is not None else _network()
    with translation.override(invitation.language or settings.LANGUAGE_CODE):
        cal = _calendar(method)
        cal.add_component(invitation_event(meeting, invitation, network, cancelled=method == "CANCEL"))
        _add_timezone(cal, [meeting])
    return cal.to_ical()


def personal_calendar(invitations: Iterable[Invitation], language: str) -> bytes:
    """A person's own calendar: the meetings they are invited to, with their answers.

    `invitations` are one person's, with meeting, place and person selected."""
    network = _network()
    network_name = network.name if network else ""
    with translation.override(language):
        cal = _calendar("PUBLISH")
        cal.add("x-wr-calname", f"{network_name} – {_('My meetings')}".strip(" –"))
        cal.add("x-wr-timezone", settings.TIME_ZONE)
        meetings = []
        for invitation in invitations:
            cal.add_component(invitation_event(invitation.meeting, invitation, network))
            meetings.append(invitation.meeting)
        _add_timezone(cal, meetings)
    return cal.to_ical()
