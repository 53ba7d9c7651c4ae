"""The minutes: who sees which, writing them from the agenda, revisions, preview,
sending for corrections, approving and locking, action items, and the search."""

import datetime
import itertools
from dataclasses import dataclass

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from meetings.minutes import render_markdown, save_revision
from meetings.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    Meeting,
    Minutes,
    MinutesItem,
    MinutesRevision,
    visible_minutes,
)
from meetings.search import search_minutes
from meetings.tests.test_minutes_import import text_pdf
from members.models import Affiliation, Organisation, Person, User
from outbox.models import Mail

Status = Minutes.Status
Visibility = Minutes.Visibility
ROLES = ("anonymous", "outsider", "member", "editor", "coordinator")


@dataclass
class World:
    users: dict[str, User | None]
    organisation: Organisation
    meeting: Meeting  # a past plenary meeting with an agenda and attendance
    next_plenary: Meeting
    people: dict[str, Person]

    def client(self, role: str) -> Client:
        client = Client()
        if self.users[role] is not None:
            client.force_login(self.users[role])
        return client


def _account(email: str, name: str, **extra) -> User:
    user = User.objects.create_user(email=email, password=None, name=name, **extra)
    Person.objects.create(name=name, email=email, user=user)
    return user


def _meeting(days: int, **values) -> Meeting:
    starts = timezone.now().replace(microsecond=0) + datetime.timedelta(days=days)
    return Meeting.objects.create(starts_at=starts, ends_at=starts + datetime.timedelta(hours=2), **values)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def world(db, media) -> World:
    organisation = Organisation.objects.create(name="Testverein Protokoll", slug="testverein-protokoll")
    other = Organisation.objects.create(name="Anderer Testverein", slug="anderer-testverein")
    outsider = _account("ehemals@example.org", "Otto Ehemals")
    Affiliation.objects.create(
        person=outsider.person, organisation=organisation, ended_on=datetime.date(2020, 1, 1)
    )
    member = _account("mitglied@example.org", "Mira Mitglied")
    Affiliation.objects.create(person=member.person, organisation=organisation)
    editor = _account("redaktion@example.org", "Eda Redaktion")
    Affiliation.objects.create(person=editor.person, organisation=other, role=Affiliation.Role.EDITOR)
    coordinator = _account("koordination@example.org", "Kai Koordination", is_coordinator=True)

    meeting = _meeting(-10, topic="Testplenum")
    AgendaItem.objects.create(meeting=meeting, position=2, title="Bericht aus den Arbeitsgruppen")
    AgendaItem.objects.create(meeting=meeting, position=1, title="Begrüßung und Protokoll")
    next_plenary = _meeting(50, topic="Nächstes Testplenum")
    _meeting(20, topic="Arbeitsgruppe dazwischen", kind=Meeting.Kind.WORKING_GROUP)
    _meeting(30, topic="Abgesagtes Plenum", is_cancelled=True)

    people = {
        "de": member.person,
        "en": Person.objects.create(name="Emma English", email="emma@example.org", language="en"),
        "ar": Person.objects.create(name="Amal Arabisch", email="amal@example.org", language="ar"),
        "no-mail": Person.objects.create(name="Nora Ohnemail", email=""),
        "excused": Person.objects.create(name="Erik Entschuldigt", email="erik@example.org"),
    }
    for key, person in people.items():
        status = Attendance.Status.EXCUSED if key == "excused" else Attendance.Status.PRESENT
        Attendance.objects.create(meeting=meeting, organisation=organisation, person=person, status=status)
    return World(
        users={
            "anonymous": None,
            "outsider": outsider,
            "member": member,
            "editor": editor,
            "coordinator": coordinator,
        },
        organisation=organisation,
        meeting=meeting,
        next_plenary=next_plenary,
        people=people,
    )


def make_minutes(status=Status.APPROVED, visibility=Visibility.PUBLIC, **values) -> Minutes:
    values.setdefault("title", f"Testprotokoll {status} {visibility}")
    values.setdefault("year", 2023)
    return Minutes.objects.create(status=status, visibility=visibility, **values)


# Who sees which minutes ------------------------------------------------------------------

# status -> visibility -> the roles that see them
SEEN_BY = {
    Status.DRAFT: {Visibility.PUBLIC: {"coordinator"}, Visibility.MEMBERS: {"coordinator"}},
    Status.SENT: {
        Visibility.PUBLIC: {"member", "editor", "coordinator"},
        Visibility.MEMBERS: {"member", "editor", "coordinator"},
    },
    Status.APPROVED: {
        Visibility.PUBLIC: set(ROLES),
        Visibility.MEMBERS: {"member", "editor", "coordinator"},
    },
}


