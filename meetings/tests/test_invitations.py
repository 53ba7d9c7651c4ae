"""Invitations: who is invited, the e-mails with their iTIP calendar entries, the reply
link, the coordinators' per-recipient overview, and the personal calendar."""

import datetime
import email
from dataclasses import dataclass

import icalendar
import pytest
from django.core import mail as django_mail
from django.core import signing
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from meetings.calendar import invitation_calendar
from meetings.invitations import (
    InvitationError,
    invitation_for_token,
    invitees,
    notify_change,
    record_reply,
    reply_token,
    send_invitations,
)
from meetings.models import (
    ActionItem,
    AgendaItem,
    CalendarFeed,
    Invitation,
    Meeting,
    Minutes,
    Place,
)
from meetings.tests.test_calendar import assert_berlin_timezone, assert_event, assert_rfc5545_text
from members.models import Affiliation, Organisation, Person, User
from network.models import Network
from outbox.models import Mail

BERLIN = timezone.get_default_timezone()


@dataclass
class World:
    network: Network
    a: Organisation
    b: Organisation
    meeting: Meeting
    earlier: Meeting
    people: dict[str, Person]
    coordinator: User
    member: User  # Anna, contact person of A, with an account
    editor: User  # editor of A


def make_person(name: str, email: str, organisation: Organisation | None, **extra) -> Person:
    person = Person.objects.create(name=name, email=email, **extra)
    if organisation is not None:
        Affiliation.objects.create(person=person, organisation=organisation)
    return person


def make_meeting(days: float, **extra) -> Meeting:
    """A meeting at 14:00 Berlin time, `days` days from today."""
    day = (timezone.localtime() + datetime.timedelta(days=days)).date()
    starts = datetime.datetime.combine(day, datetime.time(14), tzinfo=BERLIN)
    return Meeting.objects.create(starts_at=starts, ends_at=starts + datetime.timedelta(hours=2), **extra)


def make_world() -> World:
    network = Network.objects.create(
        name="Testnetzwerk Beispielstadt", description="Nur für Tests.", email="netzwerk@example.org"
    )
    a = Organisation.objects.create(name="Beispielverein A", slug="beispielverein-a")
    b = Organisation.objects.create(name="Beispielverein B", slug="beispielverein-b")
    left = Organisation.objects.create(
        name="Ausgetretener Beispielverein", slug="ausgetreten", left_on=datetime.date(2023, 12, 31)
    )
    umbrella = Organisation.objects.create(name="Beispieldachverband", slug="dach", is_member=False)
    people = {
        "anna": make_person("Anna Beispiel", "anna@example.org", a, language="de"),
        "ben": make_person("Ben Example", "ben@example.org", a, language="en"),
        "carla": make_person("Carla Beispiel", "carla@example.org", b, language="ar"),
        "ida": make_person("Ida Doppelt", "ida@example.org", a),
        # not to be invited:
        "dora": make_person("Dora Ehemalig", "dora@example.org", None),
        "emil": make_person("Emil Ausgetreten", "emil@example.org", left),
        "fritz": make_person("Fritz Dach", "fritz@example.org", umbrella),
        "gina": make_person("Gina Ohnemail", "", a),
        "hans": make_person("Hans Anonym", "hans@example.org", a, anonymised_at=timezone.now()),
    }
    Affiliation.objects.create(person=people["ida"], organisation=b)  # in both: invited once
    Affiliation.objects.create(person=people["dora"], organisation=a, ended_on=datetime.date(2024, 1, 31))
    place = Place.objects.create(
        name="Beispielhaus", room="Raum 7", address="Beispielweg 1, 99999 Beispielstadt"
    )
    earlier = make_meeting(-40, topic="Frühere Testsitzung", place=place)
    meeting = make_meeting(
        10,
        topic="Testsitzung",
        description="Wir sprechen über **Beispiele**.",
        place=place,
        online_url="https://video.example.org/raum",
    )
    AgendaItem.objects.create(
        meeting=meeting,
        position=1,
        title="Begrüßung und Vorstellungsrunde",
        presenter_person=people["anna"],
        presenter_organisation=a,
        duration_minutes=15,
    )
    AgendaItem.objects.create(
        meeting=meeting, position=2, title="Bericht aus Verein B", presenter_organisation=b
    )
    minutes = Minutes.objects.create(title="Protokoll früher", year=earlier.starts_at.year, meeting=earlier)
    ActionItem.objects.create(minutes=minutes, what="Flyer in drei Sprachen entwerfen", organisation=b)
    ActionItem.objects.create(
        minutes=minutes, what="Längst erledigte Aufgabe", done_on=datetime.date(2024, 5, 1)
    )
    coordinator = User.objects.create_user(
        email="koordination@example.org", password=None, is_coordinator=True
    )
    member = User.objects.create_user(email="anna@example.org", password=None)
    people["anna"].user = member
    people["anna"].save()
    editor = User.objects.create_user(email="redaktion@example.org", password=None)
    Affiliation.objects.create(
        person=Person.objects.create(name="Rita Redaktion", email="redaktion@example.org", user=editor),
        organisation=a,
        role=Affiliation.Role.EDITOR,
    )
    return World(network, a, b, meeting, earlier, people, coordinator, member, editor)


