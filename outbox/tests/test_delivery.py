"""The outbox's delivery: back-off, what counts as a permanent failure, the claim that
prevents double sending, interrupted sends, and the periodic jobs."""

import datetime
import email
import smtplib

import pytest
from django.core import mail as django_mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.core.management import call_command
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from outbox import periodic
from outbox.models import Mail
from outbox.services import Attachment, queue
from outbox.tasks import build_message, deliver, is_permanent, mark_interrupted, retry_delay

BACKEND = "outbox.tests.test_delivery.ScriptedBackend"


class ScriptedBackend(LocmemBackend):
    """Raises the scripted errors one after the other, then delivers like locmem."""

    errors: list[Exception] = []

    def send_messages(self, messages):
        if ScriptedBackend.errors:
            raise ScriptedBackend.errors.pop(0)
        return super().send_messages(messages)


@pytest.fixture
def scripted(settings):
    settings.EMAIL_BACKEND = BACKEND
    settings.MAIL_RETRY_BASE_SECONDS = 60
    settings.MAIL_MAX_ATTEMPTS = 3
    ScriptedBackend.errors = []
    yield ScriptedBackend.errors
    ScriptedBackend.errors = []


# The context of the e-mail "invitation" (templates/emails/invitation-*).
CONTEXT = {
    "person": {"name": "Erika Empfang"},
    "inviter": {"name": "Cora Koordination", "email": "koordination@example.org"},
    "url": "https://example.org/konto",
    "days": 3,
}


def make_mail(**extra) -> Mail:
    return Mail.objects.create(to="empfang@example.org", subject="Betreff", body_text="Text", **extra)


def refused(code: int) -> smtplib.SMTPRecipientsRefused:
    return smtplib.SMTPRecipientsRefused({"empfang@example.org": (code, b"nope")})


def deliver_tasks() -> list[DBTaskResult]:
    return list(DBTaskResult.objects.filter(task_path=deliver.module_path).order_by("enqueued_at"))


# Back-off and failures ---------------------------------------------------------------------


def test_retry_delay_doubles_up_to_six_hours(settings):
    settings.MAIL_RETRY_BASE_SECONDS = 60
    assert [retry_delay(n).total_seconds() for n in (0, 1, 2, 3, 4)] == [60, 60, 120, 240, 480]
    assert retry_delay(30) == datetime.timedelta(hours=6)


@pytest.mark.parametrize(
    ("error", "permanent"),
    [
        (refused(550), True),
        (refused(450), False),
        (smtplib.SMTPRecipientsRefused({"a@example.org": (550, b"x"), "b@example.org": (451, b"y")}), False),
        (smtplib.SMTPDataError(554, b"rejected"), True),
        (smtplib.SMTPDataError(451, b"try later"), False),
        (smtplib.SMTPServerDisconnected("gone"), False),
        (ConnectionRefusedError(111, "Connection refused"), False),
        (TimeoutError("timed out"), False),
        # The portal's own setting is wrong: mails wait until it is put right.
        (smtplib.SMTPAuthenticationError(535, b"bad credentials"), False),
        (smtplib.SMTPSenderRefused(550, b"not allowed", "portal@example.org"), False),
    ],
)
def test_is_permanent(error, permanent):
    assert is_permanent(error) is permanent


@pytest.mark.django_db
def test_a_transient_failure_is_retried_later(scripted):
    scripted.append(ConnectionRefusedError(111, "Connection refused"))
    mail = make_mail()
    before = timezone.now()
    assert deliver.call(mail.pk) == "deferred"
    mail.refresh_from_db()
    assert mail.status == Mail.Status.QUEUED
    assert mail.attempts == 1
    assert "Connection refused" in mail.last_error
    assert (
        before + datetime.timedelta(seconds=59)
        < mail.next_attempt_at
        < timezone.now() + datetime.timedelta(seconds=61)
    )
    [task] = deliver_tasks()
    assert task.args_kwargs["args"] == [mail.pk]
    assert task.run_after == mail.next_attempt_at
    assert django_mail.outbox == []


@pytest.mark.django_db
def test_the_worker_waits_for_the_next_attempt(scripted):
    scripted.append(smtplib.SMTPServerDisconnected("gone"))
    mail = queue("invitation", "empfang@example.org", CONTEXT)
    call_command("db_worker", batch=True, interval=0, startup_delay=False, verbosity=0)
    mail.refresh_from_db()
    assert mail.status == Mail.Status.QUEUED and mail.attempts == 1
    assert django_mail.outbox == []  # the retry is not due yet, so the worker stopped
    DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(run_after=timezone.now())
    call_command("db_worker", batch=True, interval=0, startup_delay=False, verbosity=0)
    mail.refresh_from_db()
    assert mail.status == Mail.Status.SENT and mail.attempts == 2 and mail.last_error == ""
    assert mail.next_attempt_at is None and mail.sent_at is not None
    assert len(django_mail.outbox) == 1


@pytest.mark.django_db
def test_a_permanent_failure_is_not_retried(scripted):
    scripted.append(refused(550))
    mail = make_mail()
    assert deliver.call(mail.pk) == "failed"
    mail.refresh_from_db()
    assert mail.status == Mail.Status.FAILED
    assert mail.last_error.startswith("SMTPRecipientsRefused")
    assert mail.next_attempt_at is None
    assert deliver_tasks() == []


