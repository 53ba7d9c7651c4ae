# Shared by smoke.sh and load.sh (sourced): the portal as in production, on loopback.
#
# A fresh PostgreSQL database with the demo data, static files collected into
# a temporary STATIC_ROOT, and gunicorn with production settings: DEBUG unset,
# a random SECRET_KEY, secure cookies and HSTS on (the defaults without DEBUG).
# BEHIND_PROXY=1 as behind the reverse proxy, so a request that says
# `X-Forwarded-Proto: https` counts as HTTPS. Everything is removed on exit.
#
# Environment: PG_SERVER_URL (default postgres://postgres@127.0.0.1:5432), the
# server on which the database is created and dropped.

PG_SERVER_URL=${PG_SERVER_URL:-postgres://postgres@127.0.0.1:5432}
PY=.venv/bin/python

portal_workdir=""
portal_database=""
gunicorn_pid=""

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*"; }

portal_cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    if [ -n "$gunicorn_pid" ] && kill -0 "$gunicorn_pid" 2>/dev/null; then
        kill -TERM "$gunicorn_pid" 2>/dev/null || true
        wait "$gunicorn_pid" 2>/dev/null || true
    fi
    if [ -n "$portal_database" ]; then
        psql -q "$PG_SERVER_URL/postgres" -c "DROP DATABASE IF EXISTS \"$portal_database\" WITH (FORCE)" ||
            echo "could not drop the database $portal_database" >&2
    fi
    [ -n "$portal_workdir" ] && rm -rf "$portal_workdir"
    exit "$rc"
}

# portal_setup NAME: database netzwerkportal_NAME_<random>, migrated, with the demo data.
portal_setup() {
    trap portal_cleanup EXIT
    trap 'exit 130' INT TERM
    portal_workdir=$(mktemp -d)
    portal_database="netzwerkportal_$1_$($PY -c 'import secrets; print(secrets.token_hex(4))')"

    unset DEBUG
    export DATABASE_URL="$PG_SERVER_URL/$portal_database"
    export SECRET_KEY
    SECRET_KEY=$($PY -c 'import secrets; print(secrets.token_urlsafe(50))')
    export ALLOWED_HOSTS=127.0.0.1,localhost
    export STATIC_ROOT="$portal_workdir/static"
    export MEDIA_ROOT="$portal_workdir/media"
    export BEHIND_PROXY=1
    export DB_CONN_MAX_AGE=60
    export LOG_LEVEL=${LOG_LEVEL:-WARNING}
    PORT=$($PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    export PORT
    export SITE_URL="http://127.0.0.1:$PORT"
    export BASE_URL="http://127.0.0.1:$PORT"

    log "database $portal_database on $PG_SERVER_URL"
    psql -q "$PG_SERVER_URL/postgres" -c "CREATE DATABASE \"$portal_database\"" || return 1
    $PY manage.py migrate --noinput -v0 || return 1
    $PY manage.py load_demo || return 1
    log "collectstatic into $STATIC_ROOT"
    $PY manage.py collectstatic --noinput -v0 || return 1
}

# portal_start WORKERS: gunicorn in the background on 127.0.0.1:$PORT; waits until /health/ answers.
portal_start() {
    log "gunicorn with $1 workers on $BASE_URL"
    .venv/bin/gunicorn netzwerk.wsgi --bind "127.0.0.1:$PORT" --workers "$1" \
        --error-logfile "$portal_workdir/gunicorn.log" --log-level warning &
    gunicorn_pid=$!
    for _ in $(seq 60); do
        if $PY -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1] + "/health/", timeout=2)' \
            "$BASE_URL" 2>/dev/null; then
            return 0
        fi
        if ! kill -0 "$gunicorn_pid" 2>/dev/null; then
            break
        fi
        sleep 0.5
    done
    echo "gunicorn did not answer on $BASE_URL/health/:" >&2
    portal_log >&2
    return 1
}

portal_log() {
    tail -n 50 "$portal_workdir/gunicorn.log" 2>/dev/null || true
}
