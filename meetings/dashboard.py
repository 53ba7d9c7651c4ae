"""What the members' area overview shows of the meetings: for everyone their next
meetings and answers, for coordinators what is waiting for them."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q

from members.models import User
from members.permissions import is_coordinator, is_member
from outbox.models import Mail

from .models import Invitation, Meeting, Minutes, TopicProposal


def dashboard_context(user: User | AnonymousUser) -> dict[str, object]:
    context: dict[str, object] = {"is_member": is_member(user)}
    person = getattr(user, "person", None) if user.is_authenticated else None
    if person is not None:
        context["my_invitations"] = list(
            Invitation.objects.filter(person=person, meeting__in=Meeting.objects.upcoming())
            .select_related("meeting", "meeting__place")
            .order_by("meeting__starts_at")[:5]
        )
    if is_coordinator(user):
        context["next_meetings"] = list(
            Meeting.objects.upcoming()
            .filter(is_cancelled=False)
            .annotate(
                invited=Count("invitations", distinct=True),
                answered=Count("invitations", filter=~Q(invitations__response=""), distinct=True),
                items=Count("agenda_items", distinct=True),
            )[:3]
        )
        context["waiting"] = {
            "proposals": TopicProposal.objects.filter(status=TopicProposal.Status.OPEN).count(),
            "drafts": Minutes.objects.filter(status__in=[Minutes.Status.DRAFT, Minutes.Status.SENT]).count(),
            "failed_mails": Mail.objects.filter(status=Mail.Status.FAILED).count(),
        }
    return context
