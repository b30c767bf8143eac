#!/usr/bin/env bash
# Browser test: every notebook run in JupyterLab in headless Debian chromium, driven by
# Python playwright (tests/browser/lab_check.py). Called by `make test-browser`.
#
#   PYTHON=/abs/path/.venv/bin/python bash tests/browser/run.sh
#
# FRONTEND picks the server and the check (`make test-frontends` runs the last two):
#   lab (default)  JupyterLab, lab_check.py (+ accessibility: a11y.py, unless LAB_A11Y=0)
#   notebook       Jupyter Notebook 7, lab_check.py in its notebook mode
#   voila          Voila rendering each notebook as a dashboard, voila_check.py
#
# Environment: PYTHON (the project's venv python; default .venv/bin/python), FRONTEND_PAGES
# (Notebook 7 and Voila: one (default), all explorers in one notebook; each: one page per
# notebook), CPU_THROTTLE (the page's main thread that many times slower, throttle.py),
# CHROMIUM (default /usr/bin/chromium), LAB_NOTEBOOK_DIR (folder of notebooks to test;
# default notebooks/), SCREENSHOT_DIR (default build/screenshots), BROWSER_CELLS (explorers:
# default, the explorers' cells and what they need, see explorer_cells.py; all: every cell).
# To see it fail: python tests/browser/make_broken_notebooks.py /tmp/broken, then run this
# with LAB_NOTEBOOK_DIR=/tmp/broken (exit 1, one failure per broken notebook).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
export LAB_NOTEBOOK_DIR="$(cd "${LAB_NOTEBOOK_DIR:-$ROOT/notebooks}" && pwd)"
export FRONTEND="${FRONTEND:-lab}"
case "$FRONTEND" in
    lab) DEFAULT_SHOTS="$ROOT/build/screenshots" CHECK="$HERE/lab_check.py" NAME=JupyterLab ;;
    notebook) DEFAULT_SHOTS="$ROOT/build/screenshots-notebook" CHECK="$HERE/lab_check.py" NAME="Notebook 7" ;;
    voila) DEFAULT_SHOTS="$ROOT/build/screenshots-voila" CHECK="$HERE/voila_check.py" NAME="Voila" ;;
    *) echo "run.sh: FRONTEND must be lab, notebook or voila, not '$FRONTEND'" >&2; exit 2 ;;
esac
export SCREENSHOT_DIR="${SCREENSHOT_DIR:-$DEFAULT_SHOTS}"
CHECK="${CHECK_SCRIPT:-$CHECK}"  # another check against the same server (debugging)

# --- 1. Debian's chromium (playwright drives it; no browser download) --------------------
if [ ! -x "$CHROMIUM" ]; then
    if [ "$CHROMIUM" = /usr/bin/chromium ] && command -v apt-get > /dev/null; then
        if [ "$(id -u)" = 0 ]; then SUDO=()
        elif command -v sudo > /dev/null && sudo -n true 2> /dev/null; then SUDO=(sudo)
        else SUDO=(none)
        fi
    else SUDO=(none)
    fi
    if [ "${SUDO[*]-}" = none ]; then
        cat >&2 <<MSG
The browser test needs Chromium at $CHROMIUM and cannot install it (not root, no sudo, or no apt-get).
Install it, then run 'make test-browser' again:
    Debian:   sudo apt-get install chromium
    Ubuntu:   sudo snap install chromium, then   make test-browser CHROMIUM=/snap/bin/chromium
    macOS:    make test-browser CHROMIUM="/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"
    other:    install Chromium or Chrome, then   make test-browser CHROMIUM=/path/to/it
MSG
        exit 2
    fi
    echo "run.sh: installing Debian's chromium with apt-get (once)..."
    # One apt at a time: make test runs two groups at once, and both may install (flock waits).
    "${SUDO[@]}" flock /tmp/lecture-utils-apt.lock apt-get update -qq
    # The emoji font only makes the screenshots show the notebooks' emoji instead of boxes.
    "${SUDO[@]}" flock /tmp/lecture-utils-apt.lock env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq chromium fonts-noto-color-emoji > /dev/null
fi
"$PYTHON" -c 'import playwright' 2> /dev/null || {
    echo "run.sh: $PYTHON cannot import playwright; run: $PYTHON -m pip install -e '.[test,integration]'" >&2
    exit 2
}

