"""Topic proposals: the public page, proposing, supporting, withdrawing, and the coordinators'
decisions (onto an agenda, or declined with a reason), with the e-mails they queue."""

import datetime

import pytest
from django.core import mail as django_mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from meetings.models import AgendaItem, Meeting, ProposalSupport, TopicProposal
from members.models import Affiliation, AuditEntry, Organisation, Person, User
from network.models import Network
from outbox.models import Mail

LIST = "/de/topics/"


def make_meeting(topic: str, days: int, **values) -> Meeting:
    starts = timezone.now() + datetime.timedelta(days=days)
    return Meeting.objects.create(
        topic=topic, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2), **values
    )


def account(email: str, name: str, organisation: Organisation | None = None, **extra) -> User:
    user = User.objects.create_user(email=email, password=None, name=name, **extra)
    person = Person.objects.create(name=name, email=email, user=user)
    if organisation:
        Affiliation.objects.create(person=person, organisation=organisation)
    return user


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def network(db) -> Network:
    return Network.objects.create(
        name="Testnetzwerk",
        description_de="Ein Netzwerk für Tests.",
        proposals_note_de="Themenvorschläge für die Tagesordnung sind erwünscht.",
        email="testnetzwerk@example.org",
    )


@pytest.fixture
def orgs(db) -> dict[str, Organisation]:
    return {
        "A": Organisation.objects.create(name="Testverein A", slug="testverein-a"),
        "B": Organisation.objects.create(name="Testverein B", slug="testverein-b"),
    }


@pytest.fixture
def users(orgs) -> dict[str, User]:
    outsider = account("ehemalig@example.org", "Olaf Ehemalig")
    Affiliation.objects.create(
        person=outsider.person, organisation=orgs["A"], ended_on=datetime.date(2024, 1, 1)
    )
    coordinator_without_person = User.objects.create_user(
        email="ohne-person@example.org", password=None, is_coordinator=True
    )
    return {
        "member": account("mitglied-a@example.org", "Mara Mitglied", orgs["A"]),
        "other": account("mitglied-b@example.org", "Bodo Mitglied", orgs["B"]),
        "outsider": outsider,
        "coordinator": account("koordination@example.org", "Kora Koordination", is_coordinator=True),
        "bare-coordinator": coordinator_without_person,
    }


@pytest.fixture
def meetings(db) -> dict[str, Meeting]:
    return {
        "next": make_meeting("Nächste Testsitzung", 20),
        "later": make_meeting("Spätere Testsitzung", 80),
        "past": make_meeting("Vergangene Testsitzung", -20),
        "cancelled": make_meeting("Abgesagte Testsitzung", 40, is_cancelled=True),
    }


@pytest.fixture
def proposal(users, orgs, meetings) -> TopicProposal:
    return TopicProposal.objects.create(
        title="Geheimes Testthema",
        reason="Ein Grund, den nur Mitglieder lesen.",
        meeting=meetings["next"],
        proposer=users["member"].person,
        organisation=orgs["A"],
    )


def decided(proposal: TopicProposal, status: str, reason: str = "") -> TopicProposal:
    proposal.status, proposal.decision_reason, proposal.decided_at = status, reason, timezone.now()
    proposal.save()
    return proposal


def deliver_mail() -> None:
    call_command("db_worker", batch=True, interval=0, startup_delay=False)


# The public page ------------------------------------------------------------------------------


def test_the_public_page_explains_how_to_propose_and_shows_no_proposal(
    client, network, users, meetings, proposal
):
    accepted = decided(
        TopicProposal.objects.create(
            title="Angenommenes Geheimthema", reason="Geheimer Grund A", proposer=users["other"].person
        ),
        TopicProposal.Status.ACCEPTED,
    )
    declined = decided(
        TopicProposal.objects.create(title="Abgelehntes Geheimthema", reason="Geheimer Grund B"),
        TopicProposal.Status.DECLINED,
        reason="Geheime Ablehnung",
    )
    for visitor in (client, logged_in(users["outsider"])):
        response = visitor.get(LIST)
        assert response.status_code == 200
        html = response.content.decode()
        assert "Themenvorschläge für die Tagesordnung sind erwünscht." in html
        assert 'href="mailto:testnetzwerk@example.org"' in html
        assert reverse("members:login") in html
        assert meetings["next"].get_absolute_url() in html
        assert meetings["cancelled"].get_absolute_url() not in html
        assert meetings["past"].get_absolute_url() not in html
        for secret in (proposal, accepted, declined):
            assert secret.title not in html
            assert secret.reason not in html
            assert secret.get_absolute_url() not in html
        for secret in ("Geheime Ablehnung", "Mara Mitglied", "Bodo Mitglied", "Testverein A"):
            assert secret not in html
        assert reverse("meetings:proposal-new") not in html
        assert "open_proposals" not in response.context


