"""The members' area in a real browser: an invitation, an editor's limits, two-factor
login, a forgotten password and throttled guessing, as the people who use it go through them.

E-mails land in Django's test mail box (`mailoutbox`): the live server runs in this
process, and their links point to it (`SITE_URL`), so a test follows them as a person does.
A form that answers with errors stays at its address, so `send` waits for the new page.
"""

import re
from collections.abc import Callable

import pytest
from django.conf import settings
from django.contrib.auth import password_validation
from django.core.mail import EmailMessage
from django.utils import translation
from django.utils.text import capfirst
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Locator, Page, expect

from members.models import Affiliation, Organisation, Person, User

from .portal import Portal, t

SIZES = ["phone", "desktop"]
PASSWORD = "Lindenallee-Wiese-42"


@pytest.fixture
def portal(portal: Portal, settings) -> Portal:
    """The portal, with the links in its e-mails pointing to it."""
    settings.SITE_URL = portal.base_url
    return portal


def make_user(email: str, **extra: object) -> User:
    return User.objects.create_user(email=email, password=PASSWORD, name=email.split("@")[0], **extra)


def main(page: Page) -> Locator:
    return page.get_by_role("main")


def field(page: Page, label: str) -> Locator:
    """The form field with this label, which may say that it is optional."""
    optional = re.escape(f" ({t('optional')})")
    return page.get_by_label(re.compile(rf"^{re.escape(label)}(?:{optional})?$"))


def send(page: Page, button: str) -> None:
    """Presses the form's button and waits for the page the server answers with."""
    with page.expect_navigation():
        main(page).get_by_role("button", name=button).click()


def log_in(page: Page, portal: Portal, email: str, password: str) -> None:
    """Fills the login form at /de/account/login/ and sends it."""
    page.goto(portal.url("members:login"))
    page.get_by_label(t("E-mail address")).fill(email)
    page.get_by_label(t("Password"), exact=True).fill(password)
    send(page, t("Log in"))


def log_out(page: Page, portal: Portal) -> None:
    """The button in the header, on every page."""
    page.get_by_role("banner").get_by_role("button", name=t("Log out")).click()
    page.wait_for_url(portal.url("network:home"))
    expect(page.get_by_role("banner").get_by_role("link", name=t("Log in"))).to_be_visible()


def link_in(message: EmailMessage, portal: Portal) -> str:
    """The one link into the portal that the e-mail's text carries."""
    links = set(re.findall(re.escape(portal.base_url) + r"/\S+", message.body))
    assert len(links) == 1, message.body
    return links.pop()


def password_fields(page: Page) -> tuple[Locator, Locator]:
    return (
        page.get_by_label(t("New password"), exact=True),
        page.get_by_label(t("New password confirmation"), exact=True),
    )


def too_short() -> str:
    """The portal's message for a password below its minimum length, as the page shows it."""
    (minimum,) = [
        validator
        for validator in password_validation.get_default_password_validators()
        if isinstance(validator, password_validation.MinimumLengthValidator)
    ]
    with translation.override("de"):
        return minimum.get_error_message()


