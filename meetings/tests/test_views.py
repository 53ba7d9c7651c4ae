"""Meetings, the minutes archive and the minutes documents."""

import datetime
import itertools

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from meetings.models import Meeting, Minutes, Place

PDF = b"%PDF-1.4\n% Testprotokoll\n"


def future_meeting(topic: str = "Testsitzung Zukunft", days: int = 30, **values) -> Meeting:
    starts = timezone.now() + datetime.timedelta(days=days)
    return Meeting.objects.create(
        topic=topic, topic_de=topic, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2), **values
    )


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def internal_minutes(demo, media) -> Minutes:
    """Members-only minutes of the first 2018 meeting, in a year of their own."""
    meeting = Meeting.objects.order_by("starts_at").first()
    return Minutes.objects.create(
        title="Internes Testprotokoll",
        year=2018,
        held_on=datetime.date(2018, 4, 9),
        meeting=meeting,
        visibility=Minutes.Visibility.MEMBERS,
        status=Minutes.Status.APPROVED,
        document=SimpleUploadedFile("internes-testprotokoll.pdf", PDF, content_type="application/pdf"),
    )


@pytest.fixture
def public_minutes(demo, media) -> Minutes:
    return Minutes.objects.create(
        title="Öffentliches Testprotokoll",
        year=2014,
        visibility=Minutes.Visibility.PUBLIC,
        status=Minutes.Status.APPROVED,
        document=SimpleUploadedFile("oeffentliches-testprotokoll.pdf", PDF, content_type="application/pdf"),
    )


def test_upcoming_and_past_meetings(client, demo):
    meeting = future_meeting()
    response = client.get(reverse("meetings:list"))
    assert response.status_code == 200
    assert list(response.context["upcoming"]) == [meeting]
    past = list(response.context["past"])
    assert len(past) == 3
    assert past == sorted(past, key=lambda m: m.starts_at, reverse=True)
    html = response.content.decode()
    # The upcoming meeting comes first, then the past ones, newest first.
    positions = [html.index(m.topic) for m in [meeting, *past]]
    assert positions == sorted(positions)


def test_a_meeting_that_is_going_on_is_upcoming(client, demo):
    starts = timezone.now() - datetime.timedelta(hours=1)
    meeting = Meeting.objects.create(
        topic="Läuft gerade", starts_at=starts, ends_at=starts + datetime.timedelta(hours=2)
    )
    assert meeting in client.get(reverse("meetings:list")).context["upcoming"]


def test_no_upcoming_meeting(client, demo):
    response = client.get(reverse("meetings:list"))
    assert list(response.context["upcoming"]) == []
    assert response.status_code == 200


@pytest.mark.parametrize(("lang", "word"), [("de", "abgesagt"), ("en", "cancelled")])
def test_cancelled_meeting_is_marked(client, demo, lang, word):
    meeting = future_meeting("Abgesagte Testsitzung", is_cancelled=True)
    other = future_meeting("Stattfindende Testsitzung", days=60)
    with translation.override(lang):
        list_url, detail_url, other_url = (
            reverse("meetings:list"),
            reverse("meetings:detail", args=[meeting.pk]),
            reverse("meetings:detail", args=[other.pk]),
        )
    assert word in client.get(detail_url).content.decode().lower()
    assert word not in client.get(other_url).content.decode().lower()
    html = client.get(list_url).content.decode()
    entry = html[html.index("Abgesagte Testsitzung") - 600 : html.index("Abgesagte Testsitzung") + 600]
    assert word in entry.lower()


def test_cancelled_meeting_is_not_the_next_meeting_on_home(client, demo):
    future_meeting("Abgesagte Testsitzung", is_cancelled=True)
    html = client.get(reverse("network:home")).content.decode()
    assert "Abgesagte Testsitzung" not in html


def test_minutes_archive_lists_the_years(client, demo):
    response = client.get(reverse("meetings:minutes"))
    assert response.status_code == 200
    html = response.content.decode()
    for year in (2011, 2012, 2013, 2014):
        assert f'href="{reverse("meetings:minutes-year", args=[year])}"' in html


def test_minutes_year_lists_its_entries_without_documents(client, demo):
    response = client.get(reverse("meetings:minutes-year", args=[2013]))
    html = response.content.decode()
    for minutes in Minutes.objects.filter(year=2013):
        assert minutes.title in html
        assert reverse("meetings:minutes-document", args=[minutes.pk]) not in html
    assert "Protokoll Netzwerk Migration 12.03.2012" not in html


def test_members_only_minutes_are_hidden_from_visitors(client, internal_minutes):
    archive = client.get(reverse("meetings:minutes")).content.decode()
    assert reverse("meetings:minutes-year", args=[2018]) not in archive
    assert client.get(reverse("meetings:minutes-year", args=[2018])).status_code == 404
    meeting = client.get(internal_minutes.meeting.get_absolute_url()).content.decode()
    assert "Internes Testprotokoll" not in meeting
    assert client.get(reverse("meetings:minutes-document", args=[internal_minutes.pk])).status_code == 404


