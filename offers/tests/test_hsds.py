"""Open data: offers and organisations as Open Referral HSDS 3.0, checked against the
standard's published JSON schemas, kept in standards/hsds-3/schema (with their licence)."""

import datetime
import json
import os
import uuid
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from jsonschema import Draft202012Validator, FormatChecker

from members.models import Affiliation, District, Organisation, Person
from offers import hsds
from offers.models import Language, Location, Offer, Term
from tests.security.files import png

from .sample import make_offer, make_organisation

SCHEMA_DIR = Path(os.environ.get("HSDS_SCHEMA_DIR", settings.BASE_DIR / "standards" / "hsds-3" / "schema"))
# The schemas are part of the repository: without them these tests must fail, not skip.
assert (SCHEMA_DIR / "compiled" / "service_with_definitions.json").exists(), f"no schemas in {SCHEMA_DIR}"

FORMATS = FormatChecker()


@FORMATS.checks("uri")
def _is_uri(value: object) -> bool:
    parts = urlsplit(str(value))
    return bool(parts.scheme and parts.netloc)


@FORMATS.checks("date-time", raises=ValueError)
def _is_date_time(value: object) -> bool:
    return datetime.datetime.fromisoformat(str(value)).tzinfo is not None


def _schema(name: str) -> dict:
    return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))


def _validator(schema: dict) -> Draft202012Validator:
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FORMATS)


def _list_schema(item: dict) -> dict:
    """The standard's API list response: its Page fields, all of them here, and the contents."""
    page = _schema("openapi.json")["components"]["schemas"]["Page"]
    return {
        "type": "object",
        "required": [*page["properties"], "contents"],
        "properties": {**page["properties"], "contents": {"type": "array", "items": item}},
    }


SERVICE = _validator(_schema("compiled/service_with_definitions.json"))
SERVICE_INLINE = _validator(_schema("compiled/service.json"))
ORGANIZATION = _validator(_schema("compiled/organization.json"))
SERVICE_LIST = _validator(_list_schema(_schema("compiled/service_list.json")))
ORGANIZATION_LIST = _validator(_list_schema(_schema("compiled/organization_list.json")))


def assert_valid(validator: Draft202012Validator, data: dict) -> None:
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]
    assert not errors, "\n".join(errors)


def assert_valid_service(data: dict) -> None:
    assert_valid(SERVICE, data)
    assert_valid(SERVICE_INLINE, data)
    if "assured_date" in data:
        datetime.date.fromisoformat(data["assured_date"])


def assert_valid_services(data: dict) -> None:
    assert_valid(SERVICE_LIST, data)
    for item in data["contents"]:
        assert_valid_service(item)


def assert_valid_organizations(data: dict) -> None:
    assert_valid(ORGANIZATION_LIST, data)
    for item in data["contents"]:
        assert_valid(ORGANIZATION, item)


# -- Test data: obviously made up ----------------------------------------------------------------

TODAY = datetime.date(2026, 6, 1)


@pytest.fixture
def today(monkeypatch) -> datetime.date:
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    return TODAY


@pytest.fixture
def terms(db) -> dict[str, Term]:
    made = {}
    for taxonomy, slug, de, en, ar in [
        (Term.Taxonomy.CATEGORY, "beispiel-kategorie", "Beispielkategorie", "Sample category", "فئة مثال"),
        (Term.Taxonomy.TOPIC, "beispiel-thema", "Beispielthema", "Sample topic", "موضوع مثال"),
        (Term.Taxonomy.TARGET_GROUP, "beispiel-gruppe", "Beispielgruppe", "Sample group", "مجموعة مثال"),
    ]:
        made[taxonomy] = Term.objects.create(
            taxonomy=taxonomy, slug=slug, name=de, name_de=de, name_en=en, name_ar=ar
        )
    return made


@pytest.fixture
def languages(db) -> list[Language]:
    return [
        Language.objects.create(
            code="xx", name="Beispielsprache", name_en="Sample language", native_name="Xx", position=1
        ),
        Language.objects.create(code="yyy", name="Zweite Beispielsprache", native_name="Yyy", position=2),
    ]


