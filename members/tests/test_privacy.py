"""Privacy: consent to being shown, the data download, deletion requests, anonymising."""

import datetime
import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from members.models import Affiliation, AuditEntry, Organisation, Person, User
from network.models import LeadershipTerm

PASSWORD = "Blauer-Fluss-am-Morgen-7"


@pytest.fixture
def org_a(db) -> Organisation:
    return Organisation.objects.create(name="Organisation A", slug="organisation-a")


@pytest.fixture
def org_b(db) -> Organisation:
    return Organisation.objects.create(name="Organisation B", slug="organisation-b")


def person_with_account(email: str, name: str, phone: str = "", **extra) -> Person:
    user = User.objects.create_user(email=email, password=None, name=name, **extra)
    return Person.objects.create(name=name, email=email, phone=phone, user=user)


@pytest.fixture
def nora(org_a, org_b) -> Person:
    """A contact person of A (without public consent), formerly also of B."""
    person = person_with_account("nora@example.org", "Nora Nutzerin", phone="0551 111")
    Affiliation.objects.create(person=person, organisation=org_a, function="Beratung")
    Affiliation.objects.create(person=person, organisation=org_b, ended_on=datetime.date(2023, 12, 31))
    return person


@pytest.fixture
def others(org_a, org_b) -> list[Person]:
    """Other people the portal knows: a contact of A who agreed to be shown, one of B."""
    paula = Person.objects.create(name="Paula Öffentlich", email="paula@example.org", public_consent=True)
    Affiliation.objects.create(person=paula, organisation=org_a)
    bert = person_with_account("bert@example.org", "Bert Anderer", phone="0551 222")
    Affiliation.objects.create(person=bert, organisation=org_b)
    return [paula, bert]


@pytest.fixture
def coordinators(db) -> list[User]:
    return [
        User.objects.create_user(email=f"koordination{i}@example.org", password=None, is_coordinator=True)
        for i in (1, 2)
    ]


