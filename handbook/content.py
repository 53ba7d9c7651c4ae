"""What the handbook prints, gathered from the live data in one language.

The handbook is a public document, so only what the public pages show goes in:
the network's own texts, the cooperative leadership (as on the public
leadership page), the current member organisations with their public profile,
the contact people who agreed to be shown publicly, and the public offers.
Nothing a member sees only after logging in: no other contact people, no
minutes, no attendance.

Texts are in the edition's language; a text not translated yet is printed in
German and marked with its language (lang="de"), so that it is hyphenated as
German. Everything is loaded in a fixed number of queries, whatever the number
of organisations and offers.
"""

import datetime
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Model
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from members.models import Affiliation, Organisation
from network.models import Goal, LeadershipTerm, Network, Page, Principle
from network.templatetags.portal import Translated, translated_in
from offers.models import Offer, Term
from offers.views.listing import CHANNEL_NAMES

# The labels of the facts: the public offer page's words (templates/offers/detail.html).
LABELS = {
    "topics": gettext_lazy("Topics"),
    "for": gettext_lazy("For"),
    "languages": gettext_lazy("Languages"),
    "interpreting": gettext_lazy("Interpreting is available."),
    "ways": gettext_lazy("Ways"),
    "by_appointment": gettext_lazy("By appointment"),
    "opening_hours": gettext_lazy("Opening hours"),
    "phone": gettext_lazy("Phone"),
    "email": gettext_lazy("E-mail"),
    "web_site": gettext_lazy("Web site"),
    "address": gettext_lazy("Address"),
    "costs": gettext_lazy("Costs"),
    "free": gettext_lazy("Free of charge."),
    "not_free": gettext_lazy("Not free of charge."),
    "who": gettext_lazy("Who may use it"),
    "apply": gettext_lazy("How to apply"),
    "bring": gettext_lazy("What to bring"),
}
# The network page that holds the foreword (created empty by migration 0004).
FOREWORD_SLUG = "handbuch-vorwort"
# Sub-units of sub-units are printed at the depth of sub-units: a printed page has few heading levels.
DEEPEST_LEVEL = 3


def sort_key(text: str) -> str:
    """Alphabetical order as in a German index: Ä with A, Ö with O, case ignored (DIN 5007-1)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


class Texts:
    """Translated fields in one language, remembering whether any fell back to German."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.fell_back = False

    def __call__(self, obj: Model, field_name: str) -> Translated:
        text = translated_in(obj, field_name, self.language)
        if text.fallback and text.text:
            self.fell_back = True
        return text


@dataclass(frozen=True)
class Part:
    text: str
    lang: str = ""  # the text's language when it is not the handbook's (a German fallback)


@dataclass(frozen=True)
class Fact:
    """One fact of an entry, as the handbook prints it: "Phone: 0551 …". Facts run on in one
    paragraph, which takes a third of the room of a list, and of the time to print it."""

    label: str
    parts: tuple[Part, ...]

    @property
    def html(self) -> SafeString:
        pieces = [
            format_html('<span lang="{}">{}</span>', part.lang, part.text) if part.lang else escape(part.text)
            for part in self.parts
        ]
        return mark_safe(" ".join(pieces))  # noqa: S308 - escaped above


Value = str | Translated | list[Translated]


def fact(language: str, label: object, *values: Value) -> Fact | None:
    """A fact of texts, translated texts or lists of them (joined with commas); None if all are empty."""
    parts = []
    for value in values:
        if isinstance(value, Translated):
            text = " ".join(value.text.split())  # line breaks run on, like everything in a fact
            lang = value.lang if value.lang != language else ""
        elif isinstance(value, str):
            text, lang = value, ""
        else:
            text = ", ".join(name.text for name in value)
            lang = next((name.lang for name in value if name.lang != language), "")
        if text:
            parts.append(Part(text, lang))
    return Fact(str(label), tuple(parts)) if parts else None


@dataclass
class OfferEntry:
    offer: Offer
    anchor: str
    title: Translated
    description: Translated
    topics: list[Translated]
    languages: list[Translated]
    facts: list[Fact]


@dataclass
class OrganisationEntry:
    organisation: Organisation
    anchor: str
    level: int  # 2 for an organisation, 3 for its units
    kind: Translated | None
    description: Translated
    facts: list[Fact]
    contacts: list[Affiliation]
    offers: list[OfferEntry]
    units: list["OrganisationEntry"] = field(default_factory=list)
    page: int | None = None  # where it is printed, once laid out (handbook/pdf.py)

    @property
    def name(self) -> str:
        return self.organisation.name

    def walk(self) -> Iterable["OrganisationEntry"]:
        yield self
        for unit in self.units:
            yield from unit.walk()


@dataclass
class IndexEntry:
    title: Translated
    organisation: str
    anchor: str
    page: int | None = None  # where the offer is printed, once laid out (handbook/pdf.py)


@dataclass
class IndexGroup:
    name: Translated
    entries: list[IndexEntry]


