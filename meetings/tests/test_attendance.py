"""Attendance: the TN list, the sign-in sheet, the overview, and the retention purge."""

import datetime
import itertools
import re
from types import SimpleNamespace

import pytest
from django.db import IntegrityError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from meetings.attendance import (
    NOT_RECORDED,
    attendance_summary,
    combined_status,
    purge_expired_attendance,
    save_tn_list,
    tn_list,
)
from meetings.models import Attendance, Invitation, Meeting
from members.models import Affiliation, AuditEntry, Organisation, Person, User
from network.models import Network

PRESENT, EXCUSED, ABSENT = Attendance.Status.PRESENT, Attendance.Status.EXCUSED, Attendance.Status.ABSENT
numbers = itertools.count(1)


def organisation(name: str, **values) -> Organisation:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return Organisation.objects.create(name=name, slug=slug, **values)


def contact(name: str, organisation: Organisation, **values) -> Person:
    person = Person.objects.create(name=name, email=f"person{next(numbers)}@example.org")
    Affiliation.objects.create(person=person, organisation=organisation, **values)
    return person


def meeting(days: int = -7, **values) -> Meeting:
    starts = timezone.now().replace(microsecond=0) + datetime.timedelta(days=days)
    return Meeting.objects.create(
        topic="Testsitzung", starts_at=starts, ends_at=starts + datetime.timedelta(hours=2), **values
    )


def invite(meeting: Meeting, person: Person, response: str = "") -> Invitation:
    return Invitation.objects.create(meeting=meeting, person=person, email=person.email, response=response)


def login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def coordinator(client: Client, db) -> Client:
    """The test client, logged in as a coordinator (also the client assert_fixed_query_count uses)."""
    user = User.objects.create_user(email="koordination@example.org", password=None, is_coordinator=True)
    client.force_login(user)
    return client


@pytest.fixture
def world(db):
    """Two member organisations with contact people, one that left, and a past meeting."""

    w = SimpleNamespace()
    w.alpha = organisation("Testverein Alpha")
    w.beta = organisation("Testverein Beta")
    w.gamma = organisation("Testverein Gamma")  # nobody invited
    w.gone = organisation("Testverein Ehemalig", left_on=datetime.date(2020, 1, 1))
    w.anna = contact("Anna Alpha", w.alpha)
    w.arne = contact("Arne Alpha", w.alpha)
    w.bert = contact("Bert Beta", w.beta)
    w.bodo = contact("Bodo Beta", w.beta)
    w.meeting = meeting()
    invite(w.meeting, w.anna, "yes")
    invite(w.meeting, w.arne, "no")
    invite(w.meeting, w.bert, "maybe")
    invite(w.meeting, w.bodo, "")
    return w


def url(name: str, *args) -> str:
    """The page in English, so that the texts the tests look for do not depend on the translations."""
    with translation.override("en"):
        return reverse(f"meetings:{name}", args=args)


def choices(response) -> dict[str, str]:
    """The form's initial choices: what the browser would send unchanged."""
    form = response.context["form"]
    return {name: form[name].initial for name in form.fields}


def field(row_of) -> str:
    if isinstance(row_of, Person):
        return f"person-{row_of.pk}"
    return f"organisation-{row_of.pk}"


# Who may ------------------------------------------------------------------------------------


def page_urls(w) -> list[str]:
    return [
        url("manage-attendance", w.meeting.pk),
        url("manage-sign-in-sheet", w.meeting.pk),
        url("manage-attendance-overview"),
    ]


def test_anonymous_visitors_are_sent_to_the_login(world):
    client = Client()
    for address in [*page_urls(world), url("manage-attendance-add", world.meeting.pk)]:
        response = client.get(address)
        assert response.status_code == 302 and "/account/login/" in response["Location"], address
        response = client.post(address, {field(world.anna): PRESENT})
        assert response.status_code == 302 and "/account/login/" in response["Location"], address
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("role", [Affiliation.Role.CONTACT, Affiliation.Role.EDITOR])
def test_members_and_editors_may_not(world, role):
    user = User.objects.create_user(email=f"{role}@example.org", password=None)
    person = Person.objects.create(name="Testmitglied", email=user.email, user=user)
    Affiliation.objects.create(person=person, organisation=world.alpha, role=role)
    client = login(user)
    for address in page_urls(world):
        assert client.get(address).status_code == 403, address
    data = {field(world.anna): PRESENT}
    assert client.post(url("manage-attendance", world.meeting.pk), data).status_code == 403
    add = {"affiliation": world.anna.affiliations.get().pk}
    assert client.post(url("manage-attendance-add", world.meeting.pk), add).status_code == 403
    assert not Attendance.objects.exists()


