"""The printed handbook: read back with pypdf as a reader would find it."""

import datetime
import io
import re

import pytest
from pypdf import PdfReader

from handbook import pdf
from handbook.content import FOREWORD_SLUG, ordinal, sort_key
from members.models import Organisation
from network.models import Page

from .sample import make_network

PUBLISHED = datetime.date(2026, 11, 1)


def read(printed: pdf.Printed) -> list[str]:
    """The text of each page, whitespace made single spaces."""
    reader = PdfReader(io.BytesIO(printed.pdf))
    assert len(reader.pages) == printed.pages
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def page_of(pages: list[str], text: str, start: int = 0) -> int:
    """The number (from 1) of the first page from `start` on that has the text."""
    return next(number for number, page in enumerate(pages, start=1) if number > start and text in page)


def contents_entries(pages: list[str]) -> dict[str, int]:
    """Contents line -> page number, read from the pages headed "Contents"."""
    contents = " ".join(page.removeprefix("Contents ") for page in pages if page.startswith("Contents "))
    # Each entry is its title, dotted leaders and a number; the next begins after that number.
    return {
        title.strip(): int(number)
        for title, number in re.findall(r"([^.\d][^.]*?)[ .]*\.{3,}[ .]*(\d+)", contents)
    }


def footers(printed: pdf.Printed) -> list[str]:
    """The text at the bottom of each page, below the text area (its bottom margin is 20 mm)."""
    bottom_margin = 20 / 25.4 * 72
    footers = []
    for page in PdfReader(io.BytesIO(printed.pdf)).pages:
        found = []

        def visit(text, cm, tm, font, size, found=found):
            # The text's position: its text matrix in the current transformation matrix.
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if text.strip() and y < bottom_margin:
                found.append(text.strip())

        page.extract_text(visitor_text=visit)
        footers.append(" ".join(found))
    return footers


@pytest.fixture(autouse=True)
def one_process(settings):
    """Laid out in the test's own process, unless a test asks for child processes."""
    settings.HANDBOOK_PRINT_PROCESSES = 1


@pytest.fixture
def network(db):
    return make_network()


@pytest.fixture(
    params=[(pdf.GROUP_SIZE, 1), (2, 1), (2, 2)], ids=["one-group", "groups-of-two", "two-processes"]
)
def english(request, network, monkeypatch, settings) -> list[str]:
    """The handbook in English, its organisations laid out at once, in groups of two (as a large
    handbook is), and so in two child processes: the contents and the index must give the same
    pages in each case."""
    monkeypatch.setattr(pdf, "GROUP_SIZE", request.param[0])
    settings.HANDBOOK_PRINT_PROCESSES = request.param[1]
    return read(pdf.build(3, PUBLISHED, "en", "a4"))


def test_the_contents_list_every_organisation_at_the_page_of_its_heading(network, english):
    entries = contents_entries(english)
    members_page = entries["Member organisations"]
    printed = [
        "Alphaverein Test",
        "Alphaverein Test Jugendstelle",
        "Betahaus Test",
        "Dachverband Test",
        "Dachverband Test Beratungsdienst",
        "Gammastelle Test",
        "Ömegawerk Test",
        "Pistation Test",
    ]
    listed = [title for title in entries if title in printed]
    assert listed == printed  # alphabetical (Ö with O), each unit after its organisation
    for name in printed:
        # The heading's page: the first page of the members' part that names the organisation.
        assert entries[name] == page_of(english, name, start=members_page - 1), name
    # Members that left are not in the handbook, nor their offers.
    assert not any("Ausgetreten" in page for page in english)


def test_the_cover_names_the_network_and_the_edition(network, english):
    assert "Testnetzwerk Beispielstadt" in english[0]
    assert "3rd edition" in english[0]
    assert "November 2026" in english[0]
    assert ordinal(1, "en") == "1st" and ordinal(12, "en") == "12th" and ordinal(22, "en") == "22nd"
    assert ordinal(3, "de") == "3."


def test_the_network_part_has_its_principles_goals_and_leadership(network, english):
    network_page = english[contents_entries(english)["The network"] - 1]
    assert "The test network is an alliance" in network_page
    assert "Testgrundsatz" in network_page  # not translated: printed in German
    assert "Test goal cooperation" in network_page
    assert "Lena Leitung, Gammastelle Test" in network_page


def test_the_index_lists_offers_by_topic_and_by_language_with_their_pages(network, english):
    index_start = contents_entries(english)["Index of offers"]
    index = " ".join(english[index_start - 1 :])
    by_topic, by_language = index.split("Offers by language spoken", 1)
    members = contents_entries(english)["Member organisations"] - 1
    counselling = page_of(english, "Test counselling Alpha", start=members)
    youth = page_of(english, "Testjugendtreff", start=members)
    assert re.search(rf"Test topic .*Test counselling Alpha \(Alphaverein Test\), {counselling}\b", by_topic)
    assert re.search(
        rf"Second topic .*Testjugendtreff \(Alphaverein Test Jugendstelle\), {youth}\b", by_topic
    )
    assert "Testkurs Pi (Pistation Test)" in by_topic.split("Second topic")[1]
    assert re.search(rf"Arabic .*Test counselling Alpha \(Alphaverein Test\), {counselling}\b", by_language)
    assert "Testdienst Dach" in by_language.split("German")[0]  # under Arabic, before German
    assert "Testdienst Dach" not in by_language.split("German")[1]


