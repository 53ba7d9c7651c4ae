"""The demo loader against the seed: the network's own web page, read here on its own.

The page is parsed in this file, independently of `demo/goettingen.py`, so that
a mistake copied into the data module shows up as a difference from the page.
"""

import datetime
import re
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.utils import translation

from demo.loader import load
from handbook.models import Edition
from meetings.models import Meeting, Minutes
from members.models import Organisation, User
from network.models import Goal, LeadershipTerm, Network, Page, Principle

SEED = Path(__file__).resolve().parents[1] / "source" / "netzwerk-migration-goettingen.txt"
BERLIN = ZoneInfo("Europe/Berlin")
MONTHS = {
    name: number
    for number, name in enumerate(
        ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
         "September", "Oktober", "November", "Dezember"],
        start=1,
    )
}  # fmt: skip

# Headings of the page, in their order.
MEETINGS = "Plenarsitzungen des Netzwerkes in 2018 sind am:"
NOTES = "Wir bitten Euch/Sie, die Termine vorzumerken."
LEADERSHIP = "Kooperative Leitung des Netzwerkes Migration:"
PRINCIPLES = "Grundsätze der Arbeit des Netzwerkes Migration"
GOALS = "Ziele des Netzwerkes Migration Region Göttingen"
MEMBERS = "Mitglieder des Netzwerkes Migration"
MINUTES = "Protokolle"


def _lines() -> list[str]:
    # str.strip() also strips the page's non-breaking spaces; lines made of one
    # are blank.
    return [" ".join(line.split()) for line in SEED.read_text(encoding="utf-8").splitlines()]


def _section(start: str, end: str | None) -> list[str]:
    """The non-blank lines after the line that ends with `start`, up to the one that starts with `end`."""
    lines = _lines()
    first = next(i for i, line in enumerate(lines) if line.endswith(start)) + 1
    last = (
        len(lines) if end is None else next(i for i in range(first, len(lines)) if lines[i].startswith(end))
    )
    return [line for line in lines[first:last] if line]


def _text() -> str:
    return " ".join(_lines())


def _squash(name: str) -> str:
    """One name whether the page writes "e. G. / Lernende" or "e. G./Lernende"."""
    return re.sub(r"\s*/\s*", "/", name)


def seed_members() -> list[str]:
    return _section(MEMBERS, MINUTES)


def seed_goals() -> list[str]:
    return _section(GOALS, MEMBERS)


def seed_principles() -> list[str]:
    return _section(PRINCIPLES, GOALS)


def seed_leaders() -> list[tuple[str, str, str]]:
    """(person, organisation as written, web address) of each line of the leadership."""
    leaders = []
    for line in _section(LEADERSHIP, PRINCIPLES):
        match = re.fullmatch(r"(?P<person>[^,]+), (?P<org>.+?),? \((?P<web>[^)]+)\)", line)
        assert match, line
        leaders.append((match["person"], match["org"], match["web"]))
    return leaders


def seed_meetings() -> list[tuple[datetime.date, str]]:
    meetings = []
    for line in _section(MEETINGS, NOTES):
        match = re.search(r"(\d{1,2})\. (\w+) (\d{4}) ?\( ?(?P<topic>.+)\)", line)
        assert match, line
        day = datetime.date(int(match[3]), MONTHS[match[2]], int(match[1]))
        meetings.append((day, match["topic"].strip()))
    return meetings


def seed_minutes() -> dict[int, list[str]]:
    years: dict[int, list[str]] = {}
    year = None
    for line in _section(MINUTES, None):
        if heading := re.fullmatch(r"(?:Protokolle von )?(\d{4})", line):
            year = int(heading[1])
            years[year] = []
        else:
            assert year is not None, line
            years[year].append(line)
    return years


def test_the_seed_parses_as_expected():
    """Guards the parser above: if it read nothing, every test below would pass on nothing."""
    assert len(seed_members()) == 49
    assert len(seed_goals()) == 10
    assert len(seed_principles()) == 3
    assert len(seed_leaders()) == 4
    assert len(seed_meetings()) == 3
    assert sorted(seed_minutes()) == [2011, 2012, 2013, 2014]
    assert sum(len(titles) for titles in seed_minutes().values()) == 8


def test_every_listed_member_is_a_member_organisation(demo):
    for name in seed_members():
        organisation = Organisation.objects.get(name=name)
        assert organisation.is_member, name
        assert organisation.left_on is None, name
    assert Organisation.objects.members().count() == len(seed_members())


def test_every_organisation_is_on_the_page_or_an_umbrella(demo):
    """Nothing invented: an organisation not in the list is the parent of one that is."""
    listed = set(seed_members())
    for organisation in Organisation.objects.exclude(name__in=listed):
        assert not organisation.is_member, organisation.name
        assert organisation.units.filter(name__in=listed).exists(), organisation.name