def test_without_an_address_of_the_network_there_is_no_mailto(client, network, meetings):
    network.email = ""
    network.save()
    html = client.get(LIST).content.decode()
    assert "mailto:" not in html


def test_members_see_open_and_decided_proposals(network, users, orgs, meetings, proposal):
    ProposalSupport.objects.create(proposal=proposal, person=users["other"].person)
    ProposalSupport.objects.create(proposal=proposal, person=users["coordinator"].person)
    accepted = decided(
        TopicProposal.objects.create(title="Angenommenes Thema", reason="Grund", organisation=orgs["B"]),
        TopicProposal.Status.ACCEPTED,
    )
    AgendaItem.objects.create(meeting=meetings["later"], position=1, title=accepted.title, proposal=accepted)
    declined = decided(
        TopicProposal.objects.create(title="Abgelehntes Thema", reason="Grund"),
        TopicProposal.Status.DECLINED,
        reason="Das war schon Thema der letzten Sitzung.",
    )
    response = logged_in(users["other"]).get(LIST)
    assert response.status_code == 200
    [shown] = response.context["open_proposals"]
    assert shown == proposal and shown.support_count == 2 and shown.supported
    assert list(response.context["decided_proposals"]) == [declined, accepted]
    html = response.content.decode()
    assert proposal.title in html and "Testverein A" in html
    assert reverse("meetings:proposal-unsupport", args=[proposal.pk]) in html
    assert reverse("meetings:detail", args=[meetings["later"].pk]) in html
    assert "Das war schon Thema der letzten Sitzung." in html
    assert reverse("meetings:proposal-new") in html


def test_the_proposer_gets_no_button_to_support_their_own(network, users, proposal):
    response = logged_in(users["member"]).get(LIST)
    html = response.content.decode()
    assert proposal.title in html
    assert reverse("meetings:proposal-support", args=[proposal.pk]) not in html
    assert reverse("meetings:proposal-unsupport", args=[proposal.pk]) not in html
    assert not response.context["open_proposals"][0].supported


def test_the_list_has_a_fixed_number_of_queries(
    client, network, users, orgs, meetings, assert_fixed_query_count
):
    client.force_login(users["other"])
    people = [users[name].person for name in ("member", "other", "coordinator")]

    def add_rows(n: int) -> None:
        for i in range(n):
            open_one = TopicProposal.objects.create(
                title=f"Offen {i}",
                reason="Grund",
                proposer=people[0],
                organisation=orgs["A"],
                meeting=meetings["next"],
            )
            for person in people:
                ProposalSupport.objects.create(proposal=open_one, person=person)
            accepted = decided(
                TopicProposal.objects.create(title=f"Angenommen {i}", reason="Grund", organisation=orgs["B"]),
                TopicProposal.Status.ACCEPTED,
            )
            AgendaItem.objects.create(meeting=meetings["later"], title=accepted.title, proposal=accepted)
            decided(
                TopicProposal.objects.create(title=f"Abgelehnt {i}", reason="G"), "declined", reason="Nein"
            )
            make_meeting(f"Sitzung {i}", 100 + i)

    assert_fixed_query_count(LIST, add_rows)


def test_the_list_takes_only_get(client, network):
    assert client.post(LIST).status_code == 405


# Proposing ----------------------------------------------------------------------------------


def test_proposing_needs_a_login_and_membership(client, users):
    url = reverse("meetings:proposal-new")
    response = client.get(url)
    assert response.status_code == 302 and reverse("members:login") in response["Location"]
    assert logged_in(users["outsider"]).get(url).status_code == 403
    assert logged_in(users["outsider"]).post(url, {"title": "X", "reason": "Y"}).status_code == 403
    assert not TopicProposal.objects.exists()


def test_only_upcoming_meetings_that_take_place_are_offered(users, meetings):
    response = logged_in(users["member"]).get(reverse("meetings:proposal-new"))
    assert response.status_code == 200
    offered = list(response.context["form"].fields["meeting"].queryset)
    assert offered == [meetings["next"], meetings["later"]]