def test_coordinators_may(coordinator, world):
    for address in page_urls(world):
        assert coordinator.get(address).status_code == 200, address


def test_wrong_methods(coordinator, world):
    assert coordinator.get(url("manage-attendance-add", world.meeting.pk)).status_code == 405
    assert coordinator.post(url("manage-sign-in-sheet", world.meeting.pk)).status_code == 405
    assert coordinator.post(url("manage-attendance-overview")).status_code == 405
    assert coordinator.delete(url("manage-attendance", world.meeting.pk)).status_code == 405


def test_an_unknown_meeting_is_not_found(coordinator, world):
    assert coordinator.get(url("manage-attendance", 999999)).status_code == 404
    assert coordinator.get(url("manage-sign-in-sheet", 999999)).status_code == 404


# The TN list ----------------------------------------------------------------------------------


def test_choices_are_proposed_from_the_replies(coordinator, world):
    response = coordinator.get(url("manage-attendance", world.meeting.pk))
    initial = choices(response)
    assert initial[field(world.anna)] == PRESENT  # yes
    assert initial[field(world.arne)] == EXCUSED  # no
    assert initial[field(world.bert)] == NOT_RECORDED  # maybe
    assert initial[field(world.bodo)] == NOT_RECORDED  # no reply
    assert initial[field(world.gamma)] == NOT_RECORDED  # an organisation without anyone on the list
    assert response.context["tn"].proposed
    assert "proposed from the replies" in response.content.decode()


def test_once_something_is_recorded_nothing_is_proposed(coordinator, world):
    Attendance.objects.create(
        meeting=world.meeting, organisation=world.beta, person=world.bert, status=ABSENT
    )
    initial = choices(coordinator.get(url("manage-attendance", world.meeting.pk)))
    assert initial[field(world.bert)] == ABSENT  # the record
    assert initial[field(world.anna)] == NOT_RECORDED  # no longer proposed from "yes"
    assert initial[field(world.arne)] == NOT_RECORDED


def test_rows_are_grouped_by_organisation(coordinator, world):
    response = coordinator.get(url("manage-attendance", world.meeting.pk))
    groups = response.context["form"].groups()
    assert [(o.name, [row.person and row.person.name for row, _ in rows]) for o, rows in groups] == [
        ("Testverein Alpha", ["Anna Alpha", "Arne Alpha"]),
        ("Testverein Beta", ["Bert Beta", "Bodo Beta"]),
        ("Testverein Gamma", [None]),  # the organisation's own row
    ]
    # The organisation that left has no row, and none of the people's organisations has one of its own.
    assert field(world.gone) not in response.context["form"].fields
    assert field(world.alpha) not in response.context["form"].fields


def folded_part(html: str) -> str:
    start = html.index('<details class="tn-folded"')
    return html[start : html.index("</details>", start) + len("</details>")]


def test_organisations_nobody_was_invited_from_are_folded_in_the_form(coordinator, world):
    organisation("Testverein Delta")  # nobody invited either
    address = url("manage-attendance", world.meeting.pk)
    response = coordinator.get(address)
    context = response.context
    assert [o.name for o, _rows in context["groups"]] == ["Testverein Alpha", "Testverein Beta"]
    assert [o.name for o, _rows in context["folded"]] == ["Testverein Delta", "Testverein Gamma"]
    html = response.content.decode()
    folded = folded_part(html)
    assert folded.startswith('<details class="tn-folded">')  # closed
    assert "2 member organisations nobody was invited from</summary>" in folded
    assert f'name="{field(world.gamma)}"' in folded and f'name="{field(world.anna)}"' not in folded
    # Inside the list's form: a closed <details> sends its inputs too, no JavaScript needed.
    form = html.index(f'<form method="post" action="{address}"')
    assert form < html.index(folded) < html.index("</form>", form)

    # Recorded, an organisation is on the list itself.
    data = choices(response) | {field(world.gamma): PRESENT}
    assert coordinator.post(address, data).status_code == 302
    response = coordinator.get(address)
    assert [o.name for o, _rows in response.context["groups"]][-1] == "Testverein Gamma"
    assert [o.name for o, _rows in response.context["folded"]] == ["Testverein Delta"]
    assert "1 member organisation nobody was invited from</summary>" in response.content.decode()


