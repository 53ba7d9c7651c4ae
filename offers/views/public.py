"""The public directory: the search page and an offer's page.

The search page is one GET form and plain links: every search, filter, sort and
page is a URL that can be shared, bookmarked and opened without JavaScript.
Whatever a URL holds is read defensively: values the directory does not know are
left out, page numbers are clamped, and no request makes the page fail.

With JavaScript, htmx sends the same requests with an `HX-Request` header and gets
the results region alone (filters, results, pager: templates/offers/public/_region.html)
with the address to show (`HX-Push-Url`); every answer says it varies with that header.
"""

import math
import re
from dataclasses import dataclass, field, replace
from html import escape
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db.models import Avg, Q
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from members.models import District
from network.templatetags.portal import Translated, TranslatedList, translated

from ..models import Language, Location, Offer, Term
from ..search import CHANNELS, SORTS, SearchParams, search
from .listing import (
    CHANNEL_NAMES,
    OfferUrls,
    OfferView,
    Words,
    has_coordinates,
    map_settings,
    not_confirmed_label,
    offer_view,
)

# The filters, in the order the page shows them; each is a GET parameter of the same name.
FILTERS = ("category", "topic", "target_group", "language", "city", "district", "channel", "free")
FILTER_NAMES = {
    "category": _("Category"),
    "topic": _("Topic"),
    "target_group": _("Target group"),
    "language": _("Language spoken"),
    "city": _("Town"),
    "district": _("City or district"),
    "channel": _("How to reach it"),
    "free": _("Costs"),
}
TERM_FILTERS = {
    "category": Term.Taxonomy.CATEGORY,
    "topic": Term.Taxonomy.TOPIC,
    "target_group": Term.Taxonomy.TARGET_GROUP,
}
SORT_NAMES = {"relevance": _("Best match"), "name": _("Name"), "distance": _("Distance")}
# Every parameter the page understands, in the order its URLs spell them.
PARAMETERS = ("q", *FILTERS, "sort", "near", "lat", "lng", "page")
FALSE = {"", "0", "false", "no", "off"}
MAX_PAGE = 1000
CITIES_KEY = "offers:public:cities"
CITIES_SECONDS = 600
WHITESPACE = re.compile(r"\s")


# ---------------------------------------------------------------------------------------------
# Reading the URL


def _text(query: QueryDict, name: str, length: int = 100) -> str:
    """A parameter as plain text: trimmed, shortened, without NUL characters (no database takes those)."""
    return query.get(name, "").replace("\x00", "").strip()[:length]


def _page_number(query: QueryDict) -> int:
    try:
        number = int(_text(query, "page", 10))
    except ValueError:
        return 1
    return min(max(number, 1), MAX_PAGE)


def _coordinate(query: QueryDict, name: str, limit: float) -> float | None:
    try:
        value = float(_text(query, name, 30))
    except ValueError:
        return None
    return value if math.isfinite(value) and -limit <= value <= limit else None


def city_coordinates() -> dict[str, tuple[float, float]]:
    """The towns of the public offers' places, each at the average of its places' coordinates:
    what "distance from" offers. Kept for some minutes, so that a search costs no query for it."""
    cities = cache.get(CITIES_KEY)
    if cities is None:
        rows = (
            Location.objects.filter(
                offer__in=Offer.objects.public(), latitude__isnull=False, longitude__isnull=False
            )
            .values("city")
            .annotate(lat=Avg("latitude"), lng=Avg("longitude"))
            .order_by("city")
        )
        cities = {row["city"]: (float(row["lat"]), float(row["lng"])) for row in rows if row["city"]}
        cache.set(CITIES_KEY, cities, CITIES_SECONDS)
    return cities


