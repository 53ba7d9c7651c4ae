#!/usr/bin/env bash
# Production smoke test: the portal under gunicorn on PostgreSQL with production
# settings (DEBUG off, collected static files), checked from outside over HTTP:
# the main pages, a static file, the admin login, the health endpoint, the 404 page.
# Needs PostgreSQL (PG_SERVER_URL, default postgres://postgres@127.0.0.1:5432).
# Exits non-zero on any failure; the database and temporary files are removed.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

portal_setup smoke

# A coordinator account to log in with; the password only in the environment.
export DJANGO_SUPERUSER_EMAIL="smoke-test@example.org"
export DJANGO_SUPERUSER_PASSWORD
DJANGO_SUPERUSER_PASSWORD=$($PY -c 'import secrets; print(secrets.token_urlsafe(24))')
$PY manage.py createsuperuser --noinput -v0

portal_start 2

log "checking $BASE_URL"
if ! SMOKE_EMAIL=$DJANGO_SUPERUSER_EMAIL SMOKE_PASSWORD=$DJANGO_SUPERUSER_PASSWORD $PY bench/smoke.py "$BASE_URL"; then
    echo "--- gunicorn's log ---"
    portal_log
    exit 1
fi
