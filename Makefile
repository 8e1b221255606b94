# One command to run the site, one to test it. Everything installs into .venv.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
FLASK  := $(BIN)/flask --app wsgi
DEV    := MARKETPLACE_ENV=development MARKETPLACE_MAIL_DELIVERY=inline

.PHONY: run test install translations browser bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(STAMP)

translations: $(STAMP)
	@if ls translations/*/LC_MESSAGES/messages.po >/dev/null 2>&1; then \
		$(BIN)/pybabel compile --use-fuzzy -d translations >/dev/null 2>&1 || $(BIN)/pybabel compile -d translations; fi

run: translations
	$(DEV) $(FLASK) db upgrade
	$(DEV) $(FLASK) demo load --if-empty
	$(DEV) $(FLASK) run --host 127.0.0.1 --port 5000

# Debian's Chromium drives the browser tests; installed when we are root, else they are skipped.
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing Debian's chromium for the browser tests..."; \
			(apt-get install -y -qq chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)) \
				|| echo "NOTICE: could not install chromium; browser tests will be skipped."; \
		else echo "NOTICE: /usr/bin/chromium is missing and we are not root; browser tests will be skipped."; fi; \
	fi

test: translations browser
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: translations
	@command -v wrk >/dev/null || (apt-get install -y -qq wrk >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq wrk >/dev/null)) || { echo "make bench needs wrk (apt-get install wrk)"; exit 1; }
	$(BIN)/python -m marketplace.bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) instance test-artifacts translations/*/LC_MESSAGES/*.mo
