"""A person's meeting data, for their data download and for anonymisation
(members/services.py calls these; the meetings app builds on the members app)."""

from django.db.models import Q
from django.utils import timezone

from members.models import Person
from outbox.models import Mail

from .models import Attendance, CalendarFeed, Invitation, ProposalSupport, TopicProposal


def personal_data(person: Person) -> dict[str, list[dict]]:
    def day(meeting) -> str:
        return timezone.localtime(meeting.starts_at).isoformat()

    return {
        "invitations": [
            {
                "meeting": str(i.meeting),
                "starts_at": day(i.meeting),
                "email": i.email,
                "language": i.language,
                "answer": i.response,
                "answered_at": i.responded_at.isoformat() if i.responded_at else None,
            }
            for i in Invitation.objects.filter(person=person).select_related("meeting")
        ],
        "attendance": [
            {"meeting": str(a.meeting), "starts_at": day(a.meeting), "status": a.status}
            for a in Attendance.objects.filter(person=person).select_related("meeting")
        ],
        "topic_proposals": [
            {
                "title": p.title,
                "reason": p.reason,
                "status": p.status,
                "proposed_at": p.created_at.isoformat(),
            }
            for p in TopicProposal.objects.filter(proposer=person)
        ],
        "supported_proposals": [
            {"title": s.proposal.title, "at": s.created_at.isoformat()}
            for s in ProposalSupport.objects.filter(person=person).select_related("proposal")
        ],
        "personal_calendar": [
            {"created_at": feed.created_at.isoformat()} for feed in CalendarFeed.objects.filter(person=person)
        ],
    }


def anonymise(person: Person) -> None:
    """Called before the person's name and address are removed: forgets the
    addresses their meeting mails went to and the mails' texts, and ends their
    personal calendar. Replies and attendance stay, under the anonymised name."""
    addresses = set(Invitation.objects.filter(person=person).values_list("email", flat=True))
    if person.email:
        addresses.add(person.email)
    invitations = Invitation.objects.filter(person=person)
    mails = Mail.objects.filter(Q(pk__in=invitations.values("mails")) | Q(to__in=addresses))
    mails.filter(status=Mail.Status.QUEUED).update(
        status=Mail.Status.FAILED, last_error="Not sent: the recipient was anonymised.", next_attempt_at=None
    )
    mails.update(to=f"anonymised-{person.pk}@invalid", subject="", body_text="", body_html="", attachments=[])
    invitations.update(email="")
    CalendarFeed.objects.filter(person=person).delete()