# --- 2. JupyterLab on a free loopback port, with a token and throwaway settings ----------
TMP="$(mktemp -d "${TMPDIR:-/tmp}/lu-browser.XXXXXX")"
LAB_PID=""
CHECK_PID=""
cleanup() {
    if [ -n "$CHECK_PID" ] && kill -0 "$CHECK_PID" 2> /dev/null; then
        kill "$CHECK_PID" 2> /dev/null || true   # playwright's driver then closes chromium
        wait "$CHECK_PID" 2> /dev/null || true
    fi
    if [ -n "$LAB_PID" ] && kill -0 "$LAB_PID" 2> /dev/null; then
        kill "$LAB_PID" 2> /dev/null || true
        for _ in $(seq 1 50); do kill -0 "$LAB_PID" 2> /dev/null || break; sleep 0.1; done
        kill -9 "$LAB_PID" 2> /dev/null || true
        wait "$LAB_PID" 2> /dev/null || true
    fi
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

PORT="$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
export LAB_TOKEN="$("$PYTHON" -c 'import secrets; print(secrets.token_hex(16))')"
export LAB_URL="http://127.0.0.1:$PORT"

export JUPYTERLAB_SETTINGS_DIR="$TMP/settings" JUPYTERLAB_WORKSPACES_DIR="$TMP/workspaces"
# Throwaway user config/data/runtime folders too: no user kernelspec or setting can leak in,
# and nothing (signing key, cookie secret) is written to the home folder.
export JUPYTER_CONFIG_DIR="$TMP/config" JUPYTER_DATA_DIR="$TMP/data" JUPYTER_RUNTIME_DIR="$TMP/runtime"
mkdir -p "$JUPYTER_DATA_DIR" \
         "$JUPYTERLAB_SETTINGS_DIR/@jupyterlab/apputils-extension" \
         "$JUPYTERLAB_SETTINGS_DIR/@jupyterlab/docmanager-extension" \
         "$JUPYTERLAB_WORKSPACES_DIR" "$JUPYTER_CONFIG_DIR" "$JUPYTER_RUNTIME_DIR"
# No "Jupyter news?" toast over the screenshots (news_url=None alone does not stop it).
echo '{"fetchNews": "false", "checkForUpdates": false}' \
    > "$JUPYTERLAB_SETTINGS_DIR/@jupyterlab/apputils-extension/notification.jupyterlab-settings"
# Never write the notebooks back to disk (autosave would store the browser's outputs).
echo '{"autosave": false}' \
    > "$JUPYTERLAB_SETTINGS_DIR/@jupyterlab/docmanager-extension/plugin.jupyterlab-settings"

# JupyterLab opens every stored notebook and runs the code cells its explorers need
# (explorer_cells.py; nbval and the worked solutions run every cell), in its own kernel.
# Notebook 7 and Voila check that the explorers live, move and are named in their front end.
# FRONTEND_PAGES=one (the default) opens one notebook holding every notebook's markdown and
# those code cells, part after part (one page load and one kernel instead of eight);
# FRONTEND_PAGES=each one page per notebook: Voila renders trimmed copies, Notebook 7 the
# stored notebooks. (Notebook 7 on one page once lost notebook 07's explorers on a loaded
# machine: "[anywidget] Failed to initialize model", anywidget's 2 s limit for loading a
# model's module, now a tiny loader: lecture_utils/widgets/_frontend.py.)
BROWSER_CELLS="${BROWSER_CELLS:-explorers}"
case "$BROWSER_CELLS" in
    explorers|all) export BROWSER_CELLS ;;
    *) echo "run.sh: BROWSER_CELLS must be explorers or all, not '$BROWSER_CELLS'" >&2; exit 2 ;;
esac
FRONTEND_PAGES="${FRONTEND_PAGES:-one}"
case "$FRONTEND_PAGES" in
    one|each) ;;
    *) echo "run.sh: FRONTEND_PAGES must be one or each, not '$FRONTEND_PAGES'" >&2; exit 2 ;;
