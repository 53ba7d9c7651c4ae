"""The lists coordinators keep for the offers: categories, topics, target groups and languages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from members import audit
from members.permissions import require_coordinator

from ..forms.lists import LanguageForm, TermForm
from ..models import Language, Term


@transaction.atomic
def save_with_log(request: HttpRequest, form: TermForm | LanguageForm) -> Term | Language:
    """Saves the entry and logs what changed. (A language's key is its code, given by the form,
    so whether it is new is asked of the instance's state, not of its key.)"""
    created = form.instance._state.adding
    before = {} if created else audit.snapshot(type(form.instance).objects.get(pk=form.instance.pk))
    obj = form.save()
    audit.record(
        request.user, "create" if created else "update", obj, before=before, after=audit.snapshot(obj)
    )
    return obj


@login_required
@require_http_methods(["GET"])
def term_list(request: HttpRequest) -> HttpResponse:
    require_coordinator(request)
    terms = Term.objects.annotate(offer_count=Count("offer")).order_by("position", "name_de", "pk")
    by_taxonomy: dict[str, list[Term]] = {value: [] for value in Term.Taxonomy.values}
    for term in terms:
        by_taxonomy.setdefault(term.taxonomy, []).append(term)
    lists = [
        {"taxonomy": value, "label": label, "terms": by_taxonomy[value]}
        for value, label in Term.Taxonomy.choices
    ]
    languages = Language.objects.annotate(offer_count=Count("offer")).order_by("position", "name_de")
    return render(request, "offers/manage/term_list.html", {"lists": lists, "languages": languages})


def _taxonomy_label(taxonomy: str) -> str:
    return dict(Term.Taxonomy.choices)[taxonomy]


@login_required
@require_http_methods(["GET", "POST"])
def term_new(request: HttpRequest, taxonomy: str) -> HttpResponse:
    require_coordinator(request)
    if taxonomy not in Term.Taxonomy.values:
        raise Http404("no such list")
    form = TermForm(request.POST or None, taxonomy=taxonomy)
    if request.method == "POST" and form.is_valid():
        term = save_with_log(request, form)
        messages.success(request, _("“%(name)s” has been added to the list.") % {"name": term.name})
        return redirect("offers:manage-terms")
    context = {"form": form, "taxonomy_label": _taxonomy_label(taxonomy)}
    return render(request, "offers/manage/term_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def term_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require_coordinator(request)
    term = get_object_or_404(Term, pk=pk)
    form = TermForm(request.POST or None, instance=term, taxonomy=term.taxonomy)
    if request.method == "POST" and form.is_valid():
        save_with_log(request, form)
        messages.success(request, _("Your changes are saved."))
        return redirect("offers:manage-terms")
    context = {
        "form": form,
        "term": term,
        "taxonomy_label": _taxonomy_label(term.taxonomy),
        "offer_count": term.offer_set.count(),
    }
    return render(request, "offers/manage/term_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def language_new(request: HttpRequest) -> HttpResponse:
    require_coordinator(request)
    form = LanguageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        language = save_with_log(request, form)
        messages.success(request, _("“%(name)s” has been added to the languages.") % {"name": language.name})
        return redirect("offers:manage-terms")
    return render(request, "offers/manage/language_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def language_edit(request: HttpRequest, code: str) -> HttpResponse:
    require_coordinator(request)
    language = get_object_or_404(Language, code=code)
    form = LanguageForm(request.POST or None, instance=language)
    if request.method == "POST" and form.is_valid():
        save_with_log(request, form)
        messages.success(request, _("Your changes are saved."))
        return redirect("offers:manage-terms")
    context = {"form": form, "language": language, "offer_count": language.offer_set.count()}
    return render(request, "offers/manage/language_form.html", context)
