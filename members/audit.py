"""The audit log: every change in the members' area, with who, when, before and after."""

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.db import models
from django.db.models.fields.files import FieldFile

from .models import AuditEntry, Organisation, User

# Never written to the log, whatever model they are on.
SECRET_FIELDS = {"password", "otp_secret", "key"}


def _plain(value: object) -> object:
    """A JSON-safe form of a field value."""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, datetime.date | datetime.datetime | datetime.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or ""
    return value


def snapshot(obj: models.Model, fields: Iterable[str] | None = None) -> dict[str, object]:
    """The loggable values of an object, field by field."""
    # A modification time (auto_now) changes with every save: it says nothing of what changed.
    names = fields or [f.name for f in obj._meta.concrete_fields if not getattr(f, "auto_now", False)]
    values = {}
    for name in names:
        if name in SECRET_FIELDS or name in ("id",):
            continue
        values[name] = _plain(getattr(obj, name))
    return values


def diff(before: dict[str, object], after: dict[str, object]) -> dict[str, list[object]]:
    return {
        name: [before.get(name), after.get(name)]
        for name in sorted(set(before) | set(after))
        if before.get(name) != after.get(name)
    }


def record(
    actor: User | None,
    action: str,
    obj: models.Model,
    *,
    organisation: Organisation | None = None,
    before: dict[str, object] | None = None,
    after: dict[str, object] | None = None,
) -> AuditEntry | None:
    """Writes one entry; an update that changed nothing writes none."""
    changes = diff(before or {}, after or {})
    if action == "update" and not changes:
        return None
    return AuditEntry.objects.create(
        actor=actor if actor and actor.is_authenticated else None,
        actor_name=(actor.email if actor and actor.is_authenticated else ""),
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk or ""),
        object_repr=str(obj)[:300],
        organisation=organisation,
        changes=changes,
    )
