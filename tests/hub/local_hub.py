"""A JupyterHub process on loopback ports for tests/hub/hub_check.py, and what it needs.

The hub runs tests/hub/jupyterhub_config.py; every port is 127.0.0.1, every wait bounded,
and ``Hub.stop()`` removes the servers, stray processes and system users it created.
"""

import hashlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
import requests

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
AS_ROOT = os.geteuid() == 0

def log(msg):
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def world_usable(path, mode=0o005):
    """Whether a user other than the owner may read and run (``mode``) ``path``: every folder
    above it searchable, along the path as written (a venv's bin/) and where symlinks lead."""
    for p in (Path(os.path.abspath(path)), Path(path).resolve()):
        if not (all(os.stat(q).st_mode & 0o001 for q in p.parents) and os.stat(p).st_mode & mode == mode):
            return False
    return True


def _newest_source():
    """The newest modification time among pyproject.toml and the package's files."""
    files = [ROOT / "pyproject.toml", *(ROOT / "lecture_utils").rglob("*")]
    return max(f.stat().st_mtime for f in files if f.is_file())


def students_env_dir():
    """A folder for the students' Python environment that every student's system user can enter.

    build/hub-students-env when this checkout is reachable by other users; otherwise (a
    checkout under a mode-700 folder such as /root or ``mktemp -d``, which made the servers
    fail with HTTP 500) a folder of its own under /var/tmp.
    """
    build = ROOT / "build"
    if not AS_ROOT or all(os.stat(p).st_mode & 0o001 for p in [ROOT, *ROOT.parents]):
        return build / "hub-students-env"
    tag = hashlib.sha256(str(ROOT).encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir() if not os.path.isdir("/var/tmp") else "/var/tmp") / f"course-hub-students-env-{tag}"


def students_bin():
    """The bin/ folder of a Python environment for the students' servers, without the course.

    What a student's image holds besides the course: the course's third-party requirements,
    jupyterhub (the hub's version) and nbgitpuller; the student edition itself is installed
    into it per run (course_checks.install_student_edition). Built once from a Python every
    user can run, rebuilt when pyproject.toml changes.
    """
    env = students_env_dir()
    stamp = env / ".installed"
    if stamp.exists() and stamp.stat().st_mtime >= _newest_source():
        return env / "bin"
    candidates = [sys.executable, "/usr/bin/python3", "/usr/local/bin/python3"]
    python = next((p for p in candidates if os.path.exists(p) and (not AS_ROOT or world_usable(p))), None)
    if python is None:
        raise RuntimeError(f"{sys.executable} is not usable by other users and no system python3 is")
    log(f"building the students' Python environment in {env} (once)")
    shutil.rmtree(env, ignore_errors=True)
    env.parent.mkdir(parents=True, exist_ok=True)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    import jupyterhub

    needs = [*project["dependencies"], *project["optional-dependencies"]["hub"], f"jupyterhub=={jupyterhub.__version__}"]
    uv = shutil.which("uv", path=str(Path(sys.executable).parent)) or shutil.which("uv")
    if uv:
        # uv (the Makefile installs it into the venv) takes the wheels from the cache the course's
        # own install filled, without pip's resolver (about 3 min of a fresh machine's test-hub).
        # Hard links into that cache (uv copies where it cannot link): 8 s instead of 25 s of copying
        # on a quiet machine, 67 s under make test's load. The chmod below then opens those files to
        # every user in the cache too: they are public wheels' files, read-only to all but root.
        subprocess.run([uv, "venv", "--quiet", "--seed", "--python", python, str(env)], check=True, timeout=300)
        subprocess.run([uv, "pip", "install", "--quiet", "--link-mode=hardlink", "--python", str(env / "bin" / "python"),
                        *needs], check=True, timeout=900)
    else:
        subprocess.run([python, "-m", "venv", str(env)], check=True, timeout=300)
        subprocess.run([str(env / "bin" / "python"), "-m", "pip", "install", "--quiet", *needs], check=True,
                       timeout=900)
    subprocess.run(["chmod", "-R", "a+rX", str(env)], check=True, timeout=60)
    stamp.touch()
    return env / "bin"


