"""The directory's search benchmark: server time of the search page with synthetic offers.

    .venv/bin/python bench/offers/run.py            # both databases, 1,000 to 100,000 offers
    .venv/bin/python bench/offers/run.py --databases sqlite --sizes 1000,10000

For each database and size: a fresh database (SQLite: a file in a temporary
folder; PostgreSQL: `netzwerkportal_bench` on PG_SERVER_URL, created and
dropped here), migrated, filled by generate.py (N offers of N/50 organisations)
and indexed. Then, in a process of its own with production settings (DEBUG
off, persistent database connections), every scenario's URL is asked of the
portal's WSGI application, as gunicorn asks it: a few times to warm up, then
REQUESTS times afresh, as the first time (the text index's answers that the
process keeps, offers/text.py, dropped before each), and REQUESTS times again
(the answer kept, as for the next page). Server time is the time the
application takes for the whole response: middleware, view, search, template;
no network. search() alone is timed as well (afresh), so that the search and
the page's rendering can be told apart. The results go into docs/benchmarks.md
between the markers `<!-- offers-benchmark -->` and `<!-- /offers-benchmark -->`.

Environment: PG_SERVER_URL (postgres://postgres@127.0.0.1:5432),
OFFERS_BENCH_REQUESTS (100 per scenario).
"""

import argparse
import dataclasses
import datetime
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable
BENCHMARKS = ROOT / "docs" / "benchmarks.md"
BEGIN, END = "<!-- offers-benchmark -->", "<!-- /offers-benchmark -->"
PG_SERVER_URL = os.environ.get("PG_SERVER_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
PG_DATABASE = "netzwerkportal_bench"
SIZES = (1_000, 10_000, 100_000)
REQUESTS = int(os.environ.get("OFFERS_BENCH_REQUESTS", "100"))
WARM_UP = 5
TARGET = "filtered"  # issue #5's scenario: words and a filter
TARGETS = (TARGET, "api")  # and issue #6's
# Scenarios asked for as htmx asks when a visitor changes a filter on the page: the results
# region alone (offers/views/public.py).
HTMX = {"filtered-htmx": {"HTTP_HX_REQUEST": "true"}}
# name -> (what it is, the URL). The synthetic lists (generate.py) have these slugs; the
# point is near the synthetic towns.
SCENARIOS = {
    "filtered": ("words and a filter: q=Beratung, topic", "/de/offers/?q=Beratung&topic=aufenthaltsrecht"),
    "filtered-en": (
        "in English, words and two filters",
        "/en/offers/?q=counselling&channel=by_phone&free=1",
    ),
    "filtered-name": (
        "words and a filter, by name",
        "/de/offers/?q=Beratung&topic=aufenthaltsrecht&sort=name",
    ),
    "filtered-page5": ("words and a filter, page 5", "/de/offers/?q=Beratung&topic=aufenthaltsrecht&page=5"),
    "filtered-htmx": (
        "words and a filter, the results region alone (htmx)",
        "/de/offers/?q=Beratung&topic=aufenthaltsrecht",
    ),
    "word": ("one common word: q=Beratung", "/de/offers/?q=Beratung"),
    "two-words": ("two words: q=Aufenthalt Familie", "/de/offers/?q=Aufenthalt+Familie"),
    "filters": ("filters only: category, language", "/de/offers/?category=bildung&language=ar"),
    "distance": ("a word, by distance", "/de/offers/?q=Sprachkurs&sort=distance&lat=51.54&lng=9.93"),
    "all": ("everything, the first visit", "/de/offers/"),
    "all-ar": ("everything, in Arabic", "/ar/offers/"),
    # Issue #6: the API answers a page of 50 offers in p95 <= 30 ms.
    "api": (
        "the open data API, a page of 50: words and a filter",
        "/api/v1/offers/?q=Beratung&topic=aufenthaltsrecht&page_size=50",
    ),
}
# The API's pages hold this many offers (the scenario's page_size).
API_PAGE_SIZE = 50


# ---------------------------------------------------------------------------------------------
# The runner: databases, data, one measuring process per database and size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--sizes", default=",".join(str(size) for size in SIZES))
    parser.add_argument("--no-write", action="store_true", help="print, don't write docs/benchmarks.md")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)  # the child process
    arguments = parser.parse_args()
    if arguments.measure:
        measure()
        return

    started = datetime.datetime.now(datetime.UTC)
    load = os.getloadavg()[0]
    runs = []
    for database in arguments.databases.split(","):
        for size in (int(size) for size in arguments.sizes.split(",")):
            runs.append(run(database, size))
    text = report(runs, started, load)
    print(text)
    if not arguments.no_write:
        write(text)


def log(message: str) -> None:
    print(f"{time.strftime('%H:%M:%S')} {message}", file=sys.stderr, flush=True)


