"""Offers in the members' area: who sees and edits which offers, the offer form with its
places, confirming that an offer is still valid, and the one-click link from the reminder."""

import datetime
import time
from dataclasses import dataclass
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from members.models import Affiliation, AuditEntry, Organisation, Person, User
from offers.confirmation import CONFIRM_MAX_AGE, confirm_token
from offers.models import Language, Location, Offer, Term

TODAY = timezone.localdate
LONG_AGO = datetime.date(2023, 3, 1)


@dataclass
class World:
    a: Organisation
    b: Organisation
    unit: Organisation  # a unit of A
    offer_a: Offer
    offer_b: Offer
    offer_unit: Offer
    users: dict[str, User]
    topic: Term
    category: Term
    group: Term
    arabic: Language
    farsi: Language


def account(email: str, name: str, organisation: Organisation | None = None, role: str = "contact", **extra):
    user = User.objects.create_user(email=email, password=None, name=name, **extra)
    person = Person.objects.create(name=name, email=email, user=user)
    if organisation is not None:
        Affiliation.objects.create(person=person, organisation=organisation, role=role)
    return user


def make_offer(organisation: Organisation, title: str, **extra) -> Offer:
    extra.setdefault("last_confirmed_on", LONG_AGO)
    return Offer.objects.create(organisation=organisation, title_de=title, **extra)


@pytest.fixture
def world(db) -> World:
    a = Organisation.objects.create(name="Beispielverein A", slug="beispielverein-a")
    b = Organisation.objects.create(name="Beispielverein B", slug="beispielverein-b")
    unit = Organisation.objects.create(name="Beratungsstelle von A", slug="beratung-a", parent=a)
    editor_a = account("redaktion-a@example.org", "Emil Redaktion", a, Affiliation.Role.EDITOR)
    users = {
        "member": account("mitglied-a@example.org", "Mia Mitglied", a),
        "editor_a": editor_a,
        "editor_b": account("redaktion-b@example.org", "Bea Redaktion", b, Affiliation.Role.EDITOR),
        "editor_unit": account("redaktion-u@example.org", "Udo Einheit", unit, Affiliation.Role.EDITOR),
        "coordinator": account("koordination@example.org", "Cora Koordination", is_coordinator=True),
    }
    offer_a = make_offer(a, "Beispielberatung A")
    Location.objects.create(offer=offer_a, name="Beispielhaus", street="Beispielweg 1", city="Beispielstadt")
    return World(
        a=a,
        b=b,
        unit=unit,
        offer_a=offer_a,
        offer_b=make_offer(b, "Beispielkurs B"),
        offer_unit=make_offer(unit, "Beispieltreff der Einheit"),
        users=users,
        topic=Term.objects.create(taxonomy="topic", slug="beispiel-wohnen", name_de="Beispiel Wohnen"),
        category=Term.objects.create(
            taxonomy="category", slug="beispiel-beratung", name_de="Beispiel Beratung"
        ),
        group=Term.objects.create(taxonomy="target-group", slug="beispiel-frauen", name_de="Beispiel Frauen"),
        arabic=Language.objects.get_or_create(code="ar", defaults={"name_de": "Arabisch"})[0],
        farsi=Language.objects.get_or_create(code="fa", defaults={"name_de": "Persisch"})[0],
    )


def client_as(world: World, role: str | None) -> Client:
    client = Client()
    if role:
        client.force_login(world.users[role])
    return client


def offer_data(world: World, organisation: Organisation, **extra) -> dict:
    """A complete, valid form as a browser sends it, with no places."""
    data = {
        "organisation": organisation.pk,
        "title_de": "Beispielberatung zum Wohnen",
        "title_en": "",
        "title_ar": "",
        "description_de": "Wir beraten **beispielhaft**.",
        "status": "active",
        "in_person": "on",
        "url": "",
        "email": "",
        "phone": "",
        "free_of_charge": "on",
        "minimum_age": "",
        "maximum_age": "",
        "valid_from": "",
        "valid_until": "",
        "places-TOTAL_FORMS": "0",
        "places-INITIAL_FORMS": "0",
        "places-MIN_NUM_FORMS": "0",
        "places-MAX_NUM_FORMS": "1000",
    }
    data.update(extra)
    return data


