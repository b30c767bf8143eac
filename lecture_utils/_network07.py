"""Notebook 07's explorers' training runs: trained once at build time, shipped as ``_shipped/network07.npz``.

HiddenLayerExplorer shows networks of 1-10 hidden units along 1,500 steps, InitializationExplorer
306 distinct networks of 4 units after 800 steps: about 20 s of training with the plain trainer
(:class:`lecture_utils.network.MLPClassifier`). ``tools/network07_data.py`` runs that training and
writes the file; an explorer built with the notebook's settings only loads it (first use, then
cached). Other settings (a test's short run, a student's own ``max_steps``) are trained on
construction by the same trainer. ``tests/test_network07_data.py`` retrains a sample and compares.

What a run keeps is what the explorers draw and say: the snapshots' parameters (or the final
ones), J at those snapshots, and the cost curve reduced to its min/max per bin of steps (the
picture of an 800-step curve on ~350 pixels, oscillations kept), plus J at the start and end,
the steps taken, whether it diverged and at how many steps J rose.
"""

import functools
import pathlib

import numpy as np

from .network import MLPClassifier, moons_split

__all__ = ["HIDDEN", "INIT", "envelope", "envelope_steps", "hidden_runs", "init_runs"]

DATA = pathlib.Path(__file__).with_name("_shipped") / "network07.npz"
HIDDEN = dict(widths=tuple(range(1, 11)), learning_rate=1.0, max_steps=1500, every=10)
INIT = dict(hidden=4, max_steps=800, scales=(0.0, 0.01, 0.1, 1.0, 3.0, 10.0), seeds=tuple(range(10)),
            rates=(0.1, 0.3, 1.0, 3.0, 10.0, 30.0))
BINS = 150  # cost-curve bins: about 2 pixels each on the explorers' cost panels


