"""Invitations: the coordinators send them and follow each recipient's mail and answer;
invitees answer with their personal link; members subscribe to their own calendar."""

import secrets
from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from members import audit
from members.permissions import require_coordinator
from outbox.models import Mail

from ..calendar import personal_calendar as personal_calendar_ics
from ..forms.invitations import ReplyForm, SendInvitationsForm
from ..invitations import (
    InvitationError,
    invitation_for_token,
    invitations_with_mails,
    invitees,
    record_reply,
    reply_refusal,
    send_invitations,
)
from ..models import CalendarFeed, Invitation, Meeting

# The coordinators' overview ----------------------------------------------------------------


def _overview(request: HttpRequest, meeting: Meeting, form: SendInvitationsForm) -> HttpResponse:
    invitations = list(invitations_with_mails(meeting))
    for invitation in invitations:
        invitation.latest_mail = invitation.mail_list[0] if invitation.mail_list else None
        invitation.organisations = [a.organisation for a in invitation.person.current_affiliations]
    answers = Counter(invitation.response for invitation in invitations)
    counts = {
        "invited": len(invitations),
        "yes": answers[Invitation.Response.YES],
        "maybe": answers[Invitation.Response.MAYBE],
        "no": answers[Invitation.Response.NO],
        "open": answers[""],
        "failed": sum(1 for i in invitations if i.latest_mail and i.latest_mail.status == Mail.Status.FAILED),
        "waiting": sum(
            1
            for i in invitations
            if i.latest_mail and i.latest_mail.status in (Mail.Status.QUEUED, Mail.Status.SENDING)
        ),
    }
    context = {
        "meeting": meeting,
        "invitations": invitations,
        "counts": counts,
        "form": form,
        "all_count": invitees().count(),
        "can_send": not (meeting.is_cancelled or meeting.is_past),
    }
    return render(request, "meetings/invitations/manage.html", context)


@login_required
@require_http_methods(["GET"])
def manage_invitations(request: HttpRequest, pk: int) -> HttpResponse:
    require_coordinator(request)
    meeting = get_object_or_404(Meeting.objects.select_related("place"), pk=pk)
    return _overview(request, meeting, SendInvitationsForm())


@login_required
@require_POST
def manage_invitations_send(request: HttpRequest, pk: int) -> HttpResponse:
    require_coordinator(request)
    meeting = get_object_or_404(Meeting.objects.select_related("place"), pk=pk)
    form = SendInvitationsForm(request.POST)
    if not form.is_valid():
        return _overview(request, meeting, form)
    try:
        count = send_invitations(meeting, form.people(), request.user)
    except InvitationError as error:
        messages.error(request, str(error))
    else:
        audit.record(
            request.user,
            "invite",
            meeting,
            after={"invitations sent": count, "to": form.cleaned_data["recipients"]},
        )
        if count:
            messages.success(
                request,
                ngettext(
                    "The invitation is queued for %(count)s person.",
                    "The invitation is queued for %(count)s people.",
                    count,
                )
                % {"count": count},
            )
        else:
            messages.info(request, _("Nobody to invite: none of them has an e-mail address."))
    return redirect("meetings:manage-invitations", meeting.pk)


# The reply link ---------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def reply(request: HttpRequest, token: str) -> HttpResponse:
    """The page behind the personal link in the invitation. Opening it changes nothing
    (mail scanners open links); only pressing one of the buttons does."""
    invitation = invitation_for_token(token)
    if invitation is None:
        return render(request, "meetings/invitations/reply_invalid.html", status=404)
    refusal = reply_refusal(invitation)
    form = ReplyForm(request.POST or None)
    if request.method == "POST":
        if refusal:
            messages.error(request, refusal)
            return redirect(request.path)
        if form.is_valid():
            record_reply(invitation, form.cleaned_data["answer"])
            messages.success(
                request,
                _("Thank you! Your answer is saved: %(answer)s.")
                % {"answer": invitation.get_response_display()},
            )
            return redirect(request.path)
    suggested = request.GET.get("answer", "")
    context = {
        "invitation": invitation,
        "meeting": invitation.meeting,
        "form": form,
        "refusal": refusal,
        "choices": Invitation.Response.choices,
        "highlighted": suggested if suggested in Invitation.Response.values else invitation.response,
    }
    return render(request, "meetings/invitations/reply.html", context)


# Personal calendars -----------------------------------------------------------------------


@require_http_methods(["GET"])
def personal_calendar(request: HttpRequest, key: str) -> HttpResponse:
    feed = CalendarFeed.objects.select_related("person").filter(key=key).first()
    if feed is None or feed.person.anonymised_at:
        raise Http404("unknown calendar")
    invitations = feed.person.invitations.select_related("meeting__place", "person").order_by(
        "meeting__starts_at"
    )
    response = HttpResponse(
        personal_calendar_ics(invitations, get_language()), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="my-meetings.ics"'
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
@require_POST
def calendar_feed_renew(request: HttpRequest) -> HttpResponse:
    """Makes a new secret address for the person's calendar; the old one stops working."""
    person = getattr(request.user, "person", None)
    if person is None:
        messages.info(request, _("Your account has no person in the network, so it has no calendar."))
        return redirect("members:account")
    existed = CalendarFeed.objects.filter(person=person).exists()
    CalendarFeed.objects.update_or_create(person=person, defaults={"key": secrets.token_urlsafe(32)})
    if existed:
        messages.success(request, _("Your calendar has a new address. The old address no longer works."))
    else:
        messages.success(request, _("Your calendar address is ready. Add it to your calendar program."))
    return redirect(reverse("members:account") + "#calendar")
