"""The reminder to confirm offers (offers/confirmation.py), as the daily job sends it."""

import datetime
import re

import pytest
from django.core import mail as django_mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django.utils.module_loading import import_string

from members.models import Affiliation, AuditEntry, Organisation, Person
from offers.confirmation import REQUEST_ACTION, send_confirmation_requests
from offers.models import Offer
from outbox.models import Mail

LONG_AGO = datetime.date(2023, 3, 1)


def editor(name: str, email: str, organisation: Organisation, language: str = "de", **extra) -> Person:
    person = Person.objects.create(name=name, email=email, language=language)
    Affiliation.objects.create(
        person=person, organisation=organisation, role=Affiliation.Role.EDITOR, **extra
    )
    return person


def make_offer(organisation: Organisation, title: str, **extra) -> Offer:
    extra.setdefault("last_confirmed_on", LONG_AGO)
    return Offer.objects.create(organisation=organisation, title_de=title, **extra)


@pytest.fixture
def world(db, settings):
    settings.OFFER_CONFIRMATION_DAYS = 365
    a = Organisation.objects.create(name="Beispielverein A", slug="beispielverein-a")
    b = Organisation.objects.create(name="Beispielverein B", slug="beispielverein-b")
    unit = Organisation.objects.create(name="Beratungsstelle von A", slug="beratung-a", parent=a)
    people = {
        "anna": editor("Anna Redaktion", "anna@example.org", a),
        "ben": editor("Ben Editor", "ben@example.org", b, language="en"),
        "carla": editor("Carla Redaktion", "carla@example.org", unit, language="ar"),
    }
    # Not asked: a contact person without the editor role, a former editor, an editor
    # without an e-mail address, and an anonymised one.
    contact = Person.objects.create(name="Kurt Kontakt", email="kurt@example.org")
    Affiliation.objects.create(person=contact, organisation=a)
    editor("Frida Früher", "frida@example.org", a, ended_on=datetime.date(2024, 1, 31))
    editor("Olga Ohnemail", "", a)
    Person.objects.filter(pk=editor("Xaver Anonym", "xaver@example.org", a).pk).update(
        anonymised_at=timezone.now()
    )
    return {"a": a, "b": b, "unit": unit, "people": people}


def recipients() -> list[str]:
    return sorted(Mail.objects.filter(purpose="offer-confirmation").values_list("to", flat=True))


def test_the_editors_of_unconfirmed_offers_are_asked(world):
    offer_a = make_offer(world["a"], "Beispielberatung A")
    make_offer(world["b"], "Beispielkurs B", last_confirmed_on=None)  # never confirmed
    offer_unit = make_offer(world["unit"], "Beispieltreff der Einheit")
    assert send_confirmation_requests() == 3
    # Anna edits A and its unit, so she is asked about both, in one e-mail; Carla about the unit's.
    assert recipients() == ["anna@example.org", "ben@example.org", "carla@example.org"]
    anna = Mail.objects.get(to="anna@example.org")
    assert "Beispielberatung A" in anna.body_text and "Beispieltreff der Einheit" in anna.body_text
    assert "Beispielkurs B" not in anna.body_text
    carla = Mail.objects.get(to="carla@example.org")
    assert "Beispieltreff der Einheit" in carla.body_text and "Beispielberatung A" not in carla.body_text
    # Each offer asked about is remembered, with whom.
    entry = AuditEntry.objects.get(action=REQUEST_ACTION, object_id=str(offer_unit.pk))
    assert entry.organisation == world["unit"]
    assert entry.changes["recipients"][1] == ["anna@example.org", "carla@example.org"]
    assert AuditEntry.objects.filter(action=REQUEST_ACTION, object_id=str(offer_a.pk)).count() == 1


def test_each_is_asked_in_their_language(world):
    make_offer(world["a"], "Beispielberatung A")
    make_offer(world["b"], "Beispielkurs B")
    make_offer(world["unit"], "Beispieltreff der Einheit")
    send_confirmation_requests()
    anna = Mail.objects.get(to="anna@example.org")
    ben = Mail.objects.get(to="ben@example.org")
    carla = Mail.objects.get(to="carla@example.org")
    assert "/de/offers/confirm/" in anna.body_text and "Hallo" in anna.body_text
    assert "/en/offers/confirm/" in ben.body_text and "Hello Ben Editor" in ben.body_text
    assert "12 months" in ben.body_text
    assert "/ar/offers/confirm/" in carla.body_text
    assert 'dir="rtl"' in carla.body_html and 'lang="ar"' in carla.body_html


