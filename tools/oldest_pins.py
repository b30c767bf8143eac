"""Pins of the lowest versions pyproject.toml allows, for ``make test-oldest``.

Reads ``[project] dependencies`` and the optional-dependency groups named on the command line
and prints one ``name==lower-bound`` line per requirement: a pip constraints file. Every
requirement must declare a lower bound (``>=``), so the declared range always has a bottom
that CI can test.

    python tools/oldest_pins.py test > .venv-oldest/constraints.txt
    python tools/oldest_pins.py --wheels test    # raise a bound with no wheel for this Python

With ``--wheels``, a lower bound that has no wheel for the interpreter named by ``--python``
(contourpy 1.0.1 or pillow 8 on CPython 3.11, say) is replaced by the lowest later version that
has one, and the raised pin is named in a comment: the oldest venv then installs in seconds
instead of compiling C++ for minutes. One ``uv pip compile --resolution lowest --no-deps
--only-binary :all:`` of the requirements answers for all of them at once (under a second with
uv's cache; the pip download and binary search this replaced took 2-3 minutes). The declared
bound itself is then tested only on the Pythons it has wheels for.
"""

import argparse
import os
import re
import shutil
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


def _name(requirement):
    return REQUIREMENT.match(requirement).group(1)


def _normal(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def with_wheels(requirements_, uv, python):
    """The pins of ``requirements_``, each at the lowest version that has a wheel for ``python``.

    Parameters
    ----------
    requirements_ : list of str
        Requirements as pyproject.toml writes them (each with a ``>=`` bound; markers allowed).
    uv : str
        The uv executable.
    python : str
        The interpreter the pins are for (its version, platform and markers).

    Returns
    -------
    list of str
        ``name==version`` lines, a comment on each pin raised above its declared bound;
        requirements whose marker excludes ``python`` are left out.
    """
    floors = {_normal(_name(r)): lowest_pin(r).split("==")[1] for r in requirements_}
    with tempfile.TemporaryDirectory() as folder:
        listed = Path(folder) / "requirements.in"
        listed.write_text("\n".join(requirements_) + "\n")
        done = subprocess.run([uv, "pip", "compile", "--quiet", "--no-header", "--no-annotate", "--no-deps",
                               "--resolution", "lowest", "--only-binary", ":all:", "--python", python, str(listed)],
                              capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise ValueError(f"uv cannot find wheels for the oldest pins: {done.stderr.strip()[-600:]}")
    pins = []
    for line in done.stdout.splitlines():
        if "==" not in line:
            continue
        name, version = (part.strip() for part in line.split("==", 1))
        floor = floors.get(_normal(name))
        raised = floor is not None and _version_key(version) != _version_key(floor)
        pins.append(f"{name}=={version}" + (f"  # {floor} has no wheel for this Python" if raised else ""))
    return pins


def _version_key(version):
    """``"2"`` and ``"2.0.0"`` compare equal; release parts only."""
    parts = [int(p) for p in re.findall(r"\d+", version.split("+")[0])]
    while parts and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def _default_uv():
    beside = Path(sys.executable).with_name("uv")
    return str(beside) if beside.exists() else (shutil.which("uv") or "uv")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("extras", nargs="*", help="optional-dependency groups to pin too (e.g. test)")
    parser.add_argument("--pyproject", type=Path, default=ROOT / "pyproject.toml")
    parser.add_argument("--wheels", action="store_true",
                        help="raise each pin to the lowest version with a wheel for --python (asks uv)")
    parser.add_argument("--python", default=os.environ.get("OLDEST_PYTHON", sys.executable),
                        help="the interpreter the wheels are for (default: this one)")
    parser.add_argument("--uv", default=_default_uv(), help="the uv executable (default: beside this Python, or on PATH)")
    args = parser.parse_args(argv)
    try:
        wanted = requirements(args.pyproject.read_text(), args.extras)
        pins = [lowest_pin(r) for r in wanted]
        if args.wheels:
            pins = with_wheels(wanted, args.uv, args.python)
    except ValueError as exc:
        sys.exit(f"oldest_pins: {exc}")
    print("# lowest versions allowed by pyproject.toml (tools/oldest_pins.py)")
    print("\n".join(pins))


if __name__ == "__main__":
    main()
