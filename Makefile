# Applied Deep Learning - the math underneath.
#   make lab    - create .venv if needed, install the course, open JupyterLab on the start page
#   make test   - install the test tools and run unit tests, notebooks (nbval) and browser tests
#   make execute [NB=notebooks/03_norms.ipynb] - re-run notebooks in place after editing them
#   make html   - static HTML of every notebook under build/html (what GitHub/nbviewer readers see)
#   make bench  - time notebooks, explorers, import and training; figures in build/bench.json
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
NB ?=
# jupyter refuses to run as root unless told it is deliberate (containers, CI).
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lint lab test test-unit test-notebooks test-repeat test-browser html bench execute strip verify-notebooks install clean help

help:
	@sed -n '2,7p' Makefile

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "Python >= 3.10 is needed; set PYTHON=python3.11 for example")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Stamps make re-runs instant: pip runs again only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[test,integration]'
	touch $@

install: $(VENV)/.installed

lab: $(VENV)/.installed
	$(BIN)/jupyter lab $(ROOT_FLAG) --config=.jupyter/jupyter_server_config.py --LabApp.default_url=/lab/tree/notebooks/00_start_here.ipynb

test: test-unit test-notebooks verify-notebooks test-browser

test-unit: $(VENV)/.installed-test
	$(PY) -m pytest -q tests

test-notebooks: $(VENV)/.installed-test
	$(PY) -m pytest -q --nbval notebooks

# Stored outputs must be deterministic: nbval three times in a row.
test-repeat: $(VENV)/.installed-test
	for i in 1 2 3; do $(PY) -m pytest -q --nbval notebooks || exit 1; done

# JupyterLab in a real (headless) browser: every notebook run, every explorer moved.
test-browser: $(VENV)/.installed-test
	PYTHON=$(abspath $(PY)) bash tests/browser/run.sh

html: $(VENV)/.installed-test
	$(PY) tools/build_html.py

bench: $(VENV)/.installed-test
	$(PY) benchmarks/run.py

# Browser round trip: slider key press -> new picture on screen, every explorer, in JupyterLab
# (headless chromium); p50/p95 into build/bench-browser.json (target p95 <= 120 ms). About 2-3 min.
.PHONY: bench-browser
bench-browser: $(VENV)/.installed-test
	$(PY) tests/browser/roundtrip.py

verify-notebooks: $(VENV)/.installed-test
	$(PY) tools/notebooks.py verify

execute: $(VENV)/.installed-test
	$(PY) tools/notebooks.py execute $(NB)

strip: $(VENV)/.installed-test
	$(PY) tools/notebooks.py strip $(NB)

# Ruff with default rules over the package, tests, tools, benchmarks and the notebooks' code.
lint: $(VENV)/.installed-test
	$(BIN)/ruff check lecture_utils tests tools benchmarks notebooks

clean:
	rm -rf build .pytest_cache

# --- Running a class on JupyterHub (deploy/, tests/hub/, benchmarks/memory.py) ---------
# make hub-link HUB=https://hub.example.edu [REPO=https://github.com/you/repo] [BRANCH=main]
# make bench-memory - kernel, server and whole-course memory into build/bench.json ("memory")
# make test-hub     - a real JupyterHub on 127.0.0.1: students, nbgitpuller, isolation, load
HUB ?=
REPO ?=
BRANCH ?= main
CHP_DIR := build/hub-proxy
.PHONY: hub-link bench-memory test-hub

hub-link:
	@test -n "$(HUB)" || { echo "usage: make hub-link HUB=https://hub.example.edu [REPO=...] [BRANCH=main]"; exit 2; }
	@$(PYTHON) deploy/hub_link.py "$(HUB)" --branch "$(BRANCH)" $(if $(REPO),--repo "$(REPO)")

$(VENV)/.installed-hub: pyproject.toml $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[hub]'
	touch $@

bench-memory: $(VENV)/.installed-hub
	$(PY) benchmarks/memory.py

# configurable-http-proxy (npm) is installed into build/ when it is not on PATH.
test-hub: $(VENV)/.installed-hub
	@command -v configurable-http-proxy >/dev/null || test -x $(CHP_DIR)/node_modules/.bin/configurable-http-proxy \
	  || npm install --silent --no-audit --no-fund --prefix $(CHP_DIR) configurable-http-proxy@4
	PATH="$(abspath $(CHP_DIR))/node_modules/.bin:$$PATH" $(PY) tests/hub/hub_check.py

# Instructor edition (tools/release.py, tools/grade.py): see README "For instructors".
#   make release                       - build/release/{student,self-study,nbgrader}
#   make grade SUBMISSIONS=folder      - build/grades.csv and build/feedback/<student>.html
#   make test-instructor               - tests/test_release.py and tests/test_grade.py, nbgrader included
GRADE_ARGS ?=
.PHONY: release grade test-instructor

release: $(VENV)/.installed
	$(PY) tools/release.py build/release

grade: $(VENV)/.installed
	@test -n "$(SUBMISSIONS)" || { echo "usage: make grade SUBMISSIONS=folder (holding <student>/<notebook>.ipynb)"; exit 2; }
	$(PY) tools/grade.py "$(SUBMISSIONS)" --out build $(GRADE_ARGS)

$(VENV)/.installed-instructor: pyproject.toml $(VENV)/.installed-test
	$(PY) -m pip install --quiet -e '.[test,instructor]'
	touch $@

# nbgrader calls `alembic` by name: the venv's bin/ must be on PATH.
test-instructor: $(VENV)/.installed-instructor
	PATH="$(abspath $(BIN)):$$PATH" $(PY) -m pytest -q tests/test_release.py tests/test_grade.py