@dataclass
class Selection:
    """What the URL asks for, checked: unknown values are left out."""

    state: dict[str, str]  # the parameters for links, without the page
    params: SearchParams
    terms: dict[str, Term] = field(default_factory=dict)  # filter name -> the selected term
    language: Language | None = None
    my_language: Language | None = None  # the interface's language, if offers can be spoken in it
    sort: str = "relevance"  # as asked; "distance" without a place falls back to relevance
    cities: dict[str, tuple[float, float]] = field(default_factory=dict)


def read_selection(query: QueryDict) -> Selection:
    state: dict[str, str] = {}
    if q := _text(query, "q", 200):
        state["q"] = q

    wanted = {name: slug for name in TERM_FILTERS if (slug := _text(query, name, 60))}
    terms: dict[str, Term] = {}
    if wanted:
        condition = Q()
        for name, slug in wanted.items():
            condition |= Q(taxonomy=TERM_FILTERS[name], slug=slug)
        by_taxonomy = {taxonomy: name for name, taxonomy in TERM_FILTERS.items()}
        for term in Term.objects.filter(condition):
            terms[by_taxonomy[term.taxonomy]] = term
            state[by_taxonomy[term.taxonomy]] = term.slug

    ui_language = translation.get_language() or settings.LANGUAGE_CODE
    asked_language = _text(query, "language", 10)
    codes = {asked_language} - {""}
    if ui_language != settings.LANGUAGE_CODE:
        codes.add(ui_language)
    languages = (
        {language.code: language for language in Language.objects.filter(code__in=codes)} if codes else {}
    )
    language = languages.get(asked_language)
    if language:
        state["language"] = language.code

    if city := _text(query, "city"):
        state["city"] = city
    if (district := _text(query, "district", 20)) in District.values:
        state["district"] = district
    if (channel := _text(query, "channel", 20)) in CHANNELS:
        state["channel"] = channel
    if _text(query, "free", 10).lower() not in FALSE:
        state["free"] = "1"

    sort = _text(query, "sort", 20)
    sort = sort if sort in SORTS else "relevance"
    cities = city_coordinates()
    near = None
    if (place := _text(query, "near")) in cities:
        near = cities[place]
        state["near"] = place
    else:
        lat, lng = _coordinate(query, "lat", 90), _coordinate(query, "lng", 180)
        if lat is not None and lng is not None:
            near = (lat, lng)
            state["lat"], state["lng"] = f"{lat:.6f}", f"{lng:.6f}"
    if sort != "relevance":
        state["sort"] = sort

    params = SearchParams(
        q=state.get("q", ""),
        category=state.get("category", ""),
        topic=state.get("topic", ""),
        target_group=state.get("target_group", ""),
        language=state.get("language", ""),
        city=state.get("city", ""),
        district=state.get("district", ""),
        channel=state.get("channel", ""),
        free="free" in state,
        sort=sort if (sort != "distance" or near) else "relevance",
        near=near if sort == "distance" else None,
        page=_page_number(query),
    )
    return Selection(
        state=state,
        params=params,
        terms=terms,
        language=language,
        my_language=languages.get(ui_language) if ui_language != settings.LANGUAGE_CODE else None,
        sort=sort,
        cities=cities,
    )


# ---------------------------------------------------------------------------------------------
# Writing links


class SearchLinks:
    """The addresses of the search page for one search (`state`), each with something changed.
    A page has about a hundred of them, so the path is looked up once and each parameter
    encoded once."""

    def __init__(self, state: dict[str, str]) -> None:
        self.path = reverse("offers:search")
        self.encoded = {name: urlencode({name: value}) for name, value in state.items()}

    def __call__(self, **changes: str | int | None) -> str:
        """A value of None or "" removes a parameter; page 1 is the search itself."""
        parts = []
        for name in PARAMETERS:
            if name in changes:
                value = changes[name]
                if value not in (None, "") and not (name == "page" and value == 1):
                    parts.append(urlencode({name: value}))
            elif name in self.encoded:
                parts.append(self.encoded[name])
        return f"{self.path}?{'&'.join(parts)}" if parts else self.path


