"""The .ics of a meeting and the calendar feed, checked against RFC 5545."""

import datetime
import re

import icalendar
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from meetings.models import Meeting
from members.models import User

CRLF = b"\r\n"


def get_ics(client, url: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].split(";")[0] == "text/calendar"
    assert "charset=utf-8" in response["Content-Type"].replace(" ", "").lower()
    return response.content


def assert_rfc5545_text(raw: bytes) -> None:
    """Line breaks, line length and nesting as RFC 5545 section 3.1 asks."""
    assert raw.endswith(CRLF)
    lines = raw[: -len(CRLF)].split(CRLF)
    for line in lines:
        assert b"\n" not in line and b"\r" not in line, line
        assert len(line) <= 75, f"{len(line)} octets: {line!r}"
        line.decode("utf-8")  # folding must not split a character
    assert lines[0] == b"BEGIN:VCALENDAR"
    assert lines[-1] == b"END:VCALENDAR"
    stack = []
    for line in lines:
        if line.startswith(b"BEGIN:"):
            stack.append(line[6:])
        elif line.startswith(b"END:"):
            assert stack and stack.pop() == line[4:], line
    assert stack == []


def unfolded(raw: bytes) -> str:
    return raw.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "")


def assert_berlin_timezone(calendar: icalendar.Calendar) -> None:
    timezones = calendar.walk("VTIMEZONE")
    assert len(timezones) == 1
    assert str(timezones[0]["TZID"]) == "Europe/Berlin"
    kinds = {component.name for component in timezones[0].subcomponents}
    assert {"STANDARD", "DAYLIGHT"} <= kinds


def assert_event(event: icalendar.Event, meeting: Meeting) -> None:
    assert str(event["UID"]).startswith(str(meeting.uid))
    assert "DTSTAMP" in event
    assert int(event["SEQUENCE"]) == meeting.sequence
    local = timezone.localtime(meeting.starts_at)
    for name, expected in (("DTSTART", meeting.starts_at), ("DTEND", meeting.ends_at)):
        assert event[name].params["TZID"] == "Europe/Berlin"
        value = event.decoded(name)
        assert value == expected
        assert value.replace(tzinfo=None) == timezone.localtime(expected).replace(tzinfo=None)
    assert local.hour == 14


@pytest.fixture
def meeting(demo) -> Meeting:
    return Meeting.objects.order_by("starts_at").first()


def test_meeting_ics(client, meeting):
    raw = get_ics(client, reverse("meetings:ics", args=[meeting.pk]))
    assert_rfc5545_text(raw)
    calendar = icalendar.Calendar.from_ical(raw)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"])
    assert_berlin_timezone(calendar)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    event = events[0]
    assert_event(event, meeting)
    assert meeting.topic_de in str(event["SUMMARY"])
    assert meeting.topic_de == "Zusammenarbeit von zivilgesellschaftlichen Einrichtungen mit Verwaltungen"
    assert "Raum Thorn (126)" in str(event["LOCATION"])
    assert str(event["STATUS"]) == "CONFIRMED"

    text = unfolded(raw)
    assert "DTSTART;TZID=Europe/Berlin:20180409T140000\r\n" in text
    assert "DTEND;TZID=Europe/Berlin:20180409T163000\r\n" in text
    assert re.search(r"^DTSTAMP:\d{8}T\d{6}Z\r$", text, re.MULTILINE)
    assert re.search(r"^SEQUENCE:0\r$", text, re.MULTILINE)


def test_meeting_ics_in_english(client, meeting):
    with translation.override("en"):
        url = reverse("meetings:ics", args=[meeting.pk])
    event = icalendar.Calendar.from_ical(get_ics(client, url)).walk("VEVENT")[0]
    assert "Cooperation between civil-society organisations" in str(event["SUMMARY"])


def test_meeting_ics_offers_a_file_name(client, meeting):
    response = client.get(reverse("meetings:ics", args=[meeting.pk]))
    assert re.fullmatch(r'attachment; filename="[\w.-]+\.ics"', response["Content-Disposition"])


def test_summer_and_winter_times(client, demo):
    """A January meeting is at UTC+1, a July one at UTC+2; both say 14:00 local time."""
    berlin = timezone.get_default_timezone()
    for day, utc_hour in ((datetime.date(2019, 1, 14), 13), (datetime.date(2019, 7, 15), 12)):
        starts = datetime.datetime.combine(day, datetime.time(14), tzinfo=berlin)
        meeting = Meeting.objects.create(
            topic="Testsitzung", starts_at=starts, ends_at=starts + datetime.timedelta(hours=2)
        )
        raw = get_ics(client, reverse("meetings:ics", args=[meeting.pk]))
        assert_rfc5545_text(raw)
        assert f"DTSTART;TZID=Europe/Berlin:{day:%Y%m%d}T140000\r\n" in unfolded(raw)
        event = icalendar.Calendar.from_ical(raw).walk("VEVENT")[0]
        assert event.decoded("DTSTART").astimezone(datetime.UTC).hour == utc_hour


