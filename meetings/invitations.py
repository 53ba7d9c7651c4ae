"""Invitations to meetings: who is invited, the e-mails with their calendar entries,
and the answers people give with their personal link.

Every e-mail goes through the outbox (outbox.services.queue), so a mail server
that is away delays the invitations but loses none."""

from collections.abc import Iterable

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from members.models import Affiliation, Organisation, Person, User
from network.models import Network
from outbox.models import Mail
from outbox.services import Attachment, queue

from .calendar import invitation_calendar
from .models import ActionItem, AgendaItem, Invitation, Meeting

REPLY_SALT = "meetings.reply"
ICS_MIMETYPE = "text/calendar; method={method}; charset=utf-8"


class InvitationError(Exception):
    """Why invitations cannot be sent or an answer cannot be taken; the message is for people."""


# Who is invited ------------------------------------------------------------------------


def invitees(
    organisations: Iterable[Organisation] | QuerySet[Organisation] | None = None,
) -> QuerySet[Person]:
    """The active contact people of the network's current member organisations who
    have an e-mail address (and were not anonymised); optionally only those of the
    chosen organisations."""
    affiliations = Affiliation.objects.current().filter(organisation__in=Organisation.objects.members())
    if organisations is not None:
        affiliations = affiliations.filter(organisation__in=organisations)
    return (
        Person.objects.filter(pk__in=affiliations.values("person_id"), anonymised_at__isnull=True)
        .exclude(email="")
        .distinct()
    )


def invitee_count_filter(prefix: str = "affiliations__") -> Q:
    """For counting an organisation's invitees: Count(f"{prefix}person", filter=..., distinct=True)."""
    return (
        Q(**{f"{prefix}ended_on__isnull": True})
        & Q(**{f"{prefix}person__anonymised_at__isnull": True})
        & ~Q(**{f"{prefix}person__email": ""})
    )


# Reply links ----------------------------------------------------------------------------


def reply_token(invitation: Invitation) -> str:
    """The signed part of a person's reply link. It names the invitation, its meeting and
    its person, so a link stays tied to the one invitation it was made for."""
    return _signer().sign_object([invitation.pk, invitation.meeting_id, invitation.person_id])


def _signer() -> signing.Signer:
    # Without a time stamp: the link in the first invitation and the one on the account
    # page are the same, and work until the meeting has ended (see reply_refusal).
    return signing.Signer(salt=REPLY_SALT)


def invitation_for_token(token: str) -> Invitation | None:
    try:
        value = _signer().unsign_object(token)
    except (signing.BadSignature, ValueError, TypeError, UnicodeError):
        return None
    if not (isinstance(value, list) and len(value) == 3 and all(isinstance(v, int) for v in value)):
        return None
    pk, meeting_id, person_id = value
    return (
        Invitation.objects.select_related("meeting__place", "person")
        .filter(pk=pk, meeting_id=meeting_id, person_id=person_id)
        .first()
    )


def reply_url(invitation: Invitation, answer: str = "") -> str:
    """The absolute address of the reply page, in the current language."""
    url = settings.SITE_URL + reverse("meetings:reply", args=[reply_token(invitation)])
    return f"{url}?answer={answer}" if answer else url


def reply_refusal(invitation: Invitation) -> str:
    """Why this invitation takes no answer (any more), or "" if it does."""
    meeting = invitation.meeting
    if meeting.is_cancelled:
        return _("This meeting has been cancelled. No answer is needed.")
    if meeting.is_past:
        return _("This meeting has ended. Answers are no longer taken.")
    return ""


def record_reply(invitation: Invitation, response: str) -> None:
    """Saves the person's answer (yes, maybe, no)."""
    if response not in Invitation.Response.values:
        raise ValueError(f"unknown answer {response!r}")
    refusal = reply_refusal(invitation)
    if refusal:
        raise InvitationError(refusal)
    invitation.response = response
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["response", "responded_at"])


# The e-mails ----------------------------------------------------------------------------


def meeting_agenda(meeting: Meeting) -> list[AgendaItem]:
    return list(
        meeting.agenda_items.select_related("presenter_person", "presenter_organisation").order_by(
            "position", "pk"
        )
    )


def open_action_items(meeting: Meeting) -> list[ActionItem]:
    """Action items still open from meetings before this one: they come forward to its agenda."""
    day = timezone.localtime(meeting.starts_at).date()
    earlier = Q(minutes__meeting__starts_at__lt=meeting.starts_at) | Q(
        minutes__meeting__isnull=True, minutes__held_on__lt=day
    )
    return list(
        ActionItem.objects.open()
        .filter(earlier)
        .select_related("person", "organisation", "minutes")
        .order_by("due_on", "pk")
    )


def _language(code: str) -> str:
    # E-mails are written in the portal's languages only (not in the directory's others).
    return code if code in settings.PORTAL_LANGUAGES else settings.LANGUAGE_CODE