def test_a_member_proposes_a_topic_and_the_coordinators_are_told(users, orgs, meetings):
    inactive = account(
        "alt-koordination@example.org", "Alte Koordination", is_coordinator=True, is_active=False
    )
    users["coordinator"].person.language = "en"
    users["coordinator"].person.save()
    response = logged_in(users["member"]).post(
        reverse("meetings:proposal-new"),
        {
            "title": "  Wohnraum für Geflüchtete  ",
            "reason": "Viele suchen lange.",
            "meeting": meetings["later"].pk,
        },
        follow=True,
    )
    proposal = TopicProposal.objects.get()
    assert response.redirect_chain[-1][0] == proposal.get_absolute_url()
    assert proposal.title == "Wohnraum für Geflüchtete"
    assert proposal.proposer == users["member"].person
    assert proposal.organisation == orgs["A"]
    assert proposal.meeting == meetings["later"]
    assert proposal.status == TopicProposal.Status.OPEN
    assert list(response.context["messages"])
    mails = {m.to: m for m in Mail.objects.filter(purpose="proposal-new")}
    assert set(mails) == {"koordination@example.org", "ohne-person@example.org"}
    assert inactive.email not in mails
    english = mails["koordination@example.org"]
    assert "Wohnraum für Geflüchtete" in english.subject
    assert f"/en/topics/{proposal.pk}/" in english.body_text
    assert f"/de/topics/{proposal.pk}/" in mails["ohne-person@example.org"].body_text
    assert "Viele suchen lange." in english.body_text and "Testverein A" in english.body_text
    assert AuditEntry.objects.filter(action="propose", object_id=str(proposal.pk)).exists()