@pytest.mark.parametrize(
    ("unit", "parent"),
    [
        ("AWO/Migrationserstberatung (MEB)", "AWO, Kreisverband Göttingen"),
        ("Caritas im GDL Friedland/Jugendclub Kakadu", "Caritas im GDL Friedland"),
        ("Internationaler Bund/Jugendmigrationsdienst", "Internationaler Bund"),
        ("Stadt Göttingen (FB Jugend und Soziales)", "Stadt Göttingen"),
        ("Stadt Göttingen, Büro für Integration", "Stadt Göttingen"),
    ],
)
def test_sub_units_are_linked_to_their_parent(demo, unit, parent):
    assert Organisation.objects.get(name=unit).parent == Organisation.objects.get(name=parent)


def test_umbrellas_are_not_members(demo):
    for name in ("Internationaler Bund", "Stadt Göttingen"):
        assert not Organisation.objects.get(name=name).is_member
    assert not Organisation.objects.members().filter(name="Internationaler Bund").exists()


def test_only_the_named_sub_units_have_a_parent(demo):
    with_parent = set(Organisation.objects.filter(parent__isnull=False).values_list("name", flat=True))
    assert with_parent == {
        "AWO/Migrationserstberatung (MEB)",
        "Caritas im GDL Friedland/Jugendclub Kakadu",
        "Internationaler Bund/Jugendmigrationsdienst",
        "Stadt Göttingen (FB Jugend und Soziales)",
        "Stadt Göttingen, Büro für Integration",
    }


def test_the_cooperative_leadership(demo):
    terms = list(LeadershipTerm.objects.current().select_related("person", "organisation"))
    assert [term.person.name for term in terms] == [person for person, _, _ in seed_leaders()]
    for term, (person, organisation, web) in zip(terms, seed_leaders(), strict=True):
        # The page shortens some names ("Institut für angewandte Kulturforschung"
        # for "... e. V."); the organisation's full name starts with it.
        assert _squash(term.organisation.name).startswith(_squash(organisation)), (
            person,
            term.organisation.name,
        )
        assert web in term.organisation.website, (person, term.organisation.website)
        assert term.organisation.website.startswith(("http://", "https://"))


def test_the_leaders_organisation_that_is_an_umbrella(demo):
    term = LeadershipTerm.objects.get(person__name="Mario Lehmann")
    assert term.organisation.name == "Internationaler Bund"
    assert not term.organisation.is_member


def test_goals_are_the_pages_ten_goals_in_order(demo):
    assert [goal.text_de for goal in Goal.objects.all()] == seed_goals()
    assert all(goal.text_en for goal in Goal.objects.all())


def test_principles_are_the_pages_paragraphs_in_order(demo):
    assert [principle.text_de for principle in Principle.objects.all()] == seed_principles()
    assert all(principle.text_en for principle in Principle.objects.all())


def test_the_three_plenary_meetings_of_2018(demo):
    hours = re.search(r"von (\d\d:\d\d)h bis (\d\d:\d\d)h in Raum Thorn \(126\) des Neuen Rathauses", _text())
    assert hours
    start, end = (datetime.time.fromisoformat(t) for t in hours.groups())
    assert (start, end) == (datetime.time(14), datetime.time(16, 30))

    meetings = list(Meeting.objects.order_by("starts_at").select_related("place"))
    assert len(meetings) == len(seed_meetings()) == 3
    for meeting, (day, topic) in zip(meetings, seed_meetings(), strict=True):
        assert meeting.kind == Meeting.Kind.PLENARY
        assert meeting.starts_at == datetime.datetime.combine(day, start, tzinfo=BERLIN)
        assert meeting.ends_at == datetime.datetime.combine(day, end, tzinfo=BERLIN)
        assert meeting.topic_de == topic
        assert meeting.topic_en
        assert (meeting.place.name, meeting.place.room) == ("Neues Rathaus", "Raum Thorn (126)")
        assert not meeting.place.address  # the page gives none
        assert not meeting.is_cancelled


def test_the_minutes_archive_by_year_without_documents(demo):
    for year, titles in seed_minutes().items():
        minutes = Minutes.objects.filter(year=year).order_by("position", "pk")
        assert [m.title for m in minutes] == titles, year
        assert not any(m.has_document for m in minutes)
    assert Minutes.objects.count() == sum(len(titles) for titles in seed_minutes().values())


