# Two commands: `make` builds everything, `make test` checks the committed outputs.
# Both create the environment first if it is missing. Needs: any python3 (to install uv), git, make.

PYTHON ?= python3
# The pinned interpreter: uv uses an installed Python 3.11 or fetches a managed one.
PYTHON_VERSION := 3.11
UV_VERSION     := 0.13.8
VENV   := .venv
PY     := $(VENV)/bin/python
TOOLS  := .tools
UV     := $(TOOLS)/bin/uv
ENV_STAMP := $(VENV)/.installed

.PHONY: all build rebuild verify test env clean-env checksums bench mutate

all: build

# Checks the committed build lock first: on a fresh clone nothing is stale and nothing runs.
build: $(ENV_STAMP)
	@$(PY) -m compendium.build

# Every notebook, whatever the lock says.
rebuild: $(ENV_STAMP)
	@$(PY) -m compendium.build --all

# Without running anything: does every committed output match its inputs and the pinned environment?
verify: $(ENV_STAMP)
	@$(PY) -m compendium.build --verify

# nbval and the tests on two workers; each notebook and the checks of its outputs stay together
test: $(ENV_STAMP)
	@$(PY) -m pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

env: $(ENV_STAMP)

$(UV):
	@$(PYTHON) -m venv $(TOOLS)
	@$(TOOLS)/bin/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# --compile-bytecode: packages are compiled once here, so no kernel compiles pandas or matplotlib
# from source on every run (PYTHONDONTWRITEBYTECODE=1 would otherwise make that permanent).
# sync, not install: after an edit of the lock, a package it no longer lists is removed too.
$(ENV_STAMP): requirements.txt pyproject.toml | $(UV)
	@echo "env: creating $(VENV) (Python $(PYTHON_VERSION)) with the pinned packages of requirements.txt"
	@test -x $(PY) || $(UV) venv --quiet --python $(PYTHON_VERSION) $(VENV)
	@$(UV) pip sync --quiet --compile-bytecode --python $(PY) requirements.txt
	@$(UV) pip install --quiet --compile-bytecode --python $(PY) --no-deps -e .
	@touch $(ENV_STAMP)

# Time set-up, full build, no-op build and tests against the floor; writes paper/benchmark.json.
bench: $(ENV_STAMP)
	@$(PY) -m compendium.benchmark
	@$(PY) -m compendium.build

# Corrupt one raw value at a time in a scratch copy and count how many the tests catch.
mutate: $(ENV_STAMP)
	@$(PY) -m compendium.mutate

# After a deliberate, sourced edit of data/raw: record the new checksums.
checksums: $(ENV_STAMP)
	@$(PY) -m compendium.data

clean-env:
	rm -rf $(VENV) $(TOOLS)