def test_the_folded_organisations_open_for_an_error_or_a_choice_sent_back(coordinator, world):
    address = url("manage-attendance", world.meeting.pk)
    data = choices(coordinator.get(address)) | {field(world.gamma): "maybe"}
    response = coordinator.post(address, data)
    assert response.status_code == 200
    assert folded_part(response.content.decode()).startswith('<details class="tn-folded" open>')
    # A choice there, sent back for an error elsewhere, stays in sight too.
    data |= {field(world.gamma): PRESENT, field(world.bodo): "maybe"}
    response = coordinator.post(address, data)
    assert response.status_code == 200 and response.context["form"].errors[field(world.bodo)]
    assert folded_part(response.content.decode()).startswith('<details class="tn-folded" open>')


def test_without_invitations_the_folded_organisations_are_open(coordinator, world):
    uninvited = meeting(days=-14)
    response = coordinator.get(url("manage-attendance", uninvited.pk))
    assert response.context["groups"] == []
    assert folded_part(response.content.decode()).startswith('<details class="tn-folded" open>')


def test_a_person_comes_for_their_current_member_organisation(world):
    carla = Person.objects.create(name="Carla Wechsel")
    Affiliation.objects.create(person=carla, organisation=world.alpha, ended_on=datetime.date(2022, 5, 1))
    Affiliation.objects.create(person=carla, organisation=world.gone)  # current, but the organisation left
    Affiliation.objects.create(person=carla, organisation=world.beta)
    nobody = Person.objects.create(name="Niemand Ohne")
    invite(world.meeting, carla)
    invite(world.meeting, nobody)
    tn = tn_list(world.meeting)
    assert next(row for row in tn.rows if row.person == carla).organisation == world.beta
    assert tn.without_organisation == [nobody]


def test_saving_creates_updates_and_deletes_rows(coordinator, world):
    Attendance.objects.create(
        meeting=world.meeting, organisation=world.beta, person=world.bert, status=ABSENT
    )
    Attendance.objects.create(
        meeting=world.meeting, organisation=world.beta, person=world.bodo, status=ABSENT
    )
    address = url("manage-attendance", world.meeting.pk)
    data = choices(coordinator.get(address))
    data.update(
        {
            field(world.anna): PRESENT,  # created
            field(world.bert): EXCUSED,  # updated
            field(world.bodo): NOT_RECORDED,  # deleted
            field(world.gamma): ABSENT,  # created, for the organisation
        }
    )
    response = coordinator.post(address, data)
    assert response.status_code == 302 and response["Location"] == address
    rows = {
        (a.organisation.name, a.person.name if a.person else None): a.status
        for a in Attendance.objects.filter(meeting=world.meeting)
    }
    assert rows == {
        ("Testverein Alpha", "Anna Alpha"): PRESENT,
        ("Testverein Beta", "Bert Beta"): EXCUSED,
        ("Testverein Gamma", None): ABSENT,
    }
    logged = AuditEntry.objects.filter(object_type="meetings.attendance")
    assert sorted(logged.values_list("action", flat=True)) == ["create", "create", "delete", "update"]
    assert logged.get(action="update").changes == {"status": [ABSENT, EXCUSED]}
    assert logged.get(action="delete").organisation == world.beta
    assert "4 changes" in coordinator.get(address).content.decode()


def test_saving_the_same_again_changes_nothing(coordinator, world):
    Attendance.objects.create(
        meeting=world.meeting, organisation=world.alpha, person=world.anna, status=PRESENT
    )
    address = url("manage-attendance", world.meeting.pk)
    data = choices(coordinator.get(address))
    before = list(Attendance.objects.values_list("pk", "status"))
    response = coordinator.post(address, data, follow=True)
    assert list(Attendance.objects.values_list("pk", "status")) == before
    assert not AuditEntry.objects.exists()
    assert "Nothing has changed." in response.content.decode()


