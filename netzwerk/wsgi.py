import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netzwerk.settings")
application = get_wsgi_application()


def settle() -> None:
    """Loads the URLs (and with them every view module), then moves everything loaded so far
    out of the garbage collector's sight: it lives as long as the process. Otherwise each full
    collection walks those hundred thousand objects again, every few requests; it made one
    answer in ten of the open data API 100 ms slower (docs/benchmarks.md)."""
    get_resolver().url_patterns  # noqa: B018 - loaded for its side effect
    gc.collect()
    gc.freeze()


settle()
