"""Pins of the lowest versions pyproject.toml allows, for ``make test-oldest``.

Reads ``[project] dependencies`` and the optional-dependency groups named on the command line
and prints one ``name==lower-bound`` line per requirement: a pip constraints file. Every
requirement must declare a lower bound (``>=``), so the declared range always has a bottom
that CI can test.

    python tools/oldest_pins.py test > .venv-oldest/constraints.txt
"""

import argparse
import re
import sys
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


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("extras", nargs="*", help="optional-dependency groups to pin too (e.g. test)")
    parser.add_argument("--pyproject", type=Path, default=ROOT / "pyproject.toml")
    args = parser.parse_args(argv)
    try:
        pins = [lowest_pin(r) for r in requirements(args.pyproject.read_text(), args.extras)]
    except ValueError as exc:
        sys.exit(f"oldest_pins: {exc}")
    print("# lowest versions allowed by pyproject.toml (tools/oldest_pins.py)")
    print("\n".join(pins))


if __name__ == "__main__":
    main()
