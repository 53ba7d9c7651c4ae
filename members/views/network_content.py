"""The network's leadership terms and pages (coordinators)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from network.models import LeadershipTerm, Page

from ..forms import (
    LeadershipTermForm,
    PageForm,
)
from ..models import Person
from ..permissions import (
    require_coordinator,
)
from .common import save_with_log

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
        term = save_with_log(request, form, organisation=form.cleaned_data["organisation"])
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
        page = save_with_log(request, form)
        messages.success(request, _("The page is saved."))
        return redirect("members:manage-pages")
    return render(request, "members/manage/page_form.html", {"form": form, "page": page})
