"""Logging in and out, throttling, password reset, invitations, two-factor login, session timeouts."""

import datetime
import re
import time
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.core import signing
from django.test import Client
from django.urls import resolve, reverse
from django.utils import timezone
from django.utils.html import escape
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from members.models import Affiliation, FailedLogin, Organisation, Person, User

PASSWORD = "Blauer-Fluss-am-Morgen-7"
NEW_PASSWORD = "Gruene-Wiese-im-Abend-9"


@pytest.fixture
def user(db) -> User:
    user = User.objects.create_user(email="nora@example.org", password=PASSWORD, name="Nora Nutzerin")
    person = Person.objects.create(name="Nora Nutzerin", email=user.email, user=user)
    organisation = Organisation.objects.create(name="Beratungsstelle", slug="beratungsstelle")
    Affiliation.objects.create(person=person, organisation=organisation)
    return user


@pytest.fixture
def coordinator(db) -> User:
    return User.objects.create_user(
        email="koordination@example.org", password=None, name="Cora Koordination", is_coordinator=True
    )


@pytest.fixture
def fast_otp(settings) -> None:
    # django-otp makes you wait a second after a wrong code; the tests don't.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


def login(client: Client, email: str, password: str, **extra):
    return client.post(reverse("members:login"), {"email": email, "password": password}, **extra)


def view_name(response) -> str:
    assert response.status_code == 302, response.status_code
    return resolve(urlsplit(response["Location"]).path).view_name


def logged_in_as(client: Client) -> int | None:
    value = client.session.get(SESSION_KEY)
    return int(value) if value is not None else None


def link_in(message, view: str) -> str:
    """The path of the one link in the mail's text that leads to the view; the HTML part has it too."""
    urls = [url for url in re.findall(r"https?://\S+", message.body) if view_of(url) == view]
    assert len(urls) == 1, message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert escape(urls[0]) in html
    return urlsplit(urls[0]).path


def view_of(url: str) -> str | None:
    try:
        return resolve(urlsplit(url).path).view_name
    except Exception:
        return None


def form_errors(response) -> dict:
    return response.context["form"].errors


# Login -------------------------------------------------------------------------------------------


def test_login_with_email_and_password_starts_a_new_session(client, user):
    session = client.session
    session["before"] = "login"
    session.save()
    old_key = session.session_key

    response = login(client, "Nora@Example.org", PASSWORD)

    assert view_name(response) == "members:dashboard"
    new_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert new_key != old_key
    assert not Session.objects.filter(session_key=old_key).exists()
    assert logged_in_as(client) == user.pk
    assert client.get(reverse("members:dashboard")).status_code == 200


def test_login_follows_next_only_within_the_site(client, user):
    response = client.post(
        reverse("members:login"),
        {"email": user.email, "password": PASSWORD, "next": reverse("members:account")},
    )
    assert view_name(response) == "members:account"
    client.post(reverse("members:logout"))
    for outside in ("https://evil.example/", "//evil.example/"):
        response = client.post(
            reverse("members:login"), {"email": user.email, "password": PASSWORD, "next": outside}
        )
        assert view_name(response) == "members:dashboard", outside
        client.post(reverse("members:logout"))


def test_wrong_password_is_refused_recorded_and_logged(client, user, caplog):
    with caplog.at_level("WARNING", logger="netzwerk.security"):
        response = login(client, user.email, "falsch-falsch-falsch", REMOTE_ADDR="203.0.113.5")
    assert response.status_code == 200
    error = response.context["form"].non_field_errors()
    assert error
    assert escape(error[0]) in response.content.decode()
    # What the user typed stays in the form, the password does not.
    assert 'value="nora@example.org"' in response.content.decode()
    assert "falsch-falsch-falsch" not in response.content.decode()
    assert logged_in_as(client) is None
    failure = FailedLogin.objects.get()
    assert (failure.email, failure.ip) == (user.email, "203.0.113.5")
    assert any(
        r.name == "netzwerk.security" and "failed login" in r.getMessage() and user.email in r.getMessage()
        for r in caplog.records
    )