def _reply_to(network: Network | None, sent_by: User | None = None) -> str:
    if network and network.email:
        return network.email
    return sent_by.email if sent_by is not None and sent_by.is_authenticated else ""


def _queue_for(
    invitation: Invitation,
    name: str,
    context: dict[str, object],
    network: Network | None,
    method: str = "",
    reply_to: str = "",
) -> Mail:
    """Queues the e-mail `name` to the invited person, with their reply links and,
    given a method, the calendar entry; records the mail with the invitation."""
    language = _language(invitation.language)
    with translation.override(language):
        links = {answer: reply_url(invitation, answer) for answer in Invitation.Response.values}
        page = reply_url(invitation)
    attachments = []
    if method:
        ics = invitation_calendar(invitation.meeting, invitation, method, network=network)
        attachments.append(
            Attachment(
                filename="invite.ics", content=ics.decode(), mimetype=ICS_MIMETYPE.format(method=method)
            )
        )
    mail = queue(
        name,
        invitation.email,
        {
            **context,
            "invitation": invitation,
            "person": invitation.person,
            "reply_urls": links,
            "reply_page": page,
            "network": network,
        },
        language=language,
        attachments=attachments,
        purpose=name,
        reply_to=reply_to,
    )
    invitation.mails.add(mail)
    return mail


def _meeting_context(meeting: Meeting) -> dict[str, object]:
    return {
        "meeting": meeting,
        "agenda": meeting_agenda(meeting),
        "action_items": open_action_items(meeting),
    }


def send_invitations(meeting: Meeting, people: Iterable[Person], sent_by: User | None) -> int:
    """Invites the people: an invitation each (made or updated) and an e-mail with the
    agenda, the personal reply links and the calendar entry. Someone invited before is
    sent the invitation again. Returns how many e-mails were queued."""
    if meeting.is_cancelled:
        raise InvitationError(_("This meeting has been cancelled: no invitations can be sent for it."))
    if meeting.is_past:
        raise InvitationError(_("This meeting is over: no invitations can be sent for it."))
    network = Network.objects.first()
    reply_to = _reply_to(network, sent_by)
    context = _meeting_context(meeting)
    sent = 0
    for person in people:
        if not person.email or person.anonymised_at:
            continue
        with transaction.atomic():
            invitation, _created = Invitation.objects.get_or_create(
                meeting=meeting,
                person=person,
                defaults={"email": person.email, "language": _language(person.language)},
            )
            invitation.meeting = meeting
            invitation.person = person
            invitation.email = person.email
            invitation.language = _language(person.language)
            invitation.sequence_sent = meeting.sequence
            invitation.save(update_fields=["email", "language", "sequence_sent"])
            _queue_for(invitation, "meeting-invitation", context, network, "REQUEST", reply_to)
        sent += 1
    return sent


def notify_change(meeting: Meeting) -> int:
    """Tells everyone invited that the meeting changed: an updated invitation with the
    same UID and the meeting's current (higher) SEQUENCE, or, for a cancelled meeting,
    a cancellation that takes the entry out of their calendars.

    Call it after saving the meeting with its sequence raised. A meeting that is over
    sends nothing (a correction afterwards is no news). Returns how many e-mails were queued."""
    if meeting.is_past:
        return 0
    network = Network.objects.first()
    reply_to = _reply_to(network)
    if meeting.is_cancelled:
        name, method, context = "meeting-cancelled", "CANCEL", {"meeting": meeting}
    else:
        name, method, context = "meeting-update", "REQUEST", _meeting_context(meeting)
    invitations = meeting.invitations.select_related("person").filter(person__anonymised_at__isnull=True)
    sent = 0
    for invitation in invitations:
        invitation.meeting = meeting
        with transaction.atomic():
            invitation.language = _language(invitation.person.language)
            invitation.sequence_sent = meeting.sequence
            invitation.save(update_fields=["language", "sequence_sent"])
            _queue_for(invitation, name, context, network, method, reply_to)
        sent += 1
    return sent


def queue_reminder(invitation: Invitation, name: str, network: Network | None) -> Mail:
    """A reminder of the meeting or of the answer (meetings/reminders.py), without a calendar entry."""
    invitation.language = _language(invitation.person.language)
    return _queue_for(invitation, name, _meeting_context(invitation.meeting), network, "", _reply_to(network))


# The coordinators' overview --------------------------------------------------------------


def invitations_with_mails(meeting: Meeting) -> QuerySet[Invitation]:
    """The meeting's invitations with their people, organisations and mails (newest first),
    in a fixed number of queries."""
    return meeting.invitations.select_related("person").prefetch_related(
        Prefetch("mails", queryset=Mail.objects.order_by("-created_at", "-pk"), to_attr="mail_list"),
        Prefetch(
            "person__affiliations",
            queryset=Affiliation.objects.current().select_related("organisation"),
            to_attr="current_affiliations",
        ),
    )
