"""Checked reading of JSON answers: each value of the type the API documents, or a FetchError
that says where and what (e.g. "offer 12: “phone” is longer than 50 characters")."""

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from .client import FetchError

_url = URLValidator(schemes=["http", "https"])
_email = EmailValidator()


class Reader:
    """One JSON object, read key by key."""

    def __init__(self, data: Any, where: str) -> None:
        if not isinstance(data, dict):
            raise FetchError(_("%(where)s: not a JSON object.") % {"where": where})
        self.data, self.where = data, where

    def _fail(self, key: str, kind: str) -> FetchError:
        return FetchError(
            _("%(where)s: “%(key)s” is missing or not %(kind)s.")
            % {"where": self.where, "key": key, "kind": kind}
        )

    def _get(self, key: str, types: type | tuple[type, ...], kind: str, null: bool) -> Any:
        value = self.data.get(key)
        if value is None and null:
            return None
        # bool is an int in Python, but not in JSON.
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in _tuple(types)):
            raise self._fail(key, kind)
        return value

    def text(self, key: str, max_length: int | None = None, null: bool = False) -> str:
        value = self._get(key, str, _("text"), null) or ""
        value = value.replace("\x00", "")
        if max_length is not None and len(value) > max_length:
            raise FetchError(
                _("%(where)s: “%(key)s” is longer than %(max)s characters.")
                % {"where": self.where, "key": key, "max": max_length}
            )
        return value

    def url(self, key: str, null: bool = False) -> str:
        value = self.text(key, max_length=200, null=null)
        if value:
            try:
                _url(value)
            except ValidationError:
                raise self._fail(key, _("a web address")) from None
        return value

    def email(self, key: str) -> str:
        value = self.text(key, max_length=254)
        if value:
            try:
                _email(value)
            except ValidationError:
                raise self._fail(key, _("an e-mail address")) from None
        return value

    def boolean(self, key: str, null: bool = False) -> bool | None:
        return self._get(key, bool, _("true or false"), null)

    def integer(self, key: str, low: int = 0, high: int = 32767) -> int | None:
        value = self._get(key, int, _("a whole number"), True)
        if value is not None and not low <= value <= high:
            raise self._fail(key, _("a whole number"))
        return value

    def coordinate(self, key: str, limit: int) -> Decimal | None:
        value = self._get(key, (int, float), _("a number"), True)
        if value is None:
            return None
        try:
            number = Decimal(str(value)).quantize(Decimal("0.000001"))
        except InvalidOperation:
            raise self._fail(key, _("a number")) from None
        if abs(number) > limit:
            raise self._fail(key, _("a number"))
        return number

    def date(self, key: str) -> datetime.date | None:
        value = self._get(key, str, _("a date"), True)
        if value is None:
            return None
        try:
            parsed = parse_date(value)
        except ValueError:
            parsed = None
        if parsed is None:
            raise self._fail(key, _("a date"))
        return parsed

    def moment(self, key: str) -> datetime.datetime:
        value = self._get(key, str, _("a time"), False)
        try:
            parsed = parse_datetime(value)
        except ValueError:
            parsed = None
        if parsed is None or parsed.tzinfo is None:
            raise self._fail(key, _("a time"))
        return parsed.astimezone(datetime.UTC)

    def items(self, key: str) -> list:
        return self._get(key, list, _("a list"), False)

    def objects(self, key: str) -> list["Reader"]:
        return [
            Reader(item, f"{self.where}, {key} {number}") for number, item in enumerate(self.items(key), 1)
        ]

    def object(self, key: str, null: bool = False) -> "Reader | None":
        value = self._get(key, dict, _("an object"), null)
        return None if value is None else Reader(value, f"{self.where}, {key}")


def _tuple(types: type | tuple[type, ...]) -> tuple[type, ...]:
    return types if isinstance(types, tuple) else (types,)
