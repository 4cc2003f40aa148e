# Quick start: `make site` builds the site into site/, `make test` runs every test,
# `make test-fast` the tests that need neither MkDocs nor a browser (run it after every change).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
LOCK   := requirements.lock
COMPILED := $(VENV)/.compiled
GENERATOR_CODE := $(shell find generator -name '*.py')
export NO_MKDOCS_2_WARNING := 1

.PHONY: site check serve test test-fast lint bench lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Every install is constrained to the versions in the lock file, here as in CI and on Pages.
$(STAMP): pyproject.toml $(LOCK) | $(BIN)/python
	$(BIN)/pip install --quiet -c $(LOCK) -e .
	touch $@

# pip compiles a package's bytecode when it installs it, but not an editable one: compiled here, and
# again whenever the generator's code changes (a pull, an edit), so that each `smf` run does not
# compile it again where Python may not write bytecode (PYTHONDONTWRITEBYTECODE; a tenth of a second
# of every build).
$(COMPILED): $(GENERATOR_CODE) $(STAMP)
	$(BIN)/python -m compileall -q generator
	touch $@

$(TEST_STAMP): pyproject.toml $(LOCK) $(STAMP)
	$(BIN)/pip install --quiet -c $(LOCK) -e '.[test,bench,lint]'
	touch $@

site: $(STAMP) $(COMPILED)
	$(BIN)/smf build

check: $(STAMP) $(COMPILED)
	$(BIN)/smf check

serve: $(STAMP) $(COMPILED)
	$(BIN)/smf serve

test: $(TEST_STAMP) $(COMPILED)
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

test-fast: $(TEST_STAMP) $(COMPILED)
	$(BIN)/python -m pytest -q -n auto -m "not slow and not browser" $(PYTEST_ARGS)

lint: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy generator

# After changing dependencies in pyproject.toml: resolve them afresh in a throwaway venv and pin the result.
lock:
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --upgrade pip
	.lock-venv/bin/pip install --quiet -e '.[test,bench,lint]'
	{ sed -n '1,2p' $(LOCK); .lock-venv/bin/pip freeze --exclude-editable | grep -v '^smf-site'; } > $(LOCK).new
	mv $(LOCK).new $(LOCK)
	rm -rf .lock-venv

bench: $(TEST_STAMP) $(COMPILED)
	$(BIN)/python bench/run.py

clean:
	rm -rf build site
