import hashlib

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import examples

from lecture_utils import data


def test_grace_hopper_is_a_height_width_rgb_uint8_tensor():
    img = data.load_grace_hopper()
    assert img.shape == (150, 128, 3)
    assert img.dtype == np.uint8
    assert img.min() < 30 and img.max() > 240  # a real photo: dark uniform, white collar


def test_digits_are_8x8_intensities_with_labels():
    images, labels = data.load_digits()
    assert images.shape == (1797, 8, 8) and labels.shape == (1797,)
    assert images.min() == 0 and images.max() == 16
    assert set(np.unique(labels)) == set(range(10))
    # The UCI test set has between 174 and 183 examples of each digit.
    assert np.bincount(labels).min() == 174 and np.bincount(labels).max() == 183


def test_breast_cancer_matches_the_uci_description():
    X, y, names = data.load_breast_cancer()
    assert X.shape == (569, 30) and y.shape == (569,)
    assert y.sum() == 212 and (y == 0).sum() == 357  # 212 malignant, 357 benign
    assert names[0] == "mean_radius" and names[-1] == "worst_fractal_dimension" and len(names) == 30
    assert np.all(np.isfinite(X)) and np.all(X >= 0)


def test_loaders_hand_out_copies():
    a = data.load_grace_hopper()
    a[:] = 0
    assert data.load_grace_hopper().max() > 0


def test_recorded_checksums_match_the_files():
    for name, digest in data.FILES.items():
        assert hashlib.sha256((data.data_dir() / name).read_bytes()).hexdigest() == digest


def test_data_readme_lists_every_file_with_its_checksum():
    readme = (data.data_dir() / "README.md").read_text()
    for name, digest in data.FILES.items():
        assert name in readme and digest in readme


def test_missing_file_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setenv("LECTURE_UTILS_DATA", str(tmp_path))
    with pytest.raises(data.DataFileError, match=r"digits.csv not found .*git checkout -- data/digits.csv"):
        data.load_digits()


def test_corrupt_file_is_refused(tmp_path, monkeypatch):
    (tmp_path / "digits.csv").write_text("label\n1\n")
    monkeypatch.setenv("LECTURE_UTILS_DATA", str(tmp_path))
    with pytest.raises(data.DataFileError, match=r"digits.csv .* is corrupt or was modified"):
        data.load_digits()


def test_unknown_data_file():
    with pytest.raises(ValueError, match=r"unknown data file 'iris.csv'"):
        data.data_path("iris.csv")


@settings(max_examples=examples(40), deadline=None)
@given(n=st.integers(2, 60), m=st.integers(1, 4), test_size=st.floats(0.05, 0.9), seed=st.integers(0, 1000))
def test_split_is_a_paired_partition(n, m, test_size, seed):
    X = np.arange(n * m, dtype=float).reshape(n, m)
    y = np.arange(n)
    expected_test = int(np.ceil(test_size * n))
    if expected_test >= n:
        with pytest.raises(ValueError, match="no row left to train on"):
            data.train_test_split(X, y, test_size, seed)
        return
    X_tr, X_te, y_tr, y_te = data.train_test_split(X, y, test_size, seed)
    assert len(y_te) == expected_test and len(y_tr) == n - expected_test
    assert sorted(np.concatenate([y_tr, y_te])) == list(range(n))  # every row exactly once
    np.testing.assert_array_equal(X_tr[:, 0], y_tr * m)  # rows stay with their labels
    np.testing.assert_array_equal(X_te[:, 0], y_te * m)


def test_split_is_deterministic_and_seeded():
    X, y, _ = data.load_breast_cancer()
    a = data.train_test_split(X, y, seed=0)
    b = data.train_test_split(X, y, seed=0)
    c = data.train_test_split(X, y, seed=1)
    assert all(np.array_equal(p, q) for p, q in zip(a, b))
    assert not np.array_equal(a[3], c[3])
    assert a[1].shape == (143, 30)  # 25 % of 569, rounded up


