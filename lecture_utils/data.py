"""The course's data sets (shipped in ``data/``), checked by sha256, and splitting helpers.

Every file in ``data/`` is described in ``data/README.md`` (source, licence, columns).
"""

import functools
import hashlib
import io
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ._validation import FloatOverflowError, as_array, as_count, as_real, as_vector, describe

# sha256 of each file as shipped; data/README.md lists the same values.
FILES = {
    "grace_hopper.png": "d9796433f324edebe2bd9d1c1b16f000d669f149cf1b98c3a752a09cca22ac7b",
    "digits.csv": "7a93e51f73dadeb4429b4fc0718b334d12864332b906bdf44f9da7599a7e0e01",
    "breast_cancer.csv": "85ccf4c1e5ec3108e00295ade644cdfb50406597893197f21cdd15a34af23470",
}


#: Largest data file read (bytes): every shipped file is far smaller, so anything bigger is not
#: the course's file (a Git LFS object, a wrong path) and is refused before it is read.
MAX_FILE_BYTES = 16 * 2**20


class DataFileError(RuntimeError):
    """A data file is missing, unreadable, or does not match its recorded checksum."""


def data_dir():
    """Folder holding the data files: ``$LECTURE_UTILS_DATA`` or the repository's ``data/``."""
    env = os.environ.get("LECTURE_UTILS_DATA")
    return Path(env) if env else Path(__file__).resolve().parent.parent / "data"


def data_path(name):
    """Path of a shipped data file after checking that it exists and is intact."""
    return _checked(name)[0]


def _checked(name):
    """``(path, contents)`` of a shipped data file, its sha256 checked on the very bytes returned."""
    if not isinstance(name, str):
        raise TypeError(f"name must be the file name as a string, one of {sorted(FILES)}, got {describe(name)}")
    if name not in FILES:
        raise ValueError(f"unknown data file {name!r}; the course ships {sorted(FILES)}")
    path = data_dir() / name
    if not path.is_file():
        raise DataFileError(
            f"data file {name} not found at {path}. Restore it from the repository "
            f"(git checkout -- data/{name}) or point LECTURE_UTILS_DATA at the folder holding it."
        )
    contents = _read(path, name)
    digest = hashlib.sha256(contents).hexdigest()
    if digest != FILES[name]:
        raise DataFileError(
            f"data file {name} at {path} is corrupt or was modified: sha256 {digest[:12]}... "
            f"does not match the recorded {FILES[name][:12]}... Restore it with "
            f"git checkout -- data/{name}"
        )
    return path, contents


def _read(path, name):
    """The file's bytes, after checking its size; OS errors become DataFileError."""
    restore = f"Restore it with git checkout -- data/{name}"
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DataFileError(f"data file {name} at {path} is {size:,} bytes, more than any course file "
                                f"(limit MAX_FILE_BYTES = {MAX_FILE_BYTES:,}): it is not the shipped file. {restore}")
        with open(path, "rb") as fh:
            # One read, hashed and then parsed: a file swapped between the two cannot slip through.
            contents = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:  # PermissionError, a folder, ...: say which file and what to do
        raise DataFileError(f"data file {name} at {path} cannot be read ({type(exc).__name__}: "
                            f"{exc.strerror or exc}). Make it readable (chmod a+r) or {restore[0].lower()}"
                            f"{restore[1:]}") from None
    if len(contents) > MAX_FILE_BYTES:
        raise DataFileError(f"data file {name} at {path} grew past MAX_FILE_BYTES = {MAX_FILE_BYTES:,} while "
                            f"being read: it is not the shipped file. {restore}")
    return contents


def load_grace_hopper():
    """Colour portrait of Grace Hopper as a ``(150, 128, 3)`` uint8 array (height, width, RGB)."""
    return _parsed("grace_hopper.png", _read_png).copy()


def load_digits():
    """Handwritten digits: ``images`` ``(1797, 8, 8)`` ints 0-16 and ``labels`` ``(1797,)``.

    Returns
    -------
    images : ndarray of int64, shape (1797, 8, 8)
        Pixel intensities, 0 (white paper) to 16 (full ink).
    labels : ndarray of int64, shape (1797,)
        The digit each image shows, 0-9.
    """
    images, labels = _parsed("digits.csv", _read_digits)
    return images.copy(), labels.copy()


def load_breast_cancer():
    """Breast Cancer Wisconsin (Diagnostic): ``X`` ``(569, 30)``, ``y`` ``(569,)``, feature names.

    ``y`` is 1 for a malignant tumour and 0 for a benign one.
    """
    X, y, names = _parsed("breast_cancer.csv", _read_breast_cancer)
    return X.copy(), y.copy(), list(names)


# Each file is verified on every load but parsed once (exercise checks load the same inputs
# again and again); the loaders hand out copies so a student's in-place edit cannot leak into
# a check. The parse is keyed by the file's name: only the recorded contents ever get parsed.
_PARSED = {}


def _parsed(name, parse):
    _, contents = _checked(name)
    if name not in _PARSED:
        _PARSED[name] = parse(io.BytesIO(contents))
    return _PARSED[name]


def _read_png(fh):
    from matplotlib.image import imread  # matplotlib is heavy; import it only when needed

    img = imread(fh, format="png")  # floats in [0, 1] for PNG
    return np.round(img[..., :3] * 255).astype(np.uint8)