def test_calendar_feed(client, demo):
    raw = get_ics(client, reverse("meetings:calendar"))
    assert_rfc5545_text(raw)
    calendar = icalendar.Calendar.from_ical(raw)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"])
    assert_berlin_timezone(calendar)
    events = calendar.walk("VEVENT")
    meetings = list(Meeting.objects.order_by("starts_at"))
    assert len(events) == len(meetings) == 3
    uids = [str(event["UID"]) for event in events]
    assert len(set(uids)) == 3
    for event, meeting in zip(events, meetings, strict=True):
        assert_event(event, meeting)
        assert meeting.topic_de in str(event["SUMMARY"])


def test_calendar_feed_without_meetings(client, db):
    raw = get_ics(client, reverse("meetings:calendar"))
    assert_rfc5545_text(raw)
    assert icalendar.Calendar.from_ical(raw).walk("VEVENT") == []


def test_long_topic_is_folded(client, demo):
    """The third 2018 topic is longer than a line may be, and has non-ASCII characters."""
    meeting = Meeting.objects.order_by("starts_at").last()
    raw = get_ics(client, reverse("meetings:ics", args=[meeting.pk]))
    assert_rfc5545_text(raw)
    event = icalendar.Calendar.from_ical(raw).walk("VEVENT")[0]
    assert meeting.topic_de in str(event["SUMMARY"])


def test_cancelled_meeting(client, meeting):
    meeting.is_cancelled = True
    meeting.save()
    raw = get_ics(client, reverse("meetings:ics", args=[meeting.pk]))
    assert_rfc5545_text(raw)
    event = icalendar.Calendar.from_ical(raw).walk("VEVENT")[0]
    assert str(event["STATUS"]) == "CANCELLED"


def test_unknown_meeting_ics_is_404(client, demo):
    assert client.get(reverse("meetings:ics", args=[99999])).status_code == 404


def _admin_form(meeting: Meeting, **changes) -> dict[str, str]:
    local_start = timezone.localtime(meeting.starts_at)
    local_end = timezone.localtime(meeting.ends_at)
    # The admin shows the translated fields in every language of the portal.
    translated = {
        f"{name}_{code}": getattr(meeting, f"{name}_{code}") or ""
        for name in ("topic", "description")
        for code, _ in settings.LANGUAGES
    }
    data = {
        "kind": meeting.kind,
        **translated,
        "starts_at_0": f"{local_start:%Y-%m-%d}",
        "starts_at_1": f"{local_start:%H:%M:%S}",
        "ends_at_0": f"{local_end:%Y-%m-%d}",
        "ends_at_1": f"{local_end:%H:%M:%S}",
        "place": str(meeting.place_id or ""),
        "online_url": meeting.online_url,
        "_save": "Save",
    }
    if meeting.is_cancelled:
        data["is_cancelled"] = "on"
    data.update(changes)
    return data


@pytest.fixture
def admin_client_de(client, db):
    user = User.objects.create_superuser(email="admin@example.org", password="test-passwort-1234")
    client.force_login(user)
    return client


def test_saving_a_changed_meeting_in_the_admin_raises_the_sequence(admin_client_de, meeting, client):
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    assert admin_client_de.get(url).status_code == 200
    response = admin_client_de.post(url, _admin_form(meeting, is_cancelled="on"))
    assert response.status_code == 302, (
        response.context["adminform"].form.errors if response.context else response
    )
    meeting.refresh_from_db()
    assert meeting.is_cancelled
    assert meeting.sequence == 1

    response = admin_client_de.post(url, _admin_form(meeting, topic_de="Geändertes Thema"))
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.sequence == 2

    raw = get_ics(client, reverse("meetings:ics", args=[meeting.pk]))
    event = icalendar.Calendar.from_ical(raw).walk("VEVENT")[0]
    assert int(event["SEQUENCE"]) == 2
    assert str(event["STATUS"]) == "CANCELLED"


def test_saving_an_unchanged_meeting_in_the_admin_keeps_the_sequence(admin_client_de, meeting):
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    response = admin_client_de.post(url, _admin_form(meeting))
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.sequence == 0


def test_uid_survives_edits(client, meeting):
    uid = meeting.uid
    meeting.topic = "Anderes Thema"
    meeting.save()
    meeting.refresh_from_db()
    assert meeting.uid == uid
