# Netzwerkportal: `make run` to try it, `make test` to test it.
# Needs only python3 (with venv and pip) and make.

PYTHON ?= python3
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
REQUIREMENTS := requirements/base.txt requirements/dev.txt
# Extra arguments for `make lock`, e.g. LOCK_ARGS=--upgrade
LOCK_ARGS ?=

export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: venv node vendor run test lint check lock messages clean smoke load backup bench-offers bench-handbook

venv: $(VENV)/.installed

# Installs again only when a requirements file changes.
$(VENV)/.installed: $(REQUIREMENTS)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	# Older pips fail on locked packages with extras (fonttools[woff]) once a newer release is out.
	$(PY) -m pip install --quiet pip==26.3
	$(PY) -m pip install --quiet --require-hashes $(addprefix -r ,$(REQUIREMENTS))
	touch $@

# The laptop setup: SQLite, demo data, a local coordinator account, and the task
# worker beside the web server (it sends the queued e-mails; here they are printed).
run: export DEBUG := 1
run: venv
	$(PY) manage.py migrate
	$(PY) manage.py load_demo
	$(PY) manage.py create_local_coordinator
	$(PY) manage.py run_worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(PY) manage.py runserver 127.0.0.1:$(PORT)

# axe-core for the browser tests, from package-lock.json; installed again when that changes.
# Without npm the accessibility tests are skipped (CI installs npm and fails without axe-core).
node: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund; \
	else echo "npm not found: the browser tests' accessibility checks will be skipped."; fi

# htmx and Leaflet, shipped with the portal: copied from node_modules (the versions pinned in
# package.json) into static/vendor/, which is committed, so that `make run` needs no npm.
# Run it after changing their versions in package.json.
HTMX := node_modules/htmx.org
LEAFLET := node_modules/leaflet/dist
vendor: node
	rm -rf static/vendor/htmx static/vendor/leaflet
	mkdir -p static/vendor/htmx static/vendor/leaflet/images
	cp $(HTMX)/dist/htmx.min.js $(HTMX)/LICENSE static/vendor/htmx/
	cp $(LEAFLET)/leaflet.js $(LEAFLET)/leaflet.js.map $(LEAFLET)/leaflet.css node_modules/leaflet/LICENSE static/vendor/leaflet/
	cp $(LEAFLET)/images/*.png static/vendor/leaflet/images/

# Extra arguments for pytest, e.g. PYTEST_ARGS='-m "not e2e"' leaves out the browser tests.
PYTEST_ARGS ?=
# The tests run in parallel, one process per core (pytest-xdist); TEST_WORKERS=0 runs them in one.
TEST_WORKERS ?= auto

test: venv node
	$(VENV)/bin/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check: venv
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

# gunicorn with production settings on a fresh PostgreSQL database (see bench/README.md):
# the smoke test checks the main pages and the login; the load test writes docs/benchmarks.md.
smoke: venv
	bash bench/smoke.sh

load: venv
	bash bench/load.sh

# The offers directory's search with 1,000 to 100,000 synthetic offers, on SQLite and on
# PostgreSQL (a database of its own, created and dropped): about 20 minutes; writes
# docs/benchmarks.md (see bench/README.md).
bench-offers: venv
	$(PY) bench/offers/run.py

# Printing the handbook: the Göttingen demo in each language and paper size, and a synthetic
# network of 1,000 organisations with 5,000 offers; time and peak memory, in
# docs/benchmarks.md (see bench/handbook/run.py). Several minutes.
bench-handbook: venv
	$(PY) bench/handbook/run.py

# A backup of the database and the uploaded files into one archive: make backup [OUTPUT=folder or file]
backup: venv
	$(PY) manage.py backup $(if $(OUTPUT),--output "$(OUTPUT)")

# Regenerates requirements/*.txt from requirements/*.in with uv (installed into the venv if missing).
lock: venv
	@command -v uv >/dev/null 2>&1 || test -x $(VENV)/bin/uv || $(PY) -m pip install --quiet uv
	cd requirements && UV=$$(command -v uv || echo ../$(VENV)/bin/uv) && \
	  $$UV pip compile --quiet --generate-hashes --python-version 3.11 $(LOCK_ARGS) base.in -o base.txt && \
	  $$UV pip compile --quiet --generate-hashes --python-version 3.11 $(LOCK_ARGS) dev.in -o dev.txt

# Needs GNU gettext (apt-get install gettext).
messages: venv
	$(PY) manage.py makemessages -l de -l ar --ignore=.venv --ignore=static-collected --ignore=node_modules
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules

# Removes what can be rebuilt; keeps the database and uploaded files.
clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache static-collected
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
