"""Planning meetings: meetings, a year of plenary dates, places, the agenda and its attachments,
and the meeting's public page."""

import datetime
import itertools
import os
import sys
import types
from unittest import mock
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import resolve, reverse
from django.utils import timezone, translation

from meetings import planning
from meetings.models import (
    ActionItem,
    AgendaAttachment,
    AgendaItem,
    Invitation,
    Meeting,
    Minutes,
    Place,
    TopicProposal,
)
from members.models import Affiliation, AuditEntry, Organisation, Person, User
from tests.security.files import larger_than, pdf

BERLIN = ZoneInfo("Europe/Berlin")
MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY = range(5)
ALL_MONTHS = range(1, 13)


@pytest.fixture(autouse=True)
def _english() -> None:
    """Pages in English, whose texts are the msgids: the tests do not wait for the translations."""
    translation.activate("en")


# The cast -------------------------------------------------------------------------------------


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def org_a(db) -> Organisation:
    return Organisation.objects.create(name="Testverein A", slug="testverein-a")


@pytest.fixture
def org_b(db) -> Organisation:
    return Organisation.objects.create(name="Testverein B", slug="testverein-b")


def _account(
    email: str, name: str, organisation: Organisation | None = None, role: str = "contact", **extra
) -> User:
    user = User.objects.create_user(email=email, password=None, name=name, **extra)
    person = Person.objects.create(name=name, email=email, user=user)
    if organisation is not None:
        Affiliation.objects.create(person=person, organisation=organisation, role=role)
    return user


@pytest.fixture
def users(org_a, org_b) -> dict[str, User | None]:
    # The editor is another organisation's: editing rights there give none here.
    editor = _account("redaktion-b@example.org", "Erika Redaktion", org_b, role=Affiliation.Role.EDITOR)
    return {
        "anonymous": None,
        "member": _account("mitglied-a@example.org", "Mira Mitglied", org_a),
        "editor": editor,
        "coordinator": _account("koordination@example.org", "Cora Koordination", is_coordinator=True),
    }


def client_as(users: dict[str, User | None], role: str) -> Client:
    client = Client()
    if users[role] is not None:
        client.force_login(users[role])
    return client


@pytest.fixture
def coordinator_client(users) -> Client:
    return client_as(users, "coordinator")


@pytest.fixture
def place(db) -> Place:
    return Place.objects.create(name="Testhaus", room="Saal 2", address="Testweg 1, 00000 Teststadt")


def make_meeting(days: int = 30, hour: int = 17, **values) -> Meeting:
    day = timezone.localdate() + datetime.timedelta(days=days)
    values.setdefault("topic_de", "Testsitzung")
    return Meeting.objects.create(
        starts_at=datetime.datetime.combine(day, datetime.time(hour), tzinfo=BERLIN),
        ends_at=datetime.datetime.combine(day, datetime.time(hour + 2), tzinfo=BERLIN),
        **values,
    )


@pytest.fixture
def meeting(place) -> Meeting:
    return make_meeting(place=place, online_url="https://konferenz.example.org/raum-geheim")


@pytest.fixture
def agenda(meeting, org_a) -> list[AgendaItem]:
    return [
        AgendaItem.objects.create(
            meeting=meeting, position=i, title=f"Punkt {i}", presenter_organisation=org_a
        )
        for i in (1, 2, 3)
    ]


@pytest.fixture
def attachment(agenda, media) -> AgendaAttachment:
    attachment = AgendaAttachment(item=agenda[0], title="Arbeitspapier")
    attachment.file.save("arbeitspapier.pdf", ContentFile(pdf()), save=True)
    return attachment


@pytest.fixture
def invited(meeting, org_a) -> Invitation:
    person = Person.objects.create(name="Ina Eingeladen", email="ina@example.org")
    Affiliation.objects.create(person=person, organisation=org_a)
    return Invitation.objects.create(meeting=meeting, person=person, email=person.email)


@pytest.fixture
def notify(monkeypatch) -> mock.Mock:
    """meetings.invitations.notify_change, replaced by a mock (the module may not exist yet)."""
    try:
        import meetings.invitations as module
    except ImportError:
        module = types.ModuleType("meetings.invitations")
        monkeypatch.setitem(sys.modules, "meetings.invitations", module)
    fake = mock.Mock(return_value=1)
    monkeypatch.setattr(module, "notify_change", fake, raising=False)
    return fake


def is_login_redirect(response) -> bool:
    return response.status_code == 302 and resolve(urlsplit(response["Location"]).path).url_name == "login"


def meeting_data(meeting: Meeting | None = None, **changes) -> dict:
    """The meeting form as a browser sends it, filled from the meeting."""
    if meeting is None:
        data = {
            "kind": "plenary",
            "topic_de": "Neue Testsitzung",
            "date": "2031-03-12",
            "start": "17:00",
            "end": "19:00",
        }
    else:
        starts, ends = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
        data = {
            "kind": meeting.kind,
            "topic_de": meeting.topic_de or "",
            "topic_en": meeting.topic_en or "",
            "topic_ar": meeting.topic_ar or "",
            "description_de": meeting.description_de or "",
            "description_en": meeting.description_en or "",
            "description_ar": meeting.description_ar or "",
            "date": starts.date().isoformat(),
            "start": starts.strftime("%H:%M"),
            "end": ends.strftime("%H:%M"),
            "place": meeting.place_id or "",
            "online_url": meeting.online_url,
        }
    data.update(changes)
    return data


# Who may do what ------------------------------------------------------------------------------