@pytest.fixture
def world(db) -> World:
    return make_world()


def en(name: str, *args) -> str:
    """An address in English: the tests read the page texts as written in the code."""
    with translation.override("en"):
        return reverse(name, args=args)


def ics_of(mail: Mail) -> tuple[bytes, icalendar.Calendar, icalendar.Event]:
    assert len(mail.attachments) == 1
    raw = mail.attachments[0]["content"].encode()
    calendar = icalendar.Calendar.from_ical(raw)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    return raw, calendar, events[0]


def invite_all(world: World) -> int:
    return send_invitations(world.meeting, invitees(), world.coordinator)


# Who is invited --------------------------------------------------------------------------


def test_invitees_are_the_active_contact_people_of_current_members(world):
    names = sorted(person.name for person in invitees())
    # Rita (editor of A) is a contact person too.
    assert names == ["Anna Beispiel", "Ben Example", "Carla Beispiel", "Ida Doppelt", "Rita Redaktion"]


def test_invitees_of_chosen_organisations(world):
    assert sorted(p.name for p in invitees([world.b])) == ["Carla Beispiel", "Ida Doppelt"]
    both = invitees(Organisation.objects.filter(pk__in=[world.a.pk, world.b.pk]))
    assert both.count() == 5  # Ida once


# Sending ---------------------------------------------------------------------------------


def test_send_queues_one_mail_per_person_with_text_html_and_itip(world):
    assert invite_all(world) == 5
    mails = Mail.objects.filter(purpose="meeting-invitation")
    assert sorted(mails.values_list("to", flat=True)) == [
        "anna@example.org",
        "ben@example.org",
        "carla@example.org",
        "ida@example.org",
        "redaktion@example.org",
    ]
    anna = Invitation.objects.get(meeting=world.meeting, person=world.people["anna"])
    assert anna.email == "anna@example.org" and anna.language == "de"
    assert anna.sequence_sent == 0
    mail = anna.mails.get()
    assert mail.status == Mail.Status.QUEUED
    assert mail.reply_to == "netzwerk@example.org"
    for body in (mail.body_text, mail.body_html):
        assert "Testsitzung" in body
        assert "Beispielhaus" in body and "Raum 7" in body and "Beispielweg 1" in body
        assert "https://video.example.org/raum" in body
        assert "Begrüßung und Vorstellungsrunde" in body and "Bericht aus Verein B" in body
        assert "Anna Beispiel (Beispielverein A)" in body  # the presenter
        assert "Flyer in drei Sprachen entwerfen" in body  # an open action item
        assert "Längst erledigte Aufgabe" not in body
        assert "14:00" in body and "16:00" in body
        for answer in ("yes", "maybe", "no"):
            assert f"{reverse('meetings:reply', args=[reply_token(anna)])}?answer={answer}" in body
    assert "<strong>Beispiele</strong>" in mail.body_html  # the description's Markdown
    assert "&amp;" not in mail.body_text and "&lt;" not in mail.body_text
    [attachment] = mail.attachments
    assert attachment["filename"] == "invite.ics"
    assert attachment["mimetype"] == "text/calendar; method=REQUEST; charset=utf-8"