def _read_digits(fh):
    table = np.loadtxt(fh, delimiter=",", skiprows=1, dtype=np.int64)
    return table[:, :64].reshape(-1, 8, 8), table[:, 64]


def _read_breast_cancer(fh):
    text = fh.read().decode("utf-8").splitlines()
    names = text[0].strip().split(",")[:-1]
    X = np.loadtxt(text, delimiter=",", skiprows=1, usecols=range(len(names)))
    diagnosis = np.loadtxt(text, delimiter=",", skiprows=1, usecols=len(names), dtype=str)
    return X, (diagnosis == "M").astype(np.int64), names


def train_test_split(X, y, test_size=0.25, seed=0):
    """Shuffle the rows of ``X`` and ``y`` together and split them.

    Parameters
    ----------
    X : array_like, shape (n, m)
    y : array_like, shape (n,) or (n, 1)
    test_size : float in (0, 1)
        Fraction of rows put in the test set (rounded up, at least one row on each side).
    seed : int
        Seed of the shuffle, so the split is the same every run.

    Returns
    -------
    X_train, X_test, y_train, y_test
    """
    X = as_array(X, "X", ndim=2)
    y = as_vector(y, "y")
    if X.shape[0] != y.shape[0]:
        raise ValueError(f"X and y must have the same number of rows, got X {X.shape} and y {y.shape}")
    test_size = as_real(test_size, "test_size")
    if not 0 < test_size < 1:
        raise ValueError(f"test_size must be a fraction between 0 and 1, got {test_size}")
    seed = as_count(seed, "seed")
    n = X.shape[0]
    n_test = int(np.ceil(test_size * n))
    if n_test >= n:
        raise ValueError(f"cannot split {n} rows with test_size={test_size}: no row left to train on")
    order = np.random.default_rng(seed).permutation(n)
    test, train = order[:n_test], order[n_test:]
    return X[train], X[test], y[train], y[test]


def standardize(X_train, X_test):
    """Scale every column to mean 0 and standard deviation 1, using the training set's statistics.

    The test set is scaled with the *training* mean and standard deviation, as it must be:
    a model may not peek at test data. Constant columns are centred and left unscaled.

    Returns
    -------
    X_train_std, X_test_std : ndarray
    """
    X_train = as_array(X_train, "X_train", ndim=2).astype(float)
    X_test = as_array(X_test, "X_test", ndim=2).astype(float)
    if X_train.shape[1] != X_test.shape[1]:
        raise ValueError(
            f"X_train and X_test must have the same number of columns, got {X_train.shape} and {X_test.shape}"
        )
    # Columns with entries beyond 1e150 are divided by their largest |value| first, so the mean
    # and the variance do not overflow; the result (a scale-free number) is the same.
    scale = np.max(np.abs(X_train), axis=0, initial=0.0)
    scale[scale <= 1e150] = 1.0
    A, B = X_train / scale, X_test / scale
    mean = A.mean(axis=0)
    std = A.std(axis=0)
    constant = std == 0
    std[constant] = 1.0 / scale[constant]  # a constant column is only centred, in its own units
    with np.errstate(over="ignore"):  # a test value far outside the training range: checked below
        out = (A - mean) / std, (B - mean) / std
    for arr, name in zip(out, ("X_train", "X_test")):
        if not np.all(np.isfinite(arr)):
            raise FloatOverflowError(f"standardize: {name} holds values so far from X_train's mean, compared "
                                     "with its spread, that they overflow a float once standardised (inf)")
    return out


@dataclass(frozen=True)
class Split:
    """Notebook 06's data: training and test rows, standardised and raw, and the column names."""

    X_train: np.ndarray
    X_test: np.ndarray
    y_train: np.ndarray
    y_test: np.ndarray
    X_train_raw: np.ndarray
    X_test_raw: np.ndarray
    feature_names: list

    def columns(self, features):
        """``(X_train, X_test)`` restricted to the named ``features`` (a list of column names)."""
        if isinstance(features, str) or not all(isinstance(f, str) for f in features):
            raise TypeError(f"features must be a list of column names (strings), got {features!r}")
        unknown = [f for f in features if f not in self.feature_names]
        if unknown:
            raise ValueError(f"unknown feature(s) {unknown}; the data set has {self.feature_names}")
        idx = [self.feature_names.index(f) for f in features]
        return self.X_train[:, idx], self.X_test[:, idx]


def breast_cancer_split():
    """The breast-cancer data split as notebook 06 uses it, written once for every user.

    ``train_test_split(X, y, test_size=0.25, seed=0)``, then ``standardize`` with the
    training rows' statistics. Every call returns fresh copies (safe to modify).

    Returns
    -------
    Split
        ``X_train`` (426, 30), ``X_test`` (143, 30), ``y_train``, ``y_test`` (0/1 floats), the
        unscaled ``X_train_raw``/``X_test_raw`` and ``feature_names``.
    """
    *arrays, names = _split_arrays()
    return Split(*(np.copy(a) for a in arrays), feature_names=list(names))


@functools.lru_cache(maxsize=1)
def _split_arrays():
    X, y, names = load_breast_cancer()
    X_train_raw, X_test_raw, y_train, y_test = train_test_split(X, y, test_size=0.25, seed=0)
    X_train, X_test = standardize(X_train_raw, X_test_raw)
    return X_train, X_test, y_train, y_test, X_train_raw, X_test_raw, tuple(names)
