"""People and their accounts (coordinators)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count, Q
from django.db.models.functions import Lower
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .. import audit, services
from ..forms import (
    CoordinatorRoleForm,
    PersonForm,
)
from ..models import Person
from ..permissions import (
    require_coordinator,
)
from .common import paginate, save_with_log

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
    context = {"page": paginate(request, people.order_by(Lower("name"))), "query": query, "show": show}
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
            save_with_log(request, form)
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