@pytest.fixture
def full_offer(db, settings, tmp_path, today, terms, languages) -> Offer:
    """An offer with every field set, of an organisation with every public field set."""
    settings.MEDIA_ROOT = tmp_path
    parent = make_organisation("Beispiel-Dachverband", is_member=False)
    organisation = make_organisation(
        "Beispielverein e. V.",
        parent=parent,
        description="Ein **erfundener** Verein.",
        description_en="A **made-up** association.",
        website="https://verein.example.org/",
        email="info@verein.example.org",
        phone="0000 111111",
        street="Beispielstraße 1",
        postcode="00000",
        city="Beispielstadt",
        district=District.CITY,
        joined_on=datetime.date(2020, 1, 1),
    )
    organisation.logo.save("logo.png", ContentFile(png()))
    offer = make_offer(
        organisation,
        title="Beispielberatung",
        title_en="Sample counselling",
        title_ar="استشارة مثال",
        description="Eine *erfundene* Beratung.",
        description_en="A *made-up* counselling service.",
        status=Offer.Status.ACTIVE,
        in_person=True,
        by_phone=True,
        by_video=True,
        by_email=True,
        by_chat=True,
        url="https://verein.example.org/beratung",
        email="beratung@verein.example.org",
        phone="0000 222222",
        opening_hours="Mo 9–12 Uhr",
        opening_hours_en="Mon 9 am – 12 noon",
        by_appointment=True,
        free_of_charge=False,
        fees_description="5 Euro je Termin",
        minimum_age=16,
        maximum_age=99,
        eligibility="Alle, die ein Beispiel brauchen.",
        application_process="Anrufen und einen Termin ausmachen.",
        required_documents="Ausweis",
        interpreting=True,
        interpreting_note="Dolmetschen auf Wunsch.",
        valid_from=datetime.date(2026, 1, 1),
        valid_until=datetime.date(2026, 12, 31),
        last_confirmed_on=datetime.date(2026, 5, 2),
    )
    offer.terms.set(terms.values())
    offer.languages.set(languages)
    Location.objects.create(
        offer=offer,
        name="Beispielhaus",
        street="Beispielweg 2",
        postcode="00000",
        city="Beispielstadt",
        district=District.CITY,
        latitude="51.533100",
        longitude="9.935500",
        step_free=True,
    )
    Location.objects.create(offer=offer, city="Zweitstadt")
    return offer


def _load(offer: Offer) -> Offer:
    return hsds.public_services().get(pk=offer.pk)


# -- The schemas ---------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["de", "en", "ar"])
def test_the_demo_data_validates(demo, language):
    with translation.override(language):
        services = hsds.service_list(hsds.public_services())
        organizations = hsds.organization_list(hsds.public_organizations())
        assert_valid_services(services)
        assert_valid_organizations(organizations)
        assert services["total_items"] == Offer.objects.public().count() > 0
        for offer in hsds.public_services():
            assert_valid_service(hsds.service(offer, with_organization=True))
        for organisation in hsds.organizations_with_services(hsds.public_organizations()):
            assert_valid(ORGANIZATION, hsds.organization(organisation, with_services=True))


@pytest.mark.parametrize("language", ["de", "en", "ar"])
def test_a_full_offer_validates(full_offer, language):
    with translation.override(language):
        assert_valid_service(hsds.service(_load(full_offer), with_organization=True))
        assert_valid_services(hsds.service_list(hsds.public_services()))
        organisation = hsds.organizations_with_services(hsds.public_organizations()).get(
            pk=full_offer.organisation_id
        )
        assert_valid(ORGANIZATION, hsds.organization(organisation, with_services=True))
        assert_valid_organizations(hsds.organization_list(hsds.public_organizations()))


def test_the_validator_refuses_what_the_standard_does(full_offer):
    """Guards the checks above: they must fail on data that breaks the schema."""
    data = hsds.service(_load(full_offer))
    for broken in (
        {**data, "id": "12"},
        {**data, "status": "open"},
        {key: value for key, value in data.items() if key != "name"},
        {**data, "url": "no address"},
        {**data, "minimum_age": None},
    ):
        assert list(SERVICE.iter_errors(broken))


# -- The mapping ---------------------------------------------------------------------------------


