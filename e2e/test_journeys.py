"""What people do on the portal, start to finish, in a real browser.

A journey per capability as it exists; a new capability adds its journey here.
Links are found as a visitor finds them: by role and by the words on the page.
"""

import datetime
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language_info
from playwright.sync_api import Page

from meetings.models import Meeting, Place
from members.models import Organisation, User

from .portal import Portal, languages, log_in, path_of, t

SIZES = ["phone", "desktop"]


def main_nav(page: Page, language: str = "de"):
    return page.get_by_role("navigation", name=t("Main", language))


@pytest.mark.parametrize("size", SIZES)
def test_visitor_finds_an_organisation_and_its_parent(
    portal: Portal, open_page: Callable[..., Page], size: str
) -> None:
    unit = Organisation.objects.members().filter(parent__isnull=False, kind__isnull=False).first()
    assert unit, "the demo data has a member organisation that is part of another"
    kind, parent = unit.kind, unit.parent
    page = open_page(size)

    page.goto(portal.url("network:home"))
    main_nav(page).get_by_role("link", name=t("Members")).click()
    page.get_by_role("navigation", name=t("Kind of organisation")).get_by_role(
        "link", name=re.compile(rf"^{re.escape(kind.name)} \d+$")
    ).click()
    page.wait_for_url(portal.url("members:list", query=f"?kind={kind.slug}"))
    page.get_by_role("main").get_by_role("link", name=unit.name, exact=True).click()

    page.wait_for_url(portal(unit.get_absolute_url()))
    assert page.get_by_role("heading", level=1).inner_text() == unit.name
    # Under "Part of"; the breadcrumbs have the same link before it.
    page.get_by_role("main").get_by_role("link", name=parent.name, exact=True).last.click()

    page.wait_for_url(portal(parent.get_absolute_url()))
    assert page.get_by_role("heading", level=1).inner_text() == parent.name
    assert page.get_by_role("link", name=unit.name, exact=True).is_visible(), "the parent lists its unit"


@pytest.mark.parametrize("size", SIZES)
def test_visitor_downloads_a_meeting_to_the_calendar(
    portal: Portal, open_page: Callable[..., Page], size: str
) -> None:
    meeting = Meeting.objects.past().exclude(topic="").first()
    page = open_page(size)

    page.goto(portal.url("network:home"))
    main_nav(page).get_by_role("link", name=t("Meetings")).click()
    page.get_by_role("link", name=meeting.topic, exact=True).click()
    page.wait_for_url(portal(meeting.get_absolute_url()))
    with page.expect_download() as download:
        page.get_by_role("link", name=t("Add to calendar (.ics)")).click()

    calendar = Path(download.value.path()).read_text(encoding="utf-8")
    assert calendar.startswith("BEGIN:VCALENDAR")
    assert f"UID:{meeting.uid}" in calendar
    assert download.value.suggested_filename.endswith(".ics")


def test_coordinator_adds_a_meeting_that_visitors_see(
    portal: Portal, open_page: Callable[..., Page], coordinator: User
) -> None:
    place = Place.objects.first()
    day = timezone.localdate() + datetime.timedelta(days=30)
    topic = "Wohnen und Arbeit – Austausch der Beratungsstellen"
    admin = open_page("desktop")

    log_in(admin, portal, coordinator.email, coordinator.e2e_password)
    admin.goto(portal("/admin/meetings/meeting/add/"))
    admin.locator("#id_kind").select_option(Meeting.Kind.PLENARY.value)
    admin.locator("#id_topic_de").fill(topic)
    # Django always accepts ISO dates, whatever the admin's language.
    admin.locator("#id_starts_at_0").fill(day.isoformat())
    admin.locator("#id_starts_at_1").fill("14:00")
    admin.locator("#id_ends_at_0").fill(day.isoformat())
    admin.locator("#id_ends_at_1").fill("16:30")
    # The place is an autocomplete field: open it, type, choose.
    admin.locator(".field-place .select2-selection").click()
    admin.locator(".select2-search__field").fill(place.name)
    admin.locator(".select2-results__option", has_text=place.name).first.click()
    admin.locator("input[name=_save]").click()
    admin.wait_for_url(portal("/admin/meetings/meeting/"))

    meeting = Meeting.objects.get(topic=topic)
    assert (meeting.kind, meeting.place) == (Meeting.Kind.PLENARY, place)
    visitor = open_page("desktop")
    visitor.goto(portal.url("network:home"))
    next_meeting = visitor.get_by_role("region", name=t("Next plenary meeting"))
    next_meeting.get_by_role("link", name=topic).click()
    visitor.wait_for_url(portal(meeting.get_absolute_url()))
    assert str(place) in visitor.get_by_role("main").inner_text()


@pytest.mark.parametrize("language", [code for code in languages() if code != settings.LANGUAGE_CODE])
def test_language_switch_keeps_the_page(portal: Portal, page: Page, language: str) -> None:
    organisation = Organisation.objects.members().first()
    query = f"?kind={organisation.kind.slug}"
    page.goto(portal.url("members:list", query=query))

    switch = page.get_by_role("navigation", name=t("Language"))
    switch.locator("summary").click()  # the language menu opens first
    switch.get_by_role("link", name=get_language_info(language)["name_local"]).click()

    page.wait_for_url(portal(path_of("members:list", language=language, query=query)))
    assert page.locator("html").get_attribute("lang") == language