GET_PAGES = [
    ("meetings:manage-meetings", lambda c: []),
    ("meetings:manage-meeting-new", lambda c: []),
    ("meetings:manage-meetings-plan", lambda c: []),
    ("meetings:manage-meeting", lambda c: [c["meeting"].pk]),
    ("meetings:manage-meeting-cancel", lambda c: [c["meeting"].pk]),
    ("meetings:manage-places", lambda c: []),
    ("meetings:manage-place-new", lambda c: []),
    ("meetings:manage-place", lambda c: [c["meeting"].place_id]),
    ("meetings:manage-agenda-item-new", lambda c: [c["meeting"].pk]),
    ("meetings:manage-agenda-item", lambda c: [c["agenda"][0].pk]),
    ("meetings:manage-agenda-attachment-new", lambda c: [c["agenda"][0].pk]),
]
POST_ONLY = [
    ("meetings:manage-agenda-item-delete", lambda c: [c["agenda"][0].pk]),
    ("meetings:manage-agenda-item-up", lambda c: [c["agenda"][1].pk]),
    ("meetings:manage-agenda-item-down", lambda c: [c["agenda"][1].pk]),
    ("meetings:manage-agenda-attachment-delete", lambda c: [c["attachment"].pk]),
]


@pytest.fixture
def things(meeting, agenda, attachment) -> dict:
    return {"meeting": meeting, "agenda": agenda, "attachment": attachment}


@pytest.mark.parametrize(("name", "args"), GET_PAGES, ids=[name for name, _ in GET_PAGES])
def test_coordinators_pages_are_for_coordinators(users, things, name, args):
    url = reverse(name, args=args(things))
    assert is_login_redirect(client_as(users, "anonymous").get(url))
    assert client_as(users, "member").get(url).status_code == 403
    assert client_as(users, "editor").get(url).status_code == 403
    assert client_as(users, "coordinator").get(url).status_code == 200
    assert client_as(users, "coordinator").put(url).status_code == 405


@pytest.mark.parametrize(("name", "args"), POST_ONLY, ids=[name for name, _ in POST_ONLY])
def test_coordinators_actions_are_posts_for_coordinators(users, things, name, args):
    url = reverse(name, args=args(things))
    before = list(AgendaItem.objects.values_list("pk", "position")), AgendaAttachment.objects.count()
    assert client_as(users, "coordinator").get(url).status_code == 405
    assert is_login_redirect(client_as(users, "anonymous").post(url))
    assert client_as(users, "member").post(url).status_code == 403
    assert client_as(users, "editor").post(url).status_code == 403
    assert (
        list(AgendaItem.objects.values_list("pk", "position")),
        AgendaAttachment.objects.count(),
    ) == before
    assert client_as(users, "coordinator").post(url).status_code == 302
    after = list(AgendaItem.objects.values_list("pk", "position")), AgendaAttachment.objects.count()
    assert after != before


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("meetings:manage-meeting-new", meeting_data()),
        ("meetings:manage-place-new", {"name": "Verbotenes Haus"}),
        ("meetings:manage-meetings-plan", {"year": 2031, "ordinal": 1, "weekday": 0, "months": [1]}),
    ],
)
def test_only_coordinators_may_create(users, db, name, data):
    url = reverse(name)
    assert is_login_redirect(client_as(users, "anonymous").post(url, data))
    assert client_as(users, "member").post(url, data).status_code == 403
    assert client_as(users, "editor").post(url, data).status_code == 403
    assert not Meeting.objects.exists()
    assert not Place.objects.exists()


def test_nobody_but_coordinators_cancels(users, meeting, notify):
    url = reverse("meetings:manage-meeting-cancel", args=[meeting.pk])
    for role in ("member", "editor"):
        assert client_as(users, role).post(url).status_code == 403
    meeting.refresh_from_db()
    assert not meeting.is_cancelled


# The date rule --------------------------------------------------------------------------------


def test_the_second_wednesday_of_every_month():
    days = planning.nth_weekday_dates(2025, 2, WEDNESDAY, ALL_MONTHS)
    assert days[:3] == [datetime.date(2025, 1, 8), datetime.date(2025, 2, 12), datetime.date(2025, 3, 12)]
    assert len(days) == 12
    assert all(day.weekday() == WEDNESDAY and 8 <= day.day <= 14 for day in days)


def test_the_last_thursday_in_months_with_four_and_with_five_thursdays():
    days = planning.nth_weekday_dates(2025, planning.LAST, THURSDAY, [1, 2, 5, 12])
    # January and May 2025 have five Thursdays, February four; December's last is Christmas Day.
    assert days == [
        datetime.date(2025, 1, 30),
        datetime.date(2025, 2, 27),
        datetime.date(2025, 5, 29),
        datetime.date(2025, 12, 25),
    ]


def test_months_without_a_fifth_weekday_are_left_out():
    days = planning.nth_weekday_dates(2025, 5, FRIDAY, ALL_MONTHS)
    # 2025 has a fifth Friday in January, May, August and October only.
    assert days == [
        datetime.date(2025, 1, 31),
        datetime.date(2025, 5, 30),
        datetime.date(2025, 8, 29),
        datetime.date(2025, 10, 31),
    ]
    assert planning.nth_weekday(2025, 2, 5, FRIDAY) is None


def test_only_the_chosen_months_in_order_each_once():
    days = planning.nth_weekday_dates(2024, 1, MONDAY, [12, 3, 3])
    assert days == [datetime.date(2024, 3, 4), datetime.date(2024, 12, 2)]


