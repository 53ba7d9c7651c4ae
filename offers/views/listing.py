"""What the directory's pages show of an offer, and their map.

An offer is listed twenty times on a search page, so what its listing shows is worked out
here once, from the rows loaded with it (no further queries), and the templates only write
it down. The two small lists in each listing, its languages and its places, are written
here too, escaped with html.escape (as Django's escape does): as template tags, or even
with format_html, they were a good part of the page's time (bench/offers/).
"""

from dataclasses import dataclass, field
from html import escape

from django.conf import settings
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from members.models import District
from network.templatetags.portal import Translated, translated

from ..models import Language, Location, Offer, Term
from ..results import related

CHANNEL_NAMES = {
    "in_person": _("In person"),
    "by_phone": _("By phone"),
    "by_video": _("By video call"),
    "by_email": _("By e-mail"),
    "by_chat": _("By chat"),
}


def not_confirmed_label() -> str:
    """What an offer that has not been confirmed for OFFER_CONFIRMATION_DAYS is marked with."""
    days = settings.OFFER_CONFIRMATION_DAYS
    if days % 365 == 0:
        years = days // 365
        return ngettext("Not confirmed for over a year", "Not confirmed for over %(count)s years", years) % {
            "count": years
        }
    return ngettext("Not confirmed for over %(count)s day", "Not confirmed for over %(count)s days", days) % {
        "count": days
    }


def has_coordinates(place: Location) -> bool:
    return place.latitude is not None and place.longitude is not None


@dataclass(frozen=True)
class Words:
    """The interface's words that listings use, translated once for a page."""

    channels: dict[str, str]  # Offer field -> how to reach it
    districts: dict[str, str]  # District value -> its name
    step_free: str
    names: dict[tuple[type, object], Translated] = field(default_factory=dict)  # see name()

    @classmethod
    def current(cls) -> "Words":
        return cls(
            channels={name: str(label) for name, label in CHANNEL_NAMES.items()},
            districts={value: str(label) for value, label in District.choices},
            step_free=gettext("step-free access"),
        )

    def name(self, entry: Term | Language) -> Translated:
        """The name of a list entry or a language, worked out once for the page: the twenty
        offers of a page share a few."""
        key = (type(entry), entry.pk)
        if key not in self.names:
            self.names[key] = translated(entry, "name")
        return self.names[key]


@dataclass(frozen=True)
class OfferView:
    """An offer with what its listing shows."""

    offer: Offer
    title: Translated
    url: str
    categories: list[Translated]  # the names of its categories
    topics: list[Term]
    target_groups: list[Term]
    channels: list[str]
    places: list[Location]
    language_list: SafeString  # the languages spoken, comma-separated
    place_items: SafeString  # the places as the items of a list
    needs_confirmation: bool
    distance_km: float | None = None  # from the place searched near, when sorted by distance

    @property
    def distance(self) -> str:
        """How far away the offer is, in words ("2.4 km away"), or "" if not known."""
        if self.distance_km is None:
            return ""
        return gettext("%(distance)s km away") % {"distance": floatformat(self.distance_km, 1)}


def language_list(languages: list[Language], words: Words) -> SafeString:
    """The languages' names, comma-separated, each marked if it is not in the page's language."""
    names = [words.name(language) for language in languages]
    return mark_safe(", ".join(f"<span{name.attrs}>{escape(name.text)}</span>" for name in names))  # noqa: S308


def place_items(places: list[Location], words: Words) -> SafeString:
    """The places as list items: the town, its area, step-free access; those with coordinates
    carry them for the map (static/js/offers-map.js)."""
    items = []
    for place in places:
        city = escape(place.city)
        on_map = (
            f' data-latitude="{place.latitude}" data-longitude="{place.longitude}" data-label="{city}"'
            if has_coordinates(place)
            else ""
        )
        area = f" ({escape(words.districts.get(place.district, place.district))})" if place.district else ""
        step_free = f" · {escape(words.step_free)}" if place.step_free else ""
        items.append(f"<li{on_map}><bdi>{city}</bdi>{area}{step_free}</li>")
    return mark_safe("".join(items))  # noqa: S308 - escaped above


class OfferUrls:
    """The addresses of offers' pages: reverse() once, and the number put in where reverse()
    puts it (a search page has twenty offers, and reverse() is slow enough to notice)."""

    MARK = 123456789

    def __init__(self) -> None:
        self.before, _, self.after = reverse("offers:detail", args=[self.MARK]).partition(str(self.MARK))

    def __call__(self, pk: int) -> str:
        return f"{self.before}{pk}{self.after}"


def offer_view(
    offer: Offer,
    title: Translated | None = None,
    url: OfferUrls | None = None,
    words: Words | None = None,
    languages: bool = True,
) -> OfferView:
    """What a listing shows of `offer`, loaded with its places and lists, and with its
    languages if `languages` (else none are shown)."""
    words = words or Words.current()
    terms = related(offer, "terms")
    places = related(offer, "locations")
    return OfferView(
        offer=offer,
        title=title or translated(offer, "title"),
        url=url(offer.pk) if url else offer.get_absolute_url(),
        categories=[words.name(term) for term in terms if term.taxonomy == Term.Taxonomy.CATEGORY],
        topics=[term for term in terms if term.taxonomy == Term.Taxonomy.TOPIC],
        target_groups=[term for term in terms if term.taxonomy == Term.Taxonomy.TARGET_GROUP],
        channels=[label for name, label in words.channels.items() if getattr(offer, name)],
        places=places,
        language_list=language_list(related(offer, "languages"), words) if languages else mark_safe(""),
        place_items=place_items(places, words),
        needs_confirmation=offer.needs_confirmation,
        distance_km=getattr(offer, "distance_km", None),
    )


# The map ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MapSettings:
    tile_url: str  # Leaflet's URL template of the tile server
    attribution: str  # HTML, as the tile server's terms ask for it


def map_settings() -> MapSettings | None:
    """The tile server of the maps, or None if the portal has none (OFFERS_MAP_TILE_URL empty)."""
    url = settings.OFFERS_MAP_TILE_URL
    return MapSettings(url, settings.OFFERS_MAP_ATTRIBUTION) if url else None
