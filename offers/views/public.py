"""The public directory: the search page and an offer's page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from ..models import Offer
from ..search import SearchParams, search


def offer_search(request: HttpRequest) -> HttpResponse:
    params = SearchParams(q=request.GET.get("q", "").strip()[:200])
    return render(request, "offers/search.html", {"params": params, "result": search(params)})


def offer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    offer = get_object_or_404(Offer.objects.public().select_related("organisation"), pk=pk)
    return render(request, "offers/detail.html", {"offer": offer})
