"""Topic proposals: how to suggest a topic (public), the proposals and their support
(members), putting them on an agenda or declining them (coordinators)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count, Exists, OuterRef, QuerySet, Value
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from members.models import Person
from members.permissions import deny, is_coordinator, is_member, require_coordinator, require_member
from netzwerk.client import safe_path

from .. import proposals as services
from ..forms.proposals import AcceptForm, DeclineForm, ProposalForm
from ..models import ProposalSupport, TopicProposal

# The decided proposals the list shows, newest decision first.
DECIDED_SHOWN = 30


def _person(request: HttpRequest) -> Person | None:
    """The person of the logged-in account; coordinators may have none."""
    if not request.user.is_authenticated:
        return None
    try:
        return request.user.person
    except ObjectDoesNotExist:
        return None


def _proposals() -> QuerySet[TopicProposal]:
    return TopicProposal.objects.select_related("organisation", "meeting", "agenda_item__meeting")


def _proposal_for_member(request: HttpRequest, pk: int) -> TopicProposal:
    """Proposals are for members' eyes only: to everyone else they do not exist."""
    if not is_member(request.user):
        raise Http404
    return get_object_or_404(_proposals().select_related("proposer", "decided_by"), pk=pk)


def _back(request: HttpRequest, proposal: TopicProposal) -> str:
    """Back to the page the button was on: the list or the proposal."""
    return safe_path(request, request.POST.get("back", ""), proposal.get_absolute_url())


def _decided_already(request: HttpRequest, proposal: TopicProposal) -> HttpResponse:
    messages.error(request, _("This proposal has been decided already, so it cannot be changed."))
    return redirect(proposal)


@require_http_methods(["GET"])
def proposal_list(request: HttpRequest) -> HttpResponse:
    context: dict[str, object] = {"meetings": services.open_meetings().select_related("place")}
    if is_member(request.user):
        person = _person(request)
        supported = (
            Exists(ProposalSupport.objects.filter(proposal=OuterRef("pk"), person=person))
            if person
            else Value(False)
        )
        context.update(
            show_proposals=True,
            person=person,
            open_proposals=_proposals()
            .filter(status=TopicProposal.Status.OPEN)
            .annotate(support_count=Count("supports"), supported=supported),
            decided_proposals=_proposals()
            .exclude(status=TopicProposal.Status.OPEN)
            .order_by("-decided_at", "-pk")[:DECIDED_SHOWN],
        )
    return render(request, "meetings/proposals/proposal_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def proposal_new(request: HttpRequest) -> HttpResponse:
    require_member(request)
    person = _person(request)
    if person is None:
        # A proposal is made by a person, whom the coordinators can answer; an account
        # without one (a coordinator's, say) is told how to get one.
        return render(request, "meetings/proposals/no_person.html", status=403)
    form = ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        proposal = services.propose(
            person,
            form.cleaned_data["title"],
            form.cleaned_data["reason"],
            form.cleaned_data["meeting"],
            actor=request.user,
        )
        messages.success(request, _("Thank you for your proposal. The coordinators have been told about it."))
        return redirect(proposal)
    return render(request, "meetings/proposals/proposal_form.html", {"form": form})


@login_required
@require_http_methods(["GET"])
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal_for_member(request, pk)
    person = _person(request)
    supports = list(proposal.supports.select_related("person").order_by("created_at", "pk"))
    is_open = proposal.status == TopicProposal.Status.OPEN
    can_decide = is_open and is_coordinator(request.user)
    context = {
        "proposal": proposal,
        "person": person,
        "supports": supports,
        "is_open": is_open,
        "is_proposer": person is not None and proposal.proposer_id == person.pk,
        "supported": person is not None and any(s.person_id == person.pk for s in supports),
        "accept_form": AcceptForm(proposal=proposal) if can_decide else None,
        "decline_form": DeclineForm() if can_decide else None,
    }
    return render(request, "meetings/proposals/proposal_detail.html", context)


@login_required
@require_POST
def proposal_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """The proposer deletes their own proposal, as long as it is open."""
    proposal = _proposal_for_member(request, pk)
    person = _person(request)
    if person is None or proposal.proposer_id != person.pk:
        raise deny(request, f"withdraw proposal {proposal.pk}")
    try:
        services.withdraw(proposal, request.user)
    except services.ProposalDecided:
        return _decided_already(request, proposal)
    messages.success(request, _("Your proposal has been withdrawn."))
    return redirect("meetings:proposals")


@login_required
@require_POST
def proposal_support(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal_for_member(request, pk)
    person = _person(request)
    if person is None:
        messages.error(request, _("Your account is not linked to a person, so it cannot support proposals."))
        return redirect(_back(request, proposal))
    try:
        if proposal.proposer_id != person.pk:
            services.support(proposal, person)
            messages.success(request, _("You support this proposal."))
    except services.ProposalDecided:
        return _decided_already(request, proposal)
    return redirect(_back(request, proposal))


@login_required
@require_POST
def proposal_unsupport(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal_for_member(request, pk)
    person = _person(request)
    if person is not None:
        try:
            if services.unsupport(proposal, person):
                messages.success(request, _("You no longer support this proposal."))
        except services.ProposalDecided:
            return _decided_already(request, proposal)
    return redirect(_back(request, proposal))


@login_required
@require_http_methods(["GET", "POST"])
def proposal_accept(request: HttpRequest, pk: int) -> HttpResponse:
    require_coordinator(request)
    proposal = get_object_or_404(_proposals().select_related("proposer"), pk=pk)
    if proposal.status != TopicProposal.Status.OPEN:
        return _decided_already(request, proposal)
    form = AcceptForm(request.POST or None, proposal=proposal)
    if request.method == "POST" and form.is_valid():
        meeting = form.cleaned_data["meeting"]
        try:
            services.accept(proposal, meeting, request.user)
        except services.ProposalDecided:
            return _decided_already(request, proposal)
        messages.success(
            request,
            _("The topic is now the last item of the meeting's agenda, and the proposer has been told."),
        )
        return redirect(proposal)
    return render(request, "meetings/proposals/proposal_accept.html", {"proposal": proposal, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def proposal_decline(request: HttpRequest, pk: int) -> HttpResponse:
    require_coordinator(request)
    proposal = get_object_or_404(_proposals().select_related("proposer"), pk=pk)
    if proposal.status != TopicProposal.Status.OPEN:
        return _decided_already(request, proposal)
    form = DeclineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.decline(proposal, form.cleaned_data["reason"], request.user)
        except services.ProposalDecided:
            return _decided_already(request, proposal)
        messages.success(request, _("The proposal is declined, and the proposer has been told why."))
        return redirect(proposal)
    return render(request, "meetings/proposals/proposal_decline.html", {"proposal": proposal, "form": form})
