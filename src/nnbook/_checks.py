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
    # A NaN or an infinity makes the sum NaN or infinite, so a finite sum clears every number in one cheap pass
    # (this runs on every batch); only an infinite sum needs the exact count, which may still find none.
    if np.isfinite(np.asarray(A).sum()):
        return A
    bad = int(np.size(A) - np.count_nonzero(np.isfinite(A)))
    if bad:
        raise ValueError(f"{name} must be finite, but it contains {bad} NaN or infinite value(s)")
    return A


def check_images(images, name="images"):
    """Return ``images`` as a float array of shape (n, h, w), n >= 1, finite; rows of h * h pixels are made square."""
    images = np.asarray(images, dtype=float)
    if images.ndim == 2:
        side = int(round(np.sqrt(images.shape[1])))
        if side * side != images.shape[1]:
            raise ValueError(
                f"{name} of shape (n, n_pixels) must be square, n_pixels = h * h, got n_pixels={images.shape[1]}"
            )
        images = images.reshape(-1, side, side)
    if images.ndim != 3 or images.shape[0] == 0:
        raise ValueError(f"{name} must have shape (n, h * h) or (n, h, w) with n >= 1, got shape {images.shape}")
    check_finite(images, name)
    return images


def check_targets(y, n_samples, name="y", rows_of="X"):
    """Return ``y`` as a numeric array with one finite target per sample (a row of ``rows_of``)."""
    y = np.asarray(y)
    if y.ndim == 0 or y.shape[0] != n_samples:
        raise ValueError(
            f"{name} must have one target per sample: {rows_of} has {n_samples} rows, {name} has shape {y.shape}"
        )
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
        raise ValueError(
            f"{name} must hold integer class labels 0, 1, ..., got dtype {y.dtype} "
            f"with non-integer values (turn scores into labels first, e.g. with argmax)"
        )
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


def check_bool(value, name):
    """Return ``value`` if it is a bool (Python's or NumPy's): a flag given as "no" or 0 would pass as True or False."""
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    raise TypeError(f"{name} must be True or False, got {value!r}")


def check_unit_interval(value, name):
    """Return ``value`` as a float if it is a number in [0, 1): a momentum, a decay rate."""
    ok = isinstance(value, numbers.Real) and not isinstance(value, bool) and 0 <= value < 1
    if not ok:
        raise ValueError(f"{name} must be in [0, 1), got {value!r}")
    return float(value)


def check_float_dtype(dtype, name="dtype"):
    """Return ``dtype`` as a NumPy dtype if it is float32 or float64."""
    try:
        found = np.dtype(dtype)
    except TypeError:
        raise ValueError(f"{name} must be float32 or float64, got {dtype!r}") from None
    if found not in (np.float32, np.float64):
        raise ValueError(f"{name} must be float32 or float64, got {found}")
    return found


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


# --- Checks of the activations, data sets, augmentation and figures -----------------------------------------


def check_float_array(z, name):
    """Return ``z`` as a float array, finite: float32 and float64 are kept, other numbers become float64.

    The input check of every activation: one pass of ``np.isfinite`` per call, so a NaN or an infinity
    is reported where it enters rather than coming out as NaN.
    """
    z = np.asarray(z)
    if z.dtype.kind not in "fiub":
        raise TypeError(f"{name} must be a numeric array, got dtype {z.dtype}")
    # Keep float32 as float32 (faster training); everything else (ints, float16, ...) becomes float64.
    if z.dtype not in (np.float32, np.float64):
        z = z.astype(np.float64)
    return check_finite(z, name)


def check_vector(v, name, min_size=1):
    """Return ``v`` as a 1-D float64 array of at least ``min_size`` finite numbers."""
    v = np.asarray(v)
    if v.dtype.kind not in "fiub":
        raise TypeError(f"{name} must be a numeric array, got dtype {v.dtype}")
    if v.ndim != 1 or v.size < min_size:
        points = "point" if min_size == 1 else "points"
        raise ValueError(f"{name} must be 1-D with at least {min_size} {points}, got shape {v.shape}")
    return check_finite(v.astype(np.float64, copy=False), name)


def check_int(value, name, minimum=None, maximum=None, why=""):
    """Return ``value`` as an int if it is an integer (not a bool) in [``minimum``, ``maximum``].

    ``why`` is added to the rule in the message, e.g. ``" (one sample per class)"``.
    """
    if _is_int(value) and (minimum is None or value >= minimum) and (maximum is None or value <= maximum):
        return int(value)
    if minimum is not None and maximum is not None:
        rule = f"an integer from {minimum} to {maximum}"
    elif minimum is not None:
        rule = f"an integer >= {minimum}"
    elif maximum is not None:
        rule = f"an integer <= {maximum}"
    else:
        rule = "an integer"
    raise ValueError(f"{name} must be {rule}{why}, got {value!r}")


def check_real(value, name, minimum=None, below=None):
    """Return ``value`` as a float if it is a finite real number (not a bool) with ``minimum <= value < below``."""
    ok = isinstance(value, numbers.Real) and not isinstance(value, bool) and bool(np.isfinite(value))
    if ok and (minimum is None or value >= minimum) and (below is None or value < below):
        return float(value)
    if minimum is not None and below is not None:
        rule = f"a finite number in [{minimum}, {below})"
    elif minimum is not None:
        rule = f"a finite number >= {minimum}"
    elif below is not None:
        rule = f"a finite number < {below}"
    else:
        rule = "a finite number"
    raise ValueError(f"{name} must be {rule}, got {value!r}")