def test_sending_again_sends_again_and_keeps_the_answer(world):
    invite_all(world)
    anna = Invitation.objects.get(person=world.people["anna"])
    record_reply(anna, "yes")
    assert send_invitations(world.meeting, [world.people["anna"]], world.coordinator) == 1
    anna.refresh_from_db()
    assert anna.mails.count() == 2
    assert anna.response == "yes"
    assert Invitation.objects.filter(meeting=world.meeting).count() == 5


def test_people_without_an_address_are_skipped(world):
    assert send_invitations(world.meeting, [world.people["gina"], world.people["hans"]], None) == 0
    assert not Mail.objects.exists()


@pytest.mark.parametrize(
    ("who", "prefix", "kind", "marker"),
    [
        ("anna", "/de/", "Plenarsitzung", 'lang="de" dir="ltr"'),
        ("ben", "/en/", "Plenary meeting", 'lang="en" dir="ltr"'),
        ("carla", "/ar/", "الاجتماع العام", 'lang="ar" dir="rtl"'),
    ],
)
def test_the_invitation_is_in_the_persons_language(world, who, prefix, kind, marker):
    invite_all(world)
    mail = Mail.objects.get(to=world.people[who].email)
    assert kind in mail.subject
    assert marker in mail.body_html
    assert f"{prefix}meetings/reply/" in mail.body_text
    with translation.override(world.people[who].language):
        date = timezone.localtime(world.meeting.starts_at).strftime("%Y")
    assert date in mail.subject
    _raw, _calendar, event = ics_of(mail)
    assert kind in str(event["SUMMARY"])


def test_the_mail_reaches_the_backend_with_the_calendar_entry(world):
    invite_all(world)
    call_command("db_worker", batch=True, interval=0, startup_delay=False)
    assert len(django_mail.outbox) == 5
    assert set(Mail.objects.values_list("status", flat=True)) == {Mail.Status.SENT}
    message = next(m for m in django_mail.outbox if m.to == ["ben@example.org"])
    assert message.alternatives[0].mimetype == "text/html"
    raw = message.message().as_bytes()
    [part] = [p for p in email.message_from_bytes(raw).walk() if p.get_content_type() == "text/calendar"]
    assert part.get_param("method") == "REQUEST"
    assert part.get_content_charset() == "utf-8"
    assert part["Content-Type"].count("charset") == 1
    assert part.get_filename() == "invite.ics"
    assert b"mailto:ben@example.org" in part.get_payload(decode=True)
    assert "/en/meetings/" in message.body and "/de/" not in message.body


def test_no_invitations_for_a_cancelled_or_past_meeting(world):
    world.meeting.is_cancelled = True
    world.meeting.save()
    translation.activate("en")  # the reasons are shown to the coordinator, in their language
    with pytest.raises(InvitationError, match="cancelled"):
        invite_all(world)
    with pytest.raises(InvitationError, match="over"):
        send_invitations(world.earlier, invitees(), world.coordinator)
    assert not Mail.objects.exists() and not Invitation.objects.exists()


# The iTIP calendar entries --------------------------------------------------------------


def test_the_itip_request(world):
    invite_all(world)
    anna = Invitation.objects.get(person=world.people["anna"])
    raw, calendar, event = ics_of(anna.mails.get())
    assert_rfc5545_text(raw)
    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(calendar["VERSION"]) == "2.0"
    assert_berlin_timezone(calendar)
    assert_event(event, world.meeting)
    assert str(event["UID"]) == f"{world.meeting.uid}@netzwerkportal"
    assert int(event["SEQUENCE"]) == 0
    organizer = event["ORGANIZER"]
    assert str(organizer) == "mailto:netzwerk@example.org"
    assert organizer.params["CN"] == "Testnetzwerk Beispielstadt"
    attendee = event["ATTENDEE"]
    assert str(attendee) == "mailto:anna@example.org"
    assert attendee.params["CN"] == "Anna Beispiel"
    assert attendee.params["ROLE"] == "REQ-PARTICIPANT"
    assert attendee.params["PARTSTAT"] == "NEEDS-ACTION"
    assert attendee.params["RSVP"] == "FALSE"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert "Beispielhaus" in str(event["LOCATION"])