def test_every_field_of_an_offer_is_mapped(full_offer, settings):
    with translation.override("en"):
        data = hsds.service(_load(full_offer))
    service_id = data["id"]
    assert data["organization_id"] == hsds.hsds_id("organization", full_offer.organisation_id)
    assert data["name"] == "Sample counselling"
    assert data["description"] == "A *made-up* counselling service."
    assert data["url"] == "https://verein.example.org/beratung"
    assert data["email"] == "beratung@verein.example.org"
    assert data["status"] == "active"
    assert data["interpretation_services"] == "Dolmetschen auf Wunsch."
    assert data["application_process"] == "Anrufen und einen Termin ausmachen."
    assert data["fees_description"] == "5 Euro je Termin"
    assert data["eligibility_description"] == "Alle, die ein Beispiel brauchen."
    assert (data["minimum_age"], data["maximum_age"]) == (16, 99)
    assert data["assured_date"] == "2026-05-02"
    assert data["phones"] == [
        {"id": data["phones"][0]["id"], "service_id": service_id, "number": "0000 222222"}
    ]
    [schedule] = data["schedules"]
    assert schedule["description"] == "Mon 9 am – 12 noon"
    assert schedule["notes"] == "By appointment"
    assert schedule["attending_type"] == "In person, By phone, By video call, By e-mail, By chat"
    assert (schedule["valid_from"], schedule["valid_to"]) == ("2026-01-01", "2026-12-31")
    assert data["cost_options"] == [
        {
            "id": data["cost_options"][0]["id"],
            "service_id": service_id,
            "currency": "EUR",
            "option": "fee",
            "amount_description": "5 Euro je Termin",
        }
    ]
    assert [document["document"] for document in data["required_documents"]] == ["Ausweis"]
    assert [(language["code"], language["name"]) for language in data["languages"]] == [
        ("xx", "Sample language"),
        ("yyy", "Zweite Beispielsprache"),  # no English name: the German one
    ]
    first, second = data["service_at_locations"]
    assert first["service_id"] == service_id
    assert first["location_id"] == first["location"]["id"]
    assert first["location"]["name"] == "Beispielhaus"
    assert (first["location"]["latitude"], first["location"]["longitude"]) == (51.5331, 9.9355)
    assert first["location"]["addresses"] == [
        {
            "id": first["location"]["addresses"][0]["id"],
            "location_id": first["location_id"],
            "address_1": "Beispielweg 2",
            "city": "Beispielstadt",
            "state_province": "Niedersachsen",
            "postal_code": "00000",
            "country": "DE",
            "address_type": "physical",
        }
    ]
    assert [item["description"] for item in first["location"]["accessibility"]] == ["Step-free access"]
    assert second["location"]["addresses"][0]["city"] == "Zweitstadt"
    assert second["location"]["accessibility"] == []
    assert "latitude" not in second["location"]
    terms = {item["link_type"]: item for item in data["attributes"]}
    assert set(terms) == {"category", "topic", "target-group"}
    topic = terms["topic"]
    assert topic["link_id"] == service_id
    assert topic["link_entity"] == "service"
    assert topic["taxonomy_term_id"] == topic["taxonomy_term"]["id"]
    assert topic["taxonomy_term"]["name"] == "Sample topic"
    assert topic["taxonomy_term"]["code"] == "beispiel-thema"
    assert topic["taxonomy_term"]["language"] == "en"
    assert topic["taxonomy_term"]["term_uri"] == (settings.SITE_URL + "/en/offers/?topic=beispiel-thema")


def test_the_state_and_country_come_from_the_settings(full_offer, settings):
    settings.HSDS_STATE_PROVINCE = "Hessen"
    settings.HSDS_COUNTRY = "AT"
    address = hsds.service(_load(full_offer))["service_at_locations"][0]["location"]["addresses"][0]
    assert (address["state_province"], address["country"]) == ("Hessen", "AT")


def test_an_offer_with_little_known_leaves_the_rest_out(db, today):
    offer = make_offer(make_organisation(), title="Nur ein Titel", in_person=False)
    data = hsds.service(_load(offer))
    assert data["name"] == "Nur ein Titel"
    for absent in ("description", "url", "email", "assured_date", "minimum_age", "interpretation_services"):
        assert absent not in data
    assert data["schedules"] == []  # no hours, no channel, no dates
    assert data["cost_options"] == []  # not known, so not said
    assert data["phones"] == data["languages"] == data["attributes"] == data["service_at_locations"] == []
    assert_valid_service(data)


def test_interpreting_without_a_note_says_so(db, today):
    offer = make_offer(make_organisation(), interpreting=True)
    with translation.override("en"):
        assert hsds.service(_load(offer))["interpretation_services"] == "Interpreting is available."


