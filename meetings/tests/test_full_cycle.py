"""The whole cycle of a plenary meeting, through the pages as coordinators and
members use them: the forms are read from the rendered pages and sent as a
browser sends them.

Meeting created → topic proposed and put on the agenda → invitations sent and
delivered → answered by the link in the e-mail → attendance recorded → minutes
written from the agenda, sent for corrections, approved, and found by the public.
"""

import datetime
import re

import icalendar
import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from meetings.models import AgendaItem, Attendance, Invitation, Meeting, Minutes, TopicProposal
from members.models import User
from outbox.models import Mail
from tests.security.html_forms import Form, post_forms


def form_on(client: Client, page: str, action: str | None = None) -> Form:
    """The POST form of the page that posts to `action` (default: the page itself)."""
    response = client.get(page)
    assert response.status_code == 200, page
    forms = [f for f in post_forms(response.content.decode(), page) if f.action == (action or page)]
    assert forms, f"no form posting to {action or page} on {page}"
    return forms[0]


def submit(client: Client, page: str, action: str | None = None, **changes: str | list[str]):
    """Fills in the form as a person would (changing only the named fields) and sends it."""
    form = form_on(client, page, action)
    data = form.data()
    for name, value in changes.items():
        assert name in form.names, f"{name} is not a field of the form on {page}: {sorted(form.names)}"
        data[name] = value if isinstance(value, list) else [value]
    response = client.post(form.action, data)
    assert response.status_code == 302, (page, response.content.decode()[:3000])
    return response


def deliver_mail() -> None:
    call_command("db_worker", batch=True, interval=0, startup_delay=False, reload=False, verbosity=0)


@pytest.fixture
def coordinator(demo) -> Client:
    client = Client()
    client.force_login(
        User.objects.create_user(
            email="koordination@example.org", name="Cora Koordination", is_coordinator=True
        )
    )
    return client


def test_a_plenary_meeting_from_planning_to_published_minutes(
    coordinator, member_client, member_user, client
):
    translation.activate("de")
    person = member_user.person
    person.language = "en"  # invitations come in the recipient's language
    person.save()
    day = timezone.localdate() + datetime.timedelta(days=21)

    # A coordinator plans the meeting, at a new place.
    submit(
        coordinator,
        reverse("meetings:manage-meeting-new"),
        kind="plenary",
        topic_de="Plenum Testzyklus",
        date=day.isoformat(),
        start="10:00",
        end="12:30",
        new_place_name="Testhaus",
        new_place_room="Raum T",
    )
    meeting = Meeting.objects.get(topic_de="Plenum Testzyklus")
    assert (meeting.place.name, timezone.localtime(meeting.starts_at).hour) == ("Testhaus", 10)

    # A member proposes a topic for it; the coordinator puts it on the agenda.
    submit(
        member_client,
        reverse("meetings:proposal-new"),
        title="Wohnraum für Geflüchtete (Testthema)",
        reason="Viele Anfragen in der Beratung.",
        meeting=str(meeting.pk),
    )
    proposal = TopicProposal.objects.get(title="Wohnraum für Geflüchtete (Testthema)")
    submit(coordinator, reverse("meetings:proposal-accept", args=[proposal.pk]), meeting=str(meeting.pk))
    item = AgendaItem.objects.get(meeting=meeting, proposal=proposal)
    assert client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode().count(item.title) >= 1

    # The coordinator invites all contact people; the worker delivers the mails.
    invitations_page = reverse("meetings:manage-invitations", args=[meeting.pk])
    submit(coordinator, invitations_page, reverse("meetings:manage-invitations-send", args=[meeting.pk]))
    invitation = Invitation.objects.get(meeting=meeting, person=person)
    deliver_mail()
    to_member = [m for m in mail.outbox if m.to == [member_user.email]]
    assert len(to_member) == 2  # the proposal's acceptance, and the invitation
    [invitation_mail] = [m for m in to_member if m.attachments]
    assert "Wohnraum für Geflüchtete" in invitation_mail.body  # the agenda
    assert not re.search(r"\bSitzung\b|Einladung", invitation_mail.subject)  # in English
    [ics] = [a for a in invitation_mail.attachments if a.get_filename().endswith(".ics")]
    calendar = icalendar.Calendar.from_ical(ics.get_payload(decode=True))
    assert str(calendar["METHOD"]) == "REQUEST"
    assert Mail.objects.filter(to=member_user.email, status=Mail.Status.SENT).exists()

    # The member answers with the personal link from the mail, without logging in.
    reply_path = re.search(r"https?://[^/\s]+(/[a-z]{2}/meetings/reply/[^/\s?]+/)", invitation_mail.body)[1]
    anonymous = Client()
    assert anonymous.get(reply_path + "?answer=yes").status_code == 200
    assert Invitation.objects.get(pk=invitation.pk).response == ""  # opening the link changes nothing
    submit(anonymous, reply_path, answer="yes")
    assert Invitation.objects.get(pk=invitation.pk).response == Invitation.Response.YES

    # The meeting takes place.
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=3),
        ends_at=timezone.now() - datetime.timedelta(hours=1),
    )

    # The coordinator records attendance: the answers are proposed, and saved as they are.
    submit(coordinator, reverse("meetings:manage-attendance", args=[meeting.pk]))
    assert Attendance.objects.get(meeting=meeting, person=person).status == Attendance.Status.PRESENT

    # Minutes are started from the agenda, written, and made public.
    response = coordinator.post(reverse("meetings:manage-minutes-start", args=[meeting.pk]))
    minutes = Minutes.objects.get(meeting=meeting)
    edit_page = reverse("meetings:manage-minutes-edit", args=[minutes.pk])
    assert response["Location"] == edit_page
    form = form_on(coordinator, edit_page)
    [discussion] = [name for name in form.names if name.endswith("-0-discussion")]  # the agenda's item
    submit(
        coordinator,
        edit_page,
        visibility="public",
        **{discussion: "Die Wartelisten für Sozialwohnungen sind lang (Testprotokoll)."},
    )
    assert minutes.revisions.count() >= 2

    # Sent to those present for corrections, then approved: locked from then on.
    mail.outbox.clear()
    response = coordinator.post(reverse("meetings:manage-minutes-send", args=[minutes.pk]))
    assert response.status_code == 302
    deliver_mail()
    assert [m.to for m in mail.outbox] == [[member_user.email]]
    submit(coordinator, reverse("meetings:manage-minutes-approve", args=[minutes.pk]))
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.APPROVED and minutes.is_locked

    # The public finds the minutes in the archive's search, and reads them.
    results = client.get(reverse("meetings:minutes"), {"q": "Sozialwohnungen"}).content.decode()
    assert reverse("meetings:minutes-detail", args=[minutes.pk]) in results
    page = client.get(reverse("meetings:minutes-detail", args=[minutes.pk])).content.decode()
    assert "Die Wartelisten für Sozialwohnungen sind lang" in page
    assert "Wohnraum für Geflüchtete" in page
