"""Which languages a page is written in, and what it shows in the others.

Every page is written in settings.PORTAL_LANGUAGES; the offers directory
(settings.EVERY_LANGUAGE_VIEWS) in every language of settings.LANGUAGES. A page
asked for in a language it is not written in keeps its frame (header, navigation,
footer, language switch) in that language, says so at the top (templates/base.html),
and shows its content in English:

- its interface texts: Django falls back from any language to LANGUAGE_CODE, so
  Farsi would show the German of every text not translated into Farsi. For the
  languages outside PORTAL_LANGUAGES the middleware makes English the fallback.
- its translated fields: `{% translated %}` asks `content_language()`, which is
  English on such a page (then German, as everywhere).

The address stays in the visitor's language, so that every link leads on in it.
"""

from collections.abc import Callable
from contextvars import ContextVar

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import trans_real

# The language a page falls back to where it is not written in the visitor's.
FALLBACK_LANGUAGE = "en"

# (language of the page, language of its content) while a page not written in its language renders.
_page_content: ContextVar[tuple[str, str] | None] = ContextVar("page_content", default=None)


def every_language() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def written_in(request: HttpRequest) -> list[str]:
    """The languages this page is written in: for hreflang, and whether it needs the note."""
    match = request.resolver_match
    # Error pages (404, 403) are translated with the frame; no view: an address that is no page.
    if getattr(request, "is_error_page", False) or match is None:
        return every_language()
    if match.view_name in settings.EVERY_LANGUAGE_VIEWS:
        return every_language()
    return list(settings.PORTAL_LANGUAGES)


def content_language() -> str:
    """The language the content of what is being rendered is in: the active language, or
    FALLBACK_LANGUAGE on a page not written in it. A `translation.override()` to another
    language (an e-mail sent while a page is answered) is respected."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    page = _page_content.get()
    if page is not None and page[0] == language:
        return page[1]
    return language


def fall_back_to_english(language: str) -> None:
    """Makes FALLBACK_LANGUAGE, not LANGUAGE_CODE, the fallback of the catalog of `language`:
    a text not translated into it is shown as written in the code, in English."""
    catalog = trans_real.translation(language)
    if getattr(catalog, "falls_back_to", None) != FALLBACK_LANGUAGE:
        # Django's catalogs are cached per language and built once, with LANGUAGE_CODE's
        # catalog as their fallback; this replaces that fallback, once per catalog.
        catalog._fallback = trans_real.translation(FALLBACK_LANGUAGE)
        catalog.falls_back_to = FALLBACK_LANGUAGE


class PageLanguageMiddleware:
    """After LocaleMiddleware: the English fallback for the languages outside PORTAL_LANGUAGES,
    and the content language of a page that is not written in the visitor's language."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = translation.get_language()
        if language and language not in settings.PORTAL_LANGUAGES:
            fall_back_to_english(language)
        _page_content.set(None)
        try:
            return self.get_response(request)
        finally:
            _page_content.set(None)

    def process_view(
        self, request: HttpRequest, view_func: Callable, view_args: tuple, view_kwargs: dict
    ) -> None:
        language = translation.get_language()
        if language and language not in written_in(request):
            _page_content.set((language, FALLBACK_LANGUAGE))

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        # The error page that Django renders next is translated like the frame.
        if isinstance(exception, Http404 | PermissionDenied):
            request.is_error_page = True  # type: ignore[attr-defined]
            _page_content.set(None)
