"""Planning meetings: saving them so that calendars follow, planning a year, cancelling, the agenda.

A calendar program recognises a meeting by its UID and replaces its entry only
when SEQUENCE grows, so every change to what a calendar shows raises
`Meeting.sequence` and, once the change is committed, tells the invited people
(meetings.invitations.notify_change). Changes are written to the audit log.
"""

import calendar
import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import F, Max

from members import audit
from members.models import User

from .models import AgendaItem, Meeting, Place

# What a calendar entry shows (see meetings/calendar.py): a change to any of these is a new SEQUENCE.
# Every language of the site: the forms write the portal's, but the calendar feed of any
# language shows a translation the admin holds.
CALENDAR_FIELDS = [
    "kind",
    *(f"{field}_{code}" for field in ("topic", "description") for code, _ in settings.LANGUAGES),
    "starts_at",
    "ends_at",
    "place_id",
    "online_url",
    "is_cancelled",
]
# What the audit log keeps of a meeting (the UID and the time stamps are not worth a line).
MEETING_LOG_FIELDS = [*CALENDAR_FIELDS, "sequence"]
PLACE_FIELDS = ["name", "room", "address"]

LAST = -1


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def at(day: datetime.date, time: datetime.time) -> datetime.datetime:
    """The moment `time` on `day` in the portal's time zone (Europe/Berlin)."""
    return datetime.datetime.combine(day, time, tzinfo=local_zone())


# Dates ------------------------------------------------------------------------------------------


def nth_weekday(year: int, month: int, ordinal: int, weekday: int) -> datetime.date | None:
    """The `ordinal`-th `weekday` (0 = Monday) of the month; `LAST` (-1) for the last one.

    None when the month has no such day (a fifth Wednesday, say)."""
    days = [
        datetime.date(year, month, day)
        for day in range(1, calendar.monthrange(year, month)[1] + 1)
        if datetime.date(year, month, day).weekday() == weekday
    ]
    if ordinal == LAST:
        return days[-1]
    if 1 <= ordinal <= len(days):
        return days[ordinal - 1]
    return None


def nth_weekday_dates(year: int, ordinal: int, weekday: int, months: Iterable[int]) -> list[datetime.date]:
    """The `ordinal`-th `weekday` of each of the months, in order; months without one are left out."""
    days = (nth_weekday(year, month, ordinal, weekday) for month in sorted(set(months)))
    return [day for day in days if day is not None]


# Meetings ---------------------------------------------------------------------------------------


def calendar_values(meeting: Meeting) -> dict[str, object]:
    """What a calendar shows of the meeting; an empty translation is "" whether stored as NULL or not."""
    values: dict[str, object] = {name: getattr(meeting, name) for name in CALENDAR_FIELDS}
    for name, value in values.items():
        if value is None and name.startswith(("topic_", "description_")):
            values[name] = ""
    return values


def _log_values(meeting: Meeting) -> dict[str, object]:
    values = audit.snapshot(meeting, MEETING_LOG_FIELDS)
    for name in values:
        if values[name] is None and name.startswith(("topic_", "description_")):
            values[name] = ""
    return values


def _notify_after_commit(meeting: Meeting) -> None:
    """Tells everyone invited about the change (or the cancellation) once it is committed."""

    def notify() -> None:
        from .invitations import notify_change

        notify_change(meeting)

    transaction.on_commit(notify)


def place_for(name: str, room: str = "", address: str = "", actor: User | None = None) -> Place:
    """The place with this building and room; made if it is new (its address is then the given one)."""
    place, created = Place.objects.get_or_create(name=name, room=room, defaults={"address": address})
    if created:
        audit.record(actor, "create", place, after=audit.snapshot(place, PLACE_FIELDS))
    return place


@transaction.atomic
def save_meeting(meeting: Meeting, actor: User | None, new_place: dict[str, str] | None = None) -> bool:
    """Saves a new or changed meeting. A change that calendars show raises its SEQUENCE and
    tells the invited people after the commit. Returns whether they are told."""
    if new_place:
        meeting.place = place_for(**new_place, actor=actor)
    if meeting.pk is None:
        meeting.save()
        audit.record(actor, "create", meeting, after=_log_values(meeting))
        return False
    stored = Meeting.objects.get(pk=meeting.pk)
    changed = calendar_values(stored) != calendar_values(meeting)
    meeting.sequence = stored.sequence + 1 if changed else stored.sequence
    meeting.save()
    audit.record(actor, "update", meeting, before=_log_values(stored), after=_log_values(meeting))
    told = changed and meeting.invitations.exists()
    if told:
        _notify_after_commit(meeting)
    return told


@transaction.atomic
def cancel_meeting(meeting: Meeting, actor: User | None) -> bool:
    """Cancels the meeting; the invited people get a cancellation. False if it was cancelled already."""
    if Meeting.objects.filter(pk=meeting.pk, is_cancelled=True).exists():
        return False
    meeting.is_cancelled = True
    save_meeting(meeting, actor)
    return True


