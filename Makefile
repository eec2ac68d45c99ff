# The two commands of the README: `make run` and `make test`. Everything else is their plumbing.
VENV := .venv
PY := $(VENV)/bin/python
GOVUK := node_modules/govuk-frontend/dist/govuk

.PHONY: run test install assets lint format security bench

# The background worker (django-tasks' database queue: notifications) runs beside the server;
# Ctrl-C stops both.
RUN_ADDRESS ?= 127.0.0.1:8000
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py loaddemo
	@$(PY) manage.py db_worker --no-reload --interval 2 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(PY) manage.py runserver $(RUN_ADDRESS)

# The suite runs on every CPU (pytest-xdist); PYTEST_WORKERS=0 runs it in one process. Work stealing:
# a worker that runs out of tests takes half of another's queue, so both end together (the default
# hands each worker a long run of consecutive tests up front, which put every browser test on one).
PYTEST_WORKERS ?= auto
test: install
	@start=$$(date +%s); \
	$(VENV)/bin/ruff check . && \
	$(VENV)/bin/ruff format --check . && \
	$(PY) manage.py makemigrations --check --dry-run && \
	$(MAKE) --no-print-directory security && \
	$(VENV)/bin/pytest -n $(PYTEST_WORKERS) --dist worksteal $(PYTEST_ARGS); \
	status=$$?; echo "make test: $$(( $$(date +%s) - start )) s"; exit $$status

# bandit fails on any finding of high severity and high confidence (the rest it lists; see README).
# pip-audit checks the installed packages against PyPI's vulnerability data; without it, it says so.
PYPI_RELEASE_JSON := https://pypi.org/pypi/Django/$$($(PY) -c 'import django; print(django.__version__)')/json
security:
	$(VENV)/bin/bandit -c pyproject.toml -r . -q --severity-level high --confidence-level high
	@if $(PY) -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=15)" "$(PYPI_RELEASE_JSON)" 2>/dev/null; then \
		$(VENV)/bin/pip-audit --skip-editable --progress-spinner off; \
	else \
		echo "*** pip-audit skipped: PyPI's vulnerability data (per-release JSON) is not reachable from this machine ***"; \
	fi

install: $(VENV)/.installed assets

# The benchmark (bench/README in the main README): not part of `make test`. BENCH_ARGS="--factor 1" etc.
bench: install
	$(VENV)/bin/pip install --quiet -e '.[dev,bench]'
	$(PY) bench/run.py $(BENCH_ARGS)

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Compiled CSS and the GOV.UK JavaScript and images go to static/build and static/govuk (not committed).
assets: static/build/app.css static/govuk/govuk-frontend.min.js

static/build/app.css: static/scss/app.scss node_modules/.installed
	npx sass --no-source-map --style=compressed --load-path=. --quiet-deps $< $@

static/govuk/govuk-frontend.min.js: node_modules/.installed
	mkdir -p static/govuk/assets
	cp $(GOVUK)/govuk-frontend.min.js static/govuk/
	cp -r $(GOVUK)/assets/images static/govuk/assets/

lint:
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
