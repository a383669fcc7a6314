# Two commands: `make` builds everything, `make test` checks the committed outputs.
# Both create the environment first if it is missing (Python 3.11, git and make are all you need).

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
UV     := $(VENV)/bin/uv
ENV_STAMP := $(VENV)/.installed

.PHONY: all build test env clean-env checksums bench mutate

all: build

build: $(ENV_STAMP)
	@$(PY) -m compendium.build

# nbval and the tests on two workers; each notebook and the checks of its outputs stay together
test: $(ENV_STAMP)
	@$(PY) -m pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

env: $(ENV_STAMP)

# uv installs the pinned lock in seconds; it is itself pinned and installed by pip.
$(ENV_STAMP): requirements.txt pyproject.toml
	@echo "env: creating $(VENV) with the pinned packages of requirements.txt"
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install --quiet --disable-pip-version-check uv==0.13.8
	@$(UV) pip install --quiet --python $(PY) -r requirements.txt
	@$(UV) pip install --quiet --python $(PY) --no-deps -e .
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
	rm -rf $(VENV)