def test_the_organization_has_its_public_fields(full_offer, settings):
    organisation = full_offer.organisation
    with translation.override("en"):
        data = hsds.organization(organisation, with_services=True)
        logo = settings.SITE_URL + reverse("members:logo", args=[organisation.slug])
    assert data["name"] == "Beispielverein e. V."
    assert data["description"] == "A **made-up** association."
    assert data["website"] == "https://verein.example.org/"
    assert data["email"] == "info@verein.example.org"
    assert data["uri"] == settings.SITE_URL + f"/en/members/{organisation.slug}/"
    assert data["logo"] == logo
    assert logo.startswith(settings.SITE_URL + "/en/")
    assert data["parent_organization_id"] == hsds.hsds_id("organization", organisation.parent_id)
    assert [phone["number"] for phone in data["phones"]] == ["0000 111111"]
    [address] = data["locations"][0]["addresses"]
    assert (address["address_1"], address["postal_code"], address["city"]) == (
        "Beispielstraße 1",
        "00000",
        "Beispielstadt",
    )
    assert [service["name"] for service in data["services"]] == ["Sample counselling"]


def test_no_contact_people_are_exported(full_offer, client):
    """Not even those who agreed to be shown: the export holds the organisations' own fields only."""
    organisation = full_offer.organisation
    for name, consent in (("Geheime Kontaktperson", False), ("Offene Kontaktperson", True)):
        person = Person.objects.create(
            name=name,
            email=f"{name.split()[0].lower()}@example.org",
            phone="0000 999",
            public_consent=consent,
        )
        Affiliation.objects.create(person=person, organisation=organisation)
    for url in (
        reverse("offers:hsds-organization", args=[organisation.slug]),
        reverse("offers:hsds-organizations"),
        reverse("offers:hsds-service", args=[full_offer.pk]),
    ):
        body = client.get(url).content.decode()
        for secret in ("Kontaktperson", "geheime@", "offene@", "0000 999"):
            assert secret not in body, (url, secret)


# -- Identifiers ---------------------------------------------------------------------------------


def _ids(data: object) -> list[str]:
    """Every `id` anywhere in the data."""
    if isinstance(data, dict):
        return [data["id"]] * ("id" in data) + [i for key, value in data.items() for i in _ids(value)]
    if isinstance(data, list):
        return [i for value in data for i in _ids(value)]
    return []


def test_ids_are_stable_uuids_from_the_site_url(full_offer, settings):
    first = hsds.service(_load(full_offer), with_organization=True)
    again = hsds.service(_load(full_offer), with_organization=True)
    assert first == again
    assert first["id"] == str(
        uuid.uuid5(uuid.NAMESPACE_URL, f"{settings.SITE_URL}/hsds/service/{full_offer.pk}")
    )
    # The same ids in every language, and from the list as from the detail.
    german = _ids(hsds.service(_load(full_offer)))
    with translation.override("ar"):
        assert _ids(hsds.service(_load(full_offer))) == german
    assert _ids(hsds.service_list(hsds.public_services())["contents"]) == german
    assert len(german) > 10
    # Another portal's data does not collide with this one's.
    settings.SITE_URL = "https://anderes-portal.example.org"
    assert set(_ids(hsds.service(_load(full_offer)))).isdisjoint(german)


def test_ids_are_unique(full_offer):
    """Within one service, and across services: no two objects share an id (terms aside,
    which are the same term wherever they appear)."""
    second = make_offer(full_offer.organisation, title="Zweite Beispielberatung", phone="0000 3")
    second.terms.set(full_offer.terms.all())
    Location.objects.create(offer=second, city="Beispielstadt", step_free=True)
    data = hsds.service_list(hsds.public_services())
    ids = [
        i
        for item in data["contents"]
        for i in _ids({key: value for key, value in item.items() if key != "attributes"})
    ]
    attribute_ids = [a["id"] for item in data["contents"] for a in item["attributes"]]
    assert len(ids + attribute_ids) == len(set(ids + attribute_ids))
    term_ids = {a["taxonomy_term"]["id"] for item in data["contents"] for a in item["attributes"]}
    assert len(term_ids) == 3


# -- Only public data ----------------------------------------------------------------------------