@pytest.mark.parametrize("bad", ["maybe", "", "present\x00", "9" * 30])
def test_a_bad_value_changes_nothing_and_shows_an_error(coordinator, world, bad):
    Attendance.objects.create(
        meeting=world.meeting, organisation=world.beta, person=world.bert, status=ABSENT
    )
    address = url("manage-attendance", world.meeting.pk)
    data = choices(coordinator.get(address))
    data.update({field(world.anna): PRESENT, field(world.bert): EXCUSED, field(world.bodo): bad})
    before = list(Attendance.objects.values_list("pk", "person", "status"))
    response = coordinator.post(address, data)
    assert response.status_code == 200
    assert response.context["form"].errors[field(world.bodo)]
    assert "error-summary" in response.content.decode()
    assert list(Attendance.objects.values_list("pk", "person", "status")) == before


def test_a_list_saved_in_the_meantime_is_all_or_nothing(world):
    """Someone else records Gamma while this list is open: none of this list's changes are kept."""
    rows = tn_list(world.meeting).rows
    Attendance.objects.create(meeting=world.meeting, organisation=world.gamma, status=EXCUSED)
    wanted = {row.key: NOT_RECORDED for row in rows} | {
        field(world.anna): PRESENT,
        field(world.gamma): ABSENT,
    }
    with pytest.raises(IntegrityError):
        save_tn_list(world.meeting, rows, wanted, actor=None)
    assert list(Attendance.objects.values_list("organisation", "person", "status")) == [
        (world.gamma.pk, None, EXCUSED)
    ]
    assert not AuditEntry.objects.exists()


def test_a_missing_row_changes_nothing(coordinator, world):
    address = url("manage-attendance", world.meeting.pk)
    data = choices(coordinator.get(address))
    del data[field(world.gamma)]
    response = coordinator.post(address, data)
    assert response.status_code == 200
    assert response.context["form"].errors[field(world.gamma)]
    assert not Attendance.objects.exists()


def test_rows_of_other_meetings_and_made_up_rows_are_not_touched(coordinator, world):
    other = meeting(days=-30)
    kept = Attendance.objects.create(
        meeting=other, organisation=world.alpha, person=world.anna, status=ABSENT
    )
    address = url("manage-attendance", world.meeting.pk)
    data = choices(coordinator.get(address))
    stranger = Person.objects.create(name="Fremde Person")
    data[field(stranger)] = PRESENT
    assert coordinator.post(address, data).status_code == 302
    assert not Attendance.objects.filter(person=stranger).exists()
    kept.refresh_from_db()
    assert kept.status == ABSENT


def test_an_organisation_row_stays_until_it_is_cleared(coordinator, world):
    """An organisation's own row is listed even when it has people on the list."""
    Attendance.objects.create(meeting=world.meeting, organisation=world.alpha, status=EXCUSED)
    address = url("manage-attendance", world.meeting.pk)
    data = choices(coordinator.get(address))
    assert data[field(world.alpha)] == EXCUSED
    data[field(world.alpha)] = NOT_RECORDED
    coordinator.post(address, data)
    assert not Attendance.objects.filter(person=None).exists()
    assert field(world.alpha) not in choices(coordinator.get(address))


def test_someone_who_came_without_an_invitation_is_added_as_present(coordinator, world):
    walk_in = contact("Wanda Spontan", world.gamma)
    affiliation = walk_in.affiliations.get()
    address = url("manage-attendance", world.meeting.pk)
    offered = coordinator.get(address).context["add_form"].fields["affiliation"].queryset
    assert affiliation in offered
    assert not offered.filter(person=world.anna).exists()  # invited: on the list already
    response = coordinator.post(
        url("manage-attendance-add", world.meeting.pk), {"affiliation": affiliation.pk}
    )
    assert response.status_code == 302 and response["Location"] == address
    record = Attendance.objects.get(person=walk_in)
    assert (record.meeting, record.organisation, record.status) == (world.meeting, world.gamma, PRESENT)
    assert AuditEntry.objects.filter(object_type="meetings.attendance", action="create").count() == 1
    # Now on the list, so not offered again; and Gamma has someone, so no row of its own.
    response = coordinator.get(address)
    assert field(walk_in) in response.context["form"].fields
    assert field(world.gamma) not in response.context["form"].fields
    again = coordinator.post(url("manage-attendance-add", world.meeting.pk), {"affiliation": affiliation.pk})
    assert again.status_code == 200 and again.context["add_form"].errors
    assert Attendance.objects.filter(person=walk_in).count() == 1


