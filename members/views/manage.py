"""The members' area: the overview and the audit log."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.db.models.functions import Lower
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from ..models import AuditEntry, Organisation, Person
from ..permissions import (
    editable_organisations,
    is_coordinator,
    own_organisations,
    require_coordinator,
)
from .common import paginate


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
    # The meetings app builds on this one, so it is asked here, not imported at the top.
    from meetings.dashboard import dashboard_context

    context.update(dashboard_context(request.user))
    if coordinator:
        context["deletion_requests"] = Person.objects.filter(deletion_requested_at__isnull=False)
        context["recent"] = AuditEntry.objects.select_related("organisation")[:10]
        context["counts"] = Organisation.objects.local().aggregate(
            members=Count("pk", filter=Q(is_member=True, left_on__isnull=True)),
            left=Count("pk", filter=Q(left_on__isnull=False)),
        )
    return render(request, "members/manage/dashboard.html", context)


@login_required
@require_http_methods(["GET"])
def audit_log(request: HttpRequest) -> HttpResponse:
    require_coordinator(request)
    entries = AuditEntry.objects.select_related("organisation")
    return render(request, "members/manage/audit_log.html", {"page": paginate(request, entries)})