def place_data(index: int, **fields) -> dict:
    return {f"places-{index}-{name}": value for name, value in fields.items()}


def edit_url(offer: Offer) -> str:
    return reverse("offers:manage-offer", args=[offer.pk])


def confirm_url(offer: Offer) -> str:
    return reverse("offers:manage-offer-confirm", args=[offer.pk])


def list_url() -> str:
    return reverse("offers:manage-offers")


# Who may see what ---------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_the_login(world):
    client = Client()
    for url in (list_url(), reverse("offers:manage-offer-new"), edit_url(world.offer_a)):
        response = client.get(url)
        assert response.status_code == 302 and "/account/login/" in response["Location"], url
    response = client.post(confirm_url(world.offer_a))
    assert response.status_code == 302 and "/account/login/" in response["Location"]
    world.offer_a.refresh_from_db()
    assert world.offer_a.last_confirmed_on == LONG_AGO


def test_members_who_are_not_editors_are_refused(world):
    client = client_as(world, "member")
    for url in (list_url(), reverse("offers:manage-offer-new"), edit_url(world.offer_a)):
        assert client.get(url).status_code == 403, url
    assert client.post(edit_url(world.offer_a), offer_data(world, world.a)).status_code == 403
    assert client.post(confirm_url(world.offer_a)).status_code == 403
    world.offer_a.refresh_from_db()
    assert world.offer_a.title_de == "Beispielberatung A"
    assert world.offer_a.last_confirmed_on == LONG_AGO


