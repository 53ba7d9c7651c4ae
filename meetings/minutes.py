"""The minutes (Protokolle): writing them from the agenda, sending them for corrections,
approving them, keeping every revision, and importing old minutes from PDF files.

Views and the `import_minutes` command call these; nothing here knows about requests.
"""

import datetime
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from pypdf import PdfReader

from members.models import Person, User
from outbox.services import queue

from .models import ActionItem, Attendance, Meeting, Minutes, MinutesItem, MinutesRevision

logger = logging.getLogger(__name__)


# Writing --------------------------------------------------------------------------------


def _local_day(meeting: Meeting) -> datetime.date:
    return timezone.localtime(meeting.starts_at).date()


def start_from_agenda(meeting: Meeting, user: User | None) -> Minutes:
    """New draft minutes of the meeting with one item per agenda item.

    A meeting has one set of minutes: if it has some already, those are returned unchanged."""
    existing = meeting.minutes.order_by("pk").first()
    if existing is not None:
        return existing
    day = _local_day(meeting)
    with translation.override("de"):
        title = f"Protokoll {meeting.get_kind_display()} {day:%d.%m.%Y}"
    with transaction.atomic():
        minutes = Minutes.objects.create(
            title=title,
            year=day.year,
            held_on=day,
            meeting=meeting,
            visibility=Minutes.Visibility.MEMBERS,
        )
        MinutesItem.objects.bulk_create(
            MinutesItem(minutes=minutes, agenda_item=item, position=position, title=item.title)
            for position, item in enumerate(meeting.agenda_items.order_by("position", "pk"), start=1)
        )
        minutes.save()  # the items' titles into the search text
        save_revision(minutes, user)
    return minutes


def _attendance_lines(meeting: Meeting) -> list[str]:
    from .attendance import attendance_summary

    lines = []
    for entry in attendance_summary(meeting):
        names = ", ".join(person.name for person in entry.present)
        line = f"- {entry.organisation.name}: {entry.get_status_display()}"
        lines.append(f"{line} ({names})" if names else line)
    return lines


def _who(action: ActionItem) -> str:
    names = [str(who) for who in (action.person, action.organisation) if who is not None]
    return " / ".join(names) or "–"


def render_markdown(minutes: Minutes, language: str | None = None) -> str:
    """The whole minutes as one Markdown text: what a revision keeps.

    Headings are in `language` (default: the site's language), the text as written."""
    items = list(minutes.items.order_by("position", "pk"))
    actions = list(minutes.action_items.select_related("person", "organisation", "item"))
    with translation.override(language or settings.LANGUAGE_CODE):
        parts = [f"# {minutes.title}"]
        facts = []
        if minutes.held_on:
            facts.append(_("Date: %(date)s") % {"date": date_format(minutes.held_on, "DATE_FORMAT")})
        if minutes.meeting_id:
            facts.append(_("Meeting: %(meeting)s") % {"meeting": minutes.meeting})
        facts.append(_("Status: %(status)s") % {"status": minutes.get_status_display()})
        parts.append("  \n".join(facts))
        if minutes.meeting_id:
            attendance = _attendance_lines(minutes.meeting)
            if attendance:
                heading = _("Attendance")
                parts.append(f"## {heading}\n\n" + "\n".join(attendance))
        if minutes.body.strip():
            parts.append(minutes.body.strip())
        for number, item in enumerate(items, start=1):
            section = [f"## {number}. {item.title}"]
            if item.discussion.strip():
                section.append(item.discussion.strip())
            if item.decisions.strip():
                heading = _("Decisions")
                section.append(f"### {heading}\n\n{item.decisions.strip()}")
            parts.append("\n\n".join(section))
        if actions:
            heading = _("Action items")
            lines = [f"## {heading}", ""]
            for action in actions:
                due = date_format(action.due_on, "DATE_FORMAT") if action.due_on else "–"
                by_when = _("by %(date)s") % {"date": due}
                line = f"- {_who(action)}: {action.what} ({by_when})"
                if action.done_on:
                    line += " – " + _("done on %(date)s") % {
                        "date": date_format(action.done_on, "DATE_FORMAT")
                    }
                lines.append(line)
            parts.append("\n".join(lines))
        if minutes.document:
            parts.append(_("Document: %(name)s") % {"name": PurePath(minutes.document.name).name})
    return "\n\n".join(parts) + "\n"


def save_revision(minutes: Minutes, user: User | None) -> MinutesRevision:
    """Keeps the minutes as they are now, with the next number. Revisions are never changed."""
    with transaction.atomic():
        # Locking the minutes' row numbers revisions one after the other, even when two save at once.
        Minutes.objects.select_for_update().filter(pk=minutes.pk).first()
        last = minutes.revisions.aggregate(last=Max("number"))["last"] or 0
        return MinutesRevision.objects.create(
            minutes=minutes,
            number=last + 1,
            status=minutes.status,
            title=minutes.title,
            text=render_markdown(minutes),
            created_by=user if user is not None and user.is_authenticated else None,
        )


