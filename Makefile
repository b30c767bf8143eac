# Applied Deep Learning - the math underneath.
#   make lab    - create .venv if needed, install the course, open JupyterLab on the start page
#   make check  - lint and the fast unit tests (under a minute): run it after every change
#   make test   - install the test tools and run every test group: lint, unit and course tests,
#                 notebooks (nbval), integration (packaging, Binder, release, grading), the browser
#                 (JupyterLab, Notebook 7, Voila, accessibility), a local JupyterHub, the Colab
#                 setup cell and the oldest declared versions; then checks it left the checkout clean
#   make execute [NB=notebooks/03_norms.ipynb] - re-run notebooks in place after editing them
#   make html   - the static course site in build/html: every notebook run, explorers that move with
#                 no kernel, every script from the site itself (needs npm; build/site-cache keeps runs)
#   make bench  - time notebooks, explorers, import and training; figures in build/bench.json
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
# Installs go through uv (pip's interface, same wheels, same PEP 660 editable install): a fresh
# install of every extra takes about 1 min instead of several with pip's resolver. uv itself
# is bootstrapped into the venv by the venv's pip.
UV := $(BIN)/uv
PIP_INSTALL := $(UV) pip install --quiet --python $(PY)
NB ?=
# Compiled bytecode goes under build/pycache (never beside the sources), also where the
# environment sets PYTHONDONTWRITEBYTECODE (this machine does; uv installs no .pyc):
# without it every Python process make starts (tests, kernels, servers, the oldest venv's)
# compiles numpy, matplotlib, ipywidgets and the tests from source again, ~3 s of CPU each.
export PYTHONDONTWRITEBYTECODE :=
export PYTHONPYCACHEPREFIX := $(CURDIR)/build/pycache
# jupyter refuses to run as root unless told it is deliberate (containers, CI).
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lint lab check test test-unit test-unit-rest test-unit-fuzz test-course test-integration test-integration-rest test-site test-instructor test-notebooks test-repeat test-browser html bench execute strip \
	verify-notebooks generated install clean help

# Every target with a comment line "#   make <target> ..." is listed.
help:
	@grep -hE '^#   make ' $(MAKEFILE_LIST) | sed 's/^#   //'

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "Python >= 3.10 is needed; set PYTHON=python3.11 for example")'
	$(PYTHON) -m venv $(VENV)

$(UV): | $(PY)
	$(PY) -m pip install --quiet uv

# Stamps make re-runs instant: pip runs again only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(UV)
	$(PIP_INSTALL) -e .
	touch $@

# test: pytest, nbval, hypothesis, ruff (make check, the unit and course tiers, nbval);
# integration: playwright and repo2docker as well (browsers, Binder).
$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(PIP_INSTALL) -e '.[test]'
	touch $@

$(VENV)/.installed-integration: pyproject.toml $(VENV)/.installed-test
	$(PIP_INSTALL) -e '.[test,integration]'
	touch $@

install: $(VENV)/.installed

lab: $(VENV)/.installed
	$(BIN)/jupyter lab $(ROOT_FLAG) --config=.jupyter/jupyter_server_config.py --LabApp.default_url=/lab/tree/notebooks/00_start_here.ipynb

# The test tiers (markers given by file in tests/conftest.py, mirroring the package):
#   unit         the package: maths, checks, plots, widgets, registry (`slow`: the costly explorers)
#   course       the notebooks' hygiene, worked solutions, exercises and banks of slips
#   integration  packaging, Binder, Colab, deploy, static site, benchmarks, release, grading,
#                adding a notebook (venvs, subprocesses, nbgrader, repo2docker)
# make check runs the fast part of `unit` with few hypothesis examples (HYPOTHESIS_PROFILE=fast);
# every other run is derandomized (profile `ci`), so a commit gives one result.
# nbval is not loaded there nor in test-unit: importing it (nbformat's schema validators) costs seconds, and
# pyproject's addopts name nbval's options, hence the shorter addopts.
CHECK_PATHS := lecture_utils tests tools benchmarks notebooks deploy
check: $(VENV)/.installed-test
	$(BIN)/ruff check $(CHECK_PATHS)
	HYPOTHESIS_PROFILE=fast $(PY) -m pytest -q -x -p no:nbval -o addopts="-p no:cacheprovider --strict-markers" \
	  --tiers unit -m "not slow"

