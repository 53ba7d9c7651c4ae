"""The lists coordinators keep for the offers: categories, topics, target groups and languages.

The three lists and the languages are shown the same way (one section each on the list page)
and kept on the same form page (offers/manage/term_form.html); each view says only what is its
own: which entry, which form, what the page is called."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count, Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from members import audit
from members.permissions import require_coordinator

from ..forms.lists import EntryForm, LanguageForm, TermForm
from ..models import Language, Term

FORM_TEMPLATE = "offers/manage/term_form.html"


@dataclass
class ListSection:
    """One list on the list page: its entries (with url, key, offer_count and missing), and how
    to add one."""

    id: str
    label: str
    key_label: str  # what the key column is called: short name or code
    entries: list
    add_url: str
    add_label: str
    empty: str


@login_required
@require_http_methods(["GET"])
def term_list(request: HttpRequest) -> HttpResponse:
    require_coordinator(request)
    terms = Term.objects.annotate(offer_count=Count("offer")).order_by("position", "name_de", "pk")
    by_taxonomy: dict[str, list[Term]] = {value: [] for value in Term.Taxonomy.values}
    for term in terms:
        by_taxonomy.setdefault(term.taxonomy, []).append(
            _listed(term, reverse("offers:manage-term", args=[term.pk]), term.slug)
        )
    sections = [
        ListSection(
            id=f"list-{taxonomy}",
            label=label,
            key_label=_("Short name"),
            entries=by_taxonomy[taxonomy],
            add_url=reverse("offers:manage-term-new", args=[taxonomy]),
            add_label=_("Add to “%(list)s”") % {"list": label},
            empty=_("This list has no entries yet."),
        )
        for taxonomy, label in Term.Taxonomy.choices
    ]
    languages = Language.objects.annotate(offer_count=Count("offer")).order_by("position", "name_de")
    sections.append(
        ListSection(
            id="languages",
            label=_("Languages"),
            key_label=_("Code"),
            entries=[
                _listed(language, reverse("offers:manage-language", args=[language.code]), language.code)
                for language in languages
            ],
            add_url=reverse("offers:manage-language-new"),
            add_label=_("Add a language"),
            empty=_("No languages yet."),
        )
    )
    return render(request, "offers/manage/term_list.html", {"sections": sections})


def _listed(entry: Term | Language, url: str, key: str) -> Term | Language:
    """The entry with what its row shows: its page, its key, and the languages of the site its
    name is not yet translated into."""
    entry.url, entry.key = url, key
    entry.missing = [code for code, _name in settings.LANGUAGES[1:] if not getattr(entry, f"name_{code}")]
    return entry


@login_required
@require_http_methods(["GET", "POST"])
def term_new(request: HttpRequest, taxonomy: str) -> HttpResponse:
    require_coordinator(request)
    if taxonomy not in Term.Taxonomy.values:
        raise Http404("no such list")
    label = Term.Taxonomy(taxonomy).label
    form = TermForm(request.POST or None, taxonomy=taxonomy)
    heading = _("Add to “%(list)s”") % {"list": label}
    return _entry_page(
        request, form, heading, eyebrow=label, added=_("“%(name)s” has been added to the list.")
    )


@login_required
@require_http_methods(["GET", "POST"])
def term_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require_coordinator(request)
    term = get_object_or_404(Term, pk=pk)
    form = TermForm(request.POST or None, instance=term, taxonomy=term.taxonomy)
    return _entry_page(request, form, heading=term.name, eyebrow=term.get_taxonomy_display())


@login_required
@require_http_methods(["GET", "POST"])
def language_new(request: HttpRequest) -> HttpResponse:
    require_coordinator(request)
    form = LanguageForm(request.POST or None)
    added = _("“%(name)s” has been added to the languages.")
    return _entry_page(request, form, _("Add a language"), eyebrow=_("Languages"), added=added)


@login_required
@require_http_methods(["GET", "POST"])
def language_edit(request: HttpRequest, code: str) -> HttpResponse:
    require_coordinator(request)
    language = get_object_or_404(Language, code=code)
    form = LanguageForm(request.POST or None, instance=language)
    return _entry_page(request, form, heading=language.name, eyebrow=_("Languages"), key=language.code)


def _entry_page(
    request: HttpRequest, form: EntryForm, heading: str, eyebrow: str, key: str = "", added: str = ""
) -> HttpResponse:
    """The form page of a list entry or a language, new or existing; saved, back to the lists.
    `added`: the message for a new entry, with its %(name)s."""
    adding = form.instance._state.adding
    if request.method == "POST" and form.is_valid():
        entry = save_with_log(request, form)
        messages.success(request, added % {"name": entry.name} if adding else _("Your changes are saved."))
        return redirect("offers:manage-terms")
    context = {
        "form": form,
        "heading": heading,
        "eyebrow": eyebrow,
        "key": key,
        "offer_count": None if adding else form.instance.offer_set.count(),
    }
    return render(request, FORM_TEMPLATE, context)


@transaction.atomic
def save_with_log(request: HttpRequest, form: EntryForm) -> Model:
    """Saves the entry and logs what changed. (A language's key is its code, given by the form,
    so whether it is new is asked of the instance's state, not of its key.)"""
    created = form.instance._state.adding
    before = {} if created else audit.snapshot(type(form.instance).objects.get(pk=form.instance.pk))
    obj = form.save()
    audit.record(
        request.user, "create" if created else "update", obj, before=before, after=audit.snapshot(obj)
    )
    return obj