def test_the_first_weekday_on_the_first_of_the_month_and_a_leap_february():
    assert planning.nth_weekday(2024, 2, planning.LAST, THURSDAY) == datetime.date(2024, 2, 29)
    assert planning.nth_weekday(2024, 5, 1, WEDNESDAY) == datetime.date(2024, 5, 1)
    assert planning.nth_weekday(2024, 5, 4, WEDNESDAY) == datetime.date(2024, 5, 22)


# Planning a year ------------------------------------------------------------------------------


def plan_data(**changes) -> dict:
    data = {
        "year": 2031,
        "ordinal": 2,
        "weekday": WEDNESDAY,
        "months": [m for m in ALL_MONTHS if m not in (7, 8)],
        "start": "17:00",
        "end": "19:00",
        "topic": "",
    }
    data.update(changes)
    return data


def test_plan_a_year_of_plenary_meetings(coordinator_client, place):
    existing = Meeting.objects.create(
        topic_de="Schon geplant",
        starts_at=datetime.datetime(2031, 3, 12, 10, tzinfo=BERLIN),
        ends_at=datetime.datetime(2031, 3, 12, 12, tzinfo=BERLIN),
    )
    # A working group on a plenary day does not stop the plenary meeting.
    Meeting.objects.create(
        kind=Meeting.Kind.WORKING_GROUP,
        starts_at=datetime.datetime(2031, 4, 9, 10, tzinfo=BERLIN),
        ends_at=datetime.datetime(2031, 4, 9, 12, tzinfo=BERLIN),
    )
    response = coordinator_client.post(
        reverse("meetings:manage-meetings-plan"), plan_data(place=place.pk, topic="Plenum"), follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("meetings:manage-meetings")
    planned = Meeting.objects.filter(kind="plenary").exclude(pk=existing.pk).order_by("starts_at")
    assert planned.count() == 9  # ten months, one of them taken
    first = planned.first()
    assert timezone.localtime(first.starts_at) == datetime.datetime(2031, 1, 8, 17, tzinfo=BERLIN)
    assert timezone.localtime(first.ends_at) == datetime.datetime(2031, 1, 8, 19, tzinfo=BERLIN)
    assert {m.place_id for m in planned} == {place.pk}
    assert {m.topic_de for m in planned} == {"Plenum"}
    assert not planned.filter(starts_at__month__in=[7, 8]).exists()
    # Summer time: the local hour stays 17:00.
    june = planned.get(starts_at__month=6)
    assert timezone.localtime(june.starts_at).hour == 17
    html = response.content.decode()
    assert "9 meetings have been planned" in html
    assert "Skipped" in html and "03/12/2031" in html
    assert AuditEntry.objects.filter(object_type="meetings.meeting", action="create").count() == 9


def test_plan_a_year_again_makes_nothing_twice(coordinator_client):
    url = reverse("meetings:manage-meetings-plan")
    coordinator_client.post(url, plan_data())
    assert Meeting.objects.count() == 10
    response = coordinator_client.post(url, plan_data(), follow=True)
    assert Meeting.objects.count() == 10
    assert "0 meetings have been planned" in response.content.decode()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"start": "19:00", "end": "17:00"}, "end"),
        ({"end": "17:00"}, "end"),
        ({"months": []}, "months"),
        ({"year": "1800"}, "year"),
        ({"ordinal": "7"}, "ordinal"),
        ({"weekday": "9"}, "weekday"),
        ({"start": "25:61"}, "start"),
        ({"place": "999999"}, "place"),
    ],
)
def test_plan_a_year_refuses_wrong_input(coordinator_client, changes, field):
    response = coordinator_client.post(reverse("meetings:manage-meetings-plan"), plan_data(**changes))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert 'class="error-summary"' in response.content.decode()
    assert not Meeting.objects.exists()


def test_the_year_plan_form_offers_every_month(coordinator_client):
    html = coordinator_client.get(reverse("meetings:manage-meetings-plan")).content.decode()
    assert html.count('name="months"') == 12
    assert "<legend>" in html


# Creating and editing a meeting ---------------------------------------------------------------


def test_create_a_meeting_in_berlin_time(coordinator_client, place):
    response = coordinator_client.post(
        reverse("meetings:manage-meeting-new"),
        meeting_data(place=place.pk, topic_en="New test meeting", description_de="**Wichtig**"),
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("meetings:manage-meeting", args=[meeting.pk])
    assert meeting.starts_at == datetime.datetime(2031, 3, 12, 17, tzinfo=BERLIN)
    assert meeting.ends_at == datetime.datetime(2031, 3, 12, 19, tzinfo=BERLIN)
    assert (meeting.topic_de, meeting.topic_en, meeting.place) == (
        "Neue Testsitzung",
        "New test meeting",
        place,
    )
    assert meeting.sequence == 0
    assert AuditEntry.objects.filter(object_type="meetings.meeting", action="create").count() == 1


def test_create_a_meeting_with_a_new_place(coordinator_client):
    data = meeting_data(new_place_name="Neues Testhaus", new_place_room="Raum 7", new_place_address="Weg 3")
    assert coordinator_client.post(reverse("meetings:manage-meeting-new"), data).status_code == 302
    place = Place.objects.get()
    assert (place.name, place.room, place.address) == ("Neues Testhaus", "Raum 7", "Weg 3")
    assert Meeting.objects.get().place == place


def test_a_new_place_that_exists_is_reused(coordinator_client, place):
    data = meeting_data(new_place_name=place.name, new_place_room=place.room)
    assert coordinator_client.post(reverse("meetings:manage-meeting-new"), data).status_code == 302
    assert Place.objects.count() == 1
    assert Meeting.objects.get().place == place


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"start": "19:00", "end": "18:00"}, "end"),
        ({"start": "19:00", "end": "19:00"}, "end"),
        ({"topic_de": ""}, "topic_de"),
        ({"date": "2031-02-30"}, "date"),
        ({"date": "0001-01-01"}, "date"),
        ({"start": ""}, "start"),
        ({"online_url": "javascript:alert(1)"}, "online_url"),
        ({"kind": "party"}, "kind"),
        ({"new_place_room": "Raum ohne Haus"}, "new_place_name"),
        ({"place": "PLACE", "new_place_name": "Zweites Haus"}, "new_place_name"),
    ],
)
def test_meeting_form_refuses_wrong_input(coordinator_client, place, changes, field):
    if changes.get("place") == "PLACE":
        changes["place"] = place.pk
    response = coordinator_client.post(reverse("meetings:manage-meeting-new"), meeting_data(**changes))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert 'class="error-summary"' in response.content.decode()
    assert not Meeting.objects.exists()
    assert Place.objects.count() == 1


