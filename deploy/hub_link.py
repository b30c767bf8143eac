"""Print the nbgitpuller link that gives every student of a hub their own copy of the course.

    python deploy/hub_link.py https://hub.example.edu --repo https://github.com/you/course-student
    python deploy/hub_link.py https://hub.example.edu --branch student   # repo from git's origin

The link pulls the student edition: the branch ``make publish-student REPO=... BRANCH=...``
writes (default ``student``), from the public repository it pushed to. Clicking the link logs
the student in, clones that branch into their home (or, the next time, merges the new commits
into their copy without overwriting their edits) and opens notebooks/00_start_here.ipynb.

Students' servers clone over https without credentials: the link never carries a user name or
token (they are removed, with a note), and ssh remotes and local paths are refused with the
https form to pass instead.
"""

import argparse
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
START = "notebooks/00_start_here.ipynb"
STUDENT_BRANCH = "student"  # what `make publish-student` writes by default


def origin_url(repo_dir=ROOT):
    """The ``origin`` remote of the git checkout ``repo_dir``, or raise ValueError."""
    out = subprocess.run(["git", "-C", str(repo_dir), "remote", "get-url", "origin"],
                         check=False, capture_output=True, text=True, timeout=30)
    if out.returncode != 0 or not out.stdout.strip():
        raise ValueError(f"{repo_dir} has no git remote 'origin'; pass the repository the students' hub "
                         "can clone: REPO=https://github.com/you/course-student (where `make "
                         "publish-student` pushed)")
    return out.stdout.strip()


def clonable_url(url):
    """``(https URL without credentials, note or None)`` for ``url``; raise ValueError otherwise.

    Students' servers have no ssh keys and no access to the instructor's disk, and a link is
    posted to the whole class: ssh remotes and local paths are refused (the message gives the
    https form), a user name or token in the URL is removed.
    """
    if not isinstance(url, str) or not url.strip():
        raise ValueError(f"the repository must be an https URL, got {url!r}")
    url = url.strip()
    ssh = re.fullmatch(r"ssh://(?:[^@/]+@)?([^:/]+)(?::\d+)?/(.+)", url) or \
        re.fullmatch(r"(?:[^@/]+@)?([^:/]+):(?!//)(.+)", url)
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.hostname:
        if parts.username or parts.password:
            netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
            return (urlunsplit(parts._replace(netloc=netloc)),
                    "the user name/token in the repository URL was left out of the link")
        return url, None
    if ssh and not parts.scheme.startswith("file"):
        https = f"https://{ssh.group(1)}/{ssh.group(2).lstrip('/')}"
        raise ValueError(f"{url} is an ssh remote; students' servers cannot clone over ssh. Pass the public "
                         f"https URL instead: REPO={https}")
    raise ValueError(f"{url} is a local path or {parts.scheme or 'plain'} URL that the students' servers cannot "
                     "clone; publish the student edition (make publish-student REPO=https://...) and pass "
                     "that URL: REPO=https://github.com/you/course-student")


def repo_dir_name(repo):
    """The folder nbgitpuller clones into: the repository's last path segment without ``.git``."""
    name = repo.rstrip("/").split("/")[-1]
    name = name.removesuffix(".git")
    if not name or name in (".", ".."):
        raise ValueError(f"cannot name a folder after the repository URL {repo!r}")
    return name


def hub_link(hub, repo, branch=STUDENT_BRANCH, start=START):
    """The nbgitpuller link for ``branch`` of ``repo`` on ``hub``.

    Parameters
    ----------
    hub : str
        The hub's base URL, e.g. ``https://hub.example.edu`` (a trailing ``/hub`` is allowed).
    repo : str
        A URL the students' servers can ``git clone`` (https; ``file://`` for an offline test).
    branch : str
        Branch to clone and pull: the student edition's.
    start : str
        Notebook opened after the pull, relative to the repository.
    """
    if not isinstance(hub, str) or urlsplit(hub).scheme not in ("http", "https") or not urlsplit(hub).netloc:
        raise ValueError(f"hub must be an http(s) URL such as https://hub.example.edu, got {hub!r}")
    if not isinstance(repo, str) or not repo.strip():
        raise ValueError(f"repo must be a non-empty URL, got {repo!r}")
    if urlsplit(repo).username or urlsplit(repo).password:
        raise ValueError("repo must not carry a user name or token: the link is posted to the whole class")
    if not isinstance(branch, str) or not re.fullmatch(r"[A-Za-z0-9._/-]+", branch):
        raise ValueError(f"branch must be a git branch name such as 'student', got {branch!r}")
    base = hub.rstrip("/")
    base = base.removesuffix("/hub")
    target = repo_dir_name(repo)
    query = urlencode({"repo": repo, "branch": branch, "targetpath": target,
                       "urlpath": f"lab/tree/{target}/{start}"})
    return f"{base}/hub/user-redirect/git-pull?{query}"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("hub", help="the hub's URL, e.g. https://hub.example.edu")
    parser.add_argument("--repo", default="", help="https URL of the published student edition "
                        "(default: git remote origin)")
    parser.add_argument("--branch", default=STUDENT_BRANCH,
                        help=f"branch of the student edition (default {STUDENT_BRANCH!r}, as make publish-student)")
    parser.add_argument("--checkout", default=str(ROOT), help="the git checkout whose origin is the default repo")
    args = parser.parse_args(argv)
    try:
        repo, note = clonable_url(args.repo or origin_url(args.checkout))
        link = hub_link(args.hub, repo, args.branch)
    except ValueError as err:
        sys.exit(f"hub-link: {err}")
    if note:
        print(f"hub-link: {note}", file=sys.stderr)
    print(link)


if __name__ == "__main__":
    main()