@pytest.mark.parametrize("status", list(Status))
@pytest.mark.parametrize("visibility", list(Visibility))
def test_visibility_rule(world, status, visibility):
    minutes = make_minutes(status, visibility)
    for role in ROLES:
        user = world.users[role]
        expected = role in SEEN_BY[status][visibility]
        seen = visible_minutes(user if user is not None else _anonymous()).filter(pk=minutes.pk).exists()
        assert seen == expected, f"{role} on {status} {visibility} minutes"
        response = world.client(role).get(reverse("meetings:minutes-detail", args=[minutes.pk]))
        assert response.status_code == (200 if expected else 404), role


def _anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


@pytest.mark.parametrize("role", ROLES)
def test_drafts_are_never_in_the_archive(world, role):
    draft = make_minutes(
        Status.DRAFT, Visibility.PUBLIC, title="Entwurf im Archiv", year=2021, body="Wortlaut"
    )
    make_minutes(Status.APPROVED, Visibility.PUBLIC, title="Genehmigt 2021", year=2021, body="Wortlaut")
    client = world.client(role)
    assert (
        "Entwurf im Archiv" not in client.get(reverse("meetings:minutes-year", args=[2021])).content.decode()
    )
    search = client.get(reverse("meetings:minutes"), {"q": "Wortlaut"})
    assert draft not in search.context["page"].object_list
    assert "Genehmigt 2021" in search.content.decode()


def test_minutes_sent_for_corrections_are_marked_in_the_archive(world):
    make_minutes(Status.SENT, Visibility.MEMBERS, title="Zur Korrektur", year=2022)
    html = world.client("member").get(reverse("meetings:minutes-year", args=[2022])).content.decode()
    assert "Zur Korrektur" in html
    assert "badge-warn" in html[html.index("Zur Korrektur") :]


SECRET = "Geheimsache"  # a word only in the members-only minutes
PDF_SECRET = "Verschlusssache"  # a word only in their PDF


@pytest.fixture
def members_only(world) -> Minutes:
    minutes = make_minutes(
        Status.APPROVED,
        Visibility.MEMBERS,
        title=f"{SECRET} Protokoll",
        year=2019,
        body=f"Über die {SECRET}.",
    )
    minutes.document.save("intern.pdf", ContentFile(text_pdf(f"Anlage zur {PDF_SECRET}")), save=False)
    minutes.document_text = f"Anlage zur {PDF_SECRET}"
    minutes.save()
    return minutes


def test_members_only_minutes_never_reach_the_public(world, members_only):
    make_minutes(Status.APPROVED, Visibility.PUBLIC, title="Öffentlich 2020", year=2020, body="Offen.")
    client = world.client("anonymous")
    archive = client.get(reverse("meetings:minutes")).content.decode()
    assert reverse("meetings:minutes-year", args=[2019]) not in archive
    assert SECRET not in archive
    assert client.get(reverse("meetings:minutes-year", args=[2019])).status_code == 404
    assert client.get(reverse("meetings:minutes-detail", args=[members_only.pk])).status_code == 404
    assert client.get(reverse("meetings:minutes-document", args=[members_only.pk])).status_code == 404
    for query in (SECRET, PDF_SECRET, "Protokoll"):
        response = client.get(reverse("meetings:minutes"), {"q": query})
        assert response.status_code == 200
        assert list(response.context["page"].object_list) == []
        html = response.content.decode()
        # The search words come back in the search box; the minutes and their text do not.
        assert members_only.title not in html
        assert "Anlage zur" not in html
        assert "Über die" not in html
        assert reverse("meetings:minutes-detail", args=[members_only.pk]) not in html
    # The outsider (a former contact person) is no member either.
    outsider = world.client("outsider")
    assert outsider.get(reverse("meetings:minutes-detail", args=[members_only.pk])).status_code == 404
    assert (
        list(outsider.get(reverse("meetings:minutes"), {"q": PDF_SECRET}).context["page"].object_list) == []
    )


def test_members_find_members_only_minutes(world, members_only):
    client = world.client("member")
    for query in (SECRET, PDF_SECRET.lower()):
        response = client.get(reverse("meetings:minutes"), {"q": query})
        assert list(response.context["page"].object_list) == [members_only]
    html = client.get(reverse("meetings:minutes"), {"q": PDF_SECRET}).content.decode()
    assert reverse("meetings:minutes-detail", args=[members_only.pk]) in html
    assert PDF_SECRET in html  # in the excerpt
    detail = client.get(reverse("meetings:minutes-detail", args=[members_only.pk]))
    assert detail.status_code == 200
    assert reverse("meetings:minutes-document", args=[members_only.pk]) in detail.content.decode()
    document = client.get(reverse("meetings:minutes-document", args=[members_only.pk]))
    assert b"".join(document.streaming_content).startswith(b"%PDF-")


# The minutes' page -----------------------------------------------------------------------