def run(database: str, size: int) -> dict:
    folder = Path(tempfile.mkdtemp(prefix="offers-bench-"))
    if database == "sqlite":
        url = f"sqlite:///{folder / 'bench.sqlite3'}"
    else:
        url = f"{PG_SERVER_URL}/{PG_DATABASE}"
        psql("DROP DATABASE IF EXISTS", PG_DATABASE)
        psql("CREATE DATABASE", PG_DATABASE)
    env = {**os.environ, "DATABASE_URL": url, "LOG_LEVEL": "WARNING"}
    env.pop("DEBUG", None)
    try:
        log(f"{database}, {size} offers: migrate")
        python(["manage.py", "migrate", "-v0"], env)
        log(f"{database}, {size} offers: generate and index")
        began = time.perf_counter()
        generated = json.loads(python(["bench/offers/generate.py", "--offers", str(size), "--json"], env))
        loading = time.perf_counter() - began
        log(f"{database}, {size} offers: measure")
        result = json.loads(python(["bench/offers/run.py", "--measure"], env))
        result.update(database=database, size=size, loading=loading, generated=generated)
        return result
    finally:
        if database == "postgresql":
            psql("DROP DATABASE IF EXISTS", PG_DATABASE, force=True)
        shutil.rmtree(folder, ignore_errors=True)


def python(arguments: list[str], env: dict[str, str]) -> str:
    """Runs a script of the project with the venv's Python; its standard output."""
    process = subprocess.run(  # noqa: S603 - our own scripts
        [PY, *arguments], cwd=ROOT, env=env, check=True, stdout=subprocess.PIPE, text=True
    )
    return process.stdout


def psql(command: str, name: str, force: bool = False) -> None:
    sql = f'{command} "{name}"' + (" WITH (FORCE)" if force else "")
    psql_path = shutil.which("psql") or "psql"  # from PATH, as bench/lib.sh uses it
    subprocess.run(  # noqa: S603 - psql with our own arguments
        [psql_path, "-q", f"{PG_SERVER_URL}/postgres", "-c", sql], check=True, capture_output=True
    )


# ---------------------------------------------------------------------------------------------
# The measuring process


def measure() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netzwerk.settings")
    os.environ["API_RATE_LIMIT"] = ""  # one client asks hundreds of times a minute
    os.environ["DB_CONN_MAX_AGE"] = "60"  # as deployed (docs/deploy.md): one connection for all
    import django
    from django.db import connection
    from django.http import QueryDict
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext, override_settings
    from django.utils import translation

    # Loaded as gunicorn loads the portal (netzwerk/wsgi.py settles the long-lived objects),
    # and asked as gunicorn asks it: Django's test Client connects two signals per request,
    # whose weak references pile up for the garbage collector to walk, as a server's never do.
    from netzwerk.wsgi import application
    from offers import text
    from offers.search import search
    from offers.views.public import read_selection

    plain_static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    results = {}
    with override_settings(
        ALLOWED_HOSTS=["testserver"], STORAGES={**django.conf.settings.STORAGES, "staticfiles": plain_static}
    ):
        factory = RequestFactory()

        def get(url: str, **headers: str) -> int:
            """The status of the portal's answer to a GET of `url` over HTTPS."""
            status = []
            body = application(
                factory.get(url, secure=True, **headers).environ,
                lambda line, _headers, _exc_info=None: status.append(line),
            )
            try:
                b"".join(body)
            finally:
                body.close()
            return int(status[0].split()[0])

        for name, (_description, url) in SCENARIOS.items():
            path, _, query = url.partition("?")
            api = path.startswith("/api/")
            language = "de" if api else path.split("/")[1]
            headers = HTMX.get(name, {})
            for _ in range(WARM_UP):
                if (status := get(url, **headers)) != 200:
                    raise SystemExit(f"{url}: {status}")
            page, again = [], []
            for _ in range(REQUESTS):
                text.forget()
                began = time.perf_counter()
                get(url, **headers)
                page.append(time.perf_counter() - began)
            for _ in range(REQUESTS):
                began = time.perf_counter()
                get(url, **headers)
                again.append(time.perf_counter() - began)
            text.forget()
            with CaptureQueriesContext(connection) as queries:
                get(url, **headers)
            # search() alone, with the parameters the page reads from the same URL.
            with translation.override(language):
                params = read_selection(QueryDict(query)).params
                if api:
                    params = dataclasses.replace(params, page_size=API_PAGE_SIZE)
                engine, total = [], 0
                for _ in range(REQUESTS):
                    text.forget()
                    began = time.perf_counter()
                    total = search(params).total
                    engine.append(time.perf_counter() - began)
                text.forget()
                with CaptureQueriesContext(connection) as search_queries:
                    search(params)
            results[name] = {
                "page": percentiles(page),
                "again": percentiles(again),
                "search": percentiles(engine),
                "total": total,
                "queries": len(queries),
                "search_queries": len(search_queries),
            }
    print(
        json.dumps({"scenarios": results, "index": index_size(connection), "versions": versions(connection)})
    )


