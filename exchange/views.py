"""Imports and exports in the members' area, for coordinators.

The exports hold contact people (members-only data): coordinators are members, and the
views ask `is_member` for them all the same, so that opening the exports to members later
cannot let them out. An import is two steps: the upload is checked and kept with its
preview (ImportBatch); the import button checks again and writes.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from members.permissions import is_member, require_coordinator

from . import exports, imports
from .forms import UploadForm
from .models import IMPORT_KINDS, ImportBatch, Kind
from .tables import Table

# How many rows to be created or updated the preview lists; errors are always listed whole.
PREVIEW_ROWS = 500


def _download(file: exports.ExportFile) -> HttpResponse:
    if isinstance(file.chunks, list):
        response: HttpResponse | StreamingHttpResponse = HttpResponse(b"".join(file.chunks))
    else:
        response = StreamingHttpResponse(file.chunks)
    response["Content-Type"] = file.content_type
    response["Content-Disposition"] = f'attachment; filename="{file.filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _manage_page(request: HttpRequest, form: UploadForm, status: int = 200) -> HttpResponse:
    context = {
        "form": form,
        "exports": Kind.choices,
        "import_kinds": IMPORT_KINDS,
        "formats": list(exports.FORMATS),
        "with_contacts": is_member(request.user),
        "pending": ImportBatch.objects.filter(status=ImportBatch.Status.PENDING).select_related("created_by")[
            :5
        ],
    }
    return render(request, "exchange/manage.html", context, status=status)


@login_required
@require_safe
def manage(request: HttpRequest) -> HttpResponse:
    require_coordinator(request)
    return _manage_page(request, UploadForm())


@login_required
@require_safe
def export(request: HttpRequest, kind: str, format: str) -> HttpResponse:
    require_coordinator(request)
    if kind not in Kind.values or format not in exports.FORMATS:
        raise Http404
    with_contacts = kind == Kind.ORGANISATIONS and is_member(request.user)
    return _download(exports.build(kind, format, with_contacts=with_contacts))


@login_required
@require_safe
def template(request: HttpRequest, kind: str, format: str) -> HttpResponse:
    """An empty file with the columns an import takes: to fill in."""
    require_coordinator(request)
    if kind not in dict(IMPORT_KINDS) or format not in ("csv", "xlsx"):
        raise Http404
    return _download(exports.build(kind, format, header_only=True))


@login_required
@require_POST
def upload(request: HttpRequest) -> HttpResponse:
    require_coordinator(request)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _manage_page(request, form, status=400)
    kind, table = form.cleaned_data["kind"], form.table
    plan, _importer = imports.check(kind, table.columns, table.rows)
    with transaction.atomic():
        ImportBatch.objects.expired().delete()
        batch = ImportBatch.objects.create(
            kind=kind,
            file_name=form.cleaned_data["file"].name[:255],
            rows=table.rows,
            columns=table.columns,
            plan=plan.as_json(),
            created_by=request.user,
        )
    return redirect("exchange:import-preview", batch.pk)


def _preview_page(request: HttpRequest, batch: ImportBatch, plan: imports.Plan) -> HttpResponse:
    changing = [row for row in plan.rows if row.action in ("create", "update") and not row.errors]
    context = {
        "batch": batch,
        "plan": plan,
        "counts": plan.counts(),
        "changing": changing[:PREVIEW_ROWS],
        "more": max(0, len(changing) - PREVIEW_ROWS),
        "bad_rows": plan.bad_rows,
    }
    return render(request, "exchange/preview.html", context)


@login_required
@require_safe
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    require_coordinator(request)
    batch = get_object_or_404(ImportBatch, pk=pk)
    return _preview_page(request, batch, imports.Plan.from_json(batch.plan))


@login_required
@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    require_coordinator(request)
    batch = get_object_or_404(ImportBatch, pk=pk)
    if not batch.is_pending:
        messages.info(request, _("This file has been imported already."))
        return redirect("exchange:import-preview", batch.pk)
    table = Table(columns=batch.columns, rows=[(number, cells) for number, cells in batch.rows])
    with transaction.atomic():
        # Two clicks, or two coordinators: the second waits here and then finds it imported.
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if not batch.is_pending:
            return redirect("exchange:import-preview", batch.pk)
        plan = imports.apply(batch.kind, table.columns, table.rows, request.user)
        batch.plan = plan.as_json()
        if plan.is_valid:
            batch.status, batch.imported_at = ImportBatch.Status.IMPORTED, timezone.now()
            imports.log_import(request.user, batch, plan.counts())
        batch.save()
    if not plan.is_valid:
        messages.error(
            request, _("The data has changed since the preview: nothing was imported. See below why.")
        )
        return redirect("exchange:import-preview", batch.pk)
    counts = plan.counts()
    messages.success(
        request,
        _("Imported: %(create)s added, %(update)s changed, %(unchanged)s unchanged.") % counts,
    )
    return redirect("exchange:import-preview", batch.pk)
