"""The minutes: the public archive by year with its search, the minutes' pages and
documents, and (for coordinators) writing, sending, approving and importing them."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, F, Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from members import audit
from members.permissions import is_member, require_coordinator

from .. import minutes as services
from ..attendance import attendance_summary
from ..forms.minutes import (
    ActionItemFormSet,
    ApproveForm,
    EditMinutesForm,
    ImportForm,
    ItemFormSet,
    NewMinutesForm,
    SearchForm,
)
from ..models import ActionItem, Meeting, Minutes, visible_minutes
from ..search import excerpt, query_stems, search_minutes

RESULTS_PER_PAGE = 20
MANAGE_PAGE_SIZE = 50
# What the audit log keeps of minutes; the long texts derived from them are left out.
AUDIT_FIELDS = ["title", "year", "held_on", "meeting", "visibility", "status", "body", "document"]


def _archive(user) -> QuerySet[Minutes]:
    """What the public archive shows this user: never drafts, not even to coordinators."""
    return visible_minutes(user).exclude(status=Minutes.Status.DRAFT)


# The public archive ------------------------------------------------------------------------


@require_http_methods(["GET"])
def minutes_archive(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    context: dict[str, object] = {"form": form, "query": query}
    if query_stems(query):
        results = (
            search_minutes(_archive(request.user), query)
            .select_related("meeting")
            .prefetch_related("items", "action_items")  # what the excerpts are cut from
        )
        page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        for entry in page.object_list:
            texts = entry.searched_texts(entry.items.all(), entry.action_items.all())
            entry.excerpt = excerpt("\n".join(texts), query)
        context["page"] = page
    else:
        # No words to search for (none, or only words like "und"): the archive by year.
        context["nothing_to_search"] = bool(query)
        context["years"] = _archive(request.user).values("year").annotate(count=Count("pk")).order_by("-year")
    return render(request, "meetings/minutes_archive.html", context)


@require_http_methods(["GET"])
def minutes_year(request: HttpRequest, year: int) -> HttpResponse:
    minutes = list(_archive(request.user).filter(year=year).select_related("meeting"))
    if not minutes:
        raise Http404
    years = _archive(request.user).values_list("year", flat=True).distinct().order_by("-year")
    return render(
        request,
        "meetings/minutes_year.html",
        {"year": year, "minutes": minutes, "years": list(years)},
    )


@require_http_methods(["GET"])
def minutes_detail(request: HttpRequest, pk: int) -> HttpResponse:
    minutes = get_object_or_404(
        visible_minutes(request.user).select_related("meeting", "approved_at_meeting"), pk=pk
    )
    member = is_member(request.user)
    actions = list(minutes.action_items.select_related("person", "organisation", "item"))
    for action in actions:
        # Names of people who did not consent are for members only.
        action.shown_person = (
            action.person if action.person and (member or action.person.public_consent) else None
        )
    attendance = attendance_summary(minutes.meeting) if member and minutes.meeting else None
    return render(
        request,
        "meetings/minutes/detail.html",
        {
            "minutes": minutes,
            "items": list(minutes.items.order_by("position", "pk")),
            "actions": actions,
            "attendance": attendance,
            "today": timezone.localdate(),
        },
    )


@require_http_methods(["GET"])
def minutes_document(request: HttpRequest, pk: int) -> FileResponse:
    """The file of the minutes, for those who may see them; never a public media URL."""
    minutes = get_object_or_404(visible_minutes(request.user), pk=pk)
    if not minutes.document:
        raise Http404
    return FileResponse(
        minutes.document.open("rb"), as_attachment=False, filename=minutes.document.name.rsplit("/", 1)[-1]
    )


# Coordinators ------------------------------------------------------------------------------


def _log(request: HttpRequest, action: str, minutes: Minutes, before: dict | None = None) -> None:
    audit.record(
        request.user, action, minutes, before=before, after=audit.snapshot(minutes, fields=AUDIT_FIELDS)
    )


def _snapshot(minutes: Minutes) -> dict:
    return audit.snapshot(Minutes.objects.get(pk=minutes.pk), fields=AUDIT_FIELDS)


def _coordinators_minutes(request: HttpRequest, pk: int) -> Minutes:
    require_coordinator(request)
    return get_object_or_404(Minutes.objects.select_related("meeting"), pk=pk)


def _refuse_locked(request: HttpRequest, minutes: Minutes) -> HttpResponse:
    messages.error(request, _("These minutes are approved and locked: they cannot be changed any more."))
    return redirect("meetings:minutes-detail", minutes.pk)


def _int_or_none(value: str) -> int | None:
    return int(value) if value.isdigit() and len(value) <= 4 else None


@login_required
@require_http_methods(["GET"])
def manage_minutes(request: HttpRequest) -> HttpResponse:
    require_coordinator(request)
    minutes = Minutes.objects.select_related("meeting").annotate(
        open_actions=Count("action_items", filter=Q(action_items__done_on__isnull=True))
    )
    status = request.GET.get("status", "")
    if status in Minutes.Status.values:
        minutes = minutes.filter(status=status)
    else:
        status = ""
    year = _int_or_none(request.GET.get("year", ""))
    if year is not None:
        minutes = minutes.filter(year=year)
    page = Paginator(
        minutes.order_by("-year", F("held_on").desc(nulls_last=True), "position", "-pk"), MANAGE_PAGE_SIZE
    ).get_page(request.GET.get("page"))
    # Meetings that took place (or are close) and have no minutes yet: to start them from the agenda.
    without = Meeting.objects.filter(
        minutes__isnull=True,
        is_cancelled=False,
        starts_at__lte=timezone.now() + datetime.timedelta(days=7),
    ).order_by("-starts_at")[:6]
    return render(
        request,
        "meetings/minutes/manage_list.html",
        {
            "page": page,
            "status": status,
            "year": year,
            "statuses": Minutes.Status.choices,
            "years": Minutes.objects.values_list("year", flat=True).distinct().order_by("-year"),
            "meetings_without_minutes": without,
        },
    )


def _extract_if_new(form, minutes: Minutes) -> None:
    """The PDF's text for the search, read when a new file comes (and dropped with the file)."""
    if "document" not in form.changed_data:
        return
    document = form.cleaned_data.get("document")
    minutes.document_text = services.extract_text(document) if document else ""


