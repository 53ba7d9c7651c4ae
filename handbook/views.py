"""The handbook's editions: the coordinators' page (start an edition, print a PDF again)
and the public downloads. The handbook holds only public data (handbook/content.py),
so its PDFs are for everyone."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from members.permissions import require_coordinator
from offers.models import Offer

from . import content, services
from .forms import StartEditionForm
from .models import LANGUAGES, Build, Edition, Paper

# Downloads do not change: a finished PDF is never printed again.
DOWNLOAD_CACHE_SECONDS = 24 * 60 * 60


def _build(number: int, variant: str, **filters) -> Build:
    """The PDF of edition `number` in `variant` ("de-a4"), or 404."""
    language, _separator, paper = variant.partition("-")
    if language not in LANGUAGES or paper not in Paper.values:
        raise Http404
    return get_object_or_404(
        Build.objects.select_related("edition"),
        edition__number=number,
        language=language,
        paper=paper,
        **filters,
    )


# Public ------------------------------------------------------------------------------------


@require_safe
def download(request: HttpRequest, number: int, variant: str) -> FileResponse:
    build = _build(number, variant, status=Build.Status.DONE)
    if not build.file:
        raise Http404
    response = FileResponse(build.file.open("rb"), filename=build.filename(), content_type="application/pdf")
    response["Cache-Control"] = f"public, max-age={DOWNLOAD_CACHE_SECONDS}"
    return response


@require_safe
def document(request: HttpRequest, number: int) -> FileResponse:
    """The uploaded PDF of an edition made before the portal printed them."""
    edition = get_object_or_404(Edition, number=number)
    if not edition.document:
        raise Http404
    return FileResponse(
        edition.document.open("rb"), filename=f"handbuch-{number}.pdf", content_type="application/pdf"
    )


# Coordinators ------------------------------------------------------------------------------


def _page(request: HttpRequest, form: StartEditionForm, status: int = 200) -> HttpResponse:
    foreword = content.foreword()
    context = {
        "form": form,
        "editions": Edition.objects.prefetch_related("builds"),
        "next_number": Edition.objects.next_number(),
        "running": services.running_edition(),
        "foreword": foreword,
        "foreword_written": bool(foreword and (foreword.body_de or "").strip()),
        "foreword_slug": content.FOREWORD_SLUG,
        "organisation_count": len(content.printed_organisations()),
        "offer_count": Offer.objects.public().local().count(),
    }
    return render(request, "handbook/manage/editions.html", context, status=status)


@login_required
@require_http_methods(["GET"])
def manage_editions(request: HttpRequest) -> HttpResponse:
    require_coordinator(request)
    return _page(request, StartEditionForm())


@login_required
@require_POST
def manage_edition_new(request: HttpRequest) -> HttpResponse:
    require_coordinator(request)
    form = StartEditionForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=400)
    try:
        edition = services.start_edition(
            form.cleaned_data["languages"], form.cleaned_data["paper"], request.user
        )
    except services.EditionBusy as busy:
        messages.error(
            request,
            _("Edition %(number)s is still being printed. Start the next one when it is finished.")
            % {"number": busy.edition.number},
        )
        return redirect("handbook:manage-editions")
    messages.success(
        request,
        _("Edition %(number)s is being printed. This page shows when its PDFs are ready.")
        % {"number": edition.number},
    )
    return redirect("handbook:manage-editions")


@login_required
@require_POST
def manage_build_retry(request: HttpRequest, number: int, variant: str) -> HttpResponse:
    require_coordinator(request)
    build = _build(number, variant)
    if services.retry(build, request.user):
        messages.success(request, _("The PDF is being printed again, from today's data."))
    else:
        messages.info(request, _("This PDF has not failed: there is nothing to try again."))
    return redirect("handbook:manage-editions")
