"""Imports run by the task worker (`manage.py run_worker`): every active neighbour every
six hours (outbox/periodic.py), and one neighbour when a coordinator asks for it."""

import logging

from django_tasks import task

from .importer import ImportFailed, import_neighbour
from .models import Neighbour

logger = logging.getLogger(__name__)


def import_active_neighbours() -> dict[str, str]:
    """Imports every neighbour marked for regular imports; one that fails does not stop the others.
    Returns what happened, by neighbour."""
    outcome = {}
    for neighbour in Neighbour.objects.filter(is_active=True):
        outcome[neighbour.slug] = _import(neighbour)
    return outcome


@task()
def import_neighbour_now(neighbour_id: int) -> str:
    neighbour = Neighbour.objects.filter(pk=neighbour_id).first()
    if neighbour is None:  # deleted while the task waited
        return "gone"
    return _import(neighbour)


def _import(neighbour: Neighbour) -> str:
    try:
        result = import_neighbour(neighbour)
    except ImportFailed as error:
        logger.warning("import of neighbouring network %s failed: %s", neighbour.slug, error)
        return f"failed: {error}"
    logger.info("imported neighbouring network %s: %s", neighbour.slug, result)
    return str(result)