def test_the_edit_page_shows_local_date_and_times(coordinator_client, meeting):
    response = coordinator_client.get(reverse("meetings:manage-meeting", args=[meeting.pk]))
    html = response.content.decode()
    local = timezone.localtime(meeting.starts_at)
    assert f'value="{local.date().isoformat()}"' in html
    assert 'value="17:00"' in html and 'value="19:00"' in html
    assert 'type="date"' in html and 'type="time"' in html


@pytest.mark.parametrize(
    "changes",
    [
        {"start": "18:00", "end": "20:00"},
        {"date": "2032-01-14"},
        {"topic_de": "Anderes Thema"},
        {"topic_ar": "موضوع"},
        {"description_en": "A new text"},
        {"place": ""},
        {"online_url": "https://anderer-raum.example.org/"},
        {"kind": "working-group"},
        {"place": "", "new_place_name": "Ausweichquartier"},
    ],
)
def test_a_change_calendars_show_raises_the_sequence_and_tells_the_invited(
    coordinator_client, meeting, invited, notify, django_capture_on_commit_callbacks, changes
):
    url = reverse("meetings:manage-meeting", args=[meeting.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(url, meeting_data(meeting, **changes), follow=True)
    assert response.redirect_chain[-1][0] == url
    meeting.refresh_from_db()
    assert meeting.sequence == 1
    notify.assert_called_once()
    assert notify.call_args.args[0].pk == meeting.pk
    assert "updated invitation" in response.content.decode()
    assert AuditEntry.objects.filter(object_type="meetings.meeting", action="update").count() == 1


def test_an_unchanged_save_changes_nothing(
    coordinator_client, meeting, invited, notify, django_capture_on_commit_callbacks
):
    # Stored with seconds, which the time input does not show: an unchanged form keeps them.
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=meeting.starts_at + datetime.timedelta(seconds=7))
    meeting.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = coordinator_client.post(
            reverse("meetings:manage-meeting", args=[meeting.pk]), meeting_data(meeting)
        )
    assert response.status_code == 302
    stored = Meeting.objects.get(pk=meeting.pk)
    assert stored.sequence == 0
    assert stored.starts_at == meeting.starts_at
    assert not callbacks
    notify.assert_not_called()
    assert not AuditEntry.objects.filter(object_type="meetings.meeting").exists()


def test_a_change_without_invitations_raises_the_sequence_but_tells_nobody(
    coordinator_client, meeting, notify, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(
            reverse("meetings:manage-meeting", args=[meeting.pk]), meeting_data(meeting, start="16:00")
        )
    meeting.refresh_from_db()
    assert meeting.sequence == 1
    assert timezone.localtime(meeting.starts_at).hour == 16
    notify.assert_not_called()


def test_a_wrong_edit_changes_nothing(coordinator_client, meeting, invited, notify):
    response = coordinator_client.post(
        reverse("meetings:manage-meeting", args=[meeting.pk]), meeting_data(meeting, end="10:00")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["end"]
    stored = Meeting.objects.get(pk=meeting.pk)
    assert (stored.sequence, stored.ends_at) == (0, meeting.ends_at)
    notify.assert_not_called()


def test_the_edit_page_tells_that_the_invited_are_told(coordinator_client, meeting, invited, agenda):
    html = coordinator_client.get(reverse("meetings:manage-meeting", args=[meeting.pk])).content.decode()
    assert "1 person is invited" in html
    assert "updated invitation" in html
    assert reverse("meetings:manage-meeting-cancel", args=[meeting.pk]) in html
    assert reverse("meetings:manage-agenda-item-new", args=[meeting.pk]) in html
    assert reverse("meetings:detail", args=[meeting.pk]) in html


# Cancelling -----------------------------------------------------------------------------------


def test_the_cancel_page_says_how_many_are_told(coordinator_client, meeting, invited):
    html = coordinator_client.get(
        reverse("meetings:manage-meeting-cancel", args=[meeting.pk])
    ).content.decode()
    assert "1 invited person will be told" in html
    assert "<form" in html


def test_cancel_a_meeting(coordinator_client, meeting, invited, notify, django_capture_on_commit_callbacks):
    url = reverse("meetings:manage-meeting-cancel", args=[meeting.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(url)
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.is_cancelled and meeting.sequence == 1
    notify.assert_called_once()
    assert notify.call_args.args[0].is_cancelled
    # Again: nothing more happens.
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(url)
    meeting.refresh_from_db()
    assert meeting.sequence == 1
    notify.assert_called_once()
    assert "cancelled" in coordinator_client.get(meeting.get_absolute_url()).content.decode()


def test_cancel_without_invitations_tells_nobody(coordinator_client, meeting, notify):
    coordinator_client.post(reverse("meetings:manage-meeting-cancel", args=[meeting.pk]))
    meeting.refresh_from_db()
    assert meeting.is_cancelled
    notify.assert_not_called()


def test_a_past_meeting_is_not_cancelled(coordinator_client, notify):
    past = make_meeting(days=-10)
    coordinator_client.post(reverse("meetings:manage-meeting-cancel", args=[past.pk]))
    past.refresh_from_db()
    assert not past.is_cancelled and past.sequence == 0


# The coordinators' list -----------------------------------------------------------------------


def test_the_list_shows_upcoming_and_past_meetings_with_their_links(coordinator_client, meeting, agenda):
    past = make_meeting(days=-40, topic_de="Vergangene Testsitzung")
    response = coordinator_client.get(reverse("meetings:manage-meetings"))
    assert list(response.context["upcoming"]) == [meeting]
    assert list(response.context["page"].object_list) == [past]
    html = response.content.decode()
    assert html.index("Testsitzung") < html.index("Vergangene Testsitzung")
    for m in (meeting, past):
        assert reverse("meetings:manage-meeting", args=[m.pk]) in html
        assert reverse("meetings:manage-attendance", args=[m.pk]) in html
        assert reverse("meetings:manage-invitations", args=[m.pk]) in html
    assert reverse("meetings:manage-minutes") in html


_numbers = itertools.count(1)


def _add_meetings(n: int) -> None:
    person = Person.objects.create(name=f"Testperson {next(_numbers)}")
    for _ in range(n):
        i = next(_numbers)
        place = Place.objects.create(name=f"Testort {i}")
        for days in (-100 - i, 100 + i):
            meeting = make_meeting(days=days, place=place, topic_de=f"Thema {i}")
            AgendaItem.objects.create(meeting=meeting, title="Punkt", position=1)
            Invitation.objects.create(meeting=meeting, person=person, email="test@example.org")


def test_the_list_makes_a_fixed_number_of_queries(
    coordinator_client, assert_fixed_query_count, client, users
):
    client.force_login(users["coordinator"])
    assert_fixed_query_count(reverse("meetings:manage-meetings"), _add_meetings)


def test_the_places_list_makes_a_fixed_number_of_queries(assert_fixed_query_count, client, users):
    client.force_login(users["coordinator"])
    assert_fixed_query_count(reverse("meetings:manage-places"), _add_meetings)


def test_the_meeting_page_for_coordinators_makes_a_fixed_number_of_queries(
    meeting, assert_fixed_query_count, client, users, media, org_a
):
    client.force_login(users["coordinator"])
    person = Person.objects.create(name="Vortragende Testperson", public_consent=True)
    Affiliation.objects.create(person=person, organisation=org_a)

    def add_items(n: int) -> None:
        for _ in range(n):
            item = planning.append_to_agenda(
                AgendaItem(
                    meeting=meeting, title="Punkt", presenter_person=person, presenter_organisation=org_a
                )
            )
            AgendaAttachment.objects.create(item=item, title="Anlage", file="agenda/2031/anlage.pdf")

    assert_fixed_query_count(reverse("meetings:manage-meeting", args=[meeting.pk]), add_items)


# Places ---------------------------------------------------------------------------------------


def test_add_and_edit_a_place(coordinator_client):
    response = coordinator_client.post(
        reverse("meetings:manage-place-new"), {"name": "Haus der Tests", "room": "1", "address": "Weg 1"}
    )
    assert response.status_code == 302
    place = Place.objects.get()
    response = coordinator_client.post(
        reverse("meetings:manage-place", args=[place.pk]), {"name": "Haus der Tests", "room": "2"}
    )
    assert response.status_code == 302
    place.refresh_from_db()
    assert (place.room, place.address) == ("2", "")
    assert AuditEntry.objects.filter(object_type="meetings.place").count() == 2


def test_a_place_and_room_exist_once(coordinator_client, place):
    response = coordinator_client.post(
        reverse("meetings:manage-place-new"), {"name": place.name, "room": place.room}
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert Place.objects.count() == 1
    assert coordinator_client.post(reverse("meetings:manage-place-new"), {"name": ""}).status_code == 200


def test_changing_a_place_updates_the_calendars_of_its_upcoming_meetings(
    coordinator_client, meeting, invited, notify, django_capture_on_commit_callbacks
):
    past = make_meeting(days=-30, place=meeting.place)
    other = make_meeting(days=40, place=meeting.place)  # nobody invited yet
    page = coordinator_client.get(reverse("meetings:manage-place", args=[meeting.place_id]))
    assert "2 upcoming meetings take place here" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(
            reverse("meetings:manage-place", args=[meeting.place_id]),
            {"name": "Testhaus", "room": "Saal 3", "address": meeting.place.address},
        )
    assert [Meeting.objects.get(pk=m.pk).sequence for m in (meeting, other, past)] == [1, 1, 0]
    notify.assert_called_once()
    assert notify.call_args.args[0].pk == meeting.pk
    # Saved unchanged: nothing.
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(
            reverse("meetings:manage-place", args=[meeting.place_id]),
            {"name": "Testhaus", "room": "Saal 3", "address": meeting.place.address},
        )
    assert Meeting.objects.get(pk=meeting.pk).sequence == 1
    notify.assert_called_once()


# The agenda -----------------------------------------------------------------------------------


def positions(meeting: Meeting) -> list[tuple[str, int]]:
    return list(meeting.agenda_items.order_by("position").values_list("title", "position"))


def test_a_new_agenda_item_goes_to_the_end(coordinator_client, meeting, agenda, org_a):
    presenter = Person.objects.create(name="Pia Vortrag")
    Affiliation.objects.create(person=presenter, organisation=org_a)
    response = coordinator_client.post(
        reverse("meetings:manage-agenda-item-new", args=[meeting.pk]),
        {
            "title": "Neuer Punkt",
            "presenter_person": presenter.pk,
            "presenter_organisation": org_a.pk,
            "duration_minutes": "20",
            "notes": "Bitte *lesen*.",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith(reverse("meetings:manage-meeting", args=[meeting.pk]) + "#agenda")
    item = AgendaItem.objects.get(title="Neuer Punkt")
    assert (item.position, item.presenter_person, item.duration_minutes) == (4, presenter, 20)
    assert AuditEntry.objects.filter(object_type="meetings.agendaitem", action="create").exists()


def test_the_first_agenda_item_of_a_meeting(coordinator_client, meeting):
    coordinator_client.post(
        reverse("meetings:manage-agenda-item-new", args=[meeting.pk]), {"title": "Begrüßung"}
    )
    assert positions(meeting) == [("Begrüßung", 1)]


def test_presenters_are_people_with_a_current_affiliation(coordinator_client, meeting, org_a):
    current = Person.objects.create(name="Aktuelle Kontaktperson")
    Affiliation.objects.create(person=current, organisation=org_a)
    former = Person.objects.create(name="Frühere Kontaktperson")
    Affiliation.objects.create(person=former, organisation=org_a, ended_on=datetime.date(2020, 1, 1))
    Person.objects.create(name="Niemandes Kontaktperson")
    response = coordinator_client.get(reverse("meetings:manage-agenda-item-new", args=[meeting.pk]))
    html = response.content.decode()
    assert "Aktuelle Kontaktperson (Testverein A)" in html
    assert "Frühere Kontaktperson" not in html
    assert "Niemandes Kontaktperson" not in html
    response = coordinator_client.post(
        reverse("meetings:manage-agenda-item-new", args=[meeting.pk]),
        {"title": "Punkt", "presenter_person": former.pk},
    )
    assert response.status_code == 200
    assert "presenter_person" in response.context["form"].errors


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "x" * 301}, "title"),
        ({"title": "Punkt", "duration_minutes": "0"}, "duration_minutes"),
        ({"title": "Punkt", "duration_minutes": "-5"}, "duration_minutes"),
        ({"title": "Punkt", "duration_minutes": "viel"}, "duration_minutes"),
        ({"title": "Punkt", "presenter_organisation": "999999"}, "presenter_organisation"),
    ],
)
def test_agenda_item_form_refuses_wrong_input(coordinator_client, meeting, data, field):
    response = coordinator_client.post(reverse("meetings:manage-agenda-item-new", args=[meeting.pk]), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not AgendaItem.objects.exists()


def test_edit_an_agenda_item(coordinator_client, agenda):
    item = agenda[1]
    response = coordinator_client.post(
        reverse("meetings:manage-agenda-item", args=[item.pk]), {"title": "Geänderter Punkt"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.title, item.position, item.presenter_organisation) == ("Geänderter Punkt", 2, None)


def test_an_item_from_a_proposal_says_so(coordinator_client, meeting, agenda):
    proposal = TopicProposal.objects.create(title="Vorgeschlagenes Thema", reason="Darum.")
    AgendaItem.objects.filter(pk=agenda[2].pk).update(proposal=proposal)
    hub = coordinator_client.get(reverse("meetings:manage-meeting", args=[meeting.pk])).content.decode()
    assert "From a topic proposal" in hub
    page = coordinator_client.get(
        reverse("meetings:manage-agenda-item", args=[agenda[2].pk])
    ).content.decode()
    assert "Vorgeschlagenes Thema" in page
    assert reverse("meetings:proposal", args=[proposal.pk]) in page


def test_move_agenda_items_up_and_down(coordinator_client, meeting, agenda):
    first, second, third = agenda
    coordinator_client.post(reverse("meetings:manage-agenda-item-up", args=[second.pk]))
    assert positions(meeting) == [("Punkt 2", 1), ("Punkt 1", 2), ("Punkt 3", 3)]
    coordinator_client.post(reverse("meetings:manage-agenda-item-down", args=[second.pk]))
    coordinator_client.post(reverse("meetings:manage-agenda-item-down", args=[second.pk]))
    assert positions(meeting) == [("Punkt 1", 1), ("Punkt 3", 2), ("Punkt 2", 3)]
    assert AuditEntry.objects.filter(object_type="meetings.agendaitem", action="move").count() == 3


def test_the_first_goes_not_up_and_the_last_not_down(coordinator_client, meeting, agenda):
    before = positions(meeting)
    response = coordinator_client.post(reverse("meetings:manage-agenda-item-up", args=[agenda[0].pk]))
    assert response.status_code == 302
    response = coordinator_client.post(reverse("meetings:manage-agenda-item-down", args=[agenda[2].pk]))
    assert response.status_code == 302
    assert positions(meeting) == before


def test_moving_closes_gaps_in_the_positions(coordinator_client, meeting, agenda):
    AgendaItem.objects.filter(pk=agenda[0].pk).update(position=5)
    AgendaItem.objects.filter(pk=agenda[1].pk).update(position=9)
    AgendaItem.objects.filter(pk=agenda[2].pk).update(position=9)
    coordinator_client.post(reverse("meetings:manage-agenda-item-up", args=[agenda[2].pk]))
    assert positions(meeting) == [("Punkt 1", 1), ("Punkt 3", 2), ("Punkt 2", 3)]


def test_the_hub_offers_up_and_down_as_forms(coordinator_client, meeting, agenda):
    html = coordinator_client.get(reverse("meetings:manage-meeting", args=[meeting.pk])).content.decode()
    assert reverse("meetings:manage-agenda-item-up", args=[agenda[0].pk]) not in html
    assert reverse("meetings:manage-agenda-item-down", args=[agenda[0].pk]) in html
    assert reverse("meetings:manage-agenda-item-up", args=[agenda[2].pk]) in html
    assert reverse("meetings:manage-agenda-item-down", args=[agenda[2].pk]) not in html
    assert "<script" not in html


def test_delete_an_agenda_item_keeps_the_positions_dense(
    coordinator_client, meeting, agenda, attachment, django_capture_on_commit_callbacks
):
    path = attachment.file.path
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(reverse("meetings:manage-agenda-item-delete", args=[agenda[0].pk]))
    assert response.status_code == 302
    assert positions(meeting) == [("Punkt 2", 1), ("Punkt 3", 2)]
    assert not AgendaAttachment.objects.exists()
    assert not os.path.exists(path)  # the file goes with its row, once that is committed
    assert AuditEntry.objects.filter(object_type="meetings.agendaitem", action="delete").exists()


def test_an_unknown_agenda_item_is_404(coordinator_client, db):
    assert (
        coordinator_client.post(reverse("meetings:manage-agenda-item-up", args=[999999])).status_code == 404
    )
    assert coordinator_client.get(reverse("meetings:manage-agenda-item", args=[999999])).status_code == 404
    assert coordinator_client.get(reverse("meetings:manage-meeting", args=[999999])).status_code == 404


# Attachments ----------------------------------------------------------------------------------


def test_upload_an_attachment(coordinator_client, agenda, media):
    item = agenda[0]
    upload = SimpleUploadedFile("papier.pdf", pdf(), content_type="application/pdf")
    response = coordinator_client.post(
        reverse("meetings:manage-agenda-attachment-new", args=[item.pk]), {"title": "Papier", "file": upload}
    )
    assert response.status_code == 302
    attachment = item.attachments.get()
    assert attachment.title == "Papier"
    assert attachment.file.read().startswith(b"%PDF-")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("papier.pdf", b"<html><script>alert(1)</script></html>"),
        ("papier.pdf", b"%PDF-1.4 kaputt"),
        ("papier.exe", pdf()),
        ("papier.pdf", b""),
    ],
)
def test_a_bad_attachment_is_refused(coordinator_client, agenda, media, name, content):
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    response = coordinator_client.post(
        reverse("meetings:manage-agenda-attachment-new", args=[agenda[0].pk]),
        {"title": "Papier", "file": upload},
    )
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert not AgendaAttachment.objects.exists()


def test_a_too_large_attachment_is_refused(coordinator_client, agenda, media, settings):
    settings.MAX_UPLOAD_PDF_MB = 1
    upload = SimpleUploadedFile("gross.pdf", larger_than(pdf(), 1), content_type="application/pdf")
    response = coordinator_client.post(
        reverse("meetings:manage-agenda-attachment-new", args=[agenda[0].pk]),
        {"title": "Groß", "file": upload},
    )
    assert response.status_code == 200
    assert "file" in response.context["form"].errors


def test_delete_an_attachment(coordinator_client, attachment, django_capture_on_commit_callbacks):
    path = attachment.file.path
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            reverse("meetings:manage-agenda-attachment-delete", args=[attachment.pk])
        )
    assert response["Location"] == reverse("meetings:manage-agenda-item", args=[attachment.item_id])
    assert not AgendaAttachment.objects.exists()
    assert not os.path.exists(path)


def test_members_get_an_attachment(users, attachment, meeting):
    url = reverse("meetings:agenda-attachment", args=[meeting.pk, attachment.pk])
    for role in ("member", "editor", "coordinator"):
        response = client_as(users, role).get(url)
        assert response.status_code == 200, role
        assert b"".join(response.streaming_content).startswith(b"%PDF-")
        assert response["Content-Type"] == "application/pdf"


def test_others_never_get_an_attachment(users, attachment, meeting, org_a):
    url = reverse("meetings:agenda-attachment", args=[meeting.pk, attachment.pk])
    assert client_as(users, "anonymous").get(url).status_code == 404
    former = _account("ehemalig@example.org", "Frank Ehemalig", org_a)
    Affiliation.objects.filter(person__user=former).update(ended_on=datetime.date(2020, 1, 1))
    client = Client()
    client.force_login(former)
    assert client.get(url).status_code == 404
    assert client_as(users, "member").post(url).status_code == 405


def test_an_attachment_belongs_to_its_meeting(users, attachment):
    other = make_meeting(days=60)
    member = client_as(users, "member")
    assert (
        member.get(reverse("meetings:agenda-attachment", args=[other.pk, attachment.pk])).status_code == 404
    )
    meeting_pk = attachment.item.meeting_id
    assert member.get(reverse("meetings:agenda-attachment", args=[meeting_pk, 999999])).status_code == 404


def test_an_attachment_whose_file_is_gone_is_404(users, attachment, meeting):
    attachment.file.delete(save=False)
    url = reverse("meetings:agenda-attachment", args=[meeting.pk, attachment.pk])
    assert client_as(users, "member").get(url).status_code == 404


# The public page of a meeting -----------------------------------------------------------------


@pytest.fixture
def public_agenda(meeting, org_a, org_b, attachment) -> dict:
    shy = Person.objects.create(name="Scheue Vortragende", public_consent=False)
    open_ = Person.objects.create(name="Offene Vortragende", public_consent=True)
    item1, item2, item3 = meeting.agenda_items.order_by("position")
    AgendaItem.objects.filter(pk=item1.pk).update(
        presenter_person=shy, duration_minutes=15, notes="Siehe **Anlage**.\n\n<script>x()</script>"
    )
    AgendaItem.objects.filter(pk=item2.pk).update(presenter_person=open_, presenter_organisation=org_b)
    AgendaItem.objects.filter(pk=item3.pk).update(duration_minutes=30, presenter_organisation=None)
    past = make_meeting(days=-30, topic_de="Frühere Sitzung")
    minutes = Minutes.objects.create(title="Protokoll früher", year=2020, meeting=past)
    ActionItem.objects.create(minutes=minutes, what="Offene Aufgabe erledigen", organisation=org_a)
    ActionItem.objects.create(minutes=minutes, what="Erledigte Aufgabe", done_on=datetime.date(2020, 1, 1))
    return {"shy": shy, "open": open_, "past": past}


def test_the_public_page_shows_the_agenda(client, meeting, public_agenda):
    html = client.get(meeting.get_absolute_url()).content.decode()
    for number, title in enumerate(["Punkt 1", "Punkt 2", "Punkt 3"], start=1):
        assert f"TOP {number}</span> {title}" in html
    assert "Siehe <strong>Anlage</strong>." in html
    assert "<script>x()" not in html
    assert "Offene Vortragende (Testverein B)" in html
    assert "Testverein A" in html
    assert "Planned time: 45 minutes" in html
    assert reverse("meetings:proposals") in html
    assert reverse("meetings:ics", args=[meeting.pk]) in html


def test_the_public_page_hides_members_only_things_from_visitors(client, meeting, public_agenda, attachment):
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "Scheue Vortragende" not in html
    assert "konferenz.example.org" not in html
    assert "Arbeitspapier" not in html
    assert reverse("meetings:agenda-attachment", args=[meeting.pk, attachment.pk]) not in html
    assert "Offene Aufgabe" not in html
    assert reverse("meetings:manage-meeting", args=[meeting.pk]) not in html


def test_members_see_everything_on_the_meeting_page(users, meeting, public_agenda, attachment):
    html = client_as(users, "member").get(meeting.get_absolute_url()).content.decode()
    assert "Scheue Vortragende (Testverein A)" in html
    assert "https://konferenz.example.org/raum-geheim" in html
    assert reverse("meetings:agenda-attachment", args=[meeting.pk, attachment.pk]) in html
    assert "Offene Aufgabe erledigen" in html
    assert "Erledigte Aufgabe" not in html
    assert reverse("meetings:manage-meeting", args=[meeting.pk]) not in html
    coordinator = client_as(users, "coordinator").get(meeting.get_absolute_url()).content.decode()
    assert reverse("meetings:manage-meeting", args=[meeting.pk]) in coordinator


def test_open_action_items_only_before_the_meeting(users, public_agenda):
    past = public_agenda["past"]
    html = client_as(users, "member").get(past.get_absolute_url()).content.decode()
    assert "Offene Aufgabe" not in html
    assert reverse("meetings:proposals") not in html


def test_a_meeting_without_agenda(client, db):
    meeting = make_meeting()
    response = client.get(meeting.get_absolute_url())
    assert response.status_code == 200
    assert "The agenda is not published yet." in response.content.decode()


@pytest.mark.parametrize("role", ["anonymous", "member"])
def test_the_meeting_page_makes_a_fixed_number_of_queries(
    users, meeting, org_a, media, assert_fixed_query_count, client, role
):
    if users[role]:
        client.force_login(users[role])
    past = make_meeting(days=-50)
    minutes = Minutes.objects.create(title="Protokoll", year=2020, meeting=past)

    def add_rows(n: int) -> None:
        for i in range(n):
            person = Person.objects.create(name=f"Person {i}", public_consent=bool(i % 2))
            item = planning.append_to_agenda(
                AgendaItem(
                    meeting=meeting,
                    title=f"Punkt {i}",
                    presenter_person=person,
                    presenter_organisation=org_a,
                    duration_minutes=10,
                    proposal=TopicProposal.objects.create(title=f"Vorschlag {i}", reason="Darum."),
                )
            )
            AgendaAttachment.objects.create(item=item, title="Anlage", file="agenda/2031/anlage.pdf")
            ActionItem.objects.create(minutes=minutes, what=f"Aufgabe {i}", person=person, organisation=org_a)

    assert_fixed_query_count(meeting.get_absolute_url(), add_rows)


# Services used by others ----------------------------------------------------------------------


def test_append_to_agenda(meeting, agenda):
    item = planning.append_to_agenda(AgendaItem(meeting=meeting, title="Angehängt"))
    assert item.position == 4
    assert positions(meeting)[-1] == ("Angehängt", 4)