# Every test group, JOBS_TEST at a time, longest first, all of them even when one fails (one
# run shows every failure); each group's output is printed whole when it ends. One pip run installs every extra first, so no two groups install into the venv
# at once. Then: nothing new in `git status` (no test may write into the checkout outside
# ignored build output).
# Full notebook runs per make test, on the current versions: nbval once (test-notebooks: a fresh
# kernel's outputs equal the stored ones, which another kernel wrote: the determinism check;
# `make test-repeat` runs it three times in a row) and the worked solutions (test-course);
# nbval-lax once on the oldest (test-oldest). The static site (test-site) shows the
# stored outputs and runs only the explorers' cells and what they need, once per session. The
# browser groups, and the other student on the hub, run only the explorers' cells and what they
# need (tests/browser/explorer_cells.py); the hub runs 00 and 05 of the student edition whole in
# one student's server.
# Longest first (CPU-bound single processes first: the unit and integration parts, the course),
# four at a time on 2 cores: the browser, hub, Colab and oldest groups spend much of their time
# waiting (servers and kernels starting, pages loading, installs), which the others fill. With
# one unit group it ended last, starved; with five at a time the four browser groups overlapped
# at the end and each took twice as long (Chromium's CPU is not in the groups' CPU figures:
# its processes are not waited for).
TEST_GROUPS := test-unit-rest test-integration-rest test-unit-fuzz test-instructor test-course test-site \
	test-browser test-oldest test-hub test-notebook7 test-voila test-notebooks test-colab lint
JOBS_TEST ?= 4
# The slowest tests of each pytest group are listed at its end (where the time goes).
DURATIONS ?= --durations=15
# (Outside a git checkout, a tarball say, the last check is skipped.)
# Each group is a make of its own, started in TEST_GROUPS' order as a slot frees (xargs -P): one
# `make -j` started a group whose prerequisite had to run first (grade-sandbox, the oldest venv)
# only after every later group had started, so test-integration ran last. A group's output goes
# to build/test-logs/<group>.log, printed whole when it ends, with its wall and CPU seconds.
# Where the machine lets us (root, cgroup v1's cpuacct), each group runs in a cgroup of its own, so
# its CPU includes what `times` cannot see: Chromium's processes and the grader's sandboxes, which
# are not waited for.
CPUACCT := /sys/fs/cgroup/cpuacct
GROUP_RUN = start=$$(date +%s); cg="$(CPUACCT)/make-test-$$PPID-$$0"; \
	{ [ -w "$(CPUACCT)" ] && mkdir -p "$$cg" && echo $$$$ > "$$cg/cgroup.procs"; } 2>/dev/null || cg=; \
	$(MAKE) --no-print-directory "$$0" > "build/test-logs/$$0.log" 2>&1; rc=$$?; \
	times > "build/test-logs/$$0.times"; cpu=$$(tail -n 1 "build/test-logs/$$0.times"); cat "build/test-logs/$$0.log"; \
	all=; if [ -n "$$cg" ]; then all=", all CPU (cgroup): $$(( $$(cat "$$cg/cpuacct.usage") / 1000000000 )) s"; \
	  echo $$$$ > "$(CPUACCT)/cgroup.procs"; rmdir "$$cg" 2>/dev/null; fi; \
	echo "== $$0: exit $$rc, $$(( $$(date +%s) - start )) s wall, CPU of its processes (user system): $$cpu$$all"; exit $$rc
test: $(VENV)/.installed-all
	@mkdir -p build/test-logs; { git status --porcelain --untracked-files=all 2>/dev/null || true; } | sort > build/.status-before
	@printf '%s\n' $(TEST_GROUPS) | xargs -P $(JOBS_TEST) -n 1 bash -c '$(GROUP_RUN)'; groups=$$?; \
	  git rev-parse --git-dir > /dev/null 2>&1 || exit $$groups; git status --porcelain --untracked-files=all | sort > build/.status-after; \
	  new=$$(comm -13 build/.status-before build/.status-after); \
	  if [ -n "$$new" ]; then echo "make test wrote into the checkout (git status):"; echo "$$new"; exit 1; fi; \
	  echo "make test: the checkout is as it was (git status)"; \
	  if [ $$groups -ne 0 ]; then echo "make test: a group failed (its '== group: exit' line above)"; exit 1; fi

