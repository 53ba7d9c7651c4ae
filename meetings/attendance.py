"""Attendance (the TN list): who came to a meeting, per person and per organisation.

A person's row names the organisation they came for; when it is not known who
represented an organisation, the organisation has a row of its own (person None).
An organisation counts as present if anyone of it was present, else as excused
if anyone was excused, else as absent.

The lists are personal data: `purge_expired_attendance` deletes them
settings.ATTENDANCE_RETENTION_DAYS days after the meeting (the task worker runs
it daily, see outbox/periodic.py).
"""

import datetime
import logging
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import F, Max, Q, QuerySet
from django.db.models.functions import Lower
from django.utils import timezone

from members import audit
from members.models import Affiliation, Organisation, Person, User

from .models import Attendance, Invitation, Meeting

logger = logging.getLogger(__name__)

Status = Attendance.Status
# The form's value for a row that has no Attendance row (nothing recorded).
NOT_RECORDED = "none"
# What a reply proposes before anything is recorded; "maybe" and no reply propose nothing.
PROPOSAL_FROM_REPLY = {Invitation.Response.YES: Status.PRESENT, Invitation.Response.NO: Status.EXCUSED}
AUDIT_FIELDS = ["meeting", "organisation", "person", "status"]


def combined_status(statuses: Iterable[str]) -> str:
    """An organisation's status from its rows: present if anyone was present,
    else excused if anyone was excused, else absent."""
    statuses = set(statuses)
    if Status.PRESENT in statuses:
        return Status.PRESENT
    if Status.EXCUSED in statuses:
        return Status.EXCUSED
    return Status.ABSENT


# The TN list of one meeting ------------------------------------------------------------


@dataclass
class Row:
    """One line of the TN list: a person, or an organisation as a whole (person None)."""

    organisation: Organisation
    person: Person | None = None
    invitation: Invitation | None = None
    record: Attendance | None = None
    proposed: str = ""  # a status proposed from the reply, "" for none

    @property
    def key(self) -> str:
        """The name of the row's field in the form."""
        if self.person is not None:
            return f"person-{self.person.pk}"
        return f"organisation-{self.organisation.pk}"

    @property
    def reply(self) -> str:
        return self.invitation.response if self.invitation else ""

    @property
    def initial(self) -> str:
        if self.record is not None:
            return self.record.status
        return self.proposed or NOT_RECORDED


@dataclass
class TnList:
    rows: list[Row]
    # Invited people who have no organisation at all: their attendance cannot be recorded.
    without_organisation: list[Person]
    # True when nothing is recorded yet and the choices come from the replies.
    proposed: bool


def _affiliation_rank(affiliation: Affiliation) -> tuple:
    """Current before ended, member organisations before others, the latest ended first."""
    ended = affiliation.ended_on
    return (
        ended is not None,
        not affiliation.organisation.is_current_member,
        -(ended.toordinal() if ended else 0),
        affiliation.organisation.name.lower(),
    )


def organisations_of(person_ids: Iterable[int]) -> dict[int, Organisation]:
    """The organisation each person comes for: their current affiliation at a member
    organisation, else any current one, else the one that ended last. One query."""
    best: dict[int, Affiliation] = {}
    affiliations = Affiliation.objects.filter(person_id__in=list(person_ids)).select_related("organisation")
    for affiliation in affiliations:
        current = best.get(affiliation.person_id)
        if current is None or _affiliation_rank(affiliation) < _affiliation_rank(current):
            best[affiliation.person_id] = affiliation
    return {person_id: affiliation.organisation for person_id, affiliation in best.items()}


def _sort_key(row: Row) -> tuple:
    # Grouped by organisation; within it the people by name, the organisation's own row last.
    return (
        row.organisation.name.lower(),
        row.organisation.pk,
        row.person is None,
        row.person.name.lower() if row.person else "",
    )


