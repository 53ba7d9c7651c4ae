"""The send path against a real SMTP server on loopback (aiosmtpd): a server that is
down delays the invitations, and when it is back every mail arrives exactly once."""

import datetime
import email
import socket
from collections import Counter
from email.message import Message

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from meetings.tests.test_invitations import World, invite_all, make_world
from outbox.models import Mail
from outbox.tasks import deliver


class Collector:
    """An aiosmtpd handler that keeps every message it accepts."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], bytes]] = []
        self.refuse: dict[str, str] = {}  # address -> SMTP answer to RCPT TO
        self.refuse_once: dict[str, str] = {}

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.refuse_once:
            return self.refuse_once.pop(address)
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.messages.append((list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted for delivery"

    def per_recipient(self) -> Counter:
        return Counter(address for recipients, _content in self.messages for address in recipients)

    def message_to(self, address: str) -> Message:
        [content] = [content for recipients, content in self.messages if address in recipients]
        return email.message_from_bytes(content)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run_worker() -> None:
    call_command("db_worker", batch=True, interval=0, startup_delay=False, verbosity=0)


def make_retries_due() -> None:
    """Lets the deferred deliveries' time come, as if the back-off had passed."""
    past = timezone.now() - datetime.timedelta(seconds=1)
    DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(run_after=past)
    Mail.objects.filter(status=Mail.Status.QUEUED, next_attempt_at__isnull=False).update(next_attempt_at=past)


@pytest.fixture
def smtp(settings):
    """The mail server's address in the settings; the server starts with `.start()`."""
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    settings.MAIL_RETRY_BASE_SECONDS = 60
    settings.MAIL_MAX_ATTEMPTS = 5
    handler = Collector()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    yield handler, controller
    if getattr(controller, "_thread", None) is not None:
        controller.stop()


@pytest.fixture
def world(db) -> World:
    return make_world()


EVERYONE = {
    "anna@example.org",
    "ben@example.org",
    "carla@example.org",
    "ida@example.org",
    "redaktion@example.org",
}


def test_a_server_that_is_down_delays_the_mails_and_each_arrives_once(smtp, world, client):
    handler, controller = smtp
    assert invite_all(world) == 5

    # The server is down: nothing can be sent; every mail waits for its next attempt.
    run_worker()
    mails = list(Mail.objects.all())
    assert len(mails) == 5
    for mail in mails:
        assert mail.status == Mail.Status.QUEUED
        assert mail.attempts == 1
        assert "Connection refused" in mail.last_error or "Errno" in mail.last_error
        assert mail.next_attempt_at > timezone.now()
    waiting = DBTaskResult.objects.filter(task_path=deliver.module_path, status=TaskResultStatus.READY)
    assert waiting.count() == 5

    # The coordinators see it.
    client.force_login(world.coordinator)
    with translation.override("en"):
        url = reverse("meetings:manage-invitations", args=[world.meeting.pk])
    page = client.get(url).content.decode()
    assert page.count("1 failed attempt") == 5 and "next attempt" in page

    # The server is back, but the retries are not due yet: still nothing.
    controller.start()
    run_worker()
    assert handler.messages == []

    # Their time has come: every mail arrives, exactly once.
    make_retries_due()
    run_worker()
    assert handler.per_recipient() == Counter(dict.fromkeys(EVERYONE, 1))
    for mail in Mail.objects.all():
        assert mail.status == Mail.Status.SENT
        assert mail.attempts == 2 and mail.last_error == "" and mail.sent_at is not None

    # Running the worker again, even with the deliveries queued again, sends nothing more.
    run_worker()
    for mail in Mail.objects.all():
        deliver.enqueue(mail.pk)
    make_retries_due()
    run_worker()
    assert handler.per_recipient() == Counter(dict.fromkeys(EVERYONE, 1))
    assert len(handler.messages) == 5

    # What arrived is the invitation with its calendar entry.
    message = handler.message_to("carla@example.org")
    assert message["To"] == "carla@example.org"
    [calendar] = [part for part in message.walk() if part.get_content_type() == "text/calendar"]
    assert calendar.get_param("method") == "REQUEST"
    ics = calendar.get_payload(decode=True)
    assert b"METHOD:REQUEST" in ics and b"mailto:carla@example.org" in ics
    assert {part.get_content_type() for part in message.walk()} >= {"text/plain", "text/html"}


def test_a_refused_recipient_fails_for_good_with_the_reason(smtp, world):
    handler, controller = smtp
    handler.refuse["ben@example.org"] = "550 5.1.1 <ben@example.org>: Recipient address rejected"
    controller.start()
    invite_all(world)
    run_worker()
    ben = Mail.objects.get(to="ben@example.org")
    assert ben.status == Mail.Status.FAILED
    assert "550" in ben.last_error and "Recipient address rejected" in ben.last_error
    assert ben.attempts == 1 and ben.next_attempt_at is None
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists()  # no retry
    assert handler.per_recipient() == Counter(dict.fromkeys(EVERYONE - {"ben@example.org"}, 1))

    make_retries_due()
    run_worker()
    assert Mail.objects.get(pk=ben.pk).status == Mail.Status.FAILED
    assert len(handler.messages) == 4


def test_a_temporary_refusal_is_tried_again(smtp, world):
    handler, controller = smtp
    handler.refuse_once["anna@example.org"] = "451 4.7.1 Greylisted, try again later"
    controller.start()
    invite_all(world)
    run_worker()
    anna = Mail.objects.get(to="anna@example.org")
    assert anna.status == Mail.Status.QUEUED and "451" in anna.last_error
    assert len(handler.messages) == 4
    make_retries_due()
    run_worker()
    anna.refresh_from_db()
    assert anna.status == Mail.Status.SENT and anna.attempts == 2
    assert handler.per_recipient() == Counter(dict.fromkeys(EVERYONE, 1))