$(VENV)/.installed-all: pyproject.toml $(VENV)/.installed
	$(PIP_INSTALL) -e '.[test,integration,hub,instructor,frontends]'
	touch $(VENV)/.installed-test $(VENV)/.installed-integration $(VENV)/.installed-hub \
	  $(VENV)/.installed-instructor $(VENV)/.installed-frontends $@

#   make test-unit - the unit tier: the package (maths, checks, plots, widgets, registry)
#   make test-course - the course tier: notebook hygiene, worked solutions, exercises, banks
# Two groups, so that make test's two jobs share them (each is minutes of CPU).
# make test runs the unit tier as two groups (each a single process: two share both cores):
# the fuzzing of every public function and explorer (UNIT_FUZZ_TESTS), and the rest.
UNIT_FUZZ_TESTS := tests/test_robustness_inputs.py tests/test_robustness_classes.py tests/test_robustness_explorers.py
UNIT_PYTEST = $(PY) -m pytest -q $(DURATIONS) -p no:nbval -o addopts="-p no:cacheprovider --strict-markers" --tiers unit
test-unit: $(VENV)/.installed-test
	$(UNIT_PYTEST)

test-unit-rest: $(VENV)/.installed-test
	$(UNIT_PYTEST) $(addprefix --ignore=,$(UNIT_FUZZ_TESTS))

test-unit-fuzz: $(VENV)/.installed-test
	$(UNIT_PYTEST) $(UNIT_FUZZ_TESTS)

test-course: $(VENV)/.installed-test
	$(PY) -m pytest -q $(DURATIONS) --tiers course

#   make test-integration - installs, Binder, Colab, deploy, static site, release and grading
#   make test-site - the static course site: built, then every page's explorers moved in Chromium
#   make test-integration-rest - the rest but release and grading (adding a notebook included)
# Three parts, each a group of make test (so they share both cores): test-instructor (release,
# student edition, class numbers, the graded check, the grader and its sandbox), test-site, and
# test-integration-rest (packaging, Binder, Colab, deploy, benchmarks, adding a notebook).
INSTRUCTOR_TESTS := tests/test_release.py tests/test_grade.py tests/test_student_edition.py \
	tests/test_class_variants.py tests/test_graded_check.py
SITE_TESTS := tests/test_static_html.py
test-integration: test-integration-rest test-site test-instructor

test-site: $(VENV)/.installed-integration
	$(PY) -m pytest -q -rs $(DURATIONS) --tiers integration $(SITE_TESTS)

test-integration-rest: $(VENV)/.installed-integration grade-sandbox
	$(PY) -m pytest -q -rs $(DURATIONS) --tiers integration $(addprefix --ignore=,$(INSTRUCTOR_TESTS) $(SITE_TESTS))

#   make test-notebooks - nbval: every notebook re-run in a fresh kernel, outputs compared
test-notebooks: $(VENV)/.installed-test
	$(PY) -m pytest -q --nbval notebooks

#   make test-repeat [REPEAT=3] - nbval REPEAT times in a row (deterministic outputs)
# Stored outputs must be deterministic: nbval REPEAT times in a row (make test runs nbval once: test-notebooks).
REPEAT ?= 3
test-repeat: $(VENV)/.installed-test
	for i in $$(seq $(REPEAT)); do $(PY) -m pytest -q --nbval notebooks || exit 1; done

#   make test-browser - JupyterLab in headless Chromium: explorers' cells run, explorers moved, accessibility
test-browser: $(VENV)/.installed-integration
	PYTHON="$(abspath $(PY))" bash tests/browser/run.sh

html: $(VENV)/.installed-test
	$(PY) tools/build_html.py

bench: $(VENV)/.installed-test $(VENV)/.installed-hub
	$(PY) benchmarks/run.py
	$(PY) benchmarks/memory.py

# Browser round trip, every explorer in JupyterLab (headless chromium): key press -> the frame that
# shows the change (explorers drawn in the browser: p95 <= 16.7 ms, no comm message per move,
# on screen <= 0.5 s after their cell runs; kernel-rendered ones: p95 <= 120 ms), kernel
# messages per burst; figures in build/bench-browser.json. About 3-5 min.
.PHONY: bench-browser
bench-browser: $(VENV)/.installed-integration
	$(PY) tests/browser/roundtrip.py