@transaction.atomic
def save_place(place: Place, actor: User | None) -> int:
    """Saves a place. When its name, room or address changed, the calendar entries of the
    upcoming meetings there change too: they get a new SEQUENCE and their invited people are told.
    Returns how many meetings were affected."""
    if place.pk is None:
        place.save()
        audit.record(actor, "create", place, after=audit.snapshot(place, PLACE_FIELDS))
        return 0
    stored = Place.objects.get(pk=place.pk)
    place.save()
    before, after = audit.snapshot(stored, PLACE_FIELDS), audit.snapshot(place, PLACE_FIELDS)
    audit.record(actor, "update", place, before=before, after=after)
    if before == after:
        return 0
    meetings = list(Meeting.objects.upcoming().filter(place=place, is_cancelled=False))
    Meeting.objects.filter(pk__in=[m.pk for m in meetings]).update(sequence=F("sequence") + 1)
    invited = set(
        Meeting.objects.filter(pk__in=[m.pk for m in meetings], invitations__isnull=False).values_list(
            "pk", flat=True
        )
    )
    for meeting in meetings:
        meeting.sequence += 1
        meeting.place = place
        if meeting.pk in invited:
            _notify_after_commit(meeting)
    return len(meetings)


@dataclass(frozen=True)
class YearPlan:
    created: list[Meeting]
    skipped: list[datetime.date]  # days that already had a meeting of that kind


@transaction.atomic
def plan_year(
    actor: User | None,
    *,
    year: int,
    ordinal: int,
    weekday: int,
    months: Iterable[int],
    start: datetime.time,
    end: datetime.time,
    place: Place | None = None,
    topic: str = "",
    kind: str = Meeting.Kind.PLENARY,
) -> YearPlan:
    """Creates a meeting on the `ordinal`-th `weekday` of each month, all or none;
    days that already have a meeting of this kind are skipped."""
    days = nth_weekday_dates(year, ordinal, weekday, months)
    if not days:
        return YearPlan([], [])
    zone = local_zone()
    taken = {
        starts_at.astimezone(zone).date()
        for starts_at in Meeting.objects.filter(
            kind=kind,
            starts_at__gte=at(days[0], datetime.time.min),
            starts_at__lte=at(days[-1], datetime.time.max),
        ).values_list("starts_at", flat=True)
    }
    created, skipped = [], []
    for day in days:
        if day in taken:
            skipped.append(day)
            continue
        meeting = Meeting(kind=kind, starts_at=at(day, start), ends_at=at(day, end), place=place)
        meeting.topic_de = topic
        save_meeting(meeting, actor)
        created.append(meeting)
    return YearPlan(created, skipped)


# The agenda -------------------------------------------------------------------------------------


def next_agenda_position(meeting: Meeting) -> int:
    """The position of an item added at the end of the agenda."""
    return (meeting.agenda_items.aggregate(last=Max("position"))["last"] or 0) + 1


def append_to_agenda(item: AgendaItem) -> AgendaItem:
    """Saves a new agenda item at the end of its meeting's agenda (for proposals put on an agenda, too)."""
    with transaction.atomic():
        item.position = next_agenda_position(item.meeting)
        item.save()
    return item


def renumber_agenda(meeting: Meeting) -> list[AgendaItem]:
    """Positions 1..n in the agenda's order, so that moving and deleting keep no gaps."""
    items = list(meeting.agenda_items.order_by("position", "pk"))
    changed = []
    for number, item in enumerate(items, start=1):
        if item.position != number:
            item.position = number
            changed.append(item)
    AgendaItem.objects.bulk_update(changed, ["position"])
    return items


@transaction.atomic
def move_agenda_item(item: AgendaItem, step: int, actor: User | None = None) -> bool:
    """Swaps the item with its neighbour above (step -1) or below (+1). False at either end."""
    items = renumber_agenda(item.meeting)
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    neighbour = index + step
    if step not in (-1, 1) or not 0 <= neighbour < len(items):
        return False
    first, second = items[index], items[neighbour]
    first.position, second.position = second.position, first.position
    AgendaItem.objects.bulk_update([first, second], ["position"])
    audit.record(
        actor, "move", first, before={"position": second.position}, after={"position": first.position}
    )
    item.position = first.position
    return True


@transaction.atomic
def delete_agenda_item(item: AgendaItem, actor: User | None) -> None:
    meeting = item.meeting
    audit.record(actor, "delete", item, before=audit.snapshot(item, ["meeting", "title", "position"]))
    for attachment in item.attachments.all():
        # The files go once the rows are gone for good.
        transaction.on_commit(lambda file=attachment.file: file.delete(save=False))
    item.delete()
    renumber_agenda(meeting)


def planned_minutes(items: Iterable[AgendaItem]) -> int:
    return sum(item.duration_minutes or 0 for item in items)
