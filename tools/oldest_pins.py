"""Pins of the lowest versions pyproject.toml allows, for ``make test-oldest``.

Reads ``[project] dependencies`` and the optional-dependency groups named on the command line
and prints one ``name==lower-bound`` line per requirement: a pip constraints file. Every
requirement must declare a lower bound (``>=``), so the declared range always has a bottom
that CI can test.

    python tools/oldest_pins.py test > .venv-oldest/constraints.txt
    python tools/oldest_pins.py --wheels test    # raise a bound with no wheel for this Python

With ``--wheels``, a lower bound that has no wheel for the running Python (contourpy 1.0.1 or
pillow 8 on CPython 3.11, say) is replaced by the lowest later version that has one, asking pip
(``pip index versions``, then ``pip download --only-binary`` on a binary search): the oldest
venv then installs in seconds instead of compiling C++ for minutes, and the raised pin is named
in a comment. The declared bound itself is then tested only on the Pythons it has wheels for.
"""

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: pyproject is simple enough to read its arrays
    tomllib = None

ROOT = Path(__file__).resolve().parent.parent
REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*([^;]*)")


def lowest_pin(requirement):
    """``"numpy>=2,<3"`` -> ``"numpy==2"``; ValueError when there is no ``>=`` bound."""
    match = REQUIREMENT.match(requirement)
    if not match:
        raise ValueError(f"cannot read the requirement {requirement!r}")
    name, specifiers = match.groups()
    lower = [s.strip()[2:].strip() for s in specifiers.split(",") if s.strip().startswith(">=")]
    if len(lower) != 1:
        raise ValueError(f"requirement {requirement!r} needs exactly one lower bound (>=X), "
                         f"so that `make test-oldest` can test it; found {len(lower)}")
    return f"{name}=={lower[0]}"


def _arrays_without_tomllib(text):
    """The string arrays of pyproject (``key = [...]``) as {key: [items]} for Python 3.10."""
    arrays, section = {}, ""
    for key_line in re.finditer(r"^\[([^\]]+)\]|^([A-Za-z0-9_-]+)\s*=\s*\[(.*?)\]", text, re.MULTILINE | re.DOTALL):
        if key_line.group(1):
            section = key_line.group(1)
        else:
            items = re.findall(r'"([^"]+)"', re.sub(r"#.*", "", key_line.group(3)))
            arrays[f"{section}.{key_line.group(2)}"] = items
    return arrays


def requirements(pyproject_text, extras):
    """Runtime requirements plus those of the optional groups ``extras``."""
    if tomllib is not None:
        project = tomllib.loads(pyproject_text)["project"]
        groups = project.get("optional-dependencies", {})
        runtime = project["dependencies"]
    else:
        arrays = _arrays_without_tomllib(pyproject_text)
        runtime = arrays["project.dependencies"]
        groups = {k.split(".", 2)[-1]: v for k, v in arrays.items()
                  if k.startswith("project.optional-dependencies.")}
    missing = [e for e in extras if e not in groups]
    if missing:
        raise ValueError(f"pyproject.toml has no optional-dependency group {missing}; "
                         f"it has {sorted(groups)}")
    return list(runtime) + [r for e in extras for r in groups[e]]


def _pip(*args):
    return subprocess.run([sys.executable, "-m", "pip", *args], capture_output=True, text=True, check=False)


def _version_key(version):
    return tuple(int(part) if part.isdigit() else -1 for part in re.split(r"[.+-]", version))


def _download(*specs):
    with tempfile.TemporaryDirectory() as folder:
        return _pip("download", "--quiet", "--no-deps", "--only-binary=:all:", "-d", folder, *specs)


def has_wheel(name, version):
    """Whether pip finds a wheel of ``name==version`` for this interpreter and platform."""
    return _download(f"{name}=={version}").returncode == 0


def lowest_with_wheel(name, floor):
    """The lowest release above ``floor`` (which has no wheel here) that has one."""
    listing = _pip("index", "versions", name).stdout
    found = re.search(r"Available versions: (.*)", listing)
    if not found:
        raise ValueError(f"pip lists no versions of {name} (offline?): cannot look for a wheel above {floor}")
    later = sorted((v.strip() for v in found.group(1).split(",")
                    if _version_key(v.strip()) > _version_key(floor) and re.fullmatch(r"[\d.]+", v.strip())),
                   key=_version_key)
    lo, hi = 0, len(later) - 1  # wheels, once a Python has them, stay: the first True is searched
    if hi < 0 or not has_wheel(name, later[hi]):
        raise ValueError(f"no release of {name} above {floor} has a wheel for this Python")
    while lo < hi:
        mid = (lo + hi) // 2
        lo, hi = (lo, mid) if has_wheel(name, later[mid]) else (mid + 1, hi)
    return later[lo]


def with_wheels(pins):
    """``pins`` (``name==version``), each raised to the lowest version that has a wheel here.

    One ``pip download`` of them all; each pin pip names as missing is searched on its own.
    """
    versions = dict(pin.split("==") for pin in pins)
    raised = {}
    while True:
        done = _download(*(f"{name}=={version}" for name, version in versions.items()))
        if done.returncode == 0:
            break
        missing = re.search(r"satisfies the requirement ([A-Za-z0-9._-]+)==", done.stderr)
        name = next((n for n in versions if missing and n.lower() == missing.group(1).lower()), None)
        if name is None or name in raised:
            raise ValueError(f"pip cannot download the oldest pins as wheels: {done.stderr.strip()[-400:]}")
        raised[name] = versions[name]
        versions[name] = lowest_with_wheel(name, versions[name])
    return [f"{name}=={version}" + (f"  # {raised[name]} has no wheel for this Python" if name in raised else "")
            for name, version in versions.items()]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("extras", nargs="*", help="optional-dependency groups to pin too (e.g. test)")
    parser.add_argument("--pyproject", type=Path, default=ROOT / "pyproject.toml")
    parser.add_argument("--wheels", action="store_true",
                        help="raise each pin to the lowest version with a wheel for this Python (asks pip)")
    args = parser.parse_args(argv)
    try:
        pins = [lowest_pin(r) for r in requirements(args.pyproject.read_text(), args.extras)]
        if args.wheels:
            pins = with_wheels(pins)
    except ValueError as exc:
        sys.exit(f"oldest_pins: {exc}")
    print("# lowest versions allowed by pyproject.toml (tools/oldest_pins.py)")
    print("\n".join(pins))


if __name__ == "__main__":
    main()
