import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netzwerk.settings")
application = get_wsgi_application()


# Collect the youngest objects after 50,000 new ones, not Python's 700. A page or an answer of
# the API makes tens of thousands of objects that live until its end; collected every 700,
# they were moved to the oldest generation by the thousand, and every few requests that set
# off a full collection, 6–10 ms (docs/benchmarks.md). Most objects are freed at once by
# their reference count anyway: the collector only looks for cycles.
GC_THRESHOLDS = (50_000, 20, 100)


def settle() -> None:
    """Loads the URLs (and with them every view module), then moves everything loaded so far
    out of the garbage collector's sight: it lives as long as the process. Otherwise each full
    collection walks those hundred thousand objects again, every few requests; it made one
    answer in ten of the open data API 100 ms slower (docs/benchmarks.md)."""
    get_resolver().url_patterns  # noqa: B018 - loaded for its side effect
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


settle()