#   make strip / verify-notebooks [NB=...] - drop / refuse widget state and timing metadata
verify-notebooks: $(VENV)/.installed-test
	$(PY) tools/notebooks.py verify

#   make generated - rewrite what is generated from the notebooks: README's course map, 00's map
generated: $(VENV)/.installed-test
	$(PY) tools/notebooks.py maps

execute: $(VENV)/.installed-test
	$(PY) tools/notebooks.py execute $(NB)

strip: $(VENV)/.installed-test
	$(PY) tools/notebooks.py strip $(NB)

#   make lint   - ruff over the package, tests, tools, benchmarks, deploy and the notebooks' code
# Ruff with default rules over the package, tests, tools, benchmarks and the notebooks' code.
lint: $(VENV)/.installed-test
	$(BIN)/ruff check $(CHECK_PATHS)

clean:
	rm -rf build .pytest_cache

# --- Running a class on JupyterHub (deploy/, tests/hub/, benchmarks/memory.py) ---------
#   make hub-link HUB=https://hub.example.edu REPO=<student repo> [BRANCH=student] - the student edition's link
#   make bench-memory - kernel, server and whole-course memory into build/bench.json ("memory")
#   make test-hub - a real JupyterHub on 127.0.0.1: students, nbgitpuller, isolation, the checker
#   make bench-hub - the same, then 8 students run notebook 05 at once: sizing figures in build/hub-load.json
HUB ?=
REPO ?=
BRANCH ?= student
CHP_DIR := build/hub-proxy
.PHONY: hub-link bench-memory test-hub bench-hub hub-proxy

hub-link:
	@test -n "$(HUB)" || { echo "usage: make hub-link HUB=https://hub.example.edu REPO=<student repo URL> [BRANCH=student]"; exit 2; }
	@$(PYTHON) deploy/hub_link.py "$(HUB)" --branch "$(BRANCH)" $(if $(REPO),--repo "$(REPO)")

$(VENV)/.installed-hub: pyproject.toml $(VENV)/.installed
	$(PIP_INSTALL) -e '.[hub]'
	touch $@

bench-memory: $(VENV)/.installed-hub
	$(PY) benchmarks/memory.py

# configurable-http-proxy (npm) is installed into build/ when it is not on PATH.
hub-proxy:
	@command -v configurable-http-proxy >/dev/null || test -x $(CHP_DIR)/node_modules/.bin/configurable-http-proxy \
	  || npm install --silent --no-audit --no-fund --prefix $(CHP_DIR) configurable-http-proxy@4

test-hub: $(VENV)/.installed-hub hub-proxy
	PATH="$(abspath $(CHP_DIR))/node_modules/.bin:$$PATH" $(PY) tests/hub/hub_check.py

# The load run is a measurement (how many students a core and a GB hold: deploy/README.md's
# sizing), so it is a benchmark; make test-hub already runs two students at the same time.
bench-hub: $(VENV)/.installed-hub hub-proxy
	HUB_LOAD=1 PATH="$(abspath $(CHP_DIR))/node_modules/.bin:$$PATH" $(PY) tests/hub/hub_check.py

# Instructor edition (tools/release.py, tools/grade.py, tools/grading/): see README "For instructors".
#   make release [GRADED=all] [SEED=n] - build/release/{student,self-study,nbgrader,student-edition}
#                                        GRADED: all (default), none, or notebooks/ids: GRADED=03,04.chain_rule
#   make publish-student REPO=<url or path> [BRANCH=student]
#                                      - commit the graded student edition to that branch (fast-forward only)
#   make grade SUBMISSIONS=folder [JOBS=2] [STUDENT=name] [NOTEBOOK=03_norms] [SHARD=1/4] [UNSAFE=1]
#                                      - build/grades.csv, build/feedback/<student>.html; each submission
#                                        runs in a bubblewrap sandbox (make grade-sandbox installs it)
#   make grade-merge PARTS="out1 out2" - shards' output folders into build/ (grades.csv, feedback)
#   make nbgrader ARGS="autograde 03_norms" - nbgrader in build/release/nbgrader with the venv on PATH
GRADE_ARGS ?=
GRADED ?= all
# SEED: the class seed; graded value exercises with a variant get this class's numbers (keep it private).
SEED ?=
RELEASE_ARGS = --graded "$(GRADED)" $(if $(SEED),--seed "$(SEED)")
# BRANCH (above) is hub-link's; publish-student takes it only when given on the command line.
STUDENT_BRANCH = $(if $(filter command line environment,$(origin BRANCH)),$(BRANCH),student)
JOBS ?= 1
STUDENT ?=
NOTEBOOK ?=
SHARD ?=
UNSAFE ?=
PARTS ?=
NBGRADER_DIR ?= build/release/nbgrader
SANDBOX_FIX := make grade needs bubblewrap (bwrap): each submission runs in its sandbox. Fix: make grade-sandbox \
	(apt-get install bubblewrap), or make grade UNSAFE=1 to grade without a sandbox (recorded in the gradebook)
