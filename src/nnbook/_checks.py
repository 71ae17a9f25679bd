"""Argument checks shared by the public functions: each error names the argument, the rule and
what was received, so a learner can fix the call from the message alone."""

import numbers

import numpy as np


def check_matrix(A, name, n_rows=None, n_cols=None, what="expected", dtype=None, finite=False):
    """Return ``A`` as a 2-D float array, or raise a ValueError/TypeError that says what is wrong."""
    A = np.asarray(A)
    if A.dtype.kind not in "fiub":
        raise TypeError(f"{name} must be a numeric array, got dtype {A.dtype}")
    if A.ndim != 2:
        raise ValueError(f"{name} must be 2-D of shape (n_samples, n_features), got shape {A.shape}")
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


def check_positive_int(value, name, allow_none=False):
    """Return ``value`` as an int if it is a positive integer (or None when allowed)."""
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value <= 0:
        raise ValueError(f"{name} must be a positive integer, got {value!r}")
    return int(value)


def check_positive_float(value, name, allow_zero=False):
    """Return ``value`` as a float if it is a finite number > 0 (or >= 0 when ``allow_zero``)."""
    ok = isinstance(value, numbers.Real) and not isinstance(value, bool) and np.isfinite(value)
    if not ok or value < 0 or (value == 0 and not allow_zero):
        rule = ">= 0" if allow_zero else "> 0"
        raise ValueError(f"{name} must be a finite number {rule}, got {value!r}")
    return float(value)
