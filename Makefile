# One command to run the site, one to test it. Everything installs into .venv.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
FLASK  := $(BIN)/flask --app wsgi
DEV    := MARKETPLACE_ENV=development MARKETPLACE_MAIL_DELIVERY=inline

.PHONY: run test install translations browser checkers bench clean

# axe-core and the Nu HTML Checker (vnu.jar) for the accessibility and markup tests, from the npm registry.
AXE_VERSION := 4.14.1
VNU_VERSION := 26.9.27
CHECKERS    := .cache/npm/.installed-axe-$(AXE_VERSION)-vnu-$(VNU_VERSION)

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

# --ignore-scripts: vnu-jar's install script would download a Java runtime; this machine's Java serves.
$(CHECKERS):
	@if command -v npm >/dev/null; then \
		echo "Installing axe-core $(AXE_VERSION) and vnu-jar $(VNU_VERSION) into .cache/npm..."; \
		npm install --prefix .cache/npm --no-save --no-audit --no-fund --ignore-scripts --loglevel=error \
			axe-core@$(AXE_VERSION) vnu-jar@$(VNU_VERSION) >/dev/null && touch $@ \
			|| echo "NOTICE: could not install axe-core and vnu-jar; the accessibility and HTML checks will be skipped."; \
	else echo "NOTICE: npm is missing; the accessibility and HTML checks will be skipped."; fi

checkers: $(CHECKERS)

test: translations browser checkers
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: translations
	@command -v wrk >/dev/null || (apt-get install -y -qq wrk >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq wrk >/dev/null)) || { echo "make bench needs wrk (apt-get install wrk)"; exit 1; }
	$(BIN)/python -m marketplace.bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .venv-tools instance test-artifacts translations/*/LC_MESSAGES/*.mo