def check_choice(value, name, choices):
    """Return ``value`` if it is one of ``choices`` (a short tuple of str)."""
    if isinstance(value, str) and value in choices:
        return value
    quoted = [repr(c) for c in choices]
    rule = " or ".join(quoted) if len(quoted) == 2 else "one of " + ", ".join(quoted)
    raise ValueError(f"{name} must be {rule}, got {value!r}")


def check_protocol(obj, name, expected, attributes=(), methods=()):
    """Return ``obj`` if it has every attribute in ``attributes`` and a callable for every name in ``methods``.

    ``expected`` describes what is wanted in the message, e.g. ``"an object with a predict(X) method"``.
    """
    missing = [m for m in methods if not callable(getattr(obj, m, None))]
    if all(hasattr(obj, a) for a in attributes) and not missing:
        return obj
    without = f" without {', '.join(missing)}" if missing else ""
    raise TypeError(f"{name} must be {expected}, got {type(obj).__name__}{without}")


def check_pair(value, name, expected):
    """Return ``value`` as a tuple if it is a pair (a tuple or list of two items), e.g. ``(X_val, y_val)``."""
    if isinstance(value, (tuple, list)) and len(value) == 2:
        return tuple(value)
    raise ValueError(f"{name} must be a tuple {expected}, got {type(value).__name__}")


def check_callable(value, name, expected, allow_none=False):
    """Return ``value`` if it can be called (or is None when allowed)."""
    if callable(value) or (value is None and allow_none):
        return value
    raise TypeError(f"{name} must be {expected}{' or None' if allow_none else ''}, got {type(value).__name__}")


def check_one_per(values, n, name, per, count):
    """Return ``values`` flattened to shape (n,) if it has one entry per item, else say how many there are.

    E.g. ``check_one_per(labels, 3, "labels", "image", "3 images")`` raises
    "labels must have one entry per image: 3 images, got 2 entries".
    """
    values = np.asarray(values)
    if values.size != n:
        raise ValueError(f"{name} must have one entry per {per}: {count}, got {values.size} entries")
    return values.reshape(-1)


def check_samples(X, y):
    """Return ``X`` and ``y`` as arrays with one row per sample each (``X`` finite if it holds floats)."""
    X, y = np.asarray(X), np.asarray(y)
    if X.ndim == 0 or y.ndim == 0:
        raise ValueError(f"X and y must be arrays with one row per sample, got shapes {X.shape} and {y.shape}")
    if len(y) != len(X):
        raise ValueError(f"X and y must have the same number of samples, got X with {len(X)} rows and y with {len(y)}")
    if X.dtype.kind in "fc":
        check_finite(X, "X")
    return X, y


def check_test_size(test_size, n_samples):
    """Return the number of test samples: ``ceil(test_size * n_samples)`` for a float in (0, 1), ``test_size``
    for an int; either way at least one sample must be left in each set."""
    n_test = -1
    if _is_int(test_size):
        n_test = int(test_size)
    elif isinstance(test_size, numbers.Real) and not isinstance(test_size, bool) and 0 < test_size < 1:
        n_test = int(np.ceil(round(test_size * n_samples, 9)))  # round first: 0.07 * 100 is 7.000000000000001
    if not 0 < n_test < n_samples:
        raise ValueError(
            f"test_size must be in (0, 1) or a positive int smaller than n_samples={n_samples}, and "
            f"leave at least one sample in each set, got {test_size!r}"
        )
    return n_test


def check_stratify(stratify, n_samples):
    """Return ``classes, codes, counts`` of the class labels ``stratify`` (shape (n_samples,)): the distinct
    classes, the class index of every sample, and the size of every class, which must be at least 2."""
    labels = np.asarray(stratify)
    if labels.shape != (n_samples,):
        raise ValueError(f"stratify must have shape (n_samples,) = ({n_samples},), got shape {labels.shape}")
    classes, codes, counts = np.unique(labels, return_inverse=True, return_counts=True)
    if counts.min() < 2:
        k = np.argmin(counts)
        raise ValueError(f"stratify needs at least 2 members per class, got class {classes[k].item()!r} with 1")
    return classes, codes, counts


def make_random_state(rng, seed, name="rng"):
    """A legacy ``np.random.RandomState``: ``rng`` itself, or a new one seeded with ``seed`` when ``rng`` is None.

    Only chapter 1's data needs it: the legacy generator is the one that draws the stream of ``np.random.seed``.
    """
    if rng is None:
        return np.random.RandomState(check_seed(seed))
    if not isinstance(rng, np.random.RandomState):
        raise TypeError(f"{name} must be None or a numpy RandomState, got {type(rng).__name__}")
    return rng


def check_scores(z, name):
    """Return ``z`` as a finite float array (see :func:`check_float_array`) whose last axis holds at least one
    score: softmax normalises over that axis, and an empty row has nothing to normalise."""
    z = check_float_array(z, name)
    if z.ndim == 0 or z.shape[-1] == 0:
        raise ValueError(
            f"{name} must have at least one score per row (softmax normalises over the last axis), got shape {z.shape}"
        )
    return z