@pytest.mark.parametrize("size", SIZES)
def test_invited_editor_sets_a_password_and_updates_their_organisation(
    portal: Portal, open_page: Callable[..., Page], mailoutbox: list[EmailMessage], size: str
) -> None:
    organisation = Organisation.objects.members().filter(parent__isnull=True).order_by("name").first()
    coordinator = make_user("koordination@example.org", is_coordinator=True)
    name, email = "Leyla Demir", "leyla.demir@example.org"
    description = "Beratung zu Aufenthalt, Arbeit und Wohnen – jetzt auch samstags."
    admin = open_page(size)

    log_in(admin, portal, coordinator.email, PASSWORD)
    admin.wait_for_url(portal.url("members:dashboard"))
    admin.get_by_role("navigation", name=t("Members' area")).get_by_role(
        "link", name=t("Organisations")
    ).click()
    admin.get_by_label(t("Search by name")).fill(organisation.name)
    admin.get_by_role("button", name=t("Filter")).click()
    main(admin).get_by_role("link", name=organisation.name, exact=True).click()
    admin.wait_for_url(portal.url("members:manage-organisation", organisation.slug))
    main(admin).get_by_role("link", name=t("Contact people"), exact=True).click()
    admin.get_by_role("link", name=t("Add a contact person")).click()
    admin.get_by_label(t("Name"), exact=True).fill(name)
    field(admin, t("E-mail")).fill(email)
    admin.get_by_label(t("Role")).select_option(label=t("Contact person and editor"))
    send(admin, t("Save"))
    admin.wait_for_url(portal.url("members:manage-contacts", organisation.slug))
    send(admin, f"{t('Invite')} {name}")
    expect(admin.get_by_role("status")).to_have_text(
        t("The invitation has been sent to %(email)s.") % {"email": email}
    )

    assert [message.to for message in mailoutbox] == [[email]]
    invited = open_page(size)  # another person, in another browser
    invited.goto(link_in(mailoutbox[0], portal))
    new_password, confirmation = password_fields(invited)
    new_password.fill("kurz")
    confirmation.fill("kurz")
    send(invited, t("Set password and log in"))
    # The error stands at its field (the summary links there), and no password
    # is sent back into the page.
    wrong = invited.locator(".field.has-error")
    expect(wrong).to_have_count(1)
    expect(wrong.get_by_text(too_short())).to_be_visible()
    expect(wrong.get_by_label(t("New password confirmation"), exact=True)).to_be_visible()
    expect(invited.locator(".error-summary").get_by_role("link", name=too_short())).to_be_visible()
    expect(new_password).to_have_value("")
    expect(confirmation).to_have_value("")
    assert not User.objects.get(email=email).has_usable_password()
    new_password.fill(PASSWORD)
    confirmation.fill(PASSWORD)
    send(invited, t("Set password and log in"))

    invited.wait_for_url(portal.url("members:dashboard"))
    expect(invited.get_by_role("status")).to_have_text(t("Welcome! Your password is set."))
    mine = invited.get_by_role("region", name=t("My organisations"))
    entry = mine.get_by_role("listitem").filter(
        has=invited.get_by_role("link", name=organisation.name, exact=True)
    )
    entry.get_by_role("link", name=t("Edit profile")).click()
    invited.wait_for_url(portal.url("members:manage-organisation", organisation.slug))
    field(invited, t("Description (German)")).fill(description)
    field(invited, capfirst(t("phone"))).fill("0551 123456")
    send(invited, t("Save"))
    expect(invited.get_by_role("status")).to_have_text(t("Your changes are saved."))
    main(invited).get_by_role("link", name=t("Public page")).click()
    invited.wait_for_url(portal(organisation.get_absolute_url()))
    expect(main(invited).get_by_text(description)).to_be_visible()
    expect(main(invited).get_by_role("link", name="0551 123456")).to_be_visible()
    log_out(invited, portal)
    log_in(invited, portal, email, PASSWORD)  # with the password they chose
    invited.wait_for_url(portal.url("members:dashboard"))


@pytest.mark.parametrize("size", SIZES)
def test_editor_gets_a_friendly_403_for_another_organisation(
    portal: Portal, open_page: Callable[..., Page], size: str
) -> None:
    own, other = Organisation.objects.members().filter(parent__isnull=True).order_by("name")[:2]
    editor = make_user("redaktion@example.org")
    person = Person.objects.create(name=editor.name, email=editor.email, user=editor)
    Affiliation.objects.create(person=person, organisation=own, role=Affiliation.Role.EDITOR)
    page = open_page(size)
    log_in(page, portal, editor.email, PASSWORD)
    page.wait_for_url(portal.url("members:dashboard"))

    response = page.goto(portal.url("members:manage-organisation", other.slug))

    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Access denied"))
    expect(main(page)).not_to_contain_text(other.name)
    main(page).get_by_role("link", name=t("To the home page")).click()
    page.wait_for_url(portal.url("network:home"))


def code(device: TOTPDevice, later: int = 0) -> str:
    """What the person's authenticator app shows now (or `later` steps from now)."""
    device.refresh_from_db()
    token = totp(device.bin_key, device.step, device.t0, device.digits, device.drift + later)
    return f"{token:0{device.digits}d}"


def wrong_code(device: TOTPDevice) -> str:
    """A code that no step near now accepts."""
    near = {code(device, later) for later in range(-3, 4)}
    return next(guess for guess in ("000000", "111111", "222222", "333333") if guess not in near)