@dataclass
class Handbook:
    network: Network
    language: str
    number: int
    published_on: datetime.date
    description: Translated
    foreword_title: Translated | None
    foreword: Translated | None
    principles: list[Translated]
    goals: list[Translated]
    leadership: list[LeadershipTerm]
    organisations: list[OrganisationEntry]
    by_topic: list[IndexGroup]
    by_language: list[IndexGroup]
    # Some text is printed in German because it is not translated yet.
    fell_back: bool = False
    # The page each part begins on ("foreword", "network", "members", "index"), once laid out.
    pages: dict[str, int] = field(default_factory=dict)

    @property
    def edition_label(self) -> str:
        """ "3. Auflage" / "3rd edition"."""
        return _("%(ordinal)s edition") % {"ordinal": ordinal(self.number, self.language)}

    def all_organisations(self) -> Iterable[OrganisationEntry]:
        for entry in self.organisations:
            yield from entry.walk()


def ordinal(number: int, language: str) -> str:
    """3 -> "3rd" in English; "3." in German and the other languages that write it so."""
    if language == "en":
        suffix = "th" if 11 <= number % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
        return f"{number}{suffix}"
    return f"{number}."


def foreword() -> Page | None:
    return Page.objects.filter(slug=FOREWORD_SLUG).first()


def printed_organisations() -> list[Organisation]:
    """The current members, and the umbrella organisations (not members themselves) that
    current members are units of, so that those units are printed under them."""
    current = list(Organisation.objects.local().filter(left_on__isnull=True).select_related("kind"))
    by_pk = {organisation.pk: organisation for organisation in current}
    printed = {organisation.pk for organisation in current if organisation.is_member}
    for organisation in current:
        parent = by_pk.get(organisation.parent_id) if organisation.pk in printed else None
        while parent is not None and parent.pk not in printed:
            printed.add(parent.pk)
            parent = by_pk.get(parent.parent_id)
    return [organisation for organisation in current if organisation.pk in printed]


def collect(number: int, published_on: datetime.date, language: str) -> Handbook:
    """Everything the handbook prints, in `language` (German where a text is not translated)."""
    text = Texts(language)
    network = Network.objects.first() or Network(name="")
    page = foreword()
    foreword_text = text(page, "body") if page else None
    organisations = printed_organisations()
    offers = _offers(organisations, text)
    entries = _tree(organisations, offers, _public_contacts(organisations), text)
    handbook = Handbook(
        network=network,
        language=language,
        number=number,
        published_on=published_on,
        description=text(network, "description"),
        # An empty foreword is left out (the editions page says so).
        foreword_title=text(page, "title") if foreword_text and foreword_text.text.strip() else None,
        foreword=foreword_text if foreword_text and foreword_text.text.strip() else None,
        principles=[text(principle, "text") for principle in Principle.objects.all()],
        goals=[text(goal, "text") for goal in Goal.objects.all()],
        leadership=list(LeadershipTerm.objects.current().select_related("person", "organisation")),
        organisations=entries,
        by_topic=[],
        by_language=[],
    )
    every_offer = [offer for entry in handbook.all_organisations() for offer in entry.offers]
    handbook.by_topic = _index(every_offer, lambda offer: offer.topics)
    handbook.by_language = _index(every_offer, lambda offer: offer.languages)
    handbook.fell_back = text.fell_back
    return handbook


def _public_contacts(organisations: list[Organisation]) -> dict[int, list[Affiliation]]:
    """Contact people who agreed to be shown to the public; nobody else."""
    contacts = defaultdict(list)
    rows = (
        Affiliation.objects.current()
        .filter(
            organisation__in=[organisation.pk for organisation in organisations],
            person__public_consent=True,
            person__anonymised_at__isnull=True,
        )
        .select_related("person")
        .order_by("person__name")
    )
    for affiliation in rows:
        contacts[affiliation.organisation_id].append(affiliation)
    return contacts