def test_failures_on_one_account_block_even_the_right_password(client, user, settings):
    settings.LOGIN_THROTTLE_PER_ACCOUNT = 3
    for _ in range(3):
        login(client, user.email, "falsch-falsch-falsch")
    response = login(client, user.email, PASSWORD)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert logged_in_as(client) is None
    # Other accounts from the same address are not blocked.
    other = User.objects.create_user(email="otto@example.org", password=PASSWORD)
    assert view_name(login(client, other.email, PASSWORD)) == "members:dashboard"


def test_the_block_ends_after_the_window(client, user, settings):
    settings.LOGIN_THROTTLE_PER_ACCOUNT = 3
    for _ in range(3):
        login(client, user.email, "falsch-falsch-falsch")
    window = datetime.timedelta(seconds=settings.LOGIN_THROTTLE_WINDOW + 1)
    FailedLogin.objects.update(at=timezone.now() - window)
    assert view_name(login(client, user.email, PASSWORD)) == "members:dashboard"


def test_failures_from_one_address_block_further_accounts_from_it(user, settings):
    settings.LOGIN_THROTTLE_PER_ACCOUNT = 100
    settings.LOGIN_THROTTLE_PER_ADDRESS = 3
    guesser = Client(REMOTE_ADDR="198.51.100.9")
    for i in range(3):
        login(guesser, f"gast{i}@example.org", "rate-mal-1234")
    response = login(guesser, user.email, PASSWORD)
    assert response.status_code == 200
    assert logged_in_as(guesser) is None
    # The account itself is not blocked for the others.
    elsewhere = Client(REMOTE_ADDR="192.0.2.44")
    assert view_name(login(elsewhere, user.email, PASSWORD)) == "members:dashboard"


def test_logout_only_by_post_and_the_session_is_gone(client, user):
    login(client, user.email, PASSWORD)
    key = client.session.session_key
    assert client.get(reverse("members:logout")).status_code == 405
    assert logged_in_as(client) == user.pk

    response = client.post(reverse("members:logout"))
    assert response.status_code == 302
    assert not Session.objects.filter(session_key=key).exists()
    assert view_name(client.get(reverse("members:account"))) == "members:login"


def test_passwords_are_stored_with_argon2(user):
    assert user.password.startswith("argon2")


def test_staff_who_log_in_from_the_admin_land_in_the_admin(client, db):
    staff = User.objects.create_user(email="technik@example.org", password=PASSWORD, is_staff=True)
    page = client.get(reverse("admin:index"), follow=True)
    assert page.resolver_match.view_name == "members:login"
    response = client.post(
        page.request["PATH_INFO"] + "?" + page.request["QUERY_STRING"],
        {"email": staff.email, "password": PASSWORD, "next": page.context["next"]},
        follow=True,
    )
    assert response.resolver_match.view_name == "admin:index"


# Password reset ------------------------------------------------------------------------------------


