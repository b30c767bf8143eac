"""Author tools for the notebooks: re-execute in a fresh kernel, strip volatile metadata, verify.

    python tools/notebooks.py execute [NB ...]   # run each top to bottom, then strip
    python tools/notebooks.py strip [NB ...]     # drop widget state and timing metadata only
    python tools/notebooks.py verify [NB ...]    # exit 1 if a notebook carries either

With no NB, every ``notebooks/*.ipynb``. Outputs and execution counts are kept (nbval needs them).
"""

import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
KERNEL = "python3"
# Cell metadata that changes every run and means nothing to a reader.
VOLATILE_CELL_KEYS = ("execution", "collapsed_sections")


def notebook_paths(args):
    paths = [Path(a) for a in args] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        sys.exit(f"no such notebook: {', '.join(missing)}")
    return paths


def volatile_metadata(nb):
    """Descriptions of widget state or timing metadata ``nb`` carries (empty when clean)."""
    found = []
    if "widgets" in nb.metadata:
        found.append("notebook metadata stores widget state ('widgets')")
    for i, cell in enumerate(nb.cells):
        for key in VOLATILE_CELL_KEYS:
            if key in cell.get("metadata", {}):
                found.append(f"cell {i} metadata has '{key}'")
    return found


def strip(nb):
    """Remove widget state and timing metadata in place; keep outputs and counts."""
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        for key in VOLATILE_CELL_KEYS:
            cell.get("metadata", {}).pop(key, None)
    return nb


def execute(path):
    """Run ``path`` top to bottom in a fresh kernel (cwd = its folder), strip, save."""
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb, kernel_name=KERNEL, timeout=600, record_timing=False,
        resources={"metadata": {"path": str(Path(path).parent)}},
    )
    client.execute()
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": KERNEL}
    nbformat.write(strip(nb), path)


def main(argv):
    if not argv or argv[0] not in ("execute", "strip", "verify"):
        sys.exit(__doc__)
    command, paths = argv[0], notebook_paths(argv[1:])
    bad = 0
    for path in paths:
        if command == "execute":
            print(f"executing {path.name} ...", flush=True)
            execute(path)
        elif command == "strip":
            nbformat.write(strip(nbformat.read(path, as_version=4)), path)
        else:
            problems = volatile_metadata(nbformat.read(path, as_version=4))
            for p in problems:
                print(f"{path}: {p}")
            bad += bool(problems)
    if bad:
        sys.exit(f"{bad} notebook(s) carry widget state or timing metadata: run `make strip`")


if __name__ == "__main__":
    main(sys.argv[1:])