def test_the_network_and_its_notes(demo):
    network = Network.objects.get()
    assert network.name == "Netzwerk Migration Region Göttingen"
    assert "über 50 Organisationen" in network.description_de
    assert "Stadt und Landkreis Göttingen" in network.description_de
    assert network.description_en
    assert "Wir bitten Euch/Sie, die Termine vorzumerken." in network.meetings_note_de
    assert "Eine Einladung mit Tagesordnung erhalten Sie/Ihr vor der Sitzung." in network.meetings_note_de
    assert network.proposals_note_de == (
        "Anregungen und Vorschläge für zu behandelnde Themen oder zu den Tagesordnungen sind erwünscht."
    )
    assert "invitation" in network.meetings_note_en
    assert network.proposals_note_en
    # The page gives no e-mail address of the network.
    assert network.email == ""


def test_the_handbook_edition(demo):
    match = re.search(r"in (\d+)\. Auflage vom (\w+) (\d{4})", _text())
    assert match
    edition = Edition.objects.get()
    assert edition.number == int(match[1]) == 2
    assert (
        (edition.published_on.year, edition.published_on.month)
        == (int(match[3]), MONTHS[match[2]])
        == (2006, 9)
    )
    assert not edition.document


def test_nothing_invented_for_organisations(demo):
    """The page gives no addresses, e-mails or phone numbers of organisations."""
    for organisation in Organisation.objects.all():
        assert not (
            organisation.email or organisation.phone or organisation.street or organisation.postcode
        ), organisation.name


def _snapshot() -> dict[str, list[dict]]:
    models = [
        model
        for label in ("network", "members", "meetings", "handbook", "demo")
        for model in apps.get_app_config(label).get_models()
    ]
    return {model._meta.label: list(model.objects.order_by("pk").values()) for model in models}


@pytest.mark.parametrize("refresh", [False, True])
def test_loading_twice_changes_nothing(db, refresh):
    first = load()
    assert first.total_created > 0
    before = _snapshot()
    second = load(refresh=refresh)
    assert second.skipped is not refresh
    assert second.total_created == 0
    assert all(n == 0 for n in second.created.values())
    after = _snapshot()
    changed = [
        (label, row["id"], name, value, new[name])
        for label, rows in before.items()
        for row, new in zip(rows, after[label], strict=False)
        for name, value in row.items()
        if new[name] != value
    ]
    assert changed == []
    assert after == before


def test_loading_in_english_changes_nothing(db):
    """The loader writes German into the untranslated fields whatever language is active."""
    load()
    before = _snapshot()
    with translation.override("en"):
        assert load(refresh=True).total_created == 0
    assert _snapshot() == before


def test_load_demo_command(db):
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "Demo data loaded" in out.getvalue()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "set up already" in out.getvalue()
    assert Organisation.objects.count() == len(seed_members()) + 2  # and the two umbrellas


def test_reloading_keeps_what_coordinators_edited_unless_refreshed(db):
    load()
    Organisation.objects.filter(name="Deutsche Angestellen Akademie").update(
        name="Deutsche Angestellten-Akademie"
    )
    Page.objects.filter(slug="impressum").update(body_de="Unsere Anschrift: …")
    load()  # as every `make run` does
    assert not Organisation.objects.filter(name="Deutsche Angestellen Akademie").exists()
    assert Page.objects.get(slug="impressum").body_de == "Unsere Anschrift: …"
    load(refresh=True)
    assert Page.objects.get(slug="impressum").body_de != "Unsere Anschrift: …"


def test_reloading_keeps_rows_added_by_coordinators(db):
    """Reloading leaves rows the coordinators added alone."""
    load()
    Organisation.objects.create(name="Testorganisation 1", slug="testorganisation-1")
    load()
    assert Organisation.objects.filter(name="Testorganisation 1").exists()


def _coordinator_password(output: str) -> str:
    match = re.search(r"with the password (\S+) \(shown only this once\)", output)
    assert match, output
    return match[1]


def test_create_local_coordinator_prints_a_password_once(db, client):
    out = StringIO()
    call_command("create_local_coordinator", stdout=out)
    password = _coordinator_password(out.getvalue())
    assert len(password) >= 12
    user = User.objects.get(email="coordinator@example.org")
    assert user.is_staff and user.is_superuser and user.is_active
    assert authenticate(email="coordinator@example.org", password=password) == user
    assert client.login(email="coordinator@example.org", password=password)
    assert client.get("/admin/").status_code == 200

    hashed = user.password
    out = StringIO()
    call_command("create_local_coordinator", stdout=out)
    assert password not in out.getvalue()
    assert "shown only this once" not in out.getvalue()
    user.refresh_from_db()
    assert user.password == hashed
    assert User.objects.count() == 1


def test_create_local_coordinator_makes_a_new_password_each_time_on_a_fresh_database(db):
    passwords = set()
    for email in ("a@example.org", "b@example.org"):
        out = StringIO()
        call_command("create_local_coordinator", email=email, stdout=out)
        passwords.add(_coordinator_password(out.getvalue()))
    assert len(passwords) == 2