@pytest.fixture
def hidden_offers(db, today) -> list[Offer]:
    """Offers the public directory does not show."""
    member = make_organisation("Mitgliedsverein")
    left = make_organisation("Ausgetretener Verein", left_on=datetime.date(2025, 1, 1))
    umbrella = make_organisation("Dachverband ohne Mitgliedschaft", is_member=False)
    return [
        make_offer(member, "Inaktives Angebot", status=Offer.Status.INACTIVE),
        make_offer(member, "Abgelaufenes Angebot", valid_until=TODAY - datetime.timedelta(days=1)),
        make_offer(member, "Künftiges Angebot", valid_from=TODAY + datetime.timedelta(days=1)),
        make_offer(left, "Angebot eines ausgetretenen Vereins"),
        make_offer(umbrella, "Angebot eines Dachverbands"),
    ]


def test_offers_that_are_not_public_are_absent(hidden_offers, client, tmp_path):
    visible = make_offer(hidden_offers[0].organisation, "Sichtbares Angebot")
    names = [item["name"] for item in client.get(reverse("offers:hsds-services")).json()["contents"]]
    assert names == ["Sichtbares Angebot"]
    for offer in hidden_offers:
        assert client.get(reverse("offers:hsds-service", args=[offer.pk])).status_code == 404
    assert client.get(reverse("offers:hsds-service", args=[visible.pk])).status_code == 200
    organization = client.get(reverse("offers:hsds-organization", args=[visible.organisation.slug])).json()
    assert [item["name"] for item in organization["services"]] == ["Sichtbares Angebot"]
    call_command("export_hsds", str(tmp_path), stdout=StringIO())
    exported = json.loads((tmp_path / "services.json").read_text(encoding="utf-8"))
    assert [item["name"] for item in exported["contents"]] == ["Sichtbares Angebot"]


def test_organizations_are_the_current_members_and_their_umbrellas(db, client):
    umbrella = make_organisation("Beispiel-Dachverband", is_member=False)
    unit = make_organisation("Beispiel-Dachverband Einheit", parent=umbrella)
    member = make_organisation("Beispielmitglied")
    left = make_organisation("Beispiel ausgetreten", left_on=datetime.date(2024, 1, 1))
    other_umbrella = make_organisation("Dachverband ohne Mitglieder", is_member=False)
    data = client.get(reverse("offers:hsds-organizations")).json()
    assert sorted(item["name"] for item in data["contents"]) == sorted(
        [umbrella.name, unit.name, member.name]
    )
    unit_data = next(item for item in data["contents"] if item["name"] == unit.name)
    assert unit_data["parent_organization_id"] == hsds.hsds_id("organization", umbrella.pk)
    for organisation in (left, other_umbrella):
        url = reverse("offers:hsds-organization", args=[organisation.slug])
        assert client.get(url).status_code == 404
    assert client.get(reverse("offers:hsds-organization", args=["gibt-es-nicht"])).status_code == 404


# -- The views -----------------------------------------------------------------------------------


