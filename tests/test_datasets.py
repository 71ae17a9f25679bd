"""The data sets are what the chapters say they are, and the helpers neither lose nor duplicate a sample."""

import numpy as np
import pytest

from nnbook import datasets


def test_linear_defaults_are_the_seed_data_bit_for_bit(seed_data):
    x, y, _ = seed_data
    x_lin, y_lin = datasets.linear()
    assert np.array_equal(x_lin, x) and np.array_equal(y_lin, y)


def test_linear_rng_continues_the_seed_stream_to_the_initial_weight(seed_data):
    *_, w0 = seed_data
    rs = np.random.RandomState(42)
    datasets.linear(rng=rs)
    assert rs.randn() == w0


def test_linear_leaves_the_global_random_state_alone():
    before = np.random.get_state()[1].copy()  # noqa: NPY002 (the global state is what is checked)
    datasets.linear(seed=3)
    assert np.array_equal(np.random.get_state()[1], before)  # noqa: NPY002


def test_linear_without_noise_lies_on_the_line():
    x, y = datasets.linear(n=50, slope=-3.0, intercept=0.5, noise=0.0, seed=1)
    assert x.shape == y.shape == (50,)
    assert np.all((-1 <= x) & (x < 1))
    np.testing.assert_allclose(y, -3.0 * x + 0.5)


def test_xor_is_the_truth_table():
    X, y = datasets.xor()
    assert X.dtype == np.float64 and X.shape == (4, 2) and y.dtype.kind == "i"
    np.testing.assert_array_equal(y, np.logical_xor(X[:, 0], X[:, 1]))
    np.testing.assert_array_equal(X, [[0, 0], [0, 1], [1, 0], [1, 1]])