def test_split_accepts_a_column_y():
    X = np.zeros((8, 2))
    *_, y_tr, y_te = data.train_test_split(X, np.arange(8).reshape(8, 1))
    assert y_tr.ndim == 1 and y_te.ndim == 1


@pytest.mark.parametrize("X, y, kwargs, error, match", [
    (np.zeros((4, 2)), np.zeros(5), {}, ValueError, r"same number of rows, got X \(4, 2\) and y \(5,\)"),
    (np.zeros(4), np.zeros(4), {}, ValueError, r"X must be a 2-D matrix, got shape \(4,\)"),
    (np.zeros((4, 2)), np.zeros((4, 2)), {}, ValueError, r"y must be a vector of shape \(n,\) or a column \(n, 1\), got shape \(4, 2\)"),
    (np.zeros((4, 2)), np.zeros(4), {"test_size": 1.5}, ValueError, r"test_size must be a fraction between 0 and 1, got 1.5"),
    (np.zeros((4, 2)), np.zeros(4), {"test_size": "half"}, TypeError, r"test_size must be a real number"),
    (np.zeros((4, 2)), np.zeros(4), {"seed": 1.5}, TypeError, r"seed must be a whole number"),
    ("abc", np.zeros(4), {}, TypeError, r"X must be numbers"),
    ([[1, 2], [3]], np.zeros(2), {}, ValueError, r"X must be a rectangular array"),
    (np.full((4, 2), np.nan), np.zeros(4), {}, ValueError, r"X contains NaN or infinity"),
])
def test_split_bad_inputs(X, y, kwargs, error, match):
    with pytest.raises(error, match=match):
        data.train_test_split(X, y, **kwargs)


def test_standardize_uses_training_statistics():
    rng = np.random.default_rng(0)
    X_train = rng.normal(5, 3, size=(50, 3))
    X_test = rng.normal(5, 3, size=(10, 3))
    A, B = data.standardize(X_train, X_test)
    np.testing.assert_allclose(A.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(A.std(axis=0), 1)
    np.testing.assert_allclose(B, (X_test - X_train.mean(0)) / X_train.std(0))


def test_standardize_leaves_constant_columns_centred_not_divided_by_zero():
    A, B = data.standardize(np.array([[1.0, 2.0], [3.0, 2.0]]), np.array([[5.0, 2.0]]))
    np.testing.assert_allclose(A, [[-1, 0], [1, 0]])
    np.testing.assert_allclose(B, [[3, 0]])


def test_standardize_shape_mismatch():
    with pytest.raises(ValueError, match=r"same number of columns, got \(3, 2\) and \(3, 4\)"):
        data.standardize(np.zeros((3, 2)), np.zeros((3, 4)))


def test_breast_cancer_split_is_notebook_06s_split():
    from lecture_utils import data

    split = data.breast_cancer_split()
    X, y, names = data.load_breast_cancer()
    X_train_raw, X_test_raw, y_train, y_test = data.train_test_split(X, y, test_size=0.25, seed=0)
    X_train, X_test = data.standardize(X_train_raw, X_test_raw)
    for got, want in [(split.X_train, X_train), (split.X_test, X_test), (split.y_train, y_train),
                      (split.y_test, y_test), (split.X_train_raw, X_train_raw)]:
        np.testing.assert_array_equal(got, want)
    assert split.X_train.shape == (426, 30) and split.X_test.shape == (143, 30) and split.y_test.sum() == 51
    assert split.feature_names == names
    # fresh copies: editing one split cannot change the next
    split.X_train[:] = 0
    assert data.breast_cancer_split().X_train.any()
    tr, te = split.columns(["worst_radius", "worst_texture"])
    assert tr.shape == (426, 2) and te.shape == (143, 2)
    with pytest.raises(ValueError, match=r"unknown feature\(s\) \['colour'\]"):
        split.columns(["colour"])
    with pytest.raises(TypeError, match="list of column names"):
        split.columns("worst_radius")
