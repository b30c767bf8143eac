"""Shared test helpers: drive an explorer over its whole control ranges; describe a bad-input recipe;
scale a property test's examples to the hypothesis profile in use."""

import importlib
import itertools
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import settings

from lecture_utils.widgets._browser import BrowserExplorer
from lecture_utils.widgets._tables import _json
from lecture_utils.widgets.base import control_values

__all__ = ["Recipe", "control_values", "corners", "examples", "sweep"]


def examples(n):
    """``n`` examples under the ``ci`` profile (100 by default), scaled by the profile loaded.

    A test's own ``@settings(max_examples=...)`` beats the profile's, so a test that wants more
    or fewer examples than the default says ``max_examples=examples(n)``: ``n`` in CI, ``n / 10``
    (at least 2) under ``make check``'s ``fast`` profile, ``5 n`` under ``explore``.
    """
    return max(2, round(n * settings.default.max_examples / 100))


def sweep(explorer, n=7):
    """Move every control through its range, one at a time, then all at their extremes.

    For an explorer built on inputs its ``examples`` do not cover (the registered examples are
    swept by tests/test_robustness_explorers.py). No update may leave an error, and each must
    say in one line what it shows and send the page its new state (the page draws a move,
    matplotlib the static picture once per display); the picture is drawn at the extremes.
    """
    browser = isinstance(explorer, BrowserExplorer)

    def healthy(params, picture):
        assert explorer.error == "", f"{params}: {explorer.error}"
        assert "\n" not in explorer.description, f"{params}: {explorer.description!r}"
        if browser:
            sent = explorer.widget.state
            assert {k: sent.get(k) for k in explorer.state} == _json(explorer.state), f"state not sent: {params}"
        if picture or not browser:
            assert explorer.png.startswith(b"\x89PNG"), f"no picture after {params}"

    defaults = explorer.params
    for name, control in explorer.controls.items():
        for value in control_values(control, n):
            explorer.update(**{name: value})
            healthy({name: value}, picture=False)
        explorer.update(**{name: defaults[name]})
    for params in corners(explorer):
        explorer.update(**params)
        healthy(params, picture=True)


def corners(explorer, limit=64):
    """Settings with every control at one of its ends (up to ``limit`` of them)."""
    ends = []
    for control in explorer.controls.values():
        values = control_values(control, 2)
        ends.append([values[0], values[-1]] if len(values) > 1 else values)
    return [dict(zip(explorer.controls, combo)) for combo in itertools.islice(itertools.product(*ends), limit)]


class Recipe:
    """A working call of ``target`` (``"module.name"`` or a callable) and its data arguments.

    ``args()`` returns the valid keyword arguments (fresh each call: axes, arrays);
    ``fuzz`` maps argument name -> family; ``ok`` holds ``(argument, kind)`` pairs documented to
    be accepted; ``names`` maps an argument to the words its error messages may use instead.
    """

    def __init__(self, target, args, fuzz, ok=(), names=None, call=None):
        self.target, self.args, self.fuzz = target, args, fuzz
        self.ok, self.names = set(ok), names or {}
        self._call = call

    @property
    def id(self):
        return self.target

    def function(self):
        mod, _, name = self.target.rpartition(".")
        return getattr(importlib.import_module(f"lecture_utils.{mod}"), name)

    def __call__(self, **kwargs):
        return (self._call or self.function())(**kwargs)


def node():
    """The ``node`` executable for the front-end tests (``node --test tests/js/...``).

    Without node the test is skipped, except on CI (``CI`` set), where it fails: CI must run them.
    """
    path = shutil.which("node")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("node (>= 20) is needed for the front-end tests on CI")
        pytest.skip("node is not installed: the front-end tests need node >= 20")
    return path


def node_test(test, variable, fixture, tmp_path, timeout=300):
    """``node --test test`` given the JSON ``fixture`` in a file named by environment ``variable``.

    Asserts that it ran and no test failed; returns its output (TAP: ``# pass N`` counts).
    """
    path = tmp_path / f"{variable.lower()}.json"
    path.write_text(json.dumps(fixture, allow_nan=False))
    run = subprocess.run([node(), "--test", str(test)], check=False, cwd=Path(__file__).parents[1],
                         capture_output=True, text=True, timeout=timeout, env={**os.environ, variable: str(path)})
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    assert "# fail 0" in run.stdout, run.stdout[-6000:]
    return run.stdout


def node_script(source, tmp_path, timeout=60):
    """Run the ES module ``source`` with node; returns what it printed, parsed as JSON."""
    script = tmp_path / "run.mjs"
    script.write_text(source)
    done = subprocess.run([node(), str(script)], check=False, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)