.PHONY: release publish-student grade grade-sandbox grade-merge bench-grade nbgrader test-instructor

release: $(VENV)/.installed
	$(PY) tools/release.py build/release $(RELEASE_ARGS)

publish-student: $(VENV)/.installed
	@test -n "$(REPO)" || { echo "usage: make publish-student REPO=<url or path> [BRANCH=student] [GRADED=all]"; exit 2; }
	$(PY) tools/release.py build/release $(RELEASE_ARGS) --publish "$(REPO)" --branch "$(STUDENT_BRANCH)"

grade: $(VENV)/.installed
	@test -n "$(SUBMISSIONS)" || { echo "usage: make grade SUBMISSIONS=folder (holding <student>/<notebook>.ipynb)"; exit 2; }
	@test "$(UNSAFE)" = 1 || command -v bwrap >/dev/null || { echo "$(SANDBOX_FIX)"; exit 3; }
	$(PY) tools/grade.py "$(SUBMISSIONS)" --out build --jobs $(JOBS) $(if $(STUDENT),--student "$(STUDENT)") \
	  $(if $(NOTEBOOK),--notebook "$(NOTEBOOK)") $(if $(SHARD),--shard $(SHARD)) $(if $(filter 1,$(UNSAFE)),--unsafe) \
	  $(GRADE_ARGS)

# Installs Debian's bubblewrap when it is missing (make test-integration needs it: CI starts
# without it). flock: make test's other group may be installing chromium at the same moment.
APT = $(if $(filter 0,$(shell id -u)),,sudo) flock /tmp/lecture-utils-apt.lock
grade-sandbox:
	@command -v bwrap >/dev/null && echo "bubblewrap is installed: $$(bwrap --version)" || \
	  { $(APT) apt-get update -qq && $(APT) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bubblewrap; }

grade-merge: $(VENV)/.installed
	@test -n "$(PARTS)" || { echo 'usage: make grade-merge PARTS="shard-out-1 shard-out-2 ..."'; exit 2; }
	$(PY) tools/grade.py --merge $(PARTS) --out build

# Seconds per student for all 8 notebooks (JOBS=2) and the grader's memory: build/bench-grade.json.
bench-grade: $(VENV)/.installed
	$(PY) benchmarks/grade_class.py --jobs 2

nbgrader: $(VENV)/.installed-instructor
	@test -n "$(ARGS)" || { echo 'usage: make nbgrader ARGS="generate_assignment 03_norms" (in $(NBGRADER_DIR))'; exit 2; }
	cd $(NBGRADER_DIR) && PATH="$(abspath $(BIN)):$$PATH" nbgrader $(ARGS)

$(VENV)/.installed-instructor: pyproject.toml $(VENV)/.installed-test
	$(PIP_INSTALL) -e '.[test,instructor]'
	touch $@

#   make test-instructor - the integration tier's instructor half (INSTRUCTOR_TESTS)
# nbgrader calls `alembic` by name: the venv's bin/ must be on PATH. The hostile class needs
# bubblewrap.
test-instructor: $(VENV)/.installed-integration $(VENV)/.installed-instructor grade-sandbox
	@command -v bwrap >/dev/null || { echo "$(SANDBOX_FIX)"; exit 3; }
	PATH="$(abspath $(BIN)):$$PATH" $(PY) -m pytest -q -rs $(DURATIONS) --tiers integration $(INSTRUCTOR_TESTS)

