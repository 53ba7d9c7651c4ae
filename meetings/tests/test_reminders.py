"""Reminders before a meeting (meetings/reminders.py), as the hourly job sends them."""

import datetime

import pytest
from django.core import mail as django_mail
from django.core.management import call_command
from django.utils import timezone

from meetings.invitations import reply_token
from meetings.models import Invitation, Meeting
from meetings.reminders import send_due_reminders
from meetings.tests.test_invitations import World, make_meeting, make_world
from outbox.models import Mail


@pytest.fixture
def world(db, settings) -> World:
    settings.MEETING_REMINDER_DAYS = 2
    settings.REPLY_REMINDER_DAYS = 7
    return make_world()


def invite(meeting: Meeting, world: World, answers: dict[str, str], invited_days_ago: int = 14) -> None:
    """Invitations as if sent `invited_days_ago` days ago, with the given answers."""
    for key, answer in answers.items():
        person = world.people[key]
        invitation = Invitation.objects.create(
            meeting=meeting,
            person=person,
            email=person.email,
            language=person.language,
            response=answer,
            responded_at=timezone.now() if answer else None,
        )
        Invitation.objects.filter(pk=invitation.pk).update(
            invited_at=timezone.now() - datetime.timedelta(days=invited_days_ago)
        )


def sent(purpose: str) -> list[str]:
    return sorted(Mail.objects.filter(purpose=purpose).values_list("to", flat=True))


def test_a_reminder_before_the_meeting_to_all_but_those_who_said_no(world):
    soon = make_meeting(1, topic="Bald")  # tomorrow at 14:00: within two days at any time of day
    invite(soon, world, {"anna": "yes", "ben": "maybe", "carla": "no", "ida": ""})
    assert send_due_reminders() == 3
    assert sent("meeting-reminder") == ["anna@example.org", "ben@example.org", "ida@example.org"]
    assert (
        sent("meeting-reply-reminder") == []
    )  # invited before the reply reminder was due? yes, but see below
    anna = Invitation.objects.get(meeting=soon, person=world.people["anna"])
    assert anna.reminder_sent_at is not None
    mail = anna.mails.get()
    assert mail.purpose == "meeting-reminder"
    assert "Bald" in mail.body_text and "14:00" in mail.body_text
    assert reply_token(anna) in mail.body_text  # to change the answer
    assert mail.attachments == []
    assert Invitation.objects.get(meeting=soon, person=world.people["carla"]).reminder_sent_at is None


def test_reminders_are_sent_once(world):
    soon = make_meeting(1, topic="Bald")
    later = make_meeting(5, topic="Später")
    invite(soon, world, {"anna": "yes", "ben": ""})
    invite(later, world, {"anna": "", "ben": "no"})
    first = send_due_reminders()
    assert first == 3  # two meeting reminders for `soon`, one reply reminder for `later`
    assert send_due_reminders() == 0
    assert Mail.objects.count() == 3
    call_command("db_worker", batch=True, interval=0, startup_delay=False, verbosity=0)
    assert send_due_reminders() == 0
    assert len(django_mail.outbox) == 3


def test_a_reply_reminder_to_those_who_have_not_answered(world):
    later = make_meeting(5, topic="Später")
    invite(later, world, {"anna": "", "ben": "yes", "carla": "", "ida": "no"})
    assert send_due_reminders() == 2
    assert sent("meeting-reply-reminder") == ["anna@example.org", "carla@example.org"]
    assert sent("meeting-reminder") == []  # the meeting is more than two days away
    carla = Mail.objects.get(to="carla@example.org")
    assert "/ar/meetings/reply/" in carla.body_text  # in her language
    assert 'dir="rtl"' in carla.body_html
    anna = Invitation.objects.get(meeting=later, person=world.people["anna"])
    for answer in ("yes", "maybe", "no"):
        assert f"{reply_token(anna)}/?answer={answer}" in anna.mails.get().body_text


def test_no_reply_reminder_for_a_fresh_invitation(world):
    """Invited after the reminder was due (five days before a meeting, the reminder comes
    seven days before): the invitation itself asks for the answer."""
    later = make_meeting(6, topic="Später")
    invite(later, world, {"anna": ""}, invited_days_ago=0)
    assert send_due_reminders() == 0


def test_reply_reminder_then_meeting_reminder(world):
    meeting = make_meeting(5, topic="Später")
    invite(meeting, world, {"anna": ""})
    assert send_due_reminders() == 1
    # Three days later the meeting is near.
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=meeting.starts_at - datetime.timedelta(days=4),
        ends_at=meeting.ends_at - datetime.timedelta(days=4),
    )
    assert send_due_reminders() == 1
    assert sent("meeting-reply-reminder") == ["anna@example.org"]
    assert sent("meeting-reminder") == ["anna@example.org"]
    assert send_due_reminders() == 0


def test_no_reminders_for_a_cancelled_meeting(world):
    cancelled = make_meeting(1, topic="Abgesagt", is_cancelled=True)
    invite(cancelled, world, {"anna": "yes", "ben": ""})
    assert send_due_reminders() == 0
    assert not Mail.objects.exists()


def test_no_reminders_for_a_meeting_that_has_started_or_is_far_away(world):
    started = make_meeting(0, topic="Läuft")
    Meeting.objects.filter(pk=started.pk).update(
        starts_at=timezone.now() - datetime.timedelta(minutes=30),
        ends_at=timezone.now() + datetime.timedelta(hours=1),
    )
    far = make_meeting(30, topic="Fern")
    invite(started, world, {"anna": "yes", "ben": ""})
    invite(far, world, {"anna": "", "ben": "yes"})
    assert send_due_reminders() == 0


def test_no_reminders_to_anonymised_people(world):
    soon = make_meeting(1, topic="Bald")
    invite(soon, world, {"hans": "yes"})
    assert send_due_reminders() == 0


def test_the_hourly_job_is_registered():
    from outbox.periodic import JOBS

    assert JOBS["meetings.reminders.send_due_reminders"] == datetime.timedelta(hours=1)
