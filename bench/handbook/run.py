"""The handbook benchmark: how long printing a handbook takes, and how much memory.

    .venv/bin/python bench/handbook/run.py                 # Göttingen, then 1,000 synthetic members
    .venv/bin/python bench/handbook/run.py --no-synthetic  # Göttingen only (a few seconds)

Two networks, each in a fresh SQLite database in a temporary folder, migrated:
the Göttingen demo (`manage.py load_demo`), and a synthetic network of 1,000
obviously fake organisations with 5,000 offers (generate.py). For each, a
process of its own prints the handbook as the task worker does
(handbook.pdf.build: gathering the data, the HTML, WeasyPrint's layout and the
PDF) and reports the wall-clock and CPU time, the pages, the size, and its
peak memory (resource.getrusage: the largest resident set of the process,
Python, Django and WeasyPrint included). The targets of issue #6: the Göttingen
handbook in under 10 s, the synthetic one in under 2 minutes. The results go
into docs/benchmarks.md between `<!-- handbook-benchmark -->` and
`<!-- /handbook-benchmark -->`.
"""

import argparse
import datetime
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable
BENCHMARKS = ROOT / "docs" / "benchmarks.md"
BEGIN, END = "<!-- handbook-benchmark -->", "<!-- /handbook-benchmark -->"
PUBLISHED = datetime.date(2026, 11, 1)
TARGETS = {"goettingen": 10, "synthetic": 120}  # seconds
# Göttingen in each language and paper size; the synthetic network in German on A4.
PRINTS = {
    "goettingen": [("de", "a4"), ("en", "a4"), ("de", "a5"), ("en", "a5")],
    "synthetic": [("de", "a4")],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-synthetic", action="store_true", help="the Göttingen handbook only")
    parser.add_argument("--organisations", type=int, default=1000)
    parser.add_argument("--offers", type=int, default=5000)
    parser.add_argument("--no-write", action="store_true", help="print, don't write docs/benchmarks.md")
    parser.add_argument("--measure", help=argparse.SUPPRESS)  # the child process: language-paper
    arguments = parser.parse_args()
    if arguments.measure:
        measure(*arguments.measure.split("-"))
        return

    started = datetime.datetime.now(datetime.UTC)
    load = os.getloadavg()[0]
    runs = [run("goettingen", ["manage.py", "load_demo"])]
    if not arguments.no_synthetic:
        generate = [
            "bench/handbook/generate.py",
            "--organisations",
            str(arguments.organisations),
            "--offers",
            str(arguments.offers),
        ]
        runs.append(
            run(
                "synthetic",
                generate,
                f"{arguments.organisations:,} organisations, {arguments.offers:,} offers",
            )
        )
    text = report(runs, started, load)
    print(text)
    if not arguments.no_write:
        write(text)


def log(message: str) -> None:
    print(f"{time.strftime('%H:%M:%S')} {message}", file=sys.stderr, flush=True)


def run(name: str, load_data: list[str], label: str = "") -> dict:
    folder = Path(tempfile.mkdtemp(prefix="handbook-bench-"))
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}", "LOG_LEVEL": "WARNING"}
    env.pop("DEBUG", None)
    try:
        log(f"{name}: migrate")
        python(["manage.py", "migrate", "-v0"], env)
        log(f"{name}: load the data")
        python(load_data, env)
        prints = []
        for language, paper in PRINTS[name]:
            log(f"{name}: print {language}, {paper.upper()}")
            prints.append(
                json.loads(python(["bench/handbook/run.py", "--measure", f"{language}-{paper}"], env))
            )
        return {"name": name, "label": label, "prints": prints}
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def python(arguments: list[str], env: dict[str, str]) -> str:
    """Runs a script of the project with the venv's Python; its standard output."""
    process = subprocess.run(  # noqa: S603 - our own scripts
        [PY, *arguments], cwd=ROOT, env=env, check=True, stdout=subprocess.PIPE, text=True
    )
    return process.stdout


def measure(language: str, paper: str) -> None:
    """In a process of its own: prints one handbook, reports on standard output as JSON."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netzwerk.settings")
    import django

    django.setup()
    from django.conf import settings

    from handbook import pdf
    from members.models import Organisation
    from offers.models import Offer

    def children_cpu() -> float:
        # The processes that lay out the parts (HANDBOOK_PRINT_PROCESSES), once they have ended.
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    wall, cpu, cpu_children = time.perf_counter(), time.process_time(), children_cpu()
    printed = pdf.build(3, PUBLISHED, language, paper)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    cpu_children = children_cpu() - cpu_children
    print(
        json.dumps(
            {
                "language": language,
                "paper": paper,
                "seconds": wall,
                "cpu_seconds": cpu + cpu_children,
                "processes": settings.HANDBOOK_PRINT_PROCESSES,
                "pages": printed.pages,
                "bytes": len(printed.pdf),
                # Linux reports kilobytes.
                "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                # The largest of the child processes, if any laid out parts (a handbook of one
                # group of organisations is laid out in this process).
                "child_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
                if cpu_children >= 1
                else 0,
                "before_mb": before / 1024,
                "organisations": Organisation.objects.members().count(),
                "offers": Offer.objects.public().count(),
            }
        )
    )


def report(runs: list[dict], started: datetime.datetime, load: float) -> str:
    lines = [
        f"Last run: {started:%Y-%m-%d %H:%M} UTC · machine: {os.cpu_count()} cores, {platform.machine()}, "
        f"Python {platform.python_version()} · SQLite · load average before the run: {load:.1f} · "
        "one print after the other, each in a process of its own that lays out the parts in "
        f"{runs[0]['prints'][0]['processes']} processes (HANDBOOK_PRINT_PROCESSES).",
        "",
        "| network | print | pages | PDF | time | CPU time, all processes | peak memory | "
        "of a child process | target |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for entry in runs:
        name = "Göttingen demo" if entry["name"] == "goettingen" else f"synthetic: {entry['label']}"
        for result in entry["prints"]:
            target = TARGETS[entry["name"]]
            met = "met" if result["seconds"] < target else "**missed**"
            members = f"{result['organisations']:,} members, {result['offers']:,} public offers"
            cells = [
                f"{name} ({members})",
                f"{result['language']}, {result['paper'].upper()}",
                f"{result['pages']:,}",
                f"{result['bytes'] / 1e6:.1f} MB",
                f"{result['seconds']:.1f} s",
                f"{result['cpu_seconds']:.1f} s",
                f"{result['peak_mb']:,.0f} MB",
                f"{result['child_peak_mb']:,.0f} MB" if result["child_peak_mb"] else "–",
                f"under {target} s: {met}",
            ]
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def write(text: str) -> None:
    content = BENCHMARKS.read_text()
    if BEGIN in content and END in content:
        before, rest = content.split(BEGIN, 1)
        _, after = rest.split(END, 1)
        content = f"{before}{BEGIN}\n{text}\n{END}{after}"
    else:
        content = content.rstrip() + f"\n\n## The handbook\n\n{BEGIN}\n{text}\n{END}\n"
    BENCHMARKS.write_text(content)
    log(f"written to {BENCHMARKS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
