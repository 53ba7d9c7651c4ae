"""Topic proposals: members propose and support topics, coordinators put them on an
agenda or decline them with a reason. The views call these; each one is a transaction,
and the e-mails it queues are written in that same transaction."""

from django.conf import settings
from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone

from members import audit
from members.models import Affiliation, Organisation, Person, User
from outbox import services as outbox

from .models import AgendaItem, Meeting, ProposalSupport, TopicProposal


class ProposalDecided(Exception):
    """The proposal is no longer open: it was accepted or declined meanwhile."""


def open_meetings() -> QuerySet[Meeting]:
    """The meetings a topic can be proposed for or put on: upcoming and not cancelled."""
    return Meeting.objects.upcoming().filter(is_cancelled=False)


def current_organisation(person: Person) -> Organisation | None:
    """The organisation a person proposes for: their first current affiliation's."""
    affiliation = (
        Affiliation.objects.current()
        .filter(person=person)
        .select_related("organisation")
        .order_by("created_at", "pk")
        .first()
    )
    return affiliation.organisation if affiliation else None


def _language(person: Person | None) -> str:
    return (person.language if person else "") or settings.LANGUAGE_CODE


def _lock(proposal: TopicProposal) -> TopicProposal:
    """The proposal as it is now in the database, locked until the transaction ends."""
    locked = TopicProposal.objects.select_for_update().get(pk=proposal.pk)
    if locked.status != TopicProposal.Status.OPEN:
        raise ProposalDecided
    return locked


@transaction.atomic
def propose(person: Person, title: str, reason: str, meeting: Meeting | None, actor: User) -> TopicProposal:
    """A new open proposal by `person`; every coordinator is told by e-mail."""
    proposal = TopicProposal.objects.create(
        title=title,
        reason=reason,
        meeting=meeting,
        proposer=person,
        organisation=current_organisation(person),
    )
    audit.record(
        actor, "propose", proposal, organisation=proposal.organisation, after=audit.snapshot(proposal)
    )
    coordinators = User.objects.filter(is_coordinator=True, is_active=True).select_related("person")
    for coordinator in coordinators:
        outbox.queue(
            "proposal-new",
            coordinator.email,
            {"proposal": proposal, "recipient": coordinator},
            language=_language(getattr(coordinator, "person", None)),
            purpose="proposal-new",
        )
    return proposal


@transaction.atomic
def support(proposal: TopicProposal, person: Person) -> bool:
    """Adds `person` as a supporter of an open proposal; True if they were not one yet.

    Supporting twice changes nothing, and the proposer does not support their own."""
    if proposal.status != TopicProposal.Status.OPEN:
        raise ProposalDecided
    if proposal.proposer_id == person.pk:
        return False
    _, created = ProposalSupport.objects.get_or_create(proposal=proposal, person=person)
    return created


@transaction.atomic
def unsupport(proposal: TopicProposal, person: Person) -> bool:
    """Takes back `person`'s support of an open proposal; True if there was any."""
    if proposal.status != TopicProposal.Status.OPEN:
        raise ProposalDecided
    deleted, _ = ProposalSupport.objects.filter(proposal=proposal, person=person).delete()
    return bool(deleted)


@transaction.atomic
def withdraw(proposal: TopicProposal, actor: User) -> None:
    """The proposer takes an open proposal back: it is deleted, with its support.
    A decided proposal stays, since the decision is part of the record."""
    proposal = _lock(proposal)
    audit.record(
        actor, "withdraw", proposal, organisation=proposal.organisation, before=audit.snapshot(proposal)
    )
    proposal.delete()


@transaction.atomic
def accept(proposal: TopicProposal, meeting: Meeting, actor: User) -> AgendaItem:
    """Puts an open proposal at the end of the meeting's agenda and tells the proposer."""
    proposal = _lock(proposal)
    before = audit.snapshot(proposal)
    last = AgendaItem.objects.filter(meeting=meeting).aggregate(last=Max("position"))["last"]
    item = AgendaItem.objects.create(
        meeting=meeting,
        position=(last or 0) + 1,
        title=proposal.title[: AgendaItem._meta.get_field("title").max_length],
        notes=proposal.reason,
        presenter_organisation=proposal.organisation,
        proposal=proposal,
    )
    # The proposal keeps the meeting it went to, also should the agenda item be removed later.
    proposal.meeting = meeting
    proposal.status = TopicProposal.Status.ACCEPTED
    proposal.decision_reason = ""
    proposal.decided_at = timezone.now()
    proposal.decided_by = actor
    proposal.save(update_fields=["meeting", "status", "decision_reason", "decided_at", "decided_by"])
    audit.record(
        actor,
        "accept",
        proposal,
        organisation=proposal.organisation,
        before=before,
        after=audit.snapshot(proposal),
    )
    _tell_proposer(proposal, "proposal-accepted", {"meeting": meeting, "item": item})
    return item


@transaction.atomic
def decline(proposal: TopicProposal, reason: str, actor: User) -> TopicProposal:
    """Declines an open proposal with a reason and tells the proposer why."""
    if not reason.strip():
        raise ValueError("A proposal is declined with a reason.")
    proposal = _lock(proposal)
    before = audit.snapshot(proposal)
    proposal.status = TopicProposal.Status.DECLINED
    proposal.decision_reason = reason.strip()
    proposal.decided_at = timezone.now()
    proposal.decided_by = actor
    proposal.save(update_fields=["status", "decision_reason", "decided_at", "decided_by"])
    audit.record(
        actor,
        "decline",
        proposal,
        organisation=proposal.organisation,
        before=before,
        after=audit.snapshot(proposal),
    )
    _tell_proposer(proposal, "proposal-declined", {})
    return proposal


def _tell_proposer(proposal: TopicProposal, name: str, context: dict[str, object]) -> None:
    person = proposal.proposer
    if person is None or person.anonymised_at:
        return
    email = person.email or (person.user.email if person.user_id else "")
    if not email:
        return
    outbox.queue(
        name,
        email,
        {"proposal": proposal, "person": person, **context},
        language=_language(person),
        purpose=name,
    )
