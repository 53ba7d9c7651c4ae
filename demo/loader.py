"""Loads the network described in `goettingen.py` into the database.

Every object is found by a natural key (a name, a date, a position) and
updated in place, so loading twice changes nothing.
"""

import datetime
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.text import slugify

from handbook.models import Edition
from meetings.models import Meeting, Minutes, Place
from members.models import Organisation, OrganisationKind, Person
from network.models import Goal, LeadershipTerm, Network, Page, Principle
from offers import demo as offers_demo

from . import goettingen as data


@dataclass
class LoadResult:
    # With refresh, rows that exist get the shipped texts again; without, they
    # are left as the coordinators edited them.
    refresh: bool = False
    # True when the network was there already and nothing was loaded.
    skipped: bool = False
    created: dict[str, int] = field(default_factory=dict)

    def count(self, label: str, created: bool) -> None:
        self.created[label] = self.created.get(label, 0) + int(created)

    @property
    def total_created(self) -> int:
        return sum(self.created.values())


def _sync(result: LoadResult, model, lookup: dict, values: dict):
    """Creates the row if it is missing; with `result.refresh`, updates it too,
    writing only when something differs.

    A row that is already right is left alone, so its `updated_at` and the
    calendar SEQUENCE of a meeting stay as they are.
    """
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **values), True
    if not result.refresh:
        return obj, False
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save(update_fields=changed)
    return obj, False


def _translated(name: str, texts: dict[str, str]) -> dict[str, str]:
    """{"de": ..., "en": ..., "ar": ...} as modeltranslation's fields: name_de, ..., and name itself."""
    values = {f"{name}_{lang}": text for lang, text in texts.items()}
    values[name] = texts["de"]
    return values


@transaction.atomic
def load(refresh: bool = False) -> LoadResult:
    """Loads the demo network into an empty portal.

    Once the network exists, nothing is touched: what coordinators have edited
    or renamed since stays as it is. `refresh` puts the shipped texts back into
    the rows and adds what is missing."""
    if not refresh and Network.objects.exists():
        return LoadResult(skipped=True)
    # modeltranslation maps a plain field name to the active language: German here.
    with translation.override(settings.LANGUAGE_CODE):
        return _load_all(LoadResult(refresh=refresh))


def _load_all(result: LoadResult) -> LoadResult:
    _load_network(result)
    kinds = _load_kinds(result)
    organisations = _load_organisations(kinds, result)
    offers_demo.load(result)  # the offers the page names, of the organisations just loaded
    _load_leadership(organisations, result)
    _load_meetings(result)
    _load_minutes(result)
    _load_pages(result)
    return result


def _load_network(result: LoadResult) -> None:
    values = {"name": data.NETWORK["name"], "short_name": data.NETWORK["short_name"]}
    for name in ("description", "meetings_note", "proposals_note"):
        values |= _translated(name, data.NETWORK[name])
    network = Network.objects.first()
    if network is None:
        Network.objects.create(**values)
        result.count("network", True)
    elif result.refresh:
        Network.objects.filter(pk=network.pk).update(**values)

    for position, text in enumerate(data.PRINCIPLES, start=1):
        _, created = _sync(result, Principle, {"position": position}, _translated("text", text))
        result.count("principles", created)
    for position, text in enumerate(data.GOALS, start=1):
        _, created = _sync(result, Goal, {"position": position}, _translated("text", text))
        result.count("goals", created)
    for edition in data.HANDBOOK_EDITIONS:
        published = datetime.date(edition["year"], edition["month"], 1)
        _, created = _sync(result, Edition, {"number": edition["number"]}, {"published_on": published})
        result.count("handbook editions", created)


def _load_kinds(result: LoadResult) -> dict[str, OrganisationKind]:
    kinds = {}
    for position, kind in enumerate(data.KINDS, start=1):
        texts = {lang: text for lang, text in kind.items() if lang != "slug"}
        kinds[kind["slug"]], created = _sync(
            result,
            OrganisationKind,
            {"slug": kind["slug"]},
            {"position": position, **_translated("name", texts)},
        )
        result.count("kinds of organisation", created)
    return kinds


def _load_organisations(kinds: dict[str, OrganisationKind], result: LoadResult) -> dict[str, Organisation]:
    organisations: dict[str, Organisation] = {}

    def save(name: str, **values) -> None:
        # By address, which stays when coordinators correct a name.
        organisations[name], created = _sync(
            result, Organisation, {"slug": slugify(name)}, {"name": name, **values}
        )
        result.count("organisations", created)

    for umbrella in data.UMBRELLAS:
        save(
            umbrella["name"],
            is_member=False,
            kind=kinds.get(umbrella.get("kind", "")),
            website=umbrella.get("website", ""),
        )
    for name, kind, parent in data.MEMBERS:
        save(
            name,
            is_member=True,
            kind=kinds[kind] if kind else None,
            parent=organisations[parent] if parent else None,
            website=data.WEBSITES.get(name, ""),
        )
    return organisations


def _load_leadership(organisations: dict[str, Organisation], result: LoadResult) -> None:
    for position, (name, organisation) in enumerate(data.LEADERSHIP, start=1):
        person, created = Person.objects.get_or_create(name=name)
        result.count("people", created)
        _, created = _sync(
            result,
            LeadershipTerm,
            {"person": person, "organisation": organisations[organisation]},
            {"position": position},
        )
        result.count("leadership terms", created)


def _load_meetings(result: LoadResult) -> None:
    place, created = Place.objects.get_or_create(**data.PLACE)
    result.count("places", created)
    tz = ZoneInfo(settings.TIME_ZONE)
    start, end = (datetime.time.fromisoformat(t) for t in data.MEETING_HOURS)
    for meeting in data.PLENARY_MEETINGS:
        day = datetime.date.fromisoformat(meeting["date"])
        _, created = _sync(
            result,
            Meeting,
            {"kind": Meeting.Kind.PLENARY, "starts_at": datetime.datetime.combine(day, start, tzinfo=tz)},
            {
                "ends_at": datetime.datetime.combine(day, end, tzinfo=tz),
                "place": place,
                **_translated("topic", meeting["topic"]),
            },
        )
        result.count("meetings", created)


def _load_minutes(result: LoadResult) -> None:
    positions: dict[int, int] = {}
    for year, title, held_on in data.MINUTES:
        positions[year] = positions.get(year, 0) + 1
        _, created = _sync(
            result,
            Minutes,
            {"year": year, "title": title},
            {
                "held_on": datetime.date.fromisoformat(held_on) if held_on else None,
                "position": positions[year],
                # The page lists them publicly; no file of them is in the portal yet.
                "visibility": Minutes.Visibility.PUBLIC,
                "status": Minutes.Status.APPROVED,
            },
        )
        result.count("minutes", created)


def _load_pages(result: LoadResult) -> None:
    for position, page in enumerate(data.PAGES, start=1):
        _, created = _sync(
            result,
            Page,
            {"slug": page["slug"]},
            {
                "in_footer": page["in_footer"],
                "position": position,
                **_translated("title", page["title"]),
                **_translated("body", page["body"]),
            },
        )
        result.count("pages", created)