@pytest.mark.parametrize("n", [2, 7, 200])
def test_moons_shapes_and_class_sizes(n):
    X, y = datasets.moons(n, seed=1)
    assert X.shape == (n, 2) and X.dtype == np.float64 and y.shape == (n,) and y.dtype.kind == "i"
    np.testing.assert_array_equal(np.bincount(y, minlength=2), [n // 2, n - n // 2])


def test_moons_without_noise_lie_on_two_half_circles():
    X, y = datasets.moons(101, noise=0.0)
    np.testing.assert_allclose(np.linalg.norm(X[y == 0], axis=1), 1.0)
    np.testing.assert_allclose(np.linalg.norm(X[y == 1] - [1.0, 0.5], axis=1), 1.0)
    assert np.all(X[y == 0, 1] >= 0) and np.all(X[y == 1, 1] <= 0.5 + 1e-12)


def test_moons_are_shuffled_and_the_classes_differ():
    X, y = datasets.moons(200, noise=0.1, seed=0)
    assert 0 < np.count_nonzero(y[:100]) < 100  # both classes in the first half
    assert np.linalg.norm(X[y == 0].mean(axis=0) - X[y == 1].mean(axis=0)) > 0.5


@pytest.mark.parametrize("make", [datasets.moons, datasets.spirals])
def test_generators_are_deterministic_per_seed(make):
    X1, y1 = make(seed=5)
    X2, y2 = make(seed=5)
    X3, _ = make(seed=6)
    assert np.array_equal(X1, X2) and np.array_equal(y1, y2)
    assert not np.array_equal(X1, X3)


@pytest.mark.parametrize(
    "n, classes, expected", [(300, 3, [100, 100, 100]), (10, 3, [4, 3, 3]), (11, 4, [3, 3, 3, 2]), (2, 2, [1, 1])]
)
def test_spirals_class_sizes_are_as_equal_as_possible(n, classes, expected):
    X, y = datasets.spirals(n, classes=classes, seed=0)
    assert X.shape == (n, 2) and X.dtype == np.float64 and y.dtype.kind == "i"
    np.testing.assert_array_equal(np.bincount(y, minlength=classes), expected)


def test_spirals_stay_in_the_unit_disc_and_are_shuffled():
    X, y = datasets.spirals(300, classes=3, noise=0.2, seed=0)
    assert np.all(np.linalg.norm(X, axis=1) <= 1.0 + 1e-12)  # the noise turns the angle, not the radius
    assert len(np.unique(y[:30])) == 3


def test_load_digits_shapes_and_values():
    X, y = datasets.load_digits()
    assert X.shape == (1797, 64) and X.dtype == np.float64 and y.shape == (1797,) and y.dtype.kind == "i"
    assert X.min() == 0 and X.max() == 16 and np.array_equal(X, np.round(X))
    counts = np.bincount(y)
    assert len(counts) == 10 and counts.sum() == 1797 and counts.min() >= 170


@pytest.mark.peer  # scikit-learn is not in requirements.txt: this runs with `pytest -m peer tests`
def test_load_digits_equals_scikit_learn():
    from sklearn import datasets as sklearn_datasets

    expected = sklearn_datasets.load_digits()
    X, y = datasets.load_digits()
    np.testing.assert_array_equal(X, expected.data)
    np.testing.assert_array_equal(y, expected.target)


def _indexed(n=100, n_classes=3):
    """X holds the row index (so lost or duplicated rows show) and y = index % n_classes."""
    idx = np.arange(n)
    return np.c_[idx, idx * 0.5], idx % n_classes


@pytest.mark.parametrize("test_size, n_test", [(0.2, 20), (0.07, 7), (0.25, 25), (0.333, 34), (1, 1), (99, 99)])
@pytest.mark.parametrize("stratify", [False, True])
def test_split_keeps_every_sample_once_and_rows_aligned(test_size, n_test, stratify):
    X, y = _indexed()
    X_tr, X_te, y_tr, y_te = datasets.train_test_split(X, y, test_size, stratify=y if stratify else None)
    assert len(X_te) == len(y_te) == n_test and len(X_tr) == len(y_tr) == 100 - n_test
    np.testing.assert_array_equal(np.sort(np.r_[X_tr[:, 0], X_te[:, 0]]), np.arange(100))
    np.testing.assert_array_equal(np.r_[y_tr, y_te], np.r_[X_tr[:, 0], X_te[:, 0]] % 3)


@pytest.mark.parametrize(
    "counts, test_size, expected",
    [
        ([50, 30, 20], 0.2, [10, 6, 4]),  # exact shares
        ([50, 30, 23], 0.2, [10, 6, 5]),  # 21 test samples: shares 10.19, 6.12, 4.69 -> largest remainder
        ([5, 5, 5], 4, [2, 1, 1]),  # equal remainders: the first class wins the tie
        ([90, 10], 0.1, [9, 1]),
    ],
)
def test_stratified_split_keeps_the_class_proportions(counts, test_size, expected):
    y = np.repeat(np.arange(len(counts)), counts)
    X = np.arange(len(y))[:, None]
    _, _, y_tr, y_te = datasets.train_test_split(X, y, test_size, seed=3, stratify=y)
    np.testing.assert_array_equal(np.bincount(y_te), expected)
    np.testing.assert_array_equal(np.bincount(y_tr), np.array(counts) - expected)


def test_split_is_shuffled_and_deterministic_per_seed():
    X, y = _indexed()
    a = datasets.train_test_split(X, y, seed=1, stratify=y)
    b = datasets.train_test_split(X, y, seed=1, stratify=y)
    c = datasets.train_test_split(X, y, seed=2, stratify=y)
    assert all(np.array_equal(p, q) for p, q in zip(a, b, strict=True))
    assert not np.array_equal(a[1], c[1])
    assert not np.all(np.diff(a[0][:, 0]) > 0)  # the training rows are not left in their original order


def test_split_accepts_1d_inputs():
    x, y = datasets.linear()
    x_tr, x_te, y_tr, y_te = datasets.train_test_split(x, y, test_size=0.3)
    assert x_tr.shape == y_tr.shape == (70,) and x_te.shape == y_te.shape == (30,)
    np.testing.assert_array_equal(np.sort(np.r_[x_tr, x_te]), np.sort(x))


_X, _y = _indexed(10)


@pytest.mark.parametrize(
    "call, error, match",
    [
        (lambda: datasets.linear(n=0), ValueError, "n must be an integer >= 1, got 0"),
        (lambda: datasets.linear(n=2.5), ValueError, "n must be an integer >= 1, got 2.5"),
        (lambda: datasets.linear(noise=-0.1), ValueError, r"noise must be a finite number >= 0, got -0.1"),
        (lambda: datasets.linear(slope=np.nan), ValueError, "slope must be a finite number, got nan"),
        (
            lambda: datasets.linear(rng=np.random.default_rng(0)),
            TypeError,
            "rng must be None or a numpy RandomState, got Generator",
        ),
        (lambda: datasets.moons(n=1), ValueError, r"n must be an integer >= 2 \(one sample per moon\), got 1"),
        (lambda: datasets.moons(noise=-1), ValueError, "noise must be a finite number >= 0, got -1"),
        (lambda: datasets.spirals(classes=1), ValueError, "classes must be an integer >= 2, got 1"),
        (lambda: datasets.spirals(n=2, classes=3), ValueError, r"n must be an integer >= 3 \(one sample per class"),
        (lambda: datasets.spirals(noise=float("inf")), ValueError, "noise must be a finite number >= 0, got inf"),
        (
            lambda: datasets.train_test_split(_X, _y[:9]),
            ValueError,
            "X and y must have the same number of samples, got X with 10 rows and y with 9",
        ),
        (
            lambda: datasets.train_test_split(np.r_[_X[:9], [[np.nan, 0]]], _y),
            ValueError,
            "X must be finite, but it contains 1 NaN",
        ),
        (
            lambda: datasets.train_test_split(_X, _y, test_size=1.5),
            ValueError,
            r"test_size must be in \(0, 1\) or a positive int smaller than n_samples=10.*got 1.5",
        ),
        (lambda: datasets.train_test_split(_X, _y, test_size=10), ValueError, "smaller than n_samples=10.*got 10"),
        (lambda: datasets.train_test_split(_X, _y, test_size=0), ValueError, "test_size must be .* got 0"),
        (
            lambda: datasets.train_test_split(_X, _y, test_size=0.99),
            ValueError,
            "at least one sample in each set.*got 0.99",
        ),
        (lambda: datasets.train_test_split(_X, _y, test_size=True), ValueError, "test_size must be .* got True"),
        (
            lambda: datasets.train_test_split(_X, _y, stratify=_y[:5]),
            ValueError,
            r"stratify must have shape \(n_samples,\) = \(10,\), got shape \(5,\)",
        ),
        (
            lambda: datasets.train_test_split(_X, _y, stratify=np.r_[np.zeros(9), 1]),
            ValueError,
            r"stratify needs at least 2 members per class, got class 1\.0 with 1",
        ),
    ],
)
def test_bad_input_is_refused_with_a_message_that_says_why(call, error, match):
    with pytest.raises(error, match=match):
        call()