def search_url(state: dict[str, str], **changes: str | int | None) -> str:
    """The search page with `state` changed: a value of None or "" removes a parameter."""
    return SearchLinks(state)(**changes)


def hidden_fields(state: dict[str, str], *leave_out: str) -> list[tuple[str, str]]:
    """The state as hidden form fields, for a form that sets the parameters left out."""
    return [(name, state[name]) for name in PARAMETERS if name in state and name not in leave_out]


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    count: int | None = None
    selected: bool = False
    id: str = ""  # the same in every answer, so that htmx keeps the focus on it


@dataclass(frozen=True)
class FilterGroup:
    name: str
    heading: str
    links: list[Link]

    @property
    def selected(self) -> bool:
        return any(link.selected for link in self.links)

    def items(self) -> SafeString:
        """The links as the items of a list. A search page has about a hundred: written here,
        escaped with html.escape (as Django's escape does), rather than by template tags or
        format_html, which took several milliseconds for them (bench/offers/)."""
        note = f'<span class="visually-hidden"> ({escape(gettext("chosen; select to remove"))})</span>'
        items = []
        for link in self.links:
            text = f'{escape(link.label)} <span class="count">{link.count}</span>'
            end = f' aria-current="true">{text}{note}' if link.selected else f">{text}"
            items.append(f'<li><a href="{escape(link.url)}" id="{escape(link.id)}"{end}</a></li>')
        return mark_safe("".join(items))  # noqa: S308 - escaped here


def filter_groups(selection: Selection, facets: dict, links: SearchLinks | None = None) -> list[FilterGroup]:
    """The search's facet counts as links: choosing one sets its filter, choosing it again removes it."""
    links = links or SearchLinks(selection.state)
    groups = []
    for name in FILTERS:
        values = facets.get(name) or []
        group = [
            Link(
                label=str(value.label),
                count=value.count,
                selected=value.selected,
                url=links(**{name: None if value.selected else value.value}),
                id=f"filter-{name}-{WHITESPACE.sub('_', value.value)}",
            )
            for value in values
        ]
        if group:
            groups.append(FilterGroup(name=name, heading=str(FILTER_NAMES[name]), links=group))
    return groups


def chosen_filters(selection: Selection, links: SearchLinks | None = None) -> list[tuple[str, str, str]]:
    """(name of the filter, its value, the URL without it) of each filter in the URL."""
    state = selection.state
    links = links or SearchLinks(state)
    labels: dict[str, str] = {name: term.name for name, term in selection.terms.items()}
    if selection.language:
        labels["language"] = selection.language.name
    if "city" in state:
        labels["city"] = state["city"]
    if "district" in state:
        labels["district"] = str(District(state["district"]).label)
    if "channel" in state:
        labels["channel"] = str(CHANNEL_NAMES[state["channel"]])
    if "free" in state:
        labels["free"] = str(_("Free of charge"))
    return [
        (str(FILTER_NAMES[name]), labels[name], links(**{name: None})) for name in FILTERS if name in labels
    ]


# ---------------------------------------------------------------------------------------------
# The views


def wants_region(request: HttpRequest) -> bool:
    """Whether htmx asks for the results region alone: for a search made on the page. When it
    restores a page from the history, it wants the whole page (it is set not to, but a browser
    may hold an older copy of the page)."""
    headers = request.headers
    return headers.get("HX-Request") == "true" and headers.get("HX-History-Restore-Request") != "true"