# Loads a Jupyter server's configuration the way the server does at start (JupyterApp's
# load_config_file: the --config file, else jupyter_server_config.py in the config path, whose
# user folder follows $HOME), without starting it: `jupyter lab --show-config` also imported
# and initialised every server extension (voila, nbgrader, ...), 10 s of CPU per way on 2 cores.
_SHOW_CULLING = """
import json, os, sys
from jupyter_server.serverapp import ServerApp
found = {}
for way, (home, argv) in json.loads(sys.argv[1]).items():
    os.environ["HOME"] = home
    app = ServerApp()
    app.parse_command_line(argv)
    app.load_config_file()
    found[way] = dict(app.config.MappingKernelManager)
print(json.dumps(found))
"""


def check_server_settings(state):
    """The culling settings reach a server started by `make lab` (--config) and by Binder
    (repo2docker copies the repository into $HOME, so .jupyter/ becomes ~/.jupyter). Binder's
    HOME is a copy of .jupyter/: Jupyter writes a cookie secret and markers into HOME, never
    into this checkout."""
    home = state / "binder-home"
    shutil.copytree(ROOT / ".jupyter", home / ".jupyter", ignore=shutil.ignore_patterns("migrated"))
    ways = {"make lab": (str(state / "lab-home"), [f"--config={ROOT / '.jupyter' / 'jupyter_server_config.py'}"]),
            "Binder ($HOME = the repository)": (str(home), [])}
    base = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTER_")}
    out = subprocess.run([sys.executable, "-c", _SHOW_CULLING, json.dumps(ways)], env=base, cwd=state,
                         capture_output=True, text=True, timeout=120, check=True).stdout
    for way, settings in json.loads(out).items():
        assert settings.get("cull_idle_timeout") == 900 and settings.get("cull_connected") is True, \
            f"{way}: culling settings not loaded: {settings}"
        log(f"kernel culling loaded by {way}")


def proxy_command():
    """configurable-http-proxy on PATH, or the one `make test-hub` installs into build/."""
    found = shutil.which("configurable-http-proxy") or ROOT / "build/hub-proxy/node_modules/.bin/configurable-http-proxy"
    if not os.access(found, os.X_OK):
        raise RuntimeError("configurable-http-proxy not found: `make test-hub` installs it with npm")
    return str(found)


