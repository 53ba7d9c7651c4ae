"""Jobs the task worker runs again and again, e.g. meeting reminders.

django-tasks has no schedule of its own, so each job, once run, queues its
next run. `manage.py run_worker` queues any job that has no next run yet."""

import datetime
import logging

from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

# Dotted path of a function without arguments -> how often it runs.
JOBS: dict[str, datetime.timedelta] = {
    "outbox.tasks.mark_interrupted": datetime.timedelta(hours=1),
    "meetings.reminders.send_due_reminders": datetime.timedelta(hours=1),
    "meetings.attendance.purge_expired_attendance": datetime.timedelta(days=1),
    "offers.confirmation.send_confirmation_requests": datetime.timedelta(days=1),
    "federation.tasks.import_active_neighbours": datetime.timedelta(hours=6),
}


@task()
def run_job(path: str) -> None:
    # The next run is queued first, so that a job that fails still runs again.
    run_job.using(run_after=timezone.now() + JOBS[path]).enqueue(path)
    import_string(path)()


def schedule_jobs() -> list[str]:
    """Queues every job that has no run waiting; returns the paths it queued."""
    waiting = DBTaskResult.objects.filter(
        task_path=run_job.module_path, status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]
    ).values_list("args_kwargs", flat=True)
    waiting_paths = {args_kwargs["args"][0] for args_kwargs in waiting if args_kwargs.get("args")}
    queued = [path for path in JOBS if path not in waiting_paths]
    for path in queued:
        run_job.enqueue(path)
    return queued
