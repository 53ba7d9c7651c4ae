"""The coordinators' screens for news: list, write, publish, unpublish, delete."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from members import audit
from members.permissions import require_coordinator

from .forms import PostForm
from .models import Post

PAGE_SIZE = 50
# What the log keeps: the texts in each language once, and how the item is published.
AUDIT_FIELDS = [*PostForm._meta.fields, "author"]


def _coordinators_post(request: HttpRequest, pk: int) -> Post:
    require_coordinator(request)
    return get_object_or_404(Post, pk=pk)


def _log(request: HttpRequest, action: str, post: Post, before: dict | None = None) -> None:
    audit.record(
        request.user,
        action,
        post,
        organisation=post.organisation,
        before=before,
        after=audit.snapshot(post, AUDIT_FIELDS),
    )


@login_required
@require_http_methods(["GET"])
def manage_list(request: HttpRequest) -> HttpResponse:
    require_coordinator(request)
    # Drafts first: they are what a coordinator is working on; then the newest.
    posts = Post.objects.select_related("author", "organisation").order_by(
        F("published_at").desc(nulls_first=True), "-pk"
    )
    page = Paginator(posts, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "news/manage/list.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def manage_new(request: HttpRequest) -> HttpResponse:
    require_coordinator(request)
    form = PostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            post = form.save(commit=False)
            post.author = request.user
            post.save()
            _log(request, "create", post)
        messages.success(request, _("The news item is saved."))
        return redirect("news:manage-edit", post.pk)
    return render(request, "news/manage/form.html", {"form": form, "post": None})


@login_required
@require_http_methods(["GET", "POST"])
def manage_edit(request: HttpRequest, pk: int) -> HttpResponse:
    post = _coordinators_post(request, pk)
    form = PostForm(request.POST or None, instance=post)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            before = audit.snapshot(Post.objects.get(pk=post.pk), AUDIT_FIELDS)
            post = form.save()
            _log(request, "update", post, before)
        messages.success(request, _("The news item is saved."))
        return redirect("news:manage-edit", post.pk)
    return render(request, "news/manage/form.html", {"form": form, "post": post})


@login_required
@require_POST
def manage_publish(request: HttpRequest, pk: int) -> HttpResponse:
    """Publishes a draft or a scheduled news item now."""
    post = _coordinators_post(request, pk)
    if post.status == Post.Status.PUBLISHED:
        messages.info(request, _("This news item is published already."))
        return redirect("news:manage-edit", post.pk)
    _set_published_at(request, post, timezone.now())
    messages.success(request, _("The news item is published."))
    return redirect("news:manage-edit", post.pk)


@login_required
@require_POST
def manage_unpublish(request: HttpRequest, pk: int) -> HttpResponse:
    """Takes a published or scheduled news item back to a draft."""
    post = _coordinators_post(request, pk)
    if post.status == Post.Status.DRAFT:
        messages.info(request, _("This news item is a draft already."))
        return redirect("news:manage-edit", post.pk)
    _set_published_at(request, post, None)
    messages.success(request, _("The news item is a draft again: only coordinators see it."))
    return redirect("news:manage-edit", post.pk)


def _set_published_at(request: HttpRequest, post: Post, when) -> None:
    """Publishes (a time) or takes back to a draft (None), with its entry in the audit log."""
    with transaction.atomic():
        before = audit.snapshot(post, AUDIT_FIELDS)
        post.published_at = when
        post.save(update_fields=["published_at", "updated_at"])
        _log(request, "update", post, before)


@login_required
@require_http_methods(["GET", "POST"])
def manage_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Asks first (GET), deletes on the answer (POST)."""
    post = _coordinators_post(request, pk)
    if request.method == "POST":
        with transaction.atomic():
            before = audit.snapshot(post, AUDIT_FIELDS)
            audit.record(request.user, "delete", post, organisation=post.organisation, before=before)
            post.delete()
        messages.success(request, _("The news item is deleted."))
        return redirect("news:manage-list")
    return render(request, "news/manage/delete.html", {"post": post})
