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

.PHONY: venv run test lint check lock messages clean

venv: $(VENV)/.installed

# Installs again only when a requirements file changes.
$(VENV)/.installed: $(REQUIREMENTS)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes $(addprefix -r ,$(REQUIREMENTS))
	touch $@

# The laptop setup: SQLite, demo data, a local coordinator account.
run: export DEBUG := 1
run: venv
	$(PY) manage.py migrate
	$(PY) manage.py load_demo
	$(PY) manage.py create_local_coordinator
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: venv
	$(VENV)/bin/pytest

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check: venv
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

# Regenerates requirements/*.txt from requirements/*.in with uv (installed into the venv if missing).
lock: venv
	@command -v uv >/dev/null 2>&1 || test -x $(VENV)/bin/uv || $(PY) -m pip install --quiet uv
	cd requirements && UV=$$(command -v uv || echo ../$(VENV)/bin/uv) && \
	  $$UV pip compile --quiet --generate-hashes --python-version 3.11 $(LOCK_ARGS) base.in -o base.txt && \
	  $$UV pip compile --quiet --generate-hashes --python-version 3.11 $(LOCK_ARGS) dev.in -o dev.txt

# Needs GNU gettext (apt-get install gettext).
messages: venv
	$(PY) manage.py makemessages -l de --ignore=.venv --ignore=static-collected
	$(PY) manage.py compilemessages --ignore=.venv

# Removes what can be rebuilt; keeps the database and uploaded files.
clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache static-collected
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