def _bin_size(max_steps, bins=BINS):
    return -(-(max_steps + 1) // bins)


def envelope_steps(max_steps, bins=BINS):
    """The steps :func:`envelope`'s values are drawn at: each bin's first and last step."""
    size = _bin_size(max_steps, bins)
    starts = np.arange(0, max_steps + 1, size)
    return np.column_stack([starts, np.minimum(starts + size - 1, max_steps)]).ravel().astype(float)


def envelope(costs, max_steps, bins=BINS):
    """The min and max of ``costs`` in each bin of steps, in the order they occur (two values a bin).

    Drawn at :func:`envelope_steps`, this is the picture of the whole curve on a panel a few
    hundred pixels wide, its oscillations kept. A run that stopped early (diverged) is padded
    with NaN, so every run of one explorer gives arrays of one shape.
    """
    costs = np.asarray(costs, dtype=float)
    size = _bin_size(max_steps, bins)
    out = np.full(len(envelope_steps(max_steps, bins)), np.nan)
    for k, start in enumerate(range(0, len(costs), size)):
        chunk = costs[start:start + size]
        lo, hi = int(np.argmin(chunk)), int(np.argmax(chunk))
        out[2 * k:2 * k + 2] = (chunk[lo], chunk[hi]) if lo <= hi else (chunk[hi], chunk[lo])
    return out


def coarsen(values, factor):
    """An :func:`envelope` (or its :func:`envelope_steps`) with ``factor`` bins merged into one.

    For steps: each merged bin's first and last step. For values: its min and max in the order
    they occur (NaN where a run had stopped).
    """
    values = np.asarray(values, dtype=float)
    pad = -len(values) % (2 * factor)
    groups = np.concatenate([values, np.full(pad, np.nan)]).reshape(-1, 2 * factor)
    finite = np.isfinite(groups)
    lo = np.argmin(np.where(finite, groups, np.inf), axis=1)  # first occurrence, as np.argmin
    hi = np.argmax(np.where(finite, groups, -np.inf), axis=1)
    rows = np.arange(len(groups))
    out = np.column_stack([groups[rows, np.minimum(lo, hi)], groups[rows, np.maximum(lo, hi)]])
    out[~finite.any(axis=1)] = np.nan
    return out.ravel()


def coarsen_steps(steps, factor):
    """:func:`envelope_steps` for :func:`coarsen`'s bins: the first and last step of each."""
    steps = np.asarray(steps, dtype=float)
    pad = -len(steps) % (2 * factor)
    groups = np.concatenate([steps, np.full(pad, np.nan)]).reshape(-1, 2 * factor)
    return np.column_stack([groups[:, 0], np.nanmax(groups, axis=1)]).ravel()


def _rises(costs):
    return int(np.sum(np.diff(costs) > 1e-12))


def _summary(model, max_steps):
    costs = model.cost_history_
    return {"W1": model.W1_, "b1": model.b1_, "W2": model.W2_, "b2": float(model.b2_), "J0": float(costs[0]),
            "J_end": float(costs[-1]), "n_steps": int(model.n_steps_), "diverged": bool(model.diverged_),
            "rises": _rises(costs), "curve": envelope(costs, max_steps)}


def train_hidden(width, learning_rate, max_steps, every):
    """One HiddenLayerExplorer run: ``{"steps", "params" (k, 4w+1), "J" (k,), "curve"}`` (k snapshots)."""
    X, _, y, _ = moons_split()
    model = MLPClassifier(hidden=width, learning_rate=learning_rate, max_steps=max_steps).fit(X, y, keep_every=every)
    steps = np.array(sorted(model.snapshots_))
    params = np.array([np.concatenate([W1.ravel(), b1, W2, [b2]])
                       for W1, b1, W2, b2 in (model.snapshots_[s] for s in steps)])
    return {"steps": steps, "params": params, "J": model.cost_history_[steps],
            "curve": envelope(model.cost_history_, max_steps)}


def unpack(row, width):
    """``(W1 (2, w), b1, W2, b2)`` from a row of ``params`` (as :func:`train_hidden` packs them)."""
    return row[:2 * width].reshape(2, width), row[2 * width:3 * width], row[3 * width:4 * width], float(row[-1])


def train_init(scale, seed, rate, hidden, max_steps):
    """One InitializationExplorer run, summarised (see the module's docstring)."""
    X, _, y, _ = moons_split()
    model = MLPClassifier(hidden=hidden, learning_rate=rate, max_steps=max_steps, init_scale=scale, seed=seed)
    return _summary(model.fit(X, y), max_steps)


def init_settings(scales=INIT["scales"], seeds=INIT["seeds"], rates=INIT["rates"]):
    """The distinct settings: all-zero starts are one network whatever the seed, trained once (seed 0)."""
    return [(scale, seed, rate) for scale in scales for seed in (seeds if scale else seeds[:1]) for rate in rates]


@functools.lru_cache(maxsize=2)
def hidden_runs(learning_rate=HIDDEN["learning_rate"], max_steps=HIDDEN["max_steps"], every=HIDDEN["every"]):
    """``{width: run}`` for widths 1-10: loaded from the shipped file for the notebook's settings, else trained."""
    if (learning_rate, max_steps, every) == (HIDDEN["learning_rate"], HIDDEN["max_steps"], HIDDEN["every"]):
        data = _load()
        if data is not None:
            return {w: {k: data[f"hidden/{w}/{k}"] for k in ("steps", "params", "J", "curve")}
                    for w in HIDDEN["widths"]}
    return {w: train_hidden(w, learning_rate, max_steps, every) for w in HIDDEN["widths"]}


@functools.lru_cache(maxsize=2)
def init_runs(hidden=INIT["hidden"], max_steps=INIT["max_steps"]):
    """``{(scale, seed, rate): summary}`` for every setting (all-zero starts shared by the seeds)."""
    settings = init_settings()
    runs = None
    if (hidden, max_steps) == (INIT["hidden"], INIT["max_steps"]):
        data = _load()
        if data is not None:
            runs = {tuple(s): _init_row(data, i, hidden) for i, s in enumerate(data["init/settings"].tolist())}
    if runs is None:
        runs = {s: train_init(*s, hidden, max_steps) for s in settings}
    for scale, seed, rate in list(runs):
        if scale == 0:
            for other in INIT["seeds"]:
                runs[(0.0, other, rate)] = runs[(0.0, 0, rate)]
    return runs


def _init_row(data, i, hidden):
    p = data["init/params"][i]
    return {"W1": p[:2 * hidden].reshape(2, hidden), "b1": p[2 * hidden:3 * hidden], "W2": p[3 * hidden:4 * hidden],
            "b2": float(p[-1]), "J0": float(data["init/J0"][i]), "J_end": float(data["init/J_end"][i]),
            "n_steps": int(data["init/n_steps"][i]), "diverged": bool(data["init/diverged"][i]),
            "rises": int(data["init/rises"][i]), "curve": data["init/curve"][i].astype(float)}


@functools.lru_cache(maxsize=1)
def _load():
    """The shipped arrays, or None when the file is missing (a checkout before ``tools/network07_data.py``)."""
    if not DATA.exists():
        return None
    with np.load(DATA) as npz:
        return {k: npz[k] for k in npz.files}


def build():
    """Every array of the shipped file, trained now (``tools/network07_data.py`` writes them)."""
    out = {}
    for w in HIDDEN["widths"]:
        run = train_hidden(w, HIDDEN["learning_rate"], HIDDEN["max_steps"], HIDDEN["every"])
        for key, value in run.items():
            # Snapshots keep float64 (a retrain compares exactly); the drawn curve needs no more than float32.
            out[f"hidden/{w}/{key}"] = value.astype(np.float32) if key == "curve" else value
    settings = init_settings()
    runs = [train_init(*s, INIT["hidden"], INIT["max_steps"]) for s in settings]
    out["init/settings"] = np.array(settings, dtype=float)
    out["init/params"] = np.array([np.concatenate([r["W1"].ravel(), r["b1"], r["W2"], [r["b2"]]]) for r in runs])
    for key in ("J0", "J_end", "n_steps", "diverged", "rises"):
        out[f"init/{key}"] = np.array([r[key] for r in runs])
    out["init/curve"] = np.array([r["curve"] for r in runs], dtype=np.float32)
    return out
