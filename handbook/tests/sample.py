"""Small networks for the handbook's tests: obviously made up, a handful of organisations."""

import datetime
from dataclasses import dataclass

from django.core.files.base import ContentFile

from members.models import Affiliation, Organisation, OrganisationKind, Person
from network.models import Goal, LeadershipTerm, Network, Principle
from offers.models import Language, Location, Offer, Term
from tests.security.files import pdf

from ..models import Build, Edition


@dataclass
class Network_:
    organisations: dict[str, Organisation]
    offers: dict[str, Offer]
    public_contact: Person
    private_contact: Person


def make_network() -> Network_:
    """Five member organisations (one with a unit, one unit of an umbrella organisation that is
    no member itself), one that left, offers public and not, contact people with and without
    consent to be shown publicly."""
    Network.objects.create(
        name="Testnetzwerk Beispielstadt",
        description_de="Das Testnetzwerk ist ein Zusammenschluss von Testvereinen.",
        description_en="The test network is an alliance of test associations.",
    )
    Principle.objects.create(position=1, text_de="Testgrundsatz: Alle Testvereine arbeiten zusammen.")
    Goal.objects.create(position=1, text_de="Testziel Zusammenarbeit", text_en="Test goal cooperation")
    kind = OrganisationKind.objects.create(slug="testart", name_de="Testart", name_en="Test kind")

    def organisation(name: str, **values) -> Organisation:
        slug = name.lower().replace(" ", "-")
        return Organisation.objects.create(name=name, slug=slug, kind=kind, **values)

    orgs = {
        "alpha": organisation(
            "Alphaverein Test",
            description_de="Der Alphaverein berät Testpersonen.",
            description_en="The Alpha association advises test people.",
            website="https://alpha.example.org",
        ),
        # Only in German: the English handbook prints it in German.
        "beta": organisation("Betahaus Test", description_de="Nur deutsch beschriebenes Betahaus."),
        "gamma": organisation("Gammastelle Test"),
        "oemega": organisation("Ömegawerk Test"),  # sorts with O, before P
        "pi": organisation("Pistation Test"),
        "umbrella": organisation("Dachverband Test", is_member=False),
        "left": organisation("Ausgetreten Test", left_on=datetime.date(2024, 1, 31)),
    }
    orgs["unit"] = organisation("Alphaverein Test Jugendstelle", parent=orgs["alpha"])
    orgs["umbrella-unit"] = organisation("Dachverband Test Beratungsdienst", parent=orgs["umbrella"])

    topic = Term.objects.create(
        taxonomy=Term.Taxonomy.TOPIC, slug="testthema", name_de="Testthema", name_en="Test topic"
    )
    other_topic = Term.objects.create(
        taxonomy=Term.Taxonomy.TOPIC, slug="zweitthema", name_de="Zweitthema", name_en="Second topic"
    )
    arabic = Language.objects.create(code="ar", name_de="Arabisch", name_en="Arabic", native_name="العربية")
    german = Language.objects.create(code="de", name_de="Deutsch", name_en="German")

    def offer(key: str, title: str, terms=(), languages=(), **values) -> Offer:
        made = Offer.objects.create(organisation=orgs[key], title_de=title, **values)
        made.terms.set(terms)
        made.languages.set(languages)
        return made

    offers = {
        "counselling": offer(
            "alpha",
            "Testberatung Alpha",
            [topic],
            [german, arabic],
            title_en="Test counselling Alpha",
            phone="0000 111111",
            free_of_charge=True,
        ),
        "youth": offer("unit", "Testjugendtreff", [topic, other_topic], [german]),
        "umbrella": offer("umbrella-unit", "Testdienst Dach", [other_topic], [arabic]),
        "pi": offer("pi", "Testkurs Pi", [other_topic], [german]),
        "inactive": offer(
            "gamma", "Eingestelltes Testangebot", [topic], [german], status=Offer.Status.INACTIVE
        ),
        "left": offer("left", "Testangebot Ausgetreten", [topic], [german]),
    }
    Location.objects.create(
        offer=offers["counselling"], street="Teststraße 1", postcode="00000", city="Testort"
    )

    public = Person.objects.create(
        name="Paula Öffentlich", email="paula@example.org", public_consent=True, phone="0000 222222"
    )
    private = Person.objects.create(
        name="Norbert Nichtöffentlich", email="norbert@example.org", phone="0000 333333"
    )
    Affiliation.objects.create(person=public, organisation=orgs["alpha"], function="Testberatung")
    Affiliation.objects.create(person=private, organisation=orgs["alpha"])
    leader = Person.objects.create(name="Lena Leitung")
    LeadershipTerm.objects.create(person=leader, organisation=orgs["gamma"])
    return Network_(organisations=orgs, offers=offers, public_contact=public, private_contact=private)


@dataclass
class HandbookSample:
    edition: Edition
    done: Build
    failed: Build
    uploaded: Edition | None  # an older edition with an uploaded document


def make_handbook_sample() -> HandbookSample:
    """An edition after the last one, with a finished German PDF and an English one that failed;
    the demo's paper-only edition gets an uploaded document. Needs MEDIA_ROOT set to a temporary folder."""
    uploaded = None
    for uploaded in Edition.objects.filter(document=""):
        uploaded.document.save("handbuch-alt.pdf", ContentFile(pdf()))
    edition = Edition.objects.create(
        number=Edition.objects.next_number(), published_on=datetime.date(2026, 11, 1)
    )
    done = Build(edition=edition, language="de", paper="a4", status=Build.Status.DONE, pages=1)
    done.file.save("handbuch-test.pdf", ContentFile(pdf()), save=False)
    done.size = done.file.size
    done.save()
    failed = Build.objects.create(
        edition=edition, language="en", paper="a4", status=Build.Status.FAILED, error="OSError: Testfehler"
    )
    return HandbookSample(edition=edition, done=done, failed=failed, uploaded=uploaded)
