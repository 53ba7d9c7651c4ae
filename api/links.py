"""Absolute addresses in the API's answers: of its own resources and of the portal's pages,
in the language of the answer, on the host and scheme the request came in on."""

from django.http import HttpRequest
from django.urls import reverse

# A value that no address has otherwise; digits, so that int and slug converters take it.
MARK = 918273645


class Addresses:
    """The addresses of one URL pattern with one argument: reverse() once, the key put in
    where reverse() put MARK (a page lists fifty objects with several addresses each, and
    reverse() is slow enough to notice)."""

    def __init__(self, request: HttpRequest, name: str) -> None:
        before, _, self.after = reverse(name, args=[MARK]).partition(str(MARK))
        self.before = request.build_absolute_uri(before)

    def __call__(self, key: object) -> str:
        return f"{self.before}{key}{self.after}"


def absolute(request: HttpRequest, name: str, *args: object) -> str:
    return request.build_absolute_uri(reverse(name, args=args))
