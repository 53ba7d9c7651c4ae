"""The load test's measuring part, run by bench/load.sh against a running portal.

    python bench/load.py http://127.0.0.1:8000 --workers 5

1. Crawls the public site from /de/ and /en/ and keeps every URL that answers
   200 to an anonymous visitor, grouped by page type (the URL pattern's name,
   plus the query's parameter names: `members:list?kind` is the members
   filtered by kind, the "search" of today). New pages join by themselves.
2. Runs wrk (bench/load.lua) three times: the portal's pages (every page type
   equally often, the URLs of a type in turn), then the trivial Django view
   /health/, then a static file, as the limits of this server.
3. Writes the results into docs/benchmarks.md and exits 1 on any error
   (a non-2xx answer, a socket error, a timeout).

Environment: LOAD_DURATION (60 s), BASELINE_DURATION (20 s), LOAD_CONNECTIONS
(50), LOAD_THREADS (2), LOAD_TIMEOUT (10 s).
"""

import argparse
import datetime
import html
import http.client
import itertools
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ROOT / "docs" / "benchmarks.md"
BEGIN, END = "<!-- load-test:begin -->", "<!-- load-test:end -->"
# Not public browsing: the coordinators' and members' own pages, and files.
SKIPPED_PREFIXES = ("/admin/", "/static/", "/media/")
SKIPPED_NAMESPACED = ("account/", "manage/")
# URLs per page type and language: enough for a mix, few enough for a short crawl.
MAX_PER_TYPE = 50
MAX_FETCHES = 600
MIX_SIZE = 2000


@dataclass
class Result:
    name: str
    description: str
    duration: int
    data: dict

    @property
    def rps(self) -> float:
        return self.data["requests"] / self.data["seconds"]

    @property
    def errors(self) -> int:
        d = self.data
        return d["non2xx"] + d["connect"] + d["read"] + d["write"] + d["timeout"]


def page_type(path: str) -> str | None:
    from django.conf import settings
    from django.urls import Resolver404, resolve
    from django.utils import translation

    parts = urlsplit(path)
    prefix = parts.path.split("/")[1]
    # The language prefix of a URL resolves only while that language is active.
    language = prefix if prefix in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    try:
        with translation.override(language):
            match = resolve(parts.path)
    except Resolver404:
        return None
    query = sorted({pair.split("=", 1)[0] for pair in parts.query.split("&") if pair})
    return match.view_name + (f"?{'&'.join(query)}" if query else "")


def is_public_page(path: str) -> bool:
    if path.startswith(SKIPPED_PREFIXES):
        return False
    without_language = path.split("/", 2)[-1] if path.count("/") >= 2 else path
    return not without_language.startswith(SKIPPED_NAMESPACED)


def fetch(base: str, path: str) -> tuple[int, str, str]:
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, response.headers.get("Content-Type", ""), body.decode("utf-8", "replace")


def crawl(base: str) -> dict[str, list[str]]:
    """{page type: paths that answer 200}, from /de/ and /en/ by following links."""
    queue = ["/de/", "/en/"]
    seen = set(queue)
    queued: dict[tuple[str, str], int] = defaultdict(int)
    pages: dict[str, list[str]] = defaultdict(list)
    fetches = 0
    while queue and fetches < MAX_FETCHES:
        path = queue.pop(0)
        kind = page_type(path)
        status, content_type, body = fetch(base, path)
        fetches += 1
        if status != 200 or kind is None:
            continue
        pages[kind].append(path)
        if not content_type.startswith("text/html"):
            continue
        for href in re.findall(r'<a\b[^>]*\bhref="([^"#]*)', body):
            target = urlsplit(urljoin(path, html.unescape(href)))
            if target.scheme or target.netloc:
                continue  # another site
            link = target.path + (f"?{target.query}" if target.query else "")
            if link in seen or not is_public_page(link):
                continue
            seen.add(link)
            link_type = page_type(link)
            # Capped per language too, so that English pages are not crowded out by German ones.
            key = (link_type, link.split("/")[1])
            if link_type is None or queued[key] >= MAX_PER_TYPE:
                continue
            queued[key] += 1
            queue.append(link)
    return dict(sorted(pages.items()))


def mix(pages: dict[str, list[str]]) -> list[str]:
    """Every page type equally often, the URLs of a type in turn, in a shuffled order."""
    per_type = MIX_SIZE // len(pages)
    paths = [path for urls in pages.values() for path in itertools.islice(itertools.cycle(urls), per_type)]
    random.Random(7).shuffle(paths)  # noqa: S311 - an order, not a secret
    return paths


