from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from handbook.models import Edition
from meetings.models import Meeting
from members.models import Organisation
from news.models import Post

from . import emails, ratelimit
from .forms import BarrierReportForm, site_path
from .models import BarrierReport, Goal, LeadershipTerm, Page, Principle
from .templatetags.portal import Translated

# The network's own addition to the accessibility statement, if the coordinators wrote one.
ACCESSIBILITY_PAGE_SLUG = "barrierefreiheit"
# Languages with an easy-read page of their own; the others get the English one.
EASY_READ_LANGUAGES = ("de", "en")


def home(request: HttpRequest) -> HttpResponse:
    plenaries = Meeting.objects.filter(kind=Meeting.Kind.PLENARY, is_cancelled=False).select_related("place")
    context = {
        "next_meeting": plenaries.upcoming().first(),
        "recent_meetings": plenaries.past()[:3],
        "member_count": Organisation.objects.members().count(),
        "goals": Goal.objects.all()[:4],
        "news": Post.objects.public().select_related("organisation").newest_first()[:3],
    }
    return render(request, "network/home.html", context)


def about(request: HttpRequest) -> HttpResponse:
    context = {
        "editions": Edition.objects.published(),
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


def accessibility(request: HttpRequest) -> HttpResponse:
    context = {
        "statement_date": settings.ACCESSIBILITY_STATEMENT_DATE,
        "network_page": Page.objects.filter(slug=ACCESSIBILITY_PAGE_SLUG).first(),
        "site": request.build_absolute_uri("/"),
    }
    return render(request, "network/accessibility.html", context)


def _reported_page(request: HttpRequest) -> str:
    """The page a visitor reports from: ?page=, else the page they came from (not the form itself)."""
    host = request.get_host()
    page = site_path(request.GET.get("page", ""), host) or site_path(request.headers.get("Referer", ""), host)
    own_pages = {
        reverse(name) for name in ("network:accessibility", "network:barrier-report", "network:easy-read")
    }
    return "" if not page or page.split("?")[0] in own_pages else page


@require_http_methods(["GET", "POST"])
def barrier_report(request: HttpRequest) -> HttpResponse:
    limit = settings.BARRIER_REPORTS_PER_HOUR
    status = 200
    if request.method == "POST":
        form = BarrierReportForm(request.POST, host=request.get_host())
        sender = ratelimit.sender_key(request)
        if ratelimit.is_limited(BarrierReport, sender, limit):
            form.add_error(None, _("You have sent several reports in the last hour. Please try again later."))
            status = 429
        elif form.is_valid():
            # A robot that filled in the hidden field is answered like everyone else.
            if not form.is_spam():
                with transaction.atomic():
                    report = form.save(commit=False)
                    report.language = get_language() or ""
                    report.sender = sender
                    report.save()
                    transaction.on_commit(lambda: emails.barrier_report_received(report), robust=True)
            return redirect("network:barrier-report-thanks")
    else:
        form = BarrierReportForm(initial={"page": _reported_page(request)}, host=request.get_host())
    return render(request, "network/barrier_report.html", {"form": form}, status=status)


def barrier_report_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "network/barrier_report_thanks.html")


def easy_read(request: HttpRequest) -> HttpResponse:
    language = get_language()
    content_language = language if language in EASY_READ_LANGUAGES else "en"
    context = {
        "content_language": content_language,
        # Not written in this language yet: the page says so, as for untranslated content.
        "fallback": Translated("", content_language, fallback=content_language != language),
        "member_count": Organisation.objects.members().count(),
    }
    return render(request, f"network/easy_read_{content_language}.html", context)
