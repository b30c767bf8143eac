"""``make publish-student REPO=... [BRANCH=student]``: commit the graded student edition to a repository.

The student repository is a separate one (the instructor's own, with the key and the worked
solutions, stays private). The edition is committed on top of the branch's current tip and
pushed without force, so the branch only ever moves forward: nbgitpuller, which merges the
branch into each student's copy, keeps their work. A push that is not a fast-forward (someone
pushed meanwhile) is refused with what to do.
"""

import datetime
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import release_updates

ROOT = Path(__file__).resolve().parent.parent
IDENTITY = ["-c", "user.name=course release", "-c", "user.email=release@course.invalid"]


class PublishError(RuntimeError):
    """Publishing was refused; the message says why and what to do."""


def _git(*args, cwd, check=True):
    done = subprocess.run(["git", *args], check=False, cwd=cwd, capture_output=True, text=True,
                          env=dict(os.environ, GIT_TERMINAL_PROMPT="0"))
    if check and done.returncode != 0:
        raise PublishError(f"git {' '.join(args)} failed: {(done.stderr or done.stdout).strip()}")
    return done


def _same_place(repo):
    """Whether ``repo`` is this checkout (or its origin): the instructor's own repository."""
    here = {str(ROOT.resolve())}
    origin = _git("remote", "get-url", "origin", cwd=ROOT, check=False).stdout.strip()
    if origin:
        here.add(origin.rstrip("/").removesuffix(".git"))
    target = repo.rstrip("/").removesuffix(".git")
    if Path(target).exists():
        target = str(Path(target).resolve())
    return target in here


def _identity(cwd):
    """The instructor's git identity if set, else a neutral one (a commit needs one)."""
    has = _git("config", "user.email", cwd=cwd, check=False).stdout.strip()
    return [] if has else IDENTITY


def publish(edition, repo, branch="student", message="Student edition (make publish-student)"):
    """Commit the tree ``edition`` to ``branch`` of ``repo`` and push it, fast-forward only.

    Returns
    -------
    str
        One sentence saying what happened.
    """
    edition = Path(edition)
    if not (edition / "lecture_utils").is_dir() or not (edition / "notebooks").is_dir():
        raise PublishError(f"{edition} is not a built student edition: run `make release` first")
    if _same_place(repo):
        raise PublishError(f"{repo} is this course's own repository (with the answer key and the worked "
                           "solutions): publish to a separate repository made for students")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "student"
        _git("clone", "--quiet", "--no-checkout", repo, str(work), cwd=tmp)
        exists = _git("ls-remote", "--exit-code", "--heads", "origin", branch, cwd=work, check=False).returncode == 0
        if exists:
            _git("checkout", "--quiet", "-B", branch, f"origin/{branch}", cwd=work)
        else:
            _git("checkout", "--quiet", "--orphan", branch, cwd=work)
        for item in work.iterdir():
            if item.name != ".git":
                shutil.rmtree(item) if item.is_dir() else item.unlink()
        previous = _previous_forms(work, branch) if exists else None
        shutil.copytree(edition, work, dirs_exist_ok=True)
        updated = release_updates.mark_updates(work, previous, datetime.date.today().isoformat())
        _git("add", "--all", cwd=work)
        if exists and not _git("status", "--porcelain", cwd=work).stdout.strip():
            return f"{repo} {branch}: already up to date, nothing to publish"
        _git(*_identity(work), "commit", "--quiet", "-m", message, cwd=work)
        pushed = _git("push", "--quiet", "origin", f"HEAD:refs/heads/{branch}", cwd=work, check=False)
        if pushed.returncode != 0:
            raise PublishError(_push_advice(repo, branch, pushed.stderr))
        head = _git("rev-parse", "--short", "HEAD", cwd=work).stdout.strip()
    note = f"; marked as updated: {', '.join(updated)}" if updated else ""
    return f"{repo} {branch}: published {head} (fast-forward){note}"


def _previous_forms(work, branch):
    """The forms table on the branch's tip (None when it has none)."""
    shown = _git("show", f"origin/{branch}:lecture_utils/checks/forms.json", cwd=work, check=False)
    try:
        return json.loads(shown.stdout) if shown.returncode == 0 else None
    except ValueError:
        return None


def _push_advice(repo, branch, stderr):
    text = stderr.strip()
    if "non-fast-forward" in text or "fetch first" in text or "rejected" in text and "current branch" not in text:
        return (f"{repo} refused the push: {branch} moved while publishing (not a fast-forward). Nothing was "
                f"forced. Run `make publish-student` again; it builds on the branch's new tip.\n{text}")
    if "current branch" in text or "checked out" in text:
        return (f"{repo} has {branch} checked out, and git does not update a checked-out branch. Publish to a "
                f"bare repository (`git init --bare`) or a GitHub repository, or check out another branch there.\n{text}")
    return f"pushing to {repo} failed: {text}"
