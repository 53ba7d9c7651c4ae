"""The coordinators' screen of the neighbouring networks (/manage/neighbours/): the list with
each one's last import, adding, editing and removing one, and importing now."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from members import audit
from members.models import Organisation
from members.permissions import require_coordinator
from members.views.common import save_with_log
from offers import index
from offers.models import Offer

from .forms import NeighbourForm
from .models import Neighbour
from .tasks import import_neighbour_now


def _count(model: type, field: str = "neighbour") -> Coalesce:
    # A subquery each: two COUNTs over one join would multiply offers by organisations.
    rows = model.objects.filter(**{field: OuterRef("pk")}).order_by().values(field).annotate(n=Count("pk"))
    return Coalesce(Subquery(rows.values("n"), output_field=IntegerField()), 0)


@login_required
@require_http_methods(["GET"])
def neighbour_list(request: HttpRequest) -> HttpResponse:
    require_coordinator(request)
    neighbours = Neighbour.objects.annotate(
        offer_count=_count(Offer), organisation_count=_count(Organisation)
    )
    return render(request, "federation/manage/neighbour_list.html", {"neighbours": neighbours})


@login_required
@require_http_methods(["GET", "POST"])
def neighbour_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    require_coordinator(request)
    neighbour = get_object_or_404(Neighbour, pk=pk) if pk else None
    form = NeighbourForm(request.POST or None, instance=neighbour)
    if request.method == "POST" and form.is_valid():
        saved = save_with_log(request, form)
        messages.success(request, _("“%(name)s” is saved.") % {"name": saved.name})
        return redirect("federation:manage-neighbours")
    return render(request, "federation/manage/neighbour_form.html", {"form": form, "neighbour": neighbour})


@login_required
@require_http_methods(["GET", "POST"])
def neighbour_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks to confirm; POST removes the neighbour with every offer imported from it."""
    require_coordinator(request)
    neighbour = get_object_or_404(Neighbour, pk=pk)
    if request.method == "POST":
        before = audit.snapshot(neighbour)
        with transaction.atomic(), index.deferred():
            audit.record(request.user, "delete", neighbour, before=before)
            neighbour.delete()
        messages.success(
            request, _("“%(name)s” and the offers imported from it are removed.") % {"name": neighbour.name}
        )
        return redirect("federation:manage-neighbours")
    context = {"neighbour": neighbour, "offer_count": neighbour.offers.count()}
    return render(request, "federation/manage/neighbour_delete.html", context)


@login_required
@require_POST
def neighbour_import(request: HttpRequest, pk: int) -> HttpResponse:
    require_coordinator(request)
    neighbour = get_object_or_404(Neighbour, pk=pk)
    import_neighbour_now.enqueue(neighbour.pk)
    messages.success(
        request,
        _("The import of “%(name)s” is queued. The task worker runs it in a moment; this page then shows it.")
        % {"name": neighbour.name},
    )
    return redirect("federation:manage-neighbours")