def test_organizer_without_a_network_address_is_the_portals_sender(world, settings):
    settings.DEFAULT_FROM_EMAIL = "portal@example.org"
    world.network.email = ""
    world.network.save()
    invite_all(world)
    _raw, _calendar, event = ics_of(Mail.objects.first())
    assert str(event["ORGANIZER"]) == "mailto:portal@example.org"


@pytest.mark.parametrize(
    ("answer", "partstat"),
    [("", "NEEDS-ACTION"), ("yes", "ACCEPTED"), ("maybe", "TENTATIVE"), ("no", "DECLINED")],
)
def test_partstat_follows_the_answer(world, answer, partstat):
    invitation = Invitation.objects.create(
        meeting=world.meeting, person=world.people["ben"], email="ben@example.org", response=answer
    )
    raw = invitation_calendar(world.meeting, invitation, "REQUEST")
    event = icalendar.Calendar.from_ical(raw).walk("VEVENT")[0]
    assert event["ATTENDEE"].params["PARTSTAT"] == partstat


def test_an_update_has_the_same_uid_and_a_higher_sequence(world):
    invite_all(world)
    anna = Invitation.objects.get(person=world.people["anna"])
    _raw, _cal, first = ics_of(anna.mails.get())
    record_reply(anna, "yes")

    world.meeting.starts_at += datetime.timedelta(hours=1)
    world.meeting.ends_at += datetime.timedelta(hours=1)
    world.meeting.sequence += 1
    world.meeting.save()
    assert notify_change(world.meeting) == 5

    update = anna.mails.get(purpose="meeting-update")
    assert "15:00" in update.body_text
    assert "Ihre bisherige Antwort" in update.body_text or "Your answer so far" in update.body_text
    raw, calendar, event = ics_of(update)
    assert_rfc5545_text(raw)
    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(event["UID"]) == str(first["UID"])
    assert int(event["SEQUENCE"]) == 1 > int(first["SEQUENCE"])
    assert event["ATTENDEE"].params["PARTSTAT"] == "ACCEPTED"
    assert event.decoded("DTSTART") == world.meeting.starts_at
    anna.refresh_from_db()
    assert anna.sequence_sent == 1


def test_a_cancellation_takes_the_entry_out_of_the_calendar(world):
    invite_all(world)
    world.meeting.is_cancelled = True
    world.meeting.sequence += 1
    world.meeting.save()
    assert notify_change(world.meeting) == 5
    cancellations = Mail.objects.filter(purpose="meeting-cancelled")
    assert cancellations.count() == 5
    ben = cancellations.get(to="ben@example.org")
    assert "Cancelled" in ben.subject
    assert ben.attachments[0]["mimetype"] == "text/calendar; method=CANCEL; charset=utf-8"
    raw, calendar, event = ics_of(ben)
    assert_rfc5545_text(raw)
    assert str(calendar["METHOD"]) == "CANCEL"
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["UID"]) == f"{world.meeting.uid}@netzwerkportal"
    assert int(event["SEQUENCE"]) == 1
    assert str(event["ATTENDEE"]) == "mailto:ben@example.org"


def test_no_news_about_a_meeting_that_is_over(world):
    Invitation.objects.create(meeting=world.earlier, person=world.people["anna"], email="anna@example.org")
    world.earlier.sequence += 1
    world.earlier.save()
    assert notify_change(world.earlier) == 0
    assert not Mail.objects.exists()


# Reply tokens ----------------------------------------------------------------------------


