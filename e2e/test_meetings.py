"""The meeting cycle in a real browser: a coordinator plans and invites, an
invitee answers by the link in the e-mail on a phone, a member proposes a topic
that lands on the agenda, and minutes are previewed, approved and found."""

import datetime
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page

from meetings import invitations
from meetings.models import AgendaItem, Invitation, Meeting, Minutes, TopicProposal
from members.models import Affiliation, Organisation, Person, User

from .portal import Portal, log_in, path_of, t

PASSWORD = "e2e-Mitglied-4821"


def deliver_mail() -> None:
    call_command("db_worker", batch=True, interval=0, startup_delay=False, reload=False, verbosity=0)


@pytest.fixture
def member(portal: Portal) -> User:
    """An (obviously made-up) contact person of a member organisation of the demo, with an account."""
    organisation = Organisation.objects.members().first()
    user = User.objects.create_user(email="e2e-mitglied@example.org", password=PASSWORD, name="Test Mitglied")
    person = Person.objects.create(name="Test Mitglied", email=user.email, user=user)
    Affiliation.objects.create(person=person, organisation=organisation)
    return user


def wait_for(page: Page, url: str) -> None:
    """Waits until the page is at `url`, whatever fragment it has (#agenda, say)."""
    page.wait_for_url(re.compile(re.escape(url) + r"(#.*)?$"))


def future_meeting(topic: str, days: int = 14) -> Meeting:
    starts = timezone.now().replace(second=0, microsecond=0) + datetime.timedelta(days=days)
    return Meeting.objects.create(
        topic=topic, topic_de=topic, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2)
    )


def test_coordinator_plans_a_meeting_and_sends_the_invitation(
    portal: Portal, open_page: Callable[..., Page], coordinator: User, member: User, screenshots: Path
) -> None:
    day = timezone.localdate() + datetime.timedelta(days=21)
    page = open_page("desktop")
    log_in(
        page,
        portal,
        coordinator.email,
        coordinator.e2e_password,
        then=path_of("meetings:manage-meetings"),
    )

    page.goto(portal.url("meetings:manage-meeting-new"))
    page.locator("[name=topic_de]").fill("Plenum im Browser (Test)")
    page.get_by_label(t("Date"), exact=True).fill(day.isoformat())
    page.get_by_label(t("Starts at")).fill("14:00")
    page.get_by_label(t("Ends at")).fill("16:00")
    page.get_by_label(t("Or a new place: building")).fill("Testhaus")
    page.get_by_role("button", name=t("Add the meeting")).click()
    meeting = Meeting.objects.get(topic_de="Plenum im Browser (Test)")
    wait_for(page, portal.url("meetings:manage-meeting", meeting.pk))

    page.goto(portal.url("meetings:manage-agenda-item-new", meeting.pk))
    page.locator("[name=title]").fill("Bericht aus den Arbeitskreisen (Test)")
    page.get_by_role("button", name=t("Add to the agenda")).click()
    wait_for(page, portal.url("meetings:manage-meeting", meeting.pk))
    assert AgendaItem.objects.filter(meeting=meeting, title="Bericht aus den Arbeitskreisen (Test)").exists()

    page.goto(portal.url("meetings:manage-invitations", meeting.pk))
    page.get_by_role("button", name=t("Send the invitation")).click()
    page.wait_for_url(portal.url("meetings:manage-invitations", meeting.pk))
    row = page.get_by_role("row").filter(has_text="Test Mitglied")
    assert t("Queued") in row.inner_text()

    deliver_mail()
    page.reload()
    assert t("Sent") in page.get_by_role("row").filter(has_text="Test Mitglied").inner_text()
    assert [m.to for m in mail.outbox] == [[member.email]]
    page.screenshot(path=screenshots / "meeting-invitations.png", full_page=True)


@pytest.mark.parametrize("language", ["de", "ar"])
def test_invitee_answers_with_the_link_from_the_mail_on_a_phone(
    portal: Portal, open_page: Callable[..., Page], member: User, language: str, settings, screenshots: Path
) -> None:
    settings.SITE_URL = portal.base_url
    person = member.person
    person.language = language
    person.save()
    meeting = future_meeting("Plenum zum Antworten (Test)")
    invitations.send_invitations(meeting, Person.objects.filter(pk=person.pk), sent_by=None)
    deliver_mail()
    link = re.search(rf"{re.escape(portal.base_url)}/{language}/meetings/reply/\S+?/", mail.outbox[0].body)[0]

    page = open_page("phone")
    page.goto(link)
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    page.get_by_role("button", name=t("Yes, I will come", language)).click()

    page.wait_for_url(link)
    assert Invitation.objects.get(meeting=meeting, person=person).response == Invitation.Response.YES
    page.screenshot(path=screenshots / f"meeting-reply-{language}.png", full_page=True)


