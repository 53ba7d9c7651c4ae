from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from .languages import FALLBACK_LANGUAGE, written_in
from .models import Network, Page
from .templatetags.portal import translated_in

# Pages that choose the language of their content themselves and say so (network/views.py).
OWN_LANGUAGE_NOTE = {"network:easy-read"}


def _in_language(request: HttpRequest, code: str) -> str:
    """The address of the current page in another language, with its query string."""
    query = request.META.get("QUERY_STRING", "")
    url = translate_url(request.path, code)
    return f"{url}?{query}" if query else url


def _language_links(request: HttpRequest) -> list[dict[str, str | bool]]:
    """The current page in every language: all of them for the language switch, and those it
    is written in (`written`) for the hreflang links."""
    current = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    written = written_in(request)
    return [
        {
            "code": code,
            "name": name,
            "url": _in_language(request, code),
            "current": code == current,
            "written": code in written,
        }
        for code, name in settings.LANGUAGES
    ]


def _language_note(request: HttpRequest) -> dict[str, str] | None:
    """On a page not written in the visitor's language: what the note at its top needs."""
    current = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    match = request.resolver_match
    if current in written_in(request) or (match and match.view_name in OWN_LANGUAGE_NOTE):
        return None
    return {
        "content_language": FALLBACK_LANGUAGE,
        "original_language": settings.LANGUAGE_CODE,
        "original_url": _in_language(request, settings.LANGUAGE_CODE),
    }


def _footer_pages() -> list[Page]:
    """The pages the footer links to, each with its `footer_title` as that page will show it:
    in a language the pages are not written in, English, whatever the page with the footer is."""
    language = get_language() or settings.LANGUAGE_CODE
    shown_in = language if language in settings.PORTAL_LANGUAGES else FALLBACK_LANGUAGE
    pages = list(Page.objects.filter(in_footer=True))
    for page in pages:
        page.footer_title = translated_in(page, "title", shown_in)  # type: ignore[attr-defined]
    return pages


def network(request: HttpRequest) -> dict[str, object]:
    # Lazy, so that pages that don't show them (feeds, files) cost no query.
    return {
        "network": SimpleLazyObject(lambda: Network.objects.first()),
        "footer_pages": SimpleLazyObject(_footer_pages),
        "language_links": SimpleLazyObject(lambda: _language_links(request)),
        "language_note": SimpleLazyObject(lambda: _language_note(request)),
    }