def tn_list(meeting: Meeting) -> TnList:
    """Everyone invited or recorded, and every current member organisation that has
    nobody on the list; each with its record and, before anything is recorded, a
    proposal from the reply. A fixed number of queries."""
    invitations = {
        invitation.person_id: invitation for invitation in meeting.invitations.select_related("person")
    }
    records = list(meeting.attendance.select_related("organisation", "person"))
    rows: list[Row] = []
    recorded_people = set()
    for record in records:
        if record.person_id is not None:
            recorded_people.add(record.person_id)
            invitation = invitations.get(record.person_id)
            rows.append(Row(record.organisation, record.person, invitation, record))
    unrecorded = [
        invitation for person_id, invitation in invitations.items() if person_id not in recorded_people
    ]
    organisation_of = organisations_of(invitation.person_id for invitation in unrecorded)
    without_organisation = []
    for invitation in unrecorded:
        organisation = organisation_of.get(invitation.person_id)
        if organisation is None:
            without_organisation.append(invitation.person)
            continue
        proposed = "" if records else PROPOSAL_FROM_REPLY.get(invitation.response, "")
        rows.append(Row(organisation, invitation.person, invitation, proposed=proposed))
    with_people = {row.organisation.pk for row in rows}
    with_own_row = set()
    for record in records:
        if record.person_id is None:
            with_own_row.add(record.organisation_id)
            rows.append(Row(record.organisation, record=record))
    for organisation in Organisation.objects.members():
        if organisation.pk not in with_people | with_own_row:
            rows.append(Row(organisation))
    rows.sort(key=_sort_key)
    without_organisation.sort(key=lambda person: person.name.lower())
    return TnList(
        rows=rows, without_organisation=without_organisation, proposed=not records and bool(invitations)
    )


def _log(actor: User | None, action: str, record: Attendance, before: dict | None = None) -> None:
    after = {} if action == "delete" else audit.snapshot(record, AUDIT_FIELDS)
    audit.record(actor, action, record, organisation=record.organisation, before=before, after=after)


@transaction.atomic
def save_tn_list(meeting: Meeting, rows: list[Row], choices: Mapping[str, str], actor: User | None) -> int:
    """Writes the chosen status of each row (NOT_RECORDED deletes its record), all or
    nothing, each change in the audit log. Returns the number of changes.

    Every row must have a valid choice: the form checks that before."""
    changes = 0
    for row in rows:
        wanted = choices[row.key]
        if wanted != NOT_RECORDED and wanted not in Status.values:
            raise ValueError(f"not a status: {wanted!r}")
        record = row.record
        if record is None:
            if wanted == NOT_RECORDED:
                continue
            record = Attendance.objects.create(
                meeting=meeting, organisation=row.organisation, person=row.person, status=wanted
            )
            _log(actor, "create", record)
        elif wanted == NOT_RECORDED:
            before = audit.snapshot(record, AUDIT_FIELDS)
            _log(actor, "delete", record, before)  # first, while the record still has its id
            record.delete()
        elif record.status != wanted:
            before = audit.snapshot(record, AUDIT_FIELDS)
            record.status = wanted
            record.save(update_fields=["status", "recorded_at"])
            _log(actor, "update", record, before)
        else:
            continue
        changes += 1
    return changes


@transaction.atomic
def add_attendee(meeting: Meeting, affiliation: Affiliation, actor: User | None) -> Attendance:
    """Records a person who came without an invitation as present, for the organisation
    of the given affiliation."""
    record = Attendance.objects.create(
        meeting=meeting,
        organisation=affiliation.organisation,
        person=affiliation.person,
        status=Status.PRESENT,
    )
    _log(actor, "create", record)
    return record


def uninvited_candidates(meeting: Meeting) -> QuerySet[Affiliation]:
    """Contact people who may be added as present: current affiliations at organisations
    that have not left, of people not on the meeting's list yet."""
    listed = Person.objects.filter(Q(invitations__meeting=meeting) | Q(attendance__meeting=meeting))
    return (
        Affiliation.objects.current()
        .filter(organisation__left_on__isnull=True)
        .exclude(person__in=listed)
        .select_related("person", "organisation")
        .order_by(Lower("person__name"), Lower("organisation__name"), "pk")
    )


# Summaries -----------------------------------------------------------------------------


@dataclass
class OrganisationAttendance:
    """How one organisation attended one meeting."""

    organisation: Organisation
    status: str  # an Attendance.Status value, by the rule of combined_status
    present: list[Person] = field(default_factory=list)  # sorted by name
    excused: list[Person] = field(default_factory=list)  # sorted by name

    def get_status_display(self) -> str:
        return Status(self.status).label


@dataclass
class Counts:
    """Organisations by status, and the number of people present."""

    present: int = 0
    excused: int = 0
    absent: int = 0
    people_present: int = 0

    @property
    def organisations(self) -> int:
        return self.present + self.excused + self.absent