def test_an_editor_lists_the_offers_of_their_organisation_and_its_units_only(world):
    response = client_as(world, "editor_a").get(list_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Beispielberatung A" in page
    assert "Beispieltreff der Einheit" in page  # the unit of A
    assert "Beispielkurs B" not in page


def test_a_units_editor_sees_the_units_offers_only(world):
    page = client_as(world, "editor_unit").get(list_url()).content.decode()
    assert "Beispieltreff der Einheit" in page
    assert "Beispielberatung A" not in page
    assert client_as(world, "editor_unit").get(edit_url(world.offer_a)).status_code == 403


def test_a_coordinator_lists_all_offers(world):
    page = client_as(world, "coordinator").get(list_url()).content.decode()
    for title in ("Beispielberatung A", "Beispielkurs B", "Beispieltreff der Einheit"):
        assert title in page


def test_another_organisations_editor_can_neither_see_nor_change_an_offer(world):
    """Bea edits B. A's offer is not hers: every way in is closed, and nothing changes."""
    client = client_as(world, "editor_b")
    offer = world.offer_a
    before = Offer.objects.filter(pk=offer.pk).values().get()
    log_before = AuditEntry.objects.count()
    assert client.get(edit_url(offer)).status_code == 403
    data = offer_data(world, world.b, title_de="Übernommen von B")
    assert client.post(edit_url(offer), data).status_code == 403
    assert client.post(edit_url(offer), offer_data(world, world.a, title_de="Geändert")).status_code == 403
    assert client.post(confirm_url(offer)).status_code == 403
    # Nor can she start a new offer for A.
    assert client.get(reverse("offers:manage-offer-new"), {"organisation": world.a.slug}).status_code == 403
    response = client.post(
        reverse("offers:manage-offer-new"), offer_data(world, world.a, title_de="Neu für A")
    )
    assert response.status_code == 200
    assert "organisation" in response.context["form"].errors
    assert Offer.objects.filter(pk=offer.pk).values().get() == before
    assert offer.locations.count() == 1
    assert not Offer.objects.filter(title_de__in=["Übernommen von B", "Geändert", "Neu für A"]).exists()
    assert AuditEntry.objects.count() == log_before
    assert "Beispielberatung A" not in client.get(list_url()).content.decode()


def test_the_editor_cannot_move_an_offer_to_another_organisation(world):
    response = client_as(world, "editor_a").post(edit_url(world.offer_a), offer_data(world, world.b))
    assert response.status_code == 200
    assert "organisation" in response.context["form"].errors
    world.offer_a.refresh_from_db()
    assert world.offer_a.organisation == world.a


def test_unknown_offers_are_not_found(world):
    client = client_as(world, "coordinator")
    assert client.get(edit_url(Offer(pk=99999))).status_code == 404
    assert client.post(confirm_url(Offer(pk=99999))).status_code == 404
    assert client_as(world, "editor_a").get(edit_url(Offer(pk=99999))).status_code == 404


def test_the_confirm_action_takes_post_only(world):
    assert client_as(world, "editor_a").get(confirm_url(world.offer_a)).status_code == 405


def test_the_menu_shows_offers_to_editors_and_coordinators_only(world):
    link = f'href="{list_url()}"'
    dashboard = reverse("members:dashboard")
    assert link in client_as(world, "editor_a").get(dashboard).content.decode()
    assert link in client_as(world, "coordinator").get(dashboard).content.decode()
    assert link not in client_as(world, "member").get(dashboard).content.decode()


# The list ---------------------------------------------------------------------------------


def test_the_list_shows_status_validity_confirmation_and_marks(world, settings):
    settings.OFFER_CONFIRMATION_DAYS = 365
    today = TODAY()
    make_offer(world.a, "Frisch bestätigt", last_confirmed_on=today)
    make_offer(world.a, "Abgelaufenes Beispiel", valid_until=today - datetime.timedelta(days=1))
    make_offer(
        world.a, "Pausiertes Beispiel", status=Offer.Status.TEMPORARILY_CLOSED, last_confirmed_on=today
    )
    response = client_as(world, "editor_a").get(list_url())
    offers = {offer.title_de: offer for offer in response.context["page"].object_list}
    assert offers["Abgelaufenes Beispiel"].is_expired
    assert not offers["Frisch bestätigt"].is_expired
    page = response.content.decode()
    assert "Vorübergehend geschlossen" in page or "Temporarily closed" in page
    rows = {title: page.split(title, 1)[1].split("</tr>", 1)[0] for title in offers}
    assert "badge-warn" not in rows["Frisch bestätigt"]
    assert "badge-warn" in rows["Beispielberatung A"]  # confirmed long ago
    # An expired offer is marked as expired and offers no "still valid" button.
    assert "badge-warn" in rows["Abgelaufenes Beispiel"]
    assert confirm_url(offers["Abgelaufenes Beispiel"]) not in rows["Abgelaufenes Beispiel"]
    assert confirm_url(offers["Frisch bestätigt"]) in rows["Frisch bestätigt"]


def test_search_and_filters(world):
    today = TODAY()
    make_offer(
        world.b,
        "Sprachcafé Beispiel",
        title_en="Language café example",
        title_uk="Мовне кафе приклад",
        last_confirmed_on=today,
    )
    make_offer(world.b, "Altes Sprachcafé", valid_until=today - datetime.timedelta(days=3))
    make_offer(world.b, "Ruhendes Angebot", status=Offer.Status.INACTIVE, last_confirmed_on=today)
    client = client_as(world, "coordinator")

    def titles(**params) -> set[str]:
        response = client.get(list_url(), params)
        assert response.status_code == 200
        return {offer.title_de for offer in response.context["page"].object_list}

    assert titles(q="sprachcafé") == {"Sprachcafé Beispiel", "Altes Sprachcafé"}
    assert titles(q="language café") == {"Sprachcafé Beispiel"}  # in any language
    assert titles(q="Мовне кафе") == {"Sprachcafé Beispiel"}
    assert titles(organisation=world.unit.slug) == {"Beispieltreff der Einheit"}
    assert titles(status="inactive") == {"Ruhendes Angebot"}
    assert titles(expired="1") == {"Altes Sprachcafé"}
    # Needs confirmation: not confirmed for a year, and not expired.
    assert titles(needs_confirmation="1") == {
        "Beispielberatung A",
        "Beispielkurs B",
        "Beispieltreff der Einheit",
    }
    assert titles(organisation=world.b.slug, needs_confirmation="1") == {"Beispielkurs B"}
    assert titles(status="no-such-status") == titles()


def test_the_list_makes_a_fixed_number_of_queries(world, client, assert_fixed_query_count):
    client.force_login(world.users["coordinator"])
    organisations = [world.a, world.b, world.unit]

    def add_rows(n: int) -> None:
        for i in range(n):
            offer = make_offer(organisations[i % 3], f"Zusatzangebot {Offer.objects.count()}")
            offer.terms.add(world.topic)

    assert_fixed_query_count(list_url(), add_rows)


# Adding and editing -------------------------------------------------------------------------


def test_an_editor_adds_an_offer_with_everything(world):
    client = client_as(world, "editor_a")
    response = client.get(reverse("offers:manage-offer-new"), {"organisation": world.unit.slug})
    assert response.status_code == 200
    assert response.context["form"]["organisation"].value() == world.unit.pk
    # Only the organisations she edits are offered.
    choices = {choice for choice, _label in response.context["form"].fields["organisation"].choices if choice}
    assert {int(str(choice)) for choice in choices} == {world.a.pk, world.unit.pk}
    data = offer_data(
        world,
        world.unit,
        title_en="Housing advice example",
        title_ar="استشارة سكن",
        categories=[world.category.pk],
        topics=[world.topic.pk],
        target_groups=[world.group.pk],
        languages=[world.arabic.pk, world.farsi.pk],
        by_phone="on",
        phone="0551 000000",
        email="beratung@example.org",
        by_appointment="on",
        opening_hours_de="Mo 9–12",
        minimum_age="16",
        maximum_age="99",
        interpreting="on",
        interpreting_note="Auf Anfrage",
        valid_from="2025-01-01",
        valid_until="2030-12-31",
        **{"places-TOTAL_FORMS": "2"},
        **place_data(0, name="Beispielhaus", street="Beispielweg 2", postcode="99999", city="Beispielstadt",
                     district="city", latitude="51.533", longitude="9.935", step_free="on"),
        **place_data(1, city=""),  # the empty extra form
    )  # fmt: skip
    response = client.post(reverse("offers:manage-offer-new"), data)
    offer = Offer.objects.get(title_de="Beispielberatung zum Wohnen")
    assert response.status_code == 302 and response["Location"] == edit_url(offer)
    assert offer.organisation == world.unit
    assert offer.title_en == "Housing advice example" and offer.title_ar == "استشارة سكن"
    assert set(offer.terms.all()) == {world.category, world.topic, world.group}
    assert set(offer.languages.all()) == {world.arabic, world.farsi}
    assert (offer.minimum_age, offer.maximum_age) == (16, 99)
    assert offer.by_phone and offer.by_appointment and offer.interpreting and offer.in_person
    assert offer.valid_until == datetime.date(2030, 12, 31)
    assert offer.last_confirmed_on == TODAY()  # saving confirms
    place = offer.locations.get()
    assert (place.city, place.district, place.step_free) == ("Beispielstadt", "city", True)
    assert str(place.latitude) == "51.533000"
    entry = AuditEntry.objects.get(action="create", object_type="offers.offer")
    assert entry.organisation == world.unit
    assert entry.actor == world.users["editor_a"]
    assert entry.changes["languages"] == [None, ["ar", "fa"]]


def test_an_editor_with_one_organisation_gets_it_chosen(world):
    response = client_as(world, "editor_b").get(reverse("offers:manage-offer-new"))
    assert response.context["form"]["organisation"].value() == world.b.pk
    assert (
        client_as(world, "editor_b")
        .get(reverse("offers:manage-offer-new"), {"organisation": "no-such-organisation"})
        .status_code
        == 404
    )


def test_the_form_shows_the_offer_and_its_lists(world):
    world.offer_a.terms.add(world.topic)
    response = client_as(world, "editor_a").get(edit_url(world.offer_a))
    assert response.status_code == 200
    form = response.context["form"]
    assert form["topics"].value() == [world.topic.pk]
    assert form["categories"].value() == []
    page = response.content.decode()
    assert "Beispiel Wohnen" in page and "Beispiel Frauen" in page  # the lists, as checkboxes
    assert 'dir="rtl"' in page  # the Arabic fields
    assert 'name="places-0-city"' in page and 'value="Beispielstadt"' in page
    assert 'name="places-1-city"' in page  # an empty one to add a place


def test_only_the_german_title_is_required(world):
    client = client_as(world, "editor_a")
    response = client.post(
        edit_url(world.offer_a), offer_data(world, world.a, title_de="", title_en="Only English")
    )
    assert response.status_code == 200
    assert "title_de" in response.context["form"].errors
    assert client.post(edit_url(world.offer_a), offer_data(world, world.a)).status_code == 302


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"valid_from": "2026-05-01", "valid_until": "2026-04-30"}, "valid_until"),
        ({"valid_until": "3026-04-30"}, "valid_until"),
        ({"minimum_age": "18", "maximum_age": "12"}, "maximum_age"),
        ({"minimum_age": "-1"}, "minimum_age"),
        ({"maximum_age": "500"}, "maximum_age"),
        ({"url": "keine adresse"}, "url"),
        ({"email": "keine-adresse"}, "email"),
        ({"status": "open"}, "status"),
        ({"languages": ["xx"]}, "languages"),
        ({"topics": ["999999"]}, "topics"),
    ],
)
def test_the_form_refuses_what_is_wrong(world, fields, field):
    response = client_as(world, "editor_a").post(
        edit_url(world.offer_a), offer_data(world, world.a, **fields)
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert "error-summary" in response.content.decode()
    world.offer_a.refresh_from_db()
    assert world.offer_a.last_confirmed_on == LONG_AGO


def test_a_term_of_another_list_is_refused(world):
    data = offer_data(world, world.a, topics=[world.category.pk])
    response = client_as(world, "editor_a").post(edit_url(world.offer_a), data)
    assert "topics" in response.context["form"].errors


def test_one_day_offers_are_fine(world):
    data = offer_data(world, world.a, valid_from="2026-05-01", valid_until="2026-05-01")
    assert client_as(world, "editor_a").post(edit_url(world.offer_a), data).status_code == 302


@pytest.mark.parametrize(
    ("place", "field"),
    [
        ({"name": "Ohne Ort"}, "city"),
        ({"city": "Beispielstadt", "latitude": "51.5"}, "longitude"),
        ({"city": "Beispielstadt", "longitude": "9.9"}, "latitude"),
        ({"city": "Beispielstadt", "latitude": "91", "longitude": "9.9"}, "latitude"),
        ({"city": "Beispielstadt", "latitude": "51.5", "longitude": "-181"}, "longitude"),
        ({"city": "Beispielstadt", "latitude": "Norden", "longitude": "9.9"}, "latitude"),
        ({"city": "Beispielstadt", "district": "mars"}, "district"),
    ],
)
def test_places_are_checked(world, place, field):
    data = offer_data(world, world.b, **{"places-TOTAL_FORMS": "1"}, **place_data(0, **place))
    response = client_as(world, "editor_b").post(edit_url(world.offer_b), data)
    assert response.status_code == 200
    assert field in response.context["formset"].forms[0].errors
    assert "Please check the places" in response.content.decode() or "Orte" in response.content.decode()
    assert not world.offer_b.locations.exists()


def test_places_are_changed_added_and_removed(world):
    existing = world.offer_a.locations.get()
    data = offer_data(
        world,
        world.a,
        **{"places-TOTAL_FORMS": "2", "places-INITIAL_FORMS": "1"},
        **place_data(0, id=existing.pk, city="Beispielstadt", name="Umgezogen", DELETE="on"),
        **place_data(1, city="Nachbarort", latitude="51.6", longitude="9.8"),
    )
    assert client_as(world, "editor_a").post(edit_url(world.offer_a), data).status_code == 302
    assert [place.city for place in world.offer_a.locations.all()] == ["Nachbarort"]
    assert not Location.objects.filter(pk=existing.pk).exists()
    entry = AuditEntry.objects.get(action="update", object_id=str(world.offer_a.pk))
    assert entry.changes["places"] == [["Beispielhaus, Beispielweg 1, Beispielstadt"], ["Nachbarort"]]


def test_a_place_of_another_offer_cannot_be_taken_over(world):
    other = Location.objects.create(offer=world.offer_b, city="Fremdstadt")
    data = offer_data(
        world,
        world.a,
        **{"places-TOTAL_FORMS": "1", "places-INITIAL_FORMS": "1"},
        **place_data(0, id=other.pk, city="Gekapert"),
    )
    client_as(world, "editor_a").post(edit_url(world.offer_a), data)
    other.refresh_from_db()
    assert (other.offer, other.city) == (world.offer_b, "Fremdstadt")


def test_saving_logs_the_changes_and_confirms(world):
    client = client_as(world, "editor_a")
    response = client.post(
        edit_url(world.offer_a), offer_data(world, world.a, title_de="Neuer Titel"), follow=True
    )
    assert response.status_code == 200
    world.offer_a.refresh_from_db()
    assert world.offer_a.title_de == "Neuer Titel"
    assert world.offer_a.last_confirmed_on == TODAY()
    entry = AuditEntry.objects.get(action="update", object_id=str(world.offer_a.pk))
    assert entry.organisation == world.a
    assert entry.changes["title_de"] == ["Beispielberatung A", "Neuer Titel"]
    assert entry.changes["last_confirmed_on"] == [LONG_AGO.isoformat(), TODAY().isoformat()]


def test_a_coordinator_edits_any_offer(world):
    response = client_as(world, "coordinator").post(
        edit_url(world.offer_b), offer_data(world, world.b, title_de="Von der Koordination")
    )
    assert response.status_code == 302
    world.offer_b.refresh_from_db()
    assert world.offer_b.title_de == "Von der Koordination"


def test_an_expired_offer_is_kept_and_renewed_by_editing(world):
    today = TODAY()
    offer = make_offer(world.a, "Abgelaufen", valid_until=today - datetime.timedelta(days=10))
    assert not Offer.objects.public().filter(pk=offer.pk).exists()
    client = client_as(world, "editor_a")
    response = client.get(edit_url(offer))
    assert response.status_code == 200 and response.context["expired"]
    assert not response.context["is_public"]
    later = (today + datetime.timedelta(days=365)).isoformat()
    data = offer_data(world, world.a, title_de="Abgelaufen", valid_until=later)
    assert client.post(edit_url(offer), data).status_code == 302
    assert Offer.objects.public().filter(pk=offer.pk).exists()
    assert client.get(edit_url(offer)).context["is_public"]


def test_garbage_never_breaks_the_form(world):
    client = client_as(world, "editor_a")
    response = client.post(edit_url(world.offer_a), {"title_de": "x" * 5000, "places-TOTAL_FORMS": "abc"})
    assert response.status_code == 200
    response = client.post(reverse("offers:manage-offer-new"), {"organisation": "x", "minimum_age": "1e9"})
    assert response.status_code == 200


# Still valid ---------------------------------------------------------------------------------


def test_an_editor_confirms_an_offer(world):
    client = client_as(world, "editor_a")
    response = client.post(confirm_url(world.offer_a), {"back": list_url() + "?needs_confirmation=1"})
    assert response.status_code == 302
    assert response["Location"] == list_url() + "?needs_confirmation=1"
    world.offer_a.refresh_from_db()
    assert world.offer_a.last_confirmed_on == TODAY()
    entry = AuditEntry.objects.get(action="confirm")
    assert entry.organisation == world.a and entry.actor == world.users["editor_a"]
    # Back to the offer, unless told otherwise; never to another site.
    response = client.post(confirm_url(world.offer_a), {"back": "https://example.com/"})
    assert response["Location"] == edit_url(world.offer_a)


def test_an_expired_offer_is_not_confirmed(world):
    offer = make_offer(world.a, "Abgelaufen", valid_until=TODAY() - datetime.timedelta(days=1))
    response = client_as(world, "editor_a").post(confirm_url(offer), follow=True)
    assert response.status_code == 200
    offer.refresh_from_db()
    assert offer.last_confirmed_on == LONG_AGO
    assert not AuditEntry.objects.filter(action="confirm").exists()


# The one-click link --------------------------------------------------------------------------


def editor_person(world: World, role: str = "editor_a") -> Person:
    return world.users[role].person


def link(token: str) -> str:
    return reverse("offers:offer-confirm-link", args=[token])


def test_the_link_shows_the_offer_and_changes_nothing_until_the_button(world):
    url = link(confirm_token(world.offer_a, editor_person(world)))
    client = Client()  # no login needed
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Beispielberatung A" in page and "Beispielhaus" in page
    assert 'method="post"' in page
    world.offer_a.refresh_from_db()
    assert world.offer_a.last_confirmed_on == LONG_AGO
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == url
    world.offer_a.refresh_from_db()
    assert world.offer_a.last_confirmed_on == TODAY()
    entry = AuditEntry.objects.get(action="confirm")
    assert entry.actor == world.users["editor_a"]
    assert entry.organisation == world.a
    # Afterwards the page says so, and has no button any more.
    assert 'method="post"' not in client.get(url).content.decode()


def test_an_editor_without_an_account_confirms_with_the_link(world):
    person = Person.objects.create(name="Otto Ohnekonto", email="otto@example.org")
    Affiliation.objects.create(person=person, organisation=world.b, role=Affiliation.Role.EDITOR)
    assert Client().post(link(confirm_token(world.offer_b, person))).status_code == 302
    entry = AuditEntry.objects.get(action="confirm")
    assert entry.actor is None and entry.actor_name == "otto@example.org"


def test_the_parents_editor_may_confirm_a_units_offer(world):
    assert Client().get(link(confirm_token(world.offer_unit, editor_person(world)))).status_code == 200


@pytest.mark.parametrize(
    "make_token",
    [
        lambda w: "not-a-valid-token",
        lambda w: confirm_token(w.offer_a, editor_person(w))[:-2] + "xx",  # tampered
        lambda w: confirm_token(w.offer_a, editor_person(w)).replace(":", ";", 1),
        # B's editor is not an editor of A's offer.
        lambda w: confirm_token(w.offer_a, editor_person(w, "editor_b")),
        # A member without the editor role.
        lambda w: confirm_token(w.offer_a, editor_person(w, "member")),
        # The offer is gone.
        lambda w: confirm_token(Offer(pk=99999), editor_person(w)),
    ],
)
def test_a_link_that_does_not_work_says_so(world, make_token):
    client = Client()
    url = link(make_token(world))
    for method in ("get", "post"):
        response = getattr(client, method)(url)
        assert response.status_code == 404
        assert "This link does not work" in response.content.decode() or "funktioniert nicht" in (
            response.content.decode()
        )
    world.offer_a.refresh_from_db()
    assert world.offer_a.last_confirmed_on == LONG_AGO


def test_a_link_is_valid_for_thirty_days(world):
    person = editor_person(world)
    now = time.time()
    with mock.patch("django.core.signing.time.time", return_value=now - CONFIRM_MAX_AGE.total_seconds() + 60):
        fresh = confirm_token(world.offer_a, person)
    with mock.patch("django.core.signing.time.time", return_value=now - CONFIRM_MAX_AGE.total_seconds() - 60):
        old = confirm_token(world.offer_a, person)
    assert CONFIRM_MAX_AGE == datetime.timedelta(days=30)
    assert Client().get(link(old)).status_code == 404
    assert Client().post(link(old)).status_code == 404
    world.offer_a.refresh_from_db()
    assert world.offer_a.last_confirmed_on == LONG_AGO
    assert Client().get(link(fresh)).status_code == 200


def test_a_link_stops_working_when_the_person_is_no_longer_an_editor(world):
    person = editor_person(world)
    url = link(confirm_token(world.offer_a, person))
    Affiliation.objects.filter(person=person).update(ended_on=TODAY())
    assert Client().get(url).status_code == 404


def test_a_link_of_a_token_signed_for_something_else_does_not_work(world):
    from django.core import signing

    other = signing.TimestampSigner(salt="members.invitation").sign_object([world.offer_a.pk, 1])
    assert Client().get(link(other)).status_code == 404
    wrong_shape = signing.TimestampSigner(salt="offers.confirm").sign_object({"offer": world.offer_a.pk})
    assert Client().get(link(wrong_shape)).status_code == 404


def test_the_link_does_not_confirm_an_expired_offer(world):
    offer = make_offer(world.a, "Abgelaufen", valid_until=TODAY() - datetime.timedelta(days=1))
    url = link(confirm_token(offer, editor_person(world)))
    assert 'method="post"' not in Client().get(url).content.decode()
    assert Client().post(url).status_code == 302
    offer.refresh_from_db()
    assert offer.last_confirmed_on == LONG_AGO
