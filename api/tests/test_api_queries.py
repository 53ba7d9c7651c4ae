"""Every answer of the API costs a fixed number of queries, however many rows it shows."""

import datetime
from collections.abc import Callable
from itertools import count

import pytest
from django.utils import timezone

from meetings.models import AgendaItem, Meeting, Minutes, MinutesItem
from members.models import Organisation
from offers.models import Location, Offer

from .conftest import World

_serial = count(1)


def add_organisations(world: World) -> Callable[[int], None]:
    def add(n: int) -> None:
        for _ in range(n):
            number = next(_serial)
            parent = Organisation.objects.create(name=f"Testverein {number}", slug=f"testverein-{number}")
            Organisation.objects.create(
                name=f"Testverein {number} Abteilung", slug=f"testverein-{number}-a", parent=parent
            )

    return add


def add_units(world: World) -> Callable[[int], None]:
    def add(n: int) -> None:
        for _ in range(n):
            number = next(_serial)
            Organisation.objects.create(
                name=f"Testeinheit {number}", slug=f"testeinheit-{number}", parent=world.umbrella
            )

    return add


def add_offers(world: World) -> Callable[[int], None]:
    def add(n: int) -> None:
        for _ in range(n):
            offer = Offer.objects.create(organisation=world.north, title_de=f"Testangebot {next(_serial)}")
            offer.terms.set([world.counselling, world.housing])
            offer.languages.set([world.arabic])
            Location.objects.create(offer=offer, city="Teststadt")
            Location.objects.create(offer=offer, city="Testdorf")

    return add


def add_places(world: World) -> Callable[[int], None]:
    def add(n: int) -> None:
        for _ in range(n):
            Location.objects.create(offer=world.offer, city=f"Testort {next(_serial)}")

    return add


def add_meetings(world: World) -> Callable[[int], None]:
    def add(n: int) -> None:
        for _ in range(n):
            starts = timezone.now() + datetime.timedelta(days=next(_serial))
            meeting = Meeting.objects.create(starts_at=starts, ends_at=starts + datetime.timedelta(hours=1))
            AgendaItem.objects.create(meeting=meeting, title="Testpunkt")

    return add


def add_agenda_items(world: World) -> Callable[[int], None]:
    def add(n: int) -> None:
        for _ in range(n):
            AgendaItem.objects.create(
                meeting=world.upcoming, title=f"Testpunkt {next(_serial)}", presenter_organisation=world.north
            )

    return add


def add_minutes(world: World) -> Callable[[int], None]:
    def add(n: int) -> None:
        for _ in range(n):
            Minutes.objects.create(
                title=f"Testprotokoll {next(_serial)}",
                year=2020,
                meeting=world.past,
                visibility=Minutes.Visibility.PUBLIC,
                status=Minutes.Status.APPROVED,
            )

    return add


def add_minutes_items(world: World) -> Callable[[int], None]:
    def add(n: int) -> None:
        for _ in range(n):
            MinutesItem.objects.create(minutes=world.minutes, title=f"Testpunkt {next(_serial)}")

    return add


# URL (with {offer}, {meeting}, {minutes} of the world), what adds rows to it, and the most
# queries it may make.
CASES = [
    ("/api/v1/organisations/", add_organisations, 3),
    ("/api/v1/organisations/beispieldachverband/", add_units, 2),
    ("/api/v1/offers/", add_offers, 8),
    ("/api/v1/offers/?q=Testangebot&category=beispielberatung", add_offers, 9),
    ("/api/v1/offers/?sort=distance&lat=51.5&lng=9.9", add_offers, 8),
    ("/api/v1/offers/{offer}/", add_places, 4),
    ("/api/v1/meetings/", add_meetings, 2),
    ("/api/v1/meetings/{meeting}/", add_agenda_items, 3),
    ("/api/v1/minutes/", add_minutes, 2),
    ("/api/v1/minutes/{minutes}/", add_minutes_items, 2),
]


@pytest.mark.parametrize(("url", "rows", "most"), CASES, ids=[case[0] for case in CASES])
def test_a_fixed_number_of_queries(
    world, assert_fixed_query_count, django_assert_max_num_queries, client, url, rows, most
):
    url = url.format(offer=world.offer.pk, meeting=world.upcoming.pk, minutes=world.minutes.pk)

    assert_fixed_query_count(url, rows(world))  # 4 and 12 rows more: all on the first page
    with django_assert_max_num_queries(most):
        assert client.get(url).status_code == 200
