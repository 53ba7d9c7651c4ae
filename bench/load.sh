#!/usr/bin/env bash
# Load test: gunicorn with production settings on PostgreSQL, on loopback only;
# wrk browses the crawled public pages with 50 connections for 60 s, then asks
# /health/ and a static file for 20 s each as the server's limits. Writes
# docs/benchmarks.md; exits non-zero on any error. See bench/README.md.
# Needs wrk (Debian: apt-get install wrk) and PostgreSQL (PG_SERVER_URL).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

command -v wrk >/dev/null || { echo "wrk is not installed (Debian: apt-get install wrk)" >&2; exit 1; }
# gunicorn's rule of thumb: two workers per core plus one.
WORKERS=${GUNICORN_WORKERS:-$((2 * $(nproc) + 1))}

portal_setup load
portal_start "$WORKERS"
$PY bench/load.py "$BASE_URL" --workers "$WORKERS"
