"""The book's small data sets (a noisy line, XOR, two moons, spirals, 8x8 digits) and ``train_test_split`` to
divide them. All return NumPy arrays with rows as samples; every random draw comes from a seed the caller passes
in, so a page shows the same numbers on every run. (Labels become one-hot rows with
:func:`nnbook.losses.one_hot`.)"""

from importlib import resources

import numpy as np

from ._checks import (
    check_int,
    check_positive_float,
    check_real,
    check_samples,
    check_stratify,
    check_test_size,
    make_random_state,
    make_rng,
)

__all__ = ["linear", "xor", "moons", "spirals", "load_digits", "train_test_split"]


def linear(n=100, slope=2.0, intercept=1.0, noise=0.2, seed=42, rng=None):
    """Noisy points on a line, :math:`y = \\text{slope}\\,x + \\varepsilon + \\text{intercept}`.

    :math:`x \\sim U(-1, 1)`, :math:`\\varepsilon \\sim \\mathcal{N}(0, \\text{noise}^2)`. The defaults give
    exactly chapter 1's seed data (``np.random.seed(42)``, then the noise, then x). That is why this uses
    the legacy ``np.random.RandomState``, not ``default_rng``: only it draws the stream of ``np.random.seed``.

    Parameters
    ----------
    n : int, default 100
    slope, intercept : float, default 2.0 and 1.0
    noise : float >= 0, default 0.2
        Standard deviation of :math:`\\varepsilon`.
    seed : int, default 42
        Seed of a fresh ``RandomState``; ignored when ``rng`` is given.
    rng : numpy.random.RandomState or None
        Draw from this instead, so the caller can go on drawing from the same stream (the seed code draws
        its initial weight right after the data: ``w0 = rng.randn()``).

    Returns
    -------
    x, y : ndarrays of shape (n,)
    """
    n = check_int(n, "n", minimum=1)
    noise = check_positive_float(noise, "noise", allow_zero=True)
    slope, intercept = check_real(slope, "slope"), check_real(intercept, "intercept")
    rng = make_random_state(rng, seed)
    eps = rng.randn(n) * noise
    x = rng.uniform(-1, 1, size=n)
    return x, slope * x + eps + intercept  # the seed's order of operations, so floats match bit for bit


def xor():
    """The four points of XOR, which no straight line separates.

    Returns
    -------
    X : ndarray of shape (4, 2), float64
        Rows ``[0, 0], [0, 1], [1, 0], [1, 1]``.
    y : ndarray of shape (4,), int
        ``[0, 1, 1, 0]``: 1 where exactly one input is 1.
    """
    return np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64), np.array([0, 1, 1, 0])


