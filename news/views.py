"""The public news: the list, newest first, and one page per news item."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods

from members.permissions import is_coordinator, is_member

from .models import Post

PAGE_SIZE = 20


@require_http_methods(["GET"])
def news_list(request: HttpRequest) -> HttpResponse:
    posts = Post.objects.visible_to(request.user).select_related("organisation").newest_first()
    page = Paginator(posts, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "news/list.html", {"page": page, "is_member": is_member(request.user)})


@require_http_methods(["GET"])
def news_detail(request: HttpRequest, slug: str) -> HttpResponse:
    # Coordinators also open drafts and scheduled news here, to see them as they will look.
    posts = Post.objects.all() if is_coordinator(request.user) else Post.objects.visible_to(request.user)
    post = get_object_or_404(posts.select_related("organisation"), slug=slug)
    return render(request, "news/detail.html", {"post": post})