def client_of(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


# Consent -----------------------------------------------------------------------------------------------


def test_the_public_sees_only_contact_people_who_agreed(client, org_a, nora, others):
    outsider = User.objects.create_user(email="aussen@example.org", password=None)
    for viewer in (client, client_of(outsider)):
        html = viewer.get(org_a.get_absolute_url()).content.decode()
        assert "Paula Öffentlich" in html
        assert "Nora Nutzerin" not in html
        assert "nora@example.org" not in html
        assert "0551 111" not in html

    html = client_of(nora.user).get(org_a.get_absolute_url()).content.decode()
    assert "Paula Öffentlich" in html
    assert "Nora Nutzerin" in html
    assert "nora@example.org" in html


def test_a_change_of_consent_is_recorded(client, org_a, nora):
    own = client_of(nora.user)
    assert own.post(reverse("members:consent"), {"public_consent": "on"}).status_code == 302
    nora.refresh_from_db()
    assert nora.public_consent
    assert nora.consent_changed_at is not None
    entry = AuditEntry.objects.get(object_type="members.person", object_id=str(nora.pk))
    assert entry.changes == {"public_consent": [False, True]}
    assert entry.actor == nora.user
    assert "Nora Nutzerin" in client.get(org_a.get_absolute_url()).content.decode()

    own.post(reverse("members:consent"), {})
    nora.refresh_from_db()
    assert not nora.public_consent
    assert AuditEntry.objects.filter(object_type="members.person").count() == 2
    assert "Nora Nutzerin" not in client.get(org_a.get_absolute_url()).content.decode()


# The data download -----------------------------------------------------------------------------------


def download(client: Client) -> dict:
    response = client.get(reverse("members:data-download"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment")
    return json.loads(response.content)


def test_the_data_download_holds_the_persons_data(nora, others, org_a):
    LeadershipTerm.objects.create(person=nora, organisation=org_a, started_on=datetime.date(2022, 1, 1))
    data = download(client_of(nora.user))
    assert data["account"]["email"] == "nora@example.org"
    assert data["person"]["name"] == "Nora Nutzerin"
    assert data["person"]["phone"] == "0551 111"
    assert data["person"]["public_consent"] is False
    assert {(a["organisation"], a["until"]) for a in data["contact_person_of"]} == {
        ("Organisation A", None),
        ("Organisation B", "2023-12-31"),
    }
    assert data["leadership_terms"] == [
        {"organisation": "Organisation A", "from": "2022-01-01", "until": None}
    ]


def test_the_data_download_holds_no_one_elses_data(nora, others, org_a):
    # Nora is an editor of A and has added and edited contact people there.
    Affiliation.objects.filter(person=nora, organisation=org_a).update(role=Affiliation.Role.EDITOR)
    own = client_of(nora.user)
    own.post(
        reverse("members:manage-contact-new", args=[org_a.slug]),
        {"name": "Erika Beispiel", "email": "erika@example.org", "phone": "0551 333", "role": "contact"},
    )
    paula = org_a.affiliations.get(person__name="Paula Öffentlich")
    own.post(
        reverse("members:manage-contact", args=[paula.pk]),
        {"name": "Paula Öffentlich", "email": "paula@example.org", "role": "contact", "public_consent": "on"},
    )
    assert AuditEntry.objects.filter(actor=nora.user).count() >= 2

    text = json.dumps(download(own), ensure_ascii=False)
    assert "Nora Nutzerin" in text
    assert len(download(own)["changes_made"]) == AuditEntry.objects.filter(actor=nora.user).count()
    for someone_else in (
        "Erika",
        "erika@example.org",
        "0551 333",
        "Paula",
        "paula@",
        "Bert",
        "bert@",
        "0551 222",
    ):
        assert someone_else not in text, someone_else


def test_an_account_without_a_person_downloads_its_account(coordinators):
    data = download(client_of(coordinators[0]))
    assert data["account"]["email"] == "koordination1@example.org"
    assert data["person"] is None
    assert data["contact_person_of"] == []


# Deletion requests ---------------------------------------------------------------------------------


def test_a_deletion_request_is_flagged_mailed_and_shown_to_the_coordinators(
    nora, coordinators, mailoutbox, django_capture_on_commit_callbacks
):
    own = client_of(nora.user)
    with django_capture_on_commit_callbacks(execute=True):
        assert own.post(reverse("members:deletion-request")).status_code == 302
    nora.refresh_from_db()
    assert nora.deletion_requested_at is not None
    assert len(mailoutbox) == 1
    assert sorted(mailoutbox[0].to) == ["koordination1@example.org", "koordination2@example.org"]
    assert "Nora Nutzerin" in mailoutbox[0].body
    assert reverse("members:manage-person", args=[nora.pk]) in mailoutbox[0].body

    response = client_of(coordinators[0]).get(reverse("members:dashboard"))
    assert nora in response.context["deletion_requests"]
    assert reverse("members:manage-person", args=[nora.pk]) in response.content.decode()

    # Asking again sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        own.post(reverse("members:deletion-request"))
    assert len(mailoutbox) == 1


# Anonymising --------------------------------------------------------------------------------------


@pytest.fixture
def nora_with_history(nora, org_a, coordinators, django_capture_on_commit_callbacks) -> Person:
    """Nora, with what the portal records about her through its screens: contact person
    entries, an invitation, a leadership term, the coordinator role, her own changes."""
    coordinator = client_of(coordinators[0])
    coordinator.post(
        reverse("members:manage-contact-new", args=[org_a.slug]),
        {"name": "Nora Nutzerin", "email": "nora@example.org", "role": "contact"},
    )  # refused: she is one already
    contact = nora.affiliations.get(organisation=org_a)
    coordinator.post(
        reverse("members:manage-contact", args=[contact.pk]),
        {"name": "Nora Nutzerin", "email": "nora@example.org", "phone": "0551 111", "role": "editor"},
    )
    with django_capture_on_commit_callbacks(execute=True):
        coordinator.post(reverse("members:manage-person-invite", args=[nora.pk]))
    coordinator.post(
        reverse("members:manage-leadership-new"),
        {"person": nora.pk, "organisation": org_a.pk, "started_on": "2022-01-01", "position": 1},
    )
    coordinator.post(
        reverse("members:manage-person", args=[nora.pk]),
        {
            "name": "Nora Nutzerin",
            "email": "nora@example.org",
            "phone": "0551 111",
            "role-is_coordinator": "on",
        },
    )
    own = client_of(nora.user)
    own.post(reverse("members:consent"), {"public_consent": "on"})
    own.post(
        reverse("members:manage-organisation", args=[org_a.slug]),
        {"description_de": "Wir beraten Familien."},
    )
    with django_capture_on_commit_callbacks(execute=True):
        own.post(reverse("members:deletion-request"))
    nora.refresh_from_db()
    assert nora.user.is_coordinator
    assert LeadershipTerm.objects.filter(person=nora).exists()
    return nora


def audit_text() -> str:
    return json.dumps(
        list(AuditEntry.objects.values("actor_name", "object_repr", "changes")), ensure_ascii=False
    )


def test_anonymising_removes_the_person_and_keeps_the_history(nora_with_history, coordinators, org_a):
    nora = nora_with_history
    user = nora.user
    assert "Nora Nutzerin" in audit_text()
    term = LeadershipTerm.objects.get(person=nora)

    response = client_of(coordinators[0]).post(reverse("members:manage-person-anonymise", args=[nora.pk]))
    assert response.status_code == 302

    nora.refresh_from_db()
    assert "Nora" not in nora.name
    assert (nora.email, nora.phone, nora.public_consent, nora.user) == ("", "", False, None)
    assert nora.anonymised_at is not None
    assert nora.deletion_requested_at is None
    user.refresh_from_db()
    assert not user.is_active
    assert not user.has_usable_password()
    assert not user.is_coordinator
    assert "nora" not in user.email
    assert not nora.affiliations.current().exists()
    # The history stays whole: the rows are there, with the anonymised name.
    assert nora.affiliations.count() == 2
    term.refresh_from_db()
    assert term.person == nora
    public = Client().get(reverse("network:leadership")).content.decode()
    assert escape(nora.name) in public
    assert "Nora Nutzerin" not in public
    # The log keeps what happened, not who it was.
    assert AuditEntry.objects.filter(action="anonymise", object_id=str(nora.pk)).exists()
    text = audit_text()
    for trace in ("Nora", "nora@example.org", "0551 111"):
        assert trace not in text, trace


def test_an_anonymised_person_cannot_log_in(client, nora):
    nora.user.set_password(PASSWORD)
    nora.user.save()
    coordinator = User.objects.create_user(email="k@example.org", password=None, is_coordinator=True)
    client_of(coordinator).post(reverse("members:manage-person-anonymise", args=[nora.pk]))
    response = client.post(reverse("members:login"), {"email": "nora@example.org", "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_a_coordinator_cannot_anonymise_themself(org_a):
    me = person_with_account("cora@example.org", "Cora Koordination", is_coordinator=True)
    response = client_of(me.user).post(reverse("members:manage-person-anonymise", args=[me.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("members:manage-person", args=[me.pk])
    me.refresh_from_db()
    assert (me.name, me.email, me.anonymised_at) == ("Cora Koordination", "cora@example.org", None)
    me.user.refresh_from_db()
    assert me.user.is_active
    assert not AuditEntry.objects.filter(action="anonymise").exists()
