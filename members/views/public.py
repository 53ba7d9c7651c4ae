from itertools import groupby

from django.db.models import Count, F, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from .models import Organisation, OrganisationKind


def organisation_list(request: HttpRequest) -> HttpResponse:
    """The members, grouped by kind; ?kind=<slug> shows one kind."""
    members = Organisation.objects.members().select_related("kind", "parent")
    kinds = OrganisationKind.objects.annotate(
        member_count=Count(
            "organisations",
            filter=Q(organisations__is_member=True, organisations__left_on__isnull=True),
        )
    ).filter(member_count__gt=0)
    selected = None
    if slug := request.GET.get("kind"):
        selected = get_object_or_404(OrganisationKind, slug=slug)
        members = members.filter(kind=selected)
    members = members.order_by(F("kind__position").asc(nulls_last=True), "kind__pk", "name")
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
    units = organisation.units.filter(left_on__isnull=True)
    return render(
        request,
        "members/organisation_detail.html",
        {"organisation": organisation, "units": units},
    )