esac
if [ "$FRONTEND" != lab ] && [ "$BROWSER_CELLS" = explorers ]; then
    if [ "$FRONTEND_PAGES" = one ]; then
        "$PYTHON" "$HERE/explorer_cells.py" --combined "$LAB_NOTEBOOK_DIR" "$TMP/notebooks"
        export LAB_NOTEBOOK_DIR="$TMP/notebooks"
    elif [ "$FRONTEND" = voila ]; then
        "$PYTHON" "$HERE/explorer_cells.py" "$LAB_NOTEBOOK_DIR" "$TMP/notebooks"
        export LAB_NOTEBOOK_DIR="$TMP/notebooks"
    fi
fi

LOG="$TMP/lab.log"
# Checkpoints (JupyterLab makes one when it opens a notebook) go to $TMP, not beside the notebooks.
if [ "$FRONTEND" = voila ]; then
    # Voila: no notebook server, one kernel per page; tracebacks shown so the check sees them.
    # The JupyterLab extensions that only the test and instructor extras bring (Notebook 7's,
    # Voila's own preview button, nbgrader's) break Voila's page ("shared module
    # @jupyterlab/... doesn't exist in shared scope"): a course install has none, so they are left out.
    VOILA_DENY='["@jupyter-notebook/lab-extension", "@voila-dashboards/jupyterlab-preview", "@jupyter/nbgrader"]'
    ( cd "$LAB_NOTEBOOK_DIR" && exec "$PYTHON" -m voila --no-browser --Voila.ip=127.0.0.1 \
        --port="$PORT" --Voila.port_retries=0 --token="$LAB_TOKEN" --show_tracebacks=True \
        --VoilaConfiguration.extension_denylist="$VOILA_DENY" \
        --Voila.root_dir="$LAB_NOTEBOOK_DIR" . ) > "$LOG" 2>&1 &
else
    [ "$FRONTEND" = notebook ] && APP=notebook || APP=jupyterlab
    ( cd "$LAB_NOTEBOOK_DIR" && exec "$PYTHON" -m "$APP" --config="$HERE/lab_test_config.py" \
        --ServerApp.port="$PORT" --IdentityProvider.token="$LAB_TOKEN" \
        --ServerApp.root_dir="$LAB_NOTEBOOK_DIR" --FileCheckpoints.checkpoint_dir="$TMP/checkpoints" ) > "$LOG" 2>&1 &
fi
LAB_PID=$!

T0=$SECONDS
[ "$FRONTEND" = voila ] && export READY_PATH=/ || export READY_PATH=/api/status  # voila has no /api/status
if ! "$PYTHON" - "$LAB_URL" "$LAB_TOKEN" "$LAB_PID" <<'PY'
import sys, time, urllib.request
import os
url, token, pid = sys.argv[1:4]


def alive(pid):
    # A server that died stays a zombie ("Z") until run.sh waits for it, so kill(pid, 0) is not enough.
    try:
        return open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        if os.path.isdir("/proc"):
            return False
    try:  # no /proc (macOS)
        os.kill(int(pid), 0)
        return True
    except OSError:
        return False


deadline = time.monotonic() + float(os.environ.get("SERVER_TIMEOUT", "240"))  # a loaded 2-core machine is slow
while time.monotonic() < deadline:
    if not alive(pid):
        sys.exit("JupyterLab exited before it was ready")
    try:
        req = urllib.request.Request(url + os.environ["READY_PATH"], headers={"Authorization": "token " + token})
        if urllib.request.urlopen(req, timeout=2).status == 200:
            sys.exit(0)
    except OSError:
        pass
    time.sleep(0.3)
sys.exit(f"the server was not ready after {os.environ.get('SERVER_TIMEOUT', '240')} s")
PY
then
    echo "run.sh: $NAME did not start; its log:" >&2; cat "$LOG" >&2; exit 1
fi
echo "run.sh: $NAME (pid $LAB_PID) ready on $LAB_URL after $((SECONDS - T0)) s"

# --- 3. The test ---------------------------------------------------------------------------
# In the background + wait, so that an INT/TERM trap runs at once (bash defers traps while a
# foreground command runs) and cleanup stops the check too.
"$PYTHON" "$CHECK" &
CHECK_PID=$!
rc=0
wait "$CHECK_PID" || rc=$?
CHECK_PID=""
if [ $rc -ne 0 ]; then
    echo "run.sh: browser test FAILED (exit $rc); last lines of the $NAME log:" >&2
    tail -n 40 "$LOG" >&2
fi
exit $rc
