"""The coordinators' screens and the organisations' self-service."""

import datetime
import itertools
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from members.models import Affiliation, AuditEntry, Organisation, OrganisationKind, Person, User
from network.models import LeadershipTerm, Page
from tests.security.files import larger_than, png, png_declaring


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def kinds(db) -> list[OrganisationKind]:
    return [
        OrganisationKind.objects.create(slug="beratung", name="Beratung", position=1),
        OrganisationKind.objects.create(slug="jugend", name="Jugend", position=2),
    ]


@pytest.fixture
def org_a(kinds) -> Organisation:
    return Organisation.objects.create(name="Organisation A", slug="organisation-a", kind=kinds[0])


@pytest.fixture
def org_b(kinds) -> Organisation:
    organisation = Organisation.objects.create(name="Organisation B", slug="organisation-b", kind=kinds[1])
    person = Person.objects.create(name="Bert Kontakt", email="bert@example.org", phone="0551 2")
    Affiliation.objects.create(person=person, organisation=organisation, role=Affiliation.Role.EDITOR)
    return organisation


@pytest.fixture
def coordinator(db) -> User:
    return User.objects.create_user(
        email="koordination@example.org", password=None, name="Cora Koordination", is_coordinator=True
    )


@pytest.fixture
def editor(org_a) -> User:
    user = User.objects.create_user(email="redaktion@example.org", password=None, name="Emil Redaktion")
    person = Person.objects.create(name="Emil Redaktion", email=user.email, user=user)
    Affiliation.objects.create(person=person, organisation=org_a, role=Affiliation.Role.EDITOR)
    return user


@pytest.fixture
def coordinator_client(client, coordinator) -> Client:
    client.force_login(coordinator)
    return client


@pytest.fixture
def editor_client(editor) -> Client:
    client = Client()
    client.force_login(editor)
    return client


def field_html(html: str, field_id: str) -> str:
    """The markup of one form field: its label, help, errors and input (templates/forms/_field.html)."""
    blocks = [block for block in html.split('<div class="field') if f'for="{field_id}"' in block]
    assert len(blocks) == 1, f"no single field {field_id}"
    return blocks[0]


def assert_error_next_to(response, name: str) -> None:
    errors = response.context["form"].errors[name]
    block = field_html(response.content.decode(), f"id_{name}")
    assert block.startswith(" has-error"), block
    for error in errors:
        assert escape(error) in block


def organisation_data(organisation: Organisation, **changes) -> dict:
    data = {
        "name": organisation.name,
        "slug": organisation.slug,
        "is_member": "on" if organisation.is_member else "",
        "description_de": organisation.description_de or "",
        "kind": organisation.kind_id or "",
        "phone": organisation.phone,
    }
    return {**data, **changes}


# Organisations (coordinators) -------------------------------------------------------------------------


