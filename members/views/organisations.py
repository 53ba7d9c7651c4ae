"""Organisations, their units and contact people: coordinators all, editors their own."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.db.models.functions import Lower
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from netzwerk.client import safe_path

from .. import audit, services
from ..forms import (
    ContactForm,
    LeaveForm,
    OrganisationForm,
    OrganisationProfileForm,
    UnitForm,
)
from ..models import Organisation, OrganisationKind
from ..permissions import (
    affiliation_for_editor,
    is_coordinator,
    organisation_for_editor,
    person_for_editor,
    require_coordinator,
)
from .common import paginate, save_with_log, unique_slug

# Organisations ----------------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def organisation_list(request: HttpRequest) -> HttpResponse:
    require_coordinator(request)
    organisations = (
        Organisation.objects.local()
        .select_related("kind", "parent")
        .annotate(contact_count=Count("affiliations", filter=Q(affiliations__ended_on__isnull=True)))
    )
    query = request.GET.get("q", "").strip()
    if query:
        organisations = organisations.filter(name__icontains=query)
    status = request.GET.get("status", "")
    if status == "member":
        organisations = organisations.filter(is_member=True, left_on__isnull=True)
    elif status == "left":
        organisations = organisations.filter(left_on__isnull=False)
    elif status == "umbrella":
        organisations = organisations.filter(is_member=False)
    kind = request.GET.get("kind", "")
    if kind:
        organisations = organisations.filter(kind__slug=kind)
    context = {
        "page": paginate(request, organisations.order_by(Lower("name"))),
        "query": query,
        "status": status,
        "kind": kind,
        "kinds": OrganisationKind.objects.all(),
    }
    return render(request, "members/manage/organisation_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_new(request: HttpRequest) -> HttpResponse:
    require_coordinator(request)
    form = OrganisationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        organisation = save_with_log(request, form)
        messages.success(request, _("The organisation has been added."))
        return redirect("members:manage-organisation", organisation.slug)
    return render(request, "members/manage/organisation_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_for_editor(request, slug)
    form_class = OrganisationForm if is_coordinator(request.user) else OrganisationProfileForm
    form = form_class(request.POST or None, request.FILES or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        organisation = save_with_log(request, form)
        messages.success(request, _("Your changes are saved."))
        return redirect("members:manage-organisation", organisation.slug)
    context = {
        "form": form,
        "organisation": organisation,
        "leave_form": LeaveForm() if is_coordinator(request.user) else None,
    }
    return render(request, "members/manage/organisation_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def unit_new(request: HttpRequest, slug: str) -> HttpResponse:
    """Editors add a unit (a counselling service, a youth club) to their organisation."""
    parent = organisation_for_editor(request, slug)
    form = UnitForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        form.instance.parent = parent
        form.instance.slug = unique_slug(form.cleaned_data["name"])
        unit = save_with_log(request, form, organisation=parent)
        messages.success(request, _("The unit has been added."))
        return redirect("members:manage-organisation", unit.slug)
    return render(request, "members/manage/organisation_form.html", {"form": form, "parent": parent})


@login_required
@require_POST
def organisation_leave(request: HttpRequest, slug: str) -> HttpResponse:
    require_coordinator(request)
    organisation = get_object_or_404(Organisation, slug=slug)
    form = LeaveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please give the date on which the organisation left."))
        return redirect("members:manage-organisation", slug)
    before = audit.snapshot(organisation, ["left_on"])
    organisation.left_on = form.cleaned_data["left_on"]
    organisation.save(update_fields=["left_on"])
    audit.record(
        request.user,
        "leave",
        organisation,
        organisation=organisation,
        before=before,
        after=audit.snapshot(organisation, ["left_on"]),
    )
    messages.success(request, _("The organisation is marked as having left. Its history is kept."))
    return redirect("members:manage-organisation", slug)


@login_required
@require_http_methods(["GET"])
def organisation_log(request: HttpRequest, slug: str) -> HttpResponse:
    require_coordinator(request)
    organisation = get_object_or_404(Organisation, slug=slug)
    entries = organisation.audit_entries.all()
    return render(
        request,
        "members/manage/audit_log.html",
        {"organisation": organisation, "page": paginate(request, entries)},
    )


# Contact people of an organisation -----------------------------------------------------


@login_required
@require_http_methods(["GET"])
def contact_list(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_for_editor(request, slug)
    contacts = organisation.affiliations.current().select_related("person", "person__user")
    return render(
        request, "members/manage/contact_list.html", {"organisation": organisation, "contacts": contacts}
    )


@login_required
@require_http_methods(["GET", "POST"])
def contact_new(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_for_editor(request, slug)
    form = ContactForm(request.POST or None, organisation=organisation, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.add_contact(organisation, form.cleaned_data, request.user)
        messages.success(request, _("The contact person has been added."))
        return redirect("members:manage-contacts", slug)
    return render(request, "members/manage/contact_form.html", {"form": form, "organisation": organisation})


@login_required
@require_http_methods(["GET", "POST"])
def contact_edit(request: HttpRequest, pk: int) -> HttpResponse:
    affiliation = affiliation_for_editor(request, pk)
    person = affiliation.person
    initial = {
        "name": person.name,
        "email": person.email,
        "phone": person.phone,
        "public_consent": person.public_consent,
        "role": affiliation.role,
        "function": affiliation.function,
    }
    form = ContactForm(
        request.POST or None,
        initial=initial,
        organisation=affiliation.organisation,
        affiliation=affiliation,
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        services.update_contact(affiliation, form.cleaned_data, request.user)
        messages.success(request, _("Your changes are saved."))
        return redirect("members:manage-contacts", affiliation.organisation.slug)
    context = {"form": form, "organisation": affiliation.organisation, "affiliation": affiliation}
    return render(request, "members/manage/contact_form.html", context)


@login_required
@require_POST
def contact_end(request: HttpRequest, pk: int) -> HttpResponse:
    affiliation = affiliation_for_editor(request, pk)
    services.end_contact(affiliation, request.user)
    messages.success(
        request, _("%(name)s is no longer listed as a contact person.") % {"name": affiliation.person.name}
    )
    return redirect("members:manage-contacts", affiliation.organisation.slug)


@login_required
@require_POST
def person_invite(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_for_editor(request, pk)
    if not person.email:
        messages.error(request, _("Add an e-mail address first; the invitation is sent there."))
    else:
        try:
            services.invite(person, request.user)
        except ValueError:
            messages.error(request, _("This e-mail address belongs to another person's account."))
        else:
            messages.success(
                request, _("The invitation has been sent to %(email)s.") % {"email": person.email}
            )
    return redirect(safe_path(request, request.POST.get("back", ""), reverse("members:dashboard")))