class MinutesLocked(Exception):
    """Approved minutes cannot be changed, sent or approved again."""


def _check_not_locked(minutes: Minutes) -> None:
    if minutes.is_locked:
        raise MinutesLocked(minutes.pk)


# Sending and approving --------------------------------------------------------------------


def present_people(minutes: Minutes) -> list[Person]:
    """Those recorded present at the minutes' meeting who have an e-mail address."""
    if not minutes.meeting_id:
        return []
    records = (
        Attendance.objects.filter(
            meeting_id=minutes.meeting_id,
            status=Attendance.Status.PRESENT,
            person__isnull=False,
            person__anonymised_at__isnull=True,
        )
        .exclude(person__email="")
        .select_related("person")
        .order_by("person__name", "person__pk")
    )
    return [record.person for record in records]


def send_for_corrections(minutes: Minutes, user: User) -> int:
    """Marks the minutes as sent and e-mails everyone recorded present, each in their
    language, with a link to them; corrections go by reply to the coordinator who sent them.

    Returns the number of e-mails queued."""
    _check_not_locked(minutes)
    people = present_people(minutes)
    with transaction.atomic():
        minutes.status = Minutes.Status.SENT
        minutes.sent_at = timezone.now()
        minutes.save(update_fields=["status", "sent_at", "updated_at"])
        for person in people:
            queue(
                "minutes-for-corrections",
                to=person.email,
                context={"person": person, "minutes": minutes, "sender": user},
                language=person.language,
                purpose="minutes-for-corrections",
                reply_to=user.email,
            )
        save_revision(minutes, user)
    return len(people)


def next_plenary_after(minutes: Minutes) -> Meeting | None:
    """Where minutes are usually approved: the next plenary meeting after theirs."""
    if minutes.meeting_id:
        after = minutes.meeting.starts_at
    elif minutes.held_on:
        after = timezone.make_aware(datetime.datetime.combine(minutes.held_on, datetime.time.max))
    else:
        return None
    return (
        Meeting.objects.filter(kind=Meeting.Kind.PLENARY, is_cancelled=False, starts_at__gt=after)
        .order_by("starts_at")
        .first()
    )


def approve(minutes: Minutes, user: User | None, at_meeting: Meeting | None = None) -> Minutes:
    """Approves the minutes; from now on they are locked."""
    _check_not_locked(minutes)
    with transaction.atomic():
        minutes.status = Minutes.Status.APPROVED
        minutes.approved_at = timezone.now()
        minutes.approved_by = user if user is not None and user.is_authenticated else None
        minutes.approved_at_meeting = at_meeting
        minutes.save(
            update_fields=["status", "approved_at", "approved_by", "approved_at_meeting", "updated_at"]
        )
        save_revision(minutes, user)
    return minutes


# PDF files --------------------------------------------------------------------------------


def extract_text(file: IO[bytes] | Any) -> str:
    """The text of a PDF, for the search. A PDF without text (a scan) or a broken
    file gives "", never an error."""
    file = getattr(file, "file", file)  # an upload or a FieldFile: the file object behind it
    try:
        file.seek(0)
        reader = PdfReader(file)
        if reader.is_encrypted:
            reader.decrypt("")
        texts = []
        for page in reader.pages:
            try:
                texts.append(page.extract_text() or "")
            except Exception:  # noqa: BLE001 -- one unreadable page leaves the others
                logger.info("a page of a PDF has no readable text")
        text = "\n".join(texts)
    except Exception:  # noqa: BLE001 -- pypdf raises many kinds of errors on odd files
        logger.info("no text could be read from a PDF")
        text = ""
    finally:
        try:
            file.seek(0)
        except Exception:  # noqa: BLE001, S110 -- a closed file needs no rewinding
            pass
    # PostgreSQL keeps no NUL characters in text; spaces are all the search needs.
    return re.sub(r"[ \t]+", " ", text.replace("\x00", " ")).strip()