def run_wrk(base: str, name: str, description: str, paths: list[str], duration: int) -> Result:
    connections = int(os.environ.get("LOAD_CONNECTIONS", "50"))
    threads = int(os.environ.get("LOAD_THREADS", "2"))
    timeout = os.environ.get("LOAD_TIMEOUT", "10")
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as file:
        file.write("\n".join(paths) + "\n")
    command = [
        shutil.which("wrk") or "wrk",
        f"--threads={threads}",
        f"--connections={connections}",
        f"--duration={duration}s",
        f"--timeout={timeout}s",
        "--latency",
        f"--script={Path(__file__).with_name('load.lua')}",
        base,
    ]
    print(f"\n== {name}: {description}, {connections} connections, {duration} s", flush=True)
    try:
        process = subprocess.run(  # noqa: S603 - wrk with our own arguments
            command, env={**os.environ, "LOAD_PATHS": file.name}, capture_output=True, text=True, check=False
        )
    finally:
        os.unlink(file.name)
    print(process.stdout.replace("LOADRESULT", "result:"), process.stderr, sep="", end="", flush=True)
    line = next((x for x in process.stdout.splitlines() if x.startswith("LOADRESULT ")), None)
    if process.returncode != 0 or line is None:
        raise SystemExit(f"wrk failed (exit {process.returncode})")
    return Result(name, description, duration, json.loads(line.removeprefix("LOADRESULT ")))


def stylesheet(base: str) -> str:
    _status, _type, body = fetch(base, "/de/")
    found = re.search(r'<link rel="stylesheet" href="(/static/[^"]+\.css)"', body)
    if not found:
        raise SystemExit("The home page links no stylesheet under /static/.")
    return found.group(1)


def write_report(results: list[Result], pages: dict[str, list[str]], workers: int, load: float) -> None:
    portal, health, static = results
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    threads = os.environ.get("LOAD_THREADS", "2")
    connections = os.environ.get("LOAD_CONNECTIONS", "50")
    lines = [
        BEGIN,
        f"Last run: {now} · machine: {os.cpu_count()} cores (`nproc`), {platform.machine()}, "
        f"Python {platform.python_version()} · gunicorn, {workers} sync workers · PostgreSQL on the "
        f"same machine · wrk with {threads} threads and {connections} connections on the same "
        f"machine, over loopback. Load average before the run: {load:.1f}.",
        "",
        "| scenario | duration | requests | req/s | p50 | p95 | p99 | max | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for result in results:
        d = result.data
        lines.append(
            f"| {result.description} | {result.duration} s | {d['requests']} | {result.rps:.0f} "
            f"| {d['p50_ms']:.1f} ms | {d['p95_ms']:.1f} ms | {d['p99_ms']:.1f} ms | {d['max_ms']:.0f} ms "
            f"| {result.errors} |"
        )
    lines += [
        "",
        f"The portal's cost: one page costs as much as **{health.rps / portal.rps:.1f}** requests to "
        f"the trivial Django view and **{static.rps / portal.rps:.1f}** static files "
        "(req/s of the limit ÷ req/s of the pages). Median latency: "
        f"{portal.data['p50_ms'] / health.data['p50_ms']:.1f}× the trivial view's.",
        "",
        f"The mix: {sum(len(urls) for urls in pages.values())} URLs of {len(pages)} page types, "
        "found by crawling the site, each type equally often: "
        + ", ".join(f"`{kind}` ({len(urls)})" for kind, urls in pages.items())
        + ".",
        END,
    ]
    block = "\n".join(lines)
    text = BENCHMARKS.read_text(encoding="utf-8") if BENCHMARKS.exists() else "# Benchmarks\n"
    if BEGIN in text and END in text:
        before, rest = text.split(BEGIN, 1)
        text = before + block + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n## Load test\n\n" + block + "\n"
    BENCHMARKS.write_text(text, encoding="utf-8")
    print(f"\nResults written to {BENCHMARKS.relative_to(ROOT)}.")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", help="the running portal, e.g. http://127.0.0.1:8000")
    parser.add_argument("--workers", type=int, required=True, help="gunicorn's workers, for the report")
    args = parser.parse_args()
    base = args.base.rstrip("/")
    host = urlsplit(base).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit(f"The load test runs only against loopback, not {host}.")

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netzwerk.settings")
    import django

    django.setup()

    pages = crawl(base)
    print(f"Crawled {sum(len(u) for u in pages.values())} URLs of {len(pages)} page types:")
    for kind, urls in pages.items():
        print(f"  {kind:32} {len(urls):4}  e.g. {urls[0]}")
    if len(pages) < 5:
        raise SystemExit("The crawl found fewer than 5 page types; is the demo data loaded?")

    duration = int(os.environ.get("LOAD_DURATION", "60"))
    baseline = int(os.environ.get("BASELINE_DURATION", "20"))
    css = stylesheet(base)
    # Other work on the machine lowers the numbers; the report says how busy it was.
    load = os.getloadavg()[0]
    results = [
        run_wrk(base, "portal", "portal pages, browsing and searching", mix(pages), duration),
        run_wrk(base, "health", "trivial Django view `/health/`", ["/health/"], baseline),
        run_wrk(base, "static", f"static file `{css}`", [css], baseline),
    ]
    write_report(results, pages, args.workers, load)

    failed = [r for r in results if r.errors or r.data["requests"] == 0]
    for result in failed:
        d = result.data
        print(
            f"FAIL {result.name}: {result.errors} errors (non-2xx {d['non2xx']}, e.g. {d['example'] or '-'}; "
            f"connect {d['connect']}, read {d['read']}, write {d['write']}, timeout {d['timeout']})"
        )
    if not failed:
        print("No errors.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
