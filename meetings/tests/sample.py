"""One of everything the meeting cycle has, for tests that visit every page
(the access test, the security tests) and need an object for each address."""

import datetime
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.utils import timezone

from meetings.models import (
    ActionItem,
    AgendaAttachment,
    AgendaItem,
    Attendance,
    CalendarFeed,
    Invitation,
    Meeting,
    Minutes,
    MinutesItem,
    MinutesRevision,
    Place,
    ProposalSupport,
    TopicProposal,
)
from members.models import Organisation, Person
from outbox.models import Mail
from outbox.tasks import deliver
from tests.security.files import pdf


@dataclass
class MeetingSample:
    place: Place
    meeting: Meeting  # in 30 days, with an agenda, a proposal and an invitation
    past_meeting: Meeting  # 60 days ago, with attendance and draft minutes
    agenda_item: AgendaItem
    attachment: AgendaAttachment
    proposal: TopicProposal
    invitation: Invitation
    attendance: Attendance
    minutes: Minutes
    minutes_item: MinutesItem
    action_item: ActionItem
    revision: MinutesRevision
    calendar_feed: CalendarFeed
    mail: Mail


def make_sample(person: Person, organisation: Organisation) -> MeetingSample:
    """`person` is an active contact person of `organisation`: invited, attending, proposing."""
    now = timezone.now().replace(microsecond=0)
    place = Place.objects.create(name="Beispielhaus", room="Raum 1", address="Beispielweg 1, 37073 Göttingen")
    meeting = Meeting.objects.create(
        topic="Beispielsitzung",
        starts_at=now + datetime.timedelta(days=30),
        ends_at=now + datetime.timedelta(days=30, hours=2),
        place=place,
    )
    past = Meeting.objects.create(
        topic="Vergangene Beispielsitzung",
        starts_at=now - datetime.timedelta(days=60),
        ends_at=now - datetime.timedelta(days=60) + datetime.timedelta(hours=2),
        place=place,
    )
    proposal = TopicProposal.objects.create(
        title="Beispielthema",
        reason="Weil es ein Beispiel ist.",
        meeting=meeting,
        proposer=person,
        organisation=organisation,
    )
    ProposalSupport.objects.create(proposal=proposal, person=person)
    agenda_item = AgendaItem.objects.create(
        meeting=meeting,
        position=1,
        title="Begrüßung",
        presenter_organisation=organisation,
        duration_minutes=10,
    )
    attachment = AgendaAttachment(item=agenda_item, title="Beispielanlage")
    attachment.file.save("anlage.pdf", ContentFile(pdf()), save=True)
    mail = Mail.objects.create(
        to=person.email or "kontakt@example.org", subject="Einladung", body_text="Text"
    )
    invitation = Invitation.objects.create(meeting=meeting, person=person, email=mail.to, language="de")
    invitation.mails.add(mail)
    deliver.enqueue(mail.pk)  # a row in the task queue, as a queued mail has
    attendance = Attendance.objects.create(
        meeting=past, organisation=organisation, person=person, status=Attendance.Status.PRESENT
    )
    minutes = Minutes.objects.create(
        title="Protokoll der vergangenen Beispielsitzung",
        year=timezone.localtime(past.starts_at).year,
        held_on=timezone.localtime(past.starts_at).date(),
        meeting=past,
        body="Beispieltext.",
    )
    minutes_item = MinutesItem.objects.create(
        minutes=minutes, position=1, title="Begrüßung", discussion="Kurz."
    )
    action_item = ActionItem.objects.create(
        minutes=minutes,
        item=minutes_item,
        what="Beispielaufgabe erledigen",
        organisation=organisation,
        due_on=(now + datetime.timedelta(days=20)).date(),
    )
    revision = MinutesRevision.objects.create(
        minutes=minutes, number=1, status=minutes.status, title=minutes.title, text="Beispieltext."
    )
    feed = CalendarFeed.objects.create(person=person, key="beispiel-kalender-schluessel-0123456789")
    return MeetingSample(
        place=place,
        meeting=meeting,
        past_meeting=past,
        agenda_item=agenda_item,
        attachment=attachment,
        proposal=proposal,
        invitation=invitation,
        attendance=attendance,
        minutes=minutes,
        minutes_item=minutes_item,
        action_item=action_item,
        revision=revision,
        calendar_feed=feed,
        mail=mail,
    )
