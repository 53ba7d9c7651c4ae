from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from handbook.models import Edition
from meetings.models import Meeting
from members.models import Organisation

from .models import Goal, LeadershipTerm, Page, Principle


def home(request: HttpRequest) -> HttpResponse:
    plenaries = Meeting.objects.filter(kind=Meeting.Kind.PLENARY, is_cancelled=False).select_related("place")
    context = {
        "next_meeting": plenaries.upcoming().first(),
        "recent_meetings": plenaries.past()[:3],
        "member_count": Organisation.objects.members().count(),
        "goals": Goal.objects.all()[:4],
    }
    return render(request, "network/home.html", context)


def about(request: HttpRequest) -> HttpResponse:
    context = {
        "editions": Edition.objects.all(),
        "member_count": Organisation.objects.members().count(),
    }
    return render(request, "network/about.html", context)


def principles(request: HttpRequest) -> HttpResponse:
    return render(request, "network/principles.html", {"principles": Principle.objects.all()})


def goals(request: HttpRequest) -> HttpResponse:
    return render(request, "network/goals.html", {"goals": Goal.objects.all()})


def leadership(request: HttpRequest) -> HttpResponse:
    terms = LeadershipTerm.objects.select_related("person", "organisation")
    context = {
        "current": terms.current(),
        "former": terms.filter(ended_on__isnull=False).order_by("-ended_on"),
    }
    return render(request, "network/leadership.html", context)


def page(request: HttpRequest, slug: str) -> HttpResponse:
    return render(request, "network/page.html", {"page": get_object_or_404(Page, slug=slug)})