def summarise(records: Iterable[Attendance]) -> list[OrganisationAttendance]:
    """The records of one meeting (with organisation and person loaded) per organisation."""
    by_organisation: dict[int, list[Attendance]] = defaultdict(list)
    organisations: dict[int, Organisation] = {}
    for record in records:
        by_organisation[record.organisation_id].append(record)
        organisations[record.organisation_id] = record.organisation
    summary = []
    for organisation_id, rows in by_organisation.items():
        people = sorted((r for r in rows if r.person is not None), key=lambda r: r.person.name.lower())
        summary.append(
            OrganisationAttendance(
                organisation=organisations[organisation_id],
                status=combined_status(r.status for r in rows),
                present=[r.person for r in people if r.status == Status.PRESENT],
                excused=[r.person for r in people if r.status == Status.EXCUSED],
            )
        )
    summary.sort(key=lambda entry: (entry.organisation.name.lower(), entry.organisation.pk))
    return summary


def attendance_summary(meeting: Meeting) -> list[OrganisationAttendance]:
    """Per organisation with a record for the meeting, sorted by name: its status
    (present / excused / absent, see combined_status) and the people present and
    excused. One query. Organisations without any record are not in the list.

    For the minutes' page. The people are members-only data: show them only to
    members (and names of people without public_consent never to the public)."""
    return summarise(meeting.attendance.select_related("organisation", "person"))


def count(summary: Iterable[OrganisationAttendance]) -> Counts:
    counts = Counts()
    for entry in summary:
        setattr(counts, entry.status, getattr(counts, entry.status) + 1)
        counts.people_present += len(entry.present)
    return counts


# The overview over all meetings ---------------------------------------------------------


def not_attending(now: datetime.datetime | None = None) -> QuerySet[Organisation]:
    """Current member organisations with no 'present' record (of themselves or of one of
    their people) at any meeting of the last 12 months, the longest absent first (those
    never recorded before all), each with `last_present` (the start of the last meeting
    they attended, or None). One query."""
    now = now or timezone.now()
    since = now - datetime.timedelta(days=365)
    return (
        Organisation.objects.members()
        .annotate(
            last_present=Max("attendance__meeting__starts_at", filter=Q(attendance__status=Status.PRESENT))
        )
        .filter(Q(last_present__isnull=True) | Q(last_present__lt=since))
        .order_by(F("last_present").asc(nulls_first=True), Lower("name"))
    )


@dataclass
class MeetingCounts:
    meeting: Meeting
    counts: Counts


def recent_meetings(limit: int = 10, now: datetime.datetime | None = None) -> list[MeetingCounts]:
    """The last meetings that took place, newest first, with their counts. Two queries."""
    now = now or timezone.now()
    meetings = list(
        Meeting.objects.filter(starts_at__lte=now, is_cancelled=False)
        .select_related("place")
        .order_by("-starts_at")[:limit]
    )
    records: dict[int, list[Attendance]] = defaultdict(list)
    for record in Attendance.objects.filter(meeting__in=meetings).select_related("organisation", "person"):
        records[record.meeting_id].append(record)
    return [MeetingCounts(meeting, count(summarise(records[meeting.pk]))) for meeting in meetings]


# The sign-in sheet ------------------------------------------------------------------------


@dataclass
class SheetLine:
    organisation: Organisation | None
    person: Person


def sign_in_lines(meeting: Meeting) -> list[SheetLine]:
    """The invited people with their organisation, sorted by organisation, then name;
    people without an organisation last. Two queries."""
    people = [invitation.person for invitation in meeting.invitations.select_related("person")]
    organisation_of = organisations_of(person.pk for person in people)
    lines = [SheetLine(organisation_of.get(person.pk), person) for person in people]
    lines.sort(
        key=lambda line: (
            line.organisation is None,
            line.organisation.name.lower() if line.organisation else "",
            line.person.name.lower(),
        )
    )
    return lines


# Retention ------------------------------------------------------------------------------


def purge_expired_attendance(now: datetime.datetime | None = None) -> int:
    """Deletes the attendance of meetings that ended more than
    settings.ATTENDANCE_RETENTION_DAYS days ago; returns how many rows it deleted."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.ATTENDANCE_RETENTION_DAYS)
    deleted, _ = Attendance.objects.filter(meeting__ends_at__lt=cutoff).delete()
    if deleted:
        logger.info("deleted %d attendance rows of meetings that ended before %s", deleted, cutoff.date())
    return deleted
