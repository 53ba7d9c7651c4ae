from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.functional import SimpleLazyObject

from .models import Network, Page


def _language_links(request: HttpRequest) -> list[dict[str, str | bool]]:
    """The current page in every language, for the language switch and hreflang links."""
    query = request.META.get("QUERY_STRING", "")
    current = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    links = []
    for code, name in settings.LANGUAGES:
        url = translate_url(request.path, code)
        links.append(
            {
                "code": code,
                "name": name,
                "url": f"{url}?{query}" if query else url,
                "current": code == current,
            }
        )
    return links


def network(request: HttpRequest) -> dict[str, object]:
    # Lazy, so that pages that don't show them (feeds, files) cost no query.
    return {
        "network": SimpleLazyObject(lambda: Network.objects.first()),
        "footer_pages": SimpleLazyObject(lambda: list(Page.objects.filter(in_footer=True))),
        "language_links": SimpleLazyObject(lambda: _language_links(request)),
    }
