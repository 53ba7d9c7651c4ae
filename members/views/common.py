"""Shared by the views of the members' area: paging and saving with an audit entry."""

from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest
from django.utils.text import slugify

from .. import audit
from ..models import Organisation

PAGE_SIZE = 50


def unique_slug(name: str) -> str:
    base = slugify(name)[:190] or "organisation"
    slug, number = base, 1
    while Organisation.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def paginate(request: HttpRequest, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


@transaction.atomic
def save_with_log(request: HttpRequest, form, organisation: Organisation | None = None):
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