def test_reply_tokens(world):
    invite_all(world)
    anna = Invitation.objects.get(person=world.people["anna"])
    token = reply_token(anna)
    assert invitation_for_token(token) == anna
    assert invitation_for_token(token[:-2] + "xx") is None
    assert invitation_for_token("nonsense") is None
    assert (
        invitation_for_token(signing.dumps([anna.pk, anna.meeting_id, anna.person_id], salt="other")) is None
    )
    # A signature for a wrong pairing (as if the invitation had been deleted and its id reused).
    forged = signing.dumps([anna.pk, anna.meeting_id, world.people["ben"].pk], salt="meetings.reply")
    assert invitation_for_token(forged) is None
    assert invitation_for_token(signing.dumps("text", salt="meetings.reply")) is None


def test_record_reply_refuses_unknown_answers_and_ended_meetings(world):
    invitation = Invitation.objects.create(
        meeting=world.earlier, person=world.people["anna"], email="a@example.org"
    )
    with pytest.raises(ValueError):
        record_reply(invitation, "perhaps")
    with pytest.raises(InvitationError):
        record_reply(invitation, "yes")
    invitation.refresh_from_db()
    assert invitation.response == ""


# The reply page --------------------------------------------------------------------------


@pytest.fixture
def invitation(world) -> Invitation:
    invite_all(world)
    return Invitation.objects.get(person=world.people["ben"])


def reply_url(invitation: Invitation) -> str:
    return en("meetings:reply", reply_token(invitation))


def test_opening_the_link_changes_nothing(client, invitation):
    for answer in ("yes", "no", "maybe", ""):
        response = client.get(reply_url(invitation) + f"?answer={answer}")
        assert response.status_code == 200
    invitation.refresh_from_db()
    assert invitation.response == "" and invitation.responded_at is None
    response = client.get(reply_url(invitation) + "?answer=no")
    content = response.content.decode()
    assert "Testsitzung" in content and "Beispielhaus" in content
    assert content.count('name="answer"') == 3
    # The suggested answer is the one highlighted; the others are secondary buttons.
    assert content.count('class="button button-secondary"') == 2
    assert "Not answered yet" in content


def test_answering_by_post(client, invitation):
    url = reply_url(invitation)
    response = client.post(url, {"answer": "maybe"})
    assert response.status_code == 302 and response["Location"] == url
    invitation.refresh_from_db()
    assert invitation.response == "maybe" and invitation.responded_at is not None
    page = client.get(url).content.decode()
    assert "Thank you! Your answer is saved: Maybe." in page
    client.post(url, {"answer": "no"})
    invitation.refresh_from_db()
    assert invitation.response == "no"


def test_a_wrong_answer_is_shown_and_changes_nothing(client, invitation):
    response = client.post(reply_url(invitation), {"answer": "vielleicht"})
    assert response.status_code == 200
    assert response.context["form"].errors
    invitation.refresh_from_db()
    assert invitation.response == ""


@pytest.mark.parametrize("token", ["kaputt", "WzEsMiwzXQ:1abc:xyz", "x" * 300])
def test_an_invalid_link_is_a_clear_404(client, world, token):
    response = client.get(en("meetings:reply", token))
    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()
    assert client.post(en("meetings:reply", token), {"answer": "yes"}).status_code == 404


def test_a_forged_link_is_a_404(client, invitation):
    forged = signing.Signer(salt="wrong").sign_object(
        [invitation.pk, invitation.meeting_id, invitation.person_id]
    )
    assert client.post(en("meetings:reply", forged), {"answer": "yes"}).status_code == 404
    invitation.refresh_from_db()
    assert invitation.response == ""


def test_no_answers_once_the_meeting_has_ended(client, invitation):
    meeting = invitation.meeting
    meeting.starts_at = timezone.now() - datetime.timedelta(hours=3)
    meeting.ends_at = timezone.now() - datetime.timedelta(hours=1)
    meeting.save()
    response = client.get(reply_url(invitation))
    assert response.status_code == 200
    content = response.content.decode()
    assert "This meeting has ended." in content
    assert 'name="answer"' not in content
    response = client.post(reply_url(invitation), {"answer": "yes"})
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.response == ""