@pytest.mark.parametrize("size", SIZES)
def test_two_factor_login(portal: Portal, open_page: Callable[..., Page], size: str) -> None:
    user = make_user("zwei.faktoren@example.org")
    page = open_page(size)
    log_in(page, portal, user.email, PASSWORD)
    page.wait_for_url(portal.url("members:dashboard"))
    page.get_by_role("navigation", name=t("Members' area")).get_by_role("link", name=t("My account")).click()
    page.get_by_role("link", name=t("Turn on two-factor login")).click()
    send(page, t("Set up two-factor login"))

    expect(main(page).locator(".qr svg")).to_be_visible()
    device = TOTPDevice.objects.get(user=user)
    page.get_by_label(t("Code from your authenticator app")).fill(code(device))
    send(page, t("Turn on"))
    page.wait_for_url(portal.url("members:account"))
    expect(page.get_by_role("status")).to_have_text(
        t("Two-factor login is on. From now on you need your app to log in.")
    )
    log_out(page, portal)

    log_in(page, portal, user.email, PASSWORD)
    page.wait_for_url(portal.url("members:login-code"))
    code_field = page.get_by_label(t("Code from your authenticator app"))
    code_field.fill(wrong_code(device))
    send(page, t("Confirm"))
    expect(page.locator(".field.has-error")).to_contain_text(
        t("This code is not right, or it has expired. Try the current one.")
    )
    assert page.url == portal.url("members:login-code")
    # After a wrong code django-otp takes no code for a second; a person is slower than that.
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    while not device.verify_is_allowed()[0]:
        page.wait_for_timeout(100)
    # The code of the next step: a code that was used once is never taken again.
    code_field.fill(code(device, later=1))
    send(page, t("Confirm"))
    page.wait_for_url(portal.url("members:dashboard"))
    expect(page.get_by_role("banner").get_by_role("button", name=t("Log out"))).to_be_visible()


@pytest.mark.parametrize("size", SIZES)
def test_forgotten_password(
    portal: Portal, open_page: Callable[..., Page], mailoutbox: list[EmailMessage], size: str
) -> None:
    user = make_user("vergesslich@example.org")
    new = "Neues-Passwort-am-Wall-7"
    page = open_page(size)
    page.goto(portal.url("members:login"))
    main(page).get_by_role("link", name=t("Forgotten your password?")).click()
    page.get_by_label(capfirst(t("Email"))).fill(user.email)
    send(page, t("Send link"))
    page.wait_for_url(portal.url("members:password-reset-done"))

    assert [message.to for message in mailoutbox] == [[user.email]]
    page.goto(link_in(mailoutbox[0], portal))
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Choose a new password"))
    for password in password_fields(page):
        password.fill(new)
    send(page, t("Save password"))
    page.wait_for_url(portal.url("members:password-reset-complete"))
    main(page).get_by_role("link", name=t("Log in")).click()

    page.wait_for_url(portal.url("members:login"))
    log_in(page, portal, user.email, new)
    page.wait_for_url(portal.url("members:dashboard"))


def test_login_is_throttled_after_five_wrong_passwords(portal: Portal, page: Page) -> None:
    user = make_user("geraten@example.org")
    limit = settings.LOGIN_THROTTLE_PER_ACCOUNT
    log_in(page, portal, user.email, "falsch-1")
    for attempt in range(2, limit + 2):
        expect(main(page).locator(".error-summary")).to_contain_text(
            t("The e-mail address or the password is not right.")
        )
        # The address stays as typed; the password is not sent back.
        expect(page.get_by_label(t("E-mail address"))).to_have_value(user.email)
        password = page.get_by_label(t("Password"), exact=True)
        expect(password).to_have_value("")
        password.fill(PASSWORD if attempt > limit else f"falsch-{attempt}")
        send(page, t("Log in"))

    expect(main(page).locator(".error-summary")).to_contain_text(
        t("Too many failed attempts. Please wait a quarter of an hour and try again.")
    )
    assert page.url == portal.url("members:login")
    expect(page.get_by_role("banner").get_by_role("link", name=t("Log in"))).to_be_visible()
