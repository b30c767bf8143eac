"""Where a Zero to JupyterHub pod keeps what, as deploy/values.yaml and build-image.sh lay it out.

A pod's only persistent folder is the student's volume at ``singleuser.storage.homeMountPath``;
the image's own folders (repo2docker's build folder, ``--target-repo-dir``, its WORKDIR) are
lost when the server stops. The server starts in ``KubeSpawner.working_dir`` (else that
WORKDIR) and serves ``notebook_dir`` (else its working folder), so nbgitpuller clones there.
tests/hub/jupyterhub_config.py runs local servers in this layout (``PodLikeSpawner``).
"""

import re
from pathlib import Path

import yaml

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def pod_layout(values=None, build_script=None):
    """``{"home", "image_dir", "cwd", "root_dir"}`` as paths inside a student's pod."""
    if values is None:
        values = yaml.safe_load((DEPLOY / "values.yaml").read_text())
    if build_script is None:
        build_script = (DEPLOY / "build-image.sh").read_text()
    found = re.search(r"--target-repo-dir\s+(\S+)", build_script)
    if not found:
        raise ValueError("build-image.sh gives repo2docker no --target-repo-dir: the image's folder is unknown")
    image_dir = found.group(1)
    home = values.get("singleuser", {}).get("storage", {}).get("homeMountPath", "/home/jovyan")
    config = values.get("hub", {}).get("config", {})
    spawner = {**config.get("Spawner", {}), **config.get("KubeSpawner", {})}
    cwd = spawner.get("working_dir") or image_dir
    return {"home": home, "image_dir": image_dir, "cwd": cwd, "root_dir": spawner.get("notebook_dir") or cwd}


def persistent(layout, path):
    """Whether ``path`` (inside the pod) outlives a server stop: it is on the home volume."""
    home = layout["home"].rstrip("/")
    return path == home or path.startswith(home + "/")