def test_no_answers_for_a_cancelled_meeting(client, invitation):
    invitation.meeting.is_cancelled = True
    invitation.meeting.save()
    content = client.get(reply_url(invitation)).content.decode()
    assert "This meeting has been cancelled." in content and 'name="answer"' not in content
    client.post(reply_url(invitation), {"answer": "yes"})
    invitation.refresh_from_db()
    assert invitation.response == ""


def test_the_reply_page_takes_no_other_method(client, invitation):
    assert client.put(reply_url(invitation)).status_code == 405


# The coordinators' overview -------------------------------------------------------------


def login(client, user: User):
    client.force_login(user)
    return client


def test_overview_is_for_coordinators_only(client, world):
    url = en("meetings:manage-invitations", world.meeting.pk)
    response = client.get(url)
    assert response.status_code == 302 and "/login/" in response["Location"]
    for user in (world.member, world.editor):
        assert login(client, user).get(url).status_code == 403
    assert login(client, world.coordinator).get(url).status_code == 200
    assert client.post(url).status_code == 405
    assert client.get(en("meetings:manage-invitations", 999999)).status_code == 404


def test_sending_is_for_coordinators_only(client, world):
    url = en("meetings:manage-invitations-send", world.meeting.pk)
    response = client.post(url, {"recipients": "all"})
    assert response.status_code == 302 and "/login/" in response["Location"]
    for user in (world.member, world.editor):
        assert login(client, user).post(url, {"recipients": "all"}).status_code == 403
    assert not Mail.objects.exists()
    login(client, world.coordinator)
    assert client.get(url).status_code == 405


def test_the_send_form_counts_the_people(client, world):
    login(client, world.coordinator)
    content = client.get(en("meetings:manage-invitations", world.meeting.pk)).content.decode()
    assert "All active contact people of the member organisations (5 people)" in content
    assert "Beispielverein B (2 people)" in content
    assert "Ausgetretener Beispielverein" not in content and "Beispieldachverband" not in content


def test_sending_to_all(client, world):
    login(client, world.coordinator)
    url = en("meetings:manage-invitations-send", world.meeting.pk)
    response = client.post(url, {"recipients": "all"}, follow=True)
    assert response.redirect_chain[-1][0] == en("meetings:manage-invitations", world.meeting.pk)
    assert "The invitation is queued for 5 people." in response.content.decode()
    assert Mail.objects.filter(purpose="meeting-invitation").count() == 5


def test_sending_to_chosen_organisations(client, world):
    login(client, world.coordinator)
    url = en("meetings:manage-invitations-send", world.meeting.pk)
    response = client.post(url, {"recipients": "chosen", "organisations": [world.b.pk]})
    assert response.status_code == 302
    assert sorted(Mail.objects.values_list("to", flat=True)) == ["carla@example.org", "ida@example.org"]


def test_choosing_no_organisation_is_an_error(client, world):
    login(client, world.coordinator)
    url = en("meetings:manage-invitations-send", world.meeting.pk)
    response = client.post(url, {"recipients": "chosen"})
    assert response.status_code == 200
    assert "Choose at least one organisation." in response.content.decode()
    response = client.post(url, {"recipients": "chosen", "organisations": ["999999"]})
    assert response.status_code == 200 and response.context["form"].errors
    assert not Mail.objects.exists()


def test_sending_for_a_cancelled_meeting_says_why(client, world):
    world.meeting.is_cancelled = True
    world.meeting.save()
    login(client, world.coordinator)
    url = en("meetings:manage-invitations-send", world.meeting.pk)
    response = client.post(url, {"recipients": "all"}, follow=True)
    assert "no invitations can be sent for it" in response.content.decode()
    assert not Mail.objects.exists()


