"""Starting an edition and printing it again: what the editions page's buttons do."""

from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone

from members import audit
from members.models import User

from .models import Build, Edition
from .tasks import build_handbook

# Two coordinators starting an edition at the same moment would both pick the same number;
# the unique number makes one of them fail, and it takes the next.
NUMBERING_ATTEMPTS = 3


class EditionBusy(Exception):
    """An edition is still being printed: the next one waits, so that a second click
    (or a second coordinator) does not start two editions at once."""

    def __init__(self, edition: Edition) -> None:
        super().__init__(f"edition {edition.number} is still being printed")
        self.edition = edition


def running_edition() -> Edition | None:
    for build in Build.objects.filter(status__in=[Build.Status.QUEUED, Build.Status.BUILDING]).select_related(
        "edition"
    ):
        if build.is_running:
            return build.edition
    return None


def start_edition(languages: Iterable[str], paper: str, actor: User) -> Edition:
    """The next edition, numbered after the last one, with a PDF queued per language."""
    languages = list(languages)
    for attempt in range(NUMBERING_ATTEMPTS):
        try:
            with transaction.atomic():
                if busy := running_edition():
                    raise EditionBusy(busy)
                edition = Edition.objects.create(
                    number=Edition.objects.next_number(), published_on=timezone.localdate()
                )
                for language in languages:
                    _queue(Build(edition=edition, language=language, paper=paper))
                audit.record(
                    actor,
                    "create",
                    edition,
                    after={"number": edition.number, "languages": languages, "paper": paper},
                )
                return edition
        except IntegrityError:
            if attempt == NUMBERING_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def retry(build: Build, actor: User) -> bool:
    """Prints a failed (or interrupted) PDF again, from today's data; False if it may not be."""
    if not build.may_retry:
        return False
    with transaction.atomic():
        before = {"status": build.status, "error": build.error}
        build.status = Build.Status.QUEUED
        build.error = ""
        _queue(build)
        audit.record(actor, "retry", build, before=before, after={"status": build.status, "error": ""})
    return True


def _queue(build: Build) -> None:
    # The task row is written in the same transaction as the build: both or neither.
    build.queued_at = timezone.now()
    build.started_at = build.finished_at = None
    build.save()
    build_handbook.enqueue(build.pk)