@login_required
@require_http_methods(["GET", "POST"])
def manage_minutes_new(request: HttpRequest) -> HttpResponse:
    require_coordinator(request)
    form = NewMinutesForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            minutes = form.instance
            _extract_if_new(form, minutes)
            minutes = form.save()
            services.save_revision(minutes, request.user)
            _log(request, "create", minutes)
        messages.success(request, _("The minutes are saved. Now add the items."))
        return redirect("meetings:manage-minutes-edit", minutes.pk)
    return render(request, "meetings/minutes/new.html", {"form": form})


@login_required
@require_POST
def manage_minutes_start(request: HttpRequest, pk: int) -> HttpResponse:
    require_coordinator(request)
    meeting = get_object_or_404(Meeting, pk=pk)
    existed = meeting.minutes.exists()
    minutes = services.start_from_agenda(meeting, request.user)
    if existed:
        messages.info(request, _("This meeting has minutes already; here they are."))
    else:
        _log(request, "create", minutes)
        messages.success(request, _("The minutes are started, with one item for each item of the agenda."))
    return redirect("meetings:manage-minutes-edit", minutes.pk)


def _edit_forms(request: HttpRequest, minutes: Minutes):
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    form = EditMinutesForm(data, files, instance=minutes)
    items = ItemFormSet(
        data, instance=minutes, prefix="items", queryset=minutes.items.order_by("position", "pk")
    )
    actions = ActionItemFormSet(data, instance=minutes, prefix="actions")
    return form, items, actions


def _all_valid(*forms) -> bool:
    return all([form.is_valid() for form in forms])  # a list: every form shows its errors


def _edit_context(minutes: Minutes, form, items, actions, **extra) -> dict:
    return {"minutes": minutes, "form": form, "items": items, "actions": actions, **extra}


@login_required
@require_http_methods(["GET", "POST"])
def manage_minutes_edit(request: HttpRequest, pk: int) -> HttpResponse:
    minutes = _coordinators_minutes(request, pk)
    if minutes.is_locked:
        return _refuse_locked(request, minutes)
    form, items, actions = _edit_forms(request, minutes)
    if request.method == "POST" and _all_valid(form, items, actions):
        with transaction.atomic():
            before = _snapshot(minutes)
            _extract_if_new(form, minutes)
            minutes = form.save()
            items.save()
            deleted_items = {item.pk for item in items.deleted_objects}
            for action in actions.save(commit=False):
                if action.item_id in deleted_items:
                    action.item = None
                action.save()
            for action in actions.deleted_objects:
                action.delete()
            minutes.save()  # the items and action items into the search text
            services.save_revision(minutes, request.user)
            _log(request, "update", minutes, before)
        messages.success(request, _("The minutes are saved."))
        return redirect("meetings:manage-minutes-edit", minutes.pk)
    return render(request, "meetings/minutes/edit.html", _edit_context(minutes, form, items, actions))


def _kept(formset) -> list:
    """The objects of a valid formset as they would be saved: changed or existing, not deleted."""
    deleted = set(map(id, formset.deleted_forms))
    return [
        f.instance
        for f in formset.forms
        if id(f) not in deleted and (f.instance.pk is not None or f.has_changed())
    ]