# Dates in file names, tried in this order. Day and month of one or two digits; the
# separators between them the same. A number that goes on (more digits) is no match.
_D, _M = r"(?P<day>\d{1,2})", r"(?P<month>\d{1,2})"
_DATE_PATTERNS = [
    re.compile(
        r"(?<!\d)(?P<year>(?:19|20)\d\d)(?P<sep>[-_.])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})(?!\d)"
    ),
    re.compile(rf"(?<!\d){_D}(?P<sep>[-_.])\s?{_M}(?P=sep)\s?(?P<year>(?:19|20)\d\d)(?!\d)"),
    re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)(?P<month>\d\d)(?P<day>\d\d)(?!\d)"),
    re.compile(rf"(?<!\d){_D}(?P<sep>[-_.]){_M}(?P=sep)(?P<year>\d\d)(?!\d)"),
]
_MONTHS = {
    "jan": 1, "januar": 1, "feb": 2, "februar": 2, "mär": 3, "mrz": 3, "märz": 3, "maerz": 3,
    "apr": 4, "april": 4, "mai": 5, "jun": 6, "juni": 6, "jul": 7, "juli": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "okt": 10, "oktober": 10, "nov": 11, "november": 11,
    "dez": 12, "dezember": 12,
}  # fmt: skip
_MONTH_NAME = re.compile(
    r"(?<!\d)(?P<day>\d{1,2})\.?[\s_-]*(?P<month>[a-zäA-ZÄ]+)\.?[\s_-]*(?P<year>(?:19|20)\d\d)(?!\d)"
)


def _two_digit_year(year: int) -> int:
    century = 2000 if 2000 + year <= timezone.localdate().year + 1 else 1900
    return century + year


def parse_date_from_filename(name: str) -> datetime.date | None:
    """The date of the meeting in a file name like "2019-03-14 Protokoll.pdf",
    "Protokoll_14.03.2019.pdf", "20190314_plenum.pdf" or "14.3.19.pdf"; None if
    there is none, or only an impossible one (31.02.)."""
    stem = PurePath(name.replace("\\", "/")).stem
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(stem):
            year = int(match["year"])
            if len(match["year"]) == 2:
                year = _two_digit_year(year)
            try:
                return datetime.date(year, int(match["month"]), int(match["day"]))
            except ValueError:
                continue
    for match in _MONTH_NAME.finditer(stem):
        month = _MONTHS.get(match["month"].lower())
        if month is None:
            continue
        try:
            return datetime.date(int(match["year"]), month, int(match["day"]))
        except ValueError:
            continue
    return None


def title_from_filename(name: str) -> str:
    stem = PurePath(name.replace("\\", "/")).stem
    return " ".join(stem.replace("_", " ").split())[:300] or stem[:300]


# Importing a folder of old minutes ----------------------------------------------------------


@dataclass
class ImportProblem:
    name: str
    reason: str


@dataclass
class ImportReport:
    imported: list[Minutes] = field(default_factory=list)
    skipped: list[ImportProblem] = field(default_factory=list)  # already in the archive
    rejected: list[ImportProblem] = field(default_factory=list)  # not readable: nothing written

    @property
    def complete(self) -> bool:
        """Every file was imported or was there already."""
        return not self.rejected


def _meeting_on(day: datetime.date) -> Meeting | None:
    # Plenary meetings first: the minutes of a day with two meetings are usually the plenary's.
    return (
        Meeting.objects.filter(starts_at__date=day)
        .order_by("kind", "starts_at")  # "plenary" before "working-group"
        .first()
    )


def _validation_reason(error: ValidationError) -> str:
    messages = error.message_dict.get("document") if hasattr(error, "error_dict") else None
    return " ".join(messages or error.messages)


def import_files(
    files: Iterable[tuple[str, IO[bytes] | Any]],
    visibility: str,
    user: User | None,
    dry_run: bool = False,
) -> ImportReport:
    """Old minutes from PDF files, each as approved minutes with the date read from its name.

    A file without a readable date or that is no valid PDF is rejected with the reason
    and changes nothing; one with the same date and title as minutes in the archive is
    skipped. The others are written together, in one transaction. `dry_run` checks
    everything and writes nothing."""
    report = ImportReport()
    seen: set[tuple[datetime.date, str]] = set()
    good: list[Minutes] = []
    now = timezone.now()
    approver = user if user is not None and user.is_authenticated else None
    for name, content in files:
        base = PurePath(name.replace("\\", "/")).name
        held_on = parse_date_from_filename(base)
        if held_on is None:
            report.rejected.append(ImportProblem(base, _("No date could be read from the file name.")))
            continue
        title = title_from_filename(base)
        if (held_on, title) in seen or Minutes.objects.filter(held_on=held_on, title=title).exists():
            report.skipped.append(
                ImportProblem(base, _("Minutes of this date with this title exist already."))
            )
            continue
        minutes = Minutes(
            title=title,
            year=held_on.year,
            held_on=held_on,
            meeting=_meeting_on(held_on),
            visibility=visibility,
            status=Minutes.Status.APPROVED,
            approved_at=now,
            approved_by=approver,
        )
        minutes.document = File(getattr(content, "file", content), name=base)
        try:
            minutes.full_clean()
        except ValidationError as error:
            report.rejected.append(ImportProblem(base, _validation_reason(error)))
            continue
        minutes.document_text = extract_text(minutes.document)
        seen.add((held_on, title))
        good.append(minutes)
    if not dry_run:
        with transaction.atomic():
            for minutes in good:
                minutes.save()
                save_revision(minutes, user)
    report.imported = good
    return report