def _offers(organisations: list[Organisation], text: Texts) -> dict[int, list[OfferEntry]]:
    """The public offers of the printed organisations, by organisation, in title order."""
    channels = {name: str(label) for name, label in CHANNEL_NAMES.items()}
    names: dict[tuple[str, object], Translated] = {}  # a list entry's name, translated once

    def name(entry: Model) -> Translated:
        key = (entry._meta.label, entry.pk)
        if key not in names:
            names[key] = text(entry, "name")
        return names[key]

    offers = defaultdict(list)
    rows = (
        Offer.objects.public()
        .local()
        .filter(organisation__in=[organisation.pk for organisation in organisations])
        .select_related("organisation")
        .prefetch_related("terms", "languages", "locations")
    )
    for offer in rows:
        terms = list(offer.terms.all())
        topics = _by_name(name(term) for term in terms if term.taxonomy == Term.Taxonomy.TOPIC)
        groups = _by_name(name(term) for term in terms if term.taxonomy == Term.Taxonomy.TARGET_GROUP)
        languages = [name(language) for language in offer.languages.all()]
        places = [str(place) for place in offer.locations.all()]
        language = text.language
        facts = [
            fact(language, LABELS["topics"], topics),
            fact(language, LABELS["for"], groups),
            fact(language, LABELS["languages"], languages),
            fact(
                language,
                "",
                str(LABELS["interpreting"]) if offer.interpreting else "",
                offer.interpreting_note if offer.interpreting else "",
            ),
            fact(
                language,
                LABELS["ways"],
                ", ".join(label for attribute, label in channels.items() if getattr(offer, attribute)),
            ),
            fact(language, "", str(LABELS["by_appointment"]) if offer.by_appointment else ""),
            fact(language, ngettext("Place", "Places", len(places)), "; ".join(places)),
            fact(language, LABELS["opening_hours"], text(offer, "opening_hours")),
            fact(language, LABELS["phone"], offer.phone),
            fact(language, LABELS["email"], offer.email),
            fact(language, LABELS["web_site"], offer.url),
            fact(language, LABELS["costs"], _costs(offer), text(offer, "fees_description")),
            fact(language, LABELS["who"], _ages(offer), text(offer, "eligibility")),
            fact(language, LABELS["apply"], text(offer, "application_process")),
            fact(language, LABELS["bring"], text(offer, "required_documents")),
        ]
        entry = OfferEntry(
            offer=offer,
            anchor=f"offer-{offer.pk}",
            title=text(offer, "title"),
            description=text(offer, "description"),
            topics=topics,
            languages=languages,
            facts=[item for item in facts if item],
        )
        offers[offer.organisation_id].append(entry)
    for entries in offers.values():
        entries.sort(key=lambda entry: sort_key(entry.title.text))
    return offers


def _costs(offer: Offer) -> str:
    if offer.free_of_charge is None:
        return ""
    return str(LABELS["free"] if offer.free_of_charge else LABELS["not_free"])


def _ages(offer: Offer) -> str:
    low, high = offer.minimum_age, offer.maximum_age
    if low is not None and high is not None:
        return _("Ages %(minimum)s to %(maximum)s") % {"minimum": low, "maximum": high}
    if low is not None:
        return _("From the age of %(minimum)s") % {"minimum": low}
    if high is not None:
        return _("Up to the age of %(maximum)s") % {"maximum": high}
    return ""


def _organisation_facts(organisation: Organisation, language: str) -> list[Fact]:
    address = ", ".join(
        part for part in (organisation.street, f"{organisation.postcode} {organisation.city}".strip()) if part
    )
    facts = [
        fact(language, LABELS["address"], address),
        fact(language, LABELS["web_site"], organisation.website_label),
        fact(language, LABELS["email"], organisation.email),
        fact(language, LABELS["phone"], organisation.phone),
    ]
    return [item for item in facts if item]


def _by_name(names: Iterable[Translated]) -> list[Translated]:
    return sorted(names, key=lambda name: sort_key(name.text))


def _tree(
    organisations: list[Organisation],
    offers: dict[int, list[OfferEntry]],
    contacts: dict[int, list[Affiliation]],
    text: Texts,
) -> list[OrganisationEntry]:
    """The organisations in alphabetical order, each followed by its units (alphabetical too).
    A unit whose parent is not printed stands on its own."""
    printed = {organisation.pk for organisation in organisations}
    children = defaultdict(list)
    for organisation in organisations:
        parent = organisation.parent_id if organisation.parent_id in printed else None
        children[parent].append(organisation)

    def entries(parent: int | None, level: int) -> list[OrganisationEntry]:
        made = []
        for organisation in sorted(children[parent], key=lambda o: sort_key(o.name)):
            entry = OrganisationEntry(
                organisation=organisation,
                anchor=f"org-{organisation.pk}",
                level=level,
                kind=text(organisation.kind, "name") if organisation.kind else None,
                description=text(organisation, "description"),
                facts=_organisation_facts(organisation, text.language),
                contacts=contacts.get(organisation.pk, []),
                offers=offers.get(organisation.pk, []),
            )
            entry.units = entries(organisation.pk, min(level + 1, DEEPEST_LEVEL))
            made.append(entry)
        return made

    return entries(None, 2)


def _index(offers: list[OfferEntry], keys) -> list[IndexGroup]:
    """The offers under each of their topics (or languages), both in alphabetical order."""
    groups: dict[str, tuple[Translated, list[IndexEntry]]] = {}
    for offer in offers:
        for key in keys(offer):
            group = groups.setdefault(key.text, (key, []))
            group[1].append(
                IndexEntry(title=offer.title, organisation=offer.offer.organisation.name, anchor=offer.anchor)
            )
    return [
        IndexGroup(name=name, entries=sorted(entries, key=lambda entry: sort_key(entry.title.text)))
        for name, entries in sorted(groups.values(), key=lambda group: sort_key(group[0].text))
    ]