def test_the_views_answer_json_to_everyone_alike(full_offer, client, member_client):
    for url in (
        reverse("offers:hsds-services"),
        reverse("offers:hsds-service", args=[full_offer.pk]),
        reverse("offers:hsds-organizations"),
        reverse("offers:hsds-organization", args=[full_offer.organisation.slug]),
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        assert response["Access-Control-Allow-Origin"] == "*"
        assert member_client.get(url).json() == response.json()
        assert client.post(url).status_code == 405
        assert client.head(url).status_code == 200


def test_the_detail_views(full_offer, client):
    service = client.get(reverse("offers:hsds-service", args=[full_offer.pk])).json()
    assert_valid_service(service)
    assert service["organization"]["id"] == service["organization_id"]
    assert "services" not in service["organization"]
    organization = client.get(reverse("offers:hsds-organization", args=[full_offer.organisation.slug])).json()
    assert_valid(ORGANIZATION, organization)
    without_organization = {key: value for key, value in service.items() if key != "organization"}
    assert organization["services"] == [without_organization]


def test_the_language_is_the_pages(full_offer, client):
    with translation.override("ar"):
        url = reverse("offers:hsds-service", args=[full_offer.pk])
    assert url.startswith("/ar/")
    data = client.get(url).json()
    assert data["name"] == "استشارة مثال"
    assert data["description"] == "Eine *erfundene* Beratung."  # no Arabic text: the German one


def test_list_pagination(db, client, today):
    organisation = make_organisation()
    for number in range(5):
        make_offer(organisation, f"Beispielangebot {number}")
    url = reverse("offers:hsds-services")

    page = client.get(url, {"per_page": 2, "page": 2}).json()
    assert_valid_services(page)
    assert [item["name"] for item in page["contents"]] == ["Beispielangebot 2", "Beispielangebot 3"]
    assert (page["total_items"], page["total_pages"], page["page_number"], page["size"]) == (5, 3, 2, 2)
    assert (page["first_page"], page["last_page"], page["empty"]) == (False, False, False)

    last = client.get(url, {"per_page": 2, "page": 3}).json()
    assert (last["size"], last["last_page"]) == (1, True)
    # A page beyond the end gives the last one, a page that is no number the first one.
    assert client.get(url, {"per_page": 2, "page": 99}).json()["page_number"] == 3
    assert client.get(url, {"per_page": 2, "page": "x"}).json()["page_number"] == 1
    # per_page is bounded, and a wrong one gives the default.
    assert client.get(url, {"per_page": "0"}).json()["size"] == 1
    assert client.get(url, {"per_page": "viele"}).json()["size"] == 5
    assert client.get(url, {"per_page": "100000"}).json()["size"] == 5


def test_an_empty_list(db, client):
    data = client.get(reverse("offers:hsds-services")).json()
    assert_valid_services(data)
    assert (data["total_items"], data["empty"], data["contents"]) == (0, True, [])


def test_organization_list_pagination(db, client):
    for number in range(3):
        make_organisation(f"Beispielverein {number}")
    data = client.get(reverse("offers:hsds-organizations"), {"per_page": 2, "page": 2}).json()
    assert_valid_organizations(data)
    assert (data["total_items"], data["page_number"], data["size"]) == (3, 2, 1)


def test_fixed_query_counts(full_offer, assert_fixed_query_count, terms, languages):
    organisation = full_offer.organisation
    offers = []

    def add_offers(n: int) -> None:
        for _ in range(n):
            offer = make_offer(organisation, f"Beispielangebot {len(offers)}")
            offer.terms.set(terms.values())
            offer.languages.set(languages)
            Location.objects.create(offer=offer, city="Beispielstadt", step_free=True)
            offers.append(offer)

    assert_fixed_query_count(reverse("offers:hsds-services"), add_offers)
    assert_fixed_query_count(reverse("offers:hsds-organization", args=[organisation.slug]), add_offers)

    def add_organisations(n: int) -> None:
        for _ in range(n):
            make_organisation(
                f"Beispielverein {Organisation.objects.count()}", phone="0000", city="Beispielstadt"
            )

    assert_fixed_query_count(reverse("offers:hsds-organizations"), add_organisations)

    def add_to_the_offer(n: int) -> None:
        for number in range(n):
            Location.objects.create(offer=full_offer, city=f"Ort {Location.objects.count()}")
            full_offer.terms.add(
                Term.objects.create(
                    taxonomy=Term.Taxonomy.TOPIC, slug=f"thema-{Term.objects.count()}", name="T"
                )
            )
            full_offer.languages.add(
                Language.objects.create(code=f"q{Language.objects.count()}{number}", name="L")
            )

    assert_fixed_query_count(reverse("offers:hsds-service", args=[full_offer.pk]), add_to_the_offer)


# -- The export command --------------------------------------------------------------------------


def test_export_hsds_writes_valid_files(demo, full_offer, tmp_path):
    out = StringIO()
    folder = tmp_path / "neu" / "hsds"
    call_command("export_hsds", str(folder), stdout=out)
    services = json.loads((folder / "services.json").read_text(encoding="utf-8"))
    organizations = json.loads((folder / "organizations.json").read_text(encoding="utf-8"))
    assert_valid_services(services)
    assert_valid_organizations(organizations)
    assert services["total_items"] == len(services["contents"]) == Offer.objects.public().count()
    assert (
        organizations["total_items"] == len(organizations["contents"]) == hsds.public_organizations().count()
    )
    assert services["total_pages"] == organizations["total_pages"] == 1
    assert "services.json" in out.getvalue()
    # German unless asked otherwise.
    assert "Beispielberatung" in {item["name"] for item in services["contents"]}

    call_command("export_hsds", str(folder), language="ar", stdout=out)
    services = json.loads((folder / "services.json").read_text(encoding="utf-8"))
    assert "استشارة مثال" in {item["name"] for item in services["contents"]}
    assert_valid_services(services)


def test_export_hsds_refuses_a_folder_it_cannot_make(db, tmp_path):
    blocker = tmp_path / "eine-datei"
    blocker.write_text("x")
    with pytest.raises(Exception, match="Cannot make the folder"):
        call_command("export_hsds", str(blocker / "hsds"), stdout=StringIO())