#   make test-oldest - the lowest declared versions: a smoke set of unit tests and every notebook run
# The bottom of the declared version range: the lowest versions pyproject.toml allows
# (numpy, matplotlib, ipywidgets, jupyterlab and the test tools, pinned by tools/oldest_pins.py,
# each raised to its lowest release with a wheel for this Python: nothing is compiled) in their
# own venv, made by uv (no pip inside: ~10 s fresh, where pip's venv, pip-installing uv and
# pip's wheel search took 3-4 min). A smoke tier: the version floor breaks at an import, an API
# call or a notebook, so the unit tests marked `smoke` (tests/conftest.py: each module's calls
# into numpy, matplotlib, pillow, contourpy, ipywidgets/anywidget/traitlets, hypothesis) and
# every notebook run once (--nbval-lax: runs, outputs not compared); make test-unit and
# test-course cover the rest on the current versions.
# Bounds are raised when their bottom is broken: matplotlib 3.8.0-3.8.3 need numpy < 2;
# ipywidgets < 8.0.5 uses ipykernel's deprecated Comm.
OLDEST := .venv-oldest
OLDEST_PY := $(OLDEST)/bin/python
$(OLDEST)/.installed: pyproject.toml tools/oldest_pins.py | $(UV)
	rm -rf $(OLDEST)
	$(UV) venv --quiet --python $(PYTHON) $(OLDEST)
	$(PY) tools/oldest_pins.py --wheels test --uv $(UV) --python $(OLDEST_PY) > $(OLDEST)/constraints.txt
	$(UV) pip install --quiet --python $(OLDEST_PY) --only-binary :all: -c $(OLDEST)/constraints.txt -e '.[test]'
	touch $@

.PHONY: test-oldest
test-oldest: $(OLDEST)/.installed
	@echo "test-oldest: the smoke unit tests (-m smoke) and every notebook run once (--nbval-lax) on these pins:"
	@grep -v '^#' $(OLDEST)/constraints.txt | sed 's/^/  /'
	HYPOTHESIS_PROFILE=fast $(OLDEST_PY) -m pytest -q -rs -p no:nbval -o addopts="-p no:cacheprovider --strict-markers" \
	  --tiers unit -m smoke; unit=$$?; \
	$(OLDEST_PY) -m pytest -q --nbval-lax notebooks; nb=$$?; \
	exit $$(( unit || nb ))

#   make test-frontends - Notebook 7 and Voila in headless Chromium
# Notebook 7 and Voila in a headless browser (tests/browser/run.sh FRONTEND=notebook|voila):
# every notebook's explorer cells run, every explorer moved. Installs the [frontends] extra (notebook, voila).
$(VENV)/.installed-frontends: pyproject.toml $(VENV)/.installed-test
	$(PIP_INSTALL) -e '.[test,integration,frontends]'
	touch $@

.PHONY: test-frontends test-colab
test-frontends: $(VENV)/.installed-frontends
	FRONTEND=notebook PYTHON="$(abspath $(PY))" bash tests/browser/run.sh; nb=$$?; \
	FRONTEND=voila PYTHON="$(abspath $(PY))" bash tests/browser/run.sh; voila=$$?; \
	exit $$(( nb || voila ))

# make test runs test-frontends as two groups, so that they overlap with the others. (One
# JupyterLab server for JupyterLab and Notebook 7 was tried: Notebook 7 then logs console errors.)
# Each opens one page holding every notebook's explorers (FRONTEND_PAGES=each: a page per
# notebook; Notebook 7 that way took 147-197 CPU-s, on one page 106-125). CPU_THROTTLE=N slows
# the page N times while its explorers are created (tests/browser/throttle.py).
.PHONY: test-notebook7 test-voila
test-notebook7: $(VENV)/.installed-frontends
	FRONTEND=notebook PYTHON="$(abspath $(PY))" bash tests/browser/run.sh

test-voila: $(VENV)/.installed-frontends
	FRONTEND=voila PYTHON="$(abspath $(PY))" bash tests/browser/run.sh

#   make test-colab - the Colab setup cell installing the course into a fresh venv (about a minute)
test-colab: $(VENV)/.installed-test
	$(PY) -m pytest -q tests/colab_venv_check.py