def test_password_reset_end_to_end(client, user, mailoutbox):
    response = client.post(reverse("members:password-reset"), {"email": user.email})
    assert view_name(response) == "members:password-reset-done"
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [user.email]
    path = link_in(message, "members:password-reset-confirm")

    response = client.get(path)
    set_password_url = response["Location"]
    assert view_name(response) == "members:password-reset-confirm"
    assert set_password_url.rstrip("/").endswith("set-password")
    assert client.get(set_password_url).status_code == 200

    response = client.post(set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert view_name(response) == "members:password-reset-complete"
    user.refresh_from_db()
    assert user.password.startswith("argon2")

    assert login(client, user.email, PASSWORD).status_code == 200  # the old one no longer works
    assert view_name(login(client, user.email, NEW_PASSWORD)) == "members:dashboard"
    # The link is spent.
    client.post(reverse("members:logout"))
    response = client.get(path)
    assert response.status_code == 200
    assert response.context["validlink"] is False


def test_password_reset_for_an_unknown_address_sends_nothing_and_says_the_same(client, user, mailoutbox):
    response = client.post(reverse("members:password-reset"), {"email": "niemand@example.org"})
    assert view_name(response) == "members:password-reset-done"
    assert mailoutbox == []


# Invitations --------------------------------------------------------------------------------------


@pytest.fixture
def invitee(db) -> Person:
    organisation = Organisation.objects.create(name="Jugendtreff", slug="jugendtreff")
    person = Person.objects.create(name="Ida Eingeladen", email="ida@example.org")
    Affiliation.objects.create(person=person, organisation=organisation)
    return person


def invite(coordinator: User, person: Person, capture) -> None:
    client = Client()
    client.force_login(coordinator)
    with capture(execute=True):
        response = client.post(reverse("members:manage-person-invite", args=[person.pk]))
    assert response.status_code == 302


def test_invitation_end_to_end(coordinator, invitee, mailoutbox, django_capture_on_commit_callbacks):
    invite(coordinator, invitee, django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["ida@example.org"]
    path = link_in(mailoutbox[0], "members:invitation")

    client = Client()
    assert client.get(path).status_code == 200
    for bad, reason in (("kurz1", "too short"), ("password", "common"), ("12345678901", "numeric")):
        response = client.post(path, {"new_password1": bad, "new_password2": bad})
        assert response.status_code == 200, reason
        assert form_errors(response).get("new_password2"), reason
        for error in form_errors(response)["new_password2"]:
            assert escape(error) in response.content.decode()
    response = client.post(path, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert view_name(response) == "members:dashboard"
    invitee.refresh_from_db()
    assert logged_in_as(client) == invitee.user_id
    assert invitee.user.password.startswith("argon2")
    assert client.get(reverse("members:dashboard")).status_code == 200

    # The link is spent.
    other = Client()
    response = other.get(path)
    assert response.status_code == 400
    assert "members/account/invitation_invalid.html" in [t.name for t in response.templates]
    response = other.post(
        path, {"new_password1": "Noch-ein-Passwort-3", "new_password2": "Noch-ein-Passwort-3"}
    )
    assert response.status_code == 400
    assert logged_in_as(other) is None


def test_an_expired_invitation_is_refused(
    coordinator, invitee, mailoutbox, django_capture_on_commit_callbacks, monkeypatch
):
    long_ago = int(time.time()) - settings.INVITATION_MAX_AGE - 60
    monkeypatch.setattr(signing.TimestampSigner, "timestamp", lambda self: signing.b62_encode(long_ago))
    invite(coordinator, invitee, django_capture_on_commit_callbacks)
    monkeypatch.undo()
    path = link_in(mailoutbox[0], "members:invitation")
    client = Client()
    assert client.get(path).status_code == 400
    response = client.post(path, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 400
    invitee.refresh_from_db()
    assert not invitee.user.has_usable_password()


def test_a_forged_invitation_is_refused(client, invitee):
    assert client.get(reverse("members:invitation", args=["abc:def:ghi"])).status_code == 400


def test_someone_with_a_password_gets_a_login_link(
    coordinator, invitee, mailoutbox, django_capture_on_commit_callbacks
):
    invitee.user = User.objects.create_user(email=invitee.email, password=PASSWORD)
    invitee.save()
    invite(coordinator, invitee, django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 1
    link_in(mailoutbox[0], "members:login")
    assert "/invitation/" not in mailoutbox[0].body


# Two-factor login -----------------------------------------------------------------------------------


def code(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """The code the authenticator app shows now (or that many time steps later)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift + steps_ahead)
    totp.time = time.time()
    return f"{totp.token():0{device.digits}d}"


def turn_on_two_factor(client: Client) -> TOTPDevice:
    assert client.post(reverse("members:two-factor-start")).status_code == 302
    device = TOTPDevice.objects.get(user_id=logged_in_as(client))
    assert not device.confirmed
    page = client.get(reverse("members:two-factor"))
    assert page.context["secret"] in page.content.decode()
    response = client.post(reverse("members:two-factor-confirm"), {"code": code(device)})
    assert view_name(response) == "members:account"
    device.refresh_from_db()
    assert device.confirmed
    return device


def test_two_factor_set_up_and_login(client, user, fast_otp):
    login(client, user.email, PASSWORD)
    device = turn_on_two_factor(client)
    client.post(reverse("members:logout"))

    response = login(client, user.email, PASSWORD)
    assert view_name(response) == "members:login-code"
    assert logged_in_as(client) is None
    assert view_name(client.get(reverse("members:dashboard"))) == "members:login"

    wrong = f"{(int(code(device, 1)) + 1) % 1_000_000:06d}"
    response = client.post(reverse("members:login-code"), {"code": wrong})
    assert response.status_code == 200
    assert form_errors(response)["code"]
    assert logged_in_as(client) is None
    assert FailedLogin.objects.filter(email=user.email).count() == 1

    response = client.post(reverse("members:login-code"), {"code": code(device, 1)})
    assert view_name(response) == "members:dashboard"
    assert logged_in_as(client) == user.pk
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    # A successful login clears the failures.
    assert not FailedLogin.objects.filter(email=user.email).exists()


def test_a_wrong_confirmation_code_does_not_turn_it_on(client, user, fast_otp):
    client.force_login(user)
    client.post(reverse("members:two-factor-start"))
    device = TOTPDevice.objects.get(user=user)
    wrong = f"{(int(code(device)) + 1) % 1_000_000:06d}"
    response = client.post(reverse("members:two-factor-confirm"), {"code": wrong})
    assert response.status_code == 400
    assert form_errors(response)["code"]
    device.refresh_from_db()
    assert not device.confirmed
    # Without a confirmed device the password alone still logs in.
    client.post(reverse("members:logout"))
    assert view_name(login(client, user.email, PASSWORD)) == "members:dashboard"


@pytest.fixture
def staff_with_device(db) -> tuple[User, TOTPDevice]:
    staff = User.objects.create_user(
        email="technik@example.org", password=PASSWORD, is_staff=True, is_superuser=True
    )
    device = TOTPDevice.objects.create(user=staff, name="App", confirmed=True)
    return staff, device


def test_the_admin_needs_the_code_from_those_who_have_a_device(client, staff_with_device, fast_otp):
    staff, device = staff_with_device
    client.force_login(staff)  # a session without the code
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert view_name(response) in ("admin:login", "members:login")

    client.post(reverse("members:logout"))
    login(client, staff.email, PASSWORD)
    client.post(reverse("members:login-code"), {"code": code(device)})
    assert client.get(reverse("admin:index")).status_code == 200


def test_turning_two_factor_off_needs_a_session_with_the_code(client, staff_with_device, fast_otp):
    staff, device = staff_with_device
    client.force_login(staff)
    response = client.post(reverse("members:two-factor-disable"))
    assert view_name(response) == "members:two-factor"
    assert TOTPDevice.objects.filter(pk=device.pk).exists()

    client.post(reverse("members:logout"))
    login(client, staff.email, PASSWORD)
    client.post(reverse("members:login-code"), {"code": code(device)})
    response = client.post(reverse("members:two-factor-disable"))
    assert view_name(response) == "members:account"
    assert not TOTPDevice.objects.filter(user=staff).exists()


def test_the_code_step_expires(client, user, fast_otp):
    client.force_login(user)
    device = turn_on_two_factor(client)
    client.post(reverse("members:logout"))
    login(client, user.email, PASSWORD)
    session = client.session
    session["pending_2fa"]["at"] -= 301
    session.save()
    response = client.post(reverse("members:login-code"), {"code": code(device, 1)})
    assert view_name(response) == "members:login"
    assert logged_in_as(client) is None


# Session timeouts -------------------------------------------------------------------------------------


def test_idle_timeout_is_the_cookie_age_renewed_on_every_request(client, user):
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    login(client, user.email, PASSWORD)
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE
    key = client.session.session_key
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() + datetime.timedelta(seconds=60)
    )
    assert client.get(reverse("members:account")).status_code == 200
    renewed = Session.objects.get(session_key=key).expire_date - timezone.now()
    assert renewed > datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)


def test_an_idle_session_ends(client, user):
    login(client, user.email, PASSWORD)
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert view_name(client.get(reverse("members:account"))) == "members:login"


def test_a_session_within_the_absolute_timeout_goes_on(client, user):
    login(client, user.email, PASSWORD)
    session = client.session
    session["login_at"] = time.time() - settings.SESSION_ABSOLUTE_TIMEOUT + 60
    session.save()
    assert client.get(reverse("members:account")).status_code == 200


def test_the_absolute_timeout_ends_even_an_active_session(client, user):
    login(client, user.email, PASSWORD)
    session = client.session
    session["login_at"] = time.time() - settings.SESSION_ABSOLUTE_TIMEOUT - 1
    session.save()
    response = client.get(reverse("members:account"))
    assert view_name(response) == "members:login"
    assert logged_in_as(client) is None
    assert view_name(client.get(reverse("members:account"))) == "members:login"