@login_required
@require_POST
def manage_minutes_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The edit form's data shown as the minutes will look, without saving anything."""
    minutes = _coordinators_minutes(request, pk)
    if minutes.is_locked:
        return _refuse_locked(request, minutes)
    form, items, actions = _edit_forms(request, minutes)
    preview = None
    if _all_valid(form, items, actions):
        kept_actions = _kept(actions)
        for action in kept_actions:
            action.shown_person = action.person
        preview = {
            "minutes": form.instance,
            "items": sorted(_kept(items), key=lambda item: (item.position, item.pk or 0)),
            "actions": kept_actions,
            "new_document": "document" in form.changed_data,
        }
    return render(
        request, "meetings/minutes/edit.html", _edit_context(minutes, form, items, actions, preview=preview)
    )


@login_required
@require_POST
def manage_minutes_send(request: HttpRequest, pk: int) -> HttpResponse:
    minutes = _coordinators_minutes(request, pk)
    if minutes.is_locked:
        return _refuse_locked(request, minutes)
    before = _snapshot(minutes)
    count = services.send_for_corrections(minutes, request.user)
    _log(request, "update", minutes, before)
    if count:
        messages.success(
            request,
            ngettext(
                "The minutes are sent for corrections to %(count)d person who was present.",
                "The minutes are sent for corrections to %(count)d people who were present.",
                count,
            )
            % {"count": count},
        )
    else:
        messages.warning(
            request,
            _(
                "The minutes are marked as sent for corrections, but nobody with an e-mail address "
                "is recorded as present, so no e-mail went out."
            ),
        )
    return redirect("meetings:manage-minutes-edit", minutes.pk)


@login_required
@require_http_methods(["GET", "POST"])
def manage_minutes_approve(request: HttpRequest, pk: int) -> HttpResponse:
    minutes = _coordinators_minutes(request, pk)
    if minutes.is_locked:
        return _refuse_locked(request, minutes)
    if request.method == "POST":
        form = ApproveForm(request.POST)
        if form.is_valid():
            before = _snapshot(minutes)
            services.approve(minutes, request.user, at_meeting=form.cleaned_data["at_meeting"])
            _log(request, "update", minutes, before)
            messages.success(request, _("The minutes are approved and now locked."))
            return redirect("meetings:minutes-detail", minutes.pk)
    else:
        form = ApproveForm(initial={"at_meeting": services.next_plenary_after(minutes)})
    return render(request, "meetings/minutes/approve.html", {"minutes": minutes, "form": form})


@login_required
@require_http_methods(["GET"])
def manage_minutes_revisions(request: HttpRequest, pk: int) -> HttpResponse:
    minutes = _coordinators_minutes(request, pk)
    revisions = minutes.revisions.select_related("created_by").order_by("-number")
    return render(request, "meetings/minutes/revisions.html", {"minutes": minutes, "revisions": revisions})


@login_required
@require_http_methods(["GET", "POST"])
def manage_minutes_import(request: HttpRequest) -> HttpResponse:
    require_coordinator(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        files = [(upload.name, upload) for upload in form.cleaned_data["files"]]
        with transaction.atomic():
            report = services.import_files(files, form.cleaned_data["visibility"], request.user)
            for minutes in report.imported:
                _log(request, "create", minutes)
        if report.complete:
            messages.success(
                request,
                ngettext(
                    "%(count)d file was imported.", "%(count)d files were imported.", len(report.imported)
                )
                % {"count": len(report.imported)},
            )
            for problem in report.skipped:
                messages.info(request, f"{problem.name}: {problem.reason}")
            return redirect("meetings:manage-minutes")
        # The rejected files, with their reasons, as errors of the form; the page shows the whole report.
        for problem in report.rejected:
            form.add_error("files", f"{problem.name}: {problem.reason}")
    return render(request, "meetings/minutes/import.html", {"form": form, "report": report})


@login_required
@require_POST
def manage_action_item_done(request: HttpRequest, pk: int) -> HttpResponse:
    """Marks an action item as done today; also in approved minutes, where open items are followed up."""
    require_coordinator(request)
    action = get_object_or_404(ActionItem.objects.select_related("minutes"), pk=pk)
    if action.done_on is None:
        before = audit.snapshot(action)
        action.done_on = timezone.localdate()
        action.save(update_fields=["done_on"])
        audit.record(request.user, "update", action, before=before, after=audit.snapshot(action))
        messages.success(request, _("The action item is marked as done."))
    else:
        messages.info(request, _("The action item was done already."))
    return redirect("meetings:minutes-detail", action.minutes_id)
