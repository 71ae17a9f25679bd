"""Argument checks shared by the public functions: each error names the argument, the rule and
what was received, so a learner can fix the call from the message alone."""

import numbers

import numpy as np


def _is_int(value):
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def check_matrix(A, name, n_rows=None, n_cols=None, what="expected", dtype=None, finite=False):
    """Return ``A`` as a 2-D float array with at least one row, or raise a ValueError/TypeError that says
    what is wrong."""
    A = np.asarray(A)
    if A.dtype.kind not in "fiub":
        raise TypeError(f"{name} must be a numeric array, got dtype {A.dtype}")
    if A.ndim != 2:
        raise ValueError(f"{name} must be 2-D of shape (n_samples, n_features), got shape {A.shape}")
    if A.shape[0] == 0:
        raise ValueError(f"{name} must hold at least one sample (row), got shape {A.shape}")
    if n_cols is not None and A.shape[1] != n_cols:
        raise ValueError(f"{name} has {A.shape[1]} features, but {what}={n_cols}")
    if n_rows is not None and A.shape[0] != n_rows:
        raise ValueError(f"{name} has {A.shape[0]} rows, but {n_rows} were expected")
    if dtype is not None:
        A = A.astype(dtype, copy=False)
    elif A.dtype.kind != "f":
        A = A.astype(np.float64)
    if finite:
        check_finite(A, name)
    return A


def check_finite(A, name):
    """Raise ValueError if ``A`` holds NaN or infinity."""
    if not np.all(np.isfinite(A)):
        bad = int(np.size(A) - np.count_nonzero(np.isfinite(A)))
        raise ValueError(f"{name} must be finite, but it contains {bad} NaN or infinite value(s)")
    return A


def check_images(images, name="images"):
    """Return ``images`` as a float array of shape (n, h, w), n >= 1, finite; rows of h * h pixels are made square."""
    images = np.asarray(images, dtype=float)
    if images.ndim == 2:
        side = int(round(np.sqrt(images.shape[1])))
        if side * side != images.shape[1]:
            raise ValueError(f"{name} of shape (n, n_pixels) must be square, n_pixels = h * h, "
                             f"got n_pixels={images.shape[1]}")
        images = images.reshape(-1, side, side)
    if images.ndim != 3 or images.shape[0] == 0:
        raise ValueError(f"{name} must have shape (n, h * h) or (n, h, w) with n >= 1, got shape {images.shape}")
    check_finite(images, name)
    return images


def check_targets(y, n_samples, name="y", rows_of="X"):
    """Return ``y`` as a numeric array with one finite target per sample (a row of ``rows_of``)."""
    y = np.asarray(y)
    if y.ndim == 0 or y.shape[0] != n_samples:
        raise ValueError(f"{name} must have one target per sample: {rows_of} has {n_samples} rows, "
                         f"{name} has shape {y.shape}")
    if y.dtype.kind not in "fiub":
        raise TypeError(f"{name} must be numeric, got dtype {y.dtype}")
    if y.dtype.kind == "f":
        check_finite(y, name)
    return y


def check_labels(y, name):
    """Return ``y`` as int64 class labels 0, 1, ... of shape (n,); a column (n, 1) is accepted too."""
    y = np.asarray(y)
    if y.ndim == 2 and y.shape[1] == 1:
        y = y[:, 0]  # a column of labels is still one label per sample
    if y.ndim != 1:
        raise ValueError(f"{name} must be 1-D class labels of shape (n_samples,), got shape {y.shape}")
    integral = y.dtype.kind in "iub" or (y.dtype.kind == "f" and np.all(np.isfinite(y) & (y == np.round(y))))
    if not integral:
        raise ValueError(f"{name} must hold integer class labels 0, 1, ..., got dtype {y.dtype} "
                         f"with non-integer values (turn scores into labels first, e.g. with argmax)")
    if y.size and y.min() < 0:
        raise ValueError(f"{name} must hold class labels >= 0, got {y.min()}")
    return y.astype(np.int64)


def check_positive_int(value, name, allow_none=False):
    """Return ``value`` as an int if it is a positive integer (or None when allowed)."""
    if value is None and allow_none:
        return None
    if not _is_int(value) or value <= 0:
        raise ValueError(f"{name} must be a positive integer, got {value!r}")
    return int(value)


def check_positive_float(value, name, allow_zero=False):
    """Return ``value`` as a float if it is a finite number > 0 (or >= 0 when ``allow_zero``)."""
    ok = isinstance(value, numbers.Real) and not isinstance(value, bool) and np.isfinite(value)
    if not ok or value < 0 or (value == 0 and not allow_zero):
        rule = ">= 0" if allow_zero else "> 0"
        raise ValueError(f"{name} must be a finite number {rule}, got {value!r}")
    return float(value)


def check_sizes(sizes, name="sizes"):
    """Return layer sizes ``[n_0, ..., n_L]`` as a list of at least two positive ints."""
    if isinstance(sizes, (str, bytes)) or not hasattr(sizes, "__len__") or len(sizes) < 2:
        raise ValueError(f"{name} must be a list of at least 2 layer sizes, e.g. [2, 3, 1], got {sizes!r}")
    return [check_positive_int(n, f"{name}[{i}]") for i, n in enumerate(sizes)]


def check_seed(seed, name="seed"):
    """Return ``seed`` if NumPy's generators accept it: None or an integer >= 0."""
    if seed is None or (_is_int(seed) and seed >= 0):
        return seed
    error = ValueError if _is_int(seed) else TypeError
    raise error(f"{name} must be None or an integer >= 0, got {seed!r}")


def make_rng(rng, name="rng"):
    """A NumPy Generator: ``rng`` itself if it is one, else a new one seeded with ``rng`` (None or an int)."""
    if isinstance(rng, np.random.Generator):
        return rng
    if rng is None or _is_int(rng):
        return np.random.default_rng(check_seed(rng, name))
    raise TypeError(f"{name} must be None, an int seed or a numpy Generator, got {type(rng).__name__}")


def lookup(value, registry, name, kind=None):
    """Return the entry of ``registry`` that ``value`` names, or ``value`` itself if it is a ``kind``.

    Activations, losses, optimisers and initialisations are chosen by name; this is the one place that
    says which names exist when the name is unknown.
    """
    if kind is not None and isinstance(value, kind):
        return value
    if not isinstance(value, str):
        article = "an" if kind is not None and kind.__name__[0] in "AEIOU" else "a"
        expected = "a name (a str)" if kind is None else f"a name or {article} {kind.__name__}"
        raise TypeError(f"{name} must be {expected}, got {type(value).__name__}")
    try:
        return registry[value]
    except KeyError:
        raise ValueError(f"Unknown {name} {value!r}. Choose one of: {', '.join(sorted(registry))}") from None