def test_overview_shows_each_recipients_mail_and_answer(client, world):
    invite_all(world)
    now = timezone.now()
    by_person = {
        key: Invitation.objects.get(person=world.people[key]) for key in ("anna", "ben", "carla", "ida")
    }
    anna_mail = by_person["anna"].mails.get()
    Mail.objects.filter(pk=anna_mail.pk).update(status=Mail.Status.SENT, sent_at=now, attempts=1)
    Mail.objects.filter(pk=by_person["ben"].mails.get().pk).update(
        status=Mail.Status.FAILED, attempts=1, last_error="SMTPRecipientsRefused: 550 Kein solches Postfach"
    )
    Mail.objects.filter(pk=by_person["carla"].mails.get().pk).update(
        attempts=3,
        last_error="ConnectionRefusedError: [Errno 111] Connection refused",
        next_attempt_at=now + datetime.timedelta(minutes=4),
    )
    record_reply(by_person["anna"], "yes")
    record_reply(by_person["ida"], "no")
    Invitation.objects.filter(pk=by_person["anna"].pk).update(reminder_sent_at=now)

    login(client, world.coordinator)
    response = client.get(en("meetings:manage-invitations", world.meeting.pk))
    content = response.content.decode()
    assert response.context["counts"] == {
        "invited": 5,
        "yes": 1,
        "maybe": 0,
        "no": 1,
        "open": 3,
        "failed": 1,
        "waiting": 3,
    }
    rows = {row.person.name: row for row in response.context["invitations"]}
    assert rows["Anna Beispiel"].latest_mail.status == "sent"
    assert "Sent" in content
    assert "SMTPRecipientsRefused: 550 Kein solches Postfach" in content
    assert "Failed" in content
    assert "3 failed attempts" in content and "next attempt" in content
    assert "Connection refused" in content
    assert "Attends" in content and "Does not attend" in content and "Not yet" in content
    assert "Beispielverein A" in content and "Beispielverein B" in content  # organisations
    assert "ben@example.org" in content and ">ar<" in content  # e-mail and language
    assert rows["Anna Beispiel"].reminder_sent_at is not None


def test_overview_shows_the_latest_mail(client, world):
    invite_all(world)
    anna = Invitation.objects.get(person=world.people["anna"])
    Mail.objects.filter(pk=anna.mails.get().pk).update(status=Mail.Status.FAILED, last_error="alt")
    send_invitations(world.meeting, [world.people["anna"]], world.coordinator)
    login(client, world.coordinator)
    response = client.get(en("meetings:manage-invitations", world.meeting.pk))
    row = next(i for i in response.context["invitations"] if i.pk == anna.pk)
    assert row.latest_mail.status == Mail.Status.QUEUED
    assert response.context["counts"]["failed"] == 0


def test_overview_makes_a_fixed_number_of_queries(client, world, assert_fixed_query_count):
    invite_all(world)
    login(client, world.coordinator)
    numbers = iter(range(1000))

    def add_rows(n: int) -> None:
        for _ in range(n):
            number = next(numbers)
            person = make_person(f"Testperson {number}", f"test{number}@example.org", world.a)
            Affiliation.objects.create(person=person, organisation=world.b)
            send_invitations(world.meeting, [person], world.coordinator)
            send_invitations(world.meeting, [person], world.coordinator)

    assert_fixed_query_count(en("meetings:manage-invitations", world.meeting.pk), add_rows)


# The personal calendar -------------------------------------------------------------------


def test_personal_calendar(client, world):
    invite_all(world)
    anna = world.people["anna"]
    record_reply(Invitation.objects.get(person=anna), "maybe")
    Invitation.objects.create(meeting=world.earlier, person=anna, email=anna.email, response="yes")
    make_meeting(20, topic="Nicht eingeladen")
    feed = CalendarFeed.objects.create(person=anna, key="test-schluessel-0123456789-0123456789")

    response = client.get(en("meetings:personal-calendar", feed.key))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    raw = response.content
    assert_rfc5545_text(raw)
    calendar = icalendar.Calendar.from_ical(raw)
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert "My meetings" in str(calendar["X-WR-CALNAME"])
    assert_berlin_timezone(calendar)
    events = calendar.walk("VEVENT")
    assert [str(e["UID"]) for e in events] == [
        f"{world.earlier.uid}@netzwerkportal",
        f"{world.meeting.uid}@netzwerkportal",
    ]
    assert [e["ATTENDEE"].params["PARTSTAT"] for e in events] == ["ACCEPTED", "TENTATIVE"]
    for event, meeting in zip(events, [world.earlier, world.meeting], strict=True):
        assert_event(event, meeting)
        assert str(event["ATTENDEE"]) == "mailto:anna@example.org"


