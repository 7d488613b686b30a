# The two commands a new user needs (each sets itself up first; see scripts/bootstrap.sh):
#   make demo   validate the maps, render them, write the comparison tables and report into build/
#   make test   lint, type-check and run the test suite
VENV   ?= .venv
PY     := $(VENV)/bin/python
ARGMAP := $(VENV)/bin/argmap
BUILD  ?= build

.PHONY: demo test setup lint typecheck pytest clean

setup:
	@scripts/bootstrap.sh

demo:
	@scripts/bootstrap.sh --need-dot
	@$(ARGMAP) validate maps/
	@$(PY) scripts/demo.py --out $(BUILD)

test: setup lint typecheck pytest

lint:
	@$(VENV)/bin/ruff check src tests scripts $(wildcard benchmarks)

typecheck:
	@$(PY) -m mypy

pytest:
	@$(PY) -m pytest -q

clean:
	rm -rf $(BUILD) .pytest_cache .mypy_cache .ruff_cache .hypothesis