@require_safe
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
def offer_search(request: HttpRequest) -> HttpResponse:
    selection = read_selection(request.GET)
    result = search(selection.params)
    page = result.page
    # Past the last page, search() gives the last one; the links start from the page shown.
    selection.params = replace(selection.params, page=page.number)
    offers = list(page.object_list)
    titles = translated(offers, "title")
    urls, words = OfferUrls(), Words.current()
    rows = [offer_view(offer, title, urls, words) for offer, title in zip(offers, titles, strict=True)]
    state = selection.state
    links = SearchLinks(state)
    pages = []
    if page.has_other_pages():
        for number in page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1):
            if isinstance(number, int):
                pages.append(Link(str(number), links(page=number), selected=number == page.number))
            else:
                pages.append(Link(str(number), ""))
    my_language = selection.my_language
    context = {
        "params": selection.params,
        "result": result,
        "rows": rows,
        "titles": titles,
        "search_path": links.path,
        "groups": filter_groups(selection, result.facets, links),
        "chosen": chosen_filters(selection, links),
        "clear_url": search_url({"q": state["q"]} if "q" in state else {}),
        "search_hidden": hidden_fields(state, "q"),
        "sort_hidden": hidden_fields(state, "sort", "near"),
        "sort": selection.sort,
        "sorts": [(value, SORT_NAMES[value]) for value in SORTS],
        "cities": list(selection.cities),
        "near": state.get("near", ""),
        "coordinates": (state["lat"], state["lng"]) if "lat" in state else None,
        "needs_place": selection.sort == "distance" and selection.params.near is None,
        "my_language": my_language if my_language and "language" not in state else None,
        "my_language_url": links(language=my_language.code) if my_language else "",
        "previous_url": links(page=page.previous_page_number()) if page.has_previous() else "",
        "next_url": links(page=page.next_page_number()) if page.has_next() else "",
        "pages": pages,
        "not_confirmed": not_confirmed_label(),
        "map": map_settings(),
        "map_has_places": any(has_coordinates(place) for row in rows for place in row.places),
    }
    if not wants_region(request):
        return render(request, "offers/search.html", context)
    response = render(request, "offers/public/search_region.html", context)
    # The address of what is shown, as the page's own links write it: htmx puts it in the
    # address bar, so that each search stays a URL to share (and unknown parameters drop out).
    response["HX-Push-Url"] = links(page=page.number)
    return response


def _phone_uri(phone: str) -> str:
    digits = re.sub(r"[^0-9+]", "", phone)
    return f"tel:{digits}" if digits else ""


TRANSLATED_FIELDS = (
    "description",
    "opening_hours",
    "fees_description",
    "eligibility",
    "application_process",
    "required_documents",
)


@require_safe
def offer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    offer = get_object_or_404(
        Offer.objects.public()
        .select_related("organisation", "neighbour")
        .prefetch_related("locations", "terms", "languages"),
        pk=pk,
    )
    others = list(
        Offer.objects.public()
        .filter(organisation=offer.organisation_id)
        .exclude(pk=offer.pk)
        .prefetch_related("locations", "terms")
    )
    texts: dict[str, Translated] = {name: translated(offer, name) for name in TRANSLATED_FIELDS}
    title = translated(offer, "title")
    words = Words.current()
    context = {
        "offer": offer,
        "view": offer_view(offer, title, words=words),
        "title": title,
        "texts": texts,
        # One note for the page, if anything on it is shown in German for want of a translation.
        "fallback": TranslatedList([title, *(text for text in texts.values() if text.text)]),
        "phone_uri": _phone_uri(offer.phone),
        "languages": list(offer.languages.all()),
        "others": [offer_view(other, words=words, languages=False) for other in others],
        "not_confirmed": not_confirmed_label(),
        "map": map_settings(),
        "map_has_places": any(has_coordinates(place) for place in offer.locations.all()),
    }
    return render(request, "offers/detail.html", context)


def organisation_offers(organisation_id: int) -> list[OfferView]:
    """The public offers of one organisation, for its page (two queries, whatever their number)."""
    offers = (
        Offer.objects.public().filter(organisation=organisation_id).prefetch_related("locations", "terms")
    )
    words = Words.current()
    return [offer_view(offer, words=words, languages=False) for offer in offers]