def test_members_only_data_is_never_printed(network, english):
    text = " ".join(english)
    # A contact person who agreed to be shown publicly, and one who did not.
    assert "Paula Öffentlich (Testberatung), paula@example.org, 0000 222222" in text
    assert "Norbert" not in text and "norbert@example.org" not in text and "0000 333333" not in text
    # An offer that is not public (inactive) is not printed either.
    assert "Eingestelltes Testangebot" not in text
    assert "Test counselling Alpha" in text and "0000 111111" in text


def test_untranslated_texts_are_printed_in_german_and_marked_so(network):
    html = "".join(pdf.render_html(3, PUBLISHED, "en", "a4"))
    assert '<html lang="en">' in html
    assert 'lang="de" dir="ltr">Nur deutsch beschriebenes Betahaus.' in html.replace("<p>", "")
    assert "Texts that have not been translated yet are printed in German." in html
    assert "The Alpha association advises test people." in html


def test_an_empty_foreword_is_left_out_and_a_written_one_printed(network):
    assert Page.objects.get(slug=FOREWORD_SLUG).body_de == ""  # created empty (migration 0004)
    html = "".join(pdf.render_html(3, PUBLISHED, "de", "a4"))
    assert 'id="foreword"' not in html
    Page.objects.filter(slug=FOREWORD_SLUG).update(
        body_de="Liebe Leserinnen und Leser, dies ist ein Testvorwort."
    )
    html = "".join(pdf.render_html(3, PUBLISHED, "de", "a4"))
    assert 'id="foreword"' in html and "dies ist ein Testvorwort" in html


def test_a5_and_a4_paper(network):
    reader = PdfReader(io.BytesIO(pdf.build(3, PUBLISHED, "de", "a5").pdf))
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width), round(height)) == (420, 595)  # A5 in points: 148 × 210 mm
    html = "".join(pdf.render_html(3, PUBLISHED, "de", "a4"))
    assert "@page { size: A4; }" in html
    assert "hyphens: auto" in html and '<html lang="de">' in html


def test_organisations_are_sorted_as_in_a_german_index():
    names = ["Zentrum", "Ömegawerk", "Otto", "arbeit", "Ärzte"]
    assert sorted(names, key=sort_key) == ["arbeit", "Ärzte", "Ömegawerk", "Otto", "Zentrum"]


def test_the_goettingen_handbook(demo):
    """The demo's network, printed in German: every current member in the contents, at the page
    where its heading is (found through the PDF's bookmarks, which WeasyPrint makes from the headings)."""
    printed = pdf.build(3, PUBLISHED, "de", "a4")
    reader = PdfReader(io.BytesIO(printed.pdf))
    pages = read(printed)
    bookmarks = {}

    def walk(outline):
        for item in outline:
            if isinstance(item, list):
                walk(item)
            else:
                bookmarks[" ".join(item.title.split())] = reader.get_destination_page_number(item) + 1

    walk(reader.outline)
    contents = " ".join(pages[1 : bookmarks["Das Netzwerk"] - 1])
    for organisation in Organisation.objects.members():
        heading_page = bookmarks[organisation.name]
        assert organisation.name in pages[heading_page - 1]
        entry = re.search(rf"(?:^|\d ){re.escape(organisation.name)}[ .]*?(\d+)(?: |$)", contents)
        assert entry, f"{organisation.name} is not in the contents"
        assert int(entry[1]) == heading_page, organisation.name
    assert "Netzwerk Migration Region Göttingen" in pages[0]


@pytest.mark.parametrize("processes", [1, 2])
def test_the_parts_are_bound_with_bookmarks_and_links(network, monkeypatch, settings, processes):
    monkeypatch.setattr(pdf, "GROUP_SIZE", 2)
    settings.HANDBOOK_PRINT_PROCESSES = processes
    printed = pdf.build(3, PUBLISHED, "en", "a4")
    reader = PdfReader(io.BytesIO(printed.pdf))
    outline = reader.outline  # each bookmark, followed by a list of its children if it has any
    titles = [item.title for item in outline if not isinstance(item, list)]
    assert titles == ["Contents", "The network", "Member organisations", "Index of offers"]
    members = outline[[getattr(item, "title", "") for item in outline].index("Member organisations") + 1]
    assert [item.title for item in members if not isinstance(item, list)][:3] == [
        "Alphaverein Test",
        "Betahaus Test",
        "Dachverband Test",
    ]
    # Every line in the contents and the index is a link to the page of its heading (WeasyPrint
    # makes a link of each box of a line: its text, the leaders and the number).
    pages = read(printed)
    entries = contents_entries(pages)

    def link_targets(page_numbers) -> list[int]:
        return [
            reader.get_page_number(annotation.get_object()["/Dest"][0]) + 1
            for number in page_numbers
            for annotation in reader.pages[number - 1].get("/Annots", [])
            if "/Dest" in annotation.get_object()
        ]

    targets = link_targets([2])
    assert set(targets) == set(entries.values())
    assert page_of(pages, "Gammastelle Test", start=entries["Member organisations"] - 1) in targets
    index = range(entries["Index of offers"], printed.pages + 1)
    printed_numbers = re.findall(r", (\d+)(?= |$)", " ".join(pages[number - 1] for number in index))
    assert set(link_targets(index)) == {int(number) for number in printed_numbers}
    # Every page but the cover has its number at the bottom, where it is in the book.
    assert footers(printed) == ["", *[str(number) for number in range(2, printed.pages + 1)]]
    assert reader.metadata.title == "Testnetzwerk Beispielstadt – Handbook, 3rd edition"
    assert reader.root_object["/Lang"] == "en"
