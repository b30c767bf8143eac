"""Print the nbgitpuller link that gives every student of a hub their own copy of the course.

    python deploy/hub_link.py https://hub.example.edu                  # repo from git's origin
    python deploy/hub_link.py https://hub.example.edu --repo https://github.com/you/applied-dl-math

Clicking the link logs the student in, clones the repository into their home (or, the
next time, merges the new commits into their copy without overwriting their edits) and
opens notebooks/00_start_here.ipynb in JupyterLab.
"""

import argparse
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
START = "notebooks/00_start_here.ipynb"


def origin_url(repo_dir=ROOT):
    """The ``origin`` remote of the git checkout ``repo_dir``, or raise ValueError."""
    out = subprocess.run(["git", "-C", str(repo_dir), "remote", "get-url", "origin"],
                         check=False, capture_output=True, text=True, timeout=30)
    if out.returncode != 0 or not out.stdout.strip():
        raise ValueError(f"{repo_dir} has no git remote 'origin'; pass the repository URL the "
                         "students' hub can clone, e.g. REPO=https://github.com/you/applied-dl-math")
    return out.stdout.strip()


def clonable_url(url):
    """An https URL for an ssh-style GitHub/GitLab remote (students have no ssh keys); others as given."""
    m = re.fullmatch(r"(?:ssh://)?git@([^:/]+)[:/](.+)", url)
    return f"https://{m.group(1)}/{m.group(2)}" if m else url


def repo_dir_name(repo):
    """The folder nbgitpuller clones into: the repository's last path segment without ``.git``."""
    name = repo.rstrip("/").split("/")[-1]
    name = name.removesuffix(".git")
    if not name or name in (".", ".."):
        raise ValueError(f"cannot name a folder after the repository URL {repo!r}")
    return name


def hub_link(hub, repo, branch="main", start=START):
    """The nbgitpuller link for ``repo`` on ``hub``.

    Parameters
    ----------
    hub : str
        The hub's base URL, e.g. ``https://hub.example.edu`` (a trailing ``/hub`` is allowed).
    repo : str
        A URL (or local path) the students' servers can ``git clone``.
    branch : str
        Branch to clone and pull.
    start : str
        Notebook opened after the pull, relative to the repository.
    """
    if not isinstance(hub, str) or urlsplit(hub).scheme not in ("http", "https") or not urlsplit(hub).netloc:
        raise ValueError(f"hub must be an http(s) URL such as https://hub.example.edu, got {hub!r}")
    if not isinstance(repo, str) or not repo.strip():
        raise ValueError(f"repo must be a non-empty URL or path, got {repo!r}")
    base = hub.rstrip("/")
    base = base.removesuffix("/hub")
    target = repo_dir_name(repo)
    query = urlencode({"repo": repo, "branch": branch, "targetpath": target,
                       "urlpath": f"lab/tree/{target}/{start}"})
    return f"{base}/hub/user-redirect/git-pull?{query}"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("hub", help="the hub's URL, e.g. https://hub.example.edu")
    parser.add_argument("--repo", default="", help="repository URL (default: git remote origin)")
    parser.add_argument("--branch", default="main")
    args = parser.parse_args(argv)
    try:
        repo = clonable_url(args.repo or origin_url())
        print(hub_link(args.hub, repo, args.branch))
    except ValueError as err:
        sys.exit(f"hub-link: {err}")


if __name__ == "__main__":
    main()