@pytest.mark.django_db
def test_after_the_last_attempt_the_mail_has_failed(scripted):
    scripted.extend(smtplib.SMTPServerDisconnected(f"gone {n}") for n in range(3))
    mail = make_mail()
    assert [deliver.call(mail.pk) for _ in range(3)] == ["deferred", "deferred", "failed"]
    mail.refresh_from_db()
    assert mail.status == Mail.Status.FAILED and mail.attempts == 3
    assert "gone 2" in mail.last_error
    assert deliver.call(mail.pk) == "skipped"


@pytest.mark.django_db
def test_an_error_that_is_not_the_servers_fails_the_mail(scripted):
    scripted.append(ValueError("kaputt"))
    mail = make_mail()
    assert deliver.call(mail.pk) == "failed"
    mail.refresh_from_db()
    assert mail.status == Mail.Status.FAILED and "ValueError: kaputt" in mail.last_error


@pytest.mark.django_db
def test_a_sent_mail_is_never_sent_again(scripted):
    mail = make_mail()
    assert deliver.call(mail.pk) == "sent"
    assert deliver.call(mail.pk) == "skipped"
    deliver.enqueue(mail.pk)
    call_command("db_worker", batch=True, interval=0, startup_delay=False, verbosity=0)
    assert len(django_mail.outbox) == 1
    mail.refresh_from_db()
    assert mail.attempts == 1


@pytest.mark.django_db
def test_a_mail_being_sent_is_not_claimed_twice(scripted):
    mail = make_mail(status=Mail.Status.SENDING, attempted_at=timezone.now())
    assert deliver.call(mail.pk) == "skipped"
    assert deliver.call(999999) == "skipped"
    assert django_mail.outbox == []


@pytest.mark.django_db
def test_mark_interrupted():
    stale = make_mail(status=Mail.Status.SENDING, attempted_at=timezone.now() - datetime.timedelta(hours=2))
    recent = make_mail(
        status=Mail.Status.SENDING, attempted_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    queued = make_mail()
    assert mark_interrupted() == 1
    stale.refresh_from_db()
    assert stale.status == Mail.Status.FAILED and "may not have arrived" in stale.last_error
    assert Mail.objects.get(pk=recent.pk).status == Mail.Status.SENDING
    assert Mail.objects.get(pk=queued.pk).status == Mail.Status.QUEUED
    assert mark_interrupted() == 0


# The message ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_calendar_attachment_keeps_its_method():
    mail = make_mail(
        body_html="<p>Text</p>",
        reply_to="netzwerk@example.org",
        attachments=[
            {
                "filename": "invite.ics",
                "content": "BEGIN:VCALENDAR\r\nMETHOD:CANCEL\r\nEND:VCALENDAR\r\n",
                "mimetype": "text/calendar; method=CANCEL; charset=utf-8",
            }
        ],
    )
    message = email.message_from_bytes(build_message(mail).message().as_bytes())
    assert message["Reply-To"] == "netzwerk@example.org"
    kinds = [part.get_content_type() for part in message.walk()]
    assert kinds == ["multipart/mixed", "multipart/alternative", "text/plain", "text/html", "text/calendar"]
    calendar = list(message.walk())[-1]
    assert calendar.get_param("method") == "CANCEL"
    assert calendar["Content-Type"].count("charset") == 1
    assert calendar.get_filename() == "invite.ics"
    # Line ends are the transport's business (SMTP sends CRLF).
    assert calendar.get_payload(decode=True).decode().splitlines() == [
        "BEGIN:VCALENDAR",
        "METHOD:CANCEL",
        "END:VCALENDAR",
    ]


@pytest.mark.django_db
def test_queue_writes_the_mail_and_its_task_together():
    mail = queue(
        "invitation",
        "empfang@example.org",
        CONTEXT,
        language="en",
        attachments=[Attachment("a.ics", "BEGIN:VCALENDAR", "text/calendar")],
        purpose="test",
    )
    assert mail.status == Mail.Status.QUEUED and mail.purpose == "test"
    assert mail.attachments == [
        {"filename": "a.ics", "content": "BEGIN:VCALENDAR", "mimetype": "text/calendar"}
    ]
    assert [task.args_kwargs["args"] for task in deliver_tasks()] == [[mail.pk]]


# Periodic jobs -----------------------------------------------------------------------------

CALLS: list[str] = []


def job_for_the_test() -> None:
    CALLS.append("ran")


@pytest.mark.django_db
def test_schedule_jobs_queues_each_job_once():
    assert periodic.schedule_jobs() == list(periodic.JOBS)
    assert periodic.schedule_jobs() == []
    waiting = DBTaskResult.objects.filter(task_path=periodic.run_job.module_path)
    assert sorted(task.args_kwargs["args"][0] for task in waiting) == sorted(periodic.JOBS)


@pytest.mark.django_db
def test_a_job_runs_and_queues_its_next_run(monkeypatch):
    path = "outbox.tests.test_delivery.job_for_the_test"
    monkeypatch.setattr(periodic, "JOBS", {path: datetime.timedelta(hours=1)})
    CALLS.clear()
    assert periodic.schedule_jobs() == [path]
    call_command("db_worker", batch=True, interval=0, startup_delay=False, verbosity=0)
    assert CALLS == ["ran"]  # once: the next run is an hour away
    [waiting] = DBTaskResult.objects.filter(
        task_path=periodic.run_job.module_path, status=TaskResultStatus.READY
    )
    assert waiting.run_after > timezone.now() + datetime.timedelta(minutes=59)
    assert periodic.schedule_jobs() == []
