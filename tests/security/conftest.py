import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from meetings.tests.sample import make_sample
from members.models import Affiliation, AuditEntry, Organisation, Person, User
from network.models import BarrierReport

from .production import production_settings

# How the reverse proxy passes a request that came in over HTTPS (docs/deploy.md).
HTTPS = {"secure": True, "headers": {"X-Forwarded-Proto": "https"}}


@pytest.fixture
def superuser(db) -> User:
    return User.objects.create_superuser(email="koordination@example.org", password="nicht-geheim-1234")


@pytest.fixture
def site(demo, superuser: User, settings, tmp_path) -> User:
    """The demo data, a coordinator (superuser), and a row of each model the demo lacks
    whose pages have an object in their address (the admin's change pages, the members' area).

    Returns the superuser.
    """
    settings.MEDIA_ROOT = tmp_path
    organisation = Organisation.objects.filter(is_member=True).first()
    person = Person.objects.create(name="Test Kontakt", email="kontakt@example.org")
    Affiliation.objects.create(person=person, organisation=organisation)
    BarrierReport.objects.create(description="Der Kontrast ist zu schwach.")
    TOTPDevice.objects.create(user=superuser, name="Test", confirmed=False)
    Group.objects.create(name="Test")
    AuditEntry.objects.create(action="update", object_type="organisation", object_repr=organisation.name)
    make_sample(person, organisation)
    return superuser


@pytest.fixture
def member(site) -> User:
    """A contact person and editor of a member organisation, with an account."""
    user = User.objects.create_user(
        email="mitglied@example.org", password="nicht-geheim-1234", name="Mitglied"
    )
    person = Person.objects.create(name="Test Mitglied", email=user.email, user=user)
    organisation = Organisation.objects.filter(is_member=True).last()
    Affiliation.objects.create(person=person, organisation=organisation, role=Affiliation.Role.EDITOR)
    return user


@pytest.fixture
def superuser_client(superuser: User) -> Client:
    client = Client()
    client.force_login(superuser)
    return client


@pytest.fixture
def production(settings) -> None:
    """The security settings of the documented production environment.

    The security middleware reads them when a client sends its first request,
    so use this fixture before the first request of a test.
    """
    for name, value in production_settings().items():
        setattr(settings, name, value)
