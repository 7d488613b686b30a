# The two commands a new user needs (each sets itself up first; see scripts/bootstrap.sh):
#   make demo   validate the maps, render them, write the comparison tables and report into build/
#   make test   lint, type-check and run the test suite
# For working on the set-up itself (docs/development.md):
#   make lock         regenerate requirements/constraints.txt from pyproject.toml
#   make test-latest  the same checks against the newest releases, unpinned, in .venv-latest
VENV   ?= .venv
PY     := $(VENV)/bin/python
ARGMAP := $(VENV)/bin/argmap
BUILD  ?= build
LOCK   := requirements/constraints.txt
# `make lock` keeps the current pins where pyproject.toml still allows them; to move on, e.g.
#   make lock LOCK_FLAGS=--upgrade                    (everything to the newest)
#   make lock LOCK_FLAGS="--upgrade-package pytest"   (one package)
LOCK_FLAGS ?=
SETUP_FLAGS ?=

.PHONY: demo test setup lint typecheck pytest clean lock test-latest

setup:
	@VENV=$(VENV) scripts/bootstrap.sh --node-tools $(SETUP_FLAGS)

demo:
	@VENV=$(VENV) scripts/bootstrap.sh --need-dot
	@$(ARGMAP) validate maps/
	@$(PY) scripts/demo.py --out $(BUILD)

test: setup lint typecheck pytest

lint:
	@echo "== lint (ruff)"
	@$(VENV)/bin/ruff check src tests scripts $(wildcard benchmarks)

typecheck:
	@echo "== type check (mypy)"
	@$(PY) -m mypy

pytest:
	@echo "== tests (pytest; a few minutes)"
	@$(PY) -m pytest -q

# One command makes the lock: every runtime and test tool (and pip, the build backend and uv),
# transitive dependencies included, pinned exactly, for Python 3.11+ on Linux, macOS (and Windows).
lock:
	@VENV=$(VENV) scripts/bootstrap.sh --lock-tool
	$(VENV)/bin/uv pip compile pyproject.toml --group dev --universal --python-version 3.11 \
	  --custom-compile-command "make lock" --quiet -o $(LOCK) $(LOCK_FLAGS)

# The newest releases pyproject.toml allows, deliberately unpinned, in their own environment.
test-latest:
	@$(MAKE) --no-print-directory test VENV=.venv-latest SETUP_FLAGS=--latest

clean:
	rm -rf $(BUILD) .pytest_cache .mypy_cache .ruff_cache .hypothesis
