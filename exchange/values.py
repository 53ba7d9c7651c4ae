"""A cell's text as a form takes it, and whether a checked value differs from the stored one."""

import datetime
import re

from django.db import models
from django.utils.translation import gettext as _

from .columns import LIST_SEPARATOR, Column

TRUE = {"true", "yes", "ja", "1", "x", "wahr", "y", "j"}
FALSE = {"false", "no", "nein", "0", "falsch", "n", ""}
GERMAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
GERMAN_DECIMAL = re.compile(r"^-?\d+,\d+$")


class CellError(ValueError):
    """A cell that cannot be read as its column's type; the message names the value."""


def form_value(column: Column, text: str) -> str | list[str]:
    """What the form is given for a cell; a form field's own check does the rest."""
    if column.type in ("bool", "nullbool"):
        word = text.strip().lower()
        if column.type == "nullbool" and not word:
            return "unknown"
        if word in TRUE:
            return "true"
        if word in FALSE:
            return "false"
        raise CellError(_("“%(value)s” is neither true nor false.") % {"value": text})
    if column.type == "list":
        return [part.strip() for part in text.split(LIST_SEPARATOR) if part.strip()]
    if column.type == "date":
        german = GERMAN_DATE.match(text.strip())
        if german:
            day, month, year = german.groups()
            return f"{year}-{int(month):02d}-{int(day):02d}"
        # A workbook's date with a time of day: the day counts.
        return re.sub(r"^(\d{4}-\d{2}-\d{2})[ T]00:00(:00)?$", r"\1", text.strip())
    if column.type == "decimal" and GERMAN_DECIMAL.match(text.strip()):
        return text.strip().replace(",", ".")
    return text


def key_of(value: object) -> object:
    """A comparable form of a stored or a checked value: objects by their short name, lists as
    sets, texts without the whitespace at their ends and with one kind of line break."""
    if isinstance(value, models.Model):
        return getattr(value, "slug", None) or getattr(value, "code", None) or value.pk
    if isinstance(value, list | tuple | set):
        return frozenset(key_of(item) for item in value)
    if value is None or isinstance(value, str):
        return (value or "").replace("\r\n", "\n").strip()
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    return value


def differs(stored: object, checked: object) -> bool:
    return key_of(stored) != key_of(checked)
