# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TSTAMP := $(VENV)/.installed-test

.PHONY: demo test install bench bench-load bench-scale readme-assets clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(TSTAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP) $@

install: $(STAMP)

## demo: build the store from data/ and answer sample questions (runs the bot when TELEGRAM_BOT_TOKEN is set)
demo: $(STAMP)
	$(BIN)/tradefacts demo

## test: install what the tests need and run the whole suite
test: $(TSTAMP)
	$(BIN)/python -m pytest -q

## bench: run the benchmarks (figures and ratios, no pass/fail)
bench: $(TSTAMP)
	$(BIN)/python bench/import_bench.py
	$(BIN)/python bench/engine_bench.py
	$(BIN)/python bench/bot_bench.py

## bench-load: the bot under a 10,000-question burst and a 50,000-question soak; 100,000 fuzzed questions (~15 min)
bench-load: $(TSTAMP)
	$(BIN)/python bench/load_bench.py
	$(BIN)/python bench/fuzz_bench.py

## bench-scale: every performance figure of issue #6 at full scale (20M-row import, 100M-row store; ~15 min, ~15 GB of /tmp)
bench-scale: $(TSTAMP)
	$(BIN)/python bench/run_all.py

## readme-assets: regenerate the README's example answer and chart from the bundled store
readme-assets: $(STAMP)
	$(BIN)/python docs/generate.py

clean:
	rm -rf $(VENV) build *.egg-info