def percentiles(seconds: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(seconds, n=100, method="inclusive")
    return {"p50": cuts[49] * 1000, "p95": cuts[94] * 1000, "p99": cuts[98] * 1000}


def index_size(connection) -> dict[str, int]:
    """Bytes of the search index: the text index, and the entries with the bitmaps (of the facets,
    and on PostgreSQL of the words)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name, SUM(pgsize) FROM dbstat WHERE name LIKE 'offers_search%'"
                " OR name LIKE 'sqlite_autoindex_offers_search%' GROUP BY name"
            )
            sizes = dict(cursor.fetchall())
            text = sum(
                sizes.get(f"offers_search_{part}", 0)
                for part in ("data", "idx", "content", "docsize", "config")
            )
            return {
                "text": text,
                "text_index": sizes.get("offers_search_data", 0) + sizes.get("offers_search_idx", 0),
                "rest": sum(sizes.values()) - text,
                "file": os.path.getsize(connection.settings_dict["NAME"]),
            }
        cursor.execute(
            "SELECT pg_total_relation_size('offers_search_index')"
            " + pg_total_relation_size('offers_search_titles'),"
            " pg_relation_size('offers_search_index_vector')"
            " + pg_relation_size('offers_search_titles_vector'),"
            " pg_total_relation_size('offers_search_entry') + pg_total_relation_size('offers_search_facet')"
            " + pg_total_relation_size('offers_search_words'),"
            " pg_database_size(current_database())"
        )
        text, gin, rest, file = cursor.fetchone()
        return {"text": text, "text_index": gin, "rest": rest, "file": file}


def versions(connection) -> dict[str, str]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            return {"database": f"SQLite {sqlite3.sqlite_version}"}
        cursor.execute("SHOW server_version")
        return {"database": f"PostgreSQL {cursor.fetchone()[0].split()[0]}"}


# ---------------------------------------------------------------------------------------------
# The report


def report(runs: list[dict], started: datetime.datetime, load: float) -> str:
    largest = max(run["size"] for run in runs)
    lines = [
        f"Last run: {started:%Y-%m-%d %H:%M} UTC · machine: {os.cpu_count()} cores, {platform.machine()},"
        f" Python {platform.python_version()} · "
        + ", ".join(sorted({run["versions"]["database"] for run in runs}))
        + f" on the same machine · load average before the run: {load:.1f} · {REQUESTS} requests per scenario"
        " after warming up, one after the other.",
        "",
    ]
    for database in dict.fromkeys(run["database"] for run in runs):
        run = next(r for r in runs if r["database"] == database and r["size"] == largest)
        lines += [
            f"**{run['versions']['database']}, {largest:,} offers** ({run['generated']['listed']:,} of them"
            " public). Page: the whole response, in ms, afresh (the text index asked) and again (its"
            " answer kept, as for the next page); search(): the search alone, afresh, in ms; queries:"
            " afresh.",
            "",
            "| scenario | results | page p50 | page p95 | page p99 | again p50 | again p95"
            " | search() p50 | search() p95 | queries |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for name, (description, url) in SCENARIOS.items():
            result = run["scenarios"][name]
            page, again, engine = result["page"], result["again"], result["search"]
            mark = " **(target)**" if name in TARGETS else ""
            lines.append(
                f"| {description}{mark} `{url}` | {result['total']:,} | {page['p50']:.1f} | {page['p95']:.1f}"
                f" | {page['p99']:.1f} | {again['p50']:.1f} | {again['p95']:.1f} | {engine['p50']:.1f}"
                f" | {engine['p95']:.1f} | {result['queries']} |"
            )
        lines.append("")
    lines += [
        "**Growth.** p95 of the search page's target scenario (page afresh and again, search()), and"
        " the size of the search index:"
        " the text index (SQLite: the FTS5 tables, of them the index proper without the stored text;"
        " PostgreSQL: the two tables with their TOAST and GIN indexes, of them the GIN indexes), and"
        " the entries with the bitmaps of the facets (and on PostgreSQL of the words). Loading:"
        " generating and indexing, in s.",
        "",
        "| database | offers | page p95 | again p95 | search() p95 | text index | of it the index"
        " | entries and bitmaps | database | loading |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for run in runs:
        target, size = run["scenarios"][TARGET], run["index"]
        lines.append(
            f"| {run['versions']['database']} | {run['size']:,} | {target['page']['p95']:.1f}"
            f" | {target['again']['p95']:.1f} | {target['search']['p95']:.1f} | {mb(size['text'])}"
            f" | {mb(size['text_index'])} | {mb(size['rest'])} | {mb(size['file'])} | {run['loading']:.0f} |"
        )
    return "\n".join(lines)


def mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def write(text: str) -> None:
    document = BENCHMARKS.read_text()
    begin, end = document.index(BEGIN) + len(BEGIN), document.index(END)
    BENCHMARKS.write_text(f"{document[:begin]}\n{text}\n{document[end:]}")


if __name__ == "__main__":
    main()
