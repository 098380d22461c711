# sakip — everything a person types. `make run` and `make test` work on a fresh clone.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PORT ?= 8000
# The address in every QR code and e-mail link (docs/deployment.md): the one `make run`/`make dev` serve,
# unless SITE_URL is set (e.g. the public address behind a reverse proxy).
SITE_URL ?= http://127.0.0.1:$(PORT)
# The demo RFC 3161 timestamping authority (manage.py demo_tsa) that `make run`/`make dev` start beside the site,
# unless SAKIP_TSA_URL names a real one (docs/documents.md "Trusted timestamps").
TSA_PORT ?= $(shell echo $$(($(PORT) + 99)))
DEMO_TSA := $(if $(SAKIP_TSA_URL),,1)
TSA_URL := $(or $(SAKIP_TSA_URL),http://127.0.0.1:$(TSA_PORT)/)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
PG_URL ?= postgres://postgres@127.0.0.1:5432/sakip
XDIST ?= -n 2

# Python >= 3.12: pyenv's 3.13.0 first, then 3.12, then whatever python3.13/3.12 is on PATH.
PYENV_ROOT_DIR := $(shell pyenv root 2>/dev/null || echo $$HOME/.pyenv)
BASE_PYTHON := $(firstword $(wildcard $(PYENV_ROOT_DIR)/versions/3.13.*/bin/python3) $(wildcard $(PYENV_ROOT_DIR)/versions/3.12.*/bin/python3) $(shell command -v python3.13 python3.12 2>/dev/null))

.PHONY: help run dev serve test test-sqlite test-pg test-deps lint demo bench deploy-check messages screenshots clean venv

help:
	@echo "make run      install, migrate, load the demo agency and serve on http://127.0.0.1:$(PORT)"
	@echo "make dev      the same with DEBUG on and runserver (for developers)"
	@echo "make test     install test needs and run the whole suite on SQLite and PostgreSQL"
	@echo "make lint     ruff check, ruff format --check, djLint on the templates, translations complete"
	@echo "make bench    benchmarks at Pemda scale"
	@echo "make messages extract and compile translations"

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@if [ -z "$(BASE_PYTHON)" ]; then echo "ERROR: sakip needs Python >= 3.12 (pyenv 3.13.0 or 3.12.x, or python3.13/python3.12 on PATH). None was found." >&2; exit 1; fi
	@test -x $(PY) || $(BASE_PYTHON) -m venv $(VENV)
	$(PIP) install -q --disable-pip-version-check -r requirements-dev.txt
	@touch $@

venv: $(VENV)/.installed

var:
	@mkdir -p var/media

# --- scale (issue 15): `make run` is production mode on one machine -------------------------------
# DEBUG off (the app's own error pages), whitenoise manifest static files, gunicorn, a key kept in
# var/secret_key. Plain HTTP on loopback, so no HTTPS redirect and no secure-only cookies.
# Each step is skipped when nothing it depends on changed (stamps under var/), so a second run starts at once.
# The demo's accounts sign in without a second factor (SAKIP_2FA_DEMO_EXEMPT=0 make run: as in production).
RUN_ENV = DEBUG=0 SECRET_KEY="$$(cat var/secret_key)" ALLOWED_HOSTS=127.0.0.1,localhost SITE_URL="$(SITE_URL)" \
  SAKIP_TSA_URL="$(TSA_URL)" \
  SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0 SECURE_HSTS_SECONDS=0 SAKIP_2FA_DEMO_EXEMPT=$${SAKIP_2FA_DEMO_EXEMPT:-1}
MIGRATIONS_HASH = $$(cat sakip/*/migrations/*.py | sha1sum | cut -c1-16)-$$(echo "$$DATABASE_URL" | sha1sum | cut -c1-8)
RUN_WORKERS ?= 2
# Starts the demo TSA in the background of one recipe line (its pid in $$TSA), waiting until it answers.
START_TSA = $(if $(DEMO_TSA),$(MANAGE) demo_tsa --port $(TSA_PORT) >> var/tsa.log 2>&1 & TSA=$$!; \
  for i in $$(seq 60); do $(PY) -c "import socket; socket.create_connection(('127.0.0.1', $(TSA_PORT)), 1)" 2>/dev/null && break; sleep 0.5; done;,)

var/secret_key: | var
	@umask 077; $(BASE_PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

run: venv var var/secret_key
	@if [ -n "$$(find sakip -name '*.po' -newer var/.messages-stamp 2>/dev/null | head -1)" ] || [ ! -e var/.messages-stamp ]; then \
	  { command -v msgfmt >/dev/null && $(MANAGE) compilemessages -v 0 --ignore=.venv || echo "(msgfmt missing: using the committed .mo files)"; } && touch var/.messages-stamp; fi
	@h="$(MIGRATIONS_HASH)"; if [ "$$(cat var/.migrate-stamp 2>/dev/null)" != "$$h" ] || { [ -z "$$DATABASE_URL" ] && [ ! -e var/sakip.sqlite3 ]; }; then \
	  echo "Menyiapkan basis data (migrate)…"; $(RUN_ENV) $(MANAGE) migrate --no-input -v 0 && echo "$$h" > var/.migrate-stamp; fi
	@if [ ! -e var/static/staticfiles.json ] || [ -n "$$(find static sakip/*/static -newer var/static/staticfiles.json -print -quit 2>/dev/null)" ]; then \
	  $(RUN_ENV) $(MANAGE) collectstatic --no-input -v 0; fi
	@trap 'kill $$TSA 2>/dev/null' EXIT INT TERM; $(START_TSA) $(RUN_ENV) $(MANAGE) load_demo
	@$(RUN_ENV) $(MANAGE) demo_logins
	@echo "sakip: http://127.0.0.1:$(PORT)/   (mode produksi; pengembang: make dev)"
	@trap 'kill $$WORKER $$SCHEDULER $$TSA 2>/dev/null' EXIT INT TERM; $(START_TSA) \
	  $(RUN_ENV) $(MANAGE) db_worker -v 0 > var/worker.log 2>&1 & WORKER=$$!; \
	  $(RUN_ENV) $(MANAGE) scheduler > var/scheduler.log 2>&1 & SCHEDULER=$$!; \
	  $(RUN_ENV) $(VENV)/bin/gunicorn sakip.wsgi -b 127.0.0.1:$(PORT) -w $(RUN_WORKERS) --timeout 120 \
	    --error-logfile var/gunicorn.log --log-level warning

# `make dev`: DEBUG on and Django's runserver (auto-reload, technical error pages) for developers.
dev: export SITE_URL := $(SITE_URL)
dev: export SAKIP_TSA_URL := $(TSA_URL)
dev: venv var
	@command -v msgfmt >/dev/null && $(MANAGE) compilemessages -v 0 --ignore=.venv || echo "(msgfmt missing: using the committed .mo files)"
	$(MANAGE) migrate --no-input -v 0
	@trap 'kill $$TSA 2>/dev/null' EXIT INT TERM; $(START_TSA) $(MANAGE) load_demo
	@$(MANAGE) demo_logins
	@echo "sakip (dev): http://127.0.0.1:$(PORT)/"
	@trap 'kill $$WORKER $$SCHEDULER $$TSA 2>/dev/null' EXIT INT TERM; $(START_TSA) \
	  $(MANAGE) db_worker -v 0 > var/worker.log 2>&1 & WORKER=$$!; \
	  $(MANAGE) scheduler > var/scheduler.log 2>&1 & SCHEDULER=$$!; \
	  $(MANAGE) runserver 127.0.0.1:$(PORT)
# --- end scale ----------------------------------------------------------------------------------------

demo: venv var
	$(MANAGE) migrate --no-input -v 0
	$(MANAGE) load_demo

test-deps:
	@missing=""; \
	  command -v chromium >/dev/null || missing="$$missing chromium"; \
	  command -v pdftotext >/dev/null || missing="$$missing poppler-utils"; \
	  command -v zbarimg >/dev/null || missing="$$missing zbar-tools"; \
	  command -v soffice >/dev/null || missing="$$missing libreoffice-writer-nogui libreoffice-calc-nogui"; \
	  command -v certutil >/dev/null || missing="$$missing libnss3-tools"; \
	  command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	  fc-list 2>/dev/null | grep -qi "Liberation Sans" || missing="$$missing fonts-liberation2"; \
	  fc-list 2>/dev/null | grep -qi "DejaVu" || missing="$$missing fonts-dejavu-core"; \
	  if [ -n "$$missing" ]; then echo "Installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; fi
	@pg_isready -q -h 127.0.0.1 -p 5432 || { echo "Starting PostgreSQL"; pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start; sleep 2; }

test: test-deps venv var
	$(MAKE) --no-print-directory lint
	$(MANAGE) compilemessages -v 0 --ignore=.venv
	@echo "=== Migrations match the models (tests build their tables directly) ==="
	$(MANAGE) makemigrations --check --dry-run -v 1
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-pg

test-sqlite: venv var
	@echo "=== Test suite on SQLite (with browser tests) ==="
	HYPOTHESIS_PROFILE=ci $(PY) -m pytest $(XDIST) -p no:cacheprovider -m "not e2e"
	@echo "=== Browser tests (Playwright, Debian Chromium) ==="
	HYPOTHESIS_PROFILE=ci $(PY) -m pytest $(XDIST) -p no:cacheprovider -m e2e

test-pg: venv var
	@echo "=== Test suite on PostgreSQL (browser tests run on SQLite only) ==="
	DATABASE_URL=$(PG_URL) HYPOTHESIS_PROFILE=ci $(PY) -m pytest $(XDIST) -p no:cacheprovider -m "not e2e"

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint sakip --lint
	@echo "=== Translations: no empty or fuzzy English message, .mo files compiled ==="
	$(PY) -m pytest -q -p no:cacheprovider sakip/core/tests/test_translations.py

messages: venv
	@for app in sakip/*/; do if [ -d $$app/locale ]; then (cd $$app && $(CURDIR)/$(PY) $(CURDIR)/manage.py makemessages -l en -v 0); fi; done
	$(MANAGE) compilemessages -v 0 --ignore=.venv

bench: venv var
	$(PY) benchmarks/run.py

deploy-check: venv
	DEBUG=0 SECRET_KEY=$$(head -c 48 /dev/urandom | base64) ALLOWED_HOSTS=sakip.example.go.id SITE_URL=https://sakip.example.go.id \
	  SECURE_SSL_REDIRECT=1 $(MANAGE) check --deploy --fail-level WARNING

screenshots: venv var
	$(PY) docs/make_screenshots.py

clean:
	rm -rf $(VENV) var