@pytest.mark.parametrize("bad", ["", "999999999", "abc"])
def test_adding_nobody_shows_an_error(coordinator, world, bad):
    response = coordinator.post(url("manage-attendance-add", world.meeting.pk), {"affiliation": bad})
    assert response.status_code == 200
    assert response.context["add_form"].errors["affiliation"]
    assert not Attendance.objects.exists()


def test_the_tn_list_makes_a_fixed_number_of_queries(coordinator, world, assert_fixed_query_count):
    n = itertools.count()

    def add_rows(count: int) -> None:
        for _ in range(count):
            i = next(n)
            group = organisation(f"Testverein Zusatz {i}")
            person = contact(f"Zusatz Person {i}", group)
            invite(world.meeting, person, "yes")
            contact(f"Spontan Person {i}", group)
            status = [PRESENT, EXCUSED, ABSENT][i % 3]
            Attendance.objects.create(meeting=world.meeting, organisation=group, person=person, status=status)

    assert_fixed_query_count(url("manage-attendance", world.meeting.pk), add_rows)


# The summary -------------------------------------------------------------------------------


def test_the_status_of_an_organisation():
    assert combined_status([ABSENT, EXCUSED, PRESENT]) == PRESENT
    assert combined_status([ABSENT, EXCUSED]) == EXCUSED
    assert combined_status([ABSENT, ABSENT]) == ABSENT
    assert combined_status([ABSENT]) == ABSENT


def test_the_summary_per_organisation(coordinator, world):
    Attendance.objects.create(
        meeting=world.meeting, organisation=world.alpha, person=world.anna, status=ABSENT
    )
    Attendance.objects.create(
        meeting=world.meeting, organisation=world.alpha, person=world.arne, status=PRESENT
    )
    Attendance.objects.create(
        meeting=world.meeting, organisation=world.beta, person=world.bert, status=EXCUSED
    )
    Attendance.objects.create(
        meeting=world.meeting, organisation=world.beta, person=world.bodo, status=ABSENT
    )
    Attendance.objects.create(meeting=world.meeting, organisation=world.gamma, status=ABSENT)
    Attendance.objects.create(meeting=meeting(days=-40), organisation=world.gamma, status=PRESENT)
    summary = attendance_summary(world.meeting)
    assert [(e.organisation.name, e.status, [p.name for p in e.present]) for e in summary] == [
        ("Testverein Alpha", PRESENT, ["Arne Alpha"]),
        ("Testverein Beta", EXCUSED, []),
        ("Testverein Gamma", ABSENT, []),
    ]
    assert summary[1].excused == [world.bert]
    response = coordinator.get(url("manage-attendance", world.meeting.pk))
    counts = response.context["counts"]
    assert (counts.present, counts.excused, counts.absent, counts.people_present) == (1, 1, 1, 1)


def test_the_summary_of_a_meeting_without_records_is_empty(world):
    assert attendance_summary(world.meeting) == []


# The sign-in sheet ---------------------------------------------------------------------------


def test_the_sign_in_sheet_lists_the_invited_and_has_empty_lines(coordinator, world):
    Network.objects.create(name="Testnetzwerk Beispielstadt", description="Nur ein Test.")
    not_invited = contact("Nicht Eingeladen", world.gamma)
    response = coordinator.get(url("manage-sign-in-sheet", world.meeting.pk))
    html = response.content.decode()
    assert "Testnetzwerk Beispielstadt" in html
    assert "Testsitzung" in html
    names = ["Anna Alpha", "Arne Alpha", "Bert Beta", "Bodo Beta"]
    positions = [html.index(name) for name in names]
    assert positions == sorted(positions)  # by organisation, then name
    assert html.index("Testverein Alpha") < html.index("Testverein Beta")
    assert not_invited.name not in html
    assert html.count('class="sheet-empty"') == 10
    assert "print function" in html