def moons(n=200, noise=0.1, seed=0):
    """Two interleaving half circles (like scikit-learn's ``make_moons``, not the same random numbers).

    Class 0 is :math:`(\\cos t, \\sin t)`, class 1 is :math:`(1 - \\cos t, \\tfrac12 - \\sin t)`, with
    :math:`t` evenly spaced in :math:`[0, \\pi]`; Gaussian noise is added and the samples are shuffled.

    Parameters
    ----------
    n : int >= 2, default 200
        ``n // 2`` samples in class 0, ``n - n // 2`` in class 1.
    noise : float >= 0, default 0.1
        Standard deviation of the noise on each coordinate.
    seed : int or None, default 0
        Seed for ``np.random.default_rng``.

    Returns
    -------
    X : ndarray of shape (n, 2), float64
    y : ndarray of shape (n,), int in {0, 1}
    """
    n = check_int(n, "n", minimum=2, why=" (one sample per moon)")
    noise = check_positive_float(noise, "noise", allow_zero=True)
    rng = make_rng(seed, "seed")
    t0, t1 = np.linspace(0, np.pi, n // 2), np.linspace(0, np.pi, n - n // 2)
    X = np.concatenate([np.c_[np.cos(t0), np.sin(t0)], np.c_[1 - np.cos(t1), 0.5 - np.sin(t1)]])
    X += rng.normal(0.0, noise, size=X.shape)
    order = rng.permutation(n)
    return X[order], np.repeat([0, 1], [n // 2, n - n // 2])[order]


def spirals(n=300, classes=3, noise=0.2, seed=0):
    """Interleaved spiral arms, one per class (the spiral data of Stanford's CS231n notes).

    On arm :math:`j` the radius :math:`r` is evenly spaced in :math:`[0, 1]`, the angle is
    :math:`t = 4(j + r) + \\varepsilon`, :math:`\\varepsilon \\sim \\mathcal{N}(0, \\text{noise}^2)`, and the
    point is :math:`(r \\sin t, r \\cos t)`. The samples are shuffled.

    Parameters
    ----------
    n : int >= classes, default 300
        Each class gets ``n // classes`` samples or one more.
    classes : int >= 2, default 3
    noise : float >= 0, default 0.2
        Standard deviation of the angle, in radians.
    seed : int or None, default 0
        Seed for ``np.random.default_rng``.

    Returns
    -------
    X : ndarray of shape (n, 2), float64
    y : ndarray of shape (n,), int in ``0 .. classes - 1``
    """
    classes = check_int(classes, "classes", minimum=2)
    n = check_int(n, "n", minimum=classes, why=f" (one sample per class, classes={classes})")
    noise = check_positive_float(noise, "noise", allow_zero=True)
    rng = make_rng(seed, "seed")
    counts = [n // classes + (j < n % classes) for j in range(classes)]
    r = np.concatenate([np.linspace(0.0, 1.0, c) for c in counts])
    y = np.repeat(np.arange(classes), counts)
    t = 4.0 * (y + r) + rng.normal(0.0, noise, size=n)
    order = rng.permutation(n)
    return np.c_[r * np.sin(t), r * np.cos(t)][order], y[order]


def load_digits():
    """The 1 797 handwritten digits of 8x8 pixels, each pixel a count from 0 to 16.

    Data: UCI Machine Learning Repository, "Optical Recognition of Handwritten Digits", E. Alpaydin and
    C. Kaynak (1998), CC BY 4.0, https://doi.org/10.24432/C50P49. ``nnbook/data/digits.csv.gz`` is the copy
    that scikit-learn ships: per row 64 pixels, then the label.

    Returns
    -------
    X : ndarray of shape (1797, 64), float64
        ``X[i].reshape(8, 8)`` is image ``i``.
    y : ndarray of shape (1797,), int in ``0 .. 9``
    """
    # as_file gives a real path even when the package is installed inside a zip archive.
    with resources.as_file(resources.files("nnbook") / "data" / "digits.csv.gz") as path:
        data = np.loadtxt(path, delimiter=",")
    return data[:, :-1], data[:, -1].astype(int)


def train_test_split(X, y, test_size=0.2, seed=0, stratify=None):
    """Shuffle the samples and split them into a training and a test set.

    The test set has ``ceil(test_size * n_samples)`` samples for a float ``test_size`` (as in scikit-learn),
    ``test_size`` for an int. With ``stratify``, class :math:`k` (:math:`n_k` members) first gets the floor
    of its share :math:`n_{test} n_k / n_{samples}`; the samples still missing go one each to the classes
    with the largest remainders (the first class wins a tie), so the total is exactly :math:`n_{test}`.

    Parameters
    ----------
    X : array_like of shape (n_samples, ...), finite
    y : array_like of shape (n_samples, ...)
    test_size : float in (0, 1) or int in [1, n_samples), default 0.2
    seed : int or None, default 0
        Seed for ``np.random.default_rng``: the same seed gives the same split.
    stratify : array_like of shape (n_samples,) or None
        Class labels (usually ``y``) whose proportions both sets keep; each class needs >= 2 members.

    Returns
    -------
    X_train : ndarray of shape (n_samples - n_test, ...)
    X_test : ndarray of shape (n_test, ...)
    y_train : ndarray of shape (n_samples - n_test, ...)
    y_test : ndarray of shape (n_test, ...)
    """
    X, y = check_samples(X, y)
    n = len(X)
    n_test = check_test_size(test_size, n)
    rng = make_rng(seed, "seed")
    if stratify is None:
        order = rng.permutation(n)
        return X[order[n_test:]], X[order[:n_test]], y[order[n_test:]], y[order[:n_test]]
    classes, codes, counts = check_stratify(stratify, n)
    share = n_test * counts / n
    n_k = np.floor(share).astype(int)
    n_k[np.argsort(n_k - share, kind="stable")[: n_test - n_k.sum()]] += 1
    members = [rng.permutation(np.flatnonzero(codes == k)) for k in range(len(classes))]
    test = rng.permutation(np.concatenate([m[:t] for m, t in zip(members, n_k, strict=True)]))
    train = rng.permutation(np.concatenate([m[t:] for m, t in zip(members, n_k, strict=True)]))
    return X[train], X[test], y[train], y[test]