@pytest.fixture
def written(world) -> Minutes:
    """Approved public minutes of the meeting, with items and action items."""
    minutes = make_minutes(
        Status.APPROVED,
        Visibility.PUBLIC,
        title="Protokoll Testplenum",
        year=timezone.localtime(world.meeting.starts_at).year,
        held_on=timezone.localtime(world.meeting.starts_at).date(),
        meeting=world.meeting,
        body="Einleitung mit **Nachdruck**.",
    )
    item = MinutesItem.objects.create(
        minutes=minutes,
        position=1,
        title="Wohnungssuche",
        discussion="Es gab <script>alert(1)</script> Fragen.",
    )
    MinutesItem.objects.create(
        minutes=minutes, position=2, title="Verschiedenes", decisions="Beschluss: _ja_."
    )
    ActionItem.objects.create(
        minutes=minutes,
        item=item,
        what="Liste der Beratungsstellen verschicken",
        person=world.people["en"],
        organisation=world.organisation,
        due_on=datetime.date(2030, 1, 15),
    )
    minutes.save()
    return minutes


def test_minutes_page_shows_items_decisions_and_action_items(world, written):
    response = world.client("anonymous").get(reverse("meetings:minutes-detail", args=[written.pk]))
    html = response.content.decode()
    assert "<strong>Nachdruck</strong>" in html
    assert "Wohnungssuche" in html
    assert "<script>alert(1)</script>" not in html  # sanitised
    assert "<em>ja</em>" in html
    assert "Liste der Beratungsstellen verschicken" in html
    assert world.organisation.name in html
    assert world.meeting.get_absolute_url() in html
    # Attendance and names of people without consent are for members only.
    assert "Emma English" not in html
    assert response.context["attendance"] is None
    member = world.client("member").get(reverse("meetings:minutes-detail", args=[written.pk]))
    assert "Emma English" in member.content.decode()
    assert "Amal Arabisch" in member.content.decode()  # present, in the attendance
    assert member.context["attendance"]


def test_minutes_page_marks_minutes_sent_for_corrections(world, written):
    written.status = Status.SENT
    written.save()
    with translation.override("en"):
        url = reverse("meetings:minutes-detail", args=[written.pk])
    html = world.client("member").get(url).content.decode()
    assert "Draft for corrections" in html


# Writing minutes -------------------------------------------------------------------------


def test_start_from_agenda(world):
    client = world.client("coordinator")
    url = reverse("meetings:manage-minutes-start", args=[world.meeting.pk])
    assert client.get(url).status_code == 405
    response = client.post(url)
    minutes = Minutes.objects.get(meeting=world.meeting)
    assert response.status_code == 302
    assert response["Location"] == reverse("meetings:manage-minutes-edit", args=[minutes.pk])
    day = timezone.localtime(world.meeting.starts_at).date()
    assert minutes.title == f"Protokoll Plenarsitzung {day:%d.%m.%Y}"
    assert (minutes.year, minutes.held_on) == (day.year, day)
    assert minutes.visibility == Visibility.MEMBERS
    assert minutes.status == Status.DRAFT
    assert [(i.title, i.agenda_item.title) for i in minutes.items.order_by("position")] == [
        ("Begrüßung und Protokoll", "Begrüßung und Protokoll"),
        ("Bericht aus den Arbeitsgruppen", "Bericht aus den Arbeitsgruppen"),
    ]
    assert list(search_minutes(Minutes.objects.all(), "Bericht Arbeitsgruppen")) == [minutes]
    assert list(minutes.revisions.values_list("number", flat=True)) == [1]
    # A second start gives the same minutes.
    assert client.post(url)["Location"] == reverse("meetings:manage-minutes-edit", args=[minutes.pk])
    assert Minutes.objects.filter(meeting=world.meeting).count() == 1


@pytest.mark.parametrize("role", ["anonymous", "outsider", "member", "editor"])
def test_only_coordinators_start_minutes(world, role):
    response = world.client(role).post(reverse("meetings:manage-minutes-start", args=[world.meeting.pk]))
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "login" in response["Location"]
    assert not Minutes.objects.exists()


def edit_data(minutes: Minutes, **changes) -> dict:
    """The edit form as a browser sends it unchanged, with `changes`."""
    data = {"title": minutes.title, "visibility": minutes.visibility, "body": minutes.body}
    items = list(minutes.items.order_by("position", "pk"))
    data.update({"items-TOTAL_FORMS": len(items), "items-INITIAL_FORMS": len(items)})
    for i, item in enumerate(items):
        data.update(
            {
                f"items-{i}-id": item.pk,
                f"items-{i}-position": item.position,
                f"items-{i}-title": item.title,
                f"items-{i}-discussion": item.discussion,
                f"items-{i}-decisions": item.decisions,
            }
        )
    actions = list(minutes.action_items.all())
    data.update({"actions-TOTAL_FORMS": len(actions), "actions-INITIAL_FORMS": len(actions)})
    for i, action in enumerate(actions):
        data.update(
            {
                f"actions-{i}-id": action.pk,
                f"actions-{i}-what": action.what,
                f"actions-{i}-person": action.person_id or "",
                f"actions-{i}-organisation": action.organisation_id or "",
                f"actions-{i}-due_on": action.due_on or "",
                f"actions-{i}-done_on": action.done_on or "",
                f"actions-{i}-item": action.item_id or "",
            }
        )
    data.update(changes)
    return data


