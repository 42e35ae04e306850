# Everything a fresh machine needs: `make run` and `make test` create .venv when missing and
# install what they need (again only when pyproject.toml changed).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
.DEFAULT_GOAL := help

.PHONY: help run test test-engine lint format bench clean package install-desktop

help:
	@echo "make run     open the app on the bundled sample article"
	@echo "make test    the whole test suite, headless (plus lint)"
	@echo "make bench   speed and memory benchmarks"
	@echo "make package          the one-folder app in dist/, self-tested offline"
	@echo "make install-desktop  menus, Open With and icons for this user (Linux)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-app: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,eval,package]'
	@touch $@ $(VENV)/.installed-app

run: $(VENV)/.installed-app
	$(BIN)/article-summariser resources/sample-article.txt

$(VENV)/.installed-package: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[package]'
	@touch $@ $(VENV)/.installed-app

# dist/article-summariser/ by PyInstaller (a few minutes), then its self-test run with an empty
# environment and home, no network and no Python of this machine in sight. See packaging/.
package: $(VENV)/.installed-package
	$(BIN)/python packaging/build.py --check

# The .desktop file, AppStream metainfo and icons under ~/.local/share; the menu entry starts the
# frozen app when `make package` has built it, else the venv's command.
install-desktop: $(VENV)/.installed-app
	$(BIN)/python packaging/install_desktop.py

test: $(VENV)/.installed-test
	$(BIN)/ruff check desktop tests
	$(BIN)/ruff format --check desktop tests
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

test-engine: $(VENV)/.installed-test
	$(BIN)/python -m pytest -m "not gui" $(PYTEST_ARGS)

# Real prose of 1k-500k words through every stage, sumy's own algorithms beside ours, start-up
# beside a bare PySide6 window; about five minutes on 2 cores. Tables on stdout, figures in
# bench-results.json (git-ignored).
bench: $(VENV)/.installed-test
	QT_QPA_PLATFORM=$${QT_QPA_PLATFORM:-offscreen} $(BIN)/python -m tests.bench.run $(BENCH_ARGS)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check desktop tests
	$(BIN)/ruff format --check desktop tests

format: $(VENV)/.installed-test
	$(BIN)/ruff check --fix desktop tests
	$(BIN)/ruff format desktop tests

clean:
	rm -rf $(VENV) build dist *.egg-info desktop/*.egg-info