def test_unknown_calendar_key_is_404(client, world):
    assert client.get(en("meetings:personal-calendar", "gibt-es-nicht")).status_code == 404


def test_an_anonymised_persons_calendar_is_gone(client, world):
    person = world.people["hans"]
    CalendarFeed.objects.create(person=person, key="anonym-0123456789-0123456789-0123")
    assert (
        client.get(en("meetings:personal-calendar", "anonym-0123456789-0123456789-0123")).status_code == 404
    )


def test_renewing_the_address_invalidates_the_old_one(client, world):
    url = en("meetings:calendar-feed-renew")
    response = client.post(url)
    assert response.status_code == 302 and "/login/" in response["Location"]
    login(client, world.member)
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 302
    first = CalendarFeed.objects.get(person=world.people["anna"]).key
    assert len(first) >= 40
    assert client.get(en("meetings:personal-calendar", first)).status_code == 200
    client.post(url)
    second = CalendarFeed.objects.get(person=world.people["anna"]).key
    assert second != first
    assert client.get(en("meetings:personal-calendar", first)).status_code == 404
    assert client.get(en("meetings:personal-calendar", second)).status_code == 200


def test_account_without_a_person_has_no_calendar(client, world):
    login(client, world.coordinator)
    response = client.post(en("meetings:calendar-feed-renew"))
    assert response.status_code == 302
    assert not CalendarFeed.objects.exists()


def test_the_public_feed_shows_no_attendees(client, world):
    invite_all(world)
    record_reply(Invitation.objects.get(person=world.people["anna"]), "yes")
    raw = client.get(en("meetings:calendar")).content
    assert_rfc5545_text(raw)
    calendar = icalendar.Calendar.from_ical(raw)
    assert_berlin_timezone(calendar)
    assert len(calendar.walk("VEVENT")) == 2
    assert b"ATTENDEE" not in raw and b"anna@example.org" not in raw
    raw = client.get(en("meetings:ics", world.meeting.pk)).content
    assert_rfc5545_text(raw)
    assert b"ATTENDEE" not in raw


# The account page ------------------------------------------------------------------------


def test_account_page_shows_calendar_invitations_and_language(client, world):
    invite_all(world)
    anna = world.people["anna"]
    invitation = Invitation.objects.get(person=anna)
    record_reply(invitation, "yes")
    CalendarFeed.objects.create(person=anna, key="konto-0123456789-0123456789-01234")
    login(client, world.member)
    content = client.get(en("members:account")).content.decode()
    assert "konto-0123456789-0123456789-01234.ics" in content
    assert "webcal://" in content and "readonly" in content
    assert reverse("meetings:calendar-feed-renew") in content or en("meetings:calendar-feed-renew") in content
    assert "your answer: Attends" in content
    assert reverse("meetings:reply", args=[reply_token(invitation)]).split("/", 2)[2] in content
    assert 'name="language"' in content


def test_choosing_the_language(client, world):
    url = en("members:language")
    assert client.post(url, {"language": "en"}).status_code == 302
    assert Person.objects.get(pk=world.people["anna"].pk).language == "de"  # not logged in
    login(client, world.member)
    assert client.get(url).status_code == 405
    response = client.post(url, {"language": "ar"})
    assert response.status_code == 302
    assert Person.objects.get(pk=world.people["anna"].pk).language == "ar"
    response = client.post(url, {"language": "xx"})
    assert response.status_code == 200
    assert response.context["language_form"].errors
    assert Person.objects.get(pk=world.people["anna"].pk).language == "ar"
    # The next invitation comes in Arabic.
    send_invitations(world.meeting, [Person.objects.get(pk=world.people["anna"].pk)], world.coordinator)
    assert "/ar/meetings/reply/" in Mail.objects.get(to="anna@example.org").body_text