@pytest.fixture
def started(world) -> Minutes:
    world.client("coordinator").post(reverse("meetings:manage-minutes-start", args=[world.meeting.pk]))
    return Minutes.objects.get(meeting=world.meeting)


def test_edit_saves_items_and_action_items_and_numbers_revisions(world, started):
    client = world.client("coordinator")
    url = reverse("meetings:manage-minutes-edit", args=[started.pk])
    assert client.get(url).status_code == 200
    first = started.items.order_by("position").first()
    data = edit_data(
        started,
        body="Moderation: Testverein.",
        **{
            "items-0-discussion": "Die Runde stellt sich vor.",
            "items-1-decisions": "Der Sprachkurs wird verlängert.",
            "actions-TOTAL_FORMS": 1,
            "actions-0-what": "Raum für den Sprachkurs anfragen",
            "actions-0-organisation": world.organisation.pk,
            "actions-0-due_on": "2030-02-01",
            "actions-0-item": first.pk,
        },
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    started.refresh_from_db()
    assert started.body == "Moderation: Testverein."
    assert started.items.get(position=2).decisions == "Der Sprachkurs wird verlängert."
    action = started.action_items.get()
    assert (action.what, action.item, action.due_on) == (
        "Raum für den Sprachkurs anfragen",
        first,
        datetime.date(2030, 2, 1),
    )
    # The search finds what is in the items and action items.
    assert list(search_minutes(Minutes.objects.all(), "verlängert")) == [started]
    assert list(search_minutes(Minutes.objects.all(), "Raum für den Sprachkurs anfragen")) == [started]

    # A second save; then a new item and the deletion of the first one.
    client.post(url, edit_data(started, title="Protokoll des Testplenums"))
    started.refresh_from_db()
    data = edit_data(started, **{"items-TOTAL_FORMS": 3, "items-0-DELETE": "on"})
    data.update({"items-2-position": 3, "items-2-title": "Termine"})
    assert client.post(url, data).status_code == 302
    assert list(started.items.order_by("position").values_list("title", flat=True)) == [
        "Bericht aus den Arbeitsgruppen",
        "Termine",
    ]
    assert started.action_items.get().item is None  # its item is gone

    revisions = list(started.revisions.order_by("number"))
    assert [r.number for r in revisions] == [1, 2, 3, 4]
    assert revisions[1].title == "Protokoll Plenarsitzung " + f"{started.held_on:%d.%m.%Y}"
    assert revisions[2].title == "Protokoll des Testplenums"
    assert "Der Sprachkurs wird verlängert." in revisions[1].text
    assert "Raum für den Sprachkurs anfragen" in revisions[1].text
    assert "Termine" in revisions[3].text and "Termine" not in revisions[2].text


def test_edit_with_errors_saves_nothing(world, started):
    client = world.client("coordinator")
    data = edit_data(
        started, title="", **{"actions-TOTAL_FORMS": 1, "actions-0-what": "Etwas", "actions-0-due_on": "x"}
    )
    response = client.post(reverse("meetings:manage-minutes-edit", args=[started.pk]), data)
    assert response.status_code == 200
    assert response.context["form"].errors["title"]
    assert response.context["actions"].total_error_count()
    assert started.revisions.count() == 1
    assert not started.action_items.exists()


def test_revisions_page_shows_each_revision(world, started):
    save_revision(started, world.users["coordinator"])
    html = world.client("coordinator").get(reverse("meetings:manage-minutes-revisions", args=[started.pk]))
    html = html.content.decode()
    assert "Bericht aus den Arbeitsgruppen" in html
    main = html[html.index('<main id="main"') : html.index("</main>")]  # the frame has a <details> too
    assert main.count("<details") == 2


def test_render_markdown_has_the_whole_minutes(world, written):
    text = render_markdown(written)
    for part in (
        "# Protokoll Testplenum",
        "Einleitung mit **Nachdruck**.",
        "## 1. Wohnungssuche",
        "Beschluss: _ja_.",
        "Liste der Beratungsstellen verschicken",
        "Emma English",
        world.organisation.name,
    ):
        assert part in text, part
    with translation.override("de"):
        assert date_format(datetime.date(2030, 1, 15), "DATE_FORMAT") in text


def test_preview_shows_the_form_data_and_saves_nothing(world, started):
    client = world.client("coordinator")
    before = (
        list(Minutes.objects.values()),
        list(MinutesItem.objects.values()),
        MinutesRevision.objects.count(),
    )
    data = edit_data(
        started,
        title="Vorschau-Titel",
        body="Ein **fetter** Satz. <script>alert(1)</script>",
        **{
            "items-0-discussion": "Neu _besprochen_.",
            "actions-TOTAL_FORMS": 1,
            "actions-0-what": "Vorschau-Aufgabe",
        },
    )
    response = client.post(reverse("meetings:manage-minutes-preview", args=[started.pk]), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<strong>fetter</strong>" in html
    assert "<em>besprochen</em>" in html
    assert "Vorschau-Aufgabe" in html
    assert "<script>alert(1)</script>" not in html
    # The form again, with the data, to go on editing (saving goes to the edit URL).
    assert response.context["form"]["title"].value() == "Vorschau-Titel"
    assert f'action="{reverse("meetings:manage-minutes-edit", args=[started.pk])}"' in html
    after = (
        list(Minutes.objects.values()),
        list(MinutesItem.objects.values()),
        MinutesRevision.objects.count(),
    )
    assert after == before
    assert not ActionItem.objects.exists()
    assert client.get(reverse("meetings:manage-minutes-preview", args=[started.pk])).status_code == 405


def test_edit_page_offers_the_preview_without_javascript(world, started):
    html = world.client("coordinator").get(reverse("meetings:manage-minutes-edit", args=[started.pk]))
    assert (
        f'formaction="{reverse("meetings:manage-minutes-preview", args=[started.pk])}"'
        in html.content.decode()
    )


def test_new_minutes_with_a_pdf(world):
    client = world.client("coordinator")
    url = reverse("meetings:manage-minutes-new")
    assert client.get(url).status_code == 200
    upload = ContentFile(text_pdf("Ergebnisse der Klausurtagung"), name="klausur.pdf")
    response = client.post(
        url,
        {
            "title": "Klausurtagung",
            "meeting": world.meeting.pk,
            "visibility": "public",
            "body": "",
            "document": upload,
        },
    )
    minutes = Minutes.objects.get(title="Klausurtagung")
    assert response["Location"] == reverse("meetings:manage-minutes-edit", args=[minutes.pk])
    assert minutes.held_on == timezone.localtime(world.meeting.starts_at).date()
    assert minutes.year == minutes.held_on.year
    assert "Klausurtagung" in minutes.document_text
    assert minutes.revisions.count() == 1


def test_new_minutes_needs_a_date_and_a_real_pdf(world):
    client = world.client("coordinator")
    response = client.post(
        reverse("meetings:manage-minutes-new"),
        {"title": "Ohne Datum", "visibility": "public", "document": ContentFile(b"<html>", name="x.pdf")},
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"held_on", "document"}
    assert not Minutes.objects.exists()


# Sending for corrections -----------------------------------------------------------------


def test_send_for_corrections_mails_those_present_in_their_languages(world, started, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client = world.client("coordinator")
    url = reverse("meetings:manage-minutes-send", args=[started.pk])
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 302
    started.refresh_from_db()
    assert started.status == Status.SENT
    assert started.sent_at is not None
    assert started.revisions.count() == 2

    mails = {m.to: m for m in Mail.objects.filter(purpose="minutes-for-corrections")}
    # Present with an address: the member (de), Emma (en), Amal (ar); not the excused, not the one without.
    assert set(mails) == {"mitglied@example.org", "emma@example.org", "amal@example.org"}
    for person in (world.people["de"], world.people["en"], world.people["ar"]):
        with translation.override(person.language):
            link = settings.SITE_URL + reverse("meetings:minutes-detail", args=[started.pk])
        assert f"/{person.language}/" in link
        message = mails[person.email]
        assert link in message.body_text
        assert link in message.body_html
        assert person.name in message.body_text
        assert message.reply_to == "koordination@example.org"
        assert started.title in message.subject

    call_command("db_worker", batch=True, interval=0, startup_delay=False)
    sent = {m.to[0]: m for m in mail.outbox}
    assert set(sent) == set(mails)
    assert sent["emma@example.org"].reply_to == ["koordination@example.org"]

    # Members read them now, marked as a draft; the public does not.
    assert (
        world.client("member").get(reverse("meetings:minutes-detail", args=[started.pk])).status_code == 200
    )
    assert (
        world.client("anonymous").get(reverse("meetings:minutes-detail", args=[started.pk])).status_code
        == 404
    )


@pytest.mark.parametrize("role", ["anonymous", "member", "editor"])
def test_only_coordinators_send(world, started, role):
    world.client(role).post(reverse("meetings:manage-minutes-send", args=[started.pk]))
    started.refresh_from_db()
    assert started.status == Status.DRAFT
    assert not Mail.objects.exists()


# Approving and the lock ------------------------------------------------------------------


def test_approve_locks_the_minutes(world, started):
    client = world.client("coordinator")
    url = reverse("meetings:manage-minutes-approve", args=[started.pk])
    page = client.get(url)
    assert page.status_code == 200
    # The next plenary meeting after theirs (not the working group, not the cancelled one).
    assert page.context["form"]["at_meeting"].initial == world.next_plenary
    response = client.post(url, {"at_meeting": world.next_plenary.pk})
    assert response["Location"] == reverse("meetings:minutes-detail", args=[started.pk])
    started.refresh_from_db()
    assert started.status == Status.APPROVED
    assert started.is_locked
    assert started.approved_by == world.users["coordinator"]
    assert started.approved_at_meeting == world.next_plenary
    assert started.approved_at is not None
    assert started.revisions.count() == 2

    before = (
        list(Minutes.objects.values()),
        list(MinutesItem.objects.values()),
        MinutesRevision.objects.count(),
    )
    edit = reverse("meetings:manage-minutes-edit", args=[started.pk])
    refused = [
        client.get(edit),
        client.post(edit, edit_data(started, title="Nachträglich geändert")),
        client.post(reverse("meetings:manage-minutes-preview", args=[started.pk]), edit_data(started)),
        client.post(reverse("meetings:manage-minutes-send", args=[started.pk])),
        client.get(url),
        client.post(url, {"at_meeting": ""}),
    ]
    for response in refused:
        assert response.status_code == 302
        assert response["Location"] == reverse("meetings:minutes-detail", args=[started.pk])
    after = (
        list(Minutes.objects.values()),
        list(MinutesItem.objects.values()),
        MinutesRevision.objects.count(),
    )
    assert after == before
    assert not Mail.objects.exists()
    # The refusal says why.
    html = client.get(reverse("meetings:minutes-detail", args=[started.pk])).content.decode()
    assert f'href="{edit}"' not in html


def test_approve_at_no_meeting(world, started):
    client = world.client("coordinator")
    client.post(reverse("meetings:manage-minutes-approve", args=[started.pk]), {"at_meeting": ""})
    started.refresh_from_db()
    assert started.status == Status.APPROVED
    assert started.approved_at_meeting is None


@pytest.mark.parametrize("role", ["anonymous", "outsider", "member", "editor"])
def test_only_coordinators_approve(world, started, role):
    url = reverse("meetings:manage-minutes-approve", args=[started.pk])
    assert world.client(role).get(url).status_code in (302, 403)
    world.client(role).post(url, {"at_meeting": world.next_plenary.pk})
    started.refresh_from_db()
    assert started.status == Status.DRAFT


# Action items ----------------------------------------------------------------------------


def test_action_item_done_also_in_locked_minutes(world, written):
    action = written.action_items.get()
    url = reverse("meetings:manage-action-item-done", args=[action.pk])
    assert ActionItem.objects.open().filter(pk=action.pk).exists()
    for role in ("anonymous", "member", "editor"):
        world.client(role).post(url)
        action.refresh_from_db()
        assert action.done_on is None, role
    client = world.client("coordinator")
    assert client.get(url).status_code == 405
    detail = client.get(reverse("meetings:minutes-detail", args=[written.pk])).content.decode()
    assert f'action="{url}"' in detail
    response = client.post(url)
    assert response["Location"] == reverse("meetings:minutes-detail", args=[written.pk])
    action.refresh_from_db()
    assert action.done_on == timezone.localdate()
    assert not ActionItem.objects.open().filter(pk=action.pk).exists()
    # The public page of the minutes offers no button.
    public = world.client("anonymous").get(reverse("meetings:minutes-detail", args=[written.pk]))
    assert url not in public.content.decode()


# The search ------------------------------------------------------------------------------


def search(client: Client, query: str) -> list[Minutes]:
    response = client.get(reverse("meetings:minutes"), {"q": query})
    assert response.status_code == 200
    return list(response.context["page"].object_list)


def test_search_finds_words_from_body_items_action_items_and_pdf(world, written):
    pdf_only = make_minutes(
        Status.APPROVED,
        Visibility.PUBLIC,
        title="Altes Protokoll",
        year=2015,
        held_on=datetime.date(2015, 3, 1),
        document_text="Die Übersetzungsdienste wurden vorgestellt.",
    )
    client = world.client("anonymous")
    assert search(client, "Nachdruck") == [written]  # body
    assert search(client, "wohnungssuche") == [written]  # an item's title, any case
    assert search(client, "Beschluss") == [written]  # an item's decisions
    assert search(client, "Beratungsstellen") == [written]  # an action item
    assert search(client, "übersetzungsdienste") == [pdf_only]  # the PDF's text, umlaut in another case
    assert search(client, "ÜBERSETZUNGSDIENSTE vorgestellt") == [pdf_only]
    # Every word must occur.
    assert search(client, "Nachdruck Übersetzungsdienste") == []
    # Newest first.
    assert search(client, "Protokoll") == [written, pdf_only]


def test_search_shows_an_escaped_excerpt_around_the_hit(world):
    minutes = make_minutes(
        Status.APPROVED,
        Visibility.PUBLIC,
        title="Mit Sonderzeichen",
        body="Anfang. " + "Füllwort " * 40 + "Die <b>Tafel</b> öffnet dienstags. " + "Ende " * 40,
    )
    response = world.client("anonymous").get(reverse("meetings:minutes"), {"q": "Tafel"})
    html = response.content.decode()
    assert "&lt;b&gt;Tafel&lt;/b&gt; öffnet dienstags" in html
    assert "<b>Tafel</b>" not in html
    entry = response.context["page"].object_list[0]
    assert entry == minutes
    assert entry.excerpt.startswith("…") and entry.excerpt.endswith("…")
    assert "Anfang" not in entry.excerpt


def test_search_with_many_words_or_odd_input(world, written):
    client = world.client("anonymous")
    assert search(client, " ".join(["Nachdruck"] * 30)) == [written]
    assert search(client, "Nachdruck " + " ".join(f"x{i}" for i in range(20))) == []
    assert client.get(reverse("meetings:minutes"), {"q": "ein\x00NUL"}).status_code == 200
    assert client.get(reverse("meetings:minutes"), {"q": "x" * 1000}).status_code == 200
    assert client.get(reverse("meetings:minutes"), {"q": "%_"}).status_code == 200
    # Nothing but punctuation: no words, the archive by year.
    response = client.get(reverse("meetings:minutes"), {"q": "%"})
    assert "page" not in response.context
    assert response.context["years"]


def test_search_finds_other_forms_of_a_word(world, written):
    """German stemming, as in the offers directory: plural and singular, umlaut or none."""
    session = make_minutes(
        title="Protokoll der Sitzung",
        year=2016,
        held_on=datetime.date(2016, 5, 4),
        body="Die Beschlüsse der Sitzungen wurden verlesen.",
    )
    client = world.client("anonymous")
    assert search(client, "Beschlüsse") == [written, session]  # written: "Beschluss: _ja_."
    assert search(client, "Beschluss") == [written, session]
    assert search(client, "Sitzungen") == [session]
    assert search(client, "sitzung") == [session]
    assert search(client, "BESCHLÜSSE Sitzung") == [session]


def test_search_finds_the_start_of_a_word(world, written):
    client = world.client("anonymous")
    assert search(client, "Wohnungs") == [written]  # "Wohnungssuche"
    assert search(client, "Beratungsst") == [written]  # "Beratungsstellen"
    assert search(client, "Nachdr") == [written]  # "Nachdruck"
    # Only the start: the middle of a word is no match.
    assert search(client, "suche") == []
    assert search(client, "druck") == []


def test_stop_words_are_left_out_of_the_search(world, written):
    client = world.client("anonymous")
    # "der" is not in the minutes: left out, as PostgreSQL's german search leaves it out.
    assert search(client, "Liste der Beratungsstellen") == [written]
    assert search(client, "die Wohnungssuche") == [written]
    # Nothing but stop words: nothing to search for, the archive by year with a note.
    with translation.override("en"):
        response = client.get(reverse("meetings:minutes"), {"q": "die und der"})
    assert "page" not in response.context
    assert response.context["nothing_to_search"]
    assert "Nothing to search for" in response.content.decode()


def test_members_only_minutes_stay_out_of_public_results(world, written):
    internal = make_minutes(
        Status.APPROVED,
        Visibility.MEMBERS,
        title="Internes Protokoll",
        year=2017,
        held_on=datetime.date(2017, 2, 1),
        body="Beschlüsse zur Sitzungsordnung.",
    )
    assert search(world.client("anonymous"), "Beschlüsse") == [written]
    assert search(world.client("outsider"), "Sitzungsordnung") == []
    assert search(world.client("member"), "Beschlüsse") == [written, internal]
    html = (
        world.client("anonymous").get(reverse("meetings:minutes"), {"q": "Sitzungsordnung"}).content.decode()
    )
    assert "Internes Protokoll" not in html


def test_excerpt_is_cut_around_the_form_that_was_found(world):
    make_minutes(
        title="Auszug",
        body="Anfang. " + "Füllwort " * 40 + "Zwei Beschlüsse wurden gefasst. " + "Ende " * 40,
    )
    response = world.client("anonymous").get(reverse("meetings:minutes"), {"q": "Beschluss"})
    entry = response.context["page"].object_list[0]
    assert "Zwei Beschlüsse wurden gefasst." in entry.excerpt
    assert "Anfang" not in entry.excerpt


def test_search_text_holds_each_stem_once(world, written):
    written.refresh_from_db()
    stems = written.search_text.split()
    assert written.search_text.startswith(" ")
    assert len(stems) == len(set(stems))
    assert {"protokoll", "nachdruck", "wohnungssuch", "beschluss", "beratungsstell"} <= set(stems)
    assert "der" not in stems  # "Liste der Beratungsstellen": a stop word


def test_migration_0006_stems_the_texts_of_existing_minutes(world, written):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("meetings.migrations.0006_stemmed_search_text")
    stems = Minutes.objects.get(pk=written.pk).search_text
    migration.texts(apps, None)  # backwards: the texts, as before the migration
    old = Minutes.objects.get(pk=written.pk).search_text
    assert "Einleitung mit **Nachdruck**." in old and "Liste der Beratungsstellen verschicken" in old
    migration.stems(apps, None)
    assert Minutes.objects.get(pk=written.pk).search_text == stems


# Lists and query counts --------------------------------------------------------------------

_numbers = itertools.count(1)


def _add_minutes(world: World):
    def add(n: int) -> None:
        for _ in range(n):
            i = next(_numbers)
            minutes = make_minutes(
                Status.APPROVED if i % 3 else Status.SENT,
                Visibility.PUBLIC if i % 2 else Visibility.MEMBERS,
                title=f"Suchprotokoll {i}",
                year=2000 + i % 5,
                held_on=datetime.date(2000 + i % 5, 1 + i % 12, 1),
                meeting=world.meeting if i % 2 else None,
                body="Gemeinsames Suchwort.",
            )
            ActionItem.objects.create(minutes=minutes, what=f"Aufgabe {i}", organisation=world.organisation)

    return add


@pytest.mark.parametrize("role", ["anonymous", "member", "coordinator"])
def test_archive_and_search_make_a_fixed_number_of_queries(world, client, assert_fixed_query_count, role):
    if world.users[role]:
        client.force_login(world.users[role])
    assert_fixed_query_count(reverse("meetings:minutes"), _add_minutes(world))
    assert_fixed_query_count(reverse("meetings:minutes") + "?q=Suchwort", _add_minutes(world))
    assert_fixed_query_count(reverse("meetings:minutes-year", args=[2001]), _add_minutes(world))


def test_manage_list_makes_a_fixed_number_of_queries(world, client, assert_fixed_query_count):
    client.force_login(world.users["coordinator"])
    assert_fixed_query_count(reverse("meetings:manage-minutes"), _add_minutes(world))
    assert_fixed_query_count(
        reverse("meetings:manage-minutes") + "?status=sent&year=2001", _add_minutes(world)
    )


def test_manage_list_filters_and_shows_status(world, started, written):
    client = world.client("coordinator")
    response = client.get(reverse("meetings:manage-minutes"), {"status": "draft"})
    assert list(response.context["page"].object_list) == [started]
    response = client.get(reverse("meetings:manage-minutes"), {"status": "nonsense", "year": "abc"})
    assert set(response.context["page"].object_list) == {started, written}
    response = client.get(reverse("meetings:manage-minutes"), {"year": "1999"})
    assert list(response.context["page"].object_list) == []
    html = client.get(reverse("meetings:manage-minutes")).content.decode()
    assert reverse("meetings:manage-minutes-edit", args=[started.pk]) in html
    assert world.client("member").get(reverse("meetings:manage-minutes")).status_code == 403


def test_manage_list_offers_to_start_minutes_of_meetings_without(world):
    html = world.client("coordinator").get(reverse("meetings:manage-minutes")).content.decode()
    assert reverse("meetings:manage-minutes-start", args=[world.meeting.pk]) in html
    assert reverse("meetings:manage-minutes-start", args=[world.next_plenary.pk]) not in html  # too far ahead


def test_the_meetings_page_offers_to_start_the_minutes_among_its_links(world):
    """The start is a POST button in a form; in a paragraph, the browser would close the
    paragraph before the form and show the button on a line of its own, in smaller type."""
    html = world.client("coordinator").get(reverse("meetings:manage-meeting", args=[world.meeting.pk]))
    html = html.content.decode()
    start = html.index('<ul class="meeting-actions">')
    links = html[start : html.index("</ul>", start)]
    assert f'action="{reverse("meetings:manage-minutes-start", args=[world.meeting.pk])}"' in links
    assert reverse("meetings:manage-attendance", args=[world.meeting.pk]) in links
    assert not forms_in_paragraphs(html)


def forms_in_paragraphs(html: str) -> list[str]:
    """The actions of the forms that stand in a <p> as written (which HTML does not allow)."""
    from html.parser import HTMLParser

    class Parser(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.open: list[str] = []
            self.found: list[str] = []

        def handle_starttag(self, tag, attrs) -> None:
            if tag == "form" and "p" in self.open:
                self.found.append(dict(attrs).get("action", ""))
            if tag in ("p", "form"):
                self.open.append(tag)

        def handle_endtag(self, tag) -> None:
            if tag in ("p", "form") and tag in self.open:
                del self.open[len(self.open) - 1 - self.open[::-1].index(tag)]

    parser = Parser()
    parser.feed(html)
    return parser.found
