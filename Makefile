# Everything a fresh machine needs: `make run` and `make test` create .venv when missing and
# install what they need (again only when pyproject.toml changed).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
.DEFAULT_GOAL := help

.PHONY: help run test test-engine lint format bench clean

help:
	@echo "make run     open the app on the bundled sample article"
	@echo "make test    the whole test suite, headless (plus lint)"
	@echo "make bench   speed and memory benchmarks"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-app: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,eval]'
	@touch $@ $(VENV)/.installed-app

run: $(VENV)/.installed-app
	$(BIN)/article-summariser resources/sample-article.txt

test: $(VENV)/.installed-test
	$(BIN)/ruff check desktop tests
	$(BIN)/ruff format --check desktop tests
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

test-engine: $(VENV)/.installed-test
	$(BIN)/python -m pytest -m "not gui" $(PYTEST_ARGS)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check desktop tests
	$(BIN)/ruff format --check desktop tests

format: $(VENV)/.installed-test
	$(BIN)/ruff check --fix desktop tests
	$(BIN)/ruff format desktop tests

clean:
	rm -rf $(VENV) build dist *.egg-info desktop/*.egg-info