def test_member_proposes_a_topic_that_the_coordinator_puts_on_the_agenda(
    portal: Portal, open_page: Callable[..., Page], coordinator: User, member: User
) -> None:
    meeting = future_meeting("Plenum mit Themenvorschlag (Test)")
    proposing = open_page("phone")
    log_in(
        proposing,
        portal,
        member.email,
        PASSWORD,
        then=path_of("meetings:proposal-new"),
    )
    proposing.locator("[name=title]").fill("Sprachkurse mit Kinderbetreuung (Testthema)")
    proposing.locator("[name=reason]").fill("Eltern fragen oft danach.")
    proposing.locator("[name=meeting]").select_option(str(meeting.pk))
    proposing.get_by_role("button", name=t("Send the proposal")).click()
    proposal = TopicProposal.objects.get(title="Sprachkurse mit Kinderbetreuung (Testthema)")
    proposing.wait_for_url(portal(proposal.get_absolute_url()))

    deciding = open_page("desktop")
    log_in(deciding, portal, coordinator.email, coordinator.e2e_password, then=proposal.get_absolute_url())
    deciding.get_by_role("button", name=t("Put it on the agenda")).click()
    deciding.wait_for_load_state()

    visitor = open_page("phone")
    visitor.goto(portal(meeting.get_absolute_url()))
    assert "Sprachkurse mit Kinderbetreuung (Testthema)" in visitor.get_by_role("main").inner_text()
    proposal.refresh_from_db()
    assert proposal.status == TopicProposal.Status.ACCEPTED


def test_minutes_are_previewed_approved_and_found_by_visitors(
    portal: Portal, open_page: Callable[..., Page], coordinator: User, screenshots: Path
) -> None:
    meeting = future_meeting("Plenum mit Protokoll (Test)", days=-7)
    AgendaItem.objects.create(meeting=meeting, position=1, title="Wohnungsmarkt (Test)")
    page = open_page("desktop")
    log_in(
        page,
        portal,
        coordinator.email,
        coordinator.e2e_password,
        then=path_of("meetings:manage-meeting", meeting.pk),
    )
    page.goto(portal.url("meetings:manage-minutes"))
    minutes_start = portal.url("meetings:manage-minutes-start", meeting.pk)
    # Started from the meeting's page in the members' area (a POST button).
    page.goto(portal.url("meetings:manage-meeting", meeting.pk))
    page.locator(f"form[action$='{minutes_start[len(portal.base_url) :]}'] [type=submit]").click()
    minutes = Minutes.objects.get(meeting=meeting)
    page.wait_for_url(portal.url("meetings:manage-minutes-edit", minutes.pk))

    page.locator("[name$='-0-discussion']").fill("Die Mieten steigen **deutlich** (Testprotokoll).")
    page.locator("[name=visibility]").select_option("public")
    page.get_by_role("button", name=t("Preview")).click()
    assert page.locator("main strong", has_text="deutlich").count() >= 1  # the Markdown, rendered
    assert Minutes.objects.get(pk=minutes.pk).items.get().discussion == ""  # a preview saves nothing
    page.get_by_role("button", name=t("Save")).first.click()
    page.wait_for_url(portal.url("meetings:manage-minutes-edit", minutes.pk))

    page.goto(portal.url("meetings:manage-minutes-approve", minutes.pk))
    page.get_by_role("button", name=t("Approve and lock")).click()
    page.wait_for_load_state()
    assert Minutes.objects.get(pk=minutes.pk).is_locked

    visitor = open_page("phone")
    visitor.goto(portal.url("meetings:minutes"))
    visitor.locator("[name=q]").fill("Mieten")
    visitor.get_by_role("button", name=t("Search")).click()
    visitor.get_by_role("link", name=minutes.title).click()
    assert "Die Mieten steigen" in visitor.get_by_role("main").inner_text()
    visitor.screenshot(path=screenshots / "minutes.png", full_page=True)