def test_a_proposal_for_no_particular_meeting(users):
    logged_in(users["other"]).post(reverse("meetings:proposal-new"), {"title": "Thema", "reason": "Grund"})
    assert TopicProposal.objects.get().meeting is None


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"title": "", "reason": "Grund"}, "title"),
        ({"title": "   ", "reason": "Grund"}, "title"),
        ({"title": "Thema", "reason": ""}, "reason"),
        ({"title": "Thema", "reason": "Grund", "meeting": "past"}, "meeting"),
        ({"title": "Thema", "reason": "Grund", "meeting": "cancelled"}, "meeting"),
        ({"title": "Thema", "reason": "Grund", "meeting": "keine-zahl"}, "meeting"),
        ({"title": "x" * 301, "reason": "Grund"}, "title"),
    ],
)
def test_a_proposal_is_checked(users, meetings, data, field):
    if data.get("meeting") in meetings:
        data = {**data, "meeting": meetings[data["meeting"]].pk}
    response = logged_in(users["member"]).post(reverse("meetings:proposal-new"), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert 'class="error-summary"' in response.content.decode()
    assert not TopicProposal.objects.exists()
    assert not Mail.objects.exists()


def test_a_coordinator_with_a_person_may_propose(users):
    response = logged_in(users["coordinator"]).post(
        reverse("meetings:proposal-new"), {"title": "Thema der Koordination", "reason": "Grund"}
    )
    proposal = TopicProposal.objects.get()
    assert response.status_code == 302
    assert proposal.proposer == users["coordinator"].person
    assert proposal.organisation is None  # a coordinator need not be anyone's contact person


def test_an_account_without_a_person_cannot_propose(users):
    # A proposal needs a person whom the coordinators can answer; the page says why.
    client = logged_in(users["bare-coordinator"])
    response = client.get(reverse("meetings:proposal-new"))
    assert response.status_code == 403
    assert "meetings/proposals/no_person.html" in [t.name for t in response.templates]
    response = client.post(reverse("meetings:proposal-new"), {"title": "Thema", "reason": "Grund"})
    assert response.status_code == 403
    assert not TopicProposal.objects.exists()


def test_proposing_takes_get_and_post_only(users):
    assert logged_in(users["member"]).put(reverse("meetings:proposal-new")).status_code == 405


# One proposal ----------------------------------------------------------------------------------


def test_a_proposal_is_for_members_only(client, users, proposal):
    url = proposal.get_absolute_url()
    response = client.get(url)
    assert response.status_code == 302 and reverse("members:login") in response["Location"]
    assert logged_in(users["outsider"]).get(url).status_code == 404
    assert (
        logged_in(users["other"]).get(reverse("meetings:proposal", args=[proposal.pk + 100])).status_code
        == 404
    )
    assert logged_in(users["other"]).post(url).status_code == 405


def test_members_see_the_proposal_and_its_supporters(users, proposal):
    ProposalSupport.objects.create(proposal=proposal, person=users["coordinator"].person)
    response = logged_in(users["other"]).get(proposal.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert proposal.title in html and proposal.reason in html
    assert "Mara Mitglied" in html and "Testverein A" in html  # the proposer
    assert "Kora Koordination" in html  # a supporter
    assert reverse("meetings:proposal-support", args=[proposal.pk]) in html
    # Not the proposer's, not a coordinator: no withdrawing, no deciding.
    assert reverse("meetings:proposal-withdraw", args=[proposal.pk]) not in html
    assert response.context["accept_form"] is None
    assert reverse("meetings:proposal-accept", args=[proposal.pk]) not in html


def test_the_proposer_may_withdraw_and_coordinators_may_decide(users, proposal):
    html = logged_in(users["member"]).get(proposal.get_absolute_url()).content.decode()
    assert reverse("meetings:proposal-withdraw", args=[proposal.pk]) in html
    assert reverse("meetings:proposal-support", args=[proposal.pk]) not in html
    response = logged_in(users["coordinator"]).get(proposal.get_absolute_url())
    html = response.content.decode()
    assert reverse("meetings:proposal-accept", args=[proposal.pk]) in html
    assert reverse("meetings:proposal-decline", args=[proposal.pk]) in html
    assert response.context["accept_form"]["meeting"].initial == proposal.meeting_id


def test_a_decided_proposal_offers_no_more_decisions(users, proposal):
    decided(proposal, TopicProposal.Status.DECLINED, reason="Schon besprochen.")
    response = logged_in(users["coordinator"]).get(proposal.get_absolute_url())
    html = response.content.decode()
    assert "Schon besprochen." in html
    assert reverse("meetings:proposal-accept", args=[proposal.pk]) not in html
    assert reverse("meetings:proposal-support", args=[proposal.pk]) not in html


# Support ----------------------------------------------------------------------------------------


def test_supporting_and_taking_it_back(users, proposal):
    other = logged_in(users["other"])
    support = reverse("meetings:proposal-support", args=[proposal.pk])
    unsupport = reverse("meetings:proposal-unsupport", args=[proposal.pk])
    response = other.post(support, {"back": LIST})
    assert response.status_code == 302 and response["Location"] == LIST
    other.post(support)  # twice is harmless
    logged_in(users["coordinator"]).post(support)
    assert proposal.supporters.count() == 2
    assert logged_in(users["member"]).get(LIST).context["open_proposals"][0].support_count == 2
    response = other.post(unsupport, {"back": "https://example.com/"})
    assert response["Location"] == proposal.get_absolute_url()  # only back to this site
    assert list(proposal.supporters.all()) == [users["coordinator"].person]
    other.post(unsupport)  # nothing to take back: harmless
    assert proposal.supporters.count() == 1


def test_the_proposer_does_not_support_their_own(users, proposal):
    response = logged_in(users["member"]).post(reverse("meetings:proposal-support", args=[proposal.pk]))
    assert response.status_code == 302
    assert not proposal.supporters.exists()


def test_support_needs_a_member_and_a_post(client, users, proposal):
    url = reverse("meetings:proposal-support", args=[proposal.pk])
    assert reverse("members:login") in client.post(url)["Location"]
    assert logged_in(users["outsider"]).post(url).status_code == 404
    assert logged_in(users["other"]).get(url).status_code == 405
    assert (
        logged_in(users["other"]).get(reverse("meetings:proposal-unsupport", args=[proposal.pk])).status_code
        == 405
    )
    assert not proposal.supporters.exists()


def test_an_account_without_a_person_cannot_support(users, proposal):
    response = logged_in(users["bare-coordinator"]).post(
        reverse("meetings:proposal-support", args=[proposal.pk])
    )
    assert response.status_code == 302
    assert not proposal.supporters.exists()


def test_a_decided_proposal_takes_no_more_support(users, proposal):
    ProposalSupport.objects.create(proposal=proposal, person=users["coordinator"].person)
    decided(proposal, TopicProposal.Status.DECLINED, reason="Nein")
    logged_in(users["other"]).post(reverse("meetings:proposal-support", args=[proposal.pk]))
    logged_in(users["coordinator"]).post(reverse("meetings:proposal-unsupport", args=[proposal.pk]))
    assert list(proposal.supporters.all()) == [users["coordinator"].person]


# Withdrawing -------------------------------------------------------------------------------


def test_the_proposer_withdraws_an_open_proposal(users, proposal):
    ProposalSupport.objects.create(proposal=proposal, person=users["other"].person)
    url = reverse("meetings:proposal-withdraw", args=[proposal.pk])
    assert logged_in(users["member"]).get(url).status_code == 405
    assert logged_in(users["other"]).post(url).status_code == 403
    assert logged_in(users["coordinator"]).post(url).status_code == 403
    assert logged_in(users["outsider"]).post(url).status_code == 404
    response = logged_in(users["member"]).post(url)
    assert response.status_code == 302 and response["Location"] == LIST
    assert not TopicProposal.objects.exists() and not ProposalSupport.objects.exists()
    assert AuditEntry.objects.filter(action="withdraw").exists()


def test_a_decided_proposal_cannot_be_withdrawn(users, proposal):
    decided(proposal, TopicProposal.Status.DECLINED, reason="Nein")
    response = logged_in(users["member"]).post(reverse("meetings:proposal-withdraw", args=[proposal.pk]))
    assert response.status_code == 302
    assert TopicProposal.objects.filter(pk=proposal.pk).exists()


# Accepting ----------------------------------------------------------------------------------------


def test_only_coordinators_accept(client, users, proposal, meetings):
    url = reverse("meetings:proposal-accept", args=[proposal.pk])
    assert reverse("members:login") in client.get(url)["Location"]
    for name in ("outsider", "member", "other"):
        assert logged_in(users[name]).get(url).status_code == 403
        assert logged_in(users[name]).post(url, {"meeting": meetings["next"].pk}).status_code == 403
    assert logged_in(users["coordinator"]).put(url).status_code == 405
    assert not AgendaItem.objects.exists()
    response = logged_in(users["coordinator"]).get(url)
    assert response.status_code == 200
    assert response.context["form"]["meeting"].initial == meetings["next"].pk


def test_accepting_puts_the_topic_at_the_end_of_the_agenda_and_tells_the_proposer(
    users, orgs, meetings, proposal, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    person = users["member"].person
    person.language = "en"
    person.save()
    meeting = meetings["later"]
    AgendaItem.objects.create(meeting=meeting, position=1, title="Begrüßung")
    AgendaItem.objects.create(meeting=meeting, position=4, title="Verschiedenes")
    AgendaItem.objects.create(meeting=meetings["next"], position=9, title="Anderswo")
    response = logged_in(users["coordinator"]).post(
        reverse("meetings:proposal-accept", args=[proposal.pk]), {"meeting": meeting.pk}
    )
    assert response.status_code == 302 and response["Location"] == proposal.get_absolute_url()
    item = AgendaItem.objects.get(proposal=proposal)
    assert item.meeting == meeting and item.position == 5
    assert item.title == proposal.title and item.notes == proposal.reason
    assert item.presenter_organisation == orgs["A"]
    proposal.refresh_from_db()
    assert proposal.status == TopicProposal.Status.ACCEPTED
    assert proposal.decided_by == users["coordinator"] and proposal.decided_at
    assert proposal.meeting == meeting
    assert AuditEntry.objects.filter(
        action="accept", object_id=str(proposal.pk), organisation=orgs["A"]
    ).exists()
    queued = Mail.objects.get(purpose="proposal-accepted")
    assert queued.to == person.email
    assert queued.subject == f"Your topic is on the agenda: {proposal.title}"
    assert f"/en/meetings/{meeting.pk}/" in queued.body_text  # the proposer's language
    assert f"/en/meetings/{meeting.pk}/" in queued.body_html
    deliver_mail()
    [sent] = django_mail.outbox
    assert sent.to == [person.email] and proposal.title in sent.subject


def test_the_meeting_page_of_an_accepted_proposal_is_linked(users, meetings, proposal):
    logged_in(users["coordinator"]).post(
        reverse("meetings:proposal-accept", args=[proposal.pk]), {"meeting": meetings["next"].pk}
    )
    html = logged_in(users["other"]).get(proposal.get_absolute_url()).content.decode()
    assert reverse("meetings:detail", args=[meetings["next"].pk]) in html


@pytest.mark.parametrize("meeting", ["past", "cancelled", None])
def test_only_an_upcoming_meeting_takes_the_topic(users, meetings, proposal, meeting):
    data = {"meeting": meetings[meeting].pk} if meeting else {"meeting": ""}
    response = logged_in(users["coordinator"]).post(
        reverse("meetings:proposal-accept", args=[proposal.pk]), data
    )
    assert response.status_code == 200
    assert "meeting" in response.context["form"].errors
    assert not AgendaItem.objects.exists()
    proposal.refresh_from_db()
    assert proposal.status == TopicProposal.Status.OPEN


def test_a_decided_proposal_cannot_be_accepted_again(users, meetings, proposal):
    coordinator = logged_in(users["coordinator"])
    url = reverse("meetings:proposal-accept", args=[proposal.pk])
    coordinator.post(url, {"meeting": meetings["next"].pk})
    response = coordinator.post(url, {"meeting": meetings["later"].pk})
    assert response.status_code == 302 and response["Location"] == proposal.get_absolute_url()
    assert AgendaItem.objects.count() == 1
    assert Mail.objects.filter(purpose="proposal-accepted").count() == 1
    assert coordinator.get(url).status_code == 302
    response = coordinator.post(
        reverse("meetings:proposal-decline", args=[proposal.pk]), {"reason": "Doch nicht"}
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == TopicProposal.Status.ACCEPTED and proposal.decision_reason == ""


# Declining ----------------------------------------------------------------------------------------


def test_only_coordinators_decline(client, users, proposal):
    url = reverse("meetings:proposal-decline", args=[proposal.pk])
    assert reverse("members:login") in client.post(url, {"reason": "Nein"})["Location"]
    for name in ("outsider", "member", "other"):
        assert logged_in(users[name]).post(url, {"reason": "Nein"}).status_code == 403
    assert logged_in(users["coordinator"]).get(url).status_code == 200
    assert logged_in(users["coordinator"]).delete(url).status_code == 405
    proposal.refresh_from_db()
    assert proposal.status == TopicProposal.Status.OPEN


@pytest.mark.parametrize("reason", ["", "   \n  "])
def test_declining_needs_a_reason(users, proposal, reason):
    response = logged_in(users["coordinator"]).post(
        reverse("meetings:proposal-decline", args=[proposal.pk]), {"reason": reason}
    )
    assert response.status_code == 200
    assert "reason" in response.context["form"].errors
    assert 'class="error-summary"' in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == TopicProposal.Status.OPEN
    assert not Mail.objects.exists()


def test_declining_tells_the_proposer_why(users, orgs, proposal):
    response = logged_in(users["coordinator"]).post(
        reverse("meetings:proposal-decline", args=[proposal.pk]),
        {"reason": "Das Thema war schon in der letzten Sitzung."},
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == TopicProposal.Status.DECLINED
    assert proposal.decision_reason == "Das Thema war schon in der letzten Sitzung."
    assert proposal.decided_by == users["coordinator"]
    assert AuditEntry.objects.filter(
        action="decline", object_id=str(proposal.pk), organisation=orgs["A"]
    ).exists()
    queued = Mail.objects.get(purpose="proposal-declined")
    assert queued.to == "mitglied-a@example.org"
    assert proposal.title in queued.subject
    assert "Das Thema war schon in der letzten Sitzung." in queued.body_text
    assert f"/de/topics/{proposal.pk}/" in queued.body_text
    assert not AgendaItem.objects.exists()


def test_the_proposer_is_written_to_at_the_account_address_or_not_at_all(users, proposal):
    person = users["member"].person
    person.email = ""
    person.save()
    logged_in(users["coordinator"]).post(
        reverse("meetings:proposal-decline", args=[proposal.pk]), {"reason": "Nein"}
    )
    # The account's address is used when the person has none.
    assert Mail.objects.get(purpose="proposal-declined").to == "mitglied-a@example.org"
    other = TopicProposal.objects.create(title="Ohne Person", reason="Grund")
    logged_in(users["coordinator"]).post(
        reverse("meetings:proposal-decline", args=[other.pk]), {"reason": "Nein"}
    )
    assert Mail.objects.filter(purpose="proposal-declined").count() == 1
