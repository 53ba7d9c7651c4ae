"""Importing old minutes from PDF files: dates from file names, the report, the command."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from meetings.minutes import extract_text, import_files, parse_date_from_filename
from meetings.models import Meeting, Minutes
from meetings.search import search_minutes
from members.models import User
from tests.security.files import HTML, pdf


def text_pdf(text: str) -> bytes:
    """A one-page PDF whose page shows `text` (Helvetica, Windows-1252), so that it has text to extract."""
    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = DecodedStreamObject()
    stream.set_data(b"BT /F1 12 Tf 72 720 Td (" + escaped.encode("cp1252") + b") Tj ET")
    page[NameObject("/Contents")] = writer._add_object(stream)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def coordinator(db) -> User:
    return User.objects.create_user(
        email="koordination@example.org", password=None, name="Kora Koordination", is_coordinator=True
    )


# Dates in file names ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("2019-03-14 Protokoll.pdf", datetime.date(2019, 3, 14)),
        ("Protokoll_14.03.2019.pdf", datetime.date(2019, 3, 14)),
        ("20190314_plenum.pdf", datetime.date(2019, 3, 14)),
        ("Protokoll Plenum 14_03_2019.pdf", datetime.date(2019, 3, 14)),
        ("14.3.19.pdf", datetime.date(2019, 3, 14)),
        ("Protokoll 4.6.2013.pdf", datetime.date(2013, 6, 4)),
        ("Protokoll Netzwerk Migration vom 31.01.14 mit TN.pdf", datetime.date(2014, 1, 31)),
        ("Protokoll-2012_06_04.PDF", datetime.date(2012, 6, 4)),
        ("Protokoll 14. März 2019.pdf", datetime.date(2019, 3, 14)),
        ("ordner/unterordner/2019-03-14.pdf", datetime.date(2019, 3, 14)),
        # Impossible dates are no dates.
        ("Protokoll 31.02.2019.pdf", None),
        ("2019-13-01 Protokoll.pdf", None),
        ("20190230_plenum.pdf", None),
        ("00.00.2019.pdf", None),
        # No date at all, or numbers that are not one.
        ("Netzwerk Migration Protokoll 3 2013.pdf", None),
        ("Protokoll.pdf", None),
        ("Rechnung 123456789.pdf", None),
        ("", None),
    ],
)
def test_date_from_file_name(name, expected):
    assert parse_date_from_filename(name) == expected


def test_extract_text_reads_text_and_never_fails():
    assert "Gemüsekiste" in extract_text(io.BytesIO(text_pdf("Protokoll der Gemüsekiste")))
    assert extract_text(io.BytesIO(pdf())) == ""  # a page without text, like a scan
    assert extract_text(io.BytesIO(HTML)) == ""
    assert extract_text(io.BytesIO(b"")) == ""
    assert extract_text(io.BytesIO(pdf()[:100])) == ""


# Importing a folder ----------------------------------------------------------------------


@pytest.fixture
def folder(tmp_path):
    """Two good PDFs, one without a date in its name, and a web page named .pdf."""
    folder = tmp_path / "alt"
    folder.mkdir()
    (folder / "2019-03-14 Protokoll Plenum.pdf").write_bytes(text_pdf("Der Sprachkurs beginnt im Herbst."))
    (folder / "Protokoll_05.06.2019.pdf").write_bytes(pdf())
    (folder / "Protokoll ohne Datum.pdf").write_bytes(pdf())
    (folder / "2019-09-01 Protokoll.pdf").write_bytes(HTML)
    return folder


def files_of(folder):
    return [(path.name, io.BytesIO(path.read_bytes())) for path in sorted(folder.iterdir())]


def test_import_writes_the_good_files_and_reports_the_others(folder, media, coordinator):
    starts = timezone.make_aware(datetime.datetime(2019, 3, 14, 15, 0))
    meeting = Meeting.objects.create(starts_at=starts, ends_at=starts + datetime.timedelta(hours=2))

    report = import_files(files_of(folder), Minutes.Visibility.MEMBERS, coordinator)

    assert sorted(problem.name for problem in report.rejected) == [
        "2019-09-01 Protokoll.pdf",
        "Protokoll ohne Datum.pdf",
    ]
    reasons = {problem.name: problem.reason for problem in report.rejected}
    assert reasons["Protokoll ohne Datum.pdf"]  # no date in the name
    assert reasons["2019-09-01 Protokoll.pdf"]  # not a PDF
    assert reasons["Protokoll ohne Datum.pdf"] != reasons["2019-09-01 Protokoll.pdf"]
    assert not report.complete
    assert report.skipped == []

    imported = {m.held_on: m for m in Minutes.objects.all()}
    assert set(imported) == {datetime.date(2019, 3, 14), datetime.date(2019, 6, 5)}
    plenum = imported[datetime.date(2019, 3, 14)]
    assert plenum.title == "2019-03-14 Protokoll Plenum"
    assert plenum.year == 2019
    assert plenum.meeting == meeting
    assert plenum.status == Minutes.Status.APPROVED
    assert plenum.approved_by == coordinator
    assert plenum.visibility == Minutes.Visibility.MEMBERS
    assert "Sprachkurs" in plenum.document_text
    assert list(search_minutes(Minutes.objects.all(), "Sprachkurs")) == [plenum]
    assert plenum.document.read().startswith(b"%PDF-")
    assert plenum.revisions.count() == 1
    other = imported[datetime.date(2019, 6, 5)]
    assert other.meeting is None
    assert other.title == "Protokoll 05.06.2019"
    assert other.document_text == ""
    # Nothing of the rejected files was stored.
    stored = sorted(path.name for path in media.rglob("*") if path.is_file())
    assert len(stored) == 2
    assert not any("09-01" in name or "ohne" in name for name in stored)


def test_import_skips_what_is_there_already(folder, media, coordinator):
    import_files(files_of(folder), Minutes.Visibility.PUBLIC, coordinator)
    again = import_files(files_of(folder), Minutes.Visibility.PUBLIC, coordinator)
    assert again.imported == []
    assert sorted(problem.name for problem in again.skipped) == [
        "2019-03-14 Protokoll Plenum.pdf",
        "Protokoll_05.06.2019.pdf",
    ]
    assert Minutes.objects.count() == 2


def test_the_same_file_twice_in_one_import_is_imported_once(media, coordinator):
    files = [("2019-03-14.pdf", io.BytesIO(pdf())), ("2019-03-14.pdf", io.BytesIO(pdf()))]
    report = import_files(files, Minutes.Visibility.PUBLIC, coordinator)
    assert len(report.imported) == 1
    assert [problem.name for problem in report.skipped] == ["2019-03-14.pdf"]
    assert Minutes.objects.count() == 1


def test_dry_run_writes_nothing(folder, media, coordinator):
    report = import_files(files_of(folder), Minutes.Visibility.PUBLIC, coordinator, dry_run=True)
    assert len(report.imported) == 2
    assert len(report.rejected) == 2
    assert not Minutes.objects.exists()
    assert not media.exists() or not any(path.is_file() for path in media.rglob("*"))


# The command -----------------------------------------------------------------------------


def test_command_imports_and_fails_when_a_file_was_not_imported(db, folder, media, capsys):
    with pytest.raises(CommandError) as failure:
        call_command("import_minutes", str(folder), "--visibility", "public")
    assert failure.value.returncode == 1
    out, err = capsys.readouterr()
    assert "Protokoll ohne Datum.pdf" in err
    assert "2019-09-01 Protokoll.pdf" in err
    assert "2019-03-14 Protokoll Plenum" in out
    assert Minutes.objects.filter(visibility=Minutes.Visibility.PUBLIC).count() == 2


def test_command_succeeds_when_every_file_is_imported(db, folder, media, capsys):
    (folder / "Protokoll ohne Datum.pdf").unlink()
    (folder / "2019-09-01 Protokoll.pdf").unlink()
    call_command("import_minutes", str(folder), "--visibility", "members")
    assert Minutes.objects.filter(visibility=Minutes.Visibility.MEMBERS).count() == 2
    # Run again: everything is there already, which is no failure.
    call_command("import_minutes", str(folder), "--visibility", "members")
    assert "2 skipped" in capsys.readouterr().out
    assert Minutes.objects.count() == 2


def test_command_dry_run(db, folder, media, capsys):
    with pytest.raises(CommandError):
        call_command("import_minutes", str(folder), "--visibility", "members", "--dry-run")
    assert "would be imported" in capsys.readouterr().out
    assert not Minutes.objects.exists()


def test_command_needs_a_folder(tmp_path):
    with pytest.raises(CommandError):
        call_command("import_minutes", str(tmp_path / "nicht-da"), "--visibility", "members")


# The import page -------------------------------------------------------------------------


def _upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_import_page_shows_the_report_when_a_file_is_rejected(client, media, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("meetings:manage-minutes-import"),
        {
            "visibility": "public",
            "files": [
                _upload("2019-03-14 Protokoll.pdf", text_pdf("Bericht aus der Beratung")),
                _upload("Protokoll.pdf", pdf()),
                _upload("2019-06-05.pdf", HTML),
            ],
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Protokoll.pdf" in html
    assert "2019-06-05.pdf" in html
    assert response.context["form"].errors["files"]
    minutes = Minutes.objects.get()
    assert minutes.held_on == datetime.date(2019, 3, 14)
    assert minutes.visibility == Minutes.Visibility.PUBLIC
    assert "Beratung" in minutes.document_text
    assert reverse("meetings:minutes-detail", args=[minutes.pk]) in html


def test_import_page_redirects_when_every_file_is_imported(client, media, coordinator):
    client.force_login(coordinator)
    url = reverse("meetings:manage-minutes-import")
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "visibility": "members",
            "files": [_upload("2019-03-14.pdf", pdf()), _upload("20190605.pdf", pdf())],
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("meetings:manage-minutes")
    assert Minutes.objects.count() == 2


def test_import_page_needs_files(client, media, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("meetings:manage-minutes-import"), {"visibility": "members"})
    assert response.status_code == 200
    assert response.context["form"].errors["files"]
    assert not Minutes.objects.exists()


def test_import_page_is_for_coordinators(client, media, member_user):
    client.force_login(member_user)
    url = reverse("meetings:manage-minutes-import")
    assert client.get(url).status_code == 403
    response = client.post(url, {"visibility": "public", "files": [_upload("2019-03-14.pdf", pdf())]})
    assert response.status_code == 403
    assert not Minutes.objects.exists()
    client.logout()
    assert client.get(url).status_code == 302  # to the login
