"""deploy/: the Zero to JupyterHub values, the TLJH recipe and the nbgitpuller link hold the budget.

Kubernetes is not available here, so the values file is checked, not deployed: it parses, its
memory guarantee and limit cover the measured budget (build/bench.json from `make bench-memory`
when present, else the figures deploy/budget.json records and deploy/README.md states), and its
kernel culling is the one the repository ships in .jupyter/jupyter_server_config.py.
"""

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from traitlets.config.loader import PyFileConfigLoader

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
BUDGET = json.loads((DEPLOY / "budget.json").read_text())


def load_module(path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def megabytes(quantity):
    """A memory quantity of singleuser.memory ("512M", "1G") in MB of 2**20 bytes.

    Zero to JupyterHub hands these to KubeSpawner, whose ByteSpecification reads K, M, G, T as
    powers of 1024 (so does TLJH's limits.memory, through systemd).
    """
    m = re.fullmatch(r"([0-9.]+)([KMGT])", str(quantity))
    assert m, f"not a memory quantity JupyterHub accepts: {quantity!r}"
    return float(m.group(1)) * 1024 ** ("KMGT".index(m.group(2)) + 1) / 2**20


def shipped_culling():
    """MappingKernelManager settings of .jupyter/jupyter_server_config.py, as Jupyter loads them."""
    config = PyFileConfigLoader("jupyter_server_config.py", path=str(ROOT / ".jupyter")).load_config()
    return dict(config.MappingKernelManager)


def measured():
    """The budget's figures: from build/bench.json when `make bench-memory` wrote them, else recorded."""
    figures = dict(BUDGET["figures"])
    bench = ROOT / "build" / "bench.json"
    memory = json.loads(bench.read_text()).get("memory", {}) if bench.exists() else {}
    if memory.get("kernels"):
        figures["kernel_peak_mb"] = max(row["peak_mb"] for row in memory["kernels"].values())
    if memory.get("session"):
        session = memory["session"]
        figures["server_mb"] = session["no_culling"]["server_after_lab_page_mb"]
        figures["session_no_culling_mb"] = session["no_culling"]["peak_mb"]
        figures["session_no_culling_pss_mb"] = session["no_culling"]["final_pss_mb"]
        figures["session_culling_mb"] = session["culling"]["peak_mb"]
    return figures


@pytest.fixture(scope="module")
def values():
    return yaml.safe_load((DEPLOY / "values.yaml").read_text())


def test_values_memory_covers_the_measured_budget(values):
    memory, figures = values["singleuser"]["memory"], measured()
    guarantee, limit = megabytes(memory["guarantee"]), megabytes(memory["limit"])
    assert memory == BUDGET["singleuser_memory"], "values.yaml and deploy/budget.json disagree"
    # The budget: a working student (culling on) gets their guarantee, within 1 GB.
    assert figures["session_culling_mb"] <= guarantee <= limit
    # One with every notebook open, before anything is culled, may exceed 1 GB of RSS (the doc
    # says so), but a cgroup limit charges shared pages once, as PSS counts them: still not killed.
    assert figures["session_no_culling_pss_mb"] <= limit
    assert figures["server_mb"] + figures["kernel_peak_mb"] <= guarantee
    assert limit <= 1024, "the course's budget is 1 GB per student"


def test_values_cull_idle_kernels_and_servers(values):
    files = values["singleuser"]["extraFiles"]
    culling = next(f for f in files.values() if f["mountPath"] == "/etc/jupyter/jupyter_server_config.json")
    assert culling["data"]["MappingKernelManager"] == shipped_culling()
    assert shipped_culling()["cull_connected"] is True and shipped_culling()["cull_idle_timeout"] > 0
    assert values["cull"]["enabled"] is True and values["cull"]["timeout"] > shipped_culling()["cull_idle_timeout"]


def test_values_keep_login_on_and_use_the_repo2docker_image(values):
    hub = values["hub"]["config"]
    assert "dummy" not in hub["JupyterHub"]["authenticator_class"].lower()
    assert hub["NativeAuthenticator"]["open_signup"] is False
    assert values["singleuser"]["defaultUrl"] == "/lab"
    build = (DEPLOY / "build-image.sh").read_text()
    assert "jupyter-repo2docker" in build and "--target-repo-dir /srv/course" in build
    appendix = (DEPLOY / "image-appendix.dockerfile").read_text()
    assert "nbgitpuller" in appendix and "jupyterhub" in appendix
    assert ".jupyter/jupyter_server_config.py" in appendix


def test_no_admin_name_is_published_and_https_is_on(values):
    """NativeAuthenticator approves an admin name's sign-up by itself: a published admin name is
    a hub (on TLJH: root) for whoever signs up first. Passwords travel only over HTTPS."""
    assert "admin_users" not in values["hub"]["config"].get("Authenticator", {})
    assert "admin_users" not in (DEPLOY / "values.yaml").read_text().split("hub:\n", 1)[1].split("#")[0]
    https = values["proxy"]["https"]
    assert https["enabled"] is True and https["type"] == "letsencrypt" and https["hosts"]
    assert "@" in https["letsencrypt"]["contactEmail"]
    tljh = (DEPLOY / "tljh.md").read_text()
    assert "--admin instructor" not in tljh and "https.enabled true" in tljh
    assert tljh.index("https.enabled") < tljh.index("nativeauthenticator"), "HTTPS comes before the first sign-up"


def test_servers_start_in_the_persistent_home(values):
    """The image's working folder (repo2docker's build folder) is lost at every server stop."""
    home = values["singleuser"]["storage"].get("homeMountPath", "/home/jovyan")
    spawner = values["hub"]["config"]["KubeSpawner"]
    assert spawner["working_dir"] == home and spawner["notebook_dir"] == home


def test_the_checker_service_is_configured_and_the_key_stays_on_the_hub(values):
    service = values["hub"]["services"]["course-checker"]
    port = str(urlsplit(service["url"]).port)
    assert service["command"][1].endswith("deploy/checker/course_checker.py")
    assert (ROOT / "deploy" / "checker" / "course_checker.py").exists()
    assert f"--port={port}" in service["command"] and "--ip=0.0.0.0" in service["command"]
    assert service["environment"]["COURSE_CHECKER_STATE_DIR"].startswith("/srv/jupyterhub/"), \
        "the log must live on the hub's persistent volume"
    scopes = values["hub"]["loadRoles"]["server"]["scopes"]
    assert "access:services!service=course-checker" in scopes and "access:servers!server" in scopes
    # A token never holds more than its owner: without this, server tokens get a 403.
    assert values["hub"]["loadRoles"]["user"]["scopes"] == ["self", "access:services!service=course-checker"]
    url = values["singleuser"]["extraEnv"]["COURSE_CHECKER_URL"]
    assert url == f"{service['url']}/services/course-checker/"
    assert any(rule["ports"] == [{"port": int(port)}] for rule in values["singleuser"]["networkPolicy"]["egress"])
    assert any(p["port"] == int(port) for p in values["hub"]["service"]["extraPorts"])
    # The key is in the hub's image only: built from the full checkout; students get the student branch.
    hub_image = (DEPLOY / "checker" / "hub-image.dockerfile").read_text()
    assert "COPY . /srv/course-key" in hub_image and "k8s-hub" in hub_image
    assert values["hub"]["image"]["name"] != values["singleuser"]["image"]["name"]
    build = (DEPLOY / "build-image.sh").read_text()
    assert 'BRANCH="${4:-student}"' in build


def test_tljh_recipe_uses_the_same_limits_and_culling():
    text = (DEPLOY / "tljh.md").read_text()
    assert f"limits.memory {BUDGET['singleuser_memory']['limit']}" in text
    assert "/opt/tljh/user/etc/jupyter/jupyter_server_config.py" in text
    assert "nbgitpuller" in text and "make hub-link" in text


def test_doc_states_the_budget_and_what_was_run():
    text = (DEPLOY / "README.md").read_text()
    for name, value in BUDGET["figures"].items():
        assert f"{value:g} MB" in text, f"deploy/README.md does not state {name} = {value:g} MB"
    assert BUDGET["date"] in text
    assert "What was and was not run" in text
    # The unculled whole-course row gives the verdict its figure earns against 1 GB.
    unculled = f"{BUDGET['figures']['session_no_culling_mb']:g} MB"
    row = next(line for line in text.splitlines() if line.startswith("|") and unculled in line)
    earned = "met" if BUDGET["figures"]["session_no_culling_mb"] <= 1024 else "missed"
    assert f"≤ 1 GB: {earned}" in row, f"deploy/README.md's verdict for {unculled} should say {earned}"


def test_hub_link_has_nbgitpullers_shape():
    links = load_module(DEPLOY / "hub_link.py")
    link = links.hub_link("https://hub.example.edu/", "https://github.com/you/course-student.git")
    assert link == ("https://hub.example.edu/hub/user-redirect/git-pull?"
                    "repo=https%3A%2F%2Fgithub.com%2Fyou%2Fcourse-student.git&branch=student"
                    "&targetpath=course-student"
                    "&urlpath=lab%2Ftree%2Fcourse-student%2Fnotebooks%2F00_start_here.ipynb")
    assert "&branch=autumn&" in links.hub_link("https://hub.example.edu", "https://x.org/c", "autumn")
    assert links.hub_link("https://hub.example.edu/hub", "https://x.org/c").startswith(
        "https://hub.example.edu/hub/user-redirect/")
    with pytest.raises(ValueError, match="hub must be an http"):
        links.hub_link("hub.example.edu", "https://x.org/c")
    with pytest.raises(ValueError, match="repo must be"):
        links.hub_link("https://hub.example.edu", "")
    with pytest.raises(ValueError, match="user name or token"):
        links.hub_link("https://hub.example.edu", "https://u:tok@x.org/c")


@pytest.mark.parametrize(("origin", "fix"), [
    ("ssh://git@github.com:22/you/course.git", "REPO=https://github.com/you/course.git"),
    ("git@github.com:you/course.git", "REPO=https://github.com/you/course.git"),
    ("/srv/instructor/course", "make publish-student"),
    ("file:///srv/instructor/course", "make publish-student"),
])
def test_hub_link_refuses_ssh_and_local_origins_with_the_fix(tmp_path, origin, fix):
    repo = tmp_path / "checkout"
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run(["git", "-C", str(repo), "remote", "add", "origin", origin], check=True)
    links = load_module(DEPLOY / "hub_link.py")
    with pytest.raises(ValueError, match="cannot clone") as err:
        links.clonable_url(links.origin_url(repo))
    assert fix in str(err.value)
    out = run_hub_link(repo, "https://hub.example.edu")
    assert out.returncode != 0 and fix in out.stderr and "git-pull" not in out.stdout


def test_hub_link_never_carries_credentials_from_origin(tmp_path):
    repo = tmp_path / "checkout"
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run(["git", "-C", str(repo), "remote", "add", "origin",
                    "https://instructor:ghp_FAKE123@github.com/you/course-student.git"], check=True)
    out = run_hub_link(repo, "https://hub.example.edu")
    assert out.returncode == 0, out.stderr
    assert "ghp_FAKE123" not in out.stdout and "instructor" not in out.stdout
    assert "repo=https%3A%2F%2Fgithub.com%2Fyou%2Fcourse-student.git&branch=student&" in out.stdout
    assert "left out of the link" in out.stderr


def run_hub_link(repo, hub, *args):
    """deploy/hub_link.py as `make hub-link` runs it, reading ``origin`` from ``repo``."""
    return subprocess.run([sys.executable, str(DEPLOY / "hub_link.py"), hub, "--checkout", str(repo), *args],
                          check=False, capture_output=True, text=True, timeout=60)


def test_readme_shows_the_link_make_hub_link_prints():
    links = load_module(DEPLOY / "hub_link.py")
    readme = (ROOT / "README.md").read_text()
    shown = re.search(r"^(https://\S+/hub/user-redirect/git-pull\?\S+)$", readme, re.MULTILINE).group(1)
    assert shown == links.hub_link("https://hub.example.edu", "https://github.com/you/course-student")


def test_the_hub_tests_pod_layout_keeps_work_only_with_a_home_root(values):
    """tests/hub/pod_layout.py, which `make test-hub` runs servers in: with the values before
    issue 23 (no working_dir/notebook_dir) the server served the image's build folder, which a
    pod loses at every stop; with today's it serves the persistent home."""
    layouts = load_module(ROOT / "tests" / "hub" / "pod_layout.py")
    now = layouts.pod_layout()
    assert layouts.persistent(now, now["root_dir"]) and layouts.persistent(now, now["cwd"])
    before = {key: value for key, value in values.items()}
    before["hub"] = {**values["hub"], "config": {k: v for k, v in values["hub"]["config"].items()
                                                 if k not in ("KubeSpawner", "Spawner")}}
    old = layouts.pod_layout(before)
    assert old["root_dir"] == "/srv/course" and not layouts.persistent(old, old["root_dir"])
    with pytest.raises(ValueError, match="--target-repo-dir"):
        layouts.pod_layout(values, "jupyter-repo2docker --no-run .")
