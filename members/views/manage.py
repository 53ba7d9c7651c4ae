"""The members' area: coordinators run the network, editors keep their organisation up to date."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q
from django.db.models.functions import Lower
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from network.models import LeadershipTerm, Page
from netzwerk.client import safe_path

from .. import audit, services
from ..forms import (
    ContactForm,
    CoordinatorRoleForm,
    LeadershipTermForm,
    LeaveForm,
    OrganisationForm,
    OrganisationProfileForm,
    PageForm,
    PersonForm,
    UnitForm,
)
from ..models import AuditEntry, Organisation, OrganisationKind, Person
from ..permissions import (
    affiliation_for_editor,
    editable_organisations,
    is_coordinator,
    organisation_for_editor,
    own_organisations,
    person_for_editor,
    require_coordinator,
)

PAGE_SIZE = 50


def unique_slug(name: str) -> str:
    base = slugify(name)[:190] or "organisation"
    slug, number = base, 1
    while Organisation.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _page(request: HttpRequest, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


@transaction.atomic
def _save_with_log(request: HttpRequest, form, organisation: Organisation | None = None):
    """Saves a model form and logs what changed."""
    created = form.instance.pk is None
    before = {} if created else audit.snapshot(type(form.instance).objects.get(pk=form.instance.pk))
    obj = form.save()
    if organisation is None and isinstance(obj, Organisation):
        organisation = obj
    audit.record(
        request.user,
        "create" if created else "update",
        obj,
        organisation=organisation,
        before=before,
        after=audit.snapshot(obj),
    )
    return obj


@login_required
@require_http_methods(["GET"])
def dashboard(request: HttpRequest) -> HttpResponse:
    coordinator = is_coordinator(request.user)
    context = {
        "coordinator": coordinator,
        "organisations": own_organisations(request.user).select_related("parent").order_by(Lower("name")),
        "editable_ids": set(editable_organisations(request.user).values_list("pk", flat=True))
        if not coordinator
        else None,
    }
    if coordinator:
        context["deletion_requests"] = Person.objects.filter(deletion_requested_at__isnull=False)
        context["recent"] = AuditEntry.objects.select_related("organisation")[:10]
        context["counts"] = Organisation.objects.aggregate(
            members=Count("pk", filter=Q(is_member=True, left_on__isnull=True)),
            left=Count("pk", filter=Q(left_on__isnull=False)),
        )
    return render(request, "members/manage/dashboard.html", context)


# Organisations ----------------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def organisation_list(request: HttpRequest) -> HttpResponse:
    require_coordinator(request)
    organisations = Organisation.objects.select_related("kind", "parent").annotate(
        contact_count=Count("affiliations", filter=Q(affiliations__ended_on__isnull=True))
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
        "page": _page(request, organisations.order_by(Lower("name"))),
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
        organisation = _save_with_log(request, form)
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
        organisation = _save_with_log(request, form)
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
        unit = _save_with_log(request, form, organisation=parent)
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
        {"organisation": organisation, "page": _page(request, entries)},
    )


@login_required
@require_http_methods(["GET"])
def audit_log(request: HttpRequest) -> HttpResponse:
    require_coordinator(request)
    entries = AuditEntry.objects.select_related("organisation")
    return render(request, "members/manage/audit_log.html", {"page": _page(request, entries)})


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


# People (coordinators) --------------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def person_list(request: HttpRequest) -> HttpResponse:
    require_coordinator(request)
    people = Person.objects.select_related("user").annotate(
        organisation_count=Count("affiliations", filter=Q(affiliations__ended_on__isnull=True))
    )
    query = request.GET.get("q", "").strip()
    if query:
        people = people.filter(Q(name__icontains=query) | Q(email__icontains=query))
    show = request.GET.get("show", "")
    if show == "deletion":
        people = people.filter(deletion_requested_at__isnull=False)
    elif show == "coordinators":
        people = people.filter(user__is_coordinator=True)
    elif show == "no-account":
        people = people.filter(user__isnull=True, anonymised_at__isnull=True)
    context = {"page": _page(request, people.order_by(Lower("name"))), "query": query, "show": show}
    return render(request, "members/manage/person_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require_coordinator(request)
    person = get_object_or_404(Person.objects.select_related("user"), pk=pk)
    form = PersonForm(request.POST or None, instance=person)
    user = person.user
    role_form = CoordinatorRoleForm(
        request.POST or None, initial={"is_coordinator": bool(user and user.is_coordinator)}, prefix="role"
    )
    if request.method == "POST" and form.is_valid() and role_form.is_valid():
        with transaction.atomic():
            _save_with_log(request, form)
            wanted = role_form.cleaned_data["is_coordinator"]
            if user is not None and user.is_coordinator != wanted:
                before = audit.snapshot(user, ["is_coordinator"])
                user.is_coordinator = wanted
                user.save(update_fields=["is_coordinator"])
                audit.record(
                    request.user,
                    "update",
                    user,
                    before=before,
                    after=audit.snapshot(user, ["is_coordinator"]),
                )
        messages.success(request, _("Your changes are saved."))
        return redirect("members:manage-person", person.pk)
    context = {
        "form": form,
        "role_form": role_form,
        "person": person,
        "affiliations": person.affiliations.select_related("organisation"),
    }
    return render(request, "members/manage/person_form.html", context)


@login_required
@require_POST
def person_anonymise(request: HttpRequest, pk: int) -> HttpResponse:
    require_coordinator(request)
    person = get_object_or_404(Person, pk=pk, anonymised_at__isnull=True)
    if person.user_id == request.user.pk:
        messages.error(request, _("You cannot anonymise yourself; ask another coordinator."))
        return redirect("members:manage-person", pk)
    services.anonymise(person, request.user)
    messages.success(request, _("The person has been anonymised. Minutes and attendance lists stay whole."))
    return redirect("members:manage-people")


# Leadership and pages (coordinators) ------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def leadership_list(request: HttpRequest) -> HttpResponse:
    require_coordinator(request)
    terms = LeadershipTerm.objects.select_related("person", "organisation").order_by(
        "ended_on", "position", "person__name"
    )
    return render(request, "members/manage/leadership_list.html", {"terms": terms})


@login_required
@require_http_methods(["GET", "POST"])
def leadership_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    require_coordinator(request)
    term = get_object_or_404(LeadershipTerm, pk=pk) if pk else None
    form = LeadershipTermForm(request.POST or None, instance=term)
    form.fields["person"].queryset = Person.objects.filter(anonymised_at__isnull=True)
    if request.method == "POST" and form.is_valid():
        term = _save_with_log(request, form, organisation=form.cleaned_data["organisation"])
        messages.success(request, _("Your changes are saved."))
        return redirect("members:manage-leadership")
    return render(request, "members/manage/leadership_form.html", {"form": form, "term": term})


@login_required
@require_http_methods(["GET"])
def page_list(request: HttpRequest) -> HttpResponse:
    require_coordinator(request)
    return render(request, "members/manage/page_list.html", {"pages": Page.objects.all()})


@login_required
@require_http_methods(["GET", "POST"])
def page_edit(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    require_coordinator(request)
    page = get_object_or_404(Page, slug=slug) if slug else None
    form = PageForm(request.POST or None, instance=page)
    if request.method == "POST" and form.is_valid():
        page = _save_with_log(request, form)
        messages.success(request, _("The page is saved."))
        return redirect("members:manage-pages")
    return render(request, "members/manage/page_form.html", {"form": form, "page": page})