class Hub:
    """A JupyterHub process on loopback ports, driven with an admin service token."""

    def __init__(self, state, students_bin, checker_cmd, checker_key, layout, seed=None):
        self.state, self.password = state, secrets.token_urlsafe(16)
        self.port, self.token = free_port(), secrets.token_hex(32)
        self.url = f"http://127.0.0.1:{self.port}"
        self.users = []
        # The hub's own files (database, log, pid files, cookie secret) live where no student can
        # enter, written with a 077 umask: the state folder itself is readable by the students' servers.
        self.private = state / "hub"
        self.private.mkdir(mode=0o700)
        user_config = state / "user-config"
        user_config.mkdir()
        shutil.copy(ROOT / ".jupyter" / "jupyter_server_config.py", user_config)
        env = dict(os.environ, HUB_TEST_DIR=str(state), HUB_TEST_PRIVATE=str(self.private), HUB_TEST_PORT=str(self.port),
                   HUB_TEST_HUB_PORT=str(free_port()), HUB_TEST_PROXY_API_PORT=str(free_port()),
                   HUB_TEST_PROXY_TOKEN=secrets.token_hex(32), HUB_TEST_PASSWORD=self.password,
                   HUB_TEST_ADMIN_TOKEN=self.token, HUB_TEST_USER_CONFIG=str(user_config),
                   HUB_TEST_SINGLEUSER=str(students_bin / "jupyterhub-singleuser"),
                   HUB_TEST_CHECKER_PORT=str(free_port()), HUB_TEST_CHECKER_CMD=json.dumps(checker_cmd),
                   HUB_TEST_CHECKER_KEY=str(checker_key), HUB_TEST_POD_LAYOUT=json.dumps(layout),
                   HUB_TEST_COURSE_SEED="" if seed is None else str(int(seed)),
                   HUB_TEST_PROXY_CMD=proxy_command(),
                   HUB_TEST_SPAWNER="system-users" if AS_ROOT else "simple")
        self.log_path = self.private / "hub.log"
        self.log_file = open(os.open(self.log_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w")  # noqa: SIM115 - open while the hub runs
        self.proc = subprocess.Popen(
            [str(Path(sys.executable).parent / "jupyterhub"), "-f", str(HERE / "jupyterhub_config.py")],
            cwd=self.private, env=env, stdout=self.log_file, stderr=subprocess.STDOUT, start_new_session=True,
            umask=0o077)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"jupyterhub exited; log: {self.log_path.read_text()[-3000:]}")
            try:
                if requests.get(f"{self.url}/hub/api/", timeout=5).status_code == 200:
                    return
            except requests.ConnectionError:
                pass
            time.sleep(0.5)
        raise RuntimeError("the hub did not answer within 90 s")

    def api(self, method, path, token=None, **kwargs):
        headers = {"Authorization": f"token {token or self.token}"}
        return requests.request(method, f"{self.url}/hub/api/{path}", headers=headers, timeout=60,
                                allow_redirects=False, **kwargs)

    def add_student(self, name):
        """A hub user (and, as root, a system user with a private home); returns their API token."""
        if AS_ROOT:
            subprocess.run(["useradd", "--create-home", "--shell", "/usr/sbin/nologin", name],
                           check=True, timeout=30)
            self.users.append(name)
            os.chmod(f"/home/{name}", 0o700)
        r = self.api("POST", f"users/{name}")
        assert r.status_code == 201, (r.status_code, r.text)
        r = self.api("POST", f"users/{name}/tokens", json={"note": "course test", "expires_in": 1800})
        assert r.status_code == 201, (r.status_code, r.text)
        return r.json()["token"]

    def start_server(self, name, timeout=150):
        r = self.api("POST", f"users/{name}/server")
        assert r.status_code in (201, 202), (r.status_code, r.text[:2000], self.log_tail())
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            server = self.api("GET", f"users/{name}").json().get("servers", {}).get("", {})
            if server.get("ready"):
                return
            time.sleep(0.5)
        raise TimeoutError(f"{name}'s server was not ready within {timeout} s")

    def stop_server(self, name, timeout=60):
        r = self.api("DELETE", f"users/{name}/server")
        assert r.status_code in (202, 204), (r.status_code, r.text)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.api("GET", f"users/{name}").json().get("servers", {}):
                return
            time.sleep(0.5)
        raise TimeoutError(f"{name}'s server did not stop within {timeout} s")

    def log_tail(self, chars=3000):
        self.log_file.flush()
        return self.log_path.read_text()[-chars:]

    def server_processes(self):
        """Every single-user server and kernel below the hub (the proxy excluded)."""
        try:
            procs = psutil.Process(self.proc.pid).children(recursive=True)
        except psutil.Error:
            return []
        return [p for p in procs if "configurable-http-proxy" not in " ".join(safe_cmdline(p))]

    def stop(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)  # the hub stops the servers (cleanup_servers)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        self.log_file.close()
        for name in self.users:
            for proc in psutil.process_iter(["username"]):
                if proc.info["username"] == name:  # a straggler of a student we created
                    proc.kill()
            subprocess.run(["userdel", "--remove", name], check=False, timeout=60, capture_output=True)


def safe_cmdline(proc):
    try:
        return proc.cmdline()
    except psutil.Error:
        return []
