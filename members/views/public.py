from itertools import groupby

from django.db.models import Count, F, Q
from django.db.models.functions import Lower
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from offers.views.public import organisation_offers

from ..models import Organisation, OrganisationKind
from ..permissions import is_member


def organisation_list(request: HttpRequest) -> HttpResponse:
    """The members, grouped by kind; ?kind=<slug> shows one kind."""
    members = Organisation.objects.members().select_related("kind", "parent")
    kinds = OrganisationKind.objects.annotate(
        member_count=Count(
            "organisations",
            filter=Q(
                organisations__is_member=True,
                organisations__left_on__isnull=True,
                organisations__neighbour__isnull=True,
            ),
        )
    ).filter(member_count__gt=0)
    selected = None
    if slug := request.GET.get("kind"):
        selected = get_object_or_404(OrganisationKind, slug=slug)
        members = members.filter(kind=selected)
    members = members.order_by(F("kind__position").asc(nulls_last=True), "kind__pk", Lower("name"))
    groups = [(kind, list(orgs)) for kind, orgs in groupby(members, key=lambda o: o.kind)]
    context = {
        "groups": groups,
        "kinds": kinds,
        "selected": selected,
        "total": sum(len(orgs) for _, orgs in groups),
    }
    return render(request, "members/organisation_list.html", context)


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation.objects.select_related("kind", "parent"), slug=slug)
    if organisation.neighbour_id:
        # Imported from a neighbouring network (federation/): its page is there.
        if not organisation.remote_url:
            raise Http404
        return redirect(organisation.remote_url)
    units = organisation.units.filter(left_on__isnull=True)
    # Contact people: to the public only those who agreed, to members all.
    contacts = organisation.affiliations.current().select_related("person")
    if not is_member(request.user):
        contacts = contacts.filter(person__public_consent=True)
    context = {
        "organisation": organisation,
        "units": units,
        "contacts": contacts,
        # Its offers in the public directory: two queries, whatever their number.
        "offers": organisation_offers(organisation.pk),
    }
    return render(request, "members/organisation_detail.html", context)


def organisation_logo(request: HttpRequest, slug: str) -> FileResponse:
    """The logo, through the portal: uploads are never served from a guessable media URL."""
    organisation = get_object_or_404(Organisation.objects.only("logo"), slug=slug)
    if not organisation.logo:
        raise Http404
    response = FileResponse(organisation.logo.open("rb"))
    response["Cache-Control"] = "public, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response