def test_the_sign_in_sheet_makes_a_fixed_number_of_queries(coordinator, world, assert_fixed_query_count):
    n = itertools.count()

    def add_rows(count: int) -> None:
        for _ in range(count):
            i = next(n)
            invite(world.meeting, contact(f"Zusatz Person {i}", organisation(f"Testverein Zusatz {i}")))

    assert_fixed_query_count(url("manage-sign-in-sheet", world.meeting.pk), add_rows)


def test_the_print_stylesheet_is_there():
    from django.contrib.staticfiles import finders

    css = open(finders.find("css/portal.css"), encoding="utf-8").read()
    assert "size: A4" in css and ".sign-in-table" in css


# The overview --------------------------------------------------------------------------------


def test_the_overview_lists_who_has_not_attended_for_a_year(coordinator, world):
    long_ago = meeting(days=-500)
    recent = meeting(days=-30)
    Attendance.objects.create(meeting=long_ago, organisation=world.alpha, person=world.anna, status=PRESENT)
    Attendance.objects.create(meeting=recent, organisation=world.alpha, person=world.anna, status=ABSENT)
    Attendance.objects.create(meeting=recent, organisation=world.beta, status=PRESENT)  # the organisation
    Attendance.objects.create(meeting=recent, organisation=world.gamma, status=EXCUSED)
    response = coordinator.get(url("manage-attendance-overview"))
    listed = list(response.context["organisations"])
    # Gamma never present (first), then Alpha (present 500 days ago); Beta attended; the left one is out.
    assert listed == [world.gamma, world.alpha]
    assert listed[0].last_present is None
    assert listed[1].last_present == long_ago.starts_at
    html = response.content.decode()
    assert "never recorded" in html
    meetings = {entry.meeting: entry.counts for entry in response.context["meetings"]}
    assert list(meetings) == [world.meeting, recent, long_ago]  # newest first
    counts = meetings[recent]
    assert (counts.present, counts.excused, counts.absent, counts.people_present) == (1, 1, 1, 0)


def test_the_overview_makes_a_fixed_number_of_queries(coordinator, world, assert_fixed_query_count):
    n = itertools.count()

    def add_rows(count: int) -> None:
        for _ in range(count):
            i = next(n)
            group = organisation(f"Testverein Zusatz {i}")
            person = contact(f"Zusatz Person {i}", group)
            held = meeting(days=-(60 + 40 * i))
            Attendance.objects.create(meeting=held, organisation=group, person=person, status=PRESENT)
            Attendance.objects.create(meeting=held, organisation=world.alpha, status=EXCUSED)

    assert_fixed_query_count(url("manage-attendance-overview"), add_rows)


# Retention -----------------------------------------------------------------------------------


def test_the_purge_deletes_old_lists_and_keeps_recent_ones(settings, world):
    days = settings.ATTENDANCE_RETENTION_DAYS
    old = meeting(days=-(days + 2))
    edge = meeting(days=-(days - 2))
    for held in (old, edge, world.meeting):
        Attendance.objects.create(meeting=held, organisation=world.alpha, person=world.anna, status=PRESENT)
        Attendance.objects.create(meeting=held, organisation=world.gamma, status=ABSENT)
    assert purge_expired_attendance() == 2
    assert not Attendance.objects.filter(meeting=old).exists()
    assert Attendance.objects.filter(meeting=edge).count() == 2
    assert Attendance.objects.filter(meeting=world.meeting).count() == 2
    assert Meeting.objects.filter(pk=old.pk).exists()  # the meeting itself stays
    assert purge_expired_attendance() == 0


def test_the_purge_follows_the_setting(settings, world):
    settings.ATTENDANCE_RETENTION_DAYS = 5
    Attendance.objects.create(
        meeting=world.meeting, organisation=world.alpha, person=world.anna, status=PRESENT
    )
    assert purge_expired_attendance() == 1


def test_the_task_worker_runs_the_purge_daily():
    from django.utils.module_loading import import_string

    from outbox.periodic import JOBS

    path = "meetings.attendance.purge_expired_attendance"
    assert JOBS[path] == datetime.timedelta(days=1)
    assert import_string(path) is purge_expired_attendance