def test_adding_an_organisation_shows_errors_next_to_fields_and_keeps_the_input(coordinator_client, kinds):
    url = reverse("members:manage-organisation-new")
    assert coordinator_client.get(url).status_code == 200
    typed = {
        "name": "",
        "slug": "Kein Slug!",
        "email": "keine-adresse",
        "phone": "0551 123",
        "is_member": "on",
    }
    response = coordinator_client.post(url, typed)
    assert response.status_code == 200
    for name in ("name", "slug", "email"):
        assert_error_next_to(response, name)
    html = response.content.decode()
    for name in ("slug", "email", "phone"):
        assert f'value="{escape(typed[name])}"' in field_html(html, f"id_{name}")
    assert not Organisation.objects.filter(phone="0551 123").exists()

    response = coordinator_client.post(
        url, {**typed, "name": "Neue Initiative", "slug": "neue-initiative", "email": "info@example.org"}
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get(slug="neue-initiative")
    assert response["Location"] == reverse("members:manage-organisation", args=[organisation.slug])
    entry = AuditEntry.objects.get(action="create", object_type="members.organisation")
    assert entry.organisation == organisation
    assert entry.changes["name"] == [None, "Neue Initiative"]


def test_editing_an_organisation_is_logged_with_before_and_after(coordinator_client, coordinator, org_a):
    url = reverse("members:manage-organisation", args=[org_a.slug])
    response = coordinator_client.post(url, organisation_data(org_a, phone="0551 99", description_de="Neu."))
    assert response.status_code == 302
    org_a.refresh_from_db()
    assert (org_a.phone, org_a.description_de) == ("0551 99", "Neu.")
    entry = AuditEntry.objects.get(action="update", organisation=org_a)
    assert entry.actor == coordinator
    assert entry.actor_name == coordinator.email
    assert entry.changes["phone"] == ["", "0551 99"]
    assert entry.changes["description_de"][1] == "Neu."
    assert "name" not in entry.changes  # only what changed
    # Saving again without a change writes nothing.
    coordinator_client.post(url, organisation_data(org_a))
    assert AuditEntry.objects.filter(action="update", organisation=org_a).count() == 1


def test_an_organisation_that_leaves_keeps_its_history(coordinator_client, org_a, editor):
    coordinator_client.post(
        reverse("members:manage-organisation", args=[org_a.slug]), organisation_data(org_a, phone="1")
    )
    leave = reverse("members:manage-organisation-leave", args=[org_a.slug])

    coordinator_client.post(leave, {"left_on": ""})  # no date: nothing happens
    org_a.refresh_from_db()
    assert org_a.left_on is None

    response = coordinator_client.post(leave, {"left_on": "2025-06-30"})
    assert response.status_code == 302
    org_a.refresh_from_db()
    assert org_a.left_on == datetime.date(2025, 6, 30)
    assert org_a not in Organisation.objects.members()
    assert org_a.name not in Client().get(reverse("members:list")).content.decode()
    assert Client().get(org_a.get_absolute_url()).status_code == 200
    assert org_a.affiliations.count() == 1  # the contact people stay on record
    entry = AuditEntry.objects.get(action="leave")
    assert entry.changes == {"left_on": [None, "2025-06-30"]}

    log = coordinator_client.get(reverse("members:manage-organisation-log", args=[org_a.slug]))
    assert log.status_code == 200
    assert [e.action for e in log.context["page"].object_list] == ["leave", "update"]
    assert "2025-06-30" in log.content.decode()


def test_the_organisation_log_shows_only_its_own_entries(coordinator_client, org_a, org_b):
    for organisation in (org_a, org_b):
        coordinator_client.post(
            reverse("members:manage-organisation", args=[organisation.slug]),
            organisation_data(organisation, phone=f"Telefon {organisation.name}"),
        )
    response = coordinator_client.get(reverse("members:manage-organisation-log", args=[org_a.slug]))
    assert {e.organisation for e in response.context["page"].object_list} == {org_a}
    assert "Telefon Organisation B" not in response.content.decode()


def listed_organisations(client: Client, **query) -> set[str]:
    response = client.get(reverse("members:manage-organisations"), query)
    assert response.status_code == 200
    return {o.name for o in response.context["page"].object_list}


def test_the_organisation_list_can_be_searched_and_filtered(coordinator_client, org_a, org_b, kinds):
    Organisation.objects.create(name="Dachverband", slug="dachverband", is_member=False)
    Organisation.objects.create(name="Ehemalige", slug="ehemalige", left_on=datetime.date(2020, 1, 1))
    everyone = {"Organisation A", "Organisation B", "Dachverband", "Ehemalige"}
    assert listed_organisations(coordinator_client) == everyone
    assert listed_organisations(coordinator_client, q="organisation b") == {"Organisation B"}
    assert listed_organisations(coordinator_client, status="member") == {"Organisation A", "Organisation B"}
    assert listed_organisations(coordinator_client, status="left") == {"Ehemalige"}
    assert listed_organisations(coordinator_client, status="umbrella") == {"Dachverband"}
    assert listed_organisations(coordinator_client, kind="jugend") == {"Organisation B"}
    assert listed_organisations(coordinator_client, q="Organisation", kind="beratung") == {"Organisation A"}


def listed_people(client: Client, **query) -> set[str]:
    response = client.get(reverse("members:manage-people"), query)
    assert response.status_code == 200
    return {p.name for p in response.context["page"].object_list}


def test_the_people_list_can_be_searched_and_filtered(coordinator_client, coordinator, editor, org_b):
    Person.objects.create(name="Cora Koordination", email=coordinator.email, user=coordinator)
    Person.objects.create(name="Dora Löschen", deletion_requested_at=datetime.datetime.now(datetime.UTC))
    everyone = {"Cora Koordination", "Emil Redaktion", "Bert Kontakt", "Dora Löschen"}
    assert listed_people(coordinator_client) == everyone
    assert listed_people(coordinator_client, q="redaktion") == {"Emil Redaktion"}
    assert listed_people(coordinator_client, q="bert@example") == {"Bert Kontakt"}
    assert listed_people(coordinator_client, show="coordinators") == {"Cora Koordination"}
    assert listed_people(coordinator_client, show="no-account") == {"Bert Kontakt", "Dora Löschen"}
    assert listed_people(coordinator_client, show="deletion") == {"Dora Löschen"}


# Leadership and pages ----------------------------------------------------------------------------


def test_leadership_terms_are_added_and_edited_and_shown_publicly(coordinator_client, org_a):
    person = Person.objects.create(name="Lena Leitung")
    new = reverse("members:manage-leadership-new")
    data = {"person": person.pk, "organisation": org_a.pk, "started_on": "2024-03-01", "position": 1}

    response = coordinator_client.post(new, {**data, "ended_on": "2024-02-01"})
    assert response.status_code == 200
    assert_error_next_to(response, "ended_on")
    assert not LeadershipTerm.objects.exists()

    assert coordinator_client.post(new, data).status_code == 302
    term = LeadershipTerm.objects.get()
    public = Client().get(reverse("network:leadership"))
    assert term in public.context["current"]
    assert "Lena Leitung" in public.content.decode()

    edit = reverse("members:manage-leadership-term", args=[term.pk])
    assert coordinator_client.post(edit, {**data, "ended_on": "2025-12-31"}).status_code == 302
    public = Client().get(reverse("network:leadership"))
    assert term not in public.context["current"]
    assert term in public.context["former"]
    assert AuditEntry.objects.filter(object_type="network.leadershipterm").count() == 2


def test_an_edited_page_shows_on_the_public_site(coordinator_client, db):
    page = Page.objects.create(slug="datenschutz", title="Datenschutz", body="Alt.", position=1)
    response = coordinator_client.post(
        reverse("members:manage-page", args=[page.slug]),
        {
            "title_de": "Datenschutz",
            "slug": "datenschutz",
            "body_de": "Wir speichern **wenig**.",
            "position": 1,
        },
    )
    assert response.status_code == 302
    html = Client().get(reverse("network:page", args=["datenschutz"])).content.decode()
    assert "<strong>wenig</strong>" in html
    assert "Alt." not in html


# The organisations' self-service --------------------------------------------------------------------


def test_an_editor_changes_only_the_profile_fields(editor_client, org_a, org_b):
    url = reverse("members:manage-organisation", args=[org_a.slug])
    assert editor_client.get(url).status_code == 200
    response = editor_client.post(
        url,
        {
            "description_de": "Wir beraten.",
            "phone": "0551 42",
            "district": "city",
            # Not the editor's to change: ignored.
            "name": "Gekapert",
            "slug": "gekapert",
            "is_member": "",
            "parent": org_b.pk,
            "left_on": "2020-01-01",
        },
    )
    assert response.status_code == 302
    org_a.refresh_from_db()
    assert (org_a.description_de, org_a.phone, org_a.district) == ("Wir beraten.", "0551 42", "city")
    assert (org_a.name, org_a.slug, org_a.is_member, org_a.parent, org_a.left_on) == (
        "Organisation A",
        "organisation-a",
        True,
        None,
        None,
    )


def test_an_editor_adds_edits_and_ends_contact_people(editor_client, editor, org_a):
    response = editor_client.post(
        reverse("members:manage-contact-new", args=[org_a.slug]),
        {"name": "Nina Neu", "email": "Nina@Example.org", "role": "contact", "function": "Beratung"},
    )
    assert response.status_code == 302
    contact = Affiliation.objects.get(organisation=org_a, person__name="Nina Neu")
    assert contact.person.email == "nina@example.org"
    assert not contact.person.public_consent

    # The same person twice: refused, next to the field.
    response = editor_client.post(
        reverse("members:manage-contact-new", args=[org_a.slug]),
        {"name": "Nina Neu", "email": "nina@example.org", "role": "contact"},
    )
    assert response.status_code == 200
    assert_error_next_to(response, "email")

    response = editor_client.post(
        reverse("members:manage-contact", args=[contact.pk]),
        {"name": "Nina Neumann", "email": "nina@example.org", "role": "editor", "public_consent": "on"},
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert (contact.person.name, contact.role, contact.person.public_consent) == (
        "Nina Neumann",
        "editor",
        True,
    )
    assert contact.person.consent_changed_at is not None

    assert editor_client.post(reverse("members:manage-contact-end", args=[contact.pk])).status_code == 302
    contact.refresh_from_db()
    assert contact.ended_on is not None
    listed = editor_client.get(reverse("members:manage-contacts", args=[org_a.slug])).context["contacts"]
    assert contact not in listed
    assert "Nina Neumann" not in Client().get(org_a.get_absolute_url()).content.decode()
    assert set(AuditEntry.objects.filter(organisation=org_a).values_list("action", flat=True)) == {
        "create",
        "update",
        "end",
    }
    assert set(AuditEntry.objects.filter(organisation=org_a).values_list("actor", flat=True)) == {editor.pk}


def state_of(organisation: Organisation) -> tuple:
    """Everything about an organisation and its contact people."""
    fresh = Organisation.objects.get(pk=organisation.pk)
    contacts = list(Affiliation.objects.filter(organisation=fresh).order_by("pk").values())
    people = list(Person.objects.filter(affiliations__organisation=fresh).order_by("pk").values())
    return (fresh.__dict__ | {"_state": None}, contacts, people)


def test_an_editor_cannot_touch_another_organisation(editor_client, org_a, org_b):
    before = state_of(org_b)
    contact_b = org_b.affiliations.get()
    requests = [
        ("get", reverse("members:manage-organisation", args=[org_b.slug]), {}),
        ("post", reverse("members:manage-organisation", args=[org_b.slug]), {"phone": "gekapert"}),
        ("get", reverse("members:manage-contacts", args=[org_b.slug]), {}),
        ("post", reverse("members:manage-contact-new", args=[org_b.slug]), {"name": "X", "role": "editor"}),
        ("post", reverse("members:manage-contact", args=[contact_b.pk]), {"name": "X", "role": "contact"}),
        ("post", reverse("members:manage-contact-end", args=[contact_b.pk]), {}),
        ("post", reverse("members:manage-person-invite", args=[contact_b.person.pk]), {}),
    ]
    for method, url, data in requests:
        assert getattr(editor_client, method)(url, data).status_code == 403, url
    assert state_of(org_b) == before
    assert not AuditEntry.objects.exists()


def test_an_editor_cannot_add_another_organisations_contact_by_their_email(editor_client, org_a, org_b):
    response = editor_client.post(
        reverse("members:manage-contact-new", args=[org_a.slug]),
        {"name": "Irgendwer", "email": "bert@example.org", "role": "contact"},
    )
    assert response.status_code == 200
    assert_error_next_to(response, "email")
    assert not Affiliation.objects.filter(organisation=org_a, person__email="bert@example.org").exists()


@pytest.fixture
def bert_in_a_and_b(coordinator_client, org_a, org_b) -> Affiliation:
    """Bert, B's editor, whom a coordinator has also made a contact person of A."""
    response = coordinator_client.post(
        reverse("members:manage-contact-new", args=[org_a.slug]),
        {"name": "Bert Kontakt", "email": "bert@example.org", "role": "contact"},
    )
    assert response.status_code == 302
    return Affiliation.objects.get(organisation=org_a, person__email="bert@example.org")


def test_an_editor_cannot_change_a_contact_who_is_also_another_organisations(editor_client, bert_in_a_and_b):
    bert = bert_in_a_and_b.person
    editor_client.post(
        reverse("members:manage-contact", args=[bert_in_a_and_b.pk]),
        {
            "name": "Gekapert",
            "email": "angreifer@example.org",
            "phone": "",
            "role": "editor",
            "function": "x",
        },
    )
    bert.refresh_from_db()
    bert_in_a_and_b.refresh_from_db()
    assert (bert.name, bert.email, bert.phone) == ("Bert Kontakt", "bert@example.org", "0551 2")
    # What belongs to A alone, the role there, A's editor may change.
    assert (bert_in_a_and_b.role, bert_in_a_and_b.function) == ("editor", "x")


def test_an_editor_cannot_make_themselves_editor_of_another_organisation(
    editor_client, bert_in_a_and_b, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse("members:manage-person-invite", args=[bert_in_a_and_b.person.pk])
        )
    assert response.status_code == 403
    assert not mailoutbox
    assert not User.objects.filter(email="bert@example.org").exists()


# Logos ---------------------------------------------------------------------------------------------


def upload(client: Client, organisation: Organisation, name: str, content: bytes, **fields):
    logo = SimpleUploadedFile(name, content, content_type="image/png")
    return client.post(
        reverse("members:manage-organisation", args=[organisation.slug]),
        {"description_de": "Mit Logo.", "phone": "0551 7", **fields, "logo": logo},
    )


def stored_files(media: Path) -> list[Path]:
    return [path for path in media.rglob("*") if path.is_file()]


def test_a_small_png_logo_is_accepted_and_served(editor_client, org_a, media):
    content = png(32, 32)
    assert upload(editor_client, org_a, "logo.png", content).status_code == 302
    org_a.refresh_from_db()
    assert org_a.logo
    response = Client().get(reverse("members:logo", args=[org_a.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == content


@pytest.mark.parametrize(
    ("name", "content"),
    [
        pytest.param("logo.png", b"Dies ist kein Bild, nur Text.\n" * 20, id="text named .png"),
        pytest.param("logo.png", larger_than(png(), 1), id="larger than the limit"),
        pytest.param("logo.png", png_declaring(50_000, 50_000), id="decompression bomb"),
        pytest.param("logo.png", png_declaring(5_000, 5_000), id="pixel flood under Pillow's limit"),
        pytest.param("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>', id="svg"),
    ],
)
def test_a_bad_logo_is_refused_next_to_the_field(editor_client, org_a, media, settings, name, content):
    settings.MAX_UPLOAD_IMAGE_MB = 1
    response = upload(editor_client, org_a, name, content)
    assert response.status_code == 200
    assert_error_next_to(response, "logo")
    # The other fields keep what was typed, and nothing is saved.
    assert 'value="0551 7"' in field_html(response.content.decode(), "id_phone")
    org_a.refresh_from_db()
    assert not org_a.logo
    assert org_a.phone == ""
    assert stored_files(media) == []
    assert not AuditEntry.objects.exists()


# Query counts --------------------------------------------------------------------------------------

_numbers = itertools.count(1)


def _add_organisations(n: int) -> None:
    kinds = list(OrganisationKind.objects.all())
    for _ in range(n):
        i = next(_numbers)
        parent = Organisation.objects.create(
            name=f"Testorganisation {i}", slug=f"test-{i}", kind=kinds[i % 2]
        )
        unit = Organisation.objects.create(
            name=f"Testorganisation {i}/Einheit", slug=f"test-{i}-e", parent=parent
        )
        person = Person.objects.create(name=f"Testperson {i}")
        Affiliation.objects.create(person=person, organisation=unit)


def _add_people(n: int) -> None:
    organisation = Organisation.objects.get(slug="organisation-a")
    for _ in range(n):
        i = next(_numbers)
        user = User.objects.create_user(
            email=f"test{i}@example.org", password=None, is_coordinator=i % 2 == 0
        )
        person = Person.objects.create(name=f"Testperson {i}", email=user.email, user=user)
        Affiliation.objects.create(person=person, organisation=organisation)
        Person.objects.create(name=f"Testperson {i} ohne Konto", deletion_requested_at=user.date_joined)


def test_the_organisation_list_makes_a_fixed_number_of_queries(
    coordinator_client, org_a, assert_fixed_query_count
):
    assert_fixed_query_count(
        reverse("members:manage-organisations") + "?q=Testorganisation", _add_organisations
    )


def test_the_people_list_makes_a_fixed_number_of_queries(coordinator_client, org_a, assert_fixed_query_count):
    assert_fixed_query_count(reverse("members:manage-people") + "?q=Testperson", _add_people)


# Units ----------------------------------------------------------------------------------------------


def test_an_editor_adds_a_unit_to_their_organisation(editor_client, org_a, org_b):
    url = reverse("members:manage-unit-new", args=[org_a.slug])
    response = editor_client.post(url, {"name": ""})
    assert response.status_code == 200
    assert_error_next_to(response, "name")

    response = editor_client.post(url, {"name": "Organisation A/Beratungsstelle", "phone": "0551 3"})
    unit = Organisation.objects.get(name="Organisation A/Beratungsstelle")
    assert response.status_code == 302
    assert (unit.parent, unit.is_member, unit.slug) == (org_a, True, "organisation-aberatungsstelle")
    entry = AuditEntry.objects.get(action="create")
    assert entry.organisation == org_a and entry.changes["phone"] == [None, "0551 3"]
    # The unit's page shows its parent, the parent's page the unit.
    assert "Organisation A/Beratungsstelle" in Client().get(org_a.get_absolute_url()).content.decode()
    # A's editor may edit the new unit too, and nothing of B.
    assert editor_client.get(reverse("members:manage-organisation", args=[unit.slug])).status_code == 200
    assert (
        editor_client.post(
            reverse("members:manage-unit-new", args=[org_b.slug]), {"name": "Fremd"}
        ).status_code
        == 403
    )
    assert not Organisation.objects.filter(name="Fremd").exists()