def test_nobody_is_asked_about_confirmed_expired_closed_or_future_offers(world):
    today = timezone.localdate()
    make_offer(world["a"], "Kürzlich bestätigt", last_confirmed_on=today - datetime.timedelta(days=300))
    make_offer(world["a"], "Abgelaufen", valid_until=today - datetime.timedelta(days=1))
    make_offer(world["a"], "Eingestellt", status=Offer.Status.INACTIVE)
    make_offer(world["a"], "Beginnt erst", valid_from=today + datetime.timedelta(days=10))
    left = Organisation.objects.create(
        name="Ausgetreten", slug="ausgetreten", left_on=datetime.date(2024, 6, 30)
    )
    editor("Lena Ausgetreten", "lena@example.org", left)
    make_offer(left, "Angebot eines ausgetretenen Vereins")
    assert send_confirmation_requests() == 0
    assert Mail.objects.count() == 0
    assert not AuditEntry.objects.filter(action=REQUEST_ACTION).exists()


def test_an_offer_just_within_the_period_is_not_due_and_one_day_later_it_is(world):
    today = timezone.localdate()
    offer = make_offer(world["b"], "Grenzfall", last_confirmed_on=today - datetime.timedelta(days=365))
    assert not offer.needs_confirmation
    assert send_confirmation_requests() == 0
    Offer.objects.filter(pk=offer.pk).update(last_confirmed_on=today - datetime.timedelta(days=366))
    assert send_confirmation_requests() == 1


def test_an_offer_without_editors_waits_for_one(world):
    lonely = Organisation.objects.create(name="Verein ohne Redaktion", slug="ohne-redaktion")
    offer = make_offer(lonely, "Angebot ohne Redaktion")
    assert send_confirmation_requests() == 0
    assert not AuditEntry.objects.filter(action=REQUEST_ACTION).exists()
    editor("Neue Redaktion", "neu@example.org", lonely)
    assert send_confirmation_requests() == 1
    assert str(offer.pk) in AuditEntry.objects.filter(action=REQUEST_ACTION).values_list(
        "object_id", flat=True
    )


def test_asked_once_in_thirty_days(world):
    offer = make_offer(world["b"], "Beispielkurs B")
    assert send_confirmation_requests() == 1
    assert send_confirmation_requests() == 0  # the job runs daily: the next day, nothing
    call_command("db_worker", batch=True, interval=0, startup_delay=False, verbosity=0)
    assert len(django_mail.outbox) == 1
    assert send_confirmation_requests() == 0
    # 29 days later still nothing; after 30 days, if still not confirmed, they are asked again.
    entries = AuditEntry.objects.filter(action=REQUEST_ACTION, object_id=str(offer.pk))
    entries.update(at=timezone.now() - datetime.timedelta(days=29))
    assert send_confirmation_requests() == 0
    entries.update(at=timezone.now() - datetime.timedelta(days=30, minutes=1))
    assert send_confirmation_requests() == 1
    assert Mail.objects.filter(to="ben@example.org").count() == 2


def test_a_new_offer_due_later_is_asked_about_though_another_was_asked_recently(world):
    make_offer(world["b"], "Erstes Angebot")
    assert send_confirmation_requests() == 1
    second = make_offer(world["b"], "Zweites Angebot")
    assert send_confirmation_requests() == 1
    latest = Mail.objects.filter(to="ben@example.org").order_by("-pk").first()
    assert "Zweites Angebot" in latest.body_text and "Erstes Angebot" not in latest.body_text
    assert AuditEntry.objects.filter(action=REQUEST_ACTION, object_id=str(second.pk)).exists()


def test_the_link_in_the_mail_confirms_the_offer(world):
    offer = make_offer(world["b"], "Beispielkurs B")
    send_confirmation_requests()
    call_command("db_worker", batch=True, interval=0, startup_delay=False, verbosity=0)
    message = django_mail.outbox[0]
    assert message.to == ["ben@example.org"]
    assert "Beispielkurs B" in message.subject or "offer" in message.subject
    url = re.search(r"https?://[^\s]+/offers/confirm/[^\s]+/", message.body).group(0)
    path = url.split("://", 1)[1].split("/", 1)[1]
    client = Client()
    assert client.get("/" + path).status_code == 200
    offer.refresh_from_db()
    assert offer.last_confirmed_on == LONG_AGO  # opening the link changes nothing
    assert client.post("/" + path).status_code == 302
    offer.refresh_from_db()
    assert offer.last_confirmed_on == timezone.localdate()
    # Confirmed: not asked again, even after thirty days.
    AuditEntry.objects.filter(action=REQUEST_ACTION).update(at=timezone.now() - datetime.timedelta(days=40))
    assert send_confirmation_requests() == 0


def test_the_subject_counts_the_offers(world):
    make_offer(world["b"], "Eins")
    make_offer(world["b"], "Zwei")
    send_confirmation_requests()
    mail = Mail.objects.get(to="ben@example.org")
    assert "2" in mail.subject
    assert "Eins" in mail.body_html and "Zwei" in mail.body_html


def test_the_job_runs_daily():
    from outbox.periodic import JOBS

    path = "offers.confirmation.send_confirmation_requests"
    assert JOBS[path] == datetime.timedelta(days=1)
    assert import_string(path) is send_confirmation_requests