def test_members_only_minutes_are_shown_to_members(member_client, internal_minutes):
    client = member_client
    archive = client.get(reverse("meetings:minutes")).content.decode()
    assert f'href="{reverse("meetings:minutes-year", args=[2018])}"' in archive
    year = client.get(reverse("meetings:minutes-year", args=[2018]))
    assert year.status_code == 200
    assert "Internes Testprotokoll" in year.content.decode()
    document_url = reverse("meetings:minutes-document", args=[internal_minutes.pk])
    assert f'href="{document_url}"' in year.content.decode()
    meeting = client.get(internal_minutes.meeting.get_absolute_url()).content.decode()
    assert "Internes Testprotokoll" in meeting
    response = client.get(document_url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


def test_members_only_minutes_are_hidden_from_inactive_users(client, member_user, internal_minutes):
    member_user.is_active = False
    member_user.save()
    client.force_login(member_user)
    assert client.get(reverse("meetings:minutes-document", args=[internal_minutes.pk])).status_code == 404


# The test client closes a streamed response once its content is read; closing it
# again would fire request_finished and close the database connection.


def test_public_minutes_document(client, public_minutes):
    response = client.get(reverse("meetings:minutes-document", args=[public_minutes.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" not in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PDF
    html = client.get(reverse("meetings:minutes-year", args=[2014])).content.decode()
    assert f'href="{reverse("meetings:minutes-document", args=[public_minutes.pk])}"' in html


def test_minutes_without_document_is_404(client, demo):
    minutes = Minutes.objects.get(title="Protokoll Netzwerk Migration vom 16.09.2013")
    assert client.get(reverse("meetings:minutes-document", args=[minutes.pk])).status_code == 404


def test_minutes_document_of_unknown_minutes_is_404(client, demo):
    assert client.get(reverse("meetings:minutes-document", args=[99999])).status_code == 404


def test_meeting_page_offers_its_calendar_file(client, demo):
    meeting = Meeting.objects.first()
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert f'href="{reverse("meetings:ics", args=[meeting.pk])}"' in html


# Query counts: each list page makes as many queries with 3N rows as with N.

_numbers = itertools.count(1)
# Only approved minutes are in the public archive.
APPROVED = Minutes.Status.APPROVED


def _add_meetings(n: int) -> None:
    place = Place.objects.get(name="Neues Rathaus")
    for _ in range(n):
        i = next(_numbers)
        other_place = Place.objects.create(name=f"Testort {i}", room="1")
        for days in (-400 - i, 30 + i):
            starts = timezone.now() + datetime.timedelta(days=days)
            meeting = Meeting.objects.create(
                topic=f"Testthema {i}",
                topic_de=f"Testthema {i}",
                topic_en=f"Test topic {i}",
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=2),
                place=place if i % 2 else other_place,
                is_cancelled=i % 3 == 0,
            )
            Minutes.objects.create(
                title=f"Testprotokoll {i}",
                year=starts.year,
                meeting=meeting,
                visibility="public",
                status=APPROVED,
            )


def _add_minutes_years(n: int) -> None:
    for _ in range(n):
        i = next(_numbers)
        for visibility in ("public", "members"):
            Minutes.objects.create(
                title=f"Testprotokoll {i}", year=1900 + i, visibility=visibility, status=APPROVED
            )


def _add_minutes_2013(n: int) -> None:
    meetings = list(Meeting.objects.all())
    for _ in range(n):
        i = next(_numbers)
        Minutes.objects.create(
            title=f"Testprotokoll {i}",
            year=2013,
            position=10 + i,
            visibility="public",
            status=APPROVED,
            meeting=meetings[i % len(meetings)] if i % 2 else None,
            document=f"minutes/2013/testprotokoll-{i}.pdf" if i % 3 else "",
        )


def _add_minutes_of_first_meeting(n: int) -> None:
    meeting = Meeting.objects.order_by("starts_at").first()
    for _ in range(n):
        i = next(_numbers)
        Minutes.objects.create(
            title=f"Testprotokoll {i}",
            year=2018,
            meeting=meeting,
            visibility="public" if i % 2 else "members",
            status=APPROVED,
            document=f"minutes/2018/testprotokoll-{i}.pdf" if i % 3 else "",
        )


@pytest.mark.parametrize(
    ("url", "add_rows"),
    [
        (lambda: reverse("meetings:list"), _add_meetings),
        (lambda: reverse("meetings:minutes"), _add_minutes_years),
        (lambda: reverse("meetings:minutes-year", args=[2013]), _add_minutes_2013),
        (
            lambda: Meeting.objects.order_by("starts_at").first().get_absolute_url(),
            _add_minutes_of_first_meeting,
        ),
    ],
    ids=["meetings", "minutes", "minutes-year", "meeting"],
)
@pytest.mark.parametrize("logged_in", [False, True], ids=["visitor", "member"])
def test_meeting_pages_make_a_fixed_number_of_queries(
    demo, client, member_user, assert_fixed_query_count, url, add_rows, logged_in
):
    if logged_in:
        client.force_login(member_user)
    assert_fixed_query_count(url(), add_rows)
