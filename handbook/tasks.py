"""Printing a handbook PDF, run by the task worker (`manage.py run_worker`)."""

import logging

from django.core.files.base import ContentFile
from django.utils import timezone
from django_tasks import task

from . import pdf
from .models import Build

logger = logging.getLogger(__name__)


@task()
def build_handbook(build_id: int) -> str:
    # Claiming the row with a conditional UPDATE makes a second run of the same task
    # (or a second worker) a no-op: a PDF is printed once per request.
    claimed = Build.objects.filter(pk=build_id, status=Build.Status.QUEUED).update(
        status=Build.Status.BUILDING, started_at=timezone.now(), finished_at=None, error=""
    )
    if not claimed:
        return "skipped"
    build = Build.objects.select_related("edition").get(pk=build_id)
    try:
        printed = pdf.build(build.edition.number, build.edition.published_on, build.language, build.paper)
        # The file's name says which edition it is; storage adds a suffix if the name is taken.
        old = build.file.name
        build.file.save(build.filename(), ContentFile(printed.pdf), save=False)
    except Exception as error:
        # Whatever went wrong, the coordinators see it on the editions page and may try again.
        reason = f"{type(error).__name__}: {error}"[:2000]
        Build.objects.filter(pk=build_id).update(
            status=Build.Status.FAILED, error=reason, finished_at=timezone.now()
        )
        logger.exception("handbook %s (%s) could not be printed", build.edition.number, build.variant)
        return "failed"
    Build.objects.filter(pk=build_id).update(
        status=Build.Status.DONE,
        file=build.file.name,
        size=len(printed.pdf),
        pages=printed.pages,
        finished_at=timezone.now(),
    )
    if old and old != build.file.name:
        build.file.storage.delete(old)
    return "done"
