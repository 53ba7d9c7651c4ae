"""Pages of the API's lists: ?page=2&page_size=50, with the number of results and the
addresses of the next and previous page.

A page past the last is empty (not the last page again), so that a client that counts
pages up until one is empty stops.
"""

from typing import Generic, TypeVar

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field
from pydantic import BaseModel

from .http import LanguageParams

PAGE_SIZE = 50
MAX_PAGE_SIZE = 100
# Far beyond any list the portal has; keeps OFFSETs small.
MAX_PAGE = 10_000

Item = TypeVar("Item")


class PageParams(LanguageParams):
    page: int = Field(1, ge=1, le=MAX_PAGE, description="The page, from 1.")
    page_size: int = Field(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Results per page.")


class Page(BaseModel, Generic[Item]):
    count: int = Field(description="The number of results on all pages.")
    page: int
    page_size: int
    next: str | None = Field(description="The address of the next page; null on the last.")
    previous: str | None = Field(description="The address of the previous page; null on the first.")
    results: list[Item]


def page_url(request: HttpRequest, number: int) -> str:
    """This request's address on another page, with its other parameters as they were."""
    query = request.GET.copy()
    query["page"] = str(number)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def page_links(request: HttpRequest, number: int, size: int, count: int) -> dict:
    """count, page, page_size, next and previous of the page `number` of `count` results."""
    last = max(1, -(-count // size))
    return {
        "count": count,
        "page": number,
        "page_size": size,
        "next": page_url(request, number + 1) if number < last else None,
        "previous": page_url(request, min(number, last + 1) - 1) if number > 1 else None,
    }


def paginate(request: HttpRequest, queryset: QuerySet, params: PageParams) -> tuple[dict, list]:
    """One page of an ordered queryset: its links (two queries: the count and the page)."""
    start = (params.page - 1) * params.page_size
    count = queryset.count()
    rows = list(queryset[start : start + params.page_size]) if start < count else []
    return page_links(request, params.page, params.page_size, count), rows
