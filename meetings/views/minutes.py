"""The minutes: the public archive by year, the documents, and (for coordinators) writing them."""

from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from ..models import visible_minutes


def minutes_archive(request: HttpRequest) -> HttpResponse:
    years = visible_minutes(request.user).values("year").annotate(count=Count("pk")).order_by("-year")
    return render(request, "meetings/minutes_archive.html", {"years": years})


def minutes_year(request: HttpRequest, year: int) -> HttpResponse:
    minutes = list(visible_minutes(request.user).filter(year=year).select_related("meeting"))
    if not minutes:
        raise Http404
    years = visible_minutes(request.user).values_list("year", flat=True).distinct().order_by("-year")
    return render(
        request,
        "meetings/minutes_year.html",
        {"year": year, "minutes": minutes, "years": list(years)},
    )


def minutes_document(request: HttpRequest, pk: int) -> FileResponse:
    """The file of the minutes, for those who may see them; never a public media URL."""
    minutes = get_object_or_404(visible_minutes(request.user), pk=pk)
    if not minutes.document:
        raise Http404
    return FileResponse(
        minutes.document.open("rb"), as_attachment=False, filename=minutes.document.name.rsplit("/", 1)[-1]
    )
